#include "CommandLine.h"

namespace dealboard::cli {

std::optional<CommandLine> CommandLine::parse(const QStringList& arguments, const OptionSpec& spec, QString& fault)
{
    CommandLine result;
    bool onlyPositionals = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (onlyPositionals || !argument.startsWith(QLatin1String("--")) || argument == QLatin1String("-")) {
            result.m_positionals << argument;
            continue;
        }
        if (argument == QLatin1String("--")) {
            onlyPositionals = true;
            continue;
        }
        QString name = argument.mid(2);
        std::optional<QString> inlineValue;
        if (const qsizetype equals = name.indexOf(QLatin1Char('=')); equals >= 0) {
            inlineValue = name.mid(equals + 1);
            name.truncate(equals);
        }
        const auto known = spec.constFind(name);
        if (known == spec.constEnd()) {
            fault = QStringLiteral("unknown option --%1").arg(name);
            return std::nullopt;
        }
        if (result.has(name) && known.value().takes != Takes::Values) {
            fault = QStringLiteral("--%1 is given twice").arg(name);
            return std::nullopt;
        }
        if (known.value().takes == Takes::Nothing) {
            if (inlineValue) {
                fault = QStringLiteral("--%1 takes no value").arg(name);
                return std::nullopt;
            }
            result.m_flags.insert(name);
            continue;
        }
        if (!inlineValue && i + 1 >= arguments.size()) {
            fault = QStringLiteral("--%1 needs a value").arg(name);
            return std::nullopt;
        }
        const QString value = inlineValue ? *inlineValue : arguments.at(++i);
        result.m_values.insert(name, value);
        result.m_repeated[name] << value;
    }
    return result;
}

std::optional<QString> CommandLine::value(const QString& name) const
{
    const auto found = m_values.constFind(name);
    if (found == m_values.constEnd()) {
        return std::nullopt;
    }
    return found.value();
}

} // namespace dealboard::cli
