#include "reports/StallMarksDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dealboard::gui {

namespace {

enum Kind { BuiltIn, Fixed, Learned };

} // namespace

StallMarksDialog::StallMarksDialog(const StallMarks& marks, QWidget* parent)
    : QDialog(parent)
    , m_marks(marks)
{
    setObjectName(QStringLiteral("stallMarksDialog"));
    setWindowTitle(QStringLiteral("Stall marks"));
    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(QStringLiteral("<b>Stage</b>"), this), 0, 0);
    grid->addWidget(new QLabel(QStringLiteral("<b>Mark a deal stalling</b>"), this), 0, 1);
    grid->addWidget(new QLabel(QStringLiteral("<b>Fixed days</b>"), this), 0, 2);
    grid->addWidget(new QLabel(QStringLiteral("<b>Now</b>"), this), 0, 3);
    for (Stage stage : AllStages) {
        const int i = stageIndex(stage);
        const StallRule& rule = marks.rule(stage);
        auto* kind = new QComboBox(this);
        kind->setObjectName(QStringLiteral("stallKind_%1").arg(stageSlug(stage)));
        const int builtIn = stageInfo(stage).rottingDays;
        kind->addItem(builtIn > 0 ? QStringLiteral("Built in (%1 days)").arg(builtIn)
                                  : QStringLiteral("Built in (never)"));
        kind->addItem(QStringLiteral("After fixed days"));
        kind->addItem(QStringLiteral("Learned from the team"));
        kind->setItemData(Learned,
                          QStringLiteral("Longer than 8 in 10 of the team's deals stayed in %1 over the last %2 "
                                         "days; the fixed days while fewer than %3 deals are behind the figure.")
                              .arg(stageName(stage))
                              .arg(StallMarks::LearningDays)
                              .arg(StallMarks::MinimumDeals),
                          Qt::ToolTipRole);
        kind->setCurrentIndex(rule.learned ? Learned : rule.days ? Fixed : BuiltIn);
        kind->setAccessibleName(QStringLiteral("Stall mark of %1").arg(stageName(stage)));
        auto* days = new QSpinBox(this);
        days->setObjectName(QStringLiteral("stallDays_%1").arg(stageSlug(stage)));
        days->setRange(0, StallMarks::MaximumDays);
        days->setSpecialValueText(QStringLiteral("never"));
        connect(days, &QSpinBox::valueChanged, days,
                [days](int value) { days->setSuffix(value == 1 ? QStringLiteral(" day") : QStringLiteral(" days")); });
        days->setValue(marks.fixedDays(stage));
        days->setSuffix(days->value() == 1 ? QStringLiteral(" day") : QStringLiteral(" days"));
        days->setAccessibleName(QStringLiteral("Fixed stall days of %1").arg(stageName(stage)));
        auto* now = new QLabel(this);
        now->setObjectName(QStringLiteral("stallNow_%1").arg(stageSlug(stage)));
        now->setWordWrap(true);
        grid->addWidget(new QLabel(stageName(stage), this), i + 1, 0);
        grid->addWidget(kind, i + 1, 1);
        grid->addWidget(days, i + 1, 2);
        grid->addWidget(now, i + 1, 3);
        m_kind[i] = kind;
        m_days[i] = days;
        m_now[i] = now;
        connect(kind, &QComboBox::currentIndexChanged, this, [this, stage] { updateRow(stage); });
        updateRow(stage);
    }
    grid->setColumnStretch(3, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(QStringLiteral("An open deal longer in its stage than its mark says shows its days in "
                                            "orange on its card, with why in its tooltip."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addWidget(buttons);
    resize(760, sizeHint().height());
}

void StallMarksDialog::updateRow(Stage stage)
{
    const int i = stageIndex(stage);
    const int kind = m_kind[i]->currentIndex();
    m_days[i]->setEnabled(kind != BuiltIn);
    if (kind == BuiltIn) {
        m_days[i]->setValue(stageInfo(stage).rottingDays);
    }
    // What the stage's mark would be with this row's choice (the learned
    // figure is the one read when the editor opened).
    StallMarks shown = m_marks;
    shown.rules[i] = rules()[i];
    m_now[i]->setText(shown.describe(stage));
}

StallRules StallMarksDialog::rules() const
{
    StallRules rules {};
    for (int i = 0; i < StageCount; ++i) {
        if (m_kind[i] == nullptr) {
            continue; // still being made
        }
        const Stage stage = AllStages[i];
        const int kind = m_kind[i]->currentIndex();
        if (kind == BuiltIn) {
            continue;
        }
        rules[i].learned = kind == Learned;
        // Fixed days equal to the built-in ones are kept only for a fixed
        // mark; a learned mark falls back on them anyway.
        if (kind == Fixed || m_days[i]->value() != stageInfo(stage).rottingDays) {
            rules[i].days = m_days[i]->value();
        }
    }
    return rules;
}

} // namespace dealboard::gui
