#pragma once

#include <QHash>
#include <QSet>
#include <QStringList>
#include <optional>

namespace dealboard::cli {

// What an option takes: nothing (a flag), one value, or a value each time it
// is given (--stage-map A=x --stage-map B=y). From a bool: whether it takes
// a value.
enum class Takes { Nothing, Value, Values };
struct OptionTakes
{
    OptionTakes(bool value) // NOLINT(google-explicit-constructor): specs are written {name, true}
        : takes(value ? Takes::Value : Takes::Nothing)
    {
    }
    OptionTakes(Takes what) // NOLINT(google-explicit-constructor)
        : takes(what)
    {
    }
    Takes takes;
};

// The options a command accepts: name (without "--") -> what it takes.
using OptionSpec = QHash<QString, OptionTakes>;

// A command's arguments, split into positionals, valued options and flags.
class CommandLine final
{
public:
    // Parses `arguments`; on a usage fault returns nullopt and sets `fault`.
    static std::optional<CommandLine> parse(const QStringList& arguments, const OptionSpec& spec, QString& fault);

    const QStringList& positionals() const { return m_positionals; }
    void setPositionals(QStringList positionals) { m_positionals = std::move(positionals); }
    bool has(const QString& name) const { return m_values.contains(name) || m_flags.contains(name); }
    std::optional<QString> value(const QString& name) const;
    // Every value of an option given again and again, in order.
    QStringList values(const QString& name) const { return m_repeated.value(name); }
    bool flag(const QString& name) const { return m_flags.contains(name); }

private:
    QStringList m_positionals;
    QHash<QString, QString> m_values;
    QSet<QString> m_flags;
    QHash<QString, QStringList> m_repeated;
};

} // namespace dealboard::cli
