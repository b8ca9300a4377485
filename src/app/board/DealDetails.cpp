#include "board/DealDetails.h"

#include "dealboard/Contacts.h"
#include "dealboard/Money.h"
#include "dealboard/StoredTime.h"

namespace dealboard::gui {

QString dealDetailsHtml(const Deal* deal, const Deal* origin, const std::vector<HistoryEntry>& history,
                        const QDateTime& now)
{
    if (deal == nullptr) {
        return QStringLiteral("<p style='color:gray'>Select a deal to see its details.</p>");
    }
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p><table cellspacing='4'>")
                       .arg(deal->title.toHtmlEscaped(), deal->company.toHtmlEscaped());
    auto row = [&html](const QString& name, const QString& value) {
        html += QStringLiteral("<tr><td style='color:gray'>%1</td><td>%2</td></tr>").arg(name, value.toHtmlEscaped());
    };
    row(QStringLiteral("Stage"),
        QStringLiteral("%1 (%2 days)").arg(stageName(deal->stage)).arg(deal->daysInStage(now)));
    row(QStringLiteral("Status"),
        statusSlug(deal->status) + (deal->lostReason.isEmpty() ? QString() : QStringLiteral(": ") + deal->lostReason));
    row(QStringLiteral("Value"), formatForPeople(deal->value));
    row(QStringLiteral("Weighted"), formatForPeople({deal->weightedMinor(), deal->value.currency}));
    row(QStringLiteral("Close"),
        deal->expectedClose.isValid() ? toStoredDate(deal->expectedClose) : QStringLiteral("—"));
    row(QStringLiteral("Owner"), deal->owner);
    if (deal->nextActivity) {
        row(QStringLiteral("Next"),
            QStringLiteral("%1 %2: %3")
                .arg(toStoredDate(deal->nextActivity->dueDate), activityKindName(deal->nextActivity->kind),
                     deal->nextActivity->subject));
    } else {
        row(QStringLiteral("Next"), QStringLiteral("No activity planned (Ctrl+T plans one)"));
    }
    if (deal->originDealId > 0) {
        row(QStringLiteral("Follow-up of"), origin ? origin->title : QStringLiteral("deal %1").arg(deal->originDealId));
    }
    row(QStringLiteral("Contact"), deal->contactName);
    row(QStringLiteral("Email"), deal->email);
    row(QStringLiteral("Phone"), deal->phone);
    auto yes = [](bool value) { return value ? QStringLiteral("yes") : QStringLiteral("no"); };
    row(QStringLiteral("Willing"), yes(deal->qualification.willing));
    row(QStringLiteral("Need"), yes(deal->qualification.need));
    row(QStringLiteral("Budget"), yes(deal->qualification.budget));
    html += QStringLiteral("</table><h4>History</h4><ul>");
    {
        for (const HistoryEntry& entry : history) {
            QString change = !entry.fromStage ? QStringLiteral("Created in %1").arg(stageName(entry.toStage))
                : entry.fromStage != entry.toStage
                ? QStringLiteral("%1 → %2").arg(stageName(*entry.fromStage), stageName(entry.toStage))
                : QStringLiteral("%1 → %2").arg(statusSlug(entry.fromStatus.value_or(DealStatus::Open)),
                                                statusSlug(entry.toStatus));
            html
                += QStringLiteral("<li>%1<br><span style='color:gray'>%2 %3</span></li>")
                       .arg(change.toHtmlEscaped(), entry.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                            entry.actor.toHtmlEscaped());
        }
    }
    html += QStringLiteral("</ul>");
    return html;
}

} // namespace dealboard::gui
