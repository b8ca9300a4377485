// Crash safety and two writers, with real processes on one database file.
#include "TestDatabase.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <csignal>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

QProcess* startWriter(const QString& db, const QStringList& mode)
{
    auto* process = new QProcess;
    process->start(QStringLiteral(DEALBOARD_WRITER_PATH), QStringList {db} + mode);
    EXPECT_TRUE(process->waitForStarted(10000));
    return process;
}

// Complete acknowledgement lines only: a kill can cut the last one short.
QStringList acknowledgements(const QByteArray& out)
{
    QStringList lines = QString::fromUtf8(out).split(QLatin1Char('\n'));
    lines.removeLast(); // empty after the last newline, or an unfinished line
    return lines;
}

} // namespace

TEST(Reliability, KillingAWriterNeverLosesAnAcknowledgedAction)
{
    TestDatabase db;
    db.close();
    QRandomGenerator random(20261127); // the same kill moments on every run
    int acknowledged = 0;
    for (int round = 0; round < 25; ++round) {
        std::unique_ptr<QProcess> writer(startWriter(db.path(), {QStringLiteral("forever")}));
        // Let it get to work (however slow the build, e.g. under sanitizers),
        // then kill it at a random moment of its writing.
        QByteArray out;
        while (!out.contains('\n') && writer->waitForReadyRead(30000)) {
            out += writer->readAllStandardOutput();
        }
        ASSERT_TRUE(out.contains('\n')) << "the writer acknowledged nothing: "
                                        << writer->readAllStandardError().toStdString();
        QThread::msleep(random.bounded(120));
        ::kill(static_cast<pid_t>(writer->processId()), SIGKILL);
        ASSERT_TRUE(writer->waitForFinished(10000));
        out += writer->readAllStandardOutput();
        const QStringList lines = acknowledgements(out);

        db.reopen();
        ASSERT_TRUE(db.isOpen()) << "round " << round << ": the pipeline did not open after the kill";
        const CheckReport report = db.service().check().value();
        ASSERT_TRUE(report.faults.isEmpty())
            << "round " << round << ": " << report.faults.join(QLatin1Char('\n')).toStdString();
        for (const QString& line : lines) {
            const QStringList parts = line.split(QLatin1Char(' '));
            ASSERT_EQ(parts.size(), 3) << line.toStdString();
            Result<Deal> deal = db.service().deals().get(parts[1].toLongLong());
            ASSERT_TRUE(deal.ok()) << "round " << round << ": acknowledged but missing: " << line.toStdString();
            if (parts[0] == u"created") {
                EXPECT_EQ(deal.value().title, parts[2]);
            } else if (parts[0] == u"moved") {
                EXPECT_GE(deal.value().stage, Stage::Contacting) << line.toStdString();
            } else if (parts[0] == u"edited") {
                EXPECT_EQ(deal.value().company, parts[2]) << line.toStdString();
            }
            ++acknowledged;
        }
        db.close();
    }
    EXPECT_GE(acknowledged, 25); // every round acknowledged at least one action before its kill
}

TEST(Reliability, TwoWritersOnOneFileNeverSeeDatabaseIsLocked)
{
    TestDatabase db;
    db.close();
    std::unique_ptr<QProcess> first(startWriter(db.path(), {QStringLiteral("count"), QStringLiteral("150")}));
    std::unique_ptr<QProcess> second(startWriter(db.path(), {QStringLiteral("count"), QStringLiteral("150")}));
    // A reader in this process at the same time.
    db.reopen();
    for (int i = 0; i < 20; ++i) {
        ASSERT_TRUE(db.service().deals().list().ok());
        QThread::msleep(5);
    }
    for (QProcess* writer : {first.get(), second.get()}) {
        ASSERT_TRUE(writer->waitForFinished(60000));
        EXPECT_EQ(writer->exitCode(), 0) << writer->readAllStandardError().toStdString();
        EXPECT_FALSE(QString::fromUtf8(writer->readAllStandardError()).contains(QStringLiteral("locked")));
    }
    EXPECT_EQ(db.service().deals().list().value().size(), 300u);
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
}

TEST(Reliability, FullDiskRefusesTheActionPlainlyAndKeepsTheDatabaseSound)
{
    DEALBOARD_FILE_ONLY("a full disk under the file");
    TestDatabase db;
    for (int i = 0; i < 20; ++i) {
        db.create(QStringLiteral("Before %1").arg(i));
    }
    db.close();
    std::unique_ptr<QProcess> writer(startWriter(db.path(), {QStringLiteral("full")}));
    ASSERT_TRUE(writer->waitForFinished(60000));
    const QString err = QString::fromUtf8(writer->readAllStandardError());
    EXPECT_EQ(writer->exitCode(), 2) << err.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral("disk may be full"))) << err.toStdString();
    db.reopen();
    EXPECT_EQ(db.service().deals().list().value().size(), 20u); // the seed was one transaction: none of it stayed
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
}
