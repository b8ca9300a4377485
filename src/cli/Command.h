#pragma once

#include "CommandLine.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <variant>
#include <vector>

namespace dealboard {
class Pipeline;
}

namespace dealboard::cli {

class Context;

// One option of a command, as its help shows it: `--name VALUE  text`.
// An empty `value` makes it a flag.
struct OptionDoc
{
    QString name;
    QString value;
    QString text;
    bool repeatable = false; // given once per value
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

// What a command does on the open pipeline; returns the exit code.
using Work = std::function<int(Pipeline&)>;
// What a command made of its arguments: the exit code it ended with (a usage
// fault or a refusal, already printed, or work done without the pipeline), or
// the work to do on the pipeline.
using Prepared = std::variant<int, Work>;

// A dealboard-cli command: its name, its forms (from which both its parser's
// options and its help are made) and what it does. One file per command in
// src/cli/commands/; Commands.cpp lists them in the order the help shows.
//
// A command parses its arguments here, reads them into the work to do, and
// only then is the pipeline opened, here too: a usage fault never opens (nor
// creates) it, and a command that needs no pipeline never returns work.
class Command
{
public:
    virtual ~Command() = default;

    virtual QString name() const = 0;
    virtual std::vector<CommandForm> forms() const = 0;
    // Runs the command with its arguments (the command's name removed);
    // returns the exit code.
    int run(Context& context, const QStringList& arguments);

    // `dealboard-cli NAME --help`: every form and its options.
    QString help() const;
    // The lines the overall help shows for this command.
    QString overview() const;

protected:
    // How a command's own arguments read: a command line, or a listing's,
    // which also takes --format table|csv|json and no positional.
    enum class Reading { Line, Listing };
    explicit Command(Reading reading = Reading::Line)
        : m_reading(reading)
    {
    }

    // What reads a parsed command line into the work to do.
    using Reader = std::function<Prepared(Context&, const CommandLine&)>;

    // Reads the arguments into the work to do. By default they are parsed with
    // the first form's options and prepare() reads them; a command with
    // sub-commands picks one here and parses the rest with parsed() or listed().
    virtual Prepared read(Context& context, const QStringList& arguments);
    // Reads the parsed arguments; only commands that keep read() have one.
    virtual Prepared prepare(Context& context, const CommandLine& line);

    // Parses `arguments` with `spec` and the global options (--db, --verbose)
    // and hands the line to `next`; a usage fault ends the command.
    static Prepared parsed(Context& context, const QStringList& arguments, const OptionSpec& spec, const Reader& next);
    // The same for a listing: --format table|csv|json as well, and at most
    // `positionals` positionals (such as the deal's id).
    static Prepared listed(Context& context, const QStringList& arguments, OptionSpec spec, qsizetype positionals,
                           const Reader& next);

private:
    Reading m_reading;
};

// The commands, in the order the overall help lists them.
const std::vector<std::unique_ptr<Command>>& allCommands();
Command* findCommand(const QString& name);

} // namespace dealboard::cli
