#include "Commands.h"

namespace dealboard::cli {

const std::vector<std::unique_ptr<Command>>& allCommands()
{
    static const std::vector<std::unique_ptr<Command>> commands = [] {
        std::vector<std::unique_ptr<Command>> list;
        list.push_back(makeInitCommand());
        list.push_back(makeMigrateCommand());
        list.push_back(makeAddCommand());
        list.push_back(makeEditCommand());
        list.push_back(makeQualifyCommand());
        list.push_back(makeMoveCommand());
        list.push_back(makeStatusCommand(QStringLiteral("win")));
        list.push_back(makeStatusCommand(QStringLiteral("lose")));
        list.push_back(makeStatusCommand(QStringLiteral("reopen")));
        list.push_back(makeDeleteCommand());
        list.push_back(makeListCommand());
        list.push_back(makeShowCommand());
        list.push_back(makeReportCommand());
        list.push_back(makeForecastCommand());
        list.push_back(makeGoalCommand());
        list.push_back(makeProbabilityCommand());
        list.push_back(makeStageCommand());
        list.push_back(makePlanCommand());
        list.push_back(makeFieldCommand());
        list.push_back(makeQuotaCommand());
        list.push_back(makeCurrencyCommand());
        list.push_back(makeRateCommand());
        list.push_back(makeFollowupCommand());
        list.push_back(makeOrganizationCommand());
        list.push_back(makePersonCommand());
        list.push_back(makeDuplicatesCommand());
        list.push_back(makeActivityCommand());
        list.push_back(makeNoteCommand());
        list.push_back(makeMergeCommand());
        list.push_back(makeSegmentCommand());
        list.push_back(makeAttentionCommand());
        list.push_back(makeExportCommand());
        list.push_back(makeImportCommand());
        list.push_back(makeSeedCommand());
        list.push_back(makeLogCommand());
        list.push_back(makeWatchCommand());
        list.push_back(makeCheckCommand());
        list.push_back(makeBackupCommand());
        list.push_back(makeRestoreCommand());
        list.push_back(makeCopyCommand());
        list.push_back(makeAdminCommand());
        list.push_back(makeServersCommand());
        return list;
    }();
    return commands;
}

} // namespace dealboard::cli
