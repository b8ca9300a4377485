#include "dealboard/Contacts.h"

#include <QRegularExpression>
#include <algorithm>

namespace dealboard {

QString activityKindSlug(ActivityKind kind)
{
    switch (kind) {
    case ActivityKind::Call:
        return QStringLiteral("call");
    case ActivityKind::Email:
        return QStringLiteral("email");
    case ActivityKind::Meeting:
        return QStringLiteral("meeting");
    case ActivityKind::Task:
        break;
    }
    return QStringLiteral("task");
}

QString activityKindName(ActivityKind kind)
{
    switch (kind) {
    case ActivityKind::Call:
        return QStringLiteral("Call");
    case ActivityKind::Email:
        return QStringLiteral("Email");
    case ActivityKind::Meeting:
        return QStringLiteral("Meeting");
    case ActivityKind::Task:
        break;
    }
    return QStringLiteral("Task");
}

std::optional<ActivityKind> activityKindFromSlug(const QString& slug)
{
    const QString wanted = slug.trimmed().toLower();
    for (ActivityKind kind : AllActivityKinds) {
        if (activityKindSlug(kind) == wanted) {
            return kind;
        }
    }
    return std::nullopt;
}

NextActivityState nextActivityState(const std::optional<NextActivity>& next, const QDateTime& nowLocal)
{
    if (!next || !next->dueDate.isValid()) {
        return NextActivityState::None;
    }
    const QDate today = nowLocal.date();
    if (next->dueDate < today) {
        return NextActivityState::Overdue;
    }
    if (next->dueDate == today) {
        if (next->dueTime.isValid() && next->dueTime < nowLocal.time()) {
            return NextActivityState::Overdue;
        }
        return NextActivityState::Today;
    }
    return NextActivityState::Planned;
}

QString FrequencyWarning::message() const
{
    const QString nearestText
        = QStringLiteral("%1 \"%2\" on %3%4")
              .arg(activityKindName(nearest.kind).toLower(), nearest.subject, nearest.touchDate().toString(Qt::ISODate),
                   nearest.done ? QString() : QStringLiteral(" (planned)"));
    return QStringLiteral("Too soon to contact %1 again: the nearest touch is %2, and %3 asks for at least %4 day(s) "
                          "between touches. Plan it for %5 or later, or confirm that this touch is wanted.")
        .arg(personName, nearestText, rule)
        .arg(minDays)
        .arg(earliestAllowed.toString(Qt::ISODate));
}

QStringList normalizedTags(const QStringList& tags)
{
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    QStringList result;
    for (const QString& tag : tags) {
        QString clean = tag.trimmed().toLower();
        clean.replace(spaces, QStringLiteral("-"));
        if (!clean.isEmpty() && !result.contains(clean)) {
            result << clean;
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

QStringList parseTags(const QString& text)
{
    static const QRegularExpression separators(QStringLiteral("[,;]"));
    return normalizedTags(text.split(separators, Qt::SkipEmptyParts));
}

} // namespace dealboard
