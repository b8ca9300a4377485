#pragma once

#include "dealboard/Result.h"
#include "dealboard/Team.h"

namespace dealboard {

class DealStore;
class Pipeline;

// The team's settings on a server: what only a manager (or the database's
// owner) sets, each one write transaction. The team's users are made by the
// administration (TeamAdministration), not here.
class TeamService final
{
public:
    TeamService(Pipeline& pipeline, DealStore& store);

    // Whether reps see the whole team's pipeline or only their own deals.
    Result<TeamVisibility> visibility();
    Result<void> setVisibility(TeamVisibility visibility);

private:
    Pipeline& m_pipeline;
    DealStore& m_store;
};

} // namespace dealboard
