#pragma once

#include <QString>

namespace dealboard {

// Who is signed in to this computer, as a file's history and change log name
// whoever changes the pipeline (the board and the CLI alike, unless --actor
// says otherwise): $USER, else $LOGNAME, else the account of the process
// (a service or a container sets neither). Empty only when none is known.
QString systemUserName();

} // namespace dealboard
