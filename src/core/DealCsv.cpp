#include "dealboard/DealCsv.h"

#include "dealboard/CsvWriter.h"
#include "dealboard/StoredTime.h"

namespace dealboard {

namespace {

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

} // namespace

QStringList DealCsv::header()
{
    return {QStringLiteral("id"),           QStringLiteral("title"),      QStringLiteral("company"),
            QStringLiteral("contact"),      QStringLiteral("email"),      QStringLiteral("phone"),
            QStringLiteral("owner"),        QStringLiteral("stage"),      QStringLiteral("status"),
            QStringLiteral("value"),        QStringLiteral("currency"),   QStringLiteral("expected_close"),
            QStringLiteral("willing"),      QStringLiteral("need"),       QStringLiteral("budget"),
            QStringLiteral("lost_reason"),  QStringLiteral("created_at"), QStringLiteral("stage_entered_at"),
            QStringLiteral("days_in_stage")};
}

bool DealCsv::write(QIODevice* device, const std::vector<Deal>& deals, const QDateTime& now, bool byteOrderMark)
{
    CsvWriter writer(device, byteOrderMark);
    for (const QString& name : header()) {
        writer.plain(name);
    }
    bool ok = writer.endRow();
    for (const Deal& deal : deals) {
        writer.plain(QString::number(deal.id))
            .text(deal.title)
            .text(deal.company)
            .text(deal.contactName)
            .text(deal.email)
            .text(deal.phone)
            .text(deal.owner)
            .plain(stageSlug(deal.stage))
            .plain(statusSlug(deal.status))
            .plain(formatDecimal(deal.value.minor))
            .text(deal.value.currency)
            .plain(toStoredDate(deal.expectedClose))
            .plain(yesNo(deal.qualification.willing))
            .plain(yesNo(deal.qualification.need))
            .plain(yesNo(deal.qualification.budget))
            .text(deal.lostReason)
            .plain(toStoredTime(deal.createdAt))
            .plain(toStoredTime(deal.stageEnteredAt))
            .plain(QString::number(deal.daysInStage(now)));
        ok = writer.endRow() && ok;
    }
    return ok;
}

} // namespace dealboard
