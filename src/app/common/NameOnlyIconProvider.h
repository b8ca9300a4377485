#pragma once

#include <QAbstractFileIconProvider>
#include <QString>
#include <optional>

class QWidget;

namespace dealboard::gui {

// Icons and type names from a file's name only. Qt's own provider reads a
// file's first bytes to guess its type; in the board's process that would
// open (and close) the pipeline's files, and closing any descriptor of an
// SQLite file drops the locks SQLite holds on it.
class NameOnlyIconProvider final : public QAbstractFileIconProvider
{
public:
    QIcon icon(IconType type) const override;
    QIcon icon(const QFileInfo& info) const override;
    QString type(const QFileInfo& info) const override;
};

} // namespace dealboard::gui
