// The forecast's accuracy and the slipped deals as text, CSV and JSON.
#include "TextTable.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/ForecastAccuracy.h"
#include "dealboard/Money.h"

#include <QJsonArray>

namespace dealboard::AccuracyFormat {

namespace {

const QString TeamName = QStringLiteral("(team)");

QString ownerName(const QString& owner)
{
    return owner.isEmpty() ? TeamName : owner;
}

// An amount for machines: the currency's decimals, '.' as the point.
QString amountText(std::int64_t minor, const QString& currency)
{
    return formatDecimal(minor, currency);
}

QString percentText(std::optional<int> percent)
{
    return percent ? QStringLiteral("%1%2 %").arg(*percent > 0 ? QStringLiteral("+") : QString()).arg(*percent)
                   : QStringLiteral("-");
}

QJsonValue percentJson(std::optional<int> percent)
{
    return percent ? QJsonValue(*percent) : QJsonValue(QJsonValue::Null);
}

QString dateText(const QDate& day)
{
    return day.isValid() ? day.toString(Qt::ISODate) : QString();
}

// One row per line and horizon: the cells the table and the CSV share.
struct Cells
{
    QString month, owner, ahead, snapshot, claimed, claimedError, empirical, empiricalError, won;
};

std::vector<Cells> cellsOf(const ForecastAccuracy& accuracy, bool forPeople)
{
    std::vector<Cells> rows;
    const QString& currency = accuracy.currency;
    const auto money = [&](std::int64_t minor) {
        return forPeople ? formatForPeople({minor, currency}) : amountText(minor, currency);
    };
    for (const AccuracyLine& line : accuracy.lines) {
        for (std::size_t h = 0; h < ForecastAccuracy::Horizons.size(); ++h) {
            const AccuracySaid& said = line.said[h];
            Cells cells;
            cells.month = line.month;
            cells.owner = forPeople ? ownerName(line.owner) : line.owner;
            cells.ahead = QString::number(ForecastAccuracy::Horizons[h]);
            cells.won = money(line.wonMinor);
            if (!said.snapshotOn.isValid()) {
                cells.snapshot = forPeople ? QStringLiteral("no snapshot") : QString();
                rows.push_back(cells);
                continue;
            }
            cells.snapshot = dateText(said.snapshotOn);
            cells.claimed = money(said.claimedMinor);
            cells.claimedError = percentText(ForecastAccuracy::errorPercent(said.claimedMinor, line.wonMinor));
            if (said.empiricalMinor) {
                cells.empirical = money(*said.empiricalMinor);
                cells.empiricalError = percentText(ForecastAccuracy::errorPercent(*said.empiricalMinor, line.wonMinor));
            } else if (forPeople) {
                cells.empirical = QStringLiteral("not enough history");
            }
            rows.push_back(cells);
        }
    }
    return rows;
}

} // namespace

QString ratesNote(const ForecastAccuracy& accuracy)
{
    QStringList parts;
    if (accuracy.ratesFrom.isValid()) {
        parts << (accuracy.ratesFrom == accuracy.ratesTo
                      ? QStringLiteral("converted at the rates of %1").arg(dateText(accuracy.ratesFrom))
                      : QStringLiteral("converted at the rates of %1 to %2")
                            .arg(dateText(accuracy.ratesFrom), dateText(accuracy.ratesTo)));
    }
    if (!accuracy.unconverted.isEmpty()) {
        parts << QStringLiteral("not converted, no rate: %1 (left out of the figures)")
                     .arg(accuracy.unconverted.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral("; "));
}

std::vector<QStringList> tableRows(const ForecastAccuracy& accuracy)
{
    std::vector<QStringList> rows;
    for (const Cells& c : cellsOf(accuracy, true)) {
        rows.push_back(
            {c.month, c.owner, c.ahead, c.snapshot, c.claimed, c.claimedError, c.empirical, c.empiricalError, c.won});
    }
    return rows;
}

QString table(const ForecastAccuracy& accuracy)
{
    const std::vector<QStringList> rows = tableRows(accuracy);
    const QString note = ratesNote(accuracy);
    return QStringLiteral("Forecast accuracy, the %1 before %2, in %3%4: what the forecast said of each "
                          "month 90, 60 and 30 days ahead against what was won\n%5\n%6\n")
        .arg(accuracy.months == 1 ? QStringLiteral("month") : QStringLiteral("%1 months").arg(accuracy.months))
        .arg(Forecast::monthBucket(accuracy.today), accuracy.currency,
             note.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(note),
             textTable({QStringLiteral("MONTH"), QStringLiteral("OWNER"), QStringLiteral("DAYS AHEAD"),
                        QStringLiteral("SNAPSHOT"), QStringLiteral("CLAIMED"), QStringLiteral("ERROR"),
                        QStringLiteral("EMPIRICAL"), QStringLiteral("ERROR"), QStringLiteral("WON")},
                       rows, 2),
             accuracy.verdict().join(QLatin1Char('\n')));
}

bool writeCsv(QIODevice* device, const ForecastAccuracy& accuracy)
{
    CsvWriter writer(device);
    for (const char* name : {"month", "owner", "days_ahead", "snapshot", "currency", "claimed_value", "claimed_error",
                             "empirical_value", "empirical_error", "won_value"}) {
        writer.plain(QString::fromLatin1(name));
    }
    bool ok = writer.endRow();
    for (const Cells& c : cellsOf(accuracy, false)) {
        writer.plain(c.month).text(c.owner).plain(c.ahead).plain(c.snapshot).plain(accuracy.currency);
        writer.plain(c.claimed).plain(c.claimedError).plain(c.empirical).plain(c.empiricalError).plain(c.won);
        ok = writer.endRow() && ok;
    }
    return ok;
}

QJsonObject json(const ForecastAccuracy& accuracy)
{
    QJsonArray lines;
    for (const AccuracyLine& line : accuracy.lines) {
        QJsonObject object;
        object[QStringLiteral("month")] = line.month;
        object[QStringLiteral("owner")] = line.owner.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(line.owner);
        object[QStringLiteral("team")] = line.owner.isEmpty();
        object[QStringLiteral("won_deals")] = line.wonDeals;
        object[QStringLiteral("won_value")] = amountText(line.wonMinor, accuracy.currency);
        QJsonArray said;
        for (std::size_t h = 0; h < ForecastAccuracy::Horizons.size(); ++h) {
            const AccuracySaid& s = line.said[h];
            QJsonObject one;
            one[QStringLiteral("days_ahead")] = ForecastAccuracy::Horizons[h];
            one[QStringLiteral("snapshot")]
                = s.snapshotOn.isValid() ? QJsonValue(dateText(s.snapshotOn)) : QJsonValue(QJsonValue::Null);
            if (s.snapshotOn.isValid()) {
                one[QStringLiteral("claimed_value")] = amountText(s.claimedMinor, accuracy.currency);
                one[QStringLiteral("claimed_error_percent")]
                    = percentJson(ForecastAccuracy::errorPercent(s.claimedMinor, line.wonMinor));
                one[QStringLiteral("empirical_value")] = s.empiricalMinor
                    ? QJsonValue(amountText(*s.empiricalMinor, accuracy.currency))
                    : QJsonValue(QJsonValue::Null);
                one[QStringLiteral("empirical_error_percent")] = s.empiricalMinor
                    ? percentJson(ForecastAccuracy::errorPercent(*s.empiricalMinor, line.wonMinor))
                    : QJsonValue(QJsonValue::Null);
            }
            said.append(one);
        }
        object[QStringLiteral("said")] = said;
        lines.append(object);
    }
    QJsonArray verdicts;
    for (std::size_t h = 0; h < ForecastAccuracy::Horizons.size(); ++h) {
        const auto [claimed, empirical] = accuracy.meanError(h);
        QJsonObject one;
        one[QStringLiteral("days_ahead")] = ForecastAccuracy::Horizons[h];
        one[QStringLiteral("claimed_mean_error_percent")] = percentJson(claimed);
        one[QStringLiteral("empirical_mean_error_percent")] = percentJson(empirical);
        verdicts.append(one);
    }
    QJsonObject object;
    object[QStringLiteral("today")] = dateText(accuracy.today);
    object[QStringLiteral("months")] = accuracy.months;
    object[QStringLiteral("currency")] = accuracy.currency;
    object[QStringLiteral("rates_from")]
        = accuracy.ratesFrom.isValid() ? QJsonValue(dateText(accuracy.ratesFrom)) : QJsonValue(QJsonValue::Null);
    object[QStringLiteral("rates_to")]
        = accuracy.ratesTo.isValid() ? QJsonValue(dateText(accuracy.ratesTo)) : QJsonValue(QJsonValue::Null);
    object[QStringLiteral("unconverted")] = QJsonArray::fromStringList(accuracy.unconverted);
    object[QStringLiteral("lines")] = lines;
    object[QStringLiteral("mean_errors")] = verdicts;
    return object;
}

QString slippedTable(const SlippedDeals& slipped)
{
    std::vector<QStringList> rows;
    for (const SlippedDeal& deal : slipped.deals) {
        rows.push_back({QString::number(deal.id), deal.owner.isEmpty() ? QStringLiteral("(no owner)") : deal.owner,
                        deal.title, stageName(deal.stage), formatForPeople(deal.value), dateText(deal.firstClose),
                        dateText(deal.expectedClose), QString::number(deal.slips), QString::number(deal.daysLater)});
    }
    return QStringLiteral("Open deals whose expected close date moved later %1 times or more\n%2")
        .arg(SlippedDeals::MinimumSlips)
        .arg(rows.empty()
                 ? QStringLiteral("None.\n")
                 : textTable({QStringLiteral("ID"), QStringLiteral("OWNER"), QStringLiteral("TITLE"),
                              QStringLiteral("STAGE"), QStringLiteral("VALUE"), QStringLiteral("FIRST CLOSE"),
                              QStringLiteral("CLOSE NOW"), QStringLiteral("SLIPS"), QStringLiteral("DAYS LATER")},
                             rows, 4));
}

bool writeSlippedCsv(QIODevice* device, const SlippedDeals& slipped)
{
    CsvWriter writer(device);
    for (const char* name : {"id", "owner", "title", "stage", "value", "currency", "first_close", "expected_close",
                             "slips", "days_later"}) {
        writer.plain(QString::fromLatin1(name));
    }
    bool ok = writer.endRow();
    for (const SlippedDeal& deal : slipped.deals) {
        writer.plain(QString::number(deal.id)).text(deal.owner).text(deal.title).plain(stageSlug(deal.stage));
        writer.plain(amountText(deal.value.minor, deal.value.currency)).plain(deal.value.currency);
        writer.plain(dateText(deal.firstClose)).plain(dateText(deal.expectedClose));
        writer.plain(QString::number(deal.slips)).plain(QString::number(deal.daysLater));
        ok = writer.endRow() && ok;
    }
    return ok;
}

QJsonObject slippedJson(const SlippedDeals& slipped)
{
    QJsonArray deals;
    for (const SlippedDeal& deal : slipped.deals) {
        QJsonObject object;
        object[QStringLiteral("id")] = qint64(deal.id);
        object[QStringLiteral("owner")] = deal.owner;
        object[QStringLiteral("title")] = deal.title;
        object[QStringLiteral("stage")] = stageSlug(deal.stage);
        object[QStringLiteral("value")] = amountText(deal.value.minor, deal.value.currency);
        object[QStringLiteral("currency")] = deal.value.currency;
        object[QStringLiteral("first_close")] = dateText(deal.firstClose);
        object[QStringLiteral("expected_close")] = dateText(deal.expectedClose);
        object[QStringLiteral("slips")] = deal.slips;
        object[QStringLiteral("days_later")] = deal.daysLater;
        deals.append(object);
    }
    QJsonObject object;
    object[QStringLiteral("minimum_slips")] = SlippedDeals::MinimumSlips;
    object[QStringLiteral("deals")] = deals;
    return object;
}

} // namespace dealboard::AccuracyFormat
