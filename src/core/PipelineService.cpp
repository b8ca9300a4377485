#include "dealboard/PipelineService.h"

#include "dealboard/DealImport.h"
#include "dealboard/SamplePipeline.h"
#include "dealboard/TransitionEngine.h"

#include <cmath>
#include <spdlog/spdlog.h>

namespace dealboard {

namespace {

constexpr qsizetype MaxTextLength = 1000;

Error refused(const Deal& deal, Stage target, std::vector<Requirement> unmet)
{
    Error error;
    error.code = ErrorCode::RefusedByRules;
    error.message = TransitionEngine::refusalMessage(deal, target, unmet);
    error.unmet = std::move(unmet);
    return error;
}

std::string text(const QString& s)
{
    return s.toStdString();
}

// Who the history names: a name, not a document.
std::optional<Error> actorProblem(const QString& actor)
{
    if (DealImport::characterCount(actor) > MaxTextLength) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The actor (who the history names) is longer than %1 characters; shorten it.")
                             .arg(MaxTextLength));
    }
    return std::nullopt;
}

} // namespace

PipelineService::PipelineService(std::unique_ptr<DealStore> store, std::shared_ptr<const Clock> clock, QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_clock(std::move(clock))
{
    if (Result<qint64> version = m_store->dataVersion()) {
        m_lastDataVersion = version.value();
    }
}

PipelineService::~PipelineService() = default;

std::optional<Error> PipelineService::validateFields(const DealFields& fields) const
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
    if (fields.email && !fields.email->trimmed().isEmpty() && !fields.email->contains(QLatin1Char('@'))) {
        return invalid(QStringLiteral("'%1' is not an email address (it has no '@').").arg(*fields.email));
    }
    if (fields.valueMinor && *fields.valueMinor < 0) {
        return invalid(QStringLiteral("The value cannot be negative."));
    }
    if (fields.currency && !isValidCurrency(*fields.currency)) {
        return invalid(QStringLiteral("'%1' is not a currency code; use three capital letters such as EUR or USD.")
                           .arg(*fields.currency));
    }
    return std::nullopt;
}

Result<Deal> PipelineService::createDeal(const DealFields& fields, Stage stage, const QString& actor)
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
    Deal deal;
    fields.applyTo(deal);
    const QDateTime now = m_clock->nowUtc();
    deal.createdAt = deal.updatedAt = deal.stageEnteredAt = now;

    // A new deal enters its first stage under the same rules as a move.
    Deal probe = deal;
    probe.stage = Stage::Prospecting;
    std::vector<Requirement> unmet;
    if (stage != Stage::Prospecting) {
        unmet = TransitionEngine::check(probe, stage).unmet;
    } else {
        unmet = TransitionEngine::unmetInCurrentStage(probe);
    }
    if (stage == Stage::Retention && std::find(unmet.begin(), unmet.end(), Requirement::FromClosing) == unmet.end()) {
        unmet.push_back(Requirement::FromClosing);
    }
    if (!unmet.empty()) {
        Error error = refused(deal, stage, unmet);
        error.message.replace(QStringLiteral("Can't move"), QStringLiteral("Can't create"))
            .replace(QStringLiteral("' to "), QStringLiteral("' in "));
        spdlog::info("Refused to create deal '{}' in {}: {}", text(deal.title), text(stageSlug(stage)),
                     text(error.message));
        return error;
    }
    deal.stage = stage;

    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    if (Result<void> done = m_store->deals().insert(deal); !done) {
        return done.error();
    }
    HistoryEntry created {0, deal.id, std::nullopt, deal.stage, std::nullopt, deal.status, now, actor};
    if (Result<void> done = m_store->deals().insertHistory(created); !done) {
        return done.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::debug("Created deal {} '{}' in {}", deal.id, text(deal.title), text(stageSlug(deal.stage)));
    Q_EMIT dealChanged(deal);
    return deal;
}

Result<Deal> PipelineService::loadForChange(DealId id, const ActionOptions& options)
{
    Result<std::optional<Deal>> found = m_store->deals().find(id);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("There is no deal %1. `dealboard-cli list` shows the deals and their ids.").arg(id));
    }
    Deal deal = *found.value();
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

Result<void> PipelineService::recordHistory(const Deal& before, const Deal& after, const QString& actor)
{
    if (before.stage == after.stage && before.status == after.status) {
        return {};
    }
    HistoryEntry entry {0, after.id, before.stage, after.stage, before.status, after.status, after.updatedAt, actor};
    return m_store->deals().insertHistory(entry);
}

