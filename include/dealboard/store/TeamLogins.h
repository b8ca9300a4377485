#pragma once

// What a new login of a team may be called and what reaches the server as
// its password. The team's administration function on the server
// (dealboard_team.add_user) refuses the same, for clients that skip these.
#include "dealboard/Result.h"

#include <QString>

namespace dealboard {

class TeamLogins final
{
public:
    // A login the team may add to the database `database`: lowercase letters,
    // digits, '_', '.' and '-', starting with a letter, 1 to 63 bytes, not
    // PostgreSQL's own (pg_...) nor one of the team's roles. Why not, with
    // what to do, otherwise.
    static Result<void> checkName(const QString& name, const QString& database);
    // Whether `verifier` is a well-formed SCRAM-SHA-256 verifier:
    // SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>, base64.
    static bool isScramVerifier(const QString& verifier);
};

} // namespace dealboard
