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

} // namespace dealboard::gui
