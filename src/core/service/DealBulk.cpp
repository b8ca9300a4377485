// DealService's actions on many deals at once (a batch of one action, an
// import, the sample pipeline) and the follow-up deal of a won one.
#include "SampleHistory.h"
#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"
#include "dealboard/SamplePipeline.h"
#include "dealboard/service/DealService.h"

#include <QSet>
#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

namespace {

constexpr int ProgressEveryRows = 500;

Error cancelled(const QString& what)
{
    spdlog::info("Stopped {} on request; nothing was kept", what.toStdString());
    return makeError(ErrorCode::Cancelled, QStringLiteral("Stopped: %1 kept nothing.").arg(what));
}

// A dry run looks up this many different companies at most.
constexpr qsizetype LinksNamed = 10'000;

// The companies an import would link to an organization of another spelling.
Result<QStringList> likeLinks(ContactRepository& contacts, const QSet<QString>& companies)
{
    contacts.forgetLinks(); // read afresh: no write transaction holds them still
    QStringList linked;
    for (const QString& company : companies) {
        Result<std::optional<std::pair<OrganizationId, QString>>> like = contacts.organizationLike(company);
        if (!like) {
            return like.error();
        }
        if (!like.value() || like.value()->second.compare(company, Qt::CaseInsensitive) == 0) {
            continue;
        }
        Result<std::optional<Organization>> exact = contacts.findOrganizationByName(company);
        if (!exact) {
            return exact.error();
        }
        if (!exact.value()) {
            linked << QStringLiteral("'%1' → existing organization '%2' (id %3)")
                          .arg(company, like.value()->second)
                          .arg(like.value()->first);
        }
    }
    linked.sort();
    return linked;
}

} // namespace

Result<ImportPlan> DealService::importDeals(QIODevice* csv, const ImportOptions& given, bool dryRun,
                                            const QString& actor, const Progress& progress)
{
    if (std::optional<Error> problem = actorProblem(actor)) {
        return *problem;
    }
    // Each deal enters its stage under this pipeline's rules (on a server,
    // its guard holds every row to the rules as they stand at the write).
    ImportOptions options = given;
    if (Result<StageRules> rules = m_store.reports().stageRules(); rules) {
        options.rules = rules.value();
    } else {
        return rules.error();
    }
    const QString recordedActor = actor.isEmpty() ? QStringLiteral("import") : actor;
    // First every row is read and checked, without the write lock, holding
    // one row at a time: others keep working while a big file is checked.
    // Progress in bytes: the check reads the file once, the write once more.
    const qint64 size = std::max<qint64>(csv->size(), 1);
    const qint64 total = dryRun ? size : 2 * size;
    int rows = 0;
    const auto told = [&](qint64 offset) -> Result<void> {
        if (progress && ++rows % ProgressEveryRows == 0 && !progress(offset + std::min(csv->pos(), size), total)) {
            return cancelled(QStringLiteral("the import"));
        }
        return {};
    };
    QSet<QString> companies; // a dry run names those it would link by their normalized name
    Result<ImportPlan> plan
        = DealImport::scan(csv, options, m_pipeline.now(), recordedActor, [&](ImportedDeal& imported) -> Result<void> {
              if (dryRun && companies.size() < LinksNamed) {
                  companies.insert(imported.deal.company.trimmed());
              }
              return told(0);
          });
    if (!plan) {
        spdlog::info("Refused an import: {}", text(plan.error().message.section(QLatin1Char('\n'), 0, 1)));
        return plan.error();
    }
    if (dryRun) {
        if (Result<QStringList> linked = likeLinks(m_store.contacts(), companies); linked) {
            plan.value().linked = linked.value();
        } else {
            return linked.error();
        }
        return plan;
    }
    // Then read again and written in one transaction, all or nothing.
    if (!csv->seek(0)) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("Couldn't read the file a second time to import it: %1.").arg(csv->errorString()));
    }
    Result<WriteTransaction> transaction = m_store.beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    if (Result<void> bulk = m_store.beginBulkLog(QStringLiteral("deals")); !bulk) {
        return bulk.error();
    }
    m_store.contacts().keepKnownNames();
    Result<ImportPlan> written
        = DealImport::scan(csv, options, m_pipeline.now(), recordedActor, [&](ImportedDeal& imported) -> Result<void> {
              if (Result<void> going = told(size); !going) {
                  return going;
              }
              if (Result<void> done = m_store.deals().insert(imported.deal); !done) {
                  return done.error();
              }
              if (Result<void> done = saveFieldValues(Deal {}, imported.deal); !done) {
                  return done.error();
              }
              for (HistoryEntry& entry : imported.history) {
                  entry.dealId = imported.deal.id;
                  if (Result<void> done = m_store.deals().insertHistory(entry); !done) {
                      return done.error();
                  }
              }
              return {};
          });
    if (!written && written.error().code == ErrorCode::Cancelled) {
        return written.error(); // rolled back with the transaction
    }
    if (!written || written.value().digest != plan.value().digest) {
        spdlog::warn("Import into {} abandoned: the file changed while it was imported", text(m_store.path()));
        return written ? makeError(ErrorCode::InvalidInput,
                                   QStringLiteral("The file changed while it was being imported; nothing was "
                                                  "changed. Import it again once it is complete."))
                       : written.error();
    }
    written.value().linked = m_store.contacts().takeLikeLinks();
    if (Result<void> logged
        = m_store.endBulkLog(QStringLiteral("deals"), written.value().count, QStringLiteral("import"));
        !logged) {
        return logged.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::info("Imported {} deals into {}", written.value().count, text(m_store.path()));
    Q_EMIT m_pipeline.dealsReset();
    return written;
}

