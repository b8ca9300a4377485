#include "dealboard/ServerAddress.h"

#include <QMutex>
#include <QUrl>
#include <QUrlQuery>

namespace dealboard {

namespace {

QMutex passwordMutex;
QString givenPassword;

const QStringList SslModes = {QStringLiteral("disable"), QStringLiteral("allow"),     QStringLiteral("prefer"),
                              QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};

Error badUrl(const QString& url, const QString& what)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("'%1' is not a pipeline address DealBoard can use: %2. Write "
                                    "postgresql://user@host:port/database, or give a file's path.")
                         .arg(url, what));
}

} // namespace

bool ServerAddress::isServerUrl(const QString& text)
{
    return text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

Result<ServerAddress> ServerAddress::parse(const QString& url)
{
    // What is shown back never holds a password, even when one was typed in.
    const QUrl parsed(url, QUrl::StrictMode);
    const QString shown = parsed.isValid() ? parsed.toString(QUrl::RemovePassword) : QStringLiteral("the address");
    if (!isServerUrl(url)) {
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
        address.sslMode = address.isLoopback() ? QStringLiteral("prefer") : QStringLiteral("require");
    }
    return address;
}

bool ServerAddress::isLoopback() const
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    return host == QLatin1String("::1") || host.startsWith(QLatin1String("127."));
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
    return QStringLiteral("connect_timeout=%1;sslmode=%2;application_name=dealboard")
        .arg(connectTimeoutSeconds)
        .arg(sslMode);
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
