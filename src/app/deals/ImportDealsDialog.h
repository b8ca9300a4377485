#pragma once

#include "dealboard/DealImport.h"

#include <QDateTime>
#include <QDialog>

class QComboBox;
class QIODevice;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace dealboard::gui {

// Before a deal file is imported: its layout (detected from the header,
// changeable), where their stages land here (each changeable), and the first
// rows as they will be imported, with any fault. Nothing is written while it
// is open; Import is offered once the whole file reads without a fault.
class ImportDealsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDealsDialog)

public:
    // `file` is open for reading and stays so while the dialog lives.
    ImportDealsDialog(QIODevice* file, const QString& name, const QDateTime& now, QWidget* parent = nullptr);

    const ImportOptions& options() const { return m_options; }
    const ImportPlan& plan() const { return m_plan; }
    QComboBox* formatBox() const { return m_format; }
    QTableWidget* stageTable() const { return m_stages; }
    QTableWidget* previewTable() const { return m_preview; }
    QPushButton* importButton() const { return m_import; }

private:
    void setFormat(int index);
    void mapStage(const QString& theirs, int choice);
    void inspect(); // reads the file again with m_options and shows what it found
    void showStages();
    void showPreview();

    QIODevice* m_file;
    QDateTime m_now;
    ImportOptions m_options;
    ImportPlan m_plan;
    QComboBox* m_format;
    QLabel* m_summary;
    QTableWidget* m_stages;
    QTableWidget* m_preview;
    QPlainTextEdit* m_faults;
    QPushButton* m_import;
};

} // namespace dealboard::gui
