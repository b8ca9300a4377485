#include "activities/ActivityFlow.h"

#include "activities/ActivitiesDialog.h"
#include "activities/ActivityDialog.h"
#include "activities/ActivityFlow.h"
#include "activities/TooSoon.h"
#include "board/BoardStyle.h"
#include "common/ShownText.h"
#include "deals/DealNames.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTimeEdit>
#include <QVBoxLayout>
#include <algorithm>

namespace dealboard::gui {

namespace {

// Runs `save` unconfirmed; a touch too soon asks the rep, and runs it again
// confirmed when they say so. False when nothing was saved; `retype` then
// says the input itself was refused (an invisible character in the subject,
// say), so the form is asked again with what was typed.
template<typename T>
bool saveAsking(QWidget* parent, const std::function<Result<T>(bool)>& save, bool* retype = nullptr)
{
    Result<T> saved = save(false);
    if (!saved && saved.error().code == ErrorCode::TooFrequent) {
        if (!askContactAnyway(parent, saved.error().message)) {
            return false;
        }
        saved = save(true);
    }
    if (!saved) {
        QMessageBox failed(QMessageBox::Warning, QStringLiteral("Activity not saved"),
                           shownText(saved.error().message, true), QMessageBox::Ok, parent);
        failed.setObjectName(QStringLiteral("activityNotSaved"));
        failed.setTextFormat(Qt::PlainText);
        failed.exec();
        if (retype != nullptr) {
            *retype = saved.error().code == ErrorCode::InvalidInput;
        }
        return false;
    }
    return true;
}

// Plans the activity on each deal, in one action.
bool planEach(QWidget* parent, Pipeline& service, const ActivityFields& fields, const std::vector<Deal>& deals,
              bool* retype)
{
    std::vector<DealId> ids;
    for (const Deal& deal : deals) {
        ids.push_back(deal.id);
    }
    // One action: every activity is saved, or none; a refusal is said in the
    // board's words, each deal by its title.
    return saveAsking<BatchOutcome>(
        parent,
        [&service, &fields, &ids, &deals](bool confirmed) -> Result<BatchOutcome> {
            std::vector<std::pair<QString, Error>> refused;
            Result<BatchOutcome> planned = service.deals().batch(
                ids, false, [&service, &fields, confirmed, &deals, &refused](DealId id) -> Result<void> {
                    ActivityFields one = fields;
                    one.dealId = id;
                    one.personId.reset();
                    Result<Activity> saved = service.activities().plan(one, confirmed);
                    if (!saved) {
                        const auto deal
                            = std::find_if(deals.begin(), deals.end(), [id](const Deal& d) { return d.id == id; });
                        refused.emplace_back(deal != deals.end() ? deal->title : QStringLiteral("deal %1").arg(id),
                                             saved.error());
                        return saved.error();
                    }
                    return {};
                });
            if (!planned && planned.error().code == ErrorCode::RefusedByRules && !refused.empty()) {
                return refusedOnSeveral(refused, ids.size());
            }
            return planned;
        },
        retype);
}

// Asks for an activity's new day; invalid when the rep cancelled.
QDate askNewDay(QWidget* parent, const Activity& activity, const QDate& today)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("rescheduleDialog"));
    dialog.setWindowTitle(QStringLiteral("Reschedule"));
    auto* form = new QFormLayout(&dialog);
    auto* what = new QLabel(QStringLiteral("%1: %2").arg(activityKindName(activity.kind), shownText(activity.subject)));
    what->setTextFormat(Qt::PlainText);
    form->addRow(what);
    auto* day = new QDateEdit(activity.dueDate < today ? today : activity.dueDate);
    day->setObjectName(QStringLiteral("rescheduleDate"));
    day->setCalendarPopup(true);
    day->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    form->addRow(QStringLiteral("New day"), day);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    return dialog.exec() == QDialog::Accepted ? day->date() : QDate();
}

} // namespace

bool ActivityFlow::plan(QWidget* parent, Pipeline& service, const Deal& deal)
{
    ActivityFields initial;
    initial.dealId = deal.id;
    initial.kind = ActivityKind::Call;
    initial.dueDate = QDate::currentDate();
    for (bool retype = true; retype;) {
        ActivityDialog dialog(
            QStringLiteral("Plan activity"),
            QStringLiteral("For <b>%1</b>%2")
                .arg(shownText(deal.title).toHtmlEscaped(),
                     deal.contactName.isEmpty()
                         ? QString()
                         : QStringLiteral(" with %1").arg(shownText(deal.contactName).toHtmlEscaped())),
            initial, false, parent);
        if (dialog.exec() != QDialog::Accepted) {
            return false;
        }
        initial = dialog.fields(); // asked again with it when refused
        retype = false;
        if (saveAsking<Activity>(
                parent, [&service, &initial](bool confirmed) { return service.activities().plan(initial, confirmed); },
                &retype)) {
            return true;
        }
    }
    return false;
}

bool ActivityFlow::complete(QWidget* parent, Pipeline& service, const Activity& activity)
{
    ActivityFields initial;
    initial.dealId = activity.dealId;
    initial.kind = activity.kind;
    initial.dueDate = QDate::currentDate().addDays(3);
    for (bool retype = true; retype;) {
        ActivityDialog dialog(
            QStringLiteral("Done: plan the next activity"),
            QStringLiteral("<b>%1</b> is done. What is the next step on <b>%2</b>?")
                .arg(shownText(activity.subject).toHtmlEscaped(), shownText(activity.dealTitle).toHtmlEscaped()),
            initial, true, parent);
        const int answer = dialog.exec();
        if (answer == QDialog::Rejected) {
            return false;
        }
        std::optional<ActivityFields> next;
        if (answer != ActivityDialog::SkipResult) {
            next = dialog.fields();
            initial = *next; // asked again with it when refused
        }
        retype = false;
        if (saveAsking<std::optional<Activity>>(
                parent,
                [&service, &activity, &next](bool confirmed) {
                    return service.activities().complete(activity.id, next, confirmed);
                },
                &retype)) {
            return true;
        }
    }
    return false;
}

bool ActivityFlow::reschedule(QWidget* parent, Pipeline& service, const Activity& activity)
{
    const QDate day = askNewDay(parent, activity, service.now().toLocalTime().date());
    if (!day.isValid()) {
        return false;
    }
    return saveAsking<Activity>(parent, [&service, &activity, day](bool confirmed) {
        return service.activities().reschedule(activity.id, day, confirmed);
    });
}

bool ActivityFlow::planForSeveral(QWidget* parent, Pipeline& service, const std::vector<Deal>& deals)
{
    if (deals.empty()) {
        return false;
    }
    ActivityFields initial;
    initial.dealId = deals.front().id;
    initial.kind = ActivityKind::Call;
    initial.dueDate = QDate::currentDate();
    QStringList titles;
    for (const Deal& deal : deals) {
        titles << deal.title;
    }
    for (bool retype = true; retype;) {
        ActivityDialog dialog(QStringLiteral("Plan activity"),
                              QStringLiteral("For each of <b>%1 deals</b>, with its contact: %2")
                                  .arg(deals.size())
                                  .arg(namedDeals(titles).toHtmlEscaped()),
                              initial, false, parent);
        if (dialog.exec() != QDialog::Accepted) {
            return false;
        }
        initial = dialog.fields(); // asked again with it when refused
        retype = false;
        if (planEach(parent, service, initial, deals, &retype)) {
            return true;
        }
    }
    return false;
}

} // namespace dealboard::gui
