#include "reports/StageRulesDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace dealboard::gui {

namespace {

QString factLabel(Requirement requirement)
{
    switch (requirement) {
    case Requirement::Value:
        return QStringLiteral("A deal value above zero");
    case Requirement::CloseDate:
        return QStringLiteral("An expected close date");
    case Requirement::Contact:
        return QStringLiteral("An organization or person");
    case Requirement::Activity:
        return QStringLiteral("A next activity planned");
    default:
        return requirementCode(requirement);
    }
}

// A point as the combo's data: -1 nowhere, else 2 × stage index (+1 to leave).
int pointData(const StageRule& rule)
{
    return 2 * stageIndex(rule.stage) + (rule.moment == RuleMoment::Leave ? 1 : 0);
}

} // namespace

StageRulesDialog::StageRulesDialog(const StageRules& rules, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("stageRulesDialog"));
    setWindowTitle(QStringLiteral("Stage rules"));
    auto* intro = new QLabel(QStringLiteral("What a deal needs from a point of the pipeline on. A fact needed to enter "
                                            "a stage is needed in every later stage too, so no deal skips past it. "
                                            "A next activity is asked when a deal enters a stage; marking it done "
                                            "later leaves the deal where it is."),
                             this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto* gate = new QLabel(QStringLiteral("to leave %1 (fixed)").arg(stageName(Stage::Qualifying)), this);
    gate->setObjectName(QStringLiteral("gateRule"));
    form->addRow(QStringLiteral("Willing to buy, proven need, budget:"), gate);
    for (Requirement requirement : StageRules::adjustable()) {
        auto* combo = new QComboBox(this);
        combo->setObjectName(QStringLiteral("rule_%1").arg(requirementCode(requirement)));
        combo->setAccessibleName(QStringLiteral("%1 is needed").arg(factLabel(requirement)));
        combo->addItem(QStringLiteral("Needed nowhere"), -1);
        for (Stage stage : AllStages) {
            for (RuleMoment moment : {RuleMoment::Enter, RuleMoment::Leave}) {
                const StageRule rule {requirement, stage, moment};
                if (StageRules::whyNot(rule).isEmpty()) {
                    combo->addItem(rule.pointText(), pointData(rule));
                }
            }
        }
        const std::optional<StageRule> now = rules.ruleOf(requirement);
        combo->setCurrentIndex(std::max(0, combo->findData(now ? pointData(*now) : -1)));
        form->addRow(factLabel(requirement) + QLatin1Char(':'), combo);
        m_points.emplace_back(requirement, combo);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

StageRules StageRulesDialog::rules() const
{
    StageRules rules = StageRules::none();
    for (const auto& [requirement, combo] : m_points) {
        const int point = combo->currentData().toInt();
        if (point >= 0) {
            rules.set({requirement, AllStages[static_cast<std::size_t>(point / 2)],
                       point % 2 == 0 ? RuleMoment::Enter : RuleMoment::Leave});
        }
    }
    return rules;
}

} // namespace dealboard::gui
