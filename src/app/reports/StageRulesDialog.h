#pragma once

#include "dealboard/StageRules.h"

#include <QDialog>
#include <vector>

class QComboBox;
class QLabel;

namespace dealboard::gui {

// Edits from which point of the pipeline each adjustable fact is needed: a
// value, an expected close date, an organization or person, a next activity
// planned. One row per fact, its point chosen from "needed nowhere", "to
// enter S" and "to leave S"; the gate out of Qualifying is shown, fixed.
class StageRulesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StageRulesDialog)

public:
    explicit StageRulesDialog(const StageRules& rules, QWidget* parent = nullptr);
    StageRules rules() const;

private:
    std::vector<std::pair<Requirement, QComboBox*>> m_points;
};

} // namespace dealboard::gui
