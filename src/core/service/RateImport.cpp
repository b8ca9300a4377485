// Exchange rates from a CSV file in the European Central Bank's published
// layout: the day's eurofxref.csv ("Date, USD, JPY, …" and one row "04
// December 2026, 1.0823, …") or the history eurofxref-hist.csv ("Date,USD,…"
// and rows "2026-12-04,1.0823,…", N/A where the ECB had no figure). The
// ECB's figure X of a currency means 1 EUR = X of it: stored exactly so,
// as (EUR, currency, X); RateTable reads it the other way round and across.
#include "ServiceSupport.h"
#include "dealboard/CsvReader.h"
#include "dealboard/Currency.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/RateService.h"

#include <QFile>
#include <QLocale>
#include <map>
#include <tuple>

namespace dealboard {

using namespace service;

namespace {

constexpr qint64 MaxRateFileBytes = 64 * 1024 * 1024;
constexpr int MaxRateRows = 100'000;
const QString EcbBase = QStringLiteral("EUR");

Error faultAt(const QString& path, int line, int column, const QString& what)
{
    return invalid(
        QStringLiteral("%1, line %2, column %3: %4 Nothing was imported.").arg(path).arg(line).arg(column).arg(what));
}

QDate ecbDate(const QString& text)
{
    const QDate iso = QDate::fromString(text, Qt::ISODate);
    if (iso.isValid() && text.size() == 10) {
        return iso;
    }
    for (const char* format : {"dd MMMM yyyy", "d MMMM yyyy"}) {
        const QDate named = QLocale::c().toDate(text, QString::fromLatin1(format));
        if (named.isValid()) {
            return named;
        }
    }
    return {};
}

using RateKey = std::tuple<QString, QString, QDate>;

struct ReadRates
{
    std::map<RateKey, RateFraction> rates;
    QStringList skipped;
};

Result<ReadRates> readEcbFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return invalid(QStringLiteral("Couldn't open %1: %2. Give the path of the ECB's eurofxref.csv or "
                                      "eurofxref-hist.csv.")
                           .arg(path, file.errorString()));
    }
    if (file.size() > MaxRateFileBytes) {
        return invalid(QStringLiteral("%1 is %2 MB; the ECB's files are far smaller. Nothing was imported.")
                           .arg(path)
                           .arg(file.size() / (1024 * 1024)));
    }
    CsvStream csv(&file);
    QStringList record;
    int line = 0;
    Result<bool> more = csv.next(record, line);
    auto unreadable = [&path](const Error& error) {
        return invalid(QStringLiteral("%1: %2 Nothing was imported.").arg(path, error.message));
    };
    if (!more) {
        return unreadable(more.error());
    }
    if (!more.value() || record.value(0).trimmed() != u"Date") {
        return faultAt(path, line > 0 ? line : 1, 1,
                       QStringLiteral("the file does not start with the ECB's header \"Date, USD, JPY, …\"."));
    }
    // The header's currencies; a trailing empty column (the ECB ends each
    // line with a comma) is no currency.
    QStringList codes;
    for (qsizetype i = 1; i < record.size(); ++i) {
        const QString code = record.at(i).trimmed();
        if (code.isEmpty() && i == record.size() - 1) {
            break;
        }
        if (code.size() != 3 || code != code.toUpper() || codes.contains(code)) {
            return faultAt(path, line, int(i) + 1,
                           code.isEmpty() || code.size() != 3 || code != code.toUpper()
                               ? QStringLiteral("'%1' is not a currency code of three capital letters.").arg(code)
                               : QStringLiteral("%1 is named twice in the header.").arg(code));
        }
        codes << code;
    }
    ReadRates read;
    std::vector<bool> known;
    for (const QString& code : codes) {
        const bool iso = findCurrency(code) != nullptr && code != EcbBase;
        known.push_back(iso);
        if (code == EcbBase) {
            read.skipped << QStringLiteral("%1 (the file's own base: every figure is a rate against it)").arg(code);
        } else if (!iso) {
            read.skipped << QStringLiteral("%1 (not a currency DealBoard keeps deals in)").arg(code);
        }
    }
    QStringList withoutFigure;
    std::map<QDate, int> days; // each day's line
    int rows = 0;
    while (true) {
        more = csv.next(record, line);
        if (!more) {
            return unreadable(more.error());
        }
        if (!more.value()) {
            break;
        }
        if (record.size() == 1 && record.front().trimmed().isEmpty()) {
            continue; // a blank line
        }
        if (++rows > MaxRateRows) {
            return faultAt(path, line, 1, QStringLiteral("the file has more than %1 days of rates.").arg(MaxRateRows));
        }
        const QDate date = ecbDate(record.value(0).trimmed());
        if (!date.isValid()) {
            return faultAt(path, line, 1,
                           QStringLiteral("'%1' is not a date such as 2026-12-04 or 04 December 2026.")
                               .arg(record.value(0).trimmed().left(40)));
        }
        if (const auto [at, first] = days.emplace(date, line); !first) {
            return faultAt(path, line, 1,
                           QStringLiteral("%1 is given twice, on line %2 too: a day has one figure per currency.")
                               .arg(date.toString(Qt::ISODate))
                               .arg(at->second));
        }
        // The ECB's rows end in a comma: a row short of the header's cells
        // was cut, not left without figures (those say N/A).
        if (record.size() < codes.size() + 1) {
            return faultAt(path, line, int(record.size()) + 1,
                           QStringLiteral("the row has %1 cells where the header has %2: no figure for %3. The file "
                                          "may be cut short; take it from the ECB again.")
                               .arg(record.size())
                               .arg(codes.size() + 1)
                               .arg(codes.at(record.size() - 1)));
        }
        for (qsizetype i = codes.size() + 1; i < record.size(); ++i) {
            if (!record.at(i).trimmed().isEmpty()) {
                return faultAt(path, line, int(i) + 1,
                               QStringLiteral("the row has more figures than the header has currencies."));
            }
        }
        for (qsizetype i = 0; i < codes.size(); ++i) {
            const QString cell = record.value(i + 1).trimmed();
            if (!known[size_t(i)]) {
                continue;
            }
            if (cell.isEmpty() || cell == u"N/A") {
                if (!withoutFigure.contains(codes.at(i))) {
                    withoutFigure << codes.at(i);
                }
                continue;
            }
            Result<RateFraction> rate = parseRate(cell.left(40));
            if (!rate) {
                return faultAt(path, line, int(i) + 2, QStringLiteral("%1: %2").arg(codes.at(i), rate.error().message));
            }
            read.rates[{EcbBase, codes.at(i), date}] = rate.value();
        }
    }
    // The ECB's files end with a line end: a file that stops without one
    // was cut (163.12 read as 1, or a figure lost after its comma).
    if (file.seek(file.size() - 1)) {
        const QByteArray last = file.read(1);
        if (last != "\n" && last != "\r") {
            return faultAt(path, line, 1,
                           QStringLiteral("the file ends in the middle of a row, without a line end: it may be cut "
                                          "short. Take it from the ECB again, or end its last line if it is whole."));
        }
    }
    for (const QString& code : withoutFigure) {
        read.skipped << QStringLiteral("%1 on some days (no figure)").arg(code);
    }
    if (read.rates.empty()) {
        return invalid(QStringLiteral("%1 holds no exchange rate: it needs the ECB's header and at least one day's "
                                      "figures. Nothing was imported.")
                           .arg(path));
    }
    return read;
}

} // namespace

