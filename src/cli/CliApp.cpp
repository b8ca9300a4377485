#include "CliApp.h"

#include "Command.h"
#include "Context.h"
#include "Output.h"
#include "dealboard/AppPaths.h"
#include "dealboard/Logging.h"
#include "dealboard/ServerAddress.h"
#include "dealboard/ServerTrust.h"
#include "dealboard/StoredTime.h"

#include <QTextStream>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <spdlog/spdlog.h>

#ifndef DEALBOARD_VERSION
#define DEALBOARD_VERSION "unknown"
#endif

namespace dealboard::cli {

namespace {

const char* const HelpHead = R"(Usage: dealboard-cli [--db PATH|URL] [--password-stdin] [--verbose] COMMAND [ARGS...]

DealBoard's pipeline, headless. Without --db the pipeline in your data folder is used
(the same file the board opens); a postgresql://user@host:port/database URL names a
pipeline on a server. 'dealboard-cli COMMAND --help' shows a command's options.

Commands:
)";

const char* const HelpTail = R"(
Deal options: --title T --company C --contact NAME --email E --phone P --owner O
  --value 1234.50 --currency EUR --close-date YYYY-MM-DD (empty clears it)
  --willing --need --budget (add only; use qualify to change them)
Every command that changes a deal accepts --actor NAME (for the history; on a
team's server the history names who is signed in, and --actor is refused) and
--expect-version N (refused as stale when the deal changed since version N).

Org options: --name --industry --size --region --website --notes --tags "a, b"
Person options: --name --email --phone --role --org NAME --notes --tags "a, b"
A call, email or meeting too soon after another touch of the same person is
refused (exit 3) with when the last touch was; --anyway saves it all the same.

Stages: prospecting qualifying contacting relationship negotiation closing retention

Global options: --db PATH (the pipeline file) or --db postgresql://user@host:port/db
  (a server; the password comes from PGPASSWORD, ~/.pgpass, or the first line of
  standard input with --password-stdin, never from the URL), --verbose (debug lines
  in the log), --version, --help.
Exit codes: 0 done; 1 wrong usage; 2 bad input or data (unknown deal, stale
version, unreadable file); 3 refused by the pipeline's rules (each unmet rule
is named on stderr; a touch too soon is refused the same way).
Environment: DEALBOARD_NOW=2026-01-31T12:00:00Z fixes the clock (for scripts and tests).
)";

int usage(const QString& fault)
{
    printErr(QStringLiteral("dealboard-cli: %1\nRun 'dealboard-cli --help' for the commands and their options.\n")
                 .arg(fault));
    return ExitUsage;
}

// True when a command's arguments ask for its help (before any "--").
bool asksForHelp(const QStringList& arguments)
{
    for (const QString& argument : arguments) {
        if (argument == u"--") {
            return false;
        }
        if (argument == u"--help" || argument == u"-h") {
            return true;
        }
    }
    return false;
}

} // namespace

QString CliApp::helpText()
{
    QString text = QString::fromUtf8(HelpHead);
    for (const std::unique_ptr<Command>& command : allCommands()) {
        text += command->overview();
    }
    return text + QString::fromUtf8(HelpTail);
}

int CliApp::run(const QStringList& arguments)
{
    const int code = runCommand(arguments);
    // Buffered output may fail only now (a full disk, a closed descriptor):
    // a script must never read success when nothing reached it.
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    if (!flushed || std::ferror(stdout) != 0) {
        const int why = errno;
        spdlog::error("Writing to standard output failed: {}", std::strerror(why));
        printErr(QStringLiteral("dealboard-cli: couldn't write to standard output (%1); the output is incomplete.\n")
                     .arg(QString::fromLocal8Bit(std::strerror(why != 0 ? why : EIO))));
        return code == ExitDone ? ExitBadInput : code;
    }
    return code;
}

