#include "ReviewPages.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <QTextLayout>
#include <algorithm>
#include <memory>
#include <numeric>

namespace dealboard::ReviewDocument {

namespace {

const QColor Ink(0x21, 0x21, 0x21);
const QColor Muted(0x61, 0x61, 0x61);
const QColor Rule(0xbd, 0xbd, 0xbd);
const QColor Band(0xf2, 0xf2, 0xf2);
const QColor Behind(0xb0, 0x2a, 0x2a);
const QColor Accent(0x4c, 0x78, 0xa8);

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

QFont font(double points, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

} // namespace

Pages::Pages(QPdfWriter& writer, QPainter& painter, QString footer, int pageCount)
    : m_writer(writer)
    , m_painter(painter)
    , m_width(painter.viewport().width())
    , m_height(painter.viewport().height())
    , m_footer(std::move(footer))
    , m_pageCount(pageCount)
{
}

void Pages::title(const QString& text, const QString& subtitle)
{
    write(text, font(18, true), Ink, pt(2));
    write(subtitle, font(9.5), Muted, pt(6));
}

void Pages::heading(const QString& text, const QString& note)
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

void Pages::table(const std::vector<Column>& columns, const std::vector<QStringList>& rows,
                  const std::function<bool(int)>& bold, const std::function<bool(int, int)>& alarm)
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
            laid.blocks.push_back(std::make_unique<Block>(texts.value(static_cast<qsizetype>(c)), f, m_painter.device(),
                                                          widths[c] - 2 * pad,
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

void Pages::bars(const std::vector<std::pair<QString, double>>& values, const QString& unit)
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

void Pages::newPage()
{
    footer();
    m_writer.newPage();
    ++m_page;
    y = 0;
}

void Pages::room(double height)
{
    if (!fits(height) && y > 0) {
        newPage();
    }
}

void Pages::write(const QString& text, const QFont& f, const QColor& colour, double after)
{
    const Block block(text, f, m_painter.device(), m_width, Qt::AlignLeft);
    room(block.height());
    m_painter.setPen(colour);
    block.draw(m_painter, QPointF(0, y));
    y += block.height() + after;
}

void Pages::footer()
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

std::vector<double> Pages::columnWidths(const std::vector<Column>& columns, const std::vector<QStringList>& rows,
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
void Pages::paragraph(const QString& text, double points)
{
    write(text, font(points), Muted, pt(4));
}

} // namespace dealboard::ReviewDocument
