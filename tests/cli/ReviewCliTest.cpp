// The pipeline review as a PDF, as a manager prints it for the weekly
// meeting: its text (pdftotext) carries the very figures `forecast` and
// `quota status` print, its two pages render (pdftoppm) with ink on them,
// and a bad target is refused without a file left behind.
#include "CliFixture.h"

#include <QFile>
#include <QImage>
#include <QRegularExpression>

namespace dealboard {

namespace {

class Review : public Cli
{
protected:
    // Output of a poppler tool, or empty with the failure added.
    QString tool(const QString& program, const QStringList& arguments)
    {
        QProcess process;
        process.start(program, arguments);
        if (!process.waitForFinished(60000) || process.exitCode() != 0) {
            ADD_FAILURE() << program.toStdString() << " failed: " << process.readAllStandardError().toStdString();
            return {};
        }
        return QString::fromUtf8(process.readAllStandardOutput());
    }

    // The cells of a table line as the CLI prints it: two spaces or more apart.
    static QStringList cells(const QString& line)
    {
        static const QRegularExpression gap(QStringLiteral("\\s{2,}"));
        return line.trimmed().split(gap, Qt::SkipEmptyParts);
    }

    // A line of `text` starting with `first` that holds every one of
    // `figures`, in order.
    static bool holdsInOrder(const QString& text, const QString& first, const QStringList& figures)
    {
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            if (!line.trimmed().startsWith(first + QLatin1Char(' '))) {
                continue;
            }
            qsizetype at = first.size();
            bool all = true;
            for (const QString& figure : figures) {
                at = line.indexOf(figure, at);
                if (at < 0) {
                    all = false;
                    break;
                }
                at += figure.size();
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
};

} // namespace

TEST_F(Review, ThePdfCarriesTheForecastTheOwnersFiguresAndTheAccuracyAndRendersThreePages)
{
    ASSERT_EQ(run({QStringLiteral("seed"), QStringLiteral("--deals"), QStringLiteral("300")}).exitCode, 0);
    for (const QStringList& desk :
         {QStringList {QStringLiteral("quota"), QStringLiteral("set"), QStringLiteral("Alice Martin"),
                       QStringLiteral("2026-03"), QStringLiteral("150000"), QStringLiteral("EUR")},
          QStringList {QStringLiteral("quota"), QStringLiteral("set"), QStringLiteral("Bruno Keller"),
                       QStringLiteral("2026-03"), QStringLiteral("20000"), QStringLiteral("EUR")},
          QStringList {QStringLiteral("probability"), QStringLiteral("set"), QStringLiteral("negotiation"),
                       QStringLiteral("0.5")}}) {
        ASSERT_EQ(run(desk).exitCode, 0) << desk.join(QLatin1Char(' ')).toStdString();
    }
    const QString pdf = m_dir.filePath(QStringLiteral("review.pdf"));
    const CliRun printed = run({QStringLiteral("export"), QStringLiteral("review"), QStringLiteral("--out"), pdf});
    ASSERT_EQ(printed.exitCode, 0) << printed.err.toStdString();
    EXPECT_TRUE(printed.out.contains(QStringLiteral("pipeline review of the team"))) << printed.out.toStdString();
    QFile file(pdf);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(file.read(5) == "%PDF-");

    const QString text = tool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    EXPECT_TRUE(text.contains(QStringLiteral("as of 2026-03-02"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Page 3 of 3"))) << text.toStdString();

    // Every team line of the CLI's forecast, figure for figure.
    const CliRun forecast = run({QStringLiteral("forecast"), QStringLiteral("--months"), QStringLiteral("3")});
    ASSERT_EQ(forecast.exitCode, 0);
    int compared = 0;
    for (const QString& line : forecast.out.split(QLatin1Char('\n'))) {
        const QStringList row = cells(line);
        if (row.size() == 7 && row.at(1) == u"(team)") {
            EXPECT_TRUE(holdsInOrder(text, row.at(0), row.mid(2))) << line.toStdString() << "\n" << text.toStdString();
            ++compared;
        }
    }
    EXPECT_GE(compared, 6); // overdue, three months, later, no date
    // And every owner's month against quota: Bruno is behind, in red on paper.
    const CliRun status = run({QStringLiteral("quota"), QStringLiteral("status")});
    ASSERT_EQ(status.exitCode, 0);
    compared = 0;
    for (const QString& line : status.out.split(QLatin1Char('\n'))) {
        const QStringList row = cells(line);
        if (row.size() == 10 && row.at(0) != u"OWNER") {
            // Owner, standing, quota, won, weighted rest.
            EXPECT_TRUE(holdsInOrder(text, row.at(0), {row.at(1), row.at(3), row.at(4)})) << line.toStdString() << "\n"
                                                                                          << text.toStdString();
            ++compared;
        }
    }
    EXPECT_GE(compared, 8); // every owner has deals closing this month
    const qsizetype alice = status.out.indexOf(QStringLiteral("Alice Martin"));
    ASSERT_GE(alice, 0);
    EXPECT_EQ(cells(status.out.mid(alice).section(QLatin1Char('\n'), 0, 0)).value(1), QStringLiteral("behind"))
        << status.out.toStdString();

    // The forecast's accuracy, the team's lines as the CLI says them, and
    // the slipped deals (the sample's close dates moved later).
    const CliRun accuracy = run({QStringLiteral("forecast"), QStringLiteral("accuracy")});
    ASSERT_EQ(accuracy.exitCode, 0) << accuracy.err.toStdString();
    compared = 0;
    for (const QString& line : accuracy.out.split(QLatin1Char('\n'))) {
        const QStringList row = cells(line);
        if (row.size() == 9 && row.at(1) == u"(team)") {
            EXPECT_TRUE(holdsInOrder(text, row.at(0), {row.at(3), row.at(4), row.at(8)})) << line.toStdString() << "\n"
                                                                                          << text.toStdString();
            ++compared;
        }
    }
    EXPECT_GE(compared, 12); // six months, three horizons each, most with a snapshot
    EXPECT_TRUE(text.contains(QStringLiteral("Forecast accuracy"))) << text.toStdString();
    const CliRun slipped = run({QStringLiteral("forecast"), QStringLiteral("slipped")});
    ASSERT_EQ(slipped.exitCode, 0) << slipped.err.toStdString();
    // On paper the twelve that slipped most: the most of all is there.
    QStringList most;
    int deals = 0;
    for (const QString& line : slipped.out.split(QLatin1Char('\n'))) {
        const QStringList row = cells(line);
        if (row.size() == 9 && row.at(0) != u"ID") {
            ++deals;
            if (most.isEmpty() || row.at(7).toInt() > most.at(7).toInt()
                || (row.at(7).toInt() == most.at(7).toInt() && row.at(8).toInt() > most.at(8).toInt())) {
                most = row;
            }
        }
    }
    ASSERT_FALSE(most.isEmpty()) << slipped.out.toStdString();
    EXPECT_TRUE(text.contains(most.at(2).left(16))) << most.join(u'|').toStdString();
    if (deals > 12) {
        EXPECT_TRUE(text.contains(QStringLiteral("of %1 open deals").arg(deals))) << text.toStdString();
    }

    // Three pages, each with ink on it.
    const QString prefix = m_dir.filePath(QStringLiteral("page"));
    tool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("40"), QStringLiteral("-png"), pdf, prefix});
    for (const char* page : {"page-1.png", "page-2.png", "page-3.png"}) {
        const QImage image(m_dir.filePath(QString::fromLatin1(page)));
        ASSERT_FALSE(image.isNull()) << page;
        EXPECT_GT(image.height(), image.width()) << "portrait";
        int dark = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                dark += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
            }
        }
        EXPECT_GT(dark, 500) << page;
    }
    EXPECT_FALSE(QFile::exists(m_dir.filePath(QStringLiteral("page-4.png"))));
}

TEST_F(Review, OneOwnersReviewHoldsOnlyTheirsAndABadTargetLeavesNoFile)
{
    ASSERT_EQ(run({QStringLiteral("seed"), QStringLiteral("--deals"), QStringLiteral("120")}).exitCode, 0);
    const QString pdf = m_dir.filePath(QStringLiteral("alice.pdf"));
    const CliRun printed = run({QStringLiteral("export"), QStringLiteral("review"), QStringLiteral("--owner"),
                                QStringLiteral("Alice Martin"), QStringLiteral("--out"), pdf});
    ASSERT_EQ(printed.exitCode, 0) << printed.err.toStdString();
    const QString text = tool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    EXPECT_TRUE(text.contains(QStringLiteral("For Alice Martin"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("Bruno Keller"))) << text.toStdString();

    const CliRun toStdout
        = run({QStringLiteral("export"), QStringLiteral("review"), QStringLiteral("--out"), QStringLiteral("-")});
    EXPECT_EQ(toStdout.exitCode, 1);
    EXPECT_TRUE(toStdout.err.contains(QStringLiteral("a PDF goes to a file"))) << toStdout.err.toStdString();
    const QString nowhere = m_dir.filePath(QStringLiteral("missing/review.pdf"));
    const CliRun missing = run({QStringLiteral("export"), QStringLiteral("review"), QStringLiteral("--out"), nowhere});
    EXPECT_EQ(missing.exitCode, 2) << missing.err.toStdString();
    EXPECT_FALSE(missing.err.isEmpty());
    EXPECT_FALSE(QFile::exists(nowhere));
}

} // namespace dealboard
