// dealboard-cli qualify: the three facts a deal needs before it passes Qualifying.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"

namespace dealboard::cli {

namespace {

class QualifyCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("qualify"); }
    std::vector<CommandForm> forms() const override
    {
        OptionDocs options = {
            {QStringLiteral("willing"), QStringLiteral("yes|no"), QStringLiteral("the prospect is willing to buy")},
            {QStringLiteral("need"), QStringLiteral("yes|no"), QStringLiteral("the need is proven")},
            {QStringLiteral("budget"), QStringLiteral("yes|no"), QStringLiteral("there is a budget")},
        };
        for (OptionDoc& doc : changeOptionDocs()) {
            options.push_back(std::move(doc));
        }
        return {{QStringLiteral("ID [--willing yes|no] [--need yes|no] [--budget yes|no]"),
                 QStringLiteral("set the qualification facts"), options}};
    }
    int run(Context& context, const QStringList& arguments) override
    {
        int code = ExitDone;
        const auto action = parseDealAction(context, arguments, optionSpec(forms().front().options), 1,
                                            QStringLiteral("qualify needs exactly one deal id"), code);
        if (!action) {
            return code;
        }
        DealFields fields;
        for (const char* name : {"willing", "need", "budget"}) {
            const QString key = QString::fromLatin1(name);
            if (auto value = action->line.value(key)) {
                const auto parsed = parseYesNo(*value);
                if (!parsed) {
                    return context.usage(QStringLiteral("--%1 takes yes or no, not '%2'").arg(key, *value));
                }
                (key == u"willing" ? fields.willing : key == u"need" ? fields.need : fields.budget) = *parsed;
            }
        }
        if (fields.isEmpty()) {
            return context.usage(
                QStringLiteral("qualify needs at least one of --willing, --need, --budget (yes or no)"));
        }
        if (!context.openService()) {
            return ExitBadInput;
        }
        Result<Deal> edited = context.service().deals().edit(action->id, fields, action->options);
        if (!edited) {
            return context.fail(edited.error());
        }
        const Qualification& q = edited.value().qualification;
        printOut(QStringLiteral("'%1': willing %2, need %3, budget %4.\n")
                     .arg(oneLine(edited.value().title), yesNo(q.willing), yesNo(q.need), yesNo(q.budget)));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeQualifyCommand()
{
    return std::make_unique<QualifyCommand>();
}

} // namespace dealboard::cli
