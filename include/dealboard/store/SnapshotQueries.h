#pragma once

#include "dealboard/ForecastAccuracy.h"
#include "dealboard/Result.h"

#include <QDateTime>
#include <QStringList>
#include <vector>

namespace dealboard {

class Database;

// The forecast's daily snapshots (forecast_snapshots) and what the forecast
// accuracy reads beside them: the change log's close-date changes and the
// open deals. Everyone reads them; on a team's server only a manager takes
// a snapshot, and the server keeps one a day.
class SnapshotQueries final
{
public:
    explicit SnapshotQueries(Database& database);

    // The table, on a file or a server (file schema 9, server 11).
    static QString tableStatement(bool onServer);
    // On a server: the guard that names who took it and keeps one a day.
    static QStringList serverGuard();
    // On a team's server: everyone reads, managers insert, nobody changes.
    static QStringList teamRights(const QString& database);

    // Whether a snapshot of `day` is stored.
    Result<bool> takenOn(const QDate& day);
    // Inside a WriteTransaction: a day's rows, by `by` at `at`.
    Result<void> insert(const std::vector<SnapshotRow>& rows, const QDateTime& at, const QString& by);
    // The rows of the snapshots taken from `from` to `to`, inclusive.
    Result<std::vector<SnapshotRow>> rows(const QDate& from, const QDate& to);
    // Every day a snapshot was taken, oldest first.
    Result<std::vector<QDate>> days();
    // Every change of a deal's expected close in the change log, in its
    // order (on a server, of the deals this login may see).
    Result<std::vector<CloseDateChange>> closeDateChanges();
    // The open deals as the slipped deals show them.
    Result<std::vector<SlippedDeal>> openDeals();
    // Inside the sample pipeline's WriteTransaction: a deal's close date
    // moved, as a rep would (logged as any change).
    Result<void> moveSampleClose(DealId id, const QDate& close);

private:
    Database& m_database;
};

} // namespace dealboard
