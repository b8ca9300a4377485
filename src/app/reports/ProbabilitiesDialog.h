#pragma once

#include "dealboard/Probability.h"

#include <QDialog>
#include <array>

class QSpinBox;

namespace dealboard::gui {

// A manager's win probability per stage; a stage left at "default" keeps
// the design's.
class ProbabilitiesDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ProbabilitiesDialog(const StageProbabilities& probabilities, QWidget* parent = nullptr);

    StageProbabilities probabilities() const;

private:
    std::array<QSpinBox*, StageCount> m_percent {};
};

} // namespace dealboard::gui
