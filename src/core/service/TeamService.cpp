// The team's settings, a manager's to set; the server's row-level security
// reads the same settings row (ServerTeam.cpp).
#include "dealboard/service/TeamService.h"

#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"

#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

TeamService::TeamService(Pipeline& pipeline, DealStore& store)
    : m_pipeline(pipeline)
    , m_store(store)
{
}

Result<TeamVisibility> TeamService::visibility()
{
    Result<std::optional<QString>> stored = m_store.settings().value(TeamVisibilityKey);
    if (!stored) {
        return stored.error();
    }
    return stored.value().value_or(QString()) == u"own" ? TeamVisibility::Own : TeamVisibility::Team;
}

Result<void> TeamService::setVisibility(TeamVisibility visibility)
{
    if (!m_store.team().isTeam) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 has no team, so there is no visibility to set: a team works on a "
                                        "server's pipeline after admin init-team.")
                             .arg(m_store.path()));
    }
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the team's settings"))) {
        return *refused;
    }
    const QString value = visibility == TeamVisibility::Own ? QStringLiteral("own") : QStringLiteral("team");
    if (Result<void> done = write(m_store, [&] { return m_store.settings().save(TeamVisibilityKey, value); }); !done) {
        return done;
    }
    spdlog::info("{} set the team's visibility of {} to {}", text(m_store.team().user), text(m_store.path()),
                 text(value));
    Q_EMIT m_pipeline.dealsReset();
    return {};
}

} // namespace dealboard
