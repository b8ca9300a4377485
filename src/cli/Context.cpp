#include "Context.h"

#include "Output.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/service/PipelineOpener.h"

#include <QDir>
#include <QFile>

namespace dealboard::cli {

Context::Context(QString databasePath, std::shared_ptr<const Clock> clock)
    : m_databasePath(std::move(databasePath))
    , m_clock(std::move(clock))
{
}

bool Context::openService()
{
    if (m_service) {
        return true;
    }
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(m_databasePath);
    if (!store) {
        fail(store.error());
        return false;
    }
    if (m_actorGiven && store.value()->team().isTeam) {
        fail(makeError(ErrorCode::InvalidInput,
                       QStringLiteral("--actor is not taken on a team's server: the history names who is signed in "
                                      "(%1), and the server checks it. Leave --actor out.")
                           .arg(store.value()->team().user)));
        return false;
    }
    const QString shown = QDir::toNativeSeparators(store.value()->path());
    store.value()->setWaitObserver([shown] {
        printErr(
            QStringLiteral("dealboard-cli: waiting for another DealBoard to finish writing to '%1'…\n").arg(shown));
    });
    m_service = std::make_unique<Pipeline>(std::move(store.value()), m_clock);
    if (m_actorGiven) {
        if (Result<void> named = m_service->setActor(m_actor); !named) {
            fail(named.error());
            m_service.reset();
            return false;
        }
    }
    return true;
}

// Where a missing record's id can be found: the CLI's own hint after the
// service's message.
QString Context::whereToLook(const Error& error)
{
    if (error.missing == u"connection") {
        return QStringLiteral(" The CLI takes a password from PGPASSWORD, ~/.pgpass or --password-stdin.");
    }
    if (error.code != ErrorCode::NotFound) {
        return {};
    }
    if (error.missing == u"deal") {
        return QStringLiteral(" `dealboard-cli list` shows the deals and their ids.");
    }
    if (error.missing == u"organization") {
        return QStringLiteral(" `dealboard-cli org list` shows them and their ids.");
    }
    if (error.missing == u"person" || error.missing == u"activity") {
        return QStringLiteral(" `dealboard-cli %1 list` shows them and their ids.").arg(error.missing);
    }
    return {};
}

int Context::usage(const QString& fault) const
{
    printErr(QStringLiteral("dealboard-cli: %1\nRun 'dealboard-cli --help' for the commands and their options.\n")
                 .arg(fault));
    return ExitUsage;
}

int Context::fail(const Error& error) const
{
    printErr(QStringLiteral("dealboard-cli: %1%2\n").arg(error.message, whereToLook(error)));
    if (error.code == ErrorCode::RefusedByRules) {
        for (Requirement requirement : error.unmet) {
            printErr(
                QStringLiteral("  unmet: %1 (%2)\n").arg(requirementCode(requirement), requirementText(requirement)));
        }
        return ExitRefused;
    }
    if (error.code == ErrorCode::TooFrequent) {
        return ExitRefused;
    }
    return ExitBadInput;
}

int Context::writeOutput(const QString& out, const std::function<bool(QIODevice*)>& write) const
{
    if (out == u"-") {
        if (PipelineFiles::standardOutputIsOwnFile(m_databasePath)) {
            return fail(makeError(ErrorCode::InvalidInput,
                                  QStringLiteral("Standard output is the open pipeline's own file; writing there "
                                                 "would destroy it. Redirect the output to another file.")));
        }
        QFile stream;
        if (!stream.open(stdout, QIODevice::WriteOnly) || !write(&stream)) {
            return fail(makeError(ErrorCode::Storage, QStringLiteral("Couldn't write to standard output.")));
        }
        return ExitDone;
    }
    if (Result<void> saved = PipelineFiles::saveAtomically(out, m_databasePath, write); !saved) {
        return fail(saved.error());
    }
    return ExitDone;
}

} // namespace dealboard::cli
