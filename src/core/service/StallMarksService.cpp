// The stall marks a manager sets per stage (ReportService's part).
#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/ReportService.h"

#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

Result<StallMarks> ReportService::stallMarks(bool withStays)
{
    return m_store.reports().stallMarks(m_pipeline.now(), withStays);
}

Result<void> ReportService::setStallRule(Stage stage, const std::optional<StallRule>& rule)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the stall marks"))) {
        return *refused;
    }
    if (rule && rule->days && (*rule->days < 0 || *rule->days > StallMarks::MaximumDays)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A stage's stall mark is between 0 days (never) and %1 days; %2 is not.")
                             .arg(StallMarks::MaximumDays)
                             .arg(*rule->days));
    }
    if (Result<void> done = write(m_store, [&] { return m_store.reports().saveStallRule(stage, rule); }); !done) {
        return done;
    }
    spdlog::info("Stall mark of {} set to {}", text(stageSlug(stage)),
                 !rule               ? std::string("its built-in days")
                     : rule->learned ? std::string("learned")
                     : rule->days    ? std::to_string(*rule->days) + " days"
                                     : std::string("its built-in days"));
    Q_EMIT m_pipeline.stallMarksChanged();
    return {};
}

Result<bool> ReportService::setStallRules(const StallRules& wanted, const StallRules& expected)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the stall marks"))) {
        return *refused;
    }
    for (Stage stage : AllStages) {
        if (const std::optional<int>& days = wanted[stageIndex(stage)].days;
            days && (*days < 0 || *days > StallMarks::MaximumDays)) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("The stall mark of %1 is between 0 days (never) and %2 days; %3 is not.")
                                 .arg(stageName(stage))
                                 .arg(StallMarks::MaximumDays)
                                 .arg(*days));
        }
    }
    bool changed = false;
    Result<void> done = write(m_store, [&]() -> Result<void> {
        Result<StallMarks> stored = m_store.reports().stallMarks(m_pipeline.now());
        if (!stored) {
            return stored.error();
        }
        for (Stage stage : AllStages) {
            const std::size_t i = stageIndex(stage);
            if (wanted[i] == expected[i]) {
                continue;
            }
            if (stored.value().rules[i] != expected[i]) {
                return makeError(ErrorCode::StaleVersion,
                                 QStringLiteral("The stall mark of %1 was changed meanwhile (now %2); nothing was "
                                                "changed.")
                                     .arg(stageName(stage), stored.value().describe(stage)));
            }
            const std::optional<StallRule> rule
                = wanted[i] == StallRule {} ? std::nullopt : std::optional<StallRule>(wanted[i]);
            if (Result<void> saved = m_store.reports().saveStallRule(stage, rule); !saved) {
                return saved;
            }
            changed = true;
        }
        return {};
    });
    if (!done) {
        return done.error();
    }
    if (changed) {
        spdlog::info("Stall marks set");
        Q_EMIT m_pipeline.stallMarksChanged();
    }
    return changed;
}

} // namespace dealboard
