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
    Result<std::unique_ptr<Pipeline>> opened = PipelineOpener::open(PipelineLocation(m_databasePath), m_clock);
    if (!opened) {
        fail(opened.error());
        return false;
    }
    PipelineReads& reads = opened.value()->reads();
    if (m_actorGiven && reads.team().isTeam) {
        fail(makeError(ErrorCode::InvalidInput,
                       QStringLiteral("--actor is not taken on a team's server: the history names who is signed in "
                                      "(%1), and the server checks it. Leave --actor out.")
                           .arg(reads.team().user)));
        return false;
    }
    const QString shown = QDir::toNativeSeparators(reads.path());
    reads.setWaitObserver([shown] {
        printErr(
            QStringLiteral("dealboard-cli: waiting for another DealBoard to finish writing to '%1'…\n").arg(shown));
    });
    m_service = std::move(opened.value());
    if (m_actorGiven) {
        if (Result<void> named = m_service->setActor(m_actor); !named) {
            fail(named.error());
            m_service.reset();
            return false;
        }
    }
    return true;
}

// Where a missing record's id can be found, or which command takes the step
// the core's message names: the CLI's own hint after the service's message.
QString Context::whereToLook(const Error& error)
{
    if (error.missing == u"connection") {
        return QStringLiteral(" The CLI takes a password from PGPASSWORD, ~/.pgpass or --password-stdin.");
    }
    if (!error.subject.isEmpty()) {
        if (error.missing == u"pipeline") {
            return QStringLiteral(" `dealboard-cli --db %1 init` creates it.").arg(error.subject);
        }
        if (error.missing == u"upgrade") {
            return QStringLiteral(" `dealboard-cli --db %1 migrate` upgrades it.").arg(error.subject);
        }
        if (error.missing == u"file") {
            return QStringLiteral(" `dealboard-cli copy --from %1 --to FILE` copies it.").arg(error.subject);
        }
        if (error.missing == u"database") {
            return QStringLiteral(" `dealboard-cli copy --from %1 --to postgresql://…/NEW_DATABASE` copies it.")
                .arg(error.subject);
        }
        if (error.missing == u"certificate") {
            return QStringLiteral(" `dealboard-cli servers forget %1` forgets the kept one.").arg(error.subject);
        }
    }
    if (error.code == ErrorCode::LikelyDuplicate) {
        return QStringLiteral(" Nothing was saved: use that %1 (id %2), or repeat with --new to save this one anyway.")
            .arg(error.missing, error.subject);
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
    if (error.code == ErrorCode::TooFrequent || error.code == ErrorCode::LikelyDuplicate) {
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
