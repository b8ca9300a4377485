#pragma once

// A team's roles on a server and the expressions its policies share
// (ServerTeamRights.cpp), for setting the team up (ServerTeam.cpp).
#include <QString>
#include <vector>

namespace dealboard::teamroles {

struct Roles
{
    QString database;
    QString rep;
    QString manager;
    QString owner;
    QString admin; // may make roles; owns only the team's administration functions
};

Roles rolesOf(const QString& database);
// Whether the signed-in user is a manager or the database's owner: in a
// policy's expression.
QString privilegedUser(const Roles& roles);
// A row that belongs to a deal (deal_id) the signed-in user may change.
QString changeableDeal(const Roles& roles);
// The team's administration functions (CREATE FUNCTION), in their order.
const std::vector<const char*>& administrationFunctions();

} // namespace dealboard::teamroles
