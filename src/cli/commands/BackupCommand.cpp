// dealboard-cli backup: a consistent copy while others work on.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"

#include <QDir>

namespace dealboard::cli {

namespace {

class BackupCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("backup"); }
    std::vector<CommandForm> forms() const override
    {
        return {
            {QStringLiteral("--out FILE"),
             QStringLiteral("a consistent copy (a new file), while others work on"),
             {{QStringLiteral("out"), QStringLiteral("FILE"), QStringLiteral("where the copy goes (a new file)")}}}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        const std::optional<QString> out = line.value(QStringLiteral("out"));
        if (!out || out->isEmpty() || !line.positionals().isEmpty()) {
            return context.usage(
                QStringLiteral("backup needs where to write the copy: backup --out FILE (a new file)"));
        }
        return [&context, out = *out](Pipeline& pipeline) -> int {
            if (Result<void> copied = pipeline.backupTo(out); !copied) {
                return context.fail(copied.error());
            }
            printErr(QStringLiteral("Backed up the pipeline to %1\n").arg(QDir::toNativeSeparators(out)));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeBackupCommand()
{
    return std::make_unique<BackupCommand>();
}

} // namespace dealboard::cli
