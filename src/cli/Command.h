#pragma once

#include "CommandLine.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace dealboard::cli {

class Context;

// One option of a command, as its help shows it: `--name VALUE  text`.
// An empty `value` makes it a flag.
struct OptionDoc
{
    QString name;
    QString value;
    QString text;
};
using OptionDocs = std::vector<OptionDoc>;

// The options a parser accepts, from their documentation.
OptionSpec optionSpec(const OptionDocs& options);

// One way to call a command: `dealboard-cli NAME synopsis`, what it does, and
// the options it accepts. A command with sub-commands (org, export…) has a
// form per sub-command, whose synopsis starts with the sub-command's name.
struct CommandForm
{
    QString synopsis;
    QString summary;
    OptionDocs options;
};

// A dealboard-cli command: its name, its forms (from which both its parser's
// options and its help are made) and what it does. One file per command in
// src/cli/commands/; Commands.cpp lists them in the order the help shows.
class Command
{
public:
    virtual ~Command() = default;

    virtual QString name() const = 0;
    virtual std::vector<CommandForm> forms() const = 0;
    // Runs the command with its arguments (the command's name removed);
    // returns the exit code.
    virtual int run(Context& context, const QStringList& arguments) = 0;

    // `dealboard-cli NAME --help`: every form and its options.
    QString help() const;
    // The lines the overall help shows for this command.
    QString overview() const;
};

// The commands, in the order the overall help lists them.
const std::vector<std::unique_ptr<Command>>& allCommands();
Command* findCommand(const QString& name);

} // namespace dealboard::cli
