// Every action on a deal: one write transaction each, the transition engine
// asked inside it, the history written with the deal.
#include "dealboard/service/DealService.h"

#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Currency.h"
#include "dealboard/Pipeline.h"
#include "dealboard/TransitionEngine.h"

#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

namespace {

// `value`'s amount in `currency`, another currency's minor units: a new
// currency of a deal keeps the figure (1,500 EUR becomes 1,500 JPY), never
// rounding it (1,500.50 EUR can't be yen) nor passing the bound.
Result<std::int64_t> sameAmountIn(const Money& value, const QString& currency)
{
    const std::int64_t from = minorPerMajor(value.currency);
    const std::int64_t to = minorPerMajor(currency);
    const auto refuse = [&](const QString& why) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The value %1 can't be kept in %2: %3. Give the value in %2 too.")
                             .arg(formatForPeople(value), currency, why));
    };
    if (to <= from) {
        if (value.minor % (from / to) != 0) {
            return refuse(minorDigits(currency) == 0
                              ? QStringLiteral("%1 has no decimals").arg(currency)
                              : QStringLiteral("%1 has %2 decimals").arg(currency).arg(minorDigits(currency)));
        }
        return value.minor / (from / to);
    }
    if (value.minor > MaxMoneyMinor / (to / from)) {
        return refuse(
            QStringLiteral("it would pass the largest value, %1").arg(formatForPeople({MaxMoneyMinor, currency})));
    }
    return value.minor * (to / from);
}

} // namespace

DealService::DealService(Pipeline& pipeline, DealStore& store)
    : m_pipeline(pipeline)
    , m_store(store)
{
}

std::optional<Error> DealService::validateFields(const DealFields& fields) const
{
    auto invalid = [](const QString& message) { return makeError(ErrorCode::InvalidInput, message); };
    if (fields.title && fields.title->trimmed().isEmpty()) {
        return invalid(QStringLiteral("The title is empty; every deal needs a title."));
    }
    const std::pair<const std::optional<QString>*, const char*> texts[] = {
        {&fields.title, "title"}, {&fields.company, "company"}, {&fields.contactName, "contact"},
        {&fields.email, "email"}, {&fields.phone, "phone"},     {&fields.owner, "owner"},
    };
    for (const auto& [value, name] : texts) {
        if (*value && DealImport::characterCount(**value) > MaxTextLength) {
            return invalid(QStringLiteral("The %1 is longer than %2 characters; shorten it.")
                               .arg(QLatin1String(name))
                               .arg(MaxTextLength));
        }
    }
    for (const auto& [value, name] : texts) {
        if (std::optional<Error> refused = forbiddenCharacter(*value, name, false)) {
            return refused;
        }
    }
    if (fields.email && !fields.email->trimmed().isEmpty() && !fields.email->contains(QLatin1Char('@'))) {
        return invalid(QStringLiteral("'%1' is not an email address (it has no '@').").arg(*fields.email));
    }
    if (fields.valueMinor && *fields.valueMinor < 0) {
        return invalid(QStringLiteral("The value cannot be negative."));
    }
    if (fields.valueMinor && *fields.valueMinor > MaxMoneyMinor) {
        const QString currency = fields.currency ? *fields.currency : Money::defaultCurrency();
        return invalid(QStringLiteral("The value is above the largest a deal may have, %1; give a smaller one.")
                           .arg(formatForPeople({MaxMoneyMinor, currency})));
    }
    if (fields.expectedClose && fields.expectedClose->isValid()
        && (fields.expectedClose->year() < 1900 || fields.expectedClose->year() > 2999)) {
        return invalid(QStringLiteral("An expected close date is between 1900-01-01 and 2999-12-31; %1 is not.")
                           .arg(fields.expectedClose->toString(Qt::ISODate)));
    }
    // A code ISO 4217 does not list is refused with its nearest match; one a
    // deal already has (kept by the upgrade) may stay: see edit().
    if (fields.currency && !isValidCurrency(*fields.currency)) {
        return currencyRefusal(*fields.currency);
    }
    if (fields.probabilityPercent && *fields.probabilityPercent
        && (**fields.probabilityPercent < 0 || **fields.probabilityPercent > 100)) {
        return invalid(QStringLiteral("A deal's win probability is between 0 % and 100 %; %1 % is not.")
                           .arg(**fields.probabilityPercent));
    }
    return std::nullopt;
}

