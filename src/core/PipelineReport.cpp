#include "dealboard/PipelineReport.h"

#include "TextTable.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/StoredTime.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace dealboard {

namespace {

constexpr double MsPerDay = 86'400'000.0;

std::optional<double> ratio(int part, int whole)
{
    if (whole <= 0) {
        return std::nullopt;
    }
    return static_cast<double>(part) / whole;
}

std::optional<double> medianDays(std::vector<qint64>& durations)
{
    if (durations.empty()) {
        return std::nullopt;
    }
    // The middle element(s) only, not a full sort.
    const std::size_t middle = durations.size() / 2;
    std::nth_element(durations.begin(), durations.begin() + static_cast<std::ptrdiff_t>(middle), durations.end());
    const double upper = static_cast<double>(durations[middle]);
    const double median = durations.size() % 2 == 1
        ? upper
        : (static_cast<double>(
               *std::max_element(durations.begin(), durations.begin() + static_cast<std::ptrdiff_t>(middle)))
           + upper)
            / 2.0;
    return median / MsPerDay;
}

std::optional<double> meanDays(const std::vector<qint64>& durations)
{
    if (durations.empty()) {
        return std::nullopt;
    }
    double total = 0;
    for (qint64 duration : durations) {
        total += static_cast<double>(duration);
    }
    return total / static_cast<double>(durations.size()) / MsPerDay;
}

double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

QJsonValue jsonNumber(const std::optional<double>& value, int decimals)
{
    return value ? QJsonValue(rounded(*value, decimals)) : QJsonValue(QJsonValue::Null);
}

// Adds the values in other currencies, converted, to the report's: what
// has no rate is counted as left out and named in the report's note.
void convertOthers(PipelineReport& report, const RateTable* given, const std::array<CurrencySums, StageCount>& open,
                   const std::array<CurrencySums, StageCount>& weighted, const CurrencySums& wonNew,
                   const CurrencySums& wonRepeat)
{
    const RateTable none(report.currency, {});
    const RateTable& rates = given ? *given : none;
    ConversionNote openNote;
    ConversionNote wonNote;
    for (int i = 0; i < StageCount; ++i) {
        StageFigures& figures = report.stages[std::size_t(i)];
        figures.openValueMinor = addMoney(figures.openValueMinor, open[std::size_t(i)].convert(rates, &openNote));
        figures.weightedValueMinor = addMoney(figures.weightedValueMinor, weighted[std::size_t(i)].convert(rates));
    }
    report.wonNewValueMinor = addMoney(report.wonNewValueMinor, wonNew.convert(rates, &wonNote));
    report.wonRepeatValueMinor = addMoney(report.wonRepeatValueMinor, wonRepeat.convert(rates, &wonNote));
    report.otherCurrencyDeals = openNote.unconvertedDeals();
    report.otherCurrencyWonDeals = wonNote.unconvertedDeals();
    report.conversion = openNote;
    report.conversion += wonNote;
    report.conversion.currency = report.currency;
}

} // namespace

QString countingModeSlug(CountingMode mode)
{
    return mode == CountingMode::Strict ? QStringLiteral("strict") : QStringLiteral("reached");
}

std::optional<CountingMode> countingModeFromSlug(QStringView slug)
{
    if (slug == u"reached") {
        return CountingMode::Reached;
    }
    if (slug == u"strict") {
        return CountingMode::Strict;
    }
    return std::nullopt;
}

std::optional<bool> StageFigures::onTarget() const
{
    if (conversionOnTarget == false || daysOnTarget == false) {
        return false;
    }
    if (conversionOnTarget || daysOnTarget) {
        return true;
    }
    return std::nullopt;
}

