#pragma once

#include "dealboard/DealStore.h"

// What the services share: the limits on text, the refusals they build, and
// the contact-frequency rule's defaults.
#include "dealboard/DealImport.h"
#include "dealboard/Result.h"
#include "dealboard/TextRules.h"
#include "dealboard/TransitionEngine.h"
#include "dealboard/service/Actions.h"

#include <QStringList>
#include <map>
#include <optional>
#include <spdlog/spdlog.h>
#include <string>

namespace dealboard::service {

inline constexpr qsizetype MaxTextLength = 1000;
inline const QString DefaultTouchDaysKey = QStringLiteral("default_min_touch_days");
inline constexpr int DefaultMinTouchDays = 3;
inline constexpr int MaxTouchDays = 365;
// Touches older than this no longer count as over-contacting in the report.
inline constexpr int AttentionWindowDays = 90;

inline std::string text(const QString& s)
{
    return s.toStdString();
}

inline Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

inline Error refused(const Deal& deal, Stage target, std::vector<Requirement> unmet, const StageRules& rules = {})
{
    Error error;
    error.code = ErrorCode::RefusedByRules;
    error.message = TransitionEngine::refusalMessage(deal, target, unmet, rules);
    error.unmet = std::move(unmet);
    return error;
}

// A new deal (added, imported as one, a follow-up) refused by the rules of
// the stage it would be created in.
inline Error creationRefused(const Deal& deal, Stage stage, std::vector<Requirement> unmet,
                             const StageRules& rules = {})
{
    Error error = refused(deal, stage, std::move(unmet));
    error.message
        = QStringLiteral("Can't create '%1' in %2: %3.")
              .arg(deal.title, stageName(stage), TransitionEngine::reasonsText(deal, stage, error.unmet, rules));
    return error;
}

// On a team's server, what only a manager (or the database's owner) may set:
// said before the server refuses it too.
inline std::optional<Error> managersOnly(const DealStore& store, const QString& what)
{
    const QString why = store.team().whyNotManage(what);
    if (why.isEmpty()) {
        return std::nullopt;
    }
    return makeError(ErrorCode::RefusedByRules, why);
}

// On a team's server, a deal's owner or a manager changes it and its
// activities; said before the server refuses it too. `what` completes "can
// change …" ("'Acme renewal'", "the activities of 'Acme renewal'").
inline std::optional<Error> ownersOnly(const DealStore& store, const Deal& deal, const QString& what)
{
    const QString why = store.team().whyNotChange(deal.owner, what);
    if (why.isEmpty()) {
        return std::nullopt;
    }
    spdlog::info("Refused a change to deal {} by {}: owned by {}", deal.id, store.team().user.toStdString(),
                 deal.owner.toStdString());
    return makeError(ErrorCode::RefusedByRules, why);
}

// Who the history names: a name, not a document.
inline std::optional<Error> actorProblem(const QString& actor)
{
    if (DealImport::characterCount(actor) > MaxTextLength) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The actor (who the history names) is longer than %1 characters; shorten it.")
                             .arg(MaxTextLength));
    }
    if (const std::optional<qsizetype> at = TextRules::forbiddenAt(actor, false)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The actor (who the history names) holds the invisible or control character "
                                        "%1 at character %2; remove it.")
                             .arg(TextRules::codePointAt(actor, *at))
                             .arg(*at + 1));
    }
    return std::nullopt;
}

// Where the first control character is (tabs and line breaks allowed with
// `lineBreaks`), if any.
inline std::optional<int> controlCharacter(const QString& text, bool lineBreaks)
{
    if (const std::optional<qsizetype> at = TextRules::forbiddenAt(text, lineBreaks)) {
        return int(*at);
    }
    return std::nullopt;
}

// "The title holds the invisible or control character U+202E at character 9;
// remove it." (the server says the same), or nothing.
inline std::optional<Error> forbiddenCharacter(const std::optional<QString>& value, const char* name, bool lines)
{
    if (!value) {
        return std::nullopt;
    }
    if (const std::optional<qsizetype> at = TextRules::forbiddenAt(*value, lines)) {
        return invalid(QStringLiteral("The %1 holds the invisible or control character %2 at character %3; remove it.")
                           .arg(QLatin1String(name), TextRules::codePointAt(*value, *at))
                           .arg(*at + 1));
    }
    return std::nullopt;
}

inline std::optional<Error> tooLong(const std::optional<QString>& value, const char* name)
{
    if (value && DealImport::characterCount(*value) > MaxTextLength) {
        return invalid(QStringLiteral("The %1 is longer than %2 characters; shorten it.")
                           .arg(QLatin1String(name))
                           .arg(MaxTextLength));
    }
    return std::nullopt;
}

inline std::optional<Error> badTags(const QStringList& tags)
{
    if (tags.size() > 100) {
        return invalid(QStringLiteral("A contact has at most 100 tags; %1 is too many.").arg(tags.size()));
    }
    for (const QString& tag : tags) {
        if (tag.size() > 40) {
            return invalid(QStringLiteral("The tag '%1' is longer than 40 characters; use a shorter one.").arg(tag));
        }
        if (const std::optional<qsizetype> at = TextRules::forbiddenAt(tag, false)) {
            return invalid(QStringLiteral("A tag holds the invisible or control character %1 at character %2; "
                                          "remove it.")
                               .arg(TextRules::codePointAt(tag, *at))
                               .arg(*at + 1));
        }
    }
    return std::nullopt;
}

// The smallest gap between touches that the person's segments ask for.
struct TouchRule
{
    int minDays = DefaultMinTouchDays;
    QString source;
};

inline TouchRule touchRule(const QStringList& tags, const std::map<QString, int>& rules, int defaultDays)
{
    TouchRule rule {defaultDays, QStringLiteral("the default")};
    bool fromSegment = false;
    for (const QString& tag : tags) {
        const auto found = rules.find(tag);
        if (found != rules.end() && (!fromSegment || found->second > rule.minDays)) {
            rule = {found->second, QStringLiteral("segment '%1'").arg(tag)};
            fromSegment = true;
        }
    }
    return rule;
}

// Why an import wrote nothing: how many faults, and the first of them, one a line.
inline Error refusedImport(qsizetype count, const QStringList& listed)
{
    return invalid(QStringLiteral("The file was not imported; nothing was changed. %1 fault(s)%2:\n")
                       .arg(count)
                       .arg(count > DealImport::MaxFaultsListed
                                ? QStringLiteral(", the first %1").arg(DealImport::MaxFaultsListed)
                                : QString())
                   + listed.mid(0, DealImport::MaxFaultsListed).join(QLatin1Char('\n')));
}

// Writes an imported person: a known one (with an id) updated, anyone else new.
inline Result<void> saveImported(ContactRepository& contacts, Person& person, PeopleImport& outcome)
{
    const bool known = person.id != 0;
    if (Result<void> done = known ? contacts.updatePerson(person) : contacts.insertPerson(person); !done) {
        return done;
    }
    ++(known ? outcome.updated : outcome.created);
    return {};
}

} // namespace dealboard::service
