#include "dealboard/KnownServers.h"

#include "dealboard/AppPaths.h"

#include <QFile>
#include <QSaveFile>

namespace dealboard {

KnownServers::KnownServers(QString path)
    : m_path(path.isEmpty() ? AppPaths::knownServersFile() : std::move(path))
{
}

std::optional<QString> KnownServers::fingerprintOf(const QString& server) const
{
    for (const auto& [name, fingerprint] : all()) {
        if (name == server) {
            return fingerprint;
        }
    }
    return std::nullopt;
}

std::vector<std::pair<QString, QString>> KnownServers::all() const
{
    std::vector<std::pair<QString, QString>> servers;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return servers;
    }
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const QStringList parts = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (parts.size() == 2) {
            servers.emplace_back(parts[0], parts[1]);
        }
    }
    return servers;
}

Result<void> KnownServers::remember(const QString& server, const QString& fingerprint)
{
    std::vector<std::pair<QString, QString>> servers = all();
    std::erase_if(servers, [&](const auto& kept) { return kept.first == server; });
    servers.emplace_back(server, fingerprint);
    return save(servers);
}

Result<bool> KnownServers::forget(const QString& server)
{
    std::vector<std::pair<QString, QString>> servers = all();
    if (std::erase_if(servers, [&](const auto& kept) { return kept.first == server; }) == 0) {
        return false;
    }
    if (Result<void> saved = save(servers); !saved) {
        return saved.error();
    }
    return true;
}

Result<void> KnownServers::save(const std::vector<std::pair<QString, QString>>& servers) const
{
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Couldn't write the known servers to %1: %2.").arg(m_path, file.errorString()));
    }
    // Who may change it decides which server gets the team's passwords.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QByteArray text = "# Servers DealBoard trusts: host:port and the SHA-256 fingerprint of its TLS certificate.\n";
    for (const auto& [server, fingerprint] : servers) {
        text += server.toUtf8() + ' ' + fingerprint.toUtf8() + '\n';
    }
    if (file.write(text) != text.size() || !file.commit()) {
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Couldn't write the known servers to %1: %2.").arg(m_path, file.errorString()));
    }
    return {};
}

} // namespace dealboard