PipelineReport PipelineReportBuilder::build(const std::vector<ReportDeal>& deals,
                                            const std::vector<ReportHistoryRow>& history, const ReportFilter& filter,
                                            const StageGoals& goals, const QDateTime& now, const RateTable* rates)
{
    PipelineReport report;
    report.filter = filter;
    report.currency = filter.currency;
    report.deals = static_cast<int>(deals.size());

    std::array<int, StageCount> reached {};
    std::array<int, StageCount> lost {};
    std::array<std::vector<qint64>, StageCount> completed;
    std::array<std::vector<qint64>, StageCount> current;
    std::array<QHash<QString, int>, StageCount> reasons;
    std::vector<qint64> toWon;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const QDate today = now.toLocalTime().date();
    // Values in other currencies, converted once per currency and day at the end.
    std::array<CurrencySums, StageCount> openOther;
    std::array<CurrencySums, StageCount> weightedOther;
    // Each stage's weighted value per currency added exactly, rounded once.
    std::array<WeightedSum, StageCount> weighted;
    std::array<std::map<QString, WeightedSum>, StageCount> weightedOthers;
    CurrencySums wonNewOther;
    CurrencySums wonRepeatOther;

    std::size_t next = 0;
    for (const ReportDeal& deal : deals) {
        while (next < history.size() && history[next].dealId < deal.id) {
            ++next;
        }
        if (deal.status == DealStatus::Won) {
            (deal.followUp ? report.wonRepeatDeals : report.wonNewDeals) += 1;
            if (deal.inReportCurrency) {
                std::int64_t& won = deal.followUp ? report.wonRepeatValueMinor : report.wonNewValueMinor;
                won = addMoney(won, deal.valueMinor);
            }
        }
        unsigned visited = 0;
        unsigned lostIn = 0;
        int furthest = -1;
        std::optional<Stage> stayStage;
        qint64 stayStart = 0;
        bool active = false;
        bool won = false;
        qint64 wonAtMs = -1; // the latest win
        for (; next < history.size() && history[next].dealId == deal.id; ++next) {
            const ReportHistoryRow& row = history[next];
            const int index = stageIndex(row.toStage);
            visited |= 1u << index;
            furthest = std::max(furthest, index);
            if (row.toStatus == DealStatus::Won && !won) {
                won = true;
                toWon.push_back(row.atMs - deal.createdMs);
            }
            if (row.toStatus == DealStatus::Won) {
                wonAtMs = row.atMs;
            }
            if (!stayStage || row.toStage != *stayStage) {
                // A stage change ends the stay in the old stage.
                if (stayStage && active) {
                    completed[stageIndex(*stayStage)].push_back(row.atMs - stayStart);
                }
                stayStage = row.toStage;
                stayStart = row.atMs;
                active = row.toStatus != DealStatus::Lost;
            } else if (row.toStatus == DealStatus::Lost && active) {
                // Lost in the stage: the stay ends here.
                completed[index].push_back(row.atMs - stayStart);
                active = false;
            } else if (row.toStatus != DealStatus::Lost && !active) {
                // Reopened: a new stay begins.
                stayStart = row.atMs;
                active = true;
            }
            if (row.toStatus == DealStatus::Lost) {
                lostIn |= 1u << index;
            }
        }
        if (deal.status == DealStatus::Won && !deal.inReportCurrency) {
            // At the rate of the day it was won (today's without a recorded win).
            const QDate wonOn = wonAtMs >= 0 ? QDateTime::fromMSecsSinceEpoch(wonAtMs, Qt::UTC).date() : today;
            (deal.followUp ? wonRepeatOther : wonNewOther).add(deal.valueMinor, deal.currency, wonOn);
        }
        if (stayStage && active && deal.status == DealStatus::Open) {
            current[stageIndex(*stayStage)].push_back(nowMs - stayStart);
        }
        if (filter.mode == CountingMode::Reached) {
            for (int i = 0; i <= furthest; ++i) {
                ++reached[i];
            }
        } else {
            for (int i = 0; i < StageCount && (visited & (1u << i)); ++i) {
                ++reached[i];
            }
        }
        if (deal.status == DealStatus::Lost) {
            // Lost where it stands, even without a history row saying so.
            lostIn |= 1u << stageIndex(deal.stage);
        }
        // The losses and their reasons come from the same deals, so the
        // table's count and the chart's bars always agree: a deal lost in a
        // stage and reopened since has no reason any more, and says so.
        for (int i = 0; i < StageCount; ++i) {
            if (lostIn & (1u << i)) {
                ++lost[i];
                const bool stillLost = deal.status == DealStatus::Lost && stageIndex(deal.stage) == i;
                ++reasons[i][stillLost ? deal.lostReason : PipelineReport::ReopenedSince];
            }
        }

        StageFigures& figures = report.stages[stageIndex(deal.stage)];
        if (deal.status == DealStatus::Open) {
            ++figures.openDeals;
            if (deal.inReportCurrency) {
                figures.openValueMinor = addMoney(figures.openValueMinor, deal.valueMinor);
                weighted[stageIndex(deal.stage)].add(deal.valueMinor, deal.probabilityPercent);
            } else {
                openOther[stageIndex(deal.stage)].add(deal.valueMinor, deal.currency, today);
                weightedOthers[stageIndex(deal.stage)][deal.currency].add(deal.valueMinor, deal.probabilityPercent);
            }
        }
    }
    for (std::size_t i = 0; i < weighted.size(); ++i) {
        report.stages[i].weightedValueMinor = weighted[i].minor();
        for (const auto& [currency, sum] : weightedOthers[i]) {
            weightedOther[i].add(sum.minor(), currency, today);
        }
    }
    convertOthers(report, rates, openOther, weightedOther, wonNewOther, wonRepeatOther);

    for (Stage stage : AllStages) {
        const int i = stageIndex(stage);
        StageFigures& figures = report.stages[i];
        figures.stage = stage;
        figures.reached = reached[i];
        if (i + 1 < StageCount) {
            figures.conversionToNext = ratio(reached[i + 1], reached[i]);
        }
        figures.cumulativeConversion = ratio(reached[i], reached[0]);
        figures.lost = lost[i];
        for (auto it = reasons[i].cbegin(); it != reasons[i].cend(); ++it) {
            figures.lostReasons.emplace_back(it.key(), it.value());
        }
        std::sort(figures.lostReasons.begin(), figures.lostReasons.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        figures.completedStays = static_cast<int>(completed[i].size());
        figures.meanDays = dealboard::meanDays(completed[i]);
        figures.medianDays = dealboard::medianDays(completed[i]);
        figures.currentStays = static_cast<int>(current[i].size());
        figures.currentMedianDays = dealboard::medianDays(current[i]);
        figures.goal = goals[i];
        if (figures.goal.targetConversion && figures.conversionToNext) {
            figures.conversionOnTarget = *figures.conversionToNext + 1e-9 >= *figures.goal.targetConversion;
        }
        if (figures.goal.targetMedianDays && figures.medianDays) {
            figures.daysOnTarget = *figures.medianDays <= *figures.goal.targetMedianDays + 1e-9;
        }
    }
    report.winRate = ratio(reached[stageIndex(Stage::Retention)], reached[0]);
    report.medianDaysToWon = dealboard::medianDays(toWon);
    return report;
}

QString PipelineReportFormat::rate(const std::optional<double>& value)
{
    return value ? QString::number(*value, 'f', 4) : QString();
}

QString PipelineReportFormat::days(const std::optional<double>& value)
{
    return value ? QString::number(*value, 'f', 1) : QString();
}

bool PipelineReportFormat::writeCsv(QIODevice* device, const PipelineReport& report, bool byteOrderMark)
{
    CsvWriter writer(device, byteOrderMark);
    for (const QString& name : csvHeader() + ConversionNote::csvHeader()) {
        writer.plain(name);
    }
    bool ok = writer.endRow();
    for (const StageFigures& figures : report.stages) {
        for (const QString& cell : csvRow(figures, report.currency) + report.conversion.csvCells()) {
            writer.plain(cell);
        }
        ok = writer.endRow() && ok;
    }
    return ok;
}

QStringList PipelineReportFormat::csvHeader()
{
    return {QStringLiteral("stage"),
            QStringLiteral("currency"),
            QStringLiteral("reached"),
            QStringLiteral("conversion_to_next"),
            QStringLiteral("cumulative_conversion"),
            QStringLiteral("open_deals"),
            QStringLiteral("open_value"),
            QStringLiteral("weighted_value"),
            QStringLiteral("lost"),
            QStringLiteral("median_days"),
            QStringLiteral("mean_days"),
            QStringLiteral("target_conversion"),
            QStringLiteral("target_median_days"),
            QStringLiteral("on_target")};
}

QString PipelineReportFormat::otherCurrencies(const PipelineReport& report)
{
    QString text;
    if (!report.conversion.rateDates.empty()) {
        text += QStringLiteral("Values in %1, %2.\n").arg(report.currency, report.conversion.ratesText());
    }
    if (report.otherCurrencyDeals > 0) {
        text += QStringLiteral("%1 open deal(s) in other currencies are counted but not in the %2 values.\n")
                    .arg(report.otherCurrencyDeals)
                    .arg(report.currency);
    }
    if (report.otherCurrencyWonDeals > 0) {
        text += QStringLiteral("%1 won deal(s) in other currencies are counted but not in the %2 values.\n")
                    .arg(report.otherCurrencyWonDeals)
                    .arg(report.currency);
    }
    if (!report.conversion.complete()) {
        text += QStringLiteral("No exchange rate to %1 for %2: set one with `rate set` to convert them (%3).\n")
                    .arg(report.currency, report.conversion.unconvertedCurrencies(),
                         report.conversion.unconvertedText());
    }
    return text;
}

QStringList PipelineReportFormat::csvRow(const StageFigures& f, const QString& currency)
{
    const std::optional<bool> onTarget = f.onTarget();
    return {stageSlug(f.stage),
            currency,
            QString::number(f.reached),
            rate(f.conversionToNext),
            rate(f.cumulativeConversion),
            QString::number(f.openDeals),
            formatDecimal(f.openValueMinor, currency),
            formatDecimal(f.weightedValueMinor, currency),
            QString::number(f.lost),
            days(f.medianDays),
            days(f.meanDays),
            rate(f.goal.targetConversion),
            f.goal.targetMedianDays ? QString::number(*f.goal.targetMedianDays) : QString(),
            onTarget ? (*onTarget ? QStringLiteral("yes") : QStringLiteral("no")) : QString()};
}

QByteArray PipelineReportFormat::json(const PipelineReport& report)
{
    QJsonObject filters;
    filters[QStringLiteral("from")]
        = report.filter.from.isValid() ? QJsonValue(toStoredDate(report.filter.from)) : QJsonValue(QJsonValue::Null);
    filters[QStringLiteral("to")]
        = report.filter.to.isValid() ? QJsonValue(toStoredDate(report.filter.to)) : QJsonValue(QJsonValue::Null);
    filters[QStringLiteral("owner")]
        = report.filter.owner.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(report.filter.owner);
    QJsonArray stages;
    for (const StageFigures& f : report.stages) {
        QJsonObject stage;
        stage[QStringLiteral("stage")] = stageSlug(f.stage);
        stage[QStringLiteral("reached")] = f.reached;
        stage[QStringLiteral("conversion_to_next")] = jsonNumber(f.conversionToNext, 4);
        stage[QStringLiteral("cumulative_conversion")] = jsonNumber(f.cumulativeConversion, 4);
        stage[QStringLiteral("open_deals")] = f.openDeals;
        stage[QStringLiteral("open_value")] = formatDecimal(f.openValueMinor, report.currency);
        stage[QStringLiteral("weighted_value")] = formatDecimal(f.weightedValueMinor, report.currency);
        stage[QStringLiteral("lost")] = f.lost;
        QJsonArray reasons;
        for (const auto& [reason, count] : f.lostReasons) {
            reasons.append(QJsonObject {{QStringLiteral("reason"), reason}, {QStringLiteral("deals"), count}});
        }
        stage[QStringLiteral("lost_reasons")] = reasons;
        stage[QStringLiteral("median_days")] = jsonNumber(f.medianDays, 1);
        stage[QStringLiteral("mean_days")] = jsonNumber(f.meanDays, 1);
        stage[QStringLiteral("current_deals")] = f.currentStays;
        stage[QStringLiteral("current_median_days")] = jsonNumber(f.currentMedianDays, 1);
        stage[QStringLiteral("target_conversion")] = jsonNumber(f.goal.targetConversion, 4);
        stage[QStringLiteral("target_median_days")]
            = f.goal.targetMedianDays ? QJsonValue(*f.goal.targetMedianDays) : QJsonValue(QJsonValue::Null);
        const std::optional<bool> onTarget = f.onTarget();
        stage[QStringLiteral("on_target")] = onTarget ? QJsonValue(*onTarget) : QJsonValue(QJsonValue::Null);
        stages.append(stage);
    }
    QJsonObject root;
    root[QStringLiteral("mode")] = countingModeSlug(report.filter.mode);
    root[QStringLiteral("filters")] = filters;
    root[QStringLiteral("currency")] = report.currency;
    root[QStringLiteral("deals")] = report.deals;
    root[QStringLiteral("win_rate")] = jsonNumber(report.winRate, 4);
    root[QStringLiteral("median_days_to_won")] = jsonNumber(report.medianDaysToWon, 1);
    QJsonObject business;
    business[QStringLiteral("new_deals")] = report.wonNewDeals;
    business[QStringLiteral("new_value")] = formatDecimal(report.wonNewValueMinor, report.currency);
    business[QStringLiteral("repeat_deals")] = report.wonRepeatDeals;
    business[QStringLiteral("repeat_value")] = formatDecimal(report.wonRepeatValueMinor, report.currency);
    root[QStringLiteral("won_business")] = business;
    root[QStringLiteral("stages")] = stages;
    root[QStringLiteral("conversion")] = report.conversion.json();
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString PipelineReportFormat::table(const PipelineReport& report)
{
    const QStringList header = {QStringLiteral("STAGE"),    QStringLiteral("REACHED"), QStringLiteral("NEXT"),
                                QStringLiteral("CUMUL."),   QStringLiteral("OPEN"),    QStringLiteral("OPEN VALUE"),
                                QStringLiteral("WEIGHTED"), QStringLiteral("LOST"),    QStringLiteral("MEDIAN D"),
                                QStringLiteral("MEAN D"),   QStringLiteral("GOAL"),    QStringLiteral("ON TARGET")};
    auto percent = [](const std::optional<double>& value) {
        return value ? QString::number(*value * 100.0, 'f', 1) + QLatin1Char('%') : QStringLiteral("-");
    };
    std::vector<QStringList> rows;
    for (const StageFigures& f : report.stages) {
        QStringList goal;
        if (f.goal.targetConversion) {
            goal << QStringLiteral("%1 next").arg(percent(f.goal.targetConversion));
        }
        if (f.goal.targetMedianDays) {
            goal << QStringLiteral("%1 d").arg(*f.goal.targetMedianDays);
        }
        const std::optional<bool> onTarget = f.onTarget();
        rows.push_back(
            {stageName(f.stage), QString::number(f.reached), percent(f.conversionToNext),
             percent(f.cumulativeConversion), QString::number(f.openDeals),
             formatForPeople({f.openValueMinor, report.currency}),
             formatForPeople({f.weightedValueMinor, report.currency}), QString::number(f.lost),
             f.medianDays ? days(f.medianDays) : QStringLiteral("-"),
             f.meanDays ? days(f.meanDays) : QStringLiteral("-"),
             goal.isEmpty() ? QStringLiteral("-") : goal.join(QStringLiteral(", ")),
             onTarget ? (*onTarget ? QStringLiteral("yes") : QStringLiteral("BELOW")) : QStringLiteral("-")});
    }
    QString text = QStringLiteral("Pipeline report: %1 deals, %2 counting")
                       .arg(report.deals)
                       .arg(countingModeSlug(report.filter.mode));
    if (report.filter.from.isValid() || report.filter.to.isValid()) {
        text += QStringLiteral(", created %1 to %2")
                    .arg(report.filter.from.isValid() ? toStoredDate(report.filter.from) : QStringLiteral("the start"),
                         report.filter.to.isValid() ? toStoredDate(report.filter.to) : QStringLiteral("today"));
    }
    if (!report.filter.owner.isEmpty()) {
        text += QStringLiteral(", owner %1").arg(report.filter.owner);
    }
    text += QStringLiteral("\n\n") + textTable(header, rows);
    text += QStringLiteral("\nWin rate: %1   Median days to won: %2\n")
                .arg(percent(report.winRate),
                     report.medianDaysToWon ? days(report.medianDaysToWon) : QStringLiteral("-"));
    text += QStringLiteral("Won, new business: %1 deal(s), %2   Won, repeat business (follow-ups): %3 deal(s), %4\n")
                .arg(report.wonNewDeals)
                .arg(formatForPeople({report.wonNewValueMinor, report.currency}))
                .arg(report.wonRepeatDeals)
                .arg(formatForPeople({report.wonRepeatValueMinor, report.currency}));
    text += PipelineReportFormat::otherCurrencies(report);
    return text;
}

} // namespace dealboard