Result<MoveOutcome> PipelineService::changeDeal(DealId id, const ActionOptions& options, const char* action,
                                                const std::function<Result<bool>(Deal&)>& change)
{
    if (std::optional<Error> problem = actorProblem(options.actor)) {
        return *problem;
    }
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    Result<Deal> loaded = loadForChange(id, options);
    if (!loaded) {
        return loaded.error();
    }
    const Deal before = loaded.value();
    Deal deal = before;
    Result<bool> changed = change(deal);
    if (!changed) {
        spdlog::info("Refused to {} deal {} '{}': {}", action, id, text(before.title), text(changed.error().message));
        return changed.error();
    }
    if (!changed.value()) {
        return MoveOutcome {before, false};
    }
    deal.updatedAt = m_clock->nowUtc();
    if (deal.stage != before.stage || (before.status == DealStatus::Lost && deal.status == DealStatus::Open)) {
        deal.stageEnteredAt = deal.updatedAt;
    }
    if (Result<void> done = m_store->deals().update(deal); !done) {
        return done.error();
    }
    if (Result<void> done = recordHistory(before, deal, options.actor); !done) {
        return done.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::debug("{} deal {}: {} {} -> {} {}", action, id, text(stageSlug(before.stage)),
                  text(statusSlug(before.status)), text(stageSlug(deal.stage)), text(statusSlug(deal.status)));
    Q_EMIT dealChanged(deal);
    return MoveOutcome {deal, true};
}

Result<Deal> PipelineService::editDeal(DealId id, const DealFields& fields, const ActionOptions& options)
{
    if (std::optional<Error> invalid = validateFields(fields)) {
        return *invalid;
    }
    Result<MoveOutcome> outcome = changeDeal(id, options, "edit", [&fields](Deal& deal) -> Result<bool> {
        const Deal before = deal;
        fields.applyTo(deal);
        if (deal.status != DealStatus::Lost) {
            std::vector<Requirement> unmet = TransitionEngine::unmetInCurrentStage(deal);
            if (!unmet.empty()) {
                QStringList reasons;
                for (Requirement requirement : unmet) {
                    reasons << requirementText(requirement);
                }
                Error error;
                error.code = ErrorCode::RefusedByRules;
                error.message = QStringLiteral("Can't save '%1': a deal in %2 can't have %3. Move it back first.")
                                    .arg(before.title, stageName(deal.stage), reasons.join(QStringLiteral("; ")));
                error.unmet = std::move(unmet);
                return error;
            }
        }
        const bool changed = deal.title != before.title || deal.company != before.company
            || deal.contactName != before.contactName || deal.email != before.email || deal.phone != before.phone
            || deal.owner != before.owner || deal.value != before.value || deal.expectedClose != before.expectedClose
            || deal.qualification != before.qualification;
        return changed;
    });
    if (!outcome) {
        return outcome.error();
    }
    return outcome.value().deal;
}

Result<MoveOutcome> PipelineService::moveDeal(DealId id, Stage target, const ActionOptions& options,
                                              const DealFields& facts)
{
    if (std::optional<Error> invalid = validateFields(facts)) {
        return *invalid;
    }
    return changeDeal(id, options, "move", [&facts, target](Deal& deal) -> Result<bool> {
        facts.applyTo(deal);
        TransitionVerdict verdict = TransitionEngine::check(deal, target);
        if (!verdict.allowed()) {
            return refused(deal, target, std::move(verdict.unmet));
        }
        if (verdict.noOp) {
            return false;
        }
        deal.stage = target;
        deal.status = target == Stage::Retention ? DealStatus::Won : DealStatus::Open;
        return true;
    });
}

Result<MoveOutcome> PipelineService::winDeal(DealId id, const ActionOptions& options)
{
    return moveDeal(id, Stage::Retention, options);
}

Result<MoveOutcome> PipelineService::loseDeal(DealId id, const QString& reason, const ActionOptions& options)
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
    return changeDeal(id, options, "lose", [&trimmed](Deal& deal) -> Result<bool> {
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

Result<MoveOutcome> PipelineService::reopenDeal(DealId id, const ActionOptions& options)
{
    return changeDeal(id, options, "reopen", [](Deal& deal) -> Result<bool> {
        if (deal.status != DealStatus::Lost) {
            return false;
        }
        deal.status = DealStatus::Open;
        deal.lostReason.clear();
        return true;
    });
}

Result<DeletedDeal> PipelineService::deleteDeal(DealId id, const ActionOptions& options)
{
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    Result<Deal> loaded = loadForChange(id, options);
    if (!loaded) {
        return loaded.error();
    }
    Result<std::vector<HistoryEntry>> history = m_store->deals().history(id);
    if (!history) {
        return history.error();
    }
    if (Result<void> done = m_store->deals().remove(id, loaded.value().version); !done) {
        return done.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::info("Deleted deal {} '{}'", id, text(loaded.value().title));
    Q_EMIT dealRemoved(id);
    return DeletedDeal {loaded.value(), std::move(history.value())};
}

Result<Deal> PipelineService::restoreDeal(const DeletedDeal& deleted)
{
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    Result<std::optional<Deal>> existing = m_store->deals().find(deleted.deal.id);
    if (!existing) {
        return existing.error();
    }
    if (existing.value()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Deal %1 exists already; it can't be restored twice.").arg(deleted.deal.id));
    }
    Deal deal = deleted.deal;
    if (Result<void> done = m_store->deals().insert(deal); !done) {
        return done.error();
    }
    for (HistoryEntry entry : deleted.history) {
        if (Result<void> done = m_store->deals().insertHistory(entry); !done) {
            return done.error();
        }
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::info("Restored deal {} '{}'", deal.id, text(deal.title));
    Q_EMIT dealChanged(deal);
    return deal;
}

Result<ImportPlan> PipelineService::importDeals(QIODevice* csv, bool dryRun, const QString& actor)
{
    if (std::optional<Error> problem = actorProblem(actor)) {
        return *problem;
    }
    const QString recordedActor = actor.isEmpty() ? QStringLiteral("import") : actor;
    // First every row is read and checked, without the write lock, holding
    // one row at a time: others keep working while a big file is checked.
    Result<ImportPlan> plan = DealImport::scan(csv, m_clock->nowUtc(), recordedActor, {});
    if (!plan) {
        spdlog::info("Refused an import: {}", text(plan.error().message.section(QLatin1Char('\n'), 0, 1)));
        return plan.error();
    }
    if (dryRun) {
        return plan;
    }
    // Then read again and written in one transaction, all or nothing.
    if (!csv->seek(0)) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("Couldn't read the file a second time to import it: %1.").arg(csv->errorString()));
    }
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    Result<ImportPlan> written
        = DealImport::scan(csv, m_clock->nowUtc(), recordedActor, [this](ImportedDeal& imported) -> Result<void> {
              if (Result<void> done = m_store->deals().insert(imported.deal); !done) {
                  return done.error();
              }
              for (HistoryEntry& entry : imported.history) {
                  entry.dealId = imported.deal.id;
                  if (Result<void> done = m_store->deals().insertHistory(entry); !done) {
                      return done.error();
                  }
              }
              return {};
          });
    if (!written || written.value().digest != plan.value().digest) {
        spdlog::warn("Import into {} abandoned: the file changed while it was imported", text(m_store->path()));
        return written ? makeError(ErrorCode::InvalidInput,
                                   QStringLiteral("The file changed while it was being imported; nothing was "
                                                  "changed. Import it again once it is complete."))
                       : written.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::info("Imported {} deals into {}", written.value().count, text(m_store->path()));
    Q_EMIT dealsReset();
    return written;
}

Result<int> PipelineService::seedSample(int count, quint64 seed)
{
    if (count < 1 || count > 10'000'000) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The number of deals must be between 1 and 10,000,000."));
    }
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    std::optional<Error> failure;
    std::vector<DealId> ids; // by position in the sample, for follow-up links
    ids.reserve(static_cast<std::size_t>(count));
    SamplePipeline::generate(
        count, seed, m_clock->nowUtc(),
        [this, &failure, &ids](Deal& deal, std::vector<HistoryEntry>& history, std::vector<Activity>& activities) {
            if (deal.originDealId > 0) {
                deal.originDealId = ids[static_cast<std::size_t>(deal.originDealId - 1)];
            }
            if (Result<void> done = m_store->deals().insert(deal); !done) {
                failure = done.error();
                return false;
            }
            ids.push_back(deal.id);
            for (HistoryEntry& entry : history) {
                entry.dealId = deal.id;
                if (Result<void> done = m_store->deals().insertHistory(entry); !done) {
                    failure = done.error();
                    return false;
                }
            }
            for (Activity& activity : activities) {
                activity.dealId = deal.id;
                activity.personId = deal.personId;
                if (Result<void> done = m_store->activities().insert(activity); !done) {
                    failure = done.error();
                    return false;
                }
            }
            return true;
        });
    // The sample's organizations get a profile and segment tags.
    if (!failure) {
        Result<std::vector<Organization>> organizations = m_store->contacts().organizations();
        if (!organizations) {
            return organizations.error();
        }
        for (const Organization& existing : organizations.value()) {
            if (!existing.industry.isEmpty() || !existing.tags.isEmpty()) {
                continue; // described by a person already
            }
            Organization profiled = SamplePipeline::organizationProfile(existing.name);
            profiled.id = existing.id;
            profiled.notes = existing.notes;
            if (Result<void> done = m_store->contacts().updateOrganization(profiled); !done) {
                return done.error();
            }
        }
        for (const auto& rule : SamplePipeline::segmentRules()) {
            const QString& tag = rule.first;
            const int days = rule.second;
            Result<std::vector<Segment>> known = m_store->settings().segments();
            if (!known) {
                return known.error();
            }
            const bool ruled = std::any_of(known.value().begin(), known.value().end(), [&tag](const Segment& s) {
                return s.tag == tag && s.minTouchDays.has_value();
            });
            if (!ruled) {
                if (Result<void> done = m_store->settings().saveSegmentRule(tag, days); !done) {
                    return done.error();
                }
            }
        }
    }
    if (failure) {
        return *failure;
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::info("Seeded {} sample deals (seed {}) into {}", count, seed, text(m_store->path()));
    Q_EMIT dealsReset();
    return count;
}

Result<Deal> PipelineService::deal(DealId id)
{
    Result<std::optional<Deal>> found = m_store->deals().find(id);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("There is no deal %1. `dealboard-cli list` shows the deals and their ids.").arg(id));
    }
    return *found.value();
}

Result<std::vector<Deal>> PipelineService::deals(const DealFilter& filter)
{
    return m_store->deals().list(filter);
}

Result<std::vector<HistoryEntry>> PipelineService::history(DealId id)
{
    return m_store->deals().history(id);
}

Result<PipelineReport> PipelineService::report(const ReportFilter& filter)
{
    if (filter.from.isValid() && filter.to.isValid() && filter.from > filter.to) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The report's start date %1 is after its end date %2.")
                             .arg(filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate)));
    }
    Result<StageGoals> goals = m_store->reports().stageGoals();
    if (!goals) {
        return goals.error();
    }
    Result<std::vector<ReportDeal>> deals = m_store->reports().deals(filter);
    if (!deals) {
        return deals.error();
    }
    Result<std::vector<ReportHistoryRow>> history = m_store->reports().history(filter);
    if (!history) {
        return history.error();
    }
    return PipelineReportBuilder::build(deals.value(), history.value(), filter, goals.value(), m_clock->nowUtc());
}

