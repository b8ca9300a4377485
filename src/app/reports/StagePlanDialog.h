#pragma once

#include "dealboard/StagePlan.h"

#include <QDialog>
#include <vector>

class QComboBox;
class QLineEdit;
class QListWidget;

namespace dealboard::gui {

// Edits the stages' plans: pick a stage, then add, reword, reorder and
// remove its steps, and tick the ones a deal needs ticked to move on. A
// step's words are edited in place (F2 or a double click). What it gives is
// saved as one undo step (StagePlanCommand).
class StagePlanDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StagePlanDialog)

public:
    explicit StagePlanDialog(const StagePlan& plan, Stage first = Stage::Prospecting, QWidget* parent = nullptr);
    StagePlan plan() const;

private:
    void showStage(Stage stage);
    void keepShown(); // the list's steps back into m_steps
    void addStep();
    void moveStep(int by);
    // Saves only a plan the service would keep; else says why, on the stage
    // and step at fault, and stays open with everything typed.
    void saveIfValid();

    std::vector<PlanStep> m_steps; // every stage's, the shown one's as last kept
    StagePlan m_before; // as it was opened
    Stage m_shown = Stage::Prospecting;
    QComboBox* m_stage;
    QListWidget* m_list;
    QLineEdit* m_newStep;
};

} // namespace dealboard::gui
