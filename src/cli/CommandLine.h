#pragma once

#include <QHash>
#include <QSet>
#include <QStringList>
#include <optional>

namespace dealboard::cli {

// The options a command accepts: name (without "--") -> whether it takes a value.
using OptionSpec = QHash<QString, bool>;

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
    bool flag(const QString& name) const { return m_flags.contains(name); }

private:
    QStringList m_positionals;
    QHash<QString, QString> m_values;
    QSet<QString> m_flags;
};

} // namespace dealboard::cli
