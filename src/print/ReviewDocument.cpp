#include "ReviewDocument.h"

#include "dealboard/PipelineFiles.h"
#include "dealboard/TextRules.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextLayout>
#include <memory>
#include <numeric>
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

// Text laid out in lines no wider than `width`: broken at spaces, and inside
// a word only where that word alone is wider than the line, so that no
// letter is ever cut off.
class Block
{
public:
    Block(const QString& text, const QFont& font, const QPaintDevice* device, double width, Qt::Alignment align)
        : m_layout(text, font, device)
    {
        QTextOption option(align);
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        m_layout.setTextOption(option);
        m_layout.beginLayout();
        for (QTextLine line = m_layout.createLine(); line.isValid(); line = m_layout.createLine()) {
            line.setLineWidth(width);
            line.setPosition(QPointF(0, m_height));
            m_height += line.height();
        }
        m_layout.endLayout();
    }

    double height() const { return m_height; }
    void draw(QPainter& painter, const QPointF& at) const { m_layout.draw(&painter, at); }

private:
    QTextLayout m_layout;
    double m_height = 0;
};

// The widths a text needs on one line, and for its widest word.
double lineWidth(const QString& text, const QFont& font, const QPaintDevice* device)
{
    return QFontMetricsF(font, device).horizontalAdvance(text);
}

double widestWord(const QString& text, const QFont& font, const QPaintDevice* device)
{
    const QFontMetricsF metrics(font, device);
    double widest = 0;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        widest = std::max(widest, metrics.horizontalAdvance(word));
    }
    return widest;
}

// Draws the pages top to bottom; `y` is where the next thing goes. A table
// that does not fit goes on over the page, its header drawn again.
class Pages
{
public:
    Pages(QPdfWriter& writer, QPainter& painter, QString footer, int pageCount)
        : m_writer(writer)
        , m_painter(painter)
        , m_width(painter.viewport().width())
        , m_height(painter.viewport().height())
        , m_footer(std::move(footer))
        , m_pageCount(pageCount)
    {
    }

    double width() const { return m_width; }
    int page() const { return m_page; }
    double y = 0;

    void title(const QString& text, const QString& subtitle)
    {
        write(text, font(18, true), Ink, pt(2));
        write(subtitle, font(9.5), Muted, pt(6));
    }

    void heading(const QString& text, const QString& note = {})
    {
        y += pt(8);
        room(pt(60)); // a heading never stands alone at a page's foot
        write(text, font(12.5, true), Accent, pt(2));
        m_painter.setPen(QPen(Accent, pt(0.8)));
        m_painter.drawLine(QPointF(0, y), QPointF(m_width, y));
        y += pt(4);
        if (!note.isEmpty()) {
            paragraph(note);
        }
    }

    void paragraph(const QString& text, double points = 8.5) { write(text, font(points), Muted, pt(4)); }

