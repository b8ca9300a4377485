// Feeds arbitrary bytes to the CSV reader and to the deal import, which must
// answer every input with a table, a plan or an error naming a line, never a
// crash, a hang or a sanitizer report.
#include "dealboard/CsvReader.h"
#include "dealboard/DealImport.h"

#include <QDateTime>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    dealboard::Result<dealboard::CsvTable> table = dealboard::CsvReader::parse(bytes);
    if (table.ok()) {
        if (table.value().rows.size() != table.value().rowLines.size()) {
            std::abort();
        }
    } else if (!table.error().message.contains(QStringLiteral("Line"))
               && !table.error().message.contains(QStringLiteral("empty"))) {
        std::abort(); // every refusal says where, or that the file is empty
    }
    static const QDateTime now(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    // Every layout: DealBoard's CSV and the exports of Pipedrive and HubSpot.
    for (dealboard::ImportFormat format :
         {dealboard::ImportFormat::Csv, dealboard::ImportFormat::Pipedrive, dealboard::ImportFormat::Hubspot}) {
        dealboard::Result<dealboard::ImportPlan> plan
            = dealboard::DealImport::plan(bytes, now, QStringLiteral("fuzz"), {format, {}});
        if (plan.ok()) {
            for (const dealboard::ImportedDeal& imported : plan.value().deals) {
                if (imported.deal.title.trimmed().isEmpty() || imported.history.empty()) {
                    std::abort(); // a deal without a title or a history must never be planned
                }
            }
        }
    }
    return 0;
}
