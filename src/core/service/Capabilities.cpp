#include "dealboard/service/Capabilities.h"

#include <QDir>

namespace dealboard::Capabilities {

bool has(Capability capability, const PipelineLocation& location)
{
    const bool onServer = location.isAddress();
    switch (capability) {
    case Capability::Backup:
    case Capability::Restore:
        return !onServer;
    case Capability::Team:
        return onServer;
    }
    return false;
}

Result<void> require(Capability capability, const PipelineLocation& location, const QString& subject)
{
    if (has(capability, location)) {
        return {};
    }
    switch (capability) {
    case Capability::Backup: {
        // The front end may add how it copies a pipeline into a file.
        Error onServer = makeError(ErrorCode::InvalidInput,
                                   QStringLiteral("A pipeline on a server is backed up on the server (pg_dump), or "
                                                  "copied into a file."));
        onServer.missing = QStringLiteral("file");
        onServer.subject = location.text();
        return onServer;
    }
    case Capability::Restore: {
        // The front end may add how it copies a backup into a new database.
        Error onServer = makeError(ErrorCode::InvalidInput,
                                   QStringLiteral("restore puts a file back in place of a pipeline file. A server's "
                                                  "pipeline is restored with pg_restore, or copied from a backup file "
                                                  "into a new database."));
        onServer.missing = QStringLiteral("database");
        onServer.subject = QDir::toNativeSeparators(subject);
        return onServer;
    }
    case Capability::Team:
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A team works on a server's pipeline (a postgresql:// address); '%1' is a "
                                        "file, which is one person's.")
                             .arg(location.text()));
    }
    return {};
}

} // namespace dealboard::Capabilities
