// The report split by owner: one report per owner's deals, reduced to a line.
#include "dealboard/OwnerSplit.h"

#include "TextTable.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/StoredTime.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <map>

namespace dealboard {

namespace {

QJsonValue jsonRate(const std::optional<double>& value, int decimals)
{
    if (!value) {
        return QJsonValue(QJsonValue::Null);
    }
    const double scale = std::pow(10.0, decimals);
    return std::round(*value * scale) / scale;
}

QStringList csvRow(const OwnerFigures& f, const QString& owner, const QString& currency)
{
    return {owner,
            currency,
            QString::number(f.deals),
            QString::number(f.openDeals),
            formatDecimal(f.openValueMinor, currency),
            formatDecimal(f.weightedValueMinor, currency),
            QString::number(f.wonDeals),
            formatDecimal(f.wonValueMinor, currency),
            QString::number(f.lostDeals),
            PipelineReportFormat::rate(f.winRate),
            PipelineReportFormat::days(f.medianDaysToWon)};
}

} // namespace

OwnerFigures OwnerFigures::of(const QString& owner, const PipelineReport& report)
{
    OwnerFigures figures;
    figures.owner = owner;
    figures.deals = report.deals;
    for (const StageFigures& stage : report.stages) {
        figures.openDeals += stage.openDeals;
        figures.openValueMinor = addMoney(figures.openValueMinor, stage.openValueMinor);
        figures.weightedValueMinor = addMoney(figures.weightedValueMinor, stage.weightedValueMinor);
        figures.lostDeals += stage.lost;
    }
    figures.wonDeals = report.wonNewDeals + report.wonRepeatDeals;
    figures.wonValueMinor = addMoney(report.wonNewValueMinor, report.wonRepeatValueMinor);
    figures.winRate = report.winRate;
    figures.medianDaysToWon = report.medianDaysToWon;
    return figures;
}

OwnerSplit OwnerSplitBuilder::build(const std::vector<ReportDeal>& deals, const std::vector<ReportHistoryRow>& history,
                                    const ReportFilter& filter, const StageGoals& goals, const QDateTime& now,
                                    const RateTable* rates)
{
    // Each owner's deals and history keep the cohort's order, as the report
    // builder needs them.
    struct Part
    {
        std::vector<ReportDeal> deals;
        std::vector<ReportHistoryRow> history;
    };
    std::map<QString, Part> parts;
    QHash<DealId, Part*> partOf;
    partOf.reserve(static_cast<qsizetype>(deals.size()));
    for (const ReportDeal& deal : deals) {
        Part& part = parts[deal.owner];
        part.deals.push_back(deal);
        partOf.insert(deal.id, &part);
    }
    for (const ReportHistoryRow& row : history) {
        if (Part* part = partOf.value(row.dealId)) {
            part->history.push_back(row);
        }
    }
    OwnerSplit split;
    split.filter = filter;
    split.currency = filter.currency;
    for (const auto& [owner, part] : parts) {
        ReportFilter own = filter;
        own.owner = owner;
        split.owners.push_back(
            OwnerFigures::of(owner, PipelineReportBuilder::build(part.deals, part.history, own, goals, now, rates)));
    }
    // std::map puts the empty name first; the deals nobody owns go last.
    if (!split.owners.empty() && split.owners.front().owner.isEmpty()) {
        std::rotate(split.owners.begin(), split.owners.begin() + 1, split.owners.end());
    }
    const PipelineReport team = PipelineReportBuilder::build(deals, history, filter, goals, now, rates);
    split.conversion = team.conversion;
    split.team = OwnerFigures::of(QString(), team);
    split.otherCurrencies = PipelineReportFormat::otherCurrencies(team);
    return split;
}

QString OwnerSplitFormat::ownerLabel(const QString& owner)
{
    return owner.isEmpty() ? QStringLiteral("(no owner)") : owner;
}

QStringList OwnerSplitFormat::csvHeader()
{
    return {QStringLiteral("owner"),      QStringLiteral("currency"),          QStringLiteral("deals"),
            QStringLiteral("open_deals"), QStringLiteral("open_value"),        QStringLiteral("weighted_value"),
            QStringLiteral("won_deals"),  QStringLiteral("won_value"),         QStringLiteral("lost_deals"),
            QStringLiteral("win_rate"),   QStringLiteral("median_days_to_won")};
}

bool OwnerSplitFormat::writeCsv(QIODevice* device, const OwnerSplit& split, bool byteOrderMark)
{
    CsvWriter writer(device, byteOrderMark);
    for (const QString& name : csvHeader() + ConversionNote::csvHeader()) {
        writer.plain(name);
    }
    bool ok = writer.endRow();
    // An owner's name is the only free text: written as text, so a name
    // that looks like a formula stays a name in a spreadsheet.
    auto row = [&writer, &ok, &split](const OwnerFigures& figures, const QString& owner, bool isText) {
        const QStringList cells = csvRow(figures, owner, split.currency) + split.conversion.csvCells();
        isText ? writer.text(cells.front()) : writer.plain(cells.front());
        for (qsizetype i = 1; i < cells.size(); ++i) {
            writer.plain(cells[i]);
        }
        ok = writer.endRow() && ok;
    };
    for (const OwnerFigures& figures : split.owners) {
        row(figures, figures.owner, true);
    }
    row(split.team, QStringLiteral("(team)"), false);
    return ok;
}

QByteArray OwnerSplitFormat::json(const OwnerSplit& split)
{
    auto object = [&split](const OwnerFigures& f) {
        QJsonObject line;
        line[QStringLiteral("deals")] = f.deals;
        line[QStringLiteral("open_deals")] = f.openDeals;
        line[QStringLiteral("open_value")] = formatDecimal(f.openValueMinor, split.currency);
        line[QStringLiteral("weighted_value")] = formatDecimal(f.weightedValueMinor, split.currency);
        line[QStringLiteral("won_deals")] = f.wonDeals;
        line[QStringLiteral("won_value")] = formatDecimal(f.wonValueMinor, split.currency);
        line[QStringLiteral("lost_deals")] = f.lostDeals;
        line[QStringLiteral("win_rate")] = jsonRate(f.winRate, 4);
        line[QStringLiteral("median_days_to_won")] = jsonRate(f.medianDaysToWon, 1);
        return line;
    };
    QJsonArray owners;
    for (const OwnerFigures& figures : split.owners) {
        QJsonObject line = object(figures);
        line[QStringLiteral("owner")]
            = figures.owner.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(figures.owner);
        owners.append(line);
    }
    QJsonObject filters;
    filters[QStringLiteral("from")]
        = split.filter.from.isValid() ? QJsonValue(toStoredDate(split.filter.from)) : QJsonValue(QJsonValue::Null);
    filters[QStringLiteral("to")]
        = split.filter.to.isValid() ? QJsonValue(toStoredDate(split.filter.to)) : QJsonValue(QJsonValue::Null);
    QJsonObject root;
    root[QStringLiteral("mode")] = countingModeSlug(split.filter.mode);
    root[QStringLiteral("filters")] = filters;
    root[QStringLiteral("currency")] = split.currency;
    root[QStringLiteral("owners")] = owners;
    root[QStringLiteral("team")] = object(split.team);
    root[QStringLiteral("conversion")] = split.conversion.json();
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString OwnerSplitFormat::table(const OwnerSplit& split)
{
    const QStringList header = {QStringLiteral("OWNER"),      QStringLiteral("DEALS"),    QStringLiteral("OPEN"),
                                QStringLiteral("OPEN VALUE"), QStringLiteral("WEIGHTED"), QStringLiteral("WON"),
                                QStringLiteral("WON VALUE"),  QStringLiteral("LOST"),     QStringLiteral("WIN RATE"),
                                QStringLiteral("DAYS TO WON")};
    auto cells = [&split](const OwnerFigures& f, const QString& owner) {
        return QStringList {owner,
                            QString::number(f.deals),
                            QString::number(f.openDeals),
                            formatForPeople({f.openValueMinor, split.currency}),
                            formatForPeople({f.weightedValueMinor, split.currency}),
                            QString::number(f.wonDeals),
                            formatForPeople({f.wonValueMinor, split.currency}),
                            QString::number(f.lostDeals),
                            f.winRate ? QString::number(*f.winRate * 100.0, 'f', 1) + QLatin1Char('%')
                                      : QStringLiteral("-"),
                            f.medianDaysToWon ? PipelineReportFormat::days(f.medianDaysToWon) : QStringLiteral("-")};
    };
    std::vector<QStringList> rows;
    for (const OwnerFigures& figures : split.owners) {
        rows.push_back(cells(figures, ownerLabel(figures.owner)));
    }
    rows.push_back(cells(split.team, QStringLiteral("Team")));
    QString text = QStringLiteral("Pipeline report by owner: %1 deals, %2 counting, values in %3\n\n")
                       .arg(split.team.deals)
                       .arg(countingModeSlug(split.filter.mode), split.currency)
        + textTable(header, rows);
    if (!split.otherCurrencies.isEmpty()) {
        text += QLatin1Char('\n') + split.otherCurrencies;
    }
    return text;
}

} // namespace dealboard
