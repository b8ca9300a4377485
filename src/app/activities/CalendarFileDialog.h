#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace dealboard::gui {

class CalendarKeeper;

// "Keep my activities in a calendar file": whether, which file, whose
// activities. OK writes the file at once; a file that can't be written is
// said here and nothing is kept.
class CalendarFileDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarFileDialog)

public:
    // `owners`: the pipeline's owners to choose from; `suggestedOwner` when nothing is kept yet.
    CalendarFileDialog(CalendarKeeper& keeper, const QStringList& owners, const QString& suggestedOwner,
                       QWidget* parent = nullptr);
    void accept() override;

private:
    void refuse(const QString& why, QWidget* where);

    CalendarKeeper& m_keeper;
    QCheckBox* m_keep;
    QLineEdit* m_path;
    QComboBox* m_owner;
    QLabel* m_problem;
};

} // namespace dealboard::gui
