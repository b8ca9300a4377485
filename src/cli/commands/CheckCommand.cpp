// dealboard-cli check: integrity check and pipeline invariants.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"

namespace dealboard::cli {

namespace {

class CheckCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("check"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QString(), QStringLiteral("integrity check and pipeline invariants"), {}}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine&) override
    {
        return [&context](Pipeline& pipeline) -> int {
            Result<CheckReport> report = pipeline.check();
            if (!report) {
                return context.fail(report.error());
            }
            if (!report.value().faults.isEmpty()) {
                for (const QString& faultLine : report.value().faults) {
                    printErr(faultLine + QLatin1Char('\n'));
                }
                printErr(QStringLiteral("%1 fault(s) in %2 deal(s).\n")
                             .arg(report.value().faults.size())
                             .arg(report.value().dealsChecked));
                return ExitBadInput;
            }
            printOut(QStringLiteral("OK: %1 deal(s) checked, no faults.\n").arg(report.value().dealsChecked));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeCheckCommand()
{
    return std::make_unique<CheckCommand>();
}

} // namespace dealboard::cli
