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

// Every file dialog of the board: Qt's own widgets (never a platform dialog
// that may read the files it lists) with NameOnlyIconProvider.
class FileDialogs final
{
public:
    struct ExportTarget
    {
        QString path;
        bool byteOrderMark = false;
    };
    // Asks where to save a CSV export; nullopt when cancelled.
    static std::optional<ExportTarget> askExportFile(QWidget* parent, const QString& title,
                                                     const QString& suggestedName);
    // Asks for a CSV file to read; empty when cancelled.
    static QString askImportFile(QWidget* parent, const QString& title);
};

} // namespace dealboard::gui
