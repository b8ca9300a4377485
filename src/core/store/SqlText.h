#pragma once

// Text for SQL that takes no bound parameters (DDL: CREATE ROLE, GRANT,
// policies, function bodies): quoted as PostgreSQL quotes it.
#include <QString>

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

} // namespace dealboard
