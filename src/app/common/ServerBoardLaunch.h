#pragma once

#include <QString>

namespace dealboard::gui {

// Starts a board of its own for a server (File > Connect to server…). The
// password goes to it through a pipe on its standard input
// (`dealboard --password-stdin`), never through its environment, which
// /proc/PID/environ shows for the process's whole life.
class ServerBoardLaunch final
{
public:
    // The new board's process id, or 0 when it could not be started.
    static qint64 start(const QString& program, const QString& server, const QString& password);
};

} // namespace dealboard::gui
