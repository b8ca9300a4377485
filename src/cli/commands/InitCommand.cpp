// dealboard-cli init: create (or migrate) the pipeline.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"

namespace dealboard::cli {

namespace {

class InitCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("init"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QString(), QStringLiteral("create (or migrate) the database"), {}}};
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

} // namespace dealboard::cli
