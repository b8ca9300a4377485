#include "common/FileDialogs.h"

#include "common/NameOnlyIconProvider.h"

#include <QApplication>
#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLayout>
#include <QStyle>

namespace dealboard::gui {

namespace {

// One provider for every dialog; the dialogs never own it.
NameOnlyIconProvider& iconProvider()
{
    static NameOnlyIconProvider provider;
    return provider;
}

void makeSafe(QFileDialog& dialog)
{
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setIconProvider(&iconProvider());
}

// Where to save a file of one kind (`suffix`); empty when cancelled.
QString askSaveFile(QWidget* parent, const QString& title, const QString& suggestedName, const QString& filter,
                    const QString& suffix, const QString& objectName)
{
    QFileDialog dialog(parent, title, suggestedName, filter);
    dialog.setObjectName(objectName);
    makeSafe(dialog);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(suffix);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) {
        return {};
    }
    return dialog.selectedFiles().front();
}

} // namespace

std::optional<FileDialogs::ExportTarget> FileDialogs::askExportFile(QWidget* parent, const QString& title,
                                                                    const QString& suggestedName)
{
    QFileDialog dialog(parent, title, suggestedName, QStringLiteral("CSV files (*.csv)"));
    dialog.setObjectName(QStringLiteral("exportFileDialog"));
    makeSafe(dialog);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("csv"));
    auto* bom = new QCheckBox(QStringLiteral("Byte-order mark for Excel"), &dialog);
    bom->setObjectName(QStringLiteral("byteOrderMark"));
    if (auto* layout = dialog.layout()) {
        layout->addWidget(bom);
    }
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) {
        return std::nullopt;
    }
    return ExportTarget {dialog.selectedFiles().front(), bom->isChecked()};
}

QString FileDialogs::askPdfFile(QWidget* parent, const QString& title, const QString& suggestedName)
{
    return askSaveFile(parent, title, suggestedName, QStringLiteral("PDF files (*.pdf)"), QStringLiteral("pdf"),
                       QStringLiteral("pdfFileDialog"));
}

QString FileDialogs::askCalendarFile(QWidget* parent, const QString& title, const QString& suggestedName)
{
    return askSaveFile(parent, title, suggestedName, QStringLiteral("iCalendar files (*.ics)"), QStringLiteral("ics"),
                       QStringLiteral("calendarFileDialog"));
}

QString FileDialogs::askImportFile(QWidget* parent, const QString& title)
{
    QFileDialog dialog(parent, title, QString(), QStringLiteral("CSV files (*.csv *.txt);;All files (*)"));
    dialog.setObjectName(QStringLiteral("importFileDialog"));
    makeSafe(dialog);
    dialog.setAcceptMode(QFileDialog::AcceptOpen);
    dialog.setFileMode(QFileDialog::ExistingFile);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) {
        return {};
    }
    return dialog.selectedFiles().front();
}

QString FileDialogs::askVCardSaveFile(QWidget* parent, const QString& suggestedName)
{
    return askSaveFile(parent, QStringLiteral("Export people as vCard"), suggestedName,
                       QStringLiteral("vCard files (*.vcf)"), QStringLiteral("vcf"), QStringLiteral("vcardSaveDialog"));
}

QStringList FileDialogs::askVCardFiles(QWidget* parent)
{
    QFileDialog dialog(parent, QStringLiteral("Import people from vCard"), QString(),
                       QStringLiteral("vCard files (*.vcf *.vcard);;All files (*)"));
    dialog.setObjectName(QStringLiteral("vcardOpenDialog"));
    makeSafe(dialog);
    dialog.setAcceptMode(QFileDialog::AcceptOpen);
    dialog.setFileMode(QFileDialog::ExistingFiles);
    if (dialog.exec() != QDialog::Accepted) {
        return {};
    }
    return dialog.selectedFiles();
}

QString FileDialogs::askPipelineFile(QWidget* parent)
{
    QFileDialog dialog(parent, QStringLiteral("Open pipeline"), QString(),
                       QStringLiteral("DealBoard pipelines (*.dealboard);;All files (*)"));
    dialog.setObjectName(QStringLiteral("openPipelineDialog"));
    makeSafe(dialog);
    dialog.setAcceptMode(QFileDialog::AcceptOpen);
    dialog.setFileMode(QFileDialog::ExistingFile);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) {
        return {};
    }
    return dialog.selectedFiles().front();
}

} // namespace dealboard::gui