// Who the history names: on a team's server whoever is signed in (the
// server checks it), elsewhere the actor given.
QString DealService::who(const QString& actor) const
{
    return m_store.team().isTeam ? m_store.team().user : actor;
}

Result<Deal> DealService::create(const DealFields& fields, Stage stage, const QString& actor)
{
    if (std::optional<Error> problem = actorProblem(actor)) {
        return *problem;
    }
    if (!fields.title) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The title is empty; every deal needs a title."));
    }
    if (std::optional<Error> invalid = validateFields(fields)) {
        return *invalid;
    }
    if (std::optional<Error> refused = fields.currency ? currencyRefusal(*fields.currency) : std::nullopt) {
        return *refused;
    }
    Deal deal;
    fields.applyTo(deal);
    const TeamSession& team = m_store.team();
    if (team.isTeam) {
        // On a team's server a new deal is its creator's, unless a manager
        // gives it to someone.
        if (deal.owner.isEmpty()) {
            deal.owner = team.user;
        } else if (!team.mayChange(deal.owner)) {
            return makeError(ErrorCode::RefusedByRules,
                             QStringLiteral("Only a manager can create a deal for %1; you are signed in as %2 (a rep). "
                                            "Leave the owner out to make it yours.")
                                 .arg(deal.owner, team.user));
        }
    }
    const QDateTime now = m_pipeline.now();
    deal.createdAt = deal.updatedAt = deal.stageEnteredAt = now;

    // A new deal enters its first stage under the same rules as a move.
    Result<StageRules> rules = m_store.reports().stageRules();
    if (!rules) {
        return rules.error();
    }
    if (Result<void> applied = applyFieldEdits(deal, fields, rules.value()); !applied) {
        return applied.error();
    }
    std::vector<Requirement> unmet = TransitionEngine::unmetToEnter(deal, stage, rules.value());
    if (stage == Stage::Retention && std::find(unmet.begin(), unmet.end(), Requirement::FromClosing) == unmet.end()) {
        unmet.push_back(Requirement::FromClosing);
    }
    if (!unmet.empty()) {
        Error error = creationRefused(deal, stage, std::move(unmet), rules.value());
        spdlog::info("Refused to create deal '{}' in {}: {}", text(deal.title), text(stageSlug(stage)),
                     text(error.message));
        return error;
    }
    deal.stage = stage;

    Result<void> saved = write(m_store, [&]() -> Result<void> {
        if (Result<void> done = m_store.deals().insert(deal); !done) {
            return done;
        }
        if (Result<void> done = saveFieldValues(Deal {}, deal); !done) {
            return done;
        }
        HistoryEntry created {0, deal.id, std::nullopt, deal.stage, std::nullopt, deal.status, now, who(actor)};
        return m_store.deals().insertHistory(created);
    });
    if (!saved) {
        return saved.error();
    }
    spdlog::debug("Created deal {} '{}' in {}", deal.id, text(deal.title), text(stageSlug(deal.stage)));
    Q_EMIT m_pipeline.dealChanged(deal);
    return deal;
}

Result<Deal> DealService::loadForChange(DealId id, const ActionOptions& options)
{
    if (Result<void> locked = m_store.deals().lockForChange(id); !locked) {
        return locked.error();
    }
    Result<std::optional<Deal>> found = m_store.deals().find(id);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return notFound("deal", id);
    }
    Deal deal = *found.value();
    if (std::optional<Error> refused = ownersOnly(m_store, deal, QStringLiteral("'%1'").arg(deal.title))) {
        return *refused;
    }
    if (options.expectedVersion && *options.expectedVersion != deal.version) {
        spdlog::info("Refused a change to deal {}: expected version {}, stored {}", id, *options.expectedVersion,
                     deal.version);
        return makeError(ErrorCode::StaleVersion,
                         QStringLiteral("'%1' changed elsewhere (it is now at version %2, in %3, %4); nothing was "
                                        "saved. Look at the fresh state and try again.")
                             .arg(deal.title)
                             .arg(deal.version)
                             .arg(stageName(deal.stage), statusSlug(deal.status)));
    }
    return deal;
}

Result<std::int64_t> DealService::recordHistory(const Deal& before, const Deal& after, const QString& actor)
{
    if (before.stage == after.stage && before.status == after.status) {
        return std::int64_t(0);
    }
    HistoryEntry entry {0,         after.id, before.stage, after.stage, before.status, after.status, after.updatedAt,
                        who(actor)};
    entry.enteredBefore = before.stageEnteredAt;
    entry.reasonBefore = before.lostReason;
    if (Result<void> done = m_store.deals().insertHistory(entry); !done) {
        return done.error();
    }
    if (entry.id == 0) {
        // The server wrote it from the deal's change.
        return m_store.deals().latestStep(after.id);
    }
    return entry.id;
}

