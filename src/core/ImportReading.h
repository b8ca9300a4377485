#pragma once

// The reading of a deal file shared by DealImport's scan and inspect: the
// header row's columns in the file's layout, then row after row, each checked
// against the text rules, the layout's formats and the pipeline's rules.
#include "dealboard/DealImport.h"

#include <QHash>

namespace dealboard {

// One reading of a file: its columns, then row after row, each checked
// against the text rules, the layout's formats and the pipeline's rules.
class ImportReading final
{
public:
    ImportReading(const ImportOptions& options, const QDateTime& now, const QString& actor)
        : m_options(options)
        , m_now(now)
        , m_actor(actor)
    {
        plan.format = options.format;
    }

    // The header row; a refusal for a header that can't be read.
    std::optional<Error> header(const QStringList& names, QChar delimiter);
    // The row at `line`; a deal when it is sound.
    std::optional<ImportedDeal> row(const QStringList& cells, int line);

    ImportPlan plan;

private:
    void fault(const QString& what);
    void cellFault(qsizetype column, const QString& what);
    void ruleFault(const QString& what) { fault(QStringLiteral("Line %1: %2").arg(m_line).arg(what)); }
    void read(ImportColumn column, qsizetype c, const QString& text, Deal& deal);
    // Their stage (and Pipedrive's status) onto ours; the deal qualified
    // when it lands past Qualifying.
    void mapStage(Deal& deal, qsizetype stageColumn);
    void checkRules(Deal& deal);
    // The "field:<key>" cells of a row, in their canonical form, onto the deal.
    void readFields(const QStringList& cells, Deal& deal);

    const ImportOptions& m_options;
    const QDateTime m_now;
    const QString m_actor;
    QStringList m_header;
    QChar m_delimiter;
    std::vector<std::optional<ImportColumn>> m_columns;
    std::vector<std::optional<CustomField>> m_fieldOf; // the custom field of a "field:<key>" column
    QHash<QString, std::size_t> m_stageAt; // stageKey -> plan.stages
    int m_line = 0;
    QString m_rowFault; // the current row's first fault
    QString m_theirStage;
    std::optional<DealStatus> m_theirStatus;
    QDateTime m_created;
    QDateTime m_entered;
};

} // namespace dealboard
