#include "reports/GoalsDialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dealboard::gui {

GoalsDialog::GoalsDialog(const StageGoals& goals, QWidget* parent, const QString& note)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("goalsDialog"));
    setWindowTitle(QStringLiteral("Stage goals"));
    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(QStringLiteral("<b>Stage</b>"), this), 0, 0);
    grid->addWidget(new QLabel(QStringLiteral("<b>Go on to next stage</b>"), this), 0, 1);
    grid->addWidget(new QLabel(QStringLiteral("<b>Median days in stage</b>"), this), 0, 2);
    for (Stage stage : AllStages) {
        const int i = stageIndex(stage);
        auto* conversion = new QDoubleSpinBox(this);
        conversion->setObjectName(QStringLiteral("conversion_%1").arg(stageSlug(stage)));
        conversion->setRange(-1, 100); // -1 shows "none"
        conversion->setDecimals(1);
        conversion->setSuffix(QStringLiteral(" %"));
        conversion->setSpecialValueText(QStringLiteral("none"));
        conversion->setValue(goals[i].targetConversion ? *goals[i].targetConversion * 100.0 : -1);
        conversion->setEnabled(stage != Stage::Retention);
        auto* days = new QSpinBox(this);
        days->setObjectName(QStringLiteral("days_%1").arg(stageSlug(stage)));
        days->setRange(-1, 3650);
        days->setSuffix(QStringLiteral(" days"));
        days->setSpecialValueText(QStringLiteral("none"));
        days->setValue(goals[i].targetMedianDays.value_or(-1));
        grid->addWidget(new QLabel(stageName(stage), this), i + 1, 0);
        grid->addWidget(conversion, i + 1, 1);
        grid->addWidget(days, i + 1, 2);
        m_conversion[i] = conversion;
        m_days[i] = days;
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    auto* intro
        = new QLabel(QStringLiteral("Every report marks each stage on target, below target, or without a goal."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    if (!note.isEmpty()) {
        auto* changed = new QLabel(note, this);
        changed->setObjectName(QStringLiteral("changedMeanwhile"));
        changed->setWordWrap(true);
        changed->setStyleSheet(QStringLiteral("background:#fff4ce; padding:6px;"));
        layout->addWidget(changed);
    }
    layout->addLayout(grid);
    layout->addWidget(buttons);
}

StageGoals GoalsDialog::goals() const
{
    StageGoals goals {};
    for (int i = 0; i < StageCount; ++i) {
        if (m_conversion[i]->value() >= 0 && m_conversion[i]->isEnabled()) {
            goals[i].targetConversion = m_conversion[i]->value() / 100.0;
        }
        if (m_days[i]->value() >= 0) {
            goals[i].targetMedianDays = m_days[i]->value();
        }
    }
    return goals;
}

} // namespace dealboard::gui
