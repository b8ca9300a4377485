// dealboard-cli rate: the dated exchange rates totals convert with.
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/CsvWriter.h"

#include <QJsonObject>

namespace dealboard::cli {

namespace {

OptionDocs listDocs()
{
    return {{QStringLiteral("currency"), QStringLiteral("CODE"), QStringLiteral("only the rates of this currency")},
            {QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print them")}};
}

OptionDocs removeDocs()
{
    return {{QStringLiteral("base"), QStringLiteral("CODE"),
             QStringLiteral("the currency the rate is in (default: the reporting currency)")}};
}

OptionDocs importDocs()
{
    return {{QStringLiteral("dry-run"), QString(), QStringLiteral("check the whole file and say what would change")}};
}

Result<QDate> dateOf(const QString& text)
{
    const QDate date = QDate::fromString(text.trimmed(), Qt::ISODate);
    if (!date.isValid() || text.trimmed().size() != 10) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a date: write it as YYYY-MM-DD, such as 2026-12-01.").arg(text));
    }
    return date;
}

class RateCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("rate"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("set CODE YYYY-MM-DD RATE"),
                 QStringLiteral("one CODE is RATE of the reporting currency from that day on (a manager's)"),
                 {}},
                {QStringLiteral("remove CODE YYYY-MM-DD [--base CODE]"), QStringLiteral("remove a day's rate"),
                 removeDocs()},
                {QStringLiteral("import FILE.csv [--dry-run]"),
                 QStringLiteral("import the European Central Bank's rates (eurofxref.csv or eurofxref-hist.csv), "
                                "all or nothing"),
                 importDocs()},
                {QStringLiteral("list [--currency CODE] [--format table|csv|json]"), QStringLiteral("the rates"),
                 listDocs()}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        if (sub == u"set") {
            return parsed(context, arguments.mid(1), {}, set);
        }
        if (sub == u"remove") {
            return parsed(context, arguments.mid(1), optionSpec(removeDocs()), remove);
        }
        if (sub == u"import") {
            return parsed(context, arguments.mid(1), optionSpec(importDocs()), import);
        }
        if (sub == u"list") {
            return listed(context, arguments.mid(1), optionSpec({listDocs().front()}), 0, list);
        }
        return context.usage(
            QStringLiteral("rate needs set, remove, import or list, such as: rate set USD 2026-12-01 0.9412"));
    }

private:
    static Prepared set(Context& context, const CommandLine& line)
    {
        const QStringList given = line.positionals();
        if (given.size() != 3) {
            return context.usage(QStringLiteral("rate set needs a currency, a date and a rate, such as: rate set USD "
                                                "2026-12-01 0.9412"));
        }
        Result<QDate> date = dateOf(given.at(1));
        if (!date) {
            return context.fail(date.error());
        }
        Result<RateFraction> rate = parseRate(given.at(2).trimmed());
        if (!rate) {
            return context.fail(rate.error());
        }
        return [=, &context](Pipeline& pipeline) -> int {
            if (Result<void> done = pipeline.rates().setRate(given.at(0), date.value(), rate.value()); !done) {
                return context.fail(done.error());
            }
            Result<QString> base = pipeline.rates().reportingCurrency();
            printOut(QStringLiteral("From %1: 1 %2 = %3 %4.\n")
                         .arg(date.value().toString(Qt::ISODate), given.at(0).trimmed().toUpper(),
                              formatRate(rate.value().numerator, rate.value().denominator),
                              base ? base.value() : QString()));
            return ExitDone;
        };
    }

    static Prepared remove(Context& context, const CommandLine& line)
    {
        const QStringList given = line.positionals();
        if (given.size() != 2) {
            return context.usage(QStringLiteral("rate remove needs a currency and a date, such as: rate remove USD "
                                                "2026-12-01"));
        }
        Result<QDate> date = dateOf(given.at(1));
        if (!date) {
            return context.fail(date.error());
        }
        const std::optional<QString> base = line.value(QStringLiteral("base"));
        return [=, &context](Pipeline& pipeline) -> int {
            QString against = base.value_or(QString());
            if (!base) {
                Result<QString> reporting = pipeline.rates().reportingCurrency();
                if (!reporting) {
                    return context.fail(reporting.error());
                }
                against = reporting.value();
            }
            if (Result<void> done = pipeline.rates().removeRate(given.at(0), against, date.value()); !done) {
                return context.fail(done.error());
            }
            printOut(QStringLiteral("The rate of %1 in %2 of %3 was removed.\n")
                         .arg(given.at(0).trimmed().toUpper(), against.trimmed().toUpper(),
                              date.value().toString(Qt::ISODate)));
            return ExitDone;
        };
    }

