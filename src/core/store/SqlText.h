#pragma once

// Text for SQL that takes no bound parameters (DDL: CREATE ROLE, GRANT,
// policies, function bodies): quoted as PostgreSQL quotes it.
#include "dealboard/Stage.h"

#include <QString>
#include <QStringList>

namespace dealboard {

// 'text', with its quotes doubled.
inline QString literal(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

// "name", with its quotes doubled.
inline QString identifier(const QString& name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// `column` is one of the stages' slugs, written as comparisons for a file's
// CHECK (a constant IN list costs SQLite a temporary b-tree at every write;
// docs/architecture.md, "Checks SQLite runs cheaply").
inline QString stageSlugComparisons(const QString& column = QStringLiteral("stage"))
{
    QStringList each;
    for (Stage stage : AllStages) {
        each << QStringLiteral("%1 = '%2'").arg(column, stageSlug(stage));
    }
    return each.join(QStringLiteral(" OR "));
}

// ('prospecting', …, 'retention'), for a server's CHECK … IN.
inline QString stageSlugList()
{
    QStringList each;
    for (Stage stage : AllStages) {
        each << literal(stageSlug(stage));
    }
    return QStringLiteral("(%1)").arg(each.join(u','));
}

} // namespace dealboard
