#include "reports/ProbabilitiesDialog.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dealboard::gui {

ProbabilitiesDialog::ProbabilitiesDialog(const StageProbabilities& probabilities, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("probabilitiesDialog"));
    setWindowTitle(QStringLiteral("Win probabilities"));
    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(QStringLiteral("<b>Stage</b>"), this), 0, 0);
    grid->addWidget(new QLabel(QStringLiteral("<b>Win probability</b>"), this), 0, 1);
    for (Stage stage : AllStages) {
        const int i = stageIndex(stage);
        auto* percent = new QSpinBox(this);
        percent->setObjectName(QStringLiteral("probability_%1").arg(stageSlug(stage)));
        percent->setRange(-1, 100); // -1 shows the default
        percent->setSuffix(QStringLiteral(" %"));
        percent->setSpecialValueText(QStringLiteral("default (%1 %)").arg(stageInfo(stage).winProbabilityPercent));
        percent->setValue(probabilities.set[i].value_or(-1));
        percent->setMinimumWidth(percent->fontMetrics().horizontalAdvance(QStringLiteral("default (100 %)")) + 40);
        grid->addWidget(new QLabel(stageName(stage), this), i + 1, 0);
        grid->addWidget(percent, i + 1, 1);
        m_percent[i] = percent;
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(QStringLiteral("Each open deal's weighted value is its value times its stage's win "
                                            "probability, unless the deal has one of its own."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addWidget(buttons);
}

StageProbabilities ProbabilitiesDialog::probabilities() const
{
    StageProbabilities probabilities;
    for (int i = 0; i < StageCount; ++i) {
        if (m_percent[i]->value() >= 0) {
            probabilities.set[i] = m_percent[i]->value();
        }
    }
    return probabilities;
}

} // namespace dealboard::gui
