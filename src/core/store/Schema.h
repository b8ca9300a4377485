#pragma once

// A pipeline file's structure (Schema.cpp) and its migrations (Migrations.cpp).
#include "StoreSchema.h"
#include "dealboard/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

struct sqlite3;

namespace dealboard {

class Database;

class Schema final : public StoreSchema
{
public:
    static constexpr int Version = 15;

    explicit Schema(Database& database);

    // The look at a file's main file alone (immutable, no locks, no journal
    // recovery) before any connection opens it: refuses, leaving it as it was,
    // a file that is not SQLite, another program's file, a newer schema.
    static Result<void> firstLook(const QString& absolute);
    // configureAndMigrate, never checkpointing a WAL into a file it refuses;
    // then guards the structure and logs this connection's changes.
    Result<void> accept() override;
    // Refuses what configureAndMigrate must not touch, and otherwise sets the
    // pragmas and migrates to Version, after a backup beside the file.
    Result<void> configureAndMigrate();
    // From now on every write is refused while the structure differs from
    // the one DealBoard makes; compares it now.
    void startGuarding();
    // Refuses (without ending the transaction) while the structure differs.
    Result<void> guard() override;
    // How the file's structure differs from DealBoard's; empty when equal.
    QStringList faults() override;
    // Whether the column totals the file keeps were found right, or made
    // right, at the open (StageTotalsTable::ensure); else they are summed.
    bool totalsKept() const { return m_totalsKept; }
    // Every object a new pipeline of schema `version` (1 to Version) holds,
    // as schemaDefinitions reads them: built in memory by the migrations.
    static QMap<QString, QString> definitionsAt(int version);

    // Version 7's columns of the stage history (what a step's undo puts back,
    // whether it was undone, which step an undo took back), in a file's or a
    // server's types (ServerSchema's version 8).
    static QStringList historyUndoColumns(const QString& timeType, const QString& textType);
    // Version 8's record of merged contacts (what an undo of a merge puts
    // back), in a file's or a server's types (ServerSchema's version 10).
    static QString contactMergesTable(bool onServer);

private:
    static Result<void> acceptableSchema(const QString& absolute, int version, int objects);
    // The structure a new file gets, read once from an in-memory database
    // built by the same migrations.
    static const QStringList& expectedShape();
    sqlite3* handle() const;
    Result<void> migrateTo(int version); // one step, from version - 1
    int schemaCookie(); // PRAGMA schema_version
    // Compares the structure with expectedShape; remembers the fault that
    // refuses every write, and the schema cookie it compared at.
    Result<void> verifySchema();
    Result<void> migrateTo1();
    Result<void> migrateTo2();
    Result<void> migrateTo3();
    Result<void> migrateTo4();
    Result<void> migrateTo5();
    Result<void> migrateTo6();
    Result<void> migrateTo7();
    Result<void> migrateTo8();
    Result<void> migrateTo9();
    Result<void> migrateTo10();
    Result<void> migrateTo11(); // StageTotalsTable.cpp
    Result<void> migrateTo12(); // StallMarksTable.cpp
    Result<void> migrateTo13(); // StageRulesTable.cpp
    Result<void> migrateTo14(); // StagePlanTable.cpp
    Result<void> migrateTo15(); // CustomFieldTable.cpp
    // The checks version 10 rewrites that a file before it does not hold as
    // DealBoard wrote them (another program changed its definitions).
    Result<QStringList> checksNotAsMade();

    Database& m_database;
    int m_targetVersion = Version; // lower only for definitionsAt's model of an older file
    bool m_totalsKept = false;
    bool m_guardSchema = false; // writes are refused while the structure is not DealBoard's
    int m_verifiedSchemaCookie = -1; // PRAGMA schema_version when it was compared
    QString m_schemaFault; // why writes are refused; empty when the structure is DealBoard's
};

} // namespace dealboard
