#include "Arguments.h"

#include "Context.h"
#include "Output.h"
#include "dealboard/Currency.h"
#include "dealboard/Money.h"
#include "dealboard/Pipeline.h"
#include "dealboard/StoredTime.h"
#include "dealboard/SystemUser.h"

#include <cstring>

namespace dealboard::cli {

OptionSpec withGlobals(OptionSpec spec)
{
    spec.insert(QStringLiteral("db"), true);
    spec.insert(QStringLiteral("verbose"), false);
    return spec;
}

std::optional<bool> parseYesNo(const QString& text)
{
    const QString lower = text.trimmed().toLower();
    if (lower == u"yes" || lower == u"y" || lower == u"true" || lower == u"1") {
        return true;
    }
    if (lower == u"no" || lower == u"n" || lower == u"false" || lower == u"0") {
        return false;
    }
    return std::nullopt;
}

std::optional<std::int64_t> parseId(const QString& text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        return std::nullopt;
    }
    return id;
}

std::optional<std::int64_t> onlyId(const CommandLine& line)
{
    return line.positionals().size() == 1 ? parseId(line.positionals().front()) : std::nullopt;
}

std::optional<ActionOptions> actionOptions(const CommandLine& line)
{
    ActionOptions options;
    options.actor = line.value(QStringLiteral("actor")).value_or(systemUserName());
    if (const auto version = line.value(QStringLiteral("expect-version"))) {
        bool ok = false;
        options.expectedVersion = version->toLongLong(&ok);
        if (!ok) {
            return std::nullopt;
        }
    }
    return options;
}

std::optional<DealAction> readDealAction(const Context& context, CommandLine line, qsizetype positionals,
                                         const QString& shape, int& code, bool several)
{
    // With `several`, the deal ids are every positional but the last
    // (positionals - 1) ones.
    const qsizetype ids = line.positionals().size() - (positionals - 1);
    if (several ? ids < 1 : line.positionals().size() != positionals) {
        code = context.usage(shape);
        return std::nullopt;
    }
    DealAction action;
    for (qsizetype i = 0; i < (several ? ids : 1); ++i) {
        const std::optional<DealId> id = parseId(line.positionals().at(i));
        if (!id) {
            code = context.usage(QStringLiteral("'%1' is not a deal id").arg(line.positionals().at(i)));
            return std::nullopt;
        }
        action.ids.push_back(*id);
    }
    const std::optional<ActionOptions> options = actionOptions(line);
    if (!options) {
        code = context.usage(QStringLiteral("--expect-version needs a whole number"));
        return std::nullopt;
    }
    if (action.ids.size() > 1 && options->expectedVersion) {
        code = context.usage(QStringLiteral("--expect-version names one deal's version; give one deal id with it"));
        return std::nullopt;
    }
    action.each = line.flag(QStringLiteral("each"));
    if (action.each && action.ids.size() == 1) {
        code = context.usage(QStringLiteral("--each is for several deal ids"));
        return std::nullopt;
    }
    action.id = action.ids.front();
    action.options = *options;
    // The positionals after the ids, as if there had been one id.
    QStringList rest = line.positionals().mid(action.ids.size());
    rest.prepend(line.positionals().front());
    action.line = std::move(line);
    action.line.setPositionals(rest);
    return action;
}

int runOnEach(Context& context, const DealAction& action, const std::function<Result<QString>(DealId)>& one)
{
    QStringList said;
    QStringList refusals;
    Result<BatchOutcome> outcome
        = context.service().deals().batch(action.ids, action.each, [&one, &said, &refusals](DealId id) -> Result<void> {
              Result<QString> done = one(id);
              if (!done) {
                  refusals << QStringLiteral("  %1: %2").arg(id).arg(done.error().message);
                  return done.error();
              }
              said << done.value();
              return {};
          });
    if (!outcome && outcome.error().code == ErrorCode::RefusedByRules && !refusals.isEmpty()) {
        // Said in the CLI's own words: what --each would have done.
        Error error = outcome.error();
        error.message = QStringLiteral("Nothing was changed: %1 of %2 deals were refused (with --each the others are "
                                       "done):\n%3")
                            .arg(refusals.size())
                            .arg(action.ids.size())
                            .arg(refusals.join(QLatin1Char('\n')));
        return context.fail(error);
    }
    if (!outcome) {
        return context.fail(outcome.error());
    }
    for (const QString& line : said) {
        printOut(line);
    }
    for (const auto& [id, error] : outcome.value().refused) {
        printErr(QStringLiteral("dealboard-cli: refused %1: %2\n").arg(id).arg(error.message));
    }
    return outcome.value().refused.empty() ? ExitDone : ExitRefused;
}

