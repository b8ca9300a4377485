// dealboard-cli log: the change log, who changed what and when.
#include "../Arguments.h"
#include "../Changes.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/StoredTime.h"

#include <QIODevice>

namespace dealboard::cli {

namespace {

class LogCommand final : public Command
{
public:
    LogCommand()
        : Command(Reading::Listing)
    {
    }
    QString name() const override { return QStringLiteral("log"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("[--deal ID] [--since TIME] [--last N] [--format table|csv|json]"),
                 QStringLiteral("the change log: who changed what and when, oldest first"),
                 {{QStringLiteral("deal"), QStringLiteral("ID"),
                   QStringLiteral("only this deal's changes (its own, its activities' and notes')")},
                  {QStringLiteral("since"), QStringLiteral("TIME"),
                   QStringLiteral("only changes at or after TIME (2026-11-30 or 2026-11-30T09:00Z)")},
                  {QStringLiteral("last"), QStringLiteral("N"), QStringLiteral("only the newest N changes")},
                  {QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")}}}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        ChangeQuery query;
        if (const auto deal = line.value(QStringLiteral("deal"))) {
            const auto id = parseId(*deal);
            if (!id) {
                return context.usage(
                    QStringLiteral("--deal needs a deal's id (a positive whole number), not '%1'").arg(*deal));
            }
            query.deal = *id;
        }
        if (const auto since = line.value(QStringLiteral("since"))) {
            const QDateTime time = parseIsoTime(since->trimmed());
            if (!time.isValid()) {
                return context.usage(
                    QStringLiteral("--since needs a date or a time such as 2026-11-30 or 2026-11-30T09:00Z, not '%1'")
                        .arg(*since));
            }
            query.since = time;
        }
        if (const auto last = line.value(QStringLiteral("last"))) {
            const auto count = parseId(*last);
            if (!count || *count > 1'000'000) {
                return context.usage(
                    QStringLiteral("--last needs how many changes, a whole number from 1 to 1000000, not '%1'")
                        .arg(*last));
            }
            query.limit = static_cast<int>(*count);
            query.newest = true;
        }
        return [&context, line, query](Pipeline& pipeline) { return log(context, pipeline, line, query); };
    }

private:
    static int log(Context& context, Pipeline& pipeline, const CommandLine& line, const ChangeQuery& query)
    {
        Result<std::vector<ChangeEntry>> read = pipeline.reads().changes(query);
        if (!read) {
            return context.fail(read.error());
        }
        const std::vector<ChangeEntry>& entries = read.value();
        Listing listing;
        listing.header = {QStringLiteral("ID"), QStringLiteral("WHEN"), QStringLiteral("WHO"), QStringLiteral("WHAT"),
                          QStringLiteral("CHANGES")};
        listing.rightAligned = {0};
        for (const ChangeEntry& entry : entries) {
            listing.rows.push_back(changeColumns(entry));
            listing.json.append(changeJson(entry));
        }
        listing.countLine = QStringLiteral("%1 change(s)\n").arg(entries.size());
        listing.csv = [&](QIODevice* device) {
            CsvWriter csv(device);
            for (const char* name : {"id", "at", "actor", "table", "row", "deal", "action", "changes"}) {
                csv.plain(QString::fromLatin1(name));
            }
            bool written = csv.endRow();
            for (const ChangeEntry& entry : entries) {
                csv.plain(QString::number(entry.id)).plain(toStoredTime(entry.at)).text(entry.actor);
                csv.plain(entry.table).text(entry.row).plain(entry.deal ? QString::number(*entry.deal) : QString());
                csv.plain(entry.action).text(QString::fromUtf8(entry.changes));
                written = csv.endRow() && written;
            }
            return written;
        };
        return printListing(context, line, listing);
    }
};

} // namespace

std::unique_ptr<Command> makeLogCommand()
{
    return std::make_unique<LogCommand>();
}

} // namespace dealboard::cli
