// dealboard-cli currency: the reporting currency every total converts into.
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"

namespace dealboard::cli {

namespace {

class CurrencyCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("currency"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("set CODE"),
                 QStringLiteral("set the reporting currency totals convert into (a manager's)"),
                 {}},
                {QStringLiteral("show"), QStringLiteral("the reporting currency (EUR until a manager sets one)"), {}}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        if (sub == u"set") {
            return parsed(context, arguments.mid(1), {}, set);
        }
        if (sub.isEmpty() || sub == u"show" || sub.startsWith(u'-')) {
            return parsed(context, sub == u"show" ? arguments.mid(1) : arguments, {}, show);
        }
        return context.usage(QStringLiteral("currency needs set or show, such as: currency set USD"));
    }

private:
    static Prepared set(Context& context, const CommandLine& line)
    {
        if (line.positionals().size() != 1) {
            return context.usage(QStringLiteral("currency set needs one currency code, such as: currency set USD"));
        }
        const QString code = line.positionals().front();
        return [code, &context](Pipeline& pipeline) -> int {
            if (Result<void> done = pipeline.rates().setReportingCurrency(code); !done) {
                return context.fail(done.error());
            }
            Result<QString> now = pipeline.rates().reportingCurrency();
            printOut(QStringLiteral("The reporting currency is %1.\n").arg(now ? now.value() : code));
            return ExitDone;
        };
    }

    static Prepared show(Context& context, const CommandLine& line)
    {
        if (!line.positionals().isEmpty()) {
            return context.usage(QStringLiteral("currency show takes no arguments; to set it: currency set USD"));
        }
        return [&context](Pipeline& pipeline) -> int {
            Result<QString> now = pipeline.rates().reportingCurrency();
            if (!now) {
                return context.fail(now.error());
            }
            printOut(now.value() + QLatin1Char('\n'));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeCurrencyCommand()
{
    return std::make_unique<CurrencyCommand>();
}

} // namespace dealboard::cli