Result<StageGoals> PipelineService::stageGoals()
{
    return m_store->reports().stageGoals();
}

std::optional<Error> PipelineService::validateGoal(Stage stage, const StageGoal& goal)
{
    // NaN compares false with everything: refuse it by name.
    if (goal.targetConversion
        && (!std::isfinite(*goal.targetConversion) || *goal.targetConversion < 0.0 || *goal.targetConversion > 1.0)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A conversion goal is a share between 0 and 1 (0.25 for 25 %)."));
    }
    if (goal.targetMedianDays && (*goal.targetMedianDays < 0 || *goal.targetMedianDays > 3650)) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("A days-in-stage goal is between 0 and 3650 days."));
    }
    if (stage == Stage::Retention && goal.targetConversion) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Customer Retention is the last stage: it has no conversion to a next stage."));
    }
    return std::nullopt;
}

Result<void> PipelineService::setStageGoals(const StageGoals& goals)
{
    for (Stage stage : AllStages) {
        if (std::optional<Error> invalid = validateGoal(stage, goals[stageIndex(stage)])) {
            return *invalid;
        }
    }
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    for (Stage stage : AllStages) {
        if (Result<void> done = m_store->reports().saveStageGoal(stage, goals[stageIndex(stage)]); !done) {
            return done;
        }
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done;
    }
    spdlog::info("Stage goals saved");
    Q_EMIT goalsChanged();
    return {};
}

