#include "dealboard/store/TeamLogins.h"

#include <QRegularExpression>

namespace dealboard {

namespace {

const QRegularExpression NameForm(QStringLiteral("\\A[a-z][a-z0-9_.-]{0,62}\\z"));
// A key is 32 bytes: 43 base64 characters and one '='.
const QRegularExpression VerifierForm(QStringLiteral(
    "\\ASCRAM-SHA-256\\$[1-9][0-9]{0,9}:(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)"
    "\\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=\\z"));

} // namespace

Result<void> TeamLogins::checkName(const QString& name, const QString& database)
{
    if (!NameForm.match(name).hasMatch()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' can't be a user's name: use 1 to 63 lowercase letters, digits, '_', "
                                        "'.' or '-', starting with a letter (such as ben or ana.lopez).")
                             .arg(name));
    }
    if (name.startsWith(QLatin1String("pg_"))) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' can't be a user's name: names starting with pg_ are PostgreSQL's own; "
                                        "choose another.")
                             .arg(name));
    }
    for (const char* role : {"_rep", "_manager", "_owner", "_admin"}) {
        if (name == database + QLatin1String(role)) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("'%1' can't be a user's name: it is one of the team's own roles; choose "
                                            "a person's name.")
                                 .arg(name));
        }
    }
    return {};
}

bool TeamLogins::isScramVerifier(const QString& verifier)
{
    return VerifierForm.match(verifier).hasMatch();
}

} // namespace dealboard
