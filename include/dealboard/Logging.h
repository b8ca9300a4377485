#pragma once

#include <QString>

namespace dealboard {

// Sets up spdlog: a rotating file in the data folder (everything at info, or
// debug with --verbose) and warnings and errors on stderr.
void initLogging(const QString& programName, bool verbose, const QString& logFile);

} // namespace dealboard
