#pragma once

// person import FILE.vcf and person export --format vcard: people as vCard,
// the person command's own sub-commands (ContactCommand.cpp lists them).
#include "../Command.h"

namespace dealboard::cli {

class CommandLine;

CommandForm personImportForm();
CommandForm personExportForm();
Prepared importPeopleFromVCard(Context& context, const CommandLine& line);
Prepared exportPeopleAsVCard(Context& context, const CommandLine& line);

} // namespace dealboard::cli
