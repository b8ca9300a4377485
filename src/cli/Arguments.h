#pragma once

// Reading a command's arguments into the service's types. Each helper prints
// the usage fault or refusal itself and leaves the exit code in `code`.
#include "CommandLine.h"
#include "dealboard/Contacts.h"
#include "dealboard/Pipeline.h"
#include "dealboard/PipelineReport.h"

#include <optional>

namespace dealboard::cli {

class Context;

// A command's options plus the global ones (--db, --verbose).
OptionSpec withGlobals(OptionSpec spec);
std::optional<bool> parseYesNo(const QString& text);
// A positive whole number, the form of every record's id.
std::optional<std::int64_t> parseId(const QString& text);
// The one id a command line names (`activity done 7`); none when it names
// none, several, or something that is not an id.
std::optional<std::int64_t> onlyId(const CommandLine& line);
// --actor (default: $USER) and --expect-version; nullopt when the version is not a number.
std::optional<ActionOptions> actionOptions(const CommandLine& line);

// A command about one deal: the deal id first among `positionals` of a
// parsed `line` (else `shape` is the usage fault), and --actor / --expect-version.
// With `several`, one or more deal ids come first (`move 12 15 19
// contacting`); `line`'s positionals then read as if there were one.
struct DealAction
{
    CommandLine line;
    DealId id = 0; // the first of `ids`
    std::vector<DealId> ids;
    bool each = false; // --each: do the allowed ones, name the refused
    ActionOptions options;
};
std::optional<DealAction> readDealAction(const Context& context, CommandLine line, qsizetype positionals,
                                         const QString& shape, int& code, bool several);
// Runs `one` (the action on a deal; what to print when done) on each of the
// action's deals as one action, prints what was done, and names the refused:
// exit 0 when all were done, 3 when any was refused (with --each the rest
// were done; otherwise none).
int runOnEach(Context& context, const DealAction& action, const std::function<Result<QString>(DealId)>& one);
// The deal options given. `ofTheDeal` (edit): a --value without --currency
// is left for withDealValue, read with the decimals of the deal's currency.
std::optional<DealFields> dealFields(const Context& context, const CommandLine& line, int& code,
                                     bool ofTheDeal = false);
Result<DealFields> withDealValue(const CommandLine& line, DealFields fields, const Deal& deal);
// A stage by its key or its name as the board shows it ("Customer
// Retention"), in any case; empty when there is no such stage.
std::optional<Stage> stageArgument(const QString& given);
// "unknown stage 'X'; the stages are prospecting, …, retention (or their names)"
QString unknownStage(const QString& given);

std::optional<DealFilter> dealFilter(const Context& context, const CommandLine& line);
std::optional<ReportFilter> reportFilter(const Context& context, const CommandLine& line);
// An activity's fields from the options named `prefix` + type, subject, due, time, notes.
std::optional<ActivityFields> activityFields(const Context& context, const CommandLine& line, const QString& prefix,
                                             int& code);

} // namespace dealboard::cli