int CliApp::runCommand(const QStringList& arguments)
{
    // Global options stand before the command; commands accept them too.
    QStringList rest = arguments;
    bool verbose = false;
    QString databasePath;
    bool databaseNamed = false; // --db was given, even if empty
    bool passwordFromInput = false;
    while (!rest.isEmpty() && rest.front().startsWith(QLatin1String("-"))) {
        const QString option = rest.takeFirst();
        if (option == u"--help" || option == u"-h") {
            printOut(helpText());
            return ExitDone;
        }
        if (option == u"--version") {
            printOut(QStringLiteral("dealboard-cli %1\n").arg(QStringLiteral(DEALBOARD_VERSION)));
            return ExitDone;
        }
        if (option == u"--verbose") {
            verbose = true;
        } else if (option == u"--password-stdin") {
            passwordFromInput = true;
        } else if (option == u"--db") {
            if (rest.isEmpty()) {
                return usage(QStringLiteral("--db needs a path"));
            }
            databasePath = rest.takeFirst();
            databaseNamed = true;
        } else if (option.startsWith(QLatin1String("--db="))) {
            databasePath = option.mid(5);
            databaseNamed = true;
        } else {
            return usage(QStringLiteral("unknown option %1").arg(option));
        }
    }
    if (rest.isEmpty()) {
        return usage(QStringLiteral("no command given"));
    }
    const QString name = rest.takeFirst();
    // Late global options: pull --db and --verbose out of the command's own arguments.
    for (qsizetype i = 0; i < rest.size(); ++i) {
        if (rest[i] == u"--verbose") {
            verbose = true;
            rest.removeAt(i--);
        } else if (rest[i] == u"--password-stdin") {
            passwordFromInput = true;
            rest.removeAt(i--);
        } else if (rest[i] == u"--db" && i + 1 < rest.size()) {
            databasePath = rest[i + 1];
            databaseNamed = true;
            rest.remove(i, 2);
            --i;
        } else if (rest[i] == u"--") {
            break;
        }
    }
    Command* command = findCommand(name);
    if (command && asksForHelp(rest)) {
        printOut(command->help());
        return ExitDone;
    }

    initLogging(QStringLiteral("dealboard-cli"), verbose, AppPaths::logFile());

    std::shared_ptr<const Clock> clock;
    const QByteArray fixedNow = qgetenv("DEALBOARD_NOW");
    if (!fixedNow.isEmpty()) {
        const QDateTime now = parseIsoTime(QString::fromUtf8(fixedNow));
        if (!now.isValid()) {
            printErr(QStringLiteral("dealboard-cli: DEALBOARD_NOW='%1' is not an ISO-8601 time such as "
                                    "2026-01-31T12:00:00Z.\n")
                         .arg(QString::fromUtf8(fixedNow)));
            return ExitBadInput;
        }
        clock = std::make_shared<FixedClock>(now);
    } else {
        clock = std::make_shared<SystemClock>();
    }
    if (databaseNamed && databasePath.isEmpty()) {
        // An unset variable in a script must not write to the user's own pipeline.
        return usage(QStringLiteral("--db was given an empty path. Name the pipeline file, or leave --db out "
                                    "for the pipeline in your data folder"));
    }
    if (databasePath.isEmpty()) {
        databasePath = AppPaths::defaultDatabase();
    }
    if (passwordFromInput) {
        // One line, as docker login and psql's scripts pass it; it stays in memory only.
        QTextStream input(stdin);
        const QString password = input.readLine();
        if (password.isEmpty()) {
            return usage(QStringLiteral("--password-stdin read no password: give it as the first line of standard "
                                        "input"));
        }
        setServerPassword(password);
    }
    if (!command) {
        return usage(QStringLiteral("unknown command '%1'").arg(name));
    }
    // A server seen for the first time is trusted and said so, as ssh's
    // accept-new does; a changed certificate is refused (ServerTrust).
    ServerTrust::setFirstUse([](const ServerAddress& server, const QString& fingerprint) {
        printErr(QStringLiteral("dealboard-cli: %1 is new to this machine. The SHA-256 fingerprint of its TLS "
                                "certificate is\n  %2\nIt is trusted from now on. If you did not expect a new "
                                "server, compare the fingerprint with its admin; `dealboard-cli servers forget %1` "
                                "forgets it.\n")
                     .arg(ServerTrust::nameOf(server), fingerprint));
        return true;
    });
    spdlog::debug("Running '{}' on {}", name.toStdString(), databasePath.toStdString());
    Context context(databasePath, clock);
    context.setDatabaseNamed(databaseNamed);
    // Checked once here for every command on a server (the admin commands
    // included), so that a changed certificate ends each one alike.
    if (name != u"servers") {
        if (Result<void> trusted = ServerTrust::check(databasePath); !trusted) {
            return context.fail(trusted.error());
        }
    }
    for (qsizetype i = 0; i < rest.size(); ++i) {
        const QString& argument = rest.at(i);
        if (argument == u"--") {
            break;
        }
        // Named in a file's change log as well as in the history.
        if (argument == u"--actor") {
            context.setActor(i + 1 < rest.size() ? rest.at(i + 1) : QString());
        } else if (argument.startsWith(QLatin1String("--actor="))) {
            context.setActor(argument.mid(8));
        }
    }
    return command->run(context, rest);
}

} // namespace dealboard::cli