Result<int> DealService::seedSample(int count, quint64 seed, const Progress& progress)
{
    if (count < 1 || count > 10'000'000) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The number of deals must be between 1 and 10,000,000."));
    }
    Result<WriteTransaction> transaction = m_store.beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    if (Result<void> bulk = m_store.beginBulkLog(QStringLiteral("deals")); !bulk) {
        return bulk.error();
    }
    std::optional<Error> failure;
    std::vector<DealId> ids; // by position in the sample, for follow-up links
    ids.reserve(static_cast<std::size_t>(count));
    SampleHistory past(m_pipeline.now());
    SamplePipeline::generate(count, seed, m_pipeline.now(),
                             [&](Deal& deal, std::vector<HistoryEntry>& history, std::vector<Activity>& activities) {
                                 if (progress && ids.size() % ProgressEveryRows == 0
                                     && !progress(qint64(ids.size()), count)) {
                                     failure = cancelled(QStringLiteral("the sample pipeline"));
                                     return false;
                                 }
                                 if (deal.originDealId > 0) {
                                     deal.originDealId = ids[static_cast<std::size_t>(deal.originDealId - 1)];
                                 }
                                 // Stored with its first close date; moved later once it is all stored.
                                 const std::vector<QDate> earlier
                                     = SamplePipeline::earlierCloseDates(deal, static_cast<int>(ids.size()) + 1, seed);
                                 const QDate close = deal.expectedClose;
                                 if (!earlier.empty()) {
                                     deal.expectedClose = earlier.front();
                                 }
                                 if (Result<void> done = m_store.deals().insert(deal); !done) {
                                     failure = done.error();
                                     return false;
                                 }
                                 deal.expectedClose = close;
                                 past.add(deal, history, earlier);
                                 ids.push_back(deal.id);
                                 for (HistoryEntry& entry : history) {
                                     entry.dealId = deal.id;
                                     if (Result<void> done = m_store.deals().insertHistory(entry); !done) {
                                         failure = done.error();
                                         return false;
                                     }
                                 }
                                 for (Activity& activity : activities) {
                                     activity.dealId = deal.id;
                                     activity.personId = deal.personId;
                                     if (Result<void> done = m_store.activities().insert(activity); !done) {
                                         failure = done.error();
                                         return false;
                                     }
                                 }
                                 return true;
                             });
    // The sample's organizations get a profile and segment tags.
    if (!failure) {
        Result<std::vector<Organization>> organizations = m_store.contacts().organizations();
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
            if (Result<void> done = m_store.contacts().updateOrganization(profiled); !done) {
                return done.error();
            }
        }
        for (const auto& rule : SamplePipeline::segmentRules()) {
            const QString& tag = rule.first;
            const int days = rule.second;
            Result<std::vector<Segment>> known = m_store.settings().segments();
            if (!known) {
                return known.error();
            }
            const bool ruled = std::any_of(known.value().begin(), known.value().end(), [&tag](const Segment& s) {
                return s.tag == tag && s.minTouchDays.has_value();
            });
            if (!ruled) {
                if (Result<void> done = m_store.settings().saveSegmentRule(tag, days); !done) {
                    return done.error();
                }
            }
        }
    }
    if (failure) {
        return *failure;
    }
    if (Result<void> logged = m_store.endBulkLog(QStringLiteral("deals"), count, QStringLiteral("sample pipeline"));
        !logged) {
        return logged.error();
    }
    if (std::optional<Error> failed = seedPast(past)) {
        return *failed;
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::info("Seeded {} sample deals (seed {}) into {}", count, seed, text(m_store.path()));
    Q_EMIT m_pipeline.dealsReset();
    return count;
}

// The sample's past, inside its transaction: the close dates moved later
// (each in the change log), and the forecast's weekly snapshots where this
// login may take them and none was taken that day.
std::optional<Error> DealService::seedPast(const SampleHistory& past)
{
    for (const auto& [id, close] : past.moves()) {
        if (Result<void> done = m_store.snapshots().moveSampleClose(id, close); !done) {
            return done.error();
        }
    }
    if (!m_pipeline.accuracy().mayTakeSnapshot()) {
        return std::nullopt;
    }
    Result<StageProbabilities> probabilities = m_store.reports().stageProbabilities();
    if (!probabilities) {
        return probabilities.error();
    }
    std::optional<Error> failure;
    past.eachForecast(probabilities.value(), [&](const QDate& day, const Forecast& forecast) {
        Result<bool> taken = m_store.snapshots().takenOn(day);
        Result<void> stored = !taken ? Result<void>(taken.error())
            : taken.value()          ? Result<void>()
                                     : m_pipeline.accuracy().storeSnapshot(forecast, day);
        if (!stored) {
            failure = stored.error();
        }
        return !failure;
    });
    return failure;
}

