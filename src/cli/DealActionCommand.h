#pragma once

#include "Arguments.h"
#include "Command.h"

namespace dealboard::cli {

// A command on one or several deals by id (`move 12 15 contacting`): it reads
// the ids, --actor, --expect-version and --each, then act() reads the rest.
class DealActionCommand : public Command
{
protected:
    // `positionals`: how many the command takes with one deal id (the id
    // first); `several`: whether more ids may come before the rest.
    DealActionCommand(qsizetype positionals, bool several);

    // The usage fault when the deal ids are missing: "move needs deal ids and a stage…".
    virtual QString shape() const = 0;
    // Reads the action into the work to do.
    virtual Prepared act(Context& context, const DealAction& action) = 0;

private:
    Prepared prepare(Context& context, const CommandLine& line) final;

    qsizetype m_positionals;
    bool m_several;
};

} // namespace dealboard::cli
