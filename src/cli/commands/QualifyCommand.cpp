// dealboard-cli qualify: the three facts a deal needs before it passes Qualifying.
#include "../Context.h"
#include "../DealActionCommand.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"

namespace dealboard::cli {

namespace {

class QualifyCommand final : public DealActionCommand
{
public:
    QualifyCommand()
        : DealActionCommand(1, false)
    {
    }
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

protected:
    QString shape() const override { return QStringLiteral("qualify needs exactly one deal id"); }
    Prepared act(Context& context, const DealAction& action) override
    {
        DealFields fields;
        for (const char* name : {"willing", "need", "budget"}) {
            const QString key = QString::fromLatin1(name);
            if (auto value = action.line.value(key)) {
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
        return [&context, action, fields](Pipeline& pipeline) -> int {
            Result<Deal> edited = pipeline.deals().edit(action.id, fields, action.options);
            if (!edited) {
                return context.fail(edited.error());
            }
            const Qualification& q = edited.value().qualification;
            printOut(QStringLiteral("'%1': willing %2, need %3, budget %4.\n")
                         .arg(oneLine(edited.value().title), yesNo(q.willing), yesNo(q.need), yesNo(q.budget)));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeQualifyCommand()
{
    return std::make_unique<QualifyCommand>();
}

} // namespace dealboard::cli
