// dealboard-cli segment: the minimum days between touches of one person, per
// segment tag and by default.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"

namespace dealboard::cli {

namespace {

OptionDocs segmentDocs()
{
    return {{QStringLiteral("min-days"), QStringLiteral("N|none"),
             QStringLiteral("minimum days between touches (none: the default applies)")},
            {QStringLiteral("format"), QStringLiteral("table"), QStringLiteral("how to print the list")}};
}

class SegmentCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("segment"); }
    std::vector<CommandForm> forms() const override
    {
        return {
            {QStringLiteral("list"), QStringLiteral("every tag, its organizations and people, its minimum days"), {}},
            {QStringLiteral("set TAG --min-days N|none"), QStringLiteral("minimum days between touches of one person"),
             segmentDocs()},
            {QStringLiteral("default --min-days N"), QStringLiteral("the minimum for tags without their own"),
             segmentDocs()}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        return parsed(context, arguments.mid(1), optionSpec(segmentDocs()),
                      [sub](Context& c, const CommandLine& line) { return prepareSubCommand(c, sub, line); });
    }

private:
    static Prepared prepareSubCommand(Context& context, const QString& sub, const CommandLine& line)
    {
        if (sub == u"list") {
            return [&context](Pipeline& pipeline) { return list(context, pipeline); };
        }
        const QString daysText = line.value(QStringLiteral("min-days")).value_or(QString()).trimmed();
        std::optional<int> days;
        if (daysText != u"none") {
            bool ok = false;
            days = daysText.toInt(&ok);
            if (!ok) {
                return context.usage(QStringLiteral("--min-days needs a whole number of days%1")
                                         .arg(sub == u"set" ? QStringLiteral(" (or none)") : QString()));
            }
        }
        if (sub == u"set") {
            if (line.positionals().size() != 1) {
                return context.usage(QStringLiteral("segment set needs one tag: segment set TAG --min-days N"));
            }
            return [&context, tag = line.positionals().front(), days](Pipeline& pipeline) -> int {
                if (Result<void> done = pipeline.contacts().setSegmentRule(tag, days); !done) {
                    return context.fail(done.error());
                }
                return ExitDone;
            };
        }
        if (sub == u"default") {
            if (!days) {
                return context.usage(QStringLiteral("segment default needs --min-days N"));
            }
            return [&context, days = *days](Pipeline& pipeline) -> int {
                if (Result<void> done = pipeline.contacts().setDefaultMinTouchDays(days); !done) {
                    return context.fail(done.error());
                }
                return ExitDone;
            };
        }
        return context.usage(QStringLiteral("segment needs list, set or default"));
    }

    static int list(Context& context, Pipeline& pipeline)
    {
        Result<std::vector<Segment>> segments = pipeline.contacts().segments();
        Result<int> defaultDays = pipeline.contacts().defaultMinTouchDays();
        if (!segments || !defaultDays) {
            return context.fail(!segments ? segments.error() : defaultDays.error());
        }
        std::vector<QStringList> rows;
        for (const Segment& s : segments.value()) {
            rows.push_back({s.tag, QString::number(s.organizations), QString::number(s.people),
                            s.minTouchDays ? QString::number(*s.minTouchDays)
                                           : QStringLiteral("%1 (default)").arg(defaultDays.value())});
        }
        printOut(table({QStringLiteral("TAG"), QStringLiteral("ORGANIZATIONS"), QStringLiteral("PEOPLE"),
                        QStringLiteral("MIN DAYS BETWEEN TOUCHES")},
                       rows, {1, 2}));
        printOut(QStringLiteral("Default minimum days between touches: %1\n").arg(defaultDays.value()));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeSegmentCommand()
{
    return std::make_unique<SegmentCommand>();
}

} // namespace dealboard::cli