Result<MoveOutcome> DealService::change(DealId id, const ActionOptions& options, const char* action,
                                        const std::function<Result<bool>(Deal&, const StageRules&)>& change)
{
    if (std::optional<Error> problem = actorProblem(options.actor)) {
        return *problem;
    }
    Deal before;
    Result<MoveOutcome> outcome = write(m_store, [&]() -> Result<MoveOutcome> {
        Result<Deal> loaded = loadForChange(id, options);
        if (!loaded) {
            return loaded.error();
        }
        before = loaded.value();
        Result<StageRules> rules = m_store.reports().stageRules();
        if (!rules) {
            return rules.error();
        }
        Deal deal = before;
        Result<bool> changed = change(deal, rules.value());
        if (!changed) {
            spdlog::info("Refused to {} deal {} '{}': {}", action, id, text(before.title),
                         text(changed.error().message));
            return changed.error();
        }
        if (!changed.value()) {
            return MoveOutcome {before, false, 0, before};
        }
        if (Result<void> saved = saveFieldValues(before, deal); !saved) {
            return saved.error(); // first: the server's guard reads them with the deal's change
        }
        deal.updatedAt = m_pipeline.now();
        if (deal.stage != before.stage || (before.status == DealStatus::Lost && deal.status == DealStatus::Open)) {
            deal.stageEnteredAt = deal.updatedAt;
        }
        if (Result<void> done = m_store.deals().update(deal); !done) {
            return done.error();
        }
        Result<std::int64_t> step = recordHistory(before, deal, options.actor);
        if (!step) {
            return step.error();
        }
        return MoveOutcome {deal, true, step.value(), before};
    });
    if (!outcome || !outcome.value().changed) {
        return outcome;
    }
    const Deal& deal = outcome.value().deal;
    spdlog::debug("{} deal {}: {} {} -> {} {}", action, id, text(stageSlug(before.stage)),
                  text(statusSlug(before.status)), text(stageSlug(deal.stage)), text(statusSlug(deal.status)));
    Q_EMIT m_pipeline.dealChanged(deal);
    return outcome;
}

Result<Deal> DealService::edit(DealId id, const DealFields& fields, const ActionOptions& options)
{
    if (std::optional<Error> invalid = validateFields(fields)) {
        return *invalid;
    }
    const TeamSession& team = m_store.team();
    Result<MoveOutcome> outcome
        = change(id, options, "edit", [this, &fields, &team](Deal& deal, const StageRules& rules) -> Result<bool> {
              const Deal before = deal;
              fields.applyTo(deal);
              if (Result<void> applied = applyFieldEdits(deal, fields, rules); !applied) {
                  return applied.error();
              }
              if (deal.value.currency != before.value.currency) {
                  if (std::optional<Error> refused = currencyRefusal(deal.value.currency)) {
                      return *refused;
                  }
                  if (!fields.valueMinor) {
                      Result<std::int64_t> kept = sameAmountIn(before.value, deal.value.currency);
                      if (!kept) {
                          return kept.error();
                      }
                      deal.value.minor = kept.value();
                  }
              }
              if (deal.owner != before.owner && !team.mayManage()) {
                  return makeError(
                      ErrorCode::RefusedByRules,
                      QStringLiteral("Only a manager can give '%1' to someone else; you are signed in as %2.")
                          .arg(before.title, team.user));
              }
              if (deal.status != DealStatus::Lost) {
                  std::vector<Requirement> unmet = TransitionEngine::brokenByEdit(before, deal, rules);
                  if (!unmet.empty()) {
                      Error error;
                      error.code = ErrorCode::RefusedByRules;
                      error.message = QStringLiteral("Can't save '%1': a deal in %2 can't have %3. Move it back first.")
                                          .arg(before.title, stageName(deal.stage),
                                               TransitionEngine::reasonsText(deal, deal.stage, unmet, rules));
                      error.unmet = std::move(unmet);
                      return error;
                  }
              }
              const bool changed = deal.title != before.title || deal.company != before.company
                  || deal.contactName != before.contactName || deal.email != before.email || deal.phone != before.phone
                  || deal.owner != before.owner || deal.value != before.value
                  || deal.expectedClose != before.expectedClose || deal.qualification != before.qualification
                  || deal.probabilityPercent != before.probabilityPercent || deal.fieldValues != before.fieldValues;
              return changed;
          });
    if (!outcome) {
        return outcome.error();
    }
    return outcome.value().deal;
}

