#include "reports/StagePlanDialog.h"

#include "common/ShownText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace dealboard::gui {

namespace {

constexpr int StepIdRole = Qt::UserRole;
constexpr int PositionRole = Qt::UserRole + 1;

} // namespace

StagePlanDialog::StagePlanDialog(const StagePlan& plan, Stage first, QWidget* parent)
    : QDialog(parent)
    , m_steps(plan.steps())
    , m_before(plan)
    , m_stage(new QComboBox(this))
    , m_list(new QListWidget(this))
    , m_newStep(new QLineEdit(this))
{
    setObjectName(QStringLiteral("stagePlanDialog"));
    setWindowTitle(QStringLiteral("Stage plans"));
    auto* intro = new QLabel(QStringLiteral("A short checklist for each stage, so that every deal is worked the same "
                                            "way. Reps tick the steps in the deal's details. A step checked here is "
                                            "required: a deal moves past its stage only with it ticked."),
                             this);
    intro->setWordWrap(true);
    m_stage->setObjectName(QStringLiteral("stageCombo"));
    m_stage->setAccessibleName(QStringLiteral("Stage"));
    for (Stage stage : AllStages) {
        m_stage->addItem(stageName(stage), static_cast<int>(stage));
    }
    m_list->setObjectName(QStringLiteral("stepList"));
    m_list->setAccessibleName(QStringLiteral("Steps of the stage's plan"));
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_newStep->setObjectName(QStringLiteral("newStepEdit"));
    m_newStep->setPlaceholderText(QStringLiteral("e.g. Send the proposal"));
    m_newStep->setAccessibleName(QStringLiteral("New step"));
    m_newStep->setMaxLength(StagePlan::MaxStepLength);
    auto* add = new QPushButton(QStringLiteral("&Add"), this);
    add->setObjectName(QStringLiteral("addStepButton"));
    auto* remove = new QPushButton(QStringLiteral("&Remove"), this);
    remove->setObjectName(QStringLiteral("removeStepButton"));
    auto* up = new QPushButton(QStringLiteral("Move &up"), this);
    up->setObjectName(QStringLiteral("stepUpButton"));
    auto* down = new QPushButton(QStringLiteral("Move &down"), this);
    down->setObjectName(QStringLiteral("stepDownButton"));

    auto* adding = new QHBoxLayout;
    adding->addWidget(m_newStep, 1);
    adding->addWidget(add);
    auto* moving = new QHBoxLayout;
    moving->addWidget(up);
    moving->addWidget(down);
    moving->addStretch(1);
    moving->addWidget(remove);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Save"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    // Enter adds the step typed; saving is the Save button's alone.
    for (QAbstractButton* button : buttons->buttons()) {
        if (auto* push = qobject_cast<QPushButton*>(button)) {
            push->setAutoDefault(false);
        }
    }
    add->setDefault(true);
    auto* form = new QFormLayout;
    form->addRow(QStringLiteral("&Stage:"), m_stage);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_list, 1);
    layout->addLayout(moving);
    layout->addLayout(adding);
    layout->addWidget(buttons);
    setMinimumSize(460, 380);

    connect(add, &QPushButton::clicked, this, &StagePlanDialog::addStep);
    connect(remove, &QPushButton::clicked, this, [this] { delete m_list->currentItem(); });
    connect(up, &QPushButton::clicked, this, [this] { moveStep(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveStep(1); });
    connect(buttons, &QDialogButtonBox::accepted, this, &StagePlanDialog::saveIfValid);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_stage->setCurrentIndex(stageIndex(first));
    showStage(first);
    connect(m_stage, &QComboBox::currentIndexChanged, this, [this](int index) {
        keepShown();
        showStage(static_cast<Stage>(m_stage->itemData(index).toInt()));
    });
}