    static Prepared import(Context& context, const CommandLine& line)
    {
        if (line.positionals().size() != 1) {
            return context.usage(QStringLiteral("rate import needs one file, such as: rate import eurofxref.csv"));
        }
        const QString path = line.positionals().front();
        const bool dryRun = line.flag(QStringLiteral("dry-run"));
        return [=, &context](Pipeline& pipeline) -> int {
            Result<RateService::RateImport> done = pipeline.rates().importRates(path, dryRun);
            if (!done) {
                return context.fail(done.error());
            }
            const RateService::RateImport& counts = done.value();
            printOut(QStringLiteral("%1 %2 rate(s) of %3, %4 of them new or changed%5.\n")
                         .arg(dryRun ? QStringLiteral("Would import") : QStringLiteral("Imported"))
                         .arg(counts.read)
                         .arg(path)
                         .arg(counts.changed)
                         .arg(dryRun ? QStringLiteral("; nothing was saved") : QString()));
            if (!counts.skipped.isEmpty()) {
                printOut(QStringLiteral("Skipped: %1.\n").arg(counts.skipped.join(QStringLiteral(", "))));
            }
            return ExitDone;
        };
    }

    static Prepared list(Context& context, const CommandLine& line)
    {
        return [=, &context](Pipeline& pipeline) -> int {
            Result<std::vector<ExchangeRate>> stored = pipeline.rates().rates();
            if (!stored) {
                return context.fail(stored.error());
            }
            const QString only = line.value(QStringLiteral("currency")).value_or(QString()).trimmed().toUpper();
            std::vector<ExchangeRate> rates;
            for (const ExchangeRate& rate : stored.value()) {
                if (only.isEmpty() || rate.currency == only || rate.base == only) {
                    rates.push_back(rate);
                }
            }
            Listing listing;
            listing.header
                = {QStringLiteral("DATE"), QStringLiteral("CURRENCY"), QStringLiteral("RATE"), QStringLiteral("IN")};
            listing.rightAligned = {2};
            for (const ExchangeRate& rate : rates) {
                const QString shown = formatRate(rate.numerator, rate.denominator);
                listing.rows.push_back({rate.date.toString(Qt::ISODate), rate.currency, shown, rate.base});
                QJsonObject object;
                object[QStringLiteral("date")] = rate.date.toString(Qt::ISODate);
                object[QStringLiteral("currency")] = rate.currency;
                object[QStringLiteral("base")] = rate.base;
                object[QStringLiteral("rate")] = shown;
                object[QStringLiteral("numerator")] = QString::number(rate.numerator);
                object[QStringLiteral("denominator")] = QString::number(rate.denominator);
                listing.json.append(object);
            }
            listing.csv = [&rates](QIODevice* device) {
                CsvWriter writer(device, false);
                for (const char* name : {"date", "currency", "base", "rate", "numerator", "denominator"}) {
                    writer.plain(QString::fromLatin1(name));
                }
                bool ok = writer.endRow();
                for (const ExchangeRate& rate : rates) {
                    writer.plain(rate.date.toString(Qt::ISODate)).plain(rate.currency).plain(rate.base);
                    writer.plain(formatRate(rate.numerator, rate.denominator))
                        .plain(QString::number(rate.numerator))
                        .plain(QString::number(rate.denominator));
                    ok = writer.endRow() && ok;
                }
                return ok;
            };
            listing.countLine = QStringLiteral("%1 rate(s)\n").arg(rates.size());
            return printListing(context, line, listing);
        };
    }
};

} // namespace

std::unique_ptr<Command> makeRateCommand()
{
    return std::make_unique<RateCommand>();
}

} // namespace dealboard::cli
