#include "dealboard/ServerAddress.h"

#include "dealboard/PipelineLocation.h"

#include <QMutex>
#include <QUrl>
#include <QUrlQuery>
#include <arpa/inet.h>

namespace dealboard {

namespace {

QMutex passwordMutex;
QString givenPassword;

// libpq's modes, and DealBoard's own "pin" (see ServerTrust.h).
const QStringList SslModes
    = {QStringLiteral("disable"),   QStringLiteral("allow"),       QStringLiteral("prefer"), QStringLiteral("require"),
       QStringLiteral("verify-ca"), QStringLiteral("verify-full"), QStringLiteral("pin")};

Error badUrl(const QString& url, const QString& what)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("'%1' is not a pipeline address DealBoard can use: %2. Write "
                                    "postgresql://user@host:port/database, or give a file's path.")
                         .arg(url, what));
}

} // namespace

Result<ServerAddress> ServerAddress::parse(const QString& url)
{
    // What is shown back never holds a password, even when one was typed in.
    const QUrl parsed(url, QUrl::StrictMode);
    const QString shown = parsed.isValid() ? parsed.toString(QUrl::RemovePassword) : QStringLiteral("the address");
    if (!PipelineLocation::isAddress(url)) {
        return badUrl(shown, QStringLiteral("it does not start with postgresql://"));
    }
    if (!parsed.isValid()) {
        return badUrl(shown, parsed.errorString());
    }
    const QString authority = url.section(QStringLiteral("://"), 1).section(QLatin1Char('/'), 0, 0);
    if (!parsed.password().isEmpty()
        || (authority.contains(QLatin1Char('@'))
            && authority.section(QLatin1Char('@'), 0, 0).contains(QLatin1Char(':')))) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' holds a password. A password in an address ends up in shell history "
                                        "and logs: remove it, and give it through PGPASSWORD, ~/.pgpass or "
                                        "--password-stdin.")
                             .arg(shown));
    }
    ServerAddress address;
    address.host = parsed.host();
    if (address.host.isEmpty()) {
        return badUrl(shown, QStringLiteral("it names no host"));
    }
    const int port = parsed.port(5432);
    if (port < 1 || port > 65535) {
        return badUrl(shown, QStringLiteral("the port is not between 1 and 65535"));
    }
    address.port = port;
    address.user = parsed.userName();
    address.database = parsed.path().mid(1);
    if (address.database.isEmpty() || address.database.contains(QLatin1Char('/'))) {
        return badUrl(shown, QStringLiteral("it names no database (the part after the last /)"));
    }
    const QUrlQuery query(parsed);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("sslmode")) {
            if (!SslModes.contains(value)) {
                return badUrl(shown,
                              QStringLiteral("sslmode must be one of %1").arg(SslModes.join(QStringLiteral(", "))));
            }
            address.sslMode = value;
        } else if (key == QLatin1String("connect_timeout")) {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 1 || seconds > 600) {
                return badUrl(shown, QStringLiteral("connect_timeout must be a number of seconds from 1 to 600"));
            }
            address.connectTimeoutSeconds = seconds;
        } else {
            return badUrl(shown,
                          QStringLiteral("it sets '%1', which DealBoard does not know (it knows sslmode and "
                                         "connect_timeout)")
                              .arg(key));
        }
    }
    if (address.sslMode.isEmpty()) {
        address.sslMode = address.isLoopback() ? QStringLiteral("prefer") : QStringLiteral("pin");
    }
    return address;
}

bool ServerAddress::isLoopback() const
{
    // An address or a socket, never a name: a name is whatever DNS or
    // /etc/hosts says it is ("127.evil.com", "localhost.attacker").
    if (host.isEmpty() || host.startsWith(QLatin1Char('/'))) {
        return true;
    }
    const QByteArray text = host.toLatin1();
    in_addr v4 {};
    if (inet_pton(AF_INET, text.constData(), &v4) == 1) {
        return (ntohl(v4.s_addr) >> 24) == 127;
    }
    in6_addr v6 {};
    return inet_pton(AF_INET6, text.constData(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool ServerAddress::isPinned() const
{
    return sslMode == QLatin1String("pin");
}

QString ServerAddress::shown() const
{
    QString url = QStringLiteral("postgresql://");
    if (!user.isEmpty()) {
        url += user + QLatin1Char('@');
    }
    url += host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    if (port != 5432) {
        url += QLatin1Char(':') + QString::number(port);
    }
    return url + QLatin1Char('/') + database;
}

QString ServerAddress::connectOptions() const
{
    // A pinned server's certificate is checked before libpq connects
    // (ServerTrust); libpq then asks for TLS, and for SCRAM bound to that TLS
    // channel, so that no one in between can take the password on a later
    // connection either.
    const QString tls = isPinned() ? QStringLiteral("sslmode=require;channel_binding=require")
                                   : QStringLiteral("sslmode=%1").arg(sslMode);
    return QStringLiteral("connect_timeout=%1;%2;application_name=dealboard").arg(connectTimeoutSeconds).arg(tls);
}

void setServerPassword(const QString& password)
{
    const QMutexLocker lock(&passwordMutex);
    givenPassword = password;
}

QString serverPassword()
{
    const QMutexLocker lock(&passwordMutex);
    return givenPassword;
}

} // namespace dealboard
