#pragma once

// Where a pipeline lives when it is not a file (PipelineLocation tells them apart): a PostgreSQL server, named by
// a URL wherever a pipeline is named (--db):
//   postgresql://[user@]host[:port]/dbname[?sslmode=...&connect_timeout=N]
// A password never goes into the URL (it would end up in shell history, in
// process lists and in logs): libpq reads PGPASSWORD or ~/.pgpass, and the
// CLI's --password-stdin hands one over with setServerPassword.
#include "dealboard/Result.h"

#include <QString>

namespace dealboard {

struct ServerAddress
{
    QString host;
    int port = 5432;
    QString user; // empty: libpq's default (PGUSER, else the login name)
    QString database;
    QString sslMode; // as libpq spells it, or "pin"; set for every address (see parse)
    int connectTimeoutSeconds = 10;

    // Reads a URL. Refuses, naming what is wrong: another scheme, a password
    // in it, no host or database, a bad port, an unknown parameter. To any
    // host but loopback TLS is required and the server's certificate pinned
    // on first use (sslmode=pin, see ServerTrust.h) unless the URL sets
    // sslmode itself.
    static Result<ServerAddress> parse(const QString& url);

    // An address of this machine (127.0.0.0/8, ::1) or a Unix socket; never
    // a name, which DNS or /etc/hosts may point anywhere.
    bool isLoopback() const;
    // Whether the server's certificate is checked against the one it showed
    // the first time (sslmode=pin).
    bool isPinned() const;
    // The URL without anything secret, for messages and logs.
    QString shown() const;
    // libpq's conninfo options besides host, port, user and database.
    QString connectOptions() const;
};

// The password for servers, when the caller gave one (--password-stdin);
// otherwise libpq's own PGPASSWORD and ~/.pgpass apply.
void setServerPassword(const QString& password);
QString serverPassword();

} // namespace dealboard
