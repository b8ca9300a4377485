#pragma once

#include "dealboard/Clock.h"
#include "dealboard/Pipeline.h"

#include <QIODevice>
#include <QString>
#include <functional>
#include <memory>

namespace dealboard::cli {

// Exit codes of dealboard-cli, a contract with scripts.
enum ExitCode {
    ExitDone = 0,
    ExitUsage = 1,
    ExitBadInput = 2,
    ExitRefused = 3,
};

// What every command works with: the pipeline named by --db (opened only when
// a command needs it), the clock, and the ways a command ends (usage fault,
// refused action) or writes its output.
class Context final
{
public:
    Context(QString databasePath, std::shared_ptr<const Clock> clock);

    const QString& databasePath() const { return m_databasePath; }
    // Whether --db named the pipeline (else it is the one in the data folder).
    bool databaseNamed() const { return m_databaseNamed; }
    void setDatabaseNamed(bool named) { m_databaseNamed = named; }
    // Whether the command line names an --actor (refused on a team's server,
    // where the history names whoever is signed in).
    // The name is also the one a file's change log gives this run's changes.
    void setActor(const QString& actor)
    {
        m_actorGiven = true;
        m_actor = actor;
    }
    const Clock& clock() const { return *m_clock; }
    // Opens the pipeline (once); false after printing why.
    bool openService();
    // The open pipeline's service; only after openService() returned true.
    Pipeline& service() { return *m_service; }

    // Prints a usage fault and the hint to --help; returns ExitUsage.
    int usage(const QString& fault) const;
    // Prints a refused action (with each unmet rule); returns its exit code.
    int fail(const Error& error) const;
    // Writes with `write` to standard output ("-") or atomically to an
    // owner-only file that is not one of the pipeline's own.
    int writeOutput(const QString& out, const std::function<bool(QIODevice*)>& write) const;

private:
    static QString whereToLook(const Error& error);

    QString m_databasePath;
    bool m_databaseNamed = false;
    bool m_actorGiven = false;
    QString m_actor;
    std::shared_ptr<const Clock> m_clock;
    std::unique_ptr<Pipeline> m_service;
};

} // namespace dealboard::cli
