#include "Command.h"

#include "Arguments.h"
#include "Context.h"

namespace dealboard::cli {

namespace {

constexpr qsizetype SummaryColumn = 40;
constexpr qsizetype LineWidth = 88;

// Words of `text` in lines of at most `width` characters.
QStringList wrapped(const QString& text, qsizetype width)
{
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty()) {
        lines << line;
    }
    return lines;
}

// "  NAME synopsis" and its summary beside it (or below, when it is long).
QString formLine(const QString& name, const CommandForm& form)
{
    const QString head
        = QStringLiteral("  ") + name + (form.synopsis.isEmpty() ? QString() : QLatin1Char(' ') + form.synopsis);
    QString text;
    const QStringList synopsis = wrapped(head, LineWidth - 2);
    for (qsizetype i = 0; i < synopsis.size(); ++i) {
        text += (i == 0 ? QStringLiteral("  ") : QStringLiteral("         ")) + synopsis[i] + QLatin1Char('\n');
    }
    if (form.summary.isEmpty()) {
        return text;
    }
    const QStringList summary = wrapped(form.summary, LineWidth - SummaryColumn);
    const QString indent(SummaryColumn, QLatin1Char(' '));
    qsizetype first = 0;
    if (synopsis.size() == 1 && head.size() < SummaryColumn - 1) {
        text = head.leftJustified(SummaryColumn) + summary.front() + QLatin1Char('\n');
        first = 1;
    }
    for (qsizetype i = first; i < summary.size(); ++i) {
        text += indent + summary[i] + QLatin1Char('\n');
    }
    return text;
}

QString optionLine(const OptionDoc& option)
{
    QString head = QStringLiteral("  --") + option.name;
    if (!option.value.isEmpty()) {
        head += QLatin1Char(' ') + option.value;
    }
    if (head.size() < 27) {
        return head.leftJustified(28) + option.text + QLatin1Char('\n');
    }
    return head + QLatin1Char('\n') + QString(28, QLatin1Char(' ')) + option.text + QLatin1Char('\n');
}

} // namespace

OptionSpec optionSpec(const OptionDocs& options)
{
    OptionSpec spec;
    for (const OptionDoc& option : options) {
        spec.insert(option.name, option.repeatable ? OptionTakes(Takes::Values) : OptionTakes(!option.value.isEmpty()));
    }
    return spec;
}

QString Command::overview() const
{
    QString text;
    for (const CommandForm& form : forms()) {
        text += formLine(name(), form);
    }
    return text;
}

QString Command::help() const
{
    QString text;
    for (const CommandForm& form : forms()) {
        text += QStringLiteral("Usage: dealboard-cli [--db PATH] %1%2\n")
                    .arg(name(), form.synopsis.isEmpty() ? QString() : QLatin1Char(' ') + form.synopsis);
        if (!form.summary.isEmpty()) {
            text += QStringLiteral("  %1\n").arg(form.summary);
        }
        if (!form.options.empty()) {
            text += QStringLiteral("Options:\n");
            for (const OptionDoc& option : form.options) {
                text += optionLine(option);
            }
        }
        text += QLatin1Char('\n');
    }
    text += QStringLiteral("Every command also takes --db PATH and --verbose. Run 'dealboard-cli --help' for all "
                           "commands and the exit codes.\n");
    return text;
}

int Command::run(Context& context, const QStringList& arguments)
{
    Prepared prepared = read(context, arguments);
    if (const int* ended = std::get_if<int>(&prepared)) {
        return *ended;
    }
    if (!context.openService()) {
        return ExitBadInput;
    }
    return std::get<Work>(prepared)(context.service());
}

Prepared Command::read(Context& context, const QStringList& arguments)
{
    const OptionSpec spec = optionSpec(forms().front().options);
    const Reader next = [this](Context& c, const CommandLine& line) { return prepare(c, line); };
    return m_reading == Reading::Listing ? listed(context, arguments, spec, 0, next)
                                         : parsed(context, arguments, spec, next);
}

Prepared Command::prepare(Context& context, const CommandLine&)
{
    return context.usage(QStringLiteral("%1 reads its arguments itself").arg(name()));
}

Prepared Command::parsed(Context& context, const QStringList& arguments, const OptionSpec& spec, const Reader& next)
{
    QString fault;
    const std::optional<CommandLine> line = CommandLine::parse(arguments, withGlobals(spec), fault);
    if (!line) {
        return context.usage(fault);
    }
    return next(context, *line);
}

Prepared Command::listed(Context& context, const QStringList& arguments, OptionSpec spec, qsizetype positionals,
                         const Reader& next)
{
    spec.insert(QStringLiteral("format"), true);
    return parsed(context, arguments, spec, [positionals, &next](Context& c, const CommandLine& line) -> Prepared {
        if (line.positionals().size() > positionals) {
            return c.usage(QStringLiteral("unexpected argument '%1'").arg(line.positionals().at(positionals)));
        }
        const QString format = line.value(QStringLiteral("format")).value_or(QStringLiteral("table"));
        if (format != u"table" && format != u"csv" && format != u"json") {
            return c.usage(QStringLiteral("unknown format '%1' (use table, csv or json)").arg(format));
        }
        return next(c, line);
    });
}

Command* findCommand(const QString& name)
{
    for (const std::unique_ptr<Command>& command : allCommands()) {
        if (command->name() == name) {
            return command.get();
        }
    }
    return nullptr;
}

} // namespace dealboard::cli
