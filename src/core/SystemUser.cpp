#include "dealboard/SystemUser.h"

#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace dealboard {

QString systemUserName()
{
    for (const char* variable : {"USER", "LOGNAME", "USERNAME"}) {
        const QString name = qEnvironmentVariable(variable).trimmed();
        if (!name.isEmpty()) {
            return name;
        }
    }
#ifdef Q_OS_UNIX
    if (const passwd* account = getpwuid(geteuid()); account != nullptr && account->pw_name != nullptr) {
        return QString::fromLocal8Bit(account->pw_name);
    }
#endif
    return {};
}

} // namespace dealboard
