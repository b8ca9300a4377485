// dealboard-cli backup and restore.
#include "CliApp.h"
#include "CliSupport.h"
#include "dealboard/PipelineBackup.h"

#include <QDir>
#include <spdlog/spdlog.h>

namespace dealboard::cli {

int CliApp::cmdBackup(const QStringList& args)
{
    QString fault;
    const auto line = CommandLine::parse(args, withGlobals({{QStringLiteral("out"), true}}), fault);
    if (!line) {
        return usage(fault);
    }
    const std::optional<QString> out = line->value(QStringLiteral("out"));
    if (!out || out->isEmpty() || !line->positionals().isEmpty()) {
        return usage(QStringLiteral("backup needs where to write the copy: backup --out FILE (a new file)"));
    }
    if (!openService()) {
        return ExitBadInput;
    }
    if (Result<void> copied = m_service->store().backupTo(*out); !copied) {
        return fail(copied.error());
    }
    printErr(QStringLiteral("Backed up the pipeline to %1\n").arg(QDir::toNativeSeparators(*out)));
    return ExitDone;
}

int CliApp::cmdRestore(const QStringList& args)
{
    QString fault;
    const auto line = CommandLine::parse(args, withGlobals({}), fault);
    if (!line) {
        return usage(fault);
    }
    if (line->positionals().size() != 1) {
        return usage(QStringLiteral("restore needs the backup to put back: restore FILE"));
    }
    // The pipeline is not opened first: restoring onto an open pipeline is refused.
    Result<QString> restored = PipelineBackup::restore(line->positionals().front(), m_databasePath);
    if (!restored) {
        return fail(restored.error());
    }
    if (!restored.value().isEmpty()) {
        printErr(QStringLiteral("What the pipeline held before is kept in %1\n")
                     .arg(QDir::toNativeSeparators(restored.value())));
    }
    // Opening it checks it, and brings an older backup up to this version.
    if (!openService()) {
        return ExitBadInput;
    }
    printErr(QStringLiteral("Restored %1 from %2\n")
                 .arg(QDir::toNativeSeparators(m_databasePath), QDir::toNativeSeparators(line->positionals().front())));
    return ExitDone;
}

} // namespace dealboard::cli
