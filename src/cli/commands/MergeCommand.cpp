// dealboard-cli merge: two organizations or two people made one, and the
// undo of a merge.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"

namespace dealboard::cli {

namespace {

class MergeCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("merge"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("organization KEEP OTHER"),
                 QStringLiteral("keep organization KEEP; move OTHER's deals and people onto it, keep its differing "
                                "fields as a note, and remove it"),
                 {}},
                {QStringLiteral("person KEEP OTHER"),
                 QStringLiteral("keep person KEEP; move OTHER's deals and activities onto it, keep its differing "
                                "fields as a note, and remove it"),
                 {}},
                {QStringLiteral("undo MERGE_ID"),
                 QStringLiteral("put the merged-away contact back with its id, and move back what moved"),
                 {}}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        if (sub == u"organization" || sub == u"org") {
            return parsed(context, arguments.mid(1), {}, [](Context& c, const CommandLine& line) {
                return merge(c, line, ContactType::Organization);
            });
        }
        if (sub == u"person") {
            return parsed(context, arguments.mid(1), {},
                          [](Context& c, const CommandLine& line) { return merge(c, line, ContactType::Person); });
        }
        if (sub == u"undo") {
            return parsed(context, arguments.mid(1), {}, undo);
        }
        return context.usage(QStringLiteral("merge needs organization, person or undo, such as: merge organization 3 7 "
                                            "(keeps 3, folds 7 into it)"));
    }

private:
    static Prepared merge(Context& context, const CommandLine& line, ContactType type)
    {
        const QString kind = contactTypeSlug(type);
        const QStringList& given = line.positionals();
        const std::optional<std::int64_t> keep = given.size() == 2 ? parseId(given.at(0)) : std::nullopt;
        const std::optional<std::int64_t> other = given.size() == 2 ? parseId(given.at(1)) : std::nullopt;
        if (!keep || !other) {
            return context.usage(QStringLiteral("merge %1 needs two ids, the one to keep first, such as: merge %1 3 7; "
                                                "`dealboard-cli %2 list` shows the ids")
                                     .arg(kind, type == ContactType::Organization ? QStringLiteral("org") : kind));
        }
        return [=, &context](Pipeline& pipeline) -> int {
            Result<ContactMerge> merged = pipeline.contacts().merge(type, *keep, *other);
            if (!merged) {
                return context.fail(merged.error());
            }
            const ContactMerge& m = merged.value();
            QStringList moved {QStringLiteral("%1 deal%2").arg(m.deals).arg(QLatin1String(m.deals == 1 ? "" : "s"))};
            if (type == ContactType::Organization) {
                moved << QStringLiteral("%1 %2").arg(m.people).arg(QLatin1String(m.people == 1 ? "person" : "people"));
            } else {
                moved << QStringLiteral("%1 activit%2")
                             .arg(m.activities)
                             .arg(QLatin1String(m.activities == 1 ? "y" : "ies"));
            }
            moved
                << QStringLiteral("%1 note%2 with the deals").arg(m.notes).arg(QLatin1String(m.notes == 1 ? "" : "s"));
            printOut(QStringLiteral("Merged %1 %2 (id %3) into %4 (id %5): moved %6.\nundo with: dealboard-cli merge "
                                    "undo %7\n")
                         .arg(kind, QStringLiteral("'%1'").arg(visible(m.otherName)))
                         .arg(m.other)
                         .arg(QStringLiteral("'%1'").arg(visible(m.keepName)))
                         .arg(m.keep)
                         .arg(moved.join(QStringLiteral(", ")))
                         .arg(m.id));
            return ExitDone;
        };
    }

    static Prepared undo(Context& context, const CommandLine& line)
    {
        const std::optional<std::int64_t> id = onlyId(line);
        if (!id) {
            return context.usage(QStringLiteral("merge undo needs the merge's number, such as: merge undo 4"));
        }
        return [=, &context](Pipeline& pipeline) -> int {
            if (Result<void> undone = pipeline.contacts().undoMerge(*id); !undone) {
                return context.fail(undone.error());
            }
            printOut(QStringLiteral("Undid merge %1.\n").arg(*id));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeMergeCommand()
{
    return std::make_unique<MergeCommand>();
}

} // namespace dealboard::cli
