#include "dealboard/service/TeamAdministration.h"

#include "../store/StoreOpening.h"

namespace dealboard {

Result<void> TeamAdministration::initTeam(const QString& url)
{
    return store::initTeam(url);
}

Result<void> TeamAdministration::addMember(const QString& url, const QString& name, TeamRole role,
                                           const QString& password)
{
    return store::addTeamMember(url, name, role, password);
}

Result<std::vector<TeamMember>> TeamAdministration::members(const QString& url)
{
    return store::teamMembers(url);
}

Result<void> TeamAdministration::setRole(const QString& url, const QString& name, TeamRole role)
{
    return store::setTeamRole(url, name, role);
}

Result<void> TeamAdministration::setEnabled(const QString& url, const QString& name, bool enabled)
{
    return store::setTeamMemberEnabled(url, name, enabled);
}

} // namespace dealboard
