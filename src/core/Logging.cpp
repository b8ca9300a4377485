#include "dealboard/Logging.h"

#include <QFile>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace dealboard {

void initLogging(const QString& programName, bool verbose, const QString& logFile)
{
    std::vector<spdlog::sink_ptr> sinks;
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
    console->set_pattern("%n: %^%l%$: %v");
    sinks.push_back(console);
    if (!logFile.isEmpty()) {
        try {
            auto file
                = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(logFile.toStdString(), 5 * 1024 * 1024, 3);
            file->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
            file->set_pattern("%Y-%m-%d %H:%M:%S.%e [%n %P] %l: %v");
            // The log names deals and companies: readable by the user only.
            QFile::setPermissions(logFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            sinks.push_back(file);
        } catch (const spdlog::spdlog_ex& error) {
            console->log(spdlog::details::log_msg(programName.toStdString(), spdlog::level::warn,
                                                  fmt::format("can't write the log file: {}", error.what())));
        }
    }
    auto logger = std::make_shared<spdlog::logger>(programName.toStdString(), sinks.begin(), sinks.end());
    logger->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

} // namespace dealboard
