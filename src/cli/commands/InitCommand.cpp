// dealboard-cli init: create (or migrate) a pipeline file, or create a
// pipeline on a server; dealboard-cli migrate: upgrade a server's pipeline.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/ServerAddress.h"

namespace dealboard::cli {

namespace {

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
    int run(Context& context, const QStringList& arguments) override
    {
        int code = ExitDone;
        const auto line = parseLine(context, arguments, {}, code);
        if (!line) {
            return code;
        }
        if (!line->positionals().isEmpty()) {
            return context.usage(QStringLiteral("init takes no arguments"));
        }
        if (ServerAddress::isServerUrl(context.databasePath())) {
            if (Result<void> created = DealStore::initServer(context.databasePath()); !created) {
                return context.fail(created.error());
            }
        }
        if (!context.openService()) {
            return ExitBadInput;
        }
        printOut(QStringLiteral("Pipeline database ready: %1\n").arg(context.service().reads().path()));
        return ExitDone;
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
    int run(Context& context, const QStringList& arguments) override
    {
        int code = ExitDone;
        const auto line = parseLine(context, arguments, {}, code);
        if (!line) {
            return code;
        }
        if (!line->positionals().isEmpty()) {
            return context.usage(QStringLiteral("migrate takes no arguments"));
        }
        if (ServerAddress::isServerUrl(context.databasePath())) {
            Result<QString> migrated = DealStore::migrateServer(context.databasePath());
            if (!migrated) {
                return context.fail(migrated.error());
            }
            printOut(migrated.value() + QLatin1Char('\n'));
            return ExitDone;
        }
        if (!context.openService()) {
            return ExitBadInput;
        }
        printOut(QStringLiteral("Pipeline database ready: %1\n").arg(context.service().reads().path()));
        return ExitDone;
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
