// dealboard-cli's commands run in-process, through the dealboard_cli library
// the binary is built from, on real pipeline files in a temporary folder.
#include "CliApp.h"
#include "Command.h"
#include "dealboard/DealStore.h"
#include "dealboard/service/PipelineOpener.h"

#include <QFile>
#include <QTemporaryDir>
#include <cstdio>
#include <gtest/gtest.h>
#include <unistd.h>

namespace dealboard::cli {
namespace {

struct Captured
{
    int exitCode = -1;
    QString out;
    QString err;
};

class InProcessCommand : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        qputenv("DEALBOARD_NOW", "2026-03-02T09:00:00Z");
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
        qputenv("USER", "rep");
    }
    void TearDown() override { qunsetenv("DEALBOARD_NOW"); }

    QString db() const { return m_dir.filePath(QStringLiteral("pipeline.dealboard")); }

    // Runs `arguments` (after --db) in this process, with what it prints on
    // standard output and error captured in files.
    Captured run(QStringList arguments)
    {
        arguments.prepend(db());
        arguments.prepend(QStringLiteral("--db"));
        const QString outPath = m_dir.filePath(QStringLiteral("out.txt"));
        const QString errPath = m_dir.filePath(QStringLiteral("err.txt"));
        std::fflush(stdout);
        std::fflush(stderr);
        const int savedOut = ::dup(STDOUT_FILENO);
        const int savedErr = ::dup(STDERR_FILENO);
        FILE* out = std::fopen(outPath.toLocal8Bit().constData(), "w");
        FILE* err = std::fopen(errPath.toLocal8Bit().constData(), "w");
        ::dup2(::fileno(out), STDOUT_FILENO);
        ::dup2(::fileno(err), STDERR_FILENO);
        Captured captured;
        captured.exitCode = CliApp().run(arguments);
        std::fflush(stdout);
        std::fflush(stderr);
        ::dup2(savedOut, STDOUT_FILENO);
        ::dup2(savedErr, STDERR_FILENO);
        ::close(savedOut);
        ::close(savedErr);
        std::fclose(out);
        std::fclose(err);
        QFile outFile(outPath);
        QFile errFile(errPath);
        EXPECT_TRUE(outFile.open(QIODevice::ReadOnly) && errFile.open(QIODevice::ReadOnly));
        captured.out = QString::fromUtf8(outFile.readAll());
        captured.err = QString::fromUtf8(errFile.readAll());
        return captured;
    }

    std::optional<Deal> storedDeal(DealId id)
    {
        auto store = PipelineOpener::openStore(db());
        EXPECT_TRUE(store.ok());
        auto deal = store.value()->deals().find(id);
        EXPECT_TRUE(deal.ok());
        return deal.value();
    }

    QTemporaryDir m_dir;
};

TEST_F(InProcessCommand, AddedDealIsStoredAndMovedByTheRules)
{
    Captured added = run({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Fleet renewal"),
                          QStringLiteral("--value"), QStringLiteral("1200.50"), QStringLiteral("--currency"),
                          QStringLiteral("EUR")});
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    const DealId id = added.out.trimmed().toLongLong();
    ASSERT_GT(id, 0);
    EXPECT_EQ(storedDeal(id)->value.minor, 120050);

    Captured moved = run({QStringLiteral("move"), QString::number(id), QStringLiteral("qualifying")});
    EXPECT_EQ(moved.exitCode, 0) << moved.err.toStdString();
    EXPECT_EQ(moved.out, QStringLiteral("Moved 'Fleet renewal' to Qualifying.\n"));
    EXPECT_EQ(storedDeal(id)->stage, Stage::Qualifying);
}

TEST_F(InProcessCommand, RefusedMoveNamesWhatIsMissingAndLeavesTheDeal)
{
    Captured added = run({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Unqualified")});
    const DealId id = added.out.trimmed().toLongLong();
    ASSERT_EQ(run({QStringLiteral("move"), QString::number(id), QStringLiteral("qualifying")}).exitCode, 0);
    const std::int64_t version = storedDeal(id)->version;

    Captured refused = run({QStringLiteral("move"), QString::number(id), QStringLiteral("contacting")});
    EXPECT_EQ(refused.exitCode, 3);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("unmet: willing"))) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("unmet: budget"))) << refused.err.toStdString();
    EXPECT_EQ(storedDeal(id)->stage, Stage::Qualifying);
    EXPECT_EQ(storedDeal(id)->version, version);
}

// The help and the parser come from the same option list: every option a
// command's help shows is one its parser accepts, and its help names it.
TEST_F(InProcessCommand, EveryDocumentedOptionIsAcceptedAndNamedInItsHelp)
{
    ASSERT_EQ(run({QStringLiteral("init")}).exitCode, 0);
    int checked = 0;
    for (const std::unique_ptr<Command>& command : allCommands()) {
        Captured help = run({command->name(), QStringLiteral("--help")});
        EXPECT_EQ(help.exitCode, 0) << command->name().toStdString();
        for (const CommandForm& form : command->forms()) {
            // A group's sub-command is the synopsis's first word (org add, export deals…).
            QStringList arguments {command->name()};
            const QString first = form.synopsis.section(QLatin1Char(' '), 0, 0);
            if (!first.isEmpty() && first.front().isLower()) {
                arguments << first.section(QLatin1Char('|'), 0, 0);
            }
            for (const OptionDoc& option : form.options) {
                EXPECT_TRUE(help.out.contains(QStringLiteral("--") + option.name))
                    << command->name().toStdString() << " --help does not name --" << option.name.toStdString();
                QStringList withOption = arguments;
                withOption << QStringLiteral("--") + option.name;
                if (!option.value.isEmpty()) {
                    withOption << QStringLiteral("0");
                }
                withOption << QStringLiteral("--definitely-unknown");
                // Parsing stops at the unknown option, after accepting the documented one.
                Captured parsed = run(withOption);
                EXPECT_FALSE(parsed.err.contains(QStringLiteral("unknown option --%1\n").arg(option.name)))
                    << withOption.join(QLatin1Char(' ')).toStdString() << ": " << parsed.err.toStdString();
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 80);
}

TEST_F(InProcessCommand, UnknownCommandIsAUsageFault)
{
    Captured result = run({QStringLiteral("frobnicate")});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.startsWith(QStringLiteral("dealboard-cli: unknown command 'frobnicate'")));
    EXPECT_FALSE(QFile::exists(db()));
}

} // namespace
} // namespace dealboard::cli
