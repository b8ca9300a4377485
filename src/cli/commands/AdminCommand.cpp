// dealboard-cli admin: the team on a server (its roles, rights and logins).
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/DealStore.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/TeamAdministration.h"

#include <QTextStream>

namespace dealboard::cli {

namespace {

OptionDocs adminDocs()
{
    return {{QStringLiteral("role"), QStringLiteral("rep|manager"), QStringLiteral("what the user may do")},
            {QStringLiteral("new-password-stdin"), QString(),
             QStringLiteral("read the new user's password from the first line of standard input")}};
}

std::optional<TeamRole> roleFrom(const QString& text)
{
    if (text == u"rep") {
        return TeamRole::Rep;
    }
    if (text == u"manager") {
        return TeamRole::Manager;
    }
    return std::nullopt;
}

class AdminCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("admin"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("init-team"),
                 QStringLiteral("set up the team of a server's pipeline: roles for its reps and managers, rights the "
                                "server enforces (run by the database's owner or a superuser)"),
                 {}},
                {QStringLiteral("add-user NAME --role rep|manager --new-password-stdin"),
                 QStringLiteral("a login of the team; the password reaches the server only as a SCRAM hash"),
                 adminDocs()},
                {QStringLiteral("list-users"), QStringLiteral("the team's users, their roles, enabled or not"), {}},
                {QStringLiteral("set-role NAME rep|manager"), QStringLiteral("change what a user may do"), {}},
                {QStringLiteral("disable-user NAME"), QStringLiteral("the user can no longer sign in"), {}},
                {QStringLiteral("enable-user NAME"), QStringLiteral("a disabled user may sign in again"), {}},
                {QStringLiteral("set visibility team|own"),
                 QStringLiteral("whether reps see the whole team's pipeline or only their own deals"),
                 {}},
                {QStringLiteral("get visibility"), QStringLiteral("prints team or own"), {}}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        return parsed(context, arguments.mid(1), optionSpec(adminDocs()),
                      [sub](Context& c, const CommandLine& line) { return administer(c, sub, line); });
    }

private:
    static Prepared administer(Context& context, const QString& sub, const CommandLine& line)
    {
        const QString url = context.databasePath();
        const QStringList names = line.positionals();
        if (sub == u"init-team" && names.isEmpty()) {
            if (Result<void> done = TeamAdministration::initTeam(url); !done) {
                return context.fail(done.error());
            }
            printOut(QStringLiteral("The team of %1 is set up. Add its users with admin add-user.\n").arg(url));
            return ExitDone;
        }
        if (sub == u"add-user" && names.size() == 1) {
            const std::optional<TeamRole> role = roleFrom(line.value(QStringLiteral("role")).value_or(QString()));
            if (!role || !line.flag(QStringLiteral("new-password-stdin"))) {
                return context.usage(QStringLiteral(
                    "admin add-user needs NAME --role rep|manager --new-password-stdin (the password on stdin)"));
            }
            QTextStream input(stdin);
            const QString password = input.readLine();
            if (Result<void> done = TeamAdministration::addMember(url, names.front(), *role, password); !done) {
                return context.fail(done.error());
            }
            printOut(QStringLiteral("Added %1.\n").arg(names.front()));
            return ExitDone;
        }
        if (sub == u"list-users" && names.isEmpty()) {
            Result<std::vector<TeamMember>> members = TeamAdministration::members(url);
            if (!members) {
                return context.fail(members.error());
            }
            for (const TeamMember& member : members.value()) {
                printOut(QStringLiteral("%1  %2  %3\n")
                             .arg(member.name.leftJustified(20),
                                  (member.role == TeamRole::Manager ? QStringLiteral("manager") : QStringLiteral("rep"))
                                      .leftJustified(8),
                                  member.enabled ? QStringLiteral("enabled") : QStringLiteral("disabled")));
            }
            return ExitDone;
        }
        if (sub == u"set-role" && names.size() == 2) {
            const std::optional<TeamRole> role = roleFrom(names[1]);
            if (!role) {
                return context.usage(QStringLiteral("admin set-role NAME rep|manager"));
            }
            if (Result<void> done = TeamAdministration::setRole(url, names[0], *role); !done) {
                return context.fail(done.error());
            }
            printOut(QStringLiteral("%1 is now a %2.\n").arg(names[0], names[1]));
            return ExitDone;
        }
        if ((sub == u"disable-user" || sub == u"enable-user") && names.size() == 1) {
            const bool enabled = sub == u"enable-user";
            if (Result<void> done = TeamAdministration::setEnabled(url, names[0], enabled); !done) {
                return context.fail(done.error());
            }
            printOut(
                (enabled ? QStringLiteral("%1 may sign in again.\n") : QStringLiteral("%1 can no longer sign in.\n"))
                    .arg(names[0]));
            return ExitDone;
        }
        if ((sub == u"set" && names.size() == 2 && names[0] == u"visibility")
            || (sub == u"get" && names == QStringList {QStringLiteral("visibility")})) {
            return visibility(context, sub == u"set" ? names[1] : QString());
        }
        return context.usage(
            QStringLiteral("admin needs init-team, add-user NAME, list-users, set-role NAME ROLE, disable-user NAME, "
                           "enable-user NAME, set visibility team|own or get visibility"));
    }

    // Prints the team's visibility, or sets it (`value` team or own).
    static Prepared visibility(Context& context, const QString& value)
    {
        if (!value.isEmpty() && value != u"team" && value != u"own") {
            return context.usage(QStringLiteral("admin set visibility needs team (reps see the whole pipeline) or own "
                                                "(reps see only their deals), not '%1'")
                                     .arg(value));
        }
        return [&context, value](Pipeline& pipeline) -> int {
            TeamService& team = pipeline.team();
            if (!value.isEmpty()) {
                if (Result<void> done
                    = team.setVisibility(value == u"own" ? TeamVisibility::Own : TeamVisibility::Team);
                    !done) {
                    return context.fail(done.error());
                }
            }
            Result<TeamVisibility> current = team.visibility();
            if (!current) {
                return context.fail(current.error());
            }
            printOut(current.value() == TeamVisibility::Own ? QStringLiteral("own\n") : QStringLiteral("team\n"));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeAdminCommand()
{
    return std::make_unique<AdminCommand>();
}

} // namespace dealboard::cli
