#pragma once

// Every dealboard-cli command, one file each in this folder.
#include "../Command.h"

namespace dealboard::cli {

std::unique_ptr<Command> makeInitCommand();
std::unique_ptr<Command> makeMigrateCommand();
std::unique_ptr<Command> makeCopyCommand();
std::unique_ptr<Command> makeAdminCommand();
std::unique_ptr<Command> makeServersCommand();
std::unique_ptr<Command> makeAddCommand();
std::unique_ptr<Command> makeEditCommand();
std::unique_ptr<Command> makeQualifyCommand();
std::unique_ptr<Command> makeMoveCommand();
// win, lose and reopen: a change of the deal's status.
std::unique_ptr<Command> makeStatusCommand(const QString& name);
std::unique_ptr<Command> makeDeleteCommand();
std::unique_ptr<Command> makeListCommand();
std::unique_ptr<Command> makeShowCommand();
std::unique_ptr<Command> makeExportCommand();
std::unique_ptr<Command> makeImportCommand();
std::unique_ptr<Command> makeReportCommand();
std::unique_ptr<Command> makeGoalCommand();
std::unique_ptr<Command> makeProbabilityCommand();
std::unique_ptr<Command> makeStageCommand();
std::unique_ptr<Command> makeLogCommand();
std::unique_ptr<Command> makeWatchCommand();
std::unique_ptr<Command> makeQuotaCommand();
// currency and rate: the reporting currency and the exchange rates.
std::unique_ptr<Command> makeCurrencyCommand();
std::unique_ptr<Command> makeRateCommand();
std::unique_ptr<Command> makeFollowupCommand();
// org and person: one implementation over the two kinds.
std::unique_ptr<Command> makeOrganizationCommand();
std::unique_ptr<Command> makePersonCommand();
std::unique_ptr<Command> makeDuplicatesCommand();
std::unique_ptr<Command> makeActivityCommand();
std::unique_ptr<Command> makeForecastCommand();
std::unique_ptr<Command> makeNoteCommand();
std::unique_ptr<Command> makePlanCommand();
std::unique_ptr<Command> makeFieldCommand();
std::unique_ptr<Command> makeMergeCommand();
std::unique_ptr<Command> makeSegmentCommand();
std::unique_ptr<Command> makeAttentionCommand();
std::unique_ptr<Command> makeSeedCommand();
std::unique_ptr<Command> makeCheckCommand();
std::unique_ptr<Command> makeBackupCommand();
std::unique_ptr<Command> makeRestoreCommand();

} // namespace dealboard::cli
