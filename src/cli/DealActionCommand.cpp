#include "DealActionCommand.h"

namespace dealboard::cli {

DealActionCommand::DealActionCommand(qsizetype positionals, bool several)
    : m_positionals(positionals)
    , m_several(several)
{
}

Prepared DealActionCommand::prepare(Context& context, const CommandLine& line)
{
    int code = 0;
    const std::optional<DealAction> action = readDealAction(context, line, m_positionals, shape(), code, m_several);
    if (!action) {
        return code;
    }
    return act(context, *action);
}

} // namespace dealboard::cli