void StagePlanDialog::showStage(Stage stage)
{
    m_shown = stage;
    m_list->clear();
    for (const PlanStep& step : m_steps) {
        if (step.stage != stage) {
            continue;
        }
        auto* item = new QListWidgetItem(step.text, m_list);
        item->setData(StepIdRole, qint64(step.id));
        item->setData(PositionRole, step.position);
        item->setFlags(item->flags() | Qt::ItemIsEditable | Qt::ItemIsUserCheckable);
        item->setCheckState(step.required ? Qt::Checked : Qt::Unchecked);
        if (stage == Stage::Retention) {
            // No deal leaves the last stage forward: its steps are reminders.
            item->setFlags(item->flags() & ~Qt::ItemIsUserCheckable);
            item->setData(Qt::CheckStateRole, QVariant());
        }
        item->setToolTip(QStringLiteral("Checked: required to move on. F2 to reword."));
    }
}

void StagePlanDialog::keepShown()
{
    std::erase_if(m_steps, [this](const PlanStep& step) { return step.stage == m_shown; });
    int previous = 0;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem* item = m_list->item(row);
        PlanStep step;
        step.id = item->data(StepIdRole).toLongLong();
        step.stage = m_shown;
        step.text = item->text().trimmed();
        step.required = item->checkState() == Qt::Checked;
        // Each keeps its place where the order allows: only what moved
        // changes (and is logged).
        step.position = std::max(previous + 1, item->data(PositionRole).toInt());
        previous = step.position;
        m_steps.push_back(step);
    }
}

void StagePlanDialog::addStep()
{
    const QString text = m_newStep->text().trimmed();
    if (text.isEmpty()) {
        return;
    }
    auto* item = new QListWidgetItem(text, m_list);
    item->setData(StepIdRole, qint64(0));
    item->setData(PositionRole, 0);
    item->setFlags(item->flags() | Qt::ItemIsEditable
                   | (m_shown == Stage::Retention ? Qt::NoItemFlags : Qt::ItemIsUserCheckable));
    if (m_shown != Stage::Retention) {
        item->setCheckState(Qt::Unchecked);
    }
    m_list->setCurrentItem(item);
    m_newStep->clear();
}

void StagePlanDialog::moveStep(int by)
{
    const int row = m_list->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_list->count()) {
        return;
    }
    QListWidgetItem* item = m_list->takeItem(row);
    m_list->insertItem(to, item);
    m_list->setCurrentItem(item);
}

void StagePlanDialog::saveIfValid()
{
    keepShown();
    const StagePlan wanted = plan();
    QString why;
    std::optional<Stage> at;
    int row = -1;
    for (Stage stage : AllStages) {
        const std::vector<PlanStep> steps = wanted.stepsOf(stage);
        for (std::size_t i = 0; i < steps.size() && why.isEmpty(); ++i) {
            why = StagePlan::whyNot(stage, steps[i].text, steps[i].required);
            at = stage;
            row = int(i);
        }
        if (why.isEmpty() && wanted.countOf(stage) > StagePlan::MaxStepsPerStage
            && wanted.countOf(stage) > m_before.countOf(stage)) {
            why = QStringLiteral("A stage's plan holds at most %1 steps; %2's holds %3. Remove one first.")
                      .arg(StagePlan::MaxStepsPerStage)
                      .arg(stageName(stage))
                      .arg(wanted.countOf(stage));
            at = stage;
            row = -1;
        }
        if (!why.isEmpty()) {
            break;
        }
    }
    if (why.isEmpty()) {
        accept();
        return;
    }
    m_stage->setCurrentIndex(stageIndex(*at));
    if (row >= 0) {
        m_list->setCurrentRow(row);
    }
    QMessageBox box(QMessageBox::Warning, QStringLiteral("Stage plans"), shownText(why), QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("stagePlanProblem"));
    box.exec();
}

StagePlan StagePlanDialog::plan() const
{
    const_cast<StagePlanDialog*>(this)->keepShown();
    StagePlan plan;
    plan.setSteps(m_steps);
    return plan;
}

} // namespace dealboard::gui
