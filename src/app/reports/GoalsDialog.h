#pragma once

#include "dealboard/PipelineReport.h"

#include <QDialog>
#include <array>

class QDoubleSpinBox;
class QSpinBox;

namespace dealboard::gui {

// Edits every stage's goal: the share that should go on to the next stage and
// the median days a deal should stay. "none" clears a goal.
class GoalsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GoalsDialog)

public:
    // `note`, when given, says what changed meanwhile (a save refused as stale,
    // opened again with what the manager typed).
    explicit GoalsDialog(const StageGoals& goals, QWidget* parent = nullptr, const QString& note = {});
    StageGoals goals() const;

private:
    std::array<QDoubleSpinBox*, StageCount> m_conversion {};
    std::array<QSpinBox*, StageCount> m_days {};
};

} // namespace dealboard::gui
