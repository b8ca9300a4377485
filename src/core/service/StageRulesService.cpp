// The facts a manager requires per stage (ReportService's part).
#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/ReportService.h"

#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

namespace {

QString describeRule(Requirement requirement, const std::optional<StageRule>& rule)
{
    return rule ? QStringLiteral("%1 %2").arg(requirementCode(requirement), rule->pointText())
                : QStringLiteral("%1 needed nowhere").arg(requirementCode(requirement));
}

} // namespace

Result<StageRules> ReportService::stageRules()
{
    return m_store.reports().stageRules();
}

Result<bool> ReportService::setStageRules(const StageRules& wanted, const StageRules& expected)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the stages' rules"))) {
        return *refused;
    }
    for (const StageRule& rule : wanted.rules()) {
        if (const QString why = StageRules::whyNot(rule); !why.isEmpty()) {
            return makeError(ErrorCode::InvalidInput, why);
        }
    }
    bool changed = false;
    Result<void> done = write(m_store, [&]() -> Result<void> {
        Result<StageRules> stored = m_store.reports().stageRules();
        if (!stored) {
            return stored.error();
        }
        for (Requirement requirement : StageRules::adjustable()) {
            const std::optional<StageRule> rule = wanted.ruleOf(requirement);
            if (rule == expected.ruleOf(requirement)) {
                continue;
            }
            if (stored.value().ruleOf(requirement) != expected.ruleOf(requirement)) {
                return makeError(ErrorCode::StaleVersion,
                                 QStringLiteral("The rule for %1 was changed meanwhile (now %2); nothing was changed.")
                                     .arg(requirementCode(requirement),
                                          describeRule(requirement, stored.value().ruleOf(requirement))));
            }
            if (Result<void> saved = m_store.reports().saveStageRule(requirement, rule); !saved) {
                return saved;
            }
            spdlog::info("Stage rule set: {}", text(describeRule(requirement, rule)));
            changed = true;
        }
        return {};
    });
    if (!done) {
        return done.error();
    }
    if (changed) {
        Q_EMIT m_pipeline.stageRulesChanged();
    }
    return changed;
}

Result<bool> ReportService::requireFact(const StageRule& rule)
{
    if (const QString why = StageRules::whyNot(rule); !why.isEmpty()) {
        return makeError(ErrorCode::InvalidInput, why);
    }
    Result<StageRules> current = stageRules();
    if (!current) {
        return current.error();
    }
    StageRules wanted = current.value();
    wanted.set(rule);
    return setStageRules(wanted, current.value());
}

Result<bool> ReportService::unrequireFact(const StageRule& rule)
{
    if (const QString why = StageRules::whyNot(rule); !why.isEmpty()) {
        return makeError(ErrorCode::InvalidInput, why);
    }
    Result<StageRules> current = stageRules();
    if (!current) {
        return current.error();
    }
    const std::optional<StageRule> now = current.value().ruleOf(rule.requirement);
    if (!now) {
        return false; // needed nowhere already
    }
    if (*now != rule) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is needed %2, not %3; nothing was changed. To stop requiring it, name "
                                        "that point.")
                             .arg(requirementCode(rule.requirement), now->pointText(), rule.pointText()));
    }
    StageRules wanted = current.value();
    wanted.clear(rule.requirement);
    return setStageRules(wanted, current.value());
}

} // namespace dealboard
