#pragma once

#include <QString>
#include <memory>

namespace dealboard {
class Pipeline;
}

namespace dealboard::bench {

// The pipeline at `url` opened as a board opens it; null (and why on
// standard error) when it cannot be.
std::unique_ptr<Pipeline> openPipeline(const QString& url);

struct CrowdOptions
{
    QString url; // the team's pipeline, as --db names it
    int boards = 300;
    int threads = 4; // the boards' event loops
    double movesPerSecond = 5;
    double seconds = 600;
    int deals = 40; // the shared deals moved, ids 1 to this
    QString serverData; // the server's data folder, for its memory; empty: not measured
};

// Runs the crowd and prints one JSON line of what it measured; 0 when every
// board ended holding every deal's last version and read none twice.
int crowd(const CrowdOptions& options);

} // namespace dealboard::bench