Result<MoveOutcome> DealService::move(DealId id, Stage target, const ActionOptions& options, const DealFields& facts)
{
    if (std::optional<Error> invalid = validateFields(facts)) {
        return *invalid;
    }
    if (facts.nextActivity && !facts.nextActivity->dueDate.isValid()) {
        return invalid(QStringLiteral("The next activity has no due date; give one as YYYY-MM-DD."));
    }
    return change(id, options, "move", [this, &facts, target](Deal& deal, const StageRules& rules) -> Result<bool> {
        const Deal before = deal;
        facts.applyTo(deal);
        if (Result<void> applied = applyFieldEdits(deal, facts, rules); !applied) {
            return applied.error();
        }
        TransitionVerdict verdict = TransitionEngine::check(deal, target, rules);
        if (!verdict.allowed()) {
            return refused(deal, target, std::move(verdict.unmet), rules);
        }
        if (verdict.noOp) {
            return false;
        }
        if (Result<void> ticked = tickWithMove(before, facts.tickSteps, rules); !ticked) {
            return ticked.error();
        }
        if (facts.nextActivity) {
            // Planned first: the server's guard finds it when the deal moves.
            ActivityFields planned;
            planned.dealId = deal.id;
            planned.kind = facts.nextActivity->kind;
            planned.subject = facts.nextActivity->subject;
            planned.dueDate = facts.nextActivity->dueDate;
            planned.dueTime = facts.nextActivity->dueTime;
            Result<Activity> activity = m_pipeline.activities().planWithin(planned, facts.nextActivityAnyway);
            if (!activity) {
                return activity.error();
            }
            deal.nextActivity->id = activity.value().id;
            ++deal.activityStamp;
        }
        deal.stage = target;
        deal.status = target == Stage::Retention ? DealStatus::Won : DealStatus::Open;
        return true;
    });
}

Result<MoveOutcome> DealService::win(DealId id, const ActionOptions& options)
{
    return move(id, Stage::Retention, options);
}

Result<MoveOutcome> DealService::lose(DealId id, const QString& reason, const ActionOptions& options)
{
    const QString trimmed = reason.trimmed();
    if (trimmed.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A reason is required to mark a deal lost, such as \"chose a competitor\"."));
    }
    if (DealImport::characterCount(trimmed) > MaxTextLength) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The reason is longer than %1 characters; shorten it.").arg(MaxTextLength));
    }
    if (std::optional<Error> refused = forbiddenCharacter(trimmed, "reason", false)) {
        return *refused;
    }
    return change(id, options, "lose", [&trimmed](Deal& deal, const StageRules&) -> Result<bool> {
        if (deal.status == DealStatus::Lost) {
            return false;
        }
        if (deal.status == DealStatus::Won) {
            Error error;
            error.code = ErrorCode::RefusedByRules;
            error.message
                = QStringLiteral("Can't mark '%1' lost: %2.").arg(deal.title, requirementText(Requirement::NotWon));
            error.unmet = {Requirement::NotWon};
            return error;
        }
        deal.status = DealStatus::Lost;
        deal.lostReason = trimmed;
        return true;
    });
}

Result<MoveOutcome> DealService::reopen(DealId id, const ActionOptions& options)
{
    return change(id, options, "reopen", [](Deal& deal, const StageRules& rules) -> Result<bool> {
        if (deal.status != DealStatus::Lost) {
            return false;
        }
        deal.status = DealStatus::Open;
        deal.lostReason.clear();
        // Open again, it stands in its stage under that stage's rules (a lost
        // deal's facts may have changed since).
        if (std::vector<Requirement> unmet = TransitionEngine::unmetInCurrentStage(deal, rules); !unmet.empty()) {
            return refused(deal, deal.stage, std::move(unmet), rules);
        }
        return true;
    });
}

Result<Deal> DealService::get(DealId id)
{
    Result<std::optional<Deal>> found = m_store.deals().find(id);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return notFound("deal", id);
    }
    return *found.value();
}

Result<std::vector<Deal>> DealService::list(const DealFilter& filter)
{
    return m_store.deals().list(filter);
}

Result<std::vector<HistoryEntry>> DealService::history(DealId id)
{
    return m_store.deals().history(id);
}

} // namespace dealboard