    // A table: a shaded header, the rows under it, bold rows where `bold`
    // says so, a cell in red where `alarm` says so. Every column is at least
    // as wide as its widest word and, where the page allows, as its widest
    // figure; a longer text takes more lines rather than losing letters.
    void table(const std::vector<Column>& columns, const std::vector<QStringList>& rows,
               const std::function<bool(int)>& bold = {}, const std::function<bool(int, int)>& alarm = {})
    {
        const double pad = pt(3);
        const std::vector<double> widths = columnWidths(columns, rows, pad);
        const double scale = m_scale;
        std::vector<double> lefts;
        double x = 0;
        for (const double width : widths) {
            lefts.push_back(x);
            x += width;
        }
        // A row laid out first, so that it never runs over the page's foot.
        struct Laid
        {
            std::vector<std::unique_ptr<Block>> blocks;
            std::vector<bool> red;
            double height = 0;
        };
        auto layRow = [&](const QStringList& texts, bool header, bool strong, int row) {
            Laid laid;
            for (std::size_t c = 0; c < columns.size(); ++c) {
                const bool red = !header && alarm && alarm(row, static_cast<int>(c));
                const QFont f = font((header ? 7 : 8) * scale, header || strong || red);
                laid.blocks.push_back(std::make_unique<Block>(texts.value(static_cast<qsizetype>(c)), f,
                                                              m_painter.device(), widths[c] - 2 * pad,
                                                              columns[c].right ? Qt::AlignRight : Qt::AlignLeft));
                laid.red.push_back(red);
                laid.height = std::max(laid.height, laid.blocks.back()->height());
            }
            laid.height = std::max(laid.height + pt(4), header ? pt(15) : pt(13));
            return laid;
        };
        auto drawRow = [&](const Laid& laid, bool header) {
            if (header) {
                m_painter.fillRect(QRectF(0, y, m_width, laid.height), Band);
            }
            for (std::size_t c = 0; c < columns.size(); ++c) {
                m_painter.setPen(laid.red[c] ? Behind : header ? Muted : Ink);
                const Block& block = *laid.blocks[c];
                block.draw(m_painter, QPointF(lefts[c] + pad, y + (laid.height - block.height()) / 2));
            }
            y += laid.height;
        };
        QStringList titles;
        for (const Column& column : columns) {
            titles << column.title;
        }
        const Laid header = layRow(titles, true, true, -1);
        room(header.height + pt(13));
        drawRow(header, true);
        int index = 0;
        for (const QStringList& row : rows) {
            const Laid laid = layRow(row, false, bold && bold(index), index);
            if (!fits(laid.height)) {
                newPage();
                drawRow(header, true);
            }
            drawRow(laid, false);
            m_painter.setPen(QPen(Rule, pt(0.3)));
            m_painter.drawLine(QPointF(0, y), QPointF(m_width, y));
            ++index;
        }
        y += pt(4);
        m_scale = 1;
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
        room(line * double(values.size()));
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

    // Ends the page with its footer and starts the next.
    void newPage()
    {
        footer();
        m_writer.newPage();
        ++m_page;
        y = 0;
    }

    // The last page's footer.
    void finish() { footer(); }

private:
    // The page's foot, above the footer.
    double bottom() const { return m_height - pt(16); }
    bool fits(double height) const { return y + height <= bottom(); }
    void room(double height)
    {
        if (!fits(height) && y > 0) {
            newPage();
        }
    }

    void write(const QString& text, const QFont& f, const QColor& colour, double after)
    {
        const Block block(text, f, m_painter.device(), m_width, Qt::AlignLeft);
        room(block.height());
        m_painter.setPen(colour);
        block.draw(m_painter, QPointF(0, y));
        y += block.height() + after;
    }

    void footer()
    {
        m_painter.setPen(Muted);
        m_painter.setFont(font(7.5));
        const QRectF band(0, m_height - pt(12), m_width, pt(12));
        const QString page = m_pageCount > 0 ? QStringLiteral("Page %1 of %2").arg(m_page).arg(m_pageCount)
                                             : QStringLiteral("Page %1").arg(m_page);
        const QFontMetricsF metrics(m_painter.font(), m_painter.device());
        // The pipeline's name may be long: the footer shortens it, the title has it whole.
        const QString text
            = metrics.elidedText(m_footer, Qt::ElideMiddle, m_width - metrics.horizontalAdvance(page) - pt(12));
        m_painter.drawText(band, Qt::AlignLeft | Qt::AlignVCenter, text);
        m_painter.drawText(band, Qt::AlignRight | Qt::AlignVCenter, page);
    }

    // Each column's width: its share of the page, but never less than its
    // widest word (header or cell) and, while the page has room, its widest
    // figure on one line. Where even the words do not fit, the table's type
    // is made smaller (m_scale) until they do.
    std::vector<double> columnWidths(const std::vector<Column>& columns, const std::vector<QStringList>& rows,
                                     double pad)
    {
        const QPaintDevice* device = m_painter.device();
        const std::size_t count = columns.size();
        std::vector<double> words(count, 0);
        std::vector<double> figures(count, 0);
        // Measured in the type of `scale` (fonts do not shrink exactly with their size).
        auto measure = [&](double scale) {
            const QFont headerFont = font(7 * scale, true);
            const QFont cellFont = font(8 * scale, true); // bold rows are the widest
            for (std::size_t c = 0; c < count; ++c) {
                words[c] = widestWord(columns[c].title, headerFont, device);
                figures[c] = 0;
                for (const QStringList& row : rows) {
                    const QString cell = row.value(static_cast<qsizetype>(c));
                    words[c] = std::max(words[c], widestWord(cell, cellFont, device));
                    if (columns[c].right) {
                        figures[c] = std::max(figures[c], lineWidth(cell, cellFont, device));
                    }
                }
                // A hair more than measured, so that rounding never breaks a word.
                words[c] += 2 * pad + pt(0.5);
                figures[c] = std::max(words[c], figures[c] + 2 * pad + pt(0.5));
            }
        };
        const auto sum = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); };
        m_scale = 1;
        measure(m_scale);
        std::vector<double> least = sum(figures) <= m_width ? figures : words;
        while (sum(least) > m_width && m_scale > 0.6) {
            m_scale = std::max(0.6, m_scale * std::min(0.98, m_width / sum(least)));
            measure(m_scale);
            least = words;
        }
        double shares = 0;
        for (const Column& column : columns) {
            shares += column.width;
        }
        std::vector<double> widths(count);
        double over = -m_width;
        double spare = 0;
        for (std::size_t c = 0; c < count; ++c) {
            // A figure on one line where the page has room for it.
            widths[c] = std::max({least[c], figures[c], m_width * columns[c].width / shares});
            over += widths[c];
            spare += widths[c] - least[c];
        }
        // Taken back from the columns that have more than they need.
        for (std::size_t c = 0; c < count && over > 0 && spare > 0; ++c) {
            widths[c] -= std::min(1.0, over / spare) * (widths[c] - least[c]);
        }
        return widths;
    }

    QPdfWriter& m_writer;
    QPainter& m_painter;
    double m_width;
    double m_height;
    QString m_footer;
    int m_pageCount; // 0 while counting
    int m_page = 1;
    double m_scale = 1; // the current table's type, against its usual size
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
        rows.push_back({row.owner.isEmpty() ? QStringLiteral("(no owner)") : TextRules::shown(row.owner),
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
        // The reps' own words, their direction and control characters written out.
        rows.push_back({TextRules::shown(deal.title), TextRules::shown(deal.owner), stageName(deal.stage),
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

namespace {

// Draws the review on `device`; `pageCount` 0 while only counting the
// pages. Returns how many pages it drew, or 0 when the device refused.
int render(const PipelineReview& review, QIODevice* device, int pageCount)
{
    QPdfWriter writer(device);
    writer.setResolution(Resolution);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15),
                                     QPageLayout::Millimeter));
    writer.setTitle(QStringLiteral("Pipeline review"));
    writer.setCreator(QStringLiteral("DealBoard"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        return 0;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const QString pipeline = TextRules::shown(review.pipeline);
    const QString day = review.forecast.today.toString(Qt::ISODate);
    const QString whose = review.owner.isEmpty() ? QStringLiteral("the team") : TextRules::shown(review.owner);
    Pages pages(writer, painter, QStringLiteral("%1 · pipeline review of %2 · %3").arg(pipeline, whose, day),
                pageCount);
    pages.title(QStringLiteral("Pipeline review: %1").arg(pipeline),
                QStringLiteral("For %1, as of %2 (%3 UTC)")
                    .arg(whose, day, review.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    drawFunnel(pages, review.funnel);
    drawForecast(pages, review.forecast, !review.owner.isEmpty());
    pages.newPage();
    drawOwners(pages, review.month);
    drawNeglected(pages, review.neglected);
    pages.finish();
    return painter.end() ? pages.page() : 0;
}

} // namespace

bool write(const PipelineReview& review, QIODevice* device)
{
    // Drawn twice: once to count the pages that long names and huge figures
    // may add, then with "Page 1 of N" in every footer.
    QBuffer counting;
    counting.open(QIODevice::WriteOnly);
    const int pageCount = render(review, &counting, 0);
    return pageCount > 0 && render(review, device, pageCount) > 0;
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