std::optional<DealFields> dealFields(const Context& context, const CommandLine& line, int& code, bool ofTheDeal)
{
    DealFields fields;
    const std::pair<const char*, std::optional<QString> DealFields::*> texts[] = {
        {"title", &DealFields::title}, {"company", &DealFields::company}, {"contact", &DealFields::contactName},
        {"email", &DealFields::email}, {"phone", &DealFields::phone},     {"owner", &DealFields::owner},
    };
    for (const auto& [name, member] : texts) {
        if (auto value = line.value(QString::fromLatin1(name))) {
            fields.*member = *value;
        }
    }
    if (auto currency = line.value(QStringLiteral("currency"))) {
        Result<QString> checked = checkCurrency(*currency);
        if (!checked) {
            code = context.fail(checked.error());
            return std::nullopt;
        }
        fields.currency = checked.value();
    }
    // The value has its currency's decimals: --currency's, a new deal's EUR,
    // or (edit) the deal's own, read by dealValue once the deal is known.
    if (auto value = line.value(QStringLiteral("value")); value && (fields.currency || !ofTheDeal)) {
        Result<std::int64_t> minor = parseDecimal(value->trimmed(), fields.currency.value_or(Money::defaultCurrency()));
        if (!minor) {
            code = context.fail(minor.error());
            return std::nullopt;
        }
        fields.valueMinor = minor.value();
    }
    if (auto date = line.value(QStringLiteral("close-date"))) {
        if (date->trimmed().isEmpty()) {
            fields.expectedClose = QDate();
        } else {
            const QDate parsed = fromStoredDate(date->trimmed());
            if (!parsed.isValid()) {
                code = context.fail(makeError(
                    ErrorCode::InvalidInput, QStringLiteral("'%1' is not a date; write it as YYYY-MM-DD.").arg(*date)));
                return std::nullopt;
            }
            fields.expectedClose = parsed;
        }
    }
    if (auto probability = line.value(QStringLiteral("probability"))) {
        if (probability->trimmed() == u"none") {
            fields.probabilityPercent = std::optional<int>();
        } else {
            Result<int> percent = Probability::parse(*probability);
            if (!percent) {
                code = context.fail(percent.error());
                return std::nullopt;
            }
            fields.probabilityPercent = percent.value();
        }
    }
    for (const QString& set : line.values(QStringLiteral("set"))) {
        const qsizetype equals = set.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            code = context.usage(
                QStringLiteral("--set takes a field's key, '=' and its value, such as --set source=web; not '%1'")
                    .arg(set));
            return std::nullopt;
        }
        const QString key = set.left(equals).trimmed();
        for (const auto& [given, value] : fields.setFields) {
            if (given == key) {
                code = context.usage(QStringLiteral("--set %1 is given twice; give each field once").arg(key));
                return std::nullopt;
            }
        }
        fields.setFields.emplace_back(key, set.mid(equals + 1));
    }
    for (const char* name : {"willing", "need", "budget"}) {
        if (line.flag(QString::fromLatin1(name))) {
            const QString key = QString::fromLatin1(name);
            (key == u"willing" ? fields.willing : key == u"need" ? fields.need : fields.budget) = true;
        }
    }
    return fields;
}

Result<DealFields> withDealValue(const CommandLine& line, DealFields fields, const Deal& deal)
{
    if (const auto value = line.value(QStringLiteral("value")); value && !fields.valueMinor) {
        Result<std::int64_t> minor = parseDecimal(value->trimmed(), deal.value.currency);
        if (!minor) {
            return minor.error();
        }
        fields.valueMinor = minor.value();
    }
    return fields;
}