Result<RateService::RateImport> RateService::importRates(const QString& path, bool dryRun)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the exchange rates"))) {
        return *refused;
    }
    Result<ReadRates> read = readEcbFile(path);
    if (!read) {
        return read.error();
    }
    RateImport counts;
    counts.read = int(read.value().rates.size());
    counts.skipped = read.value().skipped;
    // The rates that are new or differ from the stored ones.
    Result<std::vector<ExchangeRate>> stored = m_store.rates().rates();
    if (!stored) {
        return stored.error();
    }
    std::map<RateKey, RateFraction> before;
    for (const ExchangeRate& rate : stored.value()) {
        before[{rate.currency, rate.base, rate.date}] = {rate.numerator, rate.denominator};
    }
    for (const auto& [key, rate] : read.value().rates) {
        const auto found = before.find(key);
        if (found == before.end() || found->second.numerator != rate.numerator
            || found->second.denominator != rate.denominator) {
            const auto& [currency, base, date] = key;
            counts.applied.rates.push_back({currency, base, date, rate});
        }
    }
    counts.changed = int(counts.applied.rates.size());
    if (dryRun || counts.applied.empty()) {
        counts.applied = {};
        return counts;
    }
    Result<RatesChange> undo = apply(counts.applied);
    if (!undo) {
        return undo.error();
    }
    counts.undo = std::move(undo.value());
    spdlog::info("{} imported {} exchange rate(s) from {}, {} new or changed", text(m_store.team().user), counts.read,
                 text(path), counts.changed);
    return counts;
}

} // namespace dealboard
