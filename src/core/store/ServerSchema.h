#pragma once

// A pipeline's structure on a PostgreSQL server: the same tables, columns and
// names as in a file, in the public schema, with money as bigint, times as
// timestamptz, dates as date and every text column COLLATE "C" (so that text
// compares, sorts and folds case as SQLite's does). Its version is the one row
// of schema_version. A client never changes a server's structure while
// opening it: init creates it, migrate upgrades it, each in one transaction
// under an advisory lock.
#include "dealboard/Result.h"

#include <QStringList>

namespace dealboard {

class Database;

class ServerSchema final
{
public:
    // The first version a server's schema had: versions 1 and 2 only ever
    // existed in files.
    static constexpr int FirstVersion = 3;

    explicit ServerSchema(Database& database);

    // Accepts a database at this DealBoard's version; refuses (naming both
    // versions and what to do) an older or newer one, an empty one and one
    // that holds another program's tables.
    Result<void> acceptForUse();
    // Creates the structure in an empty database.
    Result<void> create();
    // Upgrades an older structure; says so when there was nothing to do.
    Result<QString> migrate();

    // Tables, views, sequences and functions in the public schema that
    // DealBoard never makes; empty when the structure is DealBoard's.
    QStringList faults();

    // The team's rights on the notes table (version 4) in the database named
    // `database`: part of init-team, and of migrate on a server whose team is
    // set up (ServerTeam.cpp).
    static QStringList teamRightsOnNotes(const QString& database);
    // Tables everybody reads and only a manager writes (the stage
    // probabilities and the quotas of version 5): their rights, as above.
    static QStringList teamRightsOnManagersTables(const QString& database, const QStringList& tables);
    // The change log (version 6): read under the rights of the rows it
    // describes, written only by the server's triggers.
    static QStringList teamRightsOnChangeLog(const QString& database);
    static inline const QStringList ManagersTablesOf5
        = {QStringLiteral("stage_probabilities"), QStringLiteral("quotas")};

    // Counts a commit of this connection (see Database::commit).
    static QString countChange();
    // The count of commits, for noticing other clients' changes.
    static QString readChanges();

private:
    struct Found
    {
        int version = 0; // 0: no schema_version table
        QStringList tables; // every table in public
    };
    Result<Found> look();
    // BEGIN, the schema's advisory lock, then look(); rolled back on failure.
    Result<Found> beginLocked();
    Error refuseForeign(const QStringList& tables) const;
    // Runs `statements` in the transaction beginLocked() began, then commits;
    // on a failure rolls it all back and logs the statement ("couldn't
    // `what`").
    Result<void> finishLocked(const QStringList& statements, const char* what);

    Database& m_database;
};

} // namespace dealboard
