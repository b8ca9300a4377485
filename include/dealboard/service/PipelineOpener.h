#pragma once

// How a front end gets at a pipeline: opens a location (a file's path or a
// server's address) into a Pipeline, makes or upgrades a server's pipeline,
// copies one pipeline into another, and reads a whole table on a connection
// of its own (the board's background read). The front ends call this, never
// the store.
#include "dealboard/Clock.h"
#include "dealboard/CopyCounts.h"
#include "dealboard/Deal.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/Result.h"

#include <QString>
#include <functional>
#include <memory>
#include <vector>

class QObject;

namespace dealboard {

class DealStore;
class StallMarks;
class Pipeline;

class PipelineOpener final
{
public:
    // Opens (a new file is created owner-only) and, on a file, migrates the
    // pipeline; refuses, naming why, what is not one (see DealStore).
    static Result<std::unique_ptr<Pipeline>> open(const PipelineLocation& location, std::shared_ptr<const Clock> clock,
                                                  QObject* parent = nullptr);
    // Opens the pipeline and closes it again: why it would not open, if it
    // would not (the board's Connect dialog tries an address and a password).
    static Result<void> tryOpening(const PipelineLocation& location);
    // The store alone, for what builds a Pipeline of its own (the tests, the
    // benchmarks, the restore's check).
    static Result<std::unique_ptr<DealStore>> openStore(const QString& location);

    // Creates a pipeline in an empty database on a server; refuses one that
    // holds any table.
    static Result<void> initServer(const QString& url);
    // Upgrades a server's pipeline to this DealBoard's schema; says what it did.
    static Result<QString> migrateServer(const QString& url);
    // Every table of the pipeline `from` into `to` (a file or a server), all
    // or nothing, ids kept; `to` new or without rows. Stopped by `progress`,
    // nothing is kept (ErrorCode::Cancelled).
    static Result<CopyCounts> copy(const QString& from, const QString& to, const Progress& progress = {});
    // Every deal, read on a connection of its own with a small page cache,
    // so that the board's thread goes on while it reads; each is handed to
    // `each` as it is read, ordered by id.
    static Result<void> readAllDealsApart(const QString& location, const std::function<void(Deal&&)>& each);
    // The stall marks with the team's stays read, through a connection of
    // its own (the board reads them off its thread: at a million deals the
    // stays take seconds).
    static Result<StallMarks> readStallMarksApart(const QString& location, const QDateTime& now);
    // The file engine and its version, for the About dialog ("SQLite 3.40.1").
    static QString engineVersion();
};

} // namespace dealboard
