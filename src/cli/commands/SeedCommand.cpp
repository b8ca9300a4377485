// dealboard-cli seed: a deterministic sample pipeline.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"

namespace dealboard::cli {

namespace {

class SeedCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("seed"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("--deals N [--seed S]"),
                 QStringLiteral("add a deterministic sample pipeline"),
                 {{QStringLiteral("deals"), QStringLiteral("N"), QStringLiteral("how many deals to add")},
                  {QStringLiteral("seed"), QStringLiteral("S"), QStringLiteral("another seed, another pipeline")}}}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        if (!line.positionals().isEmpty()) {
            return context.usage(QStringLiteral("unexpected argument '%1'").arg(line.positionals().front()));
        }
        bool ok = false;
        const int count = line.value(QStringLiteral("deals")).value_or(QString()).toInt(&ok);
        if (!ok) {
            return context.usage(QStringLiteral("seed needs --deals N, a whole number"));
        }
        quint64 seed = 1;
        if (auto text = line.value(QStringLiteral("seed"))) {
            seed = text->toULongLong(&ok);
            if (!ok) {
                return context.usage(QStringLiteral("--seed needs a whole number"));
            }
        }
        return [&context, count, seed](Pipeline& pipeline) -> int {
            TerminalProgress progress(QStringLiteral("Making the sample pipeline"));
            Result<int> seeded = pipeline.deals().seedSample(count, seed, progress.callback());
            progress.finish();
            if (!seeded) {
                return context.fail(seeded.error());
            }
            printOut(
                QStringLiteral("Added %1 sample deal(s) to %2\n").arg(seeded.value()).arg(pipeline.reads().path()));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeSeedCommand()
{
    return std::make_unique<SeedCommand>();
}

} // namespace dealboard::cli
