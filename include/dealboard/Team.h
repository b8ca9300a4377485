#pragma once

// A team on one server: people with logins of their own, reps and managers,
// with rights the server itself enforces (grants and row-level security).
// The roles belong to one database: "<database>_rep", "<database>_manager",
// and "<database>_owner", which owns the tables and cannot log in.
#include <QString>
#include <vector>

namespace dealboard {

enum class TeamRole { Rep, Manager };

// Whether reps see the team's whole pipeline or only their own deals; the
// server's row-level security reads it from the settings row of this key.
enum class TeamVisibility { Team, Own };
inline const QString TeamVisibilityKey = QStringLiteral("team.visibility");

struct TeamMember
{
    QString name;
    TeamRole role = TeamRole::Rep;
    bool enabled = true;
};

// Who this connection is, on a team's server; `isTeam` is false on a file
// and on a server whose team was never set up (everyone may do everything).
struct TeamSession
{
    bool isTeam = false;
    QString user; // the login, which a deal's owner and the history's actor name
    bool manager = false;
    bool databaseOwner = false; // sets the team up; copies and restores other people's rows

    // "manager", "owner" (of the database) or "rep", for titles and logs.
    QString roleName() const
    {
        return manager ? QStringLiteral("manager") : databaseOwner ? QStringLiteral("owner") : QStringLiteral("rep");
    }
    // May this session change a deal owned by `owner`?
    bool mayChange(const QString& owner) const { return !isTeam || manager || databaseOwner || owner == user; }
    bool mayManage() const { return !isTeam || manager || databaseOwner; }

    // Why this session may not change `what` ("'Acme renewal'") of a deal
    // owned by `owner`; empty when it may. The service refuses with it, the
    // board disables what it would refuse and says it in the tooltip.
    QString whyNotChange(const QString& owner, const QString& what) const
    {
        if (mayChange(owner)) {
            return {};
        }
        return QStringLiteral("Only the deal's owner (%1) or a manager can change %2; you are signed in as %3.")
            .arg(owner.isEmpty() ? QStringLiteral("nobody") : owner, what, user);
    }
    // Why this session may not set `what` ("the stage goals"); empty when it may.
    QString whyNotManage(const QString& what) const
    {
        if (mayManage()) {
            return {};
        }
        return QStringLiteral("Only a manager can set %1; you are signed in as %2 (a rep).").arg(what, user);
    }
};

} // namespace dealboard
