#pragma once

#include "dealboard/Pipeline.h"
#include "undo/RatesCommand.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace dealboard::gui {

// The team's reporting currency and its exchange rates: a manager sets the
// currency, sets, changes and removes rates and imports the ECB's file;
// each save is one undo step on the board's stack, and a refusal is said
// in the dialog. Everybody else reads them.
class RatesDialog final : public QDialog
{
    Q_OBJECT

public:
    // afterClosed hears a refused undo or redo of a save once the dialog
    // is gone (the window's status line).
    RatesDialog(Pipeline& service, QUndoStack& undo, ReportError afterClosed, QWidget* parent = nullptr);

    // Most rows the table shows of every currency at once: past it, the
    // newest rate of each pair (a currency chosen shows all of its own).
    static constexpr int MaxRowsShown = 2000;

private:
    void reload();
    void fillTable(const std::vector<ExchangeRate>& rates);
    void pick(int row);
    void setCurrency();
    void setRate();
    void removeRate();
    void importFile();
    // Pushes the change as one undo step; says what came of it.
    void save(const QString& text, std::function<Result<RatesCommand::Done>()> action, const QString& said);
    void say(const QString& text, bool refused = false);

    Pipeline& m_service;
    QUndoStack& m_undo;
    ReportError m_afterClosed;
    QString m_reporting;
    QComboBox* m_currency;
    QPushButton* m_setCurrency;
    QComboBox* m_filter;
    QTableWidget* m_table;
    QLabel* m_shown;
    QLineEdit* m_code;
    QDateEdit* m_date;
    QLineEdit* m_rate;
    QLabel* m_base;
    QPushButton* m_setRate;
    QPushButton* m_remove;
    QPushButton* m_import;
    QLabel* m_message;
};

} // namespace dealboard::gui
