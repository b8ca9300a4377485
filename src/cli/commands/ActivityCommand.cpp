// dealboard-cli activity: plan, log, complete, list and export calls,
// emails, meetings and tasks.
#include "../Arguments.h"
#include "../Context.h"
#include "../Json.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/ContactCsv.h"
#include "dealboard/StoredTime.h"
#include "dealboard/service/ActivityCalendar.h"

#include <QEventLoop>
#include <QTimer>
#include <cstdio>

namespace dealboard::cli {

namespace {

OptionDocs addDocs()
{
    return {{QStringLiteral("deal"), QStringLiteral("ID"), QStringLiteral("the deal it is for")},
            {QStringLiteral("type"), QStringLiteral("call|email|meeting|task"), QStringLiteral("default task")},
            {QStringLiteral("subject"), QStringLiteral("S"), QStringLiteral("what it is about")},
            {QStringLiteral("due"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("its day (default today)")},
            {QStringLiteral("time"), QStringLiteral("HH:MM"), QStringLiteral("its time of day")},
            {QStringLiteral("person"), QStringLiteral("ID"), QStringLiteral("the person it touches")},
            {QStringLiteral("notes"), QStringLiteral("T"), QStringLiteral("free text")},
            {QStringLiteral("done"), QString(), QStringLiteral("log it as done")},
            {QStringLiteral("anyway"), QString(), QStringLiteral("save a touch that comes too soon after another")}};
}

OptionDocs doneDocs()
{
    return {{QStringLiteral("next-subject"), QStringLiteral("S"), QStringLiteral("plan the next activity")},
            {QStringLiteral("next-type"), QStringLiteral("T"), QStringLiteral("its type")},
            {QStringLiteral("next-due"), QStringLiteral("D"), QStringLiteral("its day")},
            {QStringLiteral("next-time"), QStringLiteral("HH:MM"), QStringLiteral("its time of day")},
            {QStringLiteral("next-notes"), QStringLiteral("T"), QStringLiteral("its notes")},
            {QStringLiteral("anyway"), QString(), QStringLiteral("save a touch that comes too soon after another")}};
}

OptionDocs rescheduleDocs()
{
    return {{QStringLiteral("due"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("its new day")},
            {QStringLiteral("anyway"), QString(), QStringLiteral("save a touch that comes too soon after another")}};
}

OptionDocs listDocs()
{
    return {{QStringLiteral("deal"), QStringLiteral("ID"), QStringLiteral("only this deal's")},
            {QStringLiteral("person"), QStringLiteral("ID"), QStringLiteral("only this person's")},
            {QStringLiteral("open"), QString(), QStringLiteral("only those not done")},
            {QStringLiteral("overdue"), QString(), QStringLiteral("only those not done and due before today")},
            {QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")}};
}

OptionDocs exportDocs()
{
    return {
        {QStringLiteral("format"), QStringLiteral("ics"), QStringLiteral("iCalendar (RFC 5545)")},
        {QStringLiteral("out"), QStringLiteral("FILE|-"), QStringLiteral("the .ics file, or - for standard output")},
        {QStringLiteral("owner"), QStringLiteral("NAME"), QStringLiteral("only the activities of this rep's deals")},
        {QStringLiteral("keep"), QString(),
         QStringLiteral("stay, and write the file again on every change of activities until stopped")}};
}

// How often a kept calendar asks a file for other processes' commits; a
// server says so itself, and is asked only whether the connection stands.
constexpr int FilePollMs = 200;
constexpr int ServerHeartbeatMs = 2000;

class ActivityCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("activity"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("add --deal ID --subject S [--type call|email|meeting|task] [--due YYYY-MM-DD] "
                                "[--time HH:MM] [--person ID] [--notes T] [--done] [--anyway]"),
                 QStringLiteral("plan (or, with --done, log) an activity; prints its id"), addDocs()},
                {QStringLiteral("done ID [--next-subject S --next-type T --next-due D --next-time HH:MM] [--anyway]"),
                 QStringLiteral("mark it done and plan the next one"), doneDocs()},
                {QStringLiteral("reschedule ID --due YYYY-MM-DD [--anyway]"),
                 QStringLiteral("move a planned activity to another day"), rescheduleDocs()},
                {QStringLiteral("list [--deal ID] [--person ID] [--open] [--overdue] [--format table|csv|json]"),
                 QString(), listDocs()},
                {QStringLiteral("export --format ics --out FILE|- [--owner NAME] [--keep]"),
                 QStringLiteral("a calendar of the activities, for a calendar application; --keep keeps it up to "
                                "date"),
                 exportDocs()}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        const QStringList rest = arguments.mid(1);
        if (sub == u"add") {
            return parsed(context, rest, optionSpec(addDocs()), add);
        }
        if (sub == u"done") {
            return parsed(context, rest, optionSpec(doneDocs()), done);
        }
        if (sub == u"reschedule") {
            return parsed(context, rest, optionSpec(rescheduleDocs()), reschedule);
        }
        if (sub == u"list") {
            return listed(context, rest,
                          {{QStringLiteral("deal"), true},
                           {QStringLiteral("person"), true},
                           {QStringLiteral("overdue"), false},
                           {QStringLiteral("open"), false}},
                          0, list);
        }
        if (sub == u"export") {
            return parsed(context, rest, optionSpec(exportDocs()), exportCalendar);
        }
        return context.usage(QStringLiteral("activity needs add, done, reschedule, list or export"));
    }

private:
    // A touch too soon after another: said with what was kept, and how to go ahead (exit 3).
    static int tooSoon(const Error& error, const QString& kept)
    {
        printErr(
            QStringLiteral("dealboard-cli: %1\n%2 Add --anyway to save it all the same.\n").arg(error.message, kept));
        return ExitRefused;
    }

    static Prepared add(Context& context, const CommandLine& line)
    {
        if (!line.positionals().isEmpty()) {
            return context.usage(QStringLiteral("unexpected argument '%1'").arg(line.positionals().front()));
        }
        const std::optional<DealId> deal = parseId(line.value(QStringLiteral("deal")).value_or(QString()));
        if (!deal) {
            return context.usage(QStringLiteral("activity add needs --deal ID"));
        }
        int code = ExitDone;
        std::optional<ActivityFields> fields = activityFields(context, line, QString(), code);
        if (!fields) {
            return code;
        }
        fields->dealId = *deal;
        fields->done = line.flag(QStringLiteral("done"));
        if (const auto person = line.value(QStringLiteral("person"))) {
            const std::optional<DealId> id = parseId(*person);
            if (!id) {
                return context.usage(QStringLiteral("'%1' is not a person id").arg(*person));
            }
            fields->personId = *id;
        }
        return [=, &context](Pipeline& pipeline) -> int {
            Result<Activity> planned = pipeline.activities().plan(*fields, line.flag(QStringLiteral("anyway")));
            if (!planned) {
                if (planned.error().code == ErrorCode::TooFrequent) {
                    return tooSoon(planned.error(), QStringLiteral("Nothing was saved."));
                }
                return context.fail(planned.error());
            }
            printOut(QStringLiteral("%1\n").arg(planned.value().id));
            return ExitDone;
        };
    }

    static Prepared done(Context& context, const CommandLine& line)
    {
        int code = ExitDone;
        const std::optional<DealId> id = onlyId(line);
        if (!id) {
            return context.usage(QStringLiteral("activity done needs one activity id"));
        }
        std::optional<ActivityFields> next;
        if (line.has(QStringLiteral("next-subject"))) {
            next = activityFields(context, line, QStringLiteral("next-"), code);
            if (!next) {
                return code;
            }
        } else if (line.has(QStringLiteral("next-type")) || line.has(QStringLiteral("next-due"))) {
            return context.usage(QStringLiteral("the next activity needs --next-subject"));
        }
        return [=, &context](Pipeline& pipeline) -> int {
            Result<std::optional<Activity>> completed
                = pipeline.activities().complete(*id, next, line.flag(QStringLiteral("anyway")));
            if (!completed) {
                if (completed.error().code == ErrorCode::TooFrequent) {
                    return tooSoon(completed.error(),
                                   QStringLiteral("Nothing was saved (the activity is not marked done)."));
                }
                return context.fail(completed.error());
            }
            if (completed.value()) {
                printOut(QStringLiteral("%1\n").arg(completed.value()->id));
            } else {
                printErr(QStringLiteral("Done. No next activity is planned for deal %1; plan one with activity add.\n")
                             .arg(pipeline.activities().get(*id).value().dealId));
            }
            return ExitDone;
        };
    }

    static Prepared reschedule(Context& context, const CommandLine& line)
    {
        const std::optional<DealId> id = onlyId(line);
        if (!id) {
            return context.usage(QStringLiteral("activity reschedule needs one activity id"));
        }
        const QString due = line.value(QStringLiteral("due")).value_or(QString()).trimmed();
        const QDate day = fromStoredDate(due);
        if (!day.isValid()) {
            return context.usage(due.isEmpty() ? QStringLiteral("activity reschedule needs --due YYYY-MM-DD")
                                               : QStringLiteral("'%1' is not a date (YYYY-MM-DD)").arg(due));
        }
        return [=, &context](Pipeline& pipeline) -> int {
            Result<Activity> moved = pipeline.activities().reschedule(*id, day, line.flag(QStringLiteral("anyway")));
            if (!moved) {
                if (moved.error().code == ErrorCode::TooFrequent) {
                    return tooSoon(moved.error(), QStringLiteral("Nothing was saved."));
                }
                return context.fail(moved.error());
            }
            printOut(QStringLiteral("Moved activity %1 \"%2\" to %3.\n")
                         .arg(moved.value().id)
                         .arg(oneLine(moved.value().subject), toStoredDate(moved.value().dueDate)));
            return ExitDone;
        };
    }

    static Prepared list(Context& context, const CommandLine& line)
    {
        ActivityFilter filter;
        for (const auto& [name, target] :
             {std::pair {"deal", &filter.dealId}, std::pair {"person", &filter.personId}}) {
            if (const auto value = line.value(QString::fromLatin1(name))) {
                const std::optional<DealId> id = parseId(*value);
                if (!id) {
                    return context.usage(QStringLiteral("'%1' is not a %2 id").arg(*value, QLatin1String(name)));
                }
                *target = *id;
            }
        }
        filter.openOnly = line.flag(QStringLiteral("open")) || line.flag(QStringLiteral("overdue"));
        if (line.flag(QStringLiteral("overdue"))) {
            filter.dueBefore = context.clock().nowUtc().toLocalTime().date();
        }
        return [=, &context](Pipeline& pipeline) -> int {
            Result<std::vector<Activity>> activities = pipeline.activities().list(filter);
            if (!activities) {
                return context.fail(activities.error());
            }
            const std::vector<Activity>& list = activities.value();
            Listing listing;
            for (const Activity& a : list) {
                listing.rows.push_back({QString::number(a.id), activityWhen(a), activityKindSlug(a.kind),
                                        elide(a.subject, 32), QString::number(a.dealId), elide(a.dealTitle, 32),
                                        elide(a.personName, 20),
                                        a.done ? QStringLiteral("yes") : QStringLiteral("no")});
            }
            listing.csv = [&list](QIODevice* device) { return ContactCsv::writeActivities(device, list, false); };
            listing.json = jsonArray(list, activityJson);
            listing.header
                = {QStringLiteral("ID"),   QStringLiteral("DUE"),   QStringLiteral("TYPE"),   QStringLiteral("SUBJECT"),
                   QStringLiteral("DEAL"), QStringLiteral("TITLE"), QStringLiteral("PERSON"), QStringLiteral("DONE")};
            listing.rightAligned = {0, 4};
            listing.countLine = QStringLiteral("%1 activit%2\n")
                                    .arg(list.size())
                                    .arg(list.size() == 1 ? QStringLiteral("y") : QStringLiteral("ies"));
            return printListing(context, line, listing);
        };
    }

    static Prepared exportCalendar(Context& context, const CommandLine& line)
    {
        if (!line.positionals().isEmpty()) {
            return context.usage(QStringLiteral("unexpected argument '%1'").arg(line.positionals().front()));
        }
        const QString format = line.value(QStringLiteral("format")).value_or(QString());
        if (format != u"ics") {
            return context.usage(format.isEmpty()
                                     ? QStringLiteral("activity export needs --format ics")
                                     : QStringLiteral("--format of activity export is ics, not '%1'").arg(format));
        }
        const QString out = line.value(QStringLiteral("out")).value_or(QString());
        if (out.isEmpty()) {
            return context.usage(QStringLiteral("activity export needs --out FILE.ics (or --out - for standard "
                                                "output)"));
        }
        const bool keep = line.flag(QStringLiteral("keep"));
        if (keep && out == u"-") {
            return context.usage(QStringLiteral("--keep writes a file again and again: give --out FILE.ics"));
        }
        const QString owner = line.value(QStringLiteral("owner")).value_or(QString()).trimmed();
        return [=, &context](Pipeline& pipeline) -> int {
            ActivityCalendar calendar(pipeline, owner);
            if (const int code = writeCalendar(context, pipeline, calendar, out); code != ExitDone || !keep) {
                return code;
            }
            return keepCalendar(context, pipeline, calendar, out);
        };
    }

    // Writes the calendar once; says how many activities it holds (on standard error when it is the output).
    static int writeCalendar(Context& context, Pipeline& pipeline, ActivityCalendar& calendar, const QString& out)
    {
        Result<std::vector<CalendarItem>> items = calendar.items();
        if (!items) {
            return context.fail(items.error());
        }
        const QByteArray text = ICalendar::write(items.value(), calendar.heading());
        if (const int code
            = context.writeOutput(out, [&text](QIODevice* device) { return device->write(text) == text.size(); });
            code != ExitDone) {
            return code;
        }
        const qsizetype count = items.value().size();
        const QString said
            = QStringLiteral("Wrote %1 activit%2%3 to %4\n")
                  .arg(count)
                  .arg(count == 1 ? QStringLiteral("y") : QStringLiteral("ies"),
                       calendar.owner().isEmpty() ? QString()
                                                  : QStringLiteral(" of %1's deals").arg(oneLine(calendar.owner())),
                       out == u"-" ? QStringLiteral("standard output") : out);
        if (out == u"-") {
            printErr(said);
        } else {
            printOut(said);
        }
        if (count == 0 && !calendar.owner().isEmpty()) {
            warnUnknownOwner(pipeline, calendar.owner());
        }
        return ExitDone;
    }

    // An owner nobody's deals name is likely a typo: said, the file written all the same (their deals may come).
    static void warnUnknownOwner(Pipeline& pipeline, const QString& owner)
    {
        const Result<QStringList> owners = pipeline.reads().owners();
        if (owners && !owners.value().contains(owner)) {
            printErr(
                QStringLiteral("dealboard-cli: no deal is owned by '%1'; the owners are: %2.\n")
                    .arg(oneLine(owner),
                         owners.value().isEmpty() ? QStringLiteral("none yet") : oneLine(owners.value().join(u", "))));
        }
    }

    // Writes the calendar again after every commit that touches what it shows, until stopped. A write that
    // fails (a full disk, a folder gone) is tried again at the next change and every RetryMs meanwhile.
    static int keepCalendar(Context& context, Pipeline& pipeline, ActivityCalendar& calendar, const QString& out)
    {
        constexpr int RetryMs = 10'000;
        QEventLoop loop;
        bool owed = false; // the last write failed: the file is behind
        QTimer retry;
        retry.setInterval(RetryMs);
        const auto write = [&] {
            owed = writeCalendar(context, pipeline, calendar, out) != ExitDone;
            if (owed) {
                printErr(QStringLiteral("dealboard-cli: still keeping %1; trying again in %2 seconds or at the next "
                                        "change…\n")
                             .arg(out)
                             .arg(RetryMs / 1000));
                retry.start();
            } else {
                retry.stop();
            }
            std::fflush(stdout);
        };
        const auto rewrite = [&] {
            const Result<bool> news = calendar.hasNews();
            if (!news) {
                printErr(QStringLiteral("dealboard-cli: %1\n").arg(news.error().message));
                return;
            }
            if (news.value() || owed) {
                write();
            }
        };
        QObject::connect(&retry, &QTimer::timeout, &loop, write);
        QObject::connect(&pipeline, &Pipeline::externalChange, &loop, rewrite);
        QObject::connect(&pipeline, &Pipeline::connectionLost, &loop, [](const QString& why) {
            printErr(QStringLiteral("dealboard-cli: %1; connecting again…\n").arg(why));
        });
        QTimer poll;
        poll.setInterval(pipeline.reads().location().isFile() ? FilePollMs : ServerHeartbeatMs);
        QObject::connect(&poll, &QTimer::timeout, &pipeline, &Pipeline::pollExternalChanges);
        poll.start();
        std::fflush(stdout);
        printErr(QStringLiteral("dealboard-cli: keeping %1 up to date with %2 (Ctrl+C stops)…\n")
                     .arg(out, pipeline.reads().path()));
        loop.exec();
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeActivityCommand()
{
    return std::make_unique<ActivityCommand>();
}

} // namespace dealboard::cli
