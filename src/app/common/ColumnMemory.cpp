#include "common/ColumnMemory.h"

#include <QHeaderView>
#include <QSettings>
#include <QTableView>
#include <QVariantList>

namespace dealboard::gui {

QString ColumnMemory::key(const QTableView* table)
{
    QString name = table->objectName();
    for (const QObject* parent = table->parent(); parent != nullptr; parent = parent->parent()) {
        if (!parent->objectName().isEmpty()) {
            name = parent->objectName() + QLatin1Char('.') + name;
            break;
        }
    }
    return QStringLiteral("columns/") + name;
}

void ColumnMemory::save(const QTableView* table)
{
    const QHeaderView* header = table->horizontalHeader();
    if (table->objectName().isEmpty() || header->count() == 0) {
        return;
    }
    QVariantList widths;
    for (int column = 0; column < header->count(); ++column) {
        widths << header->sectionSize(column);
    }
    QSettings().setValue(key(table), widths);
}

bool ColumnMemory::restore(QTableView* table)
{
    QHeaderView* header = table->horizontalHeader();
    const QVariantList widths = QSettings().value(key(table)).toList();
    if (widths.isEmpty() || widths.size() != header->count()) {
        return false;
    }
    // The last column keeps stretching where the table asks for it.
    const int sized = header->stretchLastSection() ? header->count() - 1 : header->count();
    for (int column = 0; column < sized; ++column) {
        const int width = widths.at(column).toInt();
        if (width > 0) {
            header->resizeSection(column, width);
        }
    }
    return true;
}

} // namespace dealboard::gui
