#pragma once

// What one kind of pipeline can do and the other cannot, said in one place:
// a backup and a restore need a file; a team needs a server. Each refusal
// has one message, whoever asks (the board, the CLI, the service itself).
#include "dealboard/PipelineLocation.h"
#include "dealboard/Result.h"

#include <QString>

namespace dealboard {

enum class Capability {
    Backup, // a consistent copy of the pipeline into a new file: a file
    Restore, // a backup file put in place of the pipeline: a file
    Team, // a team's roles, logins and rights: a server
};

namespace Capabilities {

// Whether the pipeline at `location` can do it.
bool has(Capability capability, const PipelineLocation& location);
// Nothing when it can; otherwise the refusal (ErrorCode::InvalidInput) that
// says what it needs. `subject` is what the message names besides the
// pipeline: the backup file of a restore.
Result<void> require(Capability capability, const PipelineLocation& location, const QString& subject = {});

} // namespace Capabilities

} // namespace dealboard