std::optional<Stage> stageArgument(const QString& given)
{
    const QString trimmed = given.trimmed();
    if (const std::optional<Stage> stage = stageFromSlug(trimmed.toLower())) {
        return stage;
    }
    for (Stage each : AllStages) {
        if (trimmed.compare(stageName(each), Qt::CaseInsensitive) == 0) {
            return each;
        }
    }
    return std::nullopt;
}

QString unknownStage(const QString& given)
{
    QStringList keys;
    for (Stage stage : AllStages) {
        keys << stageSlug(stage);
    }
    return QStringLiteral("unknown stage '%1'; the stages are %2 (or their names)")
        .arg(given, keys.join(QStringLiteral(", ")));
}

std::optional<DealFilter> dealFilter(const Context& context, const CommandLine& line)
{
    DealFilter filter;
    if (auto stage = line.value(QStringLiteral("stage"))) {
        filter.stage = stageArgument(*stage);
        if (!filter.stage) {
            context.usage(unknownStage(*stage));
            return std::nullopt;
        }
    }
    filter.owner = line.value(QStringLiteral("owner")).value_or(QString());
    const QString status = line.value(QStringLiteral("status")).value_or(QStringLiteral("all")).trimmed().toLower();
    if (status != u"all") {
        const std::optional<DealStatus> parsed = statusFromSlug(status);
        if (!parsed) {
            context.usage(QStringLiteral("unknown status '%1' (use open, won, lost or all)").arg(status));
            return std::nullopt;
        }
        filter.statuses = {*parsed};
    }
    return filter;
}

std::optional<ReportFilter> reportFilter(const Context& context, const CommandLine& line)
{
    ReportFilter filter;
    for (const char* name : {"from", "to"}) {
        if (const auto text = line.value(QString::fromLatin1(name))) {
            const QDate date = fromStoredDate(text->trimmed());
            if (!date.isValid()) {
                context.usage(
                    QStringLiteral("--%1 needs a date as YYYY-MM-DD, not '%2'").arg(QLatin1String(name), *text));
                return std::nullopt;
            }
            (std::strcmp(name, "from") == 0 ? filter.from : filter.to) = date;
        }
    }
    filter.owner = line.value(QStringLiteral("owner")).value_or(QString());
    if (const auto mode = line.value(QStringLiteral("mode"))) {
        const auto parsed = countingModeFromSlug(mode->trimmed().toLower());
        if (!parsed) {
            context.usage(QStringLiteral("unknown mode '%1' (use reached or strict)").arg(*mode));
            return std::nullopt;
        }
        filter.mode = *parsed;
    }
    return filter;
}

std::optional<ActivityFields> activityFields(const Context& context, const CommandLine& line, const QString& prefix,
                                             int& code)
{
    ActivityFields fields;
    const QString type = line.value(prefix + QStringLiteral("type")).value_or(QStringLiteral("task"));
    const std::optional<ActivityKind> kind = activityKindFromSlug(type);
    if (!kind) {
        code = context.usage(QStringLiteral("unknown activity type '%1' (use call, email, meeting or task)").arg(type));
        return std::nullopt;
    }
    fields.kind = *kind;
    fields.subject = line.value(prefix + QStringLiteral("subject")).value_or(QString());
    const QString due = line.value(prefix + QStringLiteral("due")).value_or(QString()).trimmed();
    fields.dueDate = due.isEmpty() ? context.clock().nowUtc().toLocalTime().date() : fromStoredDate(due);
    if (!fields.dueDate.isValid()) {
        code = context.fail(
            makeError(ErrorCode::InvalidInput, QStringLiteral("'%1' is not a date; write it as YYYY-MM-DD.").arg(due)));
        return std::nullopt;
    }
    if (const auto time = line.value(prefix + QStringLiteral("time")); time && !time->trimmed().isEmpty()) {
        fields.dueTime = QTime::fromString(time->trimmed(), QStringLiteral("HH:mm"));
        if (!fields.dueTime.isValid()) {
            code = context.fail(
                makeError(ErrorCode::InvalidInput,
                          QStringLiteral("'%1' is not a time of day; write it as HH:MM (24 hours).").arg(*time)));
            return std::nullopt;
        }
    }
    fields.notes = line.value(prefix + QStringLiteral("notes")).value_or(QString());
    return fields;
}

} // namespace dealboard::cli
