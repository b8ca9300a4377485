#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <utility>
#include <vector>

class QColor;
class QFont;
class QPainter;
class QPdfWriter;

namespace dealboard::ReviewDocument {

constexpr int Resolution = 300; // dots per inch of the page's coordinates

// Points (1/72 inch) in the page's coordinates.
constexpr double pt(double points)
{
    return points * Resolution / 72.0;
}

struct Column
{
    QString title;
    double width; // a share of the table's width
    bool right; // figures: aligned right
};

// Draws the pages top to bottom; `y` is where the next thing goes. A table
// that does not fit goes on over the page, its header drawn again.
class Pages
{
public:
    Pages(QPdfWriter& writer, QPainter& painter, QString footer, int pageCount);

    double width() const { return m_width; }
    int page() const { return m_page; }
    double y = 0;

    void title(const QString& text, const QString& subtitle);
    void heading(const QString& text, const QString& note = {});
    void paragraph(const QString& text, double points = 8.5);
    // A table: a shaded header, the rows under it, bold rows where `bold`
    // says so, a cell in red where `alarm` says so. Every column is at least
    // as wide as its widest word and, where the page allows, as its widest
    // figure; a longer text takes more lines rather than losing letters.
    void table(const std::vector<Column>& columns, const std::vector<QStringList>& rows,
               const std::function<bool(int)>& bold = {}, const std::function<bool(int, int)>& alarm = {});
    // Horizontal bars for a few labelled values, scaled to the largest.
    void bars(const std::vector<std::pair<QString, double>>& values, const QString& unit);
    // Ends the page with its footer and starts the next.
    void newPage();
    // The last page's footer.
    void finish() { footer(); }

private:
    // The page's foot, above the footer.
    double bottom() const { return m_height - pt(16); }
    bool fits(double height) const { return y + height <= bottom(); }
    void room(double height);
    void write(const QString& text, const QFont& f, const QColor& colour, double after);
    void footer();
    // Each column's width: its share of the page, but never less than its
    // widest word (header or cell) and, while the page has room, its widest
    // figure on one line. Where even the words do not fit, the table's type
    // is made smaller (m_scale) until they do.
    std::vector<double> columnWidths(const std::vector<Column>& columns, const std::vector<QStringList>& rows,
                                     double pad);

    QPdfWriter& m_writer;
    QPainter& m_painter;
    double m_width;
    double m_height;
    QString m_footer;
    int m_pageCount; // 0 while counting
    int m_page = 1;
    double m_scale = 1; // the current table's type, against its usual size
};

} // namespace dealboard::ReviewDocument
