// dealboard-cli add: a new deal.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"
#include "dealboard/SystemUser.h"

namespace dealboard::cli {

namespace {

class AddCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("add"); }
    std::vector<CommandForm> forms() const override
    {
        OptionDocs options = dealOptionDocs();
        options.push_back({QStringLiteral("stage"), QStringLiteral("SLUG"), QStringLiteral("where it starts")});
        for (const char* fact : {"willing", "need", "budget"}) {
            options.push_back(
                {QString::fromLatin1(fact), QString(),
                 QStringLiteral("qualified as %1 (use qualify to change it later)").arg(QString::fromLatin1(fact))});
        }
        return {{QStringLiteral("--title T [deal options] [--stage SLUG]"), QStringLiteral("add a deal; prints its id"),
                 options}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        if (!line.positionals().isEmpty()) {
            return context.usage(QStringLiteral("unexpected argument '%1'").arg(line.positionals().front()));
        }
        if (!line.has(QStringLiteral("title"))) {
            return context.usage(QStringLiteral("add needs --title"));
        }
        Stage stage = Stage::Prospecting;
        if (auto slug = line.value(QStringLiteral("stage"))) {
            const auto parsed = stageArgument(*slug);
            if (!parsed) {
                return context.usage(unknownStage(*slug));
            }
            stage = *parsed;
        }
        int code = ExitDone;
        const auto fields = dealFields(context, line, code);
        if (!fields) {
            return code;
        }
        const QString actor = line.value(QStringLiteral("actor")).value_or(systemUserName());
        return [&context, fields, stage, actor](Pipeline& pipeline) -> int {
            Result<Deal> created = pipeline.deals().create(*fields, stage, actor);
            if (!created) {
                return context.fail(created.error());
            }
            printOut(QStringLiteral("%1\n").arg(created.value().id));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeAddCommand()
{
    return std::make_unique<AddCommand>();
}

} // namespace dealboard::cli
