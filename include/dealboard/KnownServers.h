#pragma once

// The servers this user has trusted, with their certificates' SHA-256
// fingerprints, the way SSH keeps known hosts: one line a server,
// "host:port fingerprint", in a file only its owner may read or change.
#include "dealboard/Result.h"

#include <QString>
#include <optional>
#include <utility>
#include <vector>

namespace dealboard {

class KnownServers final
{
public:
    // The user's own file (AppPaths::knownServersFile()) unless given another.
    explicit KnownServers(QString path = QString());

    const QString& path() const { return m_path; }
    // The fingerprint kept for "host:port", if any.
    std::optional<QString> fingerprintOf(const QString& server) const;
    // Every server kept, in the file's order.
    std::vector<std::pair<QString, QString>> all() const;
    // Keeps (or replaces) the fingerprint of "host:port".
    Result<void> remember(const QString& server, const QString& fingerprint);
    // Drops "host:port"; false when it was not kept.
    Result<bool> forget(const QString& server);

private:
    Result<void> save(const std::vector<std::pair<QString, QString>>& servers) const;

    QString m_path;
};

} // namespace dealboard
