#pragma once

#include <QString>

namespace dealboard {

// Where DealBoard keeps its files when the user names none. The GUI and the
// CLI share them, so both see the same pipeline.
class AppPaths final
{
public:
    // Sets the application identity that QStandardPaths derives folders from.
    static void setApplicationIdentity();
    // The user's data folder (created owner-only when missing).
    static QString dataFolder();
    static QString defaultDatabase();
    static QString logFile();
    // The servers whose certificates this user trusts (KnownServers).
    static QString knownServersFile();
};

} // namespace dealboard
