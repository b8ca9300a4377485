// dealboard-cli init: create (or migrate) a pipeline file, or create a
// pipeline on a server; dealboard-cli migrate: upgrade a server's pipeline.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"
#include "dealboard/service/PipelineOpener.h"

namespace dealboard::cli {

namespace {

// Opening the pipeline creates or migrates a file; then it is said where it is.
Work ready()
{
    return [](Pipeline& pipeline) -> int {
        printOut(QStringLiteral("Pipeline database ready: %1\n").arg(pipeline.reads().path()));
        return ExitDone;
    };
}

class InitCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("init"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QString(),
                 QStringLiteral("create (or migrate) the pipeline file, or create the pipeline in an empty "
                                "database on a server"),
                 {}}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        if (!line.positionals().isEmpty()) {
            return context.usage(QStringLiteral("init takes no arguments"));
        }
        if (PipelineLocation::isAddress(context.databasePath())) {
            if (Result<void> created = PipelineOpener::initServer(context.databasePath()); !created) {
                return context.fail(created.error());
            }
        }
        return ready();
    }
};

class MigrateCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("migrate"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QString(),
                 QStringLiteral("upgrade a server's pipeline to this DealBoard's schema (a file is upgraded "
                                "when it is opened)"),
                 {}}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        if (!line.positionals().isEmpty()) {
            return context.usage(QStringLiteral("migrate takes no arguments"));
        }
        if (PipelineLocation::isAddress(context.databasePath())) {
            Result<QString> migrated = PipelineOpener::migrateServer(context.databasePath());
            if (!migrated) {
                return context.fail(migrated.error());
            }
            printOut(migrated.value() + QLatin1Char('\n'));
            return ExitDone;
        }
        return ready();
    }
};

} // namespace

std::unique_ptr<Command> makeInitCommand()
{
    return std::make_unique<InitCommand>();
}

std::unique_ptr<Command> makeMigrateCommand()
{
    return std::make_unique<MigrateCommand>();
}

} // namespace dealboard::cli
