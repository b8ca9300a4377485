#include "dealboard/DealCsv.h"

#include "dealboard/CsvWriter.h"
#include "dealboard/Currency.h"
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
            .plain(formatDecimal(deal.value.minor, deal.value.currency))
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

Result<int> DealCsv::stream(DealRowSource& reads, const DealFilter& filter, QIODevice* device, const QDateTime& now,
                            bool byteOrderMark, const Progress& progress, bool streamed)
{
    qint64 total = 0; // every deal: the filter's share is not known before the end
    if (progress) {
        Result<std::vector<StageAggregate>> aggregates = reads.stageAggregates();
        if (!aggregates) {
            return aggregates.error();
        }
        for (const StageAggregate& aggregate : aggregates.value()) {
            total += aggregate.deals;
        }
    }
    Result<FieldColumns> columns = reads.fieldColumns();
    if (!columns) {
        return columns.error();
    }
    const std::vector<CustomField>& fields = columns.value().fields.fields();
    bool stopped = false;
    CsvWriter writer(device, byteOrderMark);
    for (const QString& name : header()) {
        writer.plain(name);
    }
    for (const CustomField& field : fields) {
        writer.plain(QStringLiteral("field:") + field.key);
    }
    bool ok = writer.endRow();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    char number[32];
    auto digits = [&number](std::uint64_t value, int minimum) {
        int at = static_cast<int>(sizeof number);
        do {
            number[--at] = static_cast<char>('0' + value % 10);
            value /= 10;
            --minimum;
        } while (value > 0 || minimum > 0);
        return std::string_view(number + at, sizeof number - static_cast<std::size_t>(at));
    };
    std::string value; // reused for every row's amount
    std::string currencyOfDigits; // the last row's currency and its decimals
    int currencyDigits = 2;
    std::uint64_t perMajor = 100;
    const std::string_view yes("yes");
    const std::string_view no("no");
    int count = 0;
    Result<void> scanned = reads.scanDealRows(
        filter,
        [&](const DealCsvRow& row) {
            writer.plainUtf8(digits(static_cast<std::uint64_t>(row.id), 1));
            writer.textUtf8(row.title).textUtf8(row.company).textUtf8(row.contact).textUtf8(row.email);
            writer.textUtf8(row.phone).textUtf8(row.owner).plainUtf8(row.stage).plainUtf8(row.status);
            // Money as formatDecimal writes it: "1234.50" EUR, "1500" JPY, "1.500" BHD.
            if (row.currency != currencyOfDigits) {
                currencyOfDigits.assign(row.currency);
                currencyDigits = minorDigits(QString::fromUtf8(row.currency.data(), qsizetype(row.currency.size())));
                perMajor = 1;
                for (int i = 0; i < currencyDigits; ++i) {
                    perMajor *= 10;
                }
            }
            const std::uint64_t magnitude = row.valueMinor < 0 ? 0 - static_cast<std::uint64_t>(row.valueMinor)
                                                               : static_cast<std::uint64_t>(row.valueMinor);
            value.clear();
            if (row.valueMinor < 0) {
                value += '-';
            }
            value += digits(magnitude / perMajor, 1);
            if (currencyDigits > 0) {
                value += '.';
                value += digits(magnitude % perMajor, currencyDigits);
            }
            writer.plainUtf8(value).textUtf8(row.currency).plainUtf8(row.expectedClose);
            writer.plainUtf8(row.willing ? yes : no).plainUtf8(row.need ? yes : no).plainUtf8(row.budget ? yes : no);
            writer.textUtf8(row.lostReason).plainUtf8(row.createdAt).plainUtf8(row.stageEnteredAt);
            // Whole days in the stage, as Deal::daysInStage counts them.
            const qint64 entered = storedTimeToMs(
                QString::fromLatin1(row.stageEnteredAt.data(), static_cast<qsizetype>(row.stageEnteredAt.size())));
            writer.plainUtf8(
                digits(static_cast<std::uint64_t>(nowMs > entered ? (nowMs - entered) / 86'400'000 : 0), 1));
            if (!fields.empty()) {
                const auto found = columns.value().values.find(row.id);
                for (const CustomField& field : fields) {
                    const QString stored
                        = found == columns.value().values.end() ? QString() : fieldValueOf(found->second, field.id);
                    writer.text(CustomFields::written(field, stored));
                }
            }
            ok = writer.endRow() && ok;
            ++count;
            if (progress && count % 1000 == 0 && !progress(count, std::max<qint64>(total, count))) {
                stopped = true;
                return false;
            }
            return ok;
        },
        streamed);
    if (!scanned) {
        return scanned.error();
    }
    if (stopped) {
        return makeError(ErrorCode::Cancelled, QStringLiteral("Stopped: the export wrote no file."));
    }
    if (!ok) {
        return makeError(ErrorCode::Storage, QStringLiteral("Couldn't write the file: %1.").arg(device->errorString()));
    }
    return count;
}

} // namespace dealboard
