#pragma once

#include "CommandLine.h"
#include "dealboard/PipelineService.h"

#include <QIODevice>
#include <QJsonArray>
#include <QSet>
#include <QStringList>
#include <functional>
#include <memory>

namespace dealboard::cli {

// Exit codes of dealboard-cli, a contract with scripts.
enum ExitCode {
    ExitDone = 0,
    ExitUsage = 1,
    ExitBadInput = 2,
    ExitRefused = 3,
};

// dealboard-cli: every user action, headless, through the same service the board uses.
class CliApp final
{
public:
    // `arguments` without the program name.
    int run(const QStringList& arguments);

private:
    int runCommand(const QStringList& arguments);
    int usage(const QString& fault) const;
    // Writes with `write` to standard output ("-") or atomically to a file.
    int writeOutput(const QString& out, const std::function<bool(QIODevice*)>& write);
    int fail(const Error& error) const;
    bool openService(); // false after printing why
    // A command about one deal: its options, the deal id first among the
    // `positionals`, and --actor / --expect-version. Usage faults set `code`.
    struct DealAction
    {
        CommandLine line;
        DealId id = 0;
        ActionOptions options;
    };
    // A command that prints a table (list, report): no positionals, and
    // --format table|csv|json. Usage faults set `code`.
    std::optional<CommandLine> parseTable(const QStringList& args, const OptionSpec& spec, int& code);
    std::optional<DealAction> parseDealAction(const QStringList& args, const OptionSpec& spec, qsizetype positionals,
                                              const QString& shape, int& code);
    std::optional<DealId> parseId(const QString& text);
    std::optional<ActionOptions> actionOptions(const CommandLine& line);
    std::optional<DealFields> dealFields(const CommandLine& line, int& exitCode);
    std::optional<DealFilter> dealFilter(const CommandLine& line, bool allowStage);

    int cmdInit(const QStringList& args);
    int cmdAdd(const QStringList& args);
    int cmdEdit(const QStringList& args);
    int cmdQualify(const QStringList& args);
    int cmdMove(const QStringList& args);
    int cmdStatusChange(const QString& command, const QStringList& args);
    int cmdDelete(const QStringList& args);
    int cmdList(const QStringList& args);
    int cmdShow(const QStringList& args);
    int cmdExport(const QStringList& args);
    int cmdReport(const QStringList& args);
    int cmdImport(const QStringList& args);
    int cmdGoal(const QStringList& args);
    std::optional<ReportFilter> reportFilter(const CommandLine& line);
    int exportReport(const CommandLine& line);
    int cmdSeed(const QStringList& args);
    // Organizations, people, segments, activities, follow-ups (ContactCommands.cpp).
    int cmdOrg(const QStringList& args);
    int cmdPerson(const QStringList& args);
    int cmdActivity(const QStringList& args);
    int cmdSegment(const QStringList& args);
    int cmdAttention(const QStringList& args);
    int cmdFollowup(const QStringList& args);
    int exportContacts(const QString& what, const CommandLine& line);
    int importPeople(const CommandLine& line);
    std::optional<CommandLine> parseListing(const QStringList& args, const OptionSpec& extra, int& code);
    // Prints a listing as --format asks: CSV, JSON, or a table and a count line.
    int printListing(const CommandLine& line, const std::function<bool(QIODevice*)>& csv, const QJsonArray& json,
                     const QStringList& header, const std::vector<QStringList>& rows, const QSet<int>& rightAligned,
                     const QString& countLine);
    // An activity's fields from options named `prefix` + type, subject, due, time, notes.
    std::optional<ActivityFields> activityFields(const CommandLine& line, const QString& prefix, int& code);
    int cmdCheck(const QStringList& args);
    // BackupCommands.cpp
    int cmdBackup(const QStringList& args);
    int cmdRestore(const QStringList& args);

    QString m_databasePath;
    bool m_databaseNamed = false; // --db was given, even if empty
    std::shared_ptr<const Clock> m_clock;
    std::unique_ptr<PipelineService> m_service;
};

} // namespace dealboard::cli
