#pragma once

#include "dealboard/StallMarks.h"

#include <QDialog>
#include <array>

class QComboBox;
class QLabel;
class QSpinBox;

namespace dealboard::gui {

// Edits when an open deal is marked as stalling in each stage: the stage's
// built-in days, fixed days a manager sets, or days learned from how long the
// team's deals stayed there (with the fixed days used while too few deals are
// behind the figure). Each stage shows what its mark is now and why.
class StallMarksDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StallMarksDialog)

public:
    explicit StallMarksDialog(const StallMarks& marks, QWidget* parent = nullptr);
    StallRules rules() const;

private:
    void updateRow(Stage stage);

    StallMarks m_marks;
    std::array<QComboBox*, StageCount> m_kind {};
    std::array<QSpinBox*, StageCount> m_days {};
    std::array<QLabel*, StageCount> m_now {};
};

} // namespace dealboard::gui
