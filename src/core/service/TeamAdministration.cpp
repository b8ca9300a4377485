#include "dealboard/service/TeamAdministration.h"

#include "../store/StoreOpening.h"
#include "dealboard/service/Capabilities.h"

namespace dealboard {

Result<void> TeamAdministration::initTeam(const QString& url)
{
    if (Result<void> possible = Capabilities::require(Capability::Team, PipelineLocation(url)); !possible) {
        return possible.error();
    }
    return store::initTeam(url);
}

// A new login's name and password are judged first, then where it goes
// (store::addTeamMember refuses a file with Capability::Team's message).
Result<void> TeamAdministration::addMember(const QString& url, const QString& name, TeamRole role,
                                           const QString& password)
{
    return store::addTeamMember(url, name, role, password);
}

Result<std::vector<TeamMember>> TeamAdministration::members(const QString& url)
{
    if (Result<void> possible = Capabilities::require(Capability::Team, PipelineLocation(url)); !possible) {
        return possible.error();
    }
    return store::teamMembers(url);
}

Result<void> TeamAdministration::setRole(const QString& url, const QString& name, TeamRole role)
{
    if (Result<void> possible = Capabilities::require(Capability::Team, PipelineLocation(url)); !possible) {
        return possible.error();
    }
    return store::setTeamRole(url, name, role);
}

Result<void> TeamAdministration::setEnabled(const QString& url, const QString& name, bool enabled)
{
    if (Result<void> possible = Capabilities::require(Capability::Team, PipelineLocation(url)); !possible) {
        return possible.error();
    }
    return store::setTeamMemberEnabled(url, name, enabled);
}

} // namespace dealboard
