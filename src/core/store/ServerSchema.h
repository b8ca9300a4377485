#pragma once

// A pipeline's structure on a PostgreSQL server: the same tables, columns and
// names as in a file, in the public schema, with money as bigint, times as
// timestamptz, dates as date and every text column COLLATE "C" (so that text
// compares, sorts and folds case as SQLite's does). Its version is the one row
// of schema_version. A client never changes a server's structure while
// opening it: init creates it, migrate upgrades it, each in one transaction
// under a lock (the version table's, or an advisory lock before there is one).
#include "StoreSchema.h"
#include "dealboard/Result.h"

#include <QStringList>

namespace dealboard {

class Database;

class ServerSchema final : public StoreSchema
{
public:
    // The first version a server's schema had: versions 1 and 2 only ever
    // existed in files.
    static constexpr int FirstVersion = 3;
    // A server's version. Versions 7 to 10 exist only on servers: a file's
    // structure is at Schema::Version (8), the same tables and columns (the
    // stage history's undo columns are a file's 7 and a server's 8; 9
    // changes only the server's functions; the contact merges are a file's 8
    // and a server's 10).
    static constexpr int Version = 15;

    explicit ServerSchema(Database& database);

    // Accepts a database at this DealBoard's version; refuses (naming both
    // versions and what to do) an older or newer one, an empty one and one
    // that holds another program's tables.
    Result<void> acceptForUse();
    Result<void> accept() override { return acceptForUse(); }
    // The server's own CHECKs, guards and rights stand; no client guards its structure.
    Result<void> guard() override { return {}; }
    // Creates the structure in an empty database.
    Result<void> create();
    // Upgrades an older structure; says so when there was nothing to do.
    Result<QString> migrate();

    // Tables, views, sequences and functions in the public schema that
    // DealBoard never makes; empty when the structure is DealBoard's.
    QStringList faults() override;

    // The team's rights on the notes table (version 4) in the database named
    // `database`: part of init-team, and of migrate on a server whose team is
    // set up (ServerTeam.cpp).
    static QStringList teamRightsOnNotes(const QString& database);
    // Tables everybody reads and only a manager writes (the stage
    // probabilities and the quotas of version 5): their rights, as above.
    static QStringList teamRightsOnManagersTables(const QString& database, const QStringList& tables);
    // A policy's condition: the session is a manager of the team in the
    // database named, or its owner (or runs as the tables' owner).
    static QString privilegedSql(const QString& database);
    // A table read by the whole team and written by a manager under
    // row-level security: only `columns` may be updated, and a row goes
    // through dealboard_remove_row.
    static QStringList readByAllSetByManagers(const QString& database, const QString& table, const QString& columns);
    // A deal's own rows (a plan's ticks, custom fields' values): read with
    // their deal, inserted (`inserted` columns) and updated (`updated`) by
    // whoever may change it, never deleted by a member.
    static QStringList readWithTheirDeal(const QString& database, const QString& table, const QString& inserted,
                                         const QString& updated);
    // The change log (version 6): read under the rights of the rows it
    // describes, written only by the server's triggers.
    static QStringList teamRightsOnChangeLog(const QString& database);
    static inline const QStringList ManagersTablesOf5
        = {QStringLiteral("stage_probabilities"), QStringLiteral("quotas")};

    // Version 7, the server as the last line of defence (ServerGuard.cpp):
    // the pipeline's rules as tables, the guards that apply them and derive
    // ids, times, versions and history, the archive of deleted deals, and
    // the change feed's transaction ids.
    static QStringList upgradeTo7();
    // Version 7's rights on a team: no table-wide UPDATE or DELETE for
    // members, contacts' rights and visibility, the end of stalled sessions.
    static QStringList teamRightsOf7(const QString& database);
    // Version 7's archive of deleted deals and contacts' rights (ServerArchive.cpp).
    static QStringList archiveStatements();
    // The archive's functions as they are now (CREATE OR REPLACE): deleting
    // and restoring a deal, a contact's tags, a manager's row removed, and
    // the helpers they share.
    static QStringList archiveFunctions();
    // The team's add_user function as it is now (CREATE OR REPLACE), for a
    // team set up by an older DealBoard.
    static QString addUserFunction();
    // The manager's tables (version 7 guards them and gives members no
    // table-wide rights on them).
    static const QStringList ManagersTables;
    // Version 8, undo that undoes (ServerUndo.cpp): the stage history's undo
    // columns, dealboard_undo_step, and the archive of deleted notes.
    static QStringList upgradeTo8();
    // dealboard_check_text with TextRules' rule as this version has it.
    static QString checkTextFunction(bool orReplace);
    // Version 8's rights on a team: its functions for the members.
    static QStringList teamRightsOf8(const QString& database);
    // Version 9 (ServerUndo.cpp): every function a member calls clears the
    // server's own marks as it begins; undo says why a step recorded before
    // version 8 can't be undone; dealboard_redo_step takes an undone step
    // again as it was.
    static QStringList upgradeTo9();
    static QStringList teamRightsOf9(const QString& database);
    // Version 10 (ServerMerge.cpp): contact_merges, logged, and the
    // functions that merge two contacts and undo a merge for a member.
    static QStringList upgradeTo10();
    static QStringList teamRightsOf10(const QString& database);
    // Version 11 (ServerMoney.cpp): money in every currency, as a file's
    // version 9: currencies and their minor units, the reporting currency
    // and exchange rates, forecast snapshots.
    static QStringList upgradeTo11();
    static QStringList teamRightsOf11(const QString& database);
    // Version 12: the stall marks a manager sets per stage, and the stays the
    // learned ones read (StallMarksTable.cpp).
    static QStringList upgradeTo12();
    static QStringList teamRightsOf12(const QString& database);
    // Version 13 (StageRulesTable.cpp): the point from which each adjustable
    // fact is needed, a manager's table the deal's guard reads.
    static QStringList upgradeTo13();
    static QStringList teamRightsOf13(const QString& database);
    static QString stageNeedsQuery(const QString& target);
    // Version 14 (StagePlanTable.cpp): the stages' plans, a manager's table,
    // and the ticks of deals' steps, which the deal's guard reads.
    static QStringList upgradeTo14();
    static QStringList teamRightsOf14(const QString& database);
    static QStringList upgradeTo15(); // CustomFieldTable.cpp
    static QStringList teamRightsOf15(const QString& database);
    // The deal's guard and history trigger as version 8 has them (CREATE OR
    // REPLACE), for a server at version 7.
    static QStringList guardFunctionsOf8();
    // The triggers of version 7, which a check expects to find.
    static const QStringList GuardTriggers;

    // The position of the newest change anybody committed, for noticing other
    // clients' changes where the connection cannot listen.
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
    // The guard of a deal's change and the history it writes (ServerDealGuard.cpp).
    static QString dealGuard();
    static QString dealHistory();
    // Runs `statements` in the transaction beginLocked() began, then commits;
    // on a failure rolls it all back and logs the statement ("couldn't
    // `what`").
    Result<void> finishLocked(const QStringList& statements, const char* what);

    Database& m_database;
};

} // namespace dealboard
