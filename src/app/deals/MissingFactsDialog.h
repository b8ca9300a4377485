#pragma once

#include "dealboard/Deal.h"
#include "dealboard/Requirement.h"
#include "dealboard/Result.h"
#include "dealboard/StageRules.h"

#include <QDialog>
#include <vector>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace dealboard::gui {

// Asked when the rules refuse a move: one field for each missing fact (confirm
// willing / need / budget, a value, a close date, an organization, a next
// activity, a tick for each required step of the plan, each custom field the
// stage needs), nothing else. OK is enabled
// once every fact is given; the answers go back to the service with the move.
class MissingFactsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MissingFactsDialog)

public:
    // `rules`: the stages' rules as stored, whose required steps of the plan
    // and custom fields `deal` (read with its ticks and values) lacks for
    // `target` are asked.
    MissingFactsDialog(const Deal& deal, Stage target, const std::vector<Requirement>& unmet, const QDate& today,
                       QWidget* parent = nullptr, const Result<StageRules>& rules = StageRules {});

    DealFields facts() const;
    // Asked again after another change made the move impossible: `changed`
    // says what changed and who changed it, above the form, and the fields
    // take what the rep gave before (`entered`).
    void showChangedMeanwhile(const QString& changed, const DealFields& entered);

private:
    void updateOk();
    void growToContent();

    std::vector<Requirement> m_unmet;
    QString m_currency;
    QLineEdit* m_title = nullptr;
    QCheckBox* m_willing = nullptr;
    QCheckBox* m_need = nullptr;
    QCheckBox* m_budget = nullptr;
    QLineEdit* m_value = nullptr;
    QLabel* m_valueProblem = nullptr;
    QDateEdit* m_closeDate = nullptr;
    QLineEdit* m_company = nullptr;
    QComboBox* m_activityKind = nullptr;
    QLineEdit* m_activitySubject = nullptr;
    QDateEdit* m_activityDue = nullptr;
    std::vector<std::pair<QCheckBox*, std::int64_t>> m_steps; // a box per step to tick
    std::vector<std::pair<QWidget*, CustomField>> m_fields; // an editor per custom field to fill in
    QLabel* m_fieldProblem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QLabel* m_changed = nullptr;
};

} // namespace dealboard::gui
