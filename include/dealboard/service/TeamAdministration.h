#pragma once

// A team on a server, administered by its database's owner (who sets it up)
// and then by its managers: roles for reps and managers of this database
// only, grants and row-level security, and the team's logins. The team's
// settings are TeamService's.
#include "dealboard/Result.h"
#include "dealboard/store/Team.h"

#include <QString>
#include <vector>

namespace dealboard {

class TeamAdministration final
{
public:
    static Result<void> initTeam(const QString& url);
    // A login of the team; the password reaches the server as a SCRAM hash.
    static Result<void> addMember(const QString& url, const QString& name, TeamRole role, const QString& password);
    static Result<std::vector<TeamMember>> members(const QString& url);
    static Result<void> setRole(const QString& url, const QString& name, TeamRole role);
    // A user who may no longer sign in, or may again.
    static Result<void> setEnabled(const QString& url, const QString& name, bool enabled);
};

} // namespace dealboard
