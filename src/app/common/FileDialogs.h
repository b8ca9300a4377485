#pragma once

#include <QAbstractFileIconProvider>
#include <QString>
#include <optional>

class QWidget;

namespace dealboard::gui {

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
    // Where to save a PDF; empty when the user cancelled.
    static QString askPdfFile(QWidget* parent, const QString& title, const QString& suggestedName);
    // Where to keep an iCalendar file (*.ics); empty when cancelled.
    static QString askCalendarFile(QWidget* parent, const QString& title, const QString& suggestedName);
    // Where to save people as vCard; empty when cancelled.
    static QString askVCardSaveFile(QWidget* parent, const QString& suggestedName);
    // The .vcf files to import; empty when cancelled.
    static QStringList askVCardFiles(QWidget* parent);
    // A pipeline to open (*.dealboard); empty when cancelled.
    static QString askPipelineFile(QWidget* parent);
};

} // namespace dealboard::gui
