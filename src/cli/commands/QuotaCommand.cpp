// dealboard-cli quota: owners' quotas per month in the reporting currency,
// and where each owner stands against theirs.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/Currency.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace dealboard::cli {

namespace {

OptionDocs monthDocs()
{
    return {{QStringLiteral("month"), QStringLiteral("YYYY-MM"), QStringLiteral("the month (default: this one)")},
            {QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")}};
}

class QuotaCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("quota"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("set OWNER YYYY-MM AMOUNT [CURRENCY]"),
                 QStringLiteral("set what an owner is to win in a month, in the reporting currency (a manager's)"),
                 {}},
                {QStringLiteral("remove OWNER YYYY-MM CURRENCY"), QStringLiteral("remove an owner's quota"), {}},
                {QStringLiteral("list [--month YYYY-MM] [--format table|csv|json]"),
                 QStringLiteral("the quotas, every month's or one's"), monthDocs()},
                {QStringLiteral("status [--month YYYY-MM] [--format table|csv|json]"),
                 QStringLiteral("each owner's month: won against quota, weighted pipeline closing in the rest of "
                                "the month, deals won and lost, win rate, median days to win, activities done"),
                 monthDocs()}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        if (sub == u"set" || sub == u"remove") {
            const bool remove = sub == u"remove";
            return parsed(context, arguments.mid(1), {},
                          [remove](Context& c, const CommandLine& line) { return set(c, line, remove); });
        }
        if (sub == u"list") {
            return listed(context, arguments.mid(1), optionSpec({monthDocs().front()}), 0, list);
        }
        if (sub == u"status") {
            return listed(context, arguments.mid(1), optionSpec({monthDocs().front()}), 0, status);
        }
        return context.usage(
            QStringLiteral("quota needs set, remove, list or status, such as: quota set anna 2026-12 50000 EUR"));
    }

private:
    static Prepared set(Context& context, const CommandLine& line, bool remove)
    {
        const QStringList given = line.positionals();
        // The currency may be left out: the reporting currency.
        if (given.size() != (remove ? 3 : 4) && (remove || given.size() != 3)) {
            return context.usage(remove ? QStringLiteral("quota remove needs an owner, a month and a currency, "
                                                         "such as: quota remove anna 2026-12 EUR")
                                        : QStringLiteral("quota set needs an owner, a month and an amount in the "
                                                         "reporting currency, such as: quota set anna 2026-12 50000"));
        }
        QString named;
        if (given.size() == (remove ? 3 : 4)) {
            const Result<QString> checked = checkCurrency(given.back());
            if (!checked) {
                return context.fail(checked.error());
            }
            named = checked.value();
        }
        return [=, &context](Pipeline& pipeline) -> int {
            const QString month = given.at(1).trimmed();
            QString currency = named;
            if (currency.isEmpty()) {
                Result<QString> reporting = pipeline.rates().reportingCurrency();
                if (!reporting) {
                    return context.fail(reporting.error());
                }
                currency = reporting.value();
            }
            std::optional<std::int64_t> amount;
            if (!remove) {
                Result<std::int64_t> parsed = parseDecimal(given.at(2).trimmed(), currency);
                if (!parsed) {
                    return context.fail(parsed.error());
                }
                amount = parsed.value();
            }
            if (Result<void> saved = pipeline.reports().setQuota(given.at(0), month, currency, amount); !saved) {
                return context.fail(saved.error());
            }
            printOut(amount ? QStringLiteral("Quota of %1 for %2: %3.\n")
                                  .arg(given.at(0).trimmed(), month, formatForPeople({*amount, currency}))
                            : QStringLiteral("Quota of %1 for %2 in %3 removed.\n")
                                  .arg(given.at(0).trimmed(), month, currency));
            return ExitDone;
        };
    }

    static QString monthOf(Pipeline& pipeline, const CommandLine& line)
    {
        return line.value(QStringLiteral("month"))
            .value_or(pipeline.now().toLocalTime().date().toString(QStringLiteral("yyyy-MM")))
            .trimmed();
    }

    static Prepared list(Context& context, const CommandLine& line)
    {
        return [=, &context](Pipeline& pipeline) -> int {
            Result<std::vector<Quota>> quotas = pipeline.reports().quotas(line.value(QStringLiteral("month")));
            if (!quotas) {
                return context.fail(quotas.error());
            }
            Listing listing;
            listing.header = {QStringLiteral("MONTH"), QStringLiteral("OWNER"), QStringLiteral("QUOTA")};
            listing.rightAligned = {2};
            for (const Quota& quota : quotas.value()) {
                listing.rows.push_back({quota.month, quota.owner, formatForPeople(quota.amount)});
                QJsonObject object;
                object[QStringLiteral("month")] = quota.month;
                object[QStringLiteral("owner")] = quota.owner;
                object[QStringLiteral("amount")] = formatDecimal(quota.amount.minor, quota.amount.currency);
                object[QStringLiteral("currency")] = quota.amount.currency;
                listing.json.append(object);
            }
            listing.csv = [&quotas](QIODevice* device) {
                CsvWriter writer(device, false);
                for (const char* name : {"month", "owner", "amount", "currency"}) {
                    writer.plain(QString::fromLatin1(name));
                }
                bool ok = writer.endRow();
                for (const Quota& quota : quotas.value()) {
                    writer.plain(quota.month)
                        .text(quota.owner)
                        .plain(formatDecimal(quota.amount.minor, quota.amount.currency));
                    writer.plain(quota.amount.currency);
                    ok = writer.endRow() && ok;
                }
                return ok;
            };
            listing.countLine = QStringLiteral("%1 quota(s)\n").arg(quotas.value().size());
            return printListing(context, line, listing);
        };
    }

    static Prepared status(Context& context, const CommandLine& line)
    {
        return [=, &context](Pipeline& pipeline) -> int {
            Result<OwnerMonth> month = pipeline.reports().ownerMonth(monthOf(pipeline, line));
            if (!month) {
                return context.fail(month.error());
            }
            const OwnerMonth& shown = month.value();
            return printReport(context, line,
                               {[&] { return OwnerMonthFormat::json(shown); },
                                [&](QIODevice* device) { return OwnerMonthFormat::writeCsv(device, shown); },
                                [&] { return OwnerMonthFormat::table(shown); }});
        };
    }
};

} // namespace

std::unique_ptr<Command> makeQuotaCommand()
{
    return std::make_unique<QuotaCommand>();
}

} // namespace dealboard::cli
