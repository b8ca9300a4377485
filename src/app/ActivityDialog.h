#pragma once

#include "dealboard/Pipeline.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;
class QTimeEdit;

namespace dealboard::gui {

// The form for one activity: type, subject, due date and optional time, notes.
// With `offerSkip` (after completing one) it has a "No next activity" button,
// which ends it with SkipResult.
class ActivityDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityDialog)

public:
    static constexpr int SkipResult = 2;

    ActivityDialog(const QString& title, const QString& intro, const ActivityFields& initial, bool offerSkip,
                   QWidget* parent = nullptr);
    ActivityFields fields() const;

private:
    ActivityFields m_initial;
    QComboBox* m_kind;
    QLineEdit* m_subject;
    QDateEdit* m_date;
    QCheckBox* m_timed;
    QTimeEdit* m_time;
    QPlainTextEdit* m_notes;
};

// The activity flows of the board, through the service; a touch that comes
// too soon asks the rep before it is saved anyway.
namespace ActivityFlow {
// Plans an activity on the deal; true when one was saved.
bool plan(QWidget* parent, Pipeline& service, const Deal& deal);
// Marks it done and asks for the next one (which can be skipped).
bool complete(QWidget* parent, Pipeline& service, const Activity& activity);
} // namespace ActivityFlow

// A deal's activities, open ones first: plan another, or mark one done.
class ActivitiesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivitiesDialog)

public:
    ActivitiesDialog(Pipeline& service, const Deal& deal, QWidget* parent = nullptr);
    QTableWidget* table() const { return m_table; }
    void reload();

private:
    Pipeline& m_service;
    Deal m_deal;
    QTableWidget* m_table;
    std::vector<Activity> m_activities;
};

} // namespace dealboard::gui