Result<Deal> DealService::createFollowUp(DealId originId, const QString& title, std::optional<std::int64_t> valueMinor,
                                         const QString& actor, const QDate& expectedClose)
{
    // A follow-up's own title and value meet the rules of any deal's.
    DealFields given;
    if (!title.trimmed().isEmpty()) {
        given.title = title;
    }
    given.valueMinor = valueMinor;
    if (expectedClose.isValid()) {
        given.expectedClose = expectedClose;
    }
    if (std::optional<Error> refused = validateFields(given)) {
        return *refused;
    }
    Result<Deal> made = write(m_store, [&]() -> Result<Deal> {
        Result<Deal> origin = get(originId);
        if (!origin) {
            return origin.error();
        }
        if (origin.value().status != DealStatus::Won) {
            return makeError(
                ErrorCode::RefusedByRules,
                QStringLiteral("Deal %1 '%2' is %3 in %4: follow-up deals (cross-sell, up-sell) start from a "
                               "won deal in Customer Retention. Win it first.")
                    .arg(originId)
                    .arg(origin.value().title, statusSlug(origin.value().status), stageName(origin.value().stage)));
        }
        Deal followUp;
        followUp.title
            = title.trimmed().isEmpty() ? QStringLiteral("Follow-up: %1").arg(origin.value().title) : title.trimmed();
        followUp.company = origin.value().company;
        followUp.contactName = origin.value().contactName;
        followUp.email = origin.value().email;
        followUp.phone = origin.value().phone;
        followUp.owner = origin.value().owner;
        followUp.value = {valueMinor.value_or(0), origin.value().value.currency};
        followUp.originDealId = originId;
        followUp.expectedClose = expectedClose;
        followUp.stage = Stage::Prospecting;
        // A new deal: it enters Prospecting under that stage's rules, as `add` does.
        Result<StageRules> rules = m_store.reports().stageRules();
        if (!rules) {
            return rules.error();
        }
        if (std::vector<Requirement> unmet = TransitionEngine::unmetToEnter(followUp, followUp.stage, rules.value());
            !unmet.empty()) {
            return creationRefused(followUp, followUp.stage, std::move(unmet));
        }
        const QDateTime now = m_pipeline.now();
        followUp.createdAt = followUp.updatedAt = followUp.stageEnteredAt = now;
        if (Result<void> done = m_store.deals().insert(followUp); !done) {
            return done.error();
        }
        HistoryEntry created {0, followUp.id, std::nullopt, followUp.stage, std::nullopt, followUp.status, now, actor};
        if (Result<void> done = m_store.deals().insertHistory(created); !done) {
            return done.error();
        }
        return followUp;
    });
    if (!made) {
        return made;
    }
    const Deal& followUp = made.value();
    spdlog::info("Created follow-up deal {} of won deal {}", followUp.id, originId);
    Q_EMIT m_pipeline.dealChanged(followUp);
    return made;
}

Result<BatchOutcome> DealService::batch(std::vector<DealId> ids, bool each,
                                        const std::function<Result<void>(DealId)>& one)
{
    // The same deal twice is one deal.
    std::vector<DealId> seen;
    std::erase_if(ids, [&seen](DealId id) {
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
            return true;
        }
        seen.push_back(id);
        return false;
    });
    BatchOutcome outcome;
    Result<void> done = write(m_store, [&]() -> Result<void> {
        for (DealId id : ids) {
            Result<void> step = one(id);
            if (step) {
                outcome.done.push_back(id);
            } else if (step.error().code == ErrorCode::Storage) {
                return step.error();
            } else {
                outcome.refused.emplace_back(id, step.error());
            }
        }
        if (each || outcome.refused.empty()) {
            return {};
        }
        QStringList reasons;
        for (const auto& [id, error] : outcome.refused) {
            reasons << QStringLiteral("  %1: %2").arg(id).arg(error.message);
        }
        return makeError(ErrorCode::RefusedByRules,
                         QStringLiteral("Nothing was changed: %1 of %2 deals were refused:\n%3")
                             .arg(outcome.refused.size())
                             .arg(ids.size())
                             .arg(reasons.join(QLatin1Char('\n'))));
    });
    if (!done) {
        spdlog::info("Refused an action on {} deals: {}", ids.size(), text(done.error().message));
        if (!outcome.done.empty()) {
            // Their steps were announced, then undone with the whole action.
            Q_EMIT m_pipeline.dealsReset();
        }
        return done.error();
    }
    spdlog::info("Did an action on {} of {} deals ({} refused)", outcome.done.size(), ids.size(),
                 outcome.refused.size());
    return outcome;
}

} // namespace dealboard
