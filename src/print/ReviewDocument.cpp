#include "ReviewDocument.h"

#include "dealboard/PipelineFiles.h"

#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <spdlog/spdlog.h>

namespace dealboard::ReviewDocument {

namespace {

constexpr int Resolution = 300; // dots per inch of the page's coordinates

// Points (1/72 inch) in the page's coordinates.
constexpr double pt(double points)
{
    return points * Resolution / 72.0;
}

const QColor Ink(0x21, 0x21, 0x21);
const QColor Muted(0x61, 0x61, 0x61);
const QColor Rule(0xbd, 0xbd, 0xbd);
const QColor Band(0xf2, 0xf2, 0xf2);
const QColor Behind(0xb0, 0x2a, 0x2a);
const QColor Accent(0x4c, 0x78, 0xa8);

QFont font(double points, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

struct Column
{
    QString title;
    double width; // a share of the table's width
    bool right; // figures: aligned right
};

// Draws the pages top to bottom; `y` is where the next thing goes.
class Pages
{
public:
    Pages(QPdfWriter& writer, QPainter& painter)
        : m_writer(writer)
        , m_painter(painter)
        , m_width(painter.viewport().width())
        , m_height(painter.viewport().height())
    {
    }

    double width() const { return m_width; }
    double y = 0;

    void title(const QString& text, const QString& subtitle)
    {
        m_painter.setPen(Ink);
        m_painter.setFont(font(18, true));
        m_painter.drawText(QRectF(0, y, m_width, pt(26)), Qt::AlignLeft | Qt::AlignVCenter, text);
        y += pt(26);
        m_painter.setPen(Muted);
        m_painter.setFont(font(9.5));
        m_painter.drawText(QRectF(0, y, m_width, pt(14)), Qt::AlignLeft | Qt::AlignVCenter, subtitle);
        y += pt(20);
    }

    void heading(const QString& text, const QString& note = {})
    {
        y += pt(8);
        m_painter.setPen(Accent);
        m_painter.setFont(font(12.5, true));
        m_painter.drawText(QRectF(0, y, m_width, pt(18)), Qt::AlignLeft | Qt::AlignVCenter, text);
        y += pt(18);
        m_painter.setPen(QPen(Accent, pt(0.8)));
        m_painter.drawLine(QPointF(0, y), QPointF(m_width, y));
        y += pt(4);
        if (!note.isEmpty()) {
            paragraph(note);
        }
    }

    void paragraph(const QString& text, double points = 8.5)
    {
        m_painter.setPen(Muted);
        m_painter.setFont(font(points));
        const QRectF box(0, y, m_width, m_height);
        const QRectF used = m_painter.boundingRect(box, Qt::TextWordWrap | Qt::AlignLeft, text);
        m_painter.drawText(box, Qt::TextWordWrap | Qt::AlignLeft, text);
        y += used.height() + pt(4);
    }

    // A table: a shaded header, one line per row, bold rows where `bold`
    // says so, a cell in red where `alarm` says so.
    void table(const std::vector<Column>& columns, const std::vector<QStringList>& rows,
               const std::function<bool(int)>& bold = {}, const std::function<bool(int, int)>& alarm = {})
    {
        const double line = pt(13);
        const double pad = pt(3);
        double total = 0;
        for (const Column& column : columns) {
            total += column.width;
        }
        std::vector<double> lefts;
        std::vector<double> widths;
        double x = 0;
        for (const Column& column : columns) {
            lefts.push_back(x);
            widths.push_back(m_width * column.width / total);
            x += widths.back();
        }
        // A header wraps onto a second line rather than losing letters; a
        // cell that cannot fit ends in an ellipsis.
        const double headerHeight = pt(27); // room for three short lines
        auto cells = [&](const QStringList& texts, bool header, bool strong, int row) {
            for (std::size_t c = 0; c < columns.size(); ++c) {
                const QRectF cell(lefts[c] + pad, y, widths[c] - 2 * pad, header ? headerHeight : line);
                const bool red = !header && alarm && alarm(row, static_cast<int>(c));
                m_painter.setPen(red ? Behind : header ? Muted : Ink);
                m_painter.setFont(font(header ? 7 : 8, strong || red));
                const int align = (columns[c].right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
                if (header) {
                    m_painter.drawText(cell, align | Qt::TextWordWrap, texts.value(static_cast<qsizetype>(c)));
                    continue;
                }
                const QString text = m_painter.fontMetrics().elidedText(texts.value(static_cast<qsizetype>(c)),
                                                                        Qt::ElideRight, static_cast<int>(cell.width()));
                m_painter.drawText(cell, align, text);
            }
        };
        m_painter.fillRect(QRectF(0, y, m_width, headerHeight), Band);
        QStringList titles;
        for (const Column& column : columns) {
            titles << column.title;
        }
        cells(titles, true, true, -1);
        y += headerHeight;
        int index = 0;
        for (const QStringList& row : rows) {
            const bool strong = bold && bold(index);
            cells(row, false, strong, index);
            y += line;
            m_painter.setPen(QPen(Rule, pt(0.3)));
            m_painter.drawLine(QPointF(0, y), QPointF(m_width, y));
            ++index;
        }
        y += pt(4);
    }

    // Horizontal bars for a few labelled values, scaled to the largest.
    void bars(const std::vector<std::pair<QString, double>>& values, const QString& unit)
    {
        double highest = 1;
        for (const auto& [label, value] : values) {
            highest = std::max(highest, value);
        }
        const double line = pt(12);
        const double labelWidth = pt(120);
        const double valueWidth = pt(70);
        for (const auto& [label, value] : values) {
            m_painter.setPen(Ink);
            m_painter.setFont(font(8.5));
            m_painter.drawText(QRectF(0, y, labelWidth, line), Qt::AlignLeft | Qt::AlignVCenter, label);
            const double room = m_width - labelWidth - valueWidth;
            m_painter.fillRect(QRectF(labelWidth, y + pt(2), room * value / highest, line - pt(4)), Accent);
            m_painter.drawText(QRectF(m_width - valueWidth, y, valueWidth, line), Qt::AlignRight | Qt::AlignVCenter,
                               QStringLiteral("%1 %2").arg(QString::number(value, 'f', 0), unit));
            y += line;
        }
        y += pt(4);
    }

    void newPage()
    {
        m_writer.newPage();
        y = 0;
    }

    void footer(int page, int pages, const QString& text)
    {
        m_painter.setPen(Muted);
        m_painter.setFont(font(7.5));
        const QRectF band(0, m_height - pt(12), m_width, pt(12));
        m_painter.drawText(band, Qt::AlignLeft | Qt::AlignVCenter, text);
        m_painter.drawText(band, Qt::AlignRight | Qt::AlignVCenter,
                           QStringLiteral("Page %1 of %2").arg(page).arg(pages));
    }

private:
    QPdfWriter& m_writer;
    QPainter& m_painter;
    double m_width;
    double m_height;
};

QString percentText(const std::optional<double>& share)
{
    return share ? QStringLiteral("%1 %").arg(*share * 100.0, 0, 'f', 1) : QStringLiteral("–");
}

void drawFunnel(Pages& pages, const PipelineReport& funnel)
{
    pages.heading(QStringLiteral("Funnel"),
                  QStringLiteral("Every deal so far, in %1: how many reached each stage, how many went on, and what "
                                 "is open in it now. A stage reached by a skip counts as passed.")
                      .arg(funnel.currency));
    std::vector<std::pair<QString, double>> reached;
    std::vector<QStringList> rows;
    for (const StageFigures& f : funnel.stages) {
        reached.push_back({stageName(f.stage), double(f.reached)});
        rows.push_back({stageName(f.stage), QString::number(f.reached), percentText(f.conversionToNext),
                        QString::number(f.openDeals), formatForPeople({f.openValueMinor, funnel.currency}),
                        formatForPeople({f.weightedValueMinor, funnel.currency}), QString::number(f.lost),
                        f.medianDays ? QString::number(*f.medianDays, 'f', 1) : QStringLiteral("–")});
    }
    pages.bars(reached, QStringLiteral("deals"));
    pages.table({{QStringLiteral("STAGE"), 2.2, false},
                 {QStringLiteral("REACHED"), 1, true},
                 {QStringLiteral("WENT ON"), 1, true},
                 {QStringLiteral("OPEN"), 0.8, true},
                 {QStringLiteral("OPEN VALUE"), 1.8, true},
                 {QStringLiteral("WEIGHTED"), 1.8, true},
                 {QStringLiteral("LOST"), 0.8, true},
                 {QStringLiteral("MEDIAN DAYS IN STAGE"), 1.2, true}},
                rows);
    pages.paragraph(
        QStringLiteral("Win rate %1 · median days to win %2 · won from new customers %3, from existing "
                       "customers %4.")
            .arg(percentText(funnel.winRate),
                 funnel.medianDaysToWon ? QString::number(*funnel.medianDaysToWon, 'f', 1) : QStringLiteral("–"),
                 formatForPeople({funnel.wonNewValueMinor, funnel.currency}),
                 formatForPeople({funnel.wonRepeatValueMinor, funnel.currency})));
}

void drawForecast(Pages& pages, const Forecast& forecast, bool oneOwner)
{
    pages.heading(QStringLiteral("Forecast by expected close month"),
                  QStringLiteral("Weighted: each open deal's value times its win probability (its own, else its "
                                 "stage's). Empirical: times the share of deals this team won within %1 days of "
                                 "entering its stage; \"not enough history\" where fewer than %2 deals stand behind "
                                 "a stage's rate.")
                      .arg(EmpiricalRate::Window)
                      .arg(EmpiricalRate::MinimumCohort));
    std::vector<QStringList> rows;
    for (const ForecastRow& row : forecast.rows) {
        if (!row.team) {
            continue;
        }
        const ForecastFigures& f = row.figures;
        rows.push_back({row.bucket, row.currency, QString::number(f.openDeals),
                        formatForPeople({f.openMinor, row.currency}), formatForPeople({f.weightedMinor, row.currency}),
                        f.empiricalMinor ? formatForPeople({*f.empiricalMinor, row.currency})
                                         : QStringLiteral("not enough history"),
                        formatForPeople({f.wonMinor, row.currency})});
    }
    pages.table({{oneOwner ? QStringLiteral("MONTH (THE OWNER'S)") : QStringLiteral("MONTH (TEAM)"), 1.6, false},
                 {QStringLiteral("CUR."), 0.6, false},
                 {QStringLiteral("DEALS"), 0.7, true},
                 {QStringLiteral("OPEN VALUE"), 1.9, true},
                 {QStringLiteral("WEIGHTED"), 1.9, true},
                 {QStringLiteral("EMPIRICAL"), 1.9, true},
                 {QStringLiteral("WON"), 1.7, true}},
                rows);
    std::vector<QStringList> stages;
    for (Stage stage : AllStages) {
        const EmpiricalRate& rate = forecast.rates.of(stage);
        stages.push_back({stageName(stage), Probability::claimed(forecast.probabilities, stage),
                          QString::number(rate.cohort), QString::number(rate.won), ForecastFormat::rateText(rate)});
    }
    pages.table({{QStringLiteral("STAGE"), 2.2, false},
                 {QStringLiteral("CLAIMED"), 1.6, true},
                 {QStringLiteral("COHORT"), 1, true},
                 {QStringLiteral("WON IN 90 DAYS"), 1.4, true},
                 {QStringLiteral("SEEN"), 1.8, true}},
                stages);
}

void drawOwners(Pages& pages, const OwnerMonth& month)
{
    pages.heading(QStringLiteral("Owners against quota, %1").arg(month.month),
                  QStringLiteral("Met: won at least the quota. On track: won plus the weighted value of open deals "
                                 "expected to close in the rest of the month reaches it. Behind: it does not."));
    std::vector<QStringList> rows;
    for (const OwnerMonthRow& row : month.rows) {
        rows.push_back({row.owner.isEmpty() ? QStringLiteral("(no owner)") : row.owner,
                        OwnerMonthFormat::standingText(row.standing),
                        row.quotaMinor ? formatForPeople({*row.quotaMinor, row.currency}) : QStringLiteral("–"),
                        formatForPeople({row.wonMinor, row.currency}),
                        formatForPeople({row.weightedRestMinor, row.currency}),
                        QStringLiteral("%1 / %2").arg(row.wonDeals).arg(row.lostDeals),
                        OwnerMonthFormat::winRateText(row, QStringLiteral("–")),
                        row.medianDaysToWin ? QString::number(*row.medianDaysToWin, 'f', 1) : QStringLiteral("–"),
                        QString::number(row.activitiesDone)});
    }
    if (rows.empty()) {
        pages.paragraph(QStringLiteral("No owner has a quota, a deal closing or a deal closed this month."));
        return;
    }
    pages.table({{QStringLiteral("OWNER"), 1.9, false},
                 {QStringLiteral("STANDING"), 1.3, false},
                 {QStringLiteral("QUOTA"), 1.9, true},
                 {QStringLiteral("WON"), 1.9, true},
                 {QStringLiteral("WEIGHTED, REST OF MONTH"), 1.9, true},
                 {QStringLiteral("WON / LOST"), 0.8, true},
                 {QStringLiteral("WIN RATE"), 1, true},
                 {QStringLiteral("MEDIAN DAYS TO WIN"), 0.9, true},
                 {QStringLiteral("ACTIVITIES DONE"), 1, true}},
                rows, {}, [&month](int row, int column) {
                    return column == 1 && month.rows[std::size_t(row)].standing == OwnerMonthRow::Standing::Behind;
                });
}

void drawNeglected(Pages& pages, const std::vector<NeglectedDeal>& neglected)
{
    pages.heading(QStringLiteral("Most neglected deals"),
                  QStringLiteral("Open deals untouched for longer than their stage allows, the greatest value times "
                                 "days over first."));
    if (neglected.empty()) {
        pages.paragraph(QStringLiteral("None: every open deal was touched within its stage's limit."));
        return;
    }
    std::vector<QStringList> rows;
    for (const NeglectedDeal& deal : neglected) {
        rows.push_back({deal.title, deal.owner, stageName(deal.stage),
                        deal.lastTouch ? deal.lastTouch->toString(Qt::ISODate) : QStringLiteral("never"),
                        QString::number(deal.daysWithoutTouch), formatForPeople(deal.value)});
    }
    pages.table({{QStringLiteral("DEAL"), 3.2, false},
                 {QStringLiteral("OWNER"), 1.6, false},
                 {QStringLiteral("STAGE"), 1.9, false},
                 {QStringLiteral("LAST TOUCH"), 1.2, true},
                 {QStringLiteral("DAYS"), 0.7, true},
                 {QStringLiteral("VALUE"), 1.6, true}},
                rows);
}

} // namespace

bool write(const PipelineReview& review, QIODevice* device)
{
    QPdfWriter writer(device);
    writer.setResolution(Resolution);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15),
                                     QPageLayout::Millimeter));
    writer.setTitle(QStringLiteral("Pipeline review"));
    writer.setCreator(QStringLiteral("DealBoard"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        return false;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    Pages pages(writer, painter);
    const QString day = review.forecast.today.toString(Qt::ISODate);
    const QString whose = review.owner.isEmpty() ? QStringLiteral("the team") : review.owner;
    const QString footer = QStringLiteral("%1 · pipeline review of %2 · %3").arg(review.pipeline, whose, day);
    pages.title(QStringLiteral("Pipeline review: %1").arg(review.pipeline),
                QStringLiteral("For %1, as of %2 (%3 UTC)")
                    .arg(whose, day, review.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    drawFunnel(pages, review.funnel);
    drawForecast(pages, review.forecast, !review.owner.isEmpty());
    pages.footer(1, 2, footer);
    pages.newPage();
    drawOwners(pages, review.month);
    drawNeglected(pages, review.neglected);
    pages.footer(2, 2, footer);
    return painter.end();
}

Result<void> save(const PipelineReview& review, const QString& path, const QString& databasePath)
{
    Result<void> saved = PipelineFiles::saveAtomically(path, databasePath,
                                                       [&review](QIODevice* device) { return write(review, device); });
    if (saved) {
        spdlog::info("Wrote the pipeline review of {} to {}",
                     review.owner.isEmpty() ? "the team" : review.owner.toStdString(), path.toStdString());
    }
    return saved;
}

} // namespace dealboard::ReviewDocument