Result<void> PipelineService::setStageGoal(Stage stage, const StageGoal& goal)
{
    if (std::optional<Error> invalid = validateGoal(stage, goal)) {
        return *invalid;
    }
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    if (Result<void> done = m_store->reports().saveStageGoal(stage, goal); !done) {
        return done;
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done;
    }
    spdlog::info("Goal for {} set: conversion {}, median days {}", text(stageSlug(stage)),
                 goal.targetConversion ? QString::number(*goal.targetConversion).toStdString() : std::string("none"),
                 goal.targetMedianDays ? std::to_string(*goal.targetMedianDays) : std::string("none"));
    Q_EMIT goalsChanged();
    return {};
}

Result<CheckReport> PipelineService::check()
{
    CheckReport report;
    Result<QStringList> problems = m_store->integrityProblems();
    if (!problems) {
        return problems.error();
    }
    for (const QString& problem : problems.value()) {
        report.faults << QStringLiteral("SQLite integrity: %1").arg(problem);
    }
    for (const QString& difference : m_store->schemaFaults()) {
        report.faults << QStringLiteral("Structure not made by DealBoard: %1").arg(difference);
    }
    report.faults << m_store->dataFaults();
    Result<std::vector<Deal>> all = m_store->deals().list();
    if (!all) {
        return all.error();
    }
    Result<std::vector<HistoryEntry>> history = m_store->deals().allHistory();
    if (!history) {
        return history.error();
    }
    // Both lists are ordered by deal id: walk them together.
    const std::vector<HistoryEntry>& entries = history.value();
    std::size_t next = 0;
    for (const Deal& deal : all.value()) {
        ++report.dealsChecked;
        const HistoryEntry* last = nullptr;
        while (next < entries.size() && entries[next].dealId < deal.id) {
            report.faults << QStringLiteral("History row %1 belongs to deal %2, which does not exist.")
                                 .arg(entries[next].id)
                                 .arg(entries[next].dealId);
            ++next;
        }
        while (next < entries.size() && entries[next].dealId == deal.id) {
            last = &entries[next++];
        }
        const QString who = QStringLiteral("Deal %1 '%2'").arg(deal.id).arg(deal.title);
        if (last == nullptr) {
            report.faults << QStringLiteral("%1 has no stage history.").arg(who);
        } else if (last->toStage != deal.stage || last->toStatus != deal.status) {
            report.faults << QStringLiteral("%1 is %2 in %3, but its last history row says %4 in %5.")
                                 .arg(who, statusSlug(deal.status), stageSlug(deal.stage), statusSlug(last->toStatus),
                                      stageSlug(last->toStage));
        }
        if ((deal.status == DealStatus::Won) != (deal.stage == Stage::Retention) && deal.status != DealStatus::Lost) {
            report.faults << QStringLiteral("%1 is %2 in %3: won deals, and only they, are in Customer Retention.")
                                 .arg(who, statusSlug(deal.status), stageSlug(deal.stage));
        }
        if (deal.status != DealStatus::Lost) {
            for (Requirement requirement : TransitionEngine::unmetInCurrentStage(deal)) {
                report.faults << QStringLiteral("%1 is in %2 with %3.")
                                     .arg(who, stageName(deal.stage), requirementText(requirement));
            }
        }
        if (!deal.createdAt.isValid() || !deal.stageEnteredAt.isValid() || !deal.updatedAt.isValid()) {
            report.faults << QStringLiteral("%1 has a malformed time stamp.").arg(who);
        }
    }
    for (; next < entries.size(); ++next) {
        report.faults << QStringLiteral("History row %1 belongs to deal %2, which does not exist.")
                             .arg(entries[next].id)
                             .arg(entries[next].dealId);
    }
    if (!report.faults.isEmpty()) {
        spdlog::warn("Check of {} found {} fault(s)", text(m_store->path()), report.faults.size());
    }
    return report;
}

void PipelineService::pollExternalChanges()
{
    Result<qint64> version = m_store->dataVersion();
    if (!version) {
        return;
    }
    if (m_lastDataVersion != -1 && version.value() != m_lastDataVersion) {
        m_lastDataVersion = version.value();
        spdlog::debug("Another process changed {}", text(m_store->path()));
        Q_EMIT externalChange();
        return;
    }
    m_lastDataVersion = version.value();
}

} // namespace dealboard
