// dealboard-cli restore: a backup in place of the pipeline, all or nothing.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/PipelineBackup.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"

#include <QDir>

namespace dealboard::cli {

namespace {

class RestoreCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("restore"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("FILE"),
                 QStringLiteral("put a backup in place of the pipeline, all or nothing; the pipeline must be closed "
                                "everywhere, and what it held is kept beside it first"),
                 {}}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        if (line.positionals().size() != 1) {
            return context.usage(QStringLiteral("restore needs the backup to put back: restore FILE"));
        }
        const QString backup = line.positionals().front();
        if (PipelineLocation::isAddress(context.databasePath())) {
            return context.fail(
                makeError(ErrorCode::InvalidInput,
                          QStringLiteral("restore puts a file back in place of a pipeline file. A server's pipeline is "
                                         "restored with pg_restore, or copied from a backup file into a new database: "
                                         "dealboard-cli copy --from %1 --to postgresql://…/NEW_DATABASE")
                              .arg(QDir::toNativeSeparators(backup))));
        }
        // The pipeline is not opened first: restoring onto an open pipeline is refused.
        Result<QString> restored = PipelineBackup::restore(backup, context.databasePath());
        if (!restored) {
            return context.fail(restored.error());
        }
        if (!restored.value().isEmpty()) {
            printErr(QStringLiteral("What the pipeline held before is kept in %1\n"
                                    "Copies taken before a restore are kept apart from the backups taken before an "
                                    "update, and stay until you remove them.\n")
                         .arg(QDir::toNativeSeparators(restored.value())));
        }
        // Opening it checks it, and brings an older backup up to this version.
        return [&context, backup](Pipeline&) -> int {
            printErr(QStringLiteral("Restored %1 from %2\n")
                         .arg(QDir::toNativeSeparators(context.databasePath()), QDir::toNativeSeparators(backup)));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeRestoreCommand()
{
    return std::make_unique<RestoreCommand>();
}

} // namespace dealboard::cli
