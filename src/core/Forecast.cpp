#include "dealboard/Forecast.h"

#include "TextTable.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/Money.h"

#include <QHash>
#include <QJsonArray>
#include <algorithm>
#include <limits>
#include <map>
#include <tuple>
#include <unordered_map>

namespace dealboard {

namespace {

const QString Overdue = QStringLiteral("overdue");
const QString Later = QStringLiteral("later");
const QString NoDate = QStringLiteral("no date");
const QString TeamName = QStringLiteral("(team)");
const QString NotEnoughHistory = QStringLiteral("not enough history");

void add(ForecastFigures& into, const ForecastFigures& one)
{
    into.openDeals += one.openDeals;
    into.openMinor = addMoney(into.openMinor, one.openMinor);
    into.weightedMinor = addMoney(into.weightedMinor, one.weightedMinor);
    into.empiricalMinor = into.empiricalMinor && one.empiricalMinor
        ? std::optional(addMoney(*into.empiricalMinor, *one.empiricalMinor))
        : std::nullopt;
    into.wonDeals += one.wonDeals;
    into.wonMinor = addMoney(into.wonMinor, one.wonMinor);
}

// (bucket, owner, currency) -> figures
using Cells = std::map<std::tuple<QString, QString, QString>, ForecastFigures>;

// One row per bucket and owner, then the team's, in the reporting
// currency: each cell's sums converted once, at today's rates for what is
// open, at the won day's for what was won.
std::vector<ForecastRow> convertedRows(const QStringList& buckets, const Cells& cells,
                                       const std::map<std::pair<QString, QString>, CurrencySums>& wonByDay,
                                       const QDate& today, const RateTable& rates, ConversionNote& note)
{
    struct Sums
    {
        int openDeals = 0;
        int wonDeals = 0;
        CurrencySums open, weighted, empirical, won;
        bool empiricalKnown = true;
    };
    note.currency = rates.reportingCurrency();
    auto figuresOf = [&](const Sums& sums, ConversionNote* named) {
        ForecastFigures f;
        f.openDeals = sums.openDeals;
        f.wonDeals = sums.wonDeals;
        f.openMinor = sums.open.convert(rates, named);
        f.weightedMinor = sums.weighted.convert(rates);
        f.empiricalMinor = sums.empiricalKnown ? std::optional(sums.empirical.convert(rates)) : std::nullopt;
        f.wonMinor = sums.won.convert(rates, named);
        return f;
    };
    std::vector<ForecastRow> rows;
    for (const QString& bucket : buckets) {
        std::map<QString, Sums> owners;
        Sums team;
        for (auto at = cells.lower_bound({bucket, QString(), QString()});
             at != cells.end() && std::get<0>(at->first) == bucket; ++at) {
            const auto& [key, f] = *at;
            for (Sums* sums : {&owners[std::get<1>(key)], &team}) {
                sums->openDeals += f.openDeals;
                sums->wonDeals += f.wonDeals;
                if (f.openDeals > 0) {
                    sums->open.add(f.openMinor, std::get<2>(key), today, f.openDeals);
                    sums->weighted.add(f.weightedMinor, std::get<2>(key), today, f.openDeals);
                    if (f.empiricalMinor) {
                        sums->empirical.add(*f.empiricalMinor, std::get<2>(key), today, f.openDeals);
                    } else {
                        sums->empiricalKnown = false;
                    }
                }
            }
        }
        for (auto& [owner, sums] : owners) {
            if (const auto won = wonByDay.find({bucket, owner}); won != wonByDay.end()) {
                sums.won += won->second;
                team.won += won->second;
            }
            rows.push_back({bucket, false, owner, rates.reportingCurrency(), figuresOf(sums, nullptr)});
        }
        rows.push_back({bucket, true, QString(), rates.reportingCurrency(), figuresOf(team, &note)});
    }
    return rows;
}

} // namespace

std::optional<std::int64_t> EmpiricalRate::apply(std::int64_t valueMinor) const
{
    if (!enough()) {
        return std::nullopt;
    }
    // Split so that value × won never overflows.
    return valueMinor / cohort * won + valueMinor % cohort * won / cohort;
}

EmpiricalRates EmpiricalRates::measure(const std::vector<ReportHistoryRow>& history, qint64 nowMs, qint64 rowsBeforeMs)
{
    EmpiricalRates rates;
    const qint64 window = qint64(EmpiricalRate::Window) * 86'400'000;
    constexpr qint64 Never = std::numeric_limits<qint64>::max();
    std::array<qint64, StageCount> firstIn {};
    qint64 firstWin = Never;
    // One deal's rows at a time: its first entries, then what they count for.
    auto count = [&] {
        for (int i = 0; i < StageCount; ++i) {
            if (firstIn[std::size_t(i)] == Never || nowMs - firstIn[std::size_t(i)] < window) {
                continue; // never in the stage, or its 90 days have not passed
            }
            EmpiricalRate& rate = rates.stages[std::size_t(i)];
            ++rate.cohort;
            if (firstWin >= firstIn[std::size_t(i)] && firstWin - firstIn[std::size_t(i)] <= window) {
                ++rate.won;
            }
        }
    };
    DealId current = 0;
    for (const ReportHistoryRow& row : history) {
        if (row.atMs >= rowsBeforeMs) {
            continue;
        }
        if (row.dealId != current) {
            if (current != 0) {
                count();
            }
            current = row.dealId;
            firstIn.fill(Never);
            firstWin = Never;
        }
        qint64& in = firstIn[std::size_t(stageIndex(row.toStage))];
        in = std::min(in, row.atMs);
        if (row.toStatus == DealStatus::Won) {
            firstWin = std::min(firstWin, row.atMs);
        }
    }
    if (current != 0) {
        count();
    }
    return rates;
}

void Forecast::dateClosings(std::vector<ForecastDeal>& deals, const std::vector<ReportHistoryRow>& history)
{
    std::size_t at = 0;
    for (ForecastDeal& deal : deals) {
        if (deal.status == DealStatus::Open) {
            continue;
        }
        while (at < history.size() && history[at].dealId < deal.id) {
            ++at;
        }
        qint64 latest = -1;
        for (std::size_t i = at; i < history.size() && history[i].dealId == deal.id; ++i) {
            if (history[i].toStatus == deal.status) {
                latest = std::max(latest, history[i].atMs);
            }
        }
        if (latest >= 0) {
            (deal.status == DealStatus::Won ? deal.wonOn : deal.lostOn)
                = QDateTime::fromMSecsSinceEpoch(latest, Qt::UTC).date();
        }
    }
}

QString Forecast::monthBucket(const QDate& day)
{
    return day.toString(QStringLiteral("yyyy-MM"));
}

Forecast Forecast::build(const std::vector<ForecastDeal>& deals, const QDate& today, int months,
                         const QString& defaultCurrency, const StageProbabilities& probabilities,
                         const EmpiricalRates& rates, const RateTable* convertTo)
{
    Forecast forecast;
    forecast.probabilities = probabilities;
    forecast.rates = rates;
    forecast.today = today;
    forecast.months = months;
    const QDate first(today.year(), today.month(), 1);
    const QDate end = first.addMonths(months); // the first day after the last month
    forecast.buckets << Overdue;
    for (int m = 0; m < months; ++m) {
        forecast.buckets << monthBucket(first.addMonths(m));
    }
    forecast.buckets << Later << NoDate;

    // Each deal is counted under small numbers (its bucket, owner and
    // currency), the texts looked up once per deal in two small hashes; the
    // cells are named by their texts once every deal is counted. Each cell's
    // weighted value is added exactly and rounded once.
    struct Cell
    {
        ForecastFigures figures;
        WeightedSum weighted;
    };
    std::unordered_map<std::uint64_t, Cell> counted;
    QHash<QString, std::uint64_t> ownerNumbers;
    QHash<QString, std::uint64_t> currencyNumbers;
    std::vector<const QString*> owners;
    std::vector<const QString*> currencies;
    const auto numberOf = [](QHash<QString, std::uint64_t>& numbers, std::vector<const QString*>& texts,
                             const QString& text) -> std::uint64_t {
        // A team's few owners and currencies are compared in turn, which
        // costs less than hashing the text; many are hashed.
        if (texts.size() <= 16) {
            for (std::size_t i = 0; i < texts.size(); ++i) {
                if (*texts[i] == text) {
                    return i;
                }
            }
        }
        auto found = numbers.constFind(text);
        if (found == numbers.cend()) {
            found = numbers.insert(text, texts.size());
            texts.push_back(&text);
        }
        return *found;
    };
    const int firstMonth = first.year() * 12 + first.month() - 1;
    const auto monthIndex = [firstMonth](const QDate& day) { return day.year() * 12 + day.month() - 1 - firstMonth; };
    const int overdueIndex = 0;
    const int laterIndex = months + 1;
    const int noDateIndex = months + 2;
    std::map<std::pair<QString, QString>, CurrencySums> wonByDay; // converted forecasts only
    for (const ForecastDeal& deal : deals) {
        ForecastFigures one;
        int bucket = 0;
        if (deal.status == DealStatus::Open) {
            if (!deal.expectedClose.isValid()) {
                bucket = noDateIndex;
            } else if (deal.expectedClose < today) {
                bucket = overdueIndex;
            } else if (deal.expectedClose >= end) {
                bucket = laterIndex;
            } else {
                bucket = 1 + monthIndex(deal.expectedClose);
            }
            one.openDeals = 1;
            one.openMinor = deal.valueMinor;
            one.empiricalMinor = rates.of(deal.stage).apply(deal.valueMinor);
        } else if (deal.status == DealStatus::Won && deal.wonOn.isValid() && deal.wonOn >= first && deal.wonOn < end) {
            bucket = 1 + monthIndex(deal.wonOn);
            one.wonDeals = 1;
            one.wonMinor = deal.valueMinor;
        } else {
            continue;
        }
        const std::uint64_t key = (std::uint64_t(bucket) << 48) | (numberOf(ownerNumbers, owners, deal.owner) << 24)
            | numberOf(currencyNumbers, currencies, deal.currency);
        Cell& cell = counted[key];
        add(cell.figures, one);
        if (one.openDeals > 0) {
            cell.weighted.add(deal.valueMinor, probabilities.forDeal(deal.stage, deal.probabilityOverride));
        }
        if (convertTo && one.wonDeals > 0) {
            wonByDay[{forecast.buckets[bucket], deal.owner}].add(deal.valueMinor, deal.currency, deal.wonOn);
        }
    }
    Cells cells;
    for (auto& [key, cell] : counted) {
        cell.figures.weightedMinor = cell.weighted.minor();
        cells.emplace(std::tuple(forecast.buckets[static_cast<qsizetype>(key >> 48)], *owners[(key >> 24) & 0xffffff],
                                 *currencies[key & 0xffffff]),
                      cell.figures);
    }
    if (convertTo) {
        forecast.rows = convertedRows(forecast.buckets, cells, wonByDay, today, *convertTo, forecast.conversion);
        return forecast;
    }

    for (const QString& bucket : forecast.buckets) {
        std::map<QString, ForecastFigures> team; // by currency
        for (const auto& [key, figures] : cells) {
            if (std::get<0>(key) != bucket) {
                continue;
            }
            forecast.rows.push_back({bucket, false, std::get<1>(key), std::get<2>(key), figures});
            add(team[std::get<2>(key)], figures);
        }
        if (team.empty()) {
            team[defaultCurrency] = {};
        }
        for (const auto& [currency, figures] : team) {
            forecast.rows.push_back({bucket, true, QString(), currency, figures});
        }
    }
    return forecast;
}

namespace ForecastFormat {

namespace {

QString ownerName(const ForecastRow& row)
{
    return row.team ? TeamName : row.owner.isEmpty() ? QStringLiteral("(no owner)") : row.owner;
}

// "Values in EUR, converted at the rates of …" and what has no rate, for a
// converted forecast.
QString conversionLines(const ConversionNote& note)
{
    if (note.currency.isEmpty()) {
        return QString();
    }
    QString text = QStringLiteral("Values in %1").arg(note.currency);
    if (!note.rateDates.empty()) {
        text += QStringLiteral(", ") + note.ratesText();
    }
    text += QStringLiteral(".\n");
    if (!note.complete()) {
        text += QStringLiteral("Left out, %1. Set a rate with `rate set` to convert them.\n")
                    .arg(note.unconvertedText());
    }
    return text;
}

QString empiricalText(const ForecastFigures& f, const QString& currency)
{
    return f.empiricalMinor ? formatForPeople({*f.empiricalMinor, currency}) : NotEnoughHistory;
}

} // namespace

QString rateText(const EmpiricalRate& rate)
{
    if (!rate.enough()) {
        return NotEnoughHistory;
    }
    const qint64 permille = qint64(rate.won) * 1000 / rate.cohort;
    return Probability::permilleText(permille);
}

QString table(const Forecast& forecast)
{
    std::vector<QStringList> rows;
    for (const ForecastRow& row : forecast.rows) {
        const ForecastFigures& f = row.figures;
        rows.push_back({row.bucket, ownerName(row), QString::number(f.openDeals),
                        formatForPeople({f.openMinor, row.currency}), formatForPeople({f.weightedMinor, row.currency}),
                        empiricalText(f, row.currency), formatForPeople({f.wonMinor, row.currency})});
    }
    std::vector<QStringList> stages;
    for (Stage stage : AllStages) {
        const EmpiricalRate& rate = forecast.rates.of(stage);
        stages.push_back({stageName(stage), Probability::claimed(forecast.probabilities, stage),
                          QString::number(rate.cohort), QString::number(rate.won), rateText(rate)});
    }
    return QStringLiteral("Forecast by expected close month, as of %1: weighted by the win probabilities, "
                          "empirical by what the team's own history says\n%2\n"
                          "The stages: claimed probability, and deals won within %3 days of entering\n%4")
               .arg(forecast.today.toString(Qt::ISODate),
                    textTable({QStringLiteral("BUCKET"), QStringLiteral("OWNER"), QStringLiteral("OPEN DEALS"),
                               QStringLiteral("OPEN VALUE"), QStringLiteral("WEIGHTED"), QStringLiteral("EMPIRICAL"),
                               QStringLiteral("WON THIS MONTH")},
                              rows, 2))
               .arg(EmpiricalRate::Window)
               .arg(textTable({QStringLiteral("STAGE"), QStringLiteral("PROBABILITY"), QStringLiteral("COHORT"),
                               QStringLiteral("WON IN 90 DAYS"), QStringLiteral("EMPIRICAL RATE")},
                              stages, 1))
        + conversionLines(forecast.conversion);
}

bool writeCsv(QIODevice* device, const Forecast& forecast, bool byteOrderMark)
{
    CsvWriter writer(device, byteOrderMark);
    for (const char* name : {"bucket", "owner", "currency", "open_deals", "open_value", "weighted_value",
                             "empirical_value", "won_deals", "won_value"}) {
        writer.plain(QString::fromLatin1(name));
    }
    const bool converted = !forecast.conversion.currency.isEmpty();
    for (const QString& name : converted ? ConversionNote::csvHeader() : QStringList()) {
        writer.plain(name);
    }
    bool ok = writer.endRow();
    for (const ForecastRow& row : forecast.rows) {
        const ForecastFigures& f = row.figures;
        writer.plain(row.bucket).text(ownerName(row)).plain(row.currency).plain(QString::number(f.openDeals));
        writer.plain(formatDecimal(f.openMinor, row.currency)).plain(formatDecimal(f.weightedMinor, row.currency));
        writer.plain(f.empiricalMinor ? formatDecimal(*f.empiricalMinor, row.currency) : QString());
        writer.plain(QString::number(f.wonDeals)).plain(formatDecimal(f.wonMinor, row.currency));
        for (const QString& cell : converted ? forecast.conversion.csvCells() : QStringList()) {
            writer.plain(cell);
        }
        ok = writer.endRow() && ok;
    }
    return ok;
}

QJsonObject json(const Forecast& forecast)
{
    QJsonArray rows;
    for (const ForecastRow& row : forecast.rows) {
        const ForecastFigures& f = row.figures;
        QJsonObject object;
        object[QStringLiteral("bucket")] = row.bucket;
        object[QStringLiteral("owner")] = row.team ? QJsonValue(QJsonValue::Null) : QJsonValue(row.owner);
        object[QStringLiteral("team")] = row.team;
        object[QStringLiteral("currency")] = row.currency;
        object[QStringLiteral("open_deals")] = f.openDeals;
        object[QStringLiteral("open_value")] = formatDecimal(f.openMinor, row.currency);
        object[QStringLiteral("weighted_value")] = formatDecimal(f.weightedMinor, row.currency);
        object[QStringLiteral("empirical_value")] = f.empiricalMinor
            ? QJsonValue(formatDecimal(*f.empiricalMinor, row.currency))
            : QJsonValue(QJsonValue::Null);
        object[QStringLiteral("won_deals")] = f.wonDeals;
        object[QStringLiteral("won_value")] = formatDecimal(f.wonMinor, row.currency);
        rows.append(object);
    }
    QJsonArray stages;
    for (Stage stage : AllStages) {
        const EmpiricalRate& rate = forecast.rates.of(stage);
        QJsonObject object;
        object[QStringLiteral("stage")] = stageSlug(stage);
        object[QStringLiteral("probability")] = Probability::share(forecast.probabilities.percent(stage));
        object[QStringLiteral("probability_set")] = forecast.probabilities.isSet(stage);
        object[QStringLiteral("cohort")] = rate.cohort;
        object[QStringLiteral("won_within_90_days")] = rate.won;
        object[QStringLiteral("empirical_rate")] = rate.enough()
            ? QJsonValue(double(qint64(rate.won) * 10000 / rate.cohort) / 10000.0)
            : QJsonValue(QJsonValue::Null);
        stages.append(object);
    }
    QJsonObject object;
    object[QStringLiteral("today")] = forecast.today.toString(Qt::ISODate);
    object[QStringLiteral("months")] = forecast.months;
    object[QStringLiteral("buckets")] = QJsonArray::fromStringList(forecast.buckets);
    object[QStringLiteral("rows")] = rows;
    object[QStringLiteral("stages")] = stages;
    if (!forecast.conversion.currency.isEmpty()) {
        object[QStringLiteral("conversion")] = forecast.conversion.json();
    }
    return object;
}

} // namespace ForecastFormat

} // namespace dealboard
