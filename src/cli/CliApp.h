#pragma once

#include <QStringList>

namespace dealboard::cli {

// dealboard-cli: the global options (--db, --verbose, --help, --version),
// then the command named next (src/cli/commands/), through the same service
// the board uses. Built into the dealboard_cli library, so tests can run a
// command in-process as well as through the real binary.
class CliApp final
{
public:
    // `arguments` without the program name; returns the exit code.
    int run(const QStringList& arguments);
    // The overall --help, made from every command's forms.
    static QString helpText();

private:
    int runCommand(const QStringList& arguments);
};

} // namespace dealboard::cli
