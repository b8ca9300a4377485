// The pipeline review on paper keeps every header and cell whole, read back
// through pdftotext and looked at through pdftoppm: long titles, huge
// amounts and long owners' names wrap or widen their column, never lose a
// letter, and text stored with direction or control characters is printed
// with them written out.
#include "ReviewDocument.h"

#include "GuiTestSupport.h"
#include "TestDatabase.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

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

// The text with its lines joined, each run of spaces one space: a cell that
// wraps onto two lines still reads as one.
QString words(const QString& text)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    return QString(text).replace(space, QStringLiteral(" "));
}

// Words that pdftotext places on top of one another, page by page: a text
// drawn wider than its cell runs into its neighbour's (the clipped
// "CTIVITIES DONE" of a header too narrow for it).
QStringList overlappingWords(const QString& pdf)
{
    static const QRegularExpression word(QStringLiteral(
        "<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)</word>"));
    QStringList overlaps;
    const QStringList pages = tool(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), pdf, QStringLiteral("-")})
                                  .split(QStringLiteral("<page "), Qt::SkipEmptyParts);
    for (const QString& page : pages) {
        std::vector<std::pair<QRectF, QString>> words;
        for (auto it = word.globalMatch(page); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            words.emplace_back(QRectF(QPointF(m.captured(1).toDouble(), m.captured(2).toDouble()),
                                      QPointF(m.captured(3).toDouble(), m.captured(4).toDouble())),
                               m.captured(5));
        }
        for (std::size_t i = 0; i < words.size(); ++i) {
            for (std::size_t j = i + 1; j < words.size(); ++j) {
                const QRectF both = words[i].first.intersected(words[j].first);
                // More than a hair: glyphs' boxes may touch.
                if (both.width() > 0.5 && both.height() > 0.5) {
                    overlaps << words[i].second + QStringLiteral(" / ") + words[j].second;
                }
            }
        }
    }
    return overlaps;
}

class ReviewDocumentTest : public ::testing::Test
{
protected:
    QString writePdf(const PipelineReview& review)
    {
        const QString path = m_dir.filePath(QStringLiteral("review.pdf"));
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        EXPECT_TRUE(ReviewDocument::write(review, &file));
        return path;
    }
    // pdftotext without -layout: each cell's lines in reading order.
    QString text(const QString& pdf) { return tool(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}); }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(ReviewDocumentTest, HeadersAndCellsAreWholeWithLongNamesAndHugeAmounts)
{
    TestDatabase db;
    ASSERT_TRUE(db.service().deals().seedSample(200, 5).ok());
    const QString owner = QStringLiteral("Maximiliane Alexandra von Hohenzollern-Sigmaringen");
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 99'999'999'999'999; // the largest a deal may have
    fields.owner = owner;
    fields.expectedClose = QDate(2026, 3, 20);
    db.create(QStringLiteral("A very large framework agreement for every subsidiary of the group, renewed"),
              Stage::Closing, fields);
    ReportService::QuotaChange quota;
    quota.owner = owner;
    quota.currency = QStringLiteral("EUR");
    quota.amountMinor = 99'999'999'999'999;
    ASSERT_TRUE(db.service().reports().setQuotas(QStringLiteral("2026-03"), {quota}).ok());
    Result<PipelineReview> read = db.service().reports().review(std::nullopt);
    ASSERT_TRUE(read.ok());
    PipelineReview review = read.value();
    ASSERT_FALSE(review.neglected.empty());
    review.neglected.front().title
        = QStringLiteral("Renewal of the enterprise licence for the northern region's logistics centres and depots");
    review.neglected.front().owner = owner;
    review.neglected.front().value = Money {200'000'000'000'000, QStringLiteral("EUR")};

    const QString pdf = writePdf(review);
    const QString read1 = words(text(pdf));
    // Every word of every table's header whole ("ACTIVITIES DONE", never
    // "CTIVITIES DONE"); a header of several words may take several lines.
    static const QRegularExpression space(QStringLiteral("\\s+"));
    const QStringList tokens = read1.split(space, Qt::SkipEmptyParts);
    for (const char* header : {"STAGE",
                               "REACHED",
                               "WENT ON",
                               "OPEN VALUE",
                               "WEIGHTED",
                               "MEDIAN DAYS IN STAGE",
                               "MONTH (TEAM)",
                               "CUR.",
                               "EMPIRICAL",
                               "CLAIMED",
                               "COHORT",
                               "WON IN 90 DAYS",
                               "SEEN",
                               "OWNER",
                               "STANDING",
                               "QUOTA",
                               "WEIGHTED, REST OF MONTH",
                               "WON / LOST",
                               "WIN RATE",
                               "MEDIAN DAYS TO WIN",
                               "ACTIVITIES DONE",
                               "DEAL",
                               "LAST TOUCH",
                               "DAYS",
                               "VALUE"}) {
        for (const QString& word : QString::fromLatin1(header).split(QLatin1Char(' '))) {
            EXPECT_TRUE(tokens.contains(word)) << header << ": " << word.toStdString();
        }
    }
    // Every amount whole, never "2,000,000,0…", and the long names word for word.
    EXPECT_TRUE(tokens.contains(QStringLiteral("2,000,000,000,000"))) << read1.toStdString();
    EXPECT_TRUE(tokens.contains(QStringLiteral("999,999,999,999.99"))) << read1.toStdString();
    EXPECT_FALSE(read1.contains(QChar(0x2026))) << "an ellipsis: something was cut\n" << read1.toStdString();
    for (const QString& word : owner.split(QLatin1Char(' '))) {
        EXPECT_TRUE(tokens.contains(word)) << word.toStdString();
    }
    for (const QString& word : review.neglected.front().title.split(QLatin1Char(' '))) {
        EXPECT_TRUE(tokens.contains(word)) << word.toStdString();
    }
    // Nothing drawn over anything else.
    const QStringList overlaps = overlappingWords(pdf);
    EXPECT_TRUE(overlaps.isEmpty()) << overlaps.join(QStringLiteral(", ")).toStdString();
    // What the CLI's layout reading finds too: the header line of the quotas.
    const QString layout = tool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    EXPECT_FALSE(layout.contains(QRegularExpression(QStringLiteral("(^|\\s)CTIVITIES"))));
    EXPECT_TRUE(layout.contains(QStringLiteral("Page 1 of ")));

    // The pages render, each with ink on it, and the last page says it is the last.
    const QString prefix = m_dir.filePath(QStringLiteral("page"));
    tool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("40"), QStringLiteral("-png"), pdf, prefix});
    const QImage first(m_dir.filePath(QStringLiteral("page-1.png")));
    ASSERT_FALSE(first.isNull());
    EXPECT_GT(first.height(), first.width());
    const QRegularExpression pageOf(QStringLiteral("Page (\\d+) of (\\d+)"));
    int pages = 0;
    for (auto it = pageOf.globalMatch(layout); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        EXPECT_EQ(match.captured(2).toInt(), match.captured(2).toInt());
        pages = match.captured(2).toInt();
        EXPECT_LE(match.captured(1).toInt(), pages);
    }
    EXPECT_GE(pages, 2);
    EXPECT_TRUE(QFile::exists(m_dir.filePath(QStringLiteral("page-%1.png").arg(pages))));
    EXPECT_FALSE(QFile::exists(m_dir.filePath(QStringLiteral("page-%1.png").arg(pages + 1))));
}

// Text stored before the rule (or by an older client) with a right-to-left
// override, a bell and a line break: the PDF shows the characters written
// out, so that "Invoice <U+202E>gpj.exe review" cannot pass for a picture.
TEST_F(ReviewDocumentTest, ForbiddenCharactersAreWrittenOutNotDrawn)
{
    TestDatabase db;
    ASSERT_TRUE(db.service().deals().seedSample(60, 2).ok());
    Result<PipelineReview> read = db.service().reports().review(std::nullopt);
    ASSERT_TRUE(read.ok());
    PipelineReview review = read.value();
    ASSERT_FALSE(review.neglected.empty());
    ASSERT_FALSE(review.month.rows.empty());
    review.neglected.front().title = QStringLiteral("Invoice \u202Egpj.exe review");
    review.neglected.front().owner = QStringLiteral("Ann\u0007a\nSmith");
    review.month.rows.front().owner = QStringLiteral("Bo\u200Fb\u2066x");
    review.pipeline = QStringLiteral("Sales\u202E team");

    const QString read1 = words(text(writePdf(review)));
    EXPECT_TRUE(read1.contains(QStringLiteral("Invoice <U+202E>gpj.exe review"))) << read1.toStdString();
    EXPECT_TRUE(read1.contains(QStringLiteral("Ann<U+0007>a<U+000A>Smith"))) << read1.toStdString();
    EXPECT_TRUE(read1.contains(QStringLiteral("Bo<U+200F>b<U+2066>x"))) << read1.toStdString();
    EXPECT_TRUE(read1.contains(QStringLiteral("Pipeline review: Sales<U+202E> team"))) << read1.toStdString();
    for (const QChar c : {QChar(0x202E), QChar(0x0007), QChar(0x200F), QChar(0x2066)}) {
        EXPECT_FALSE(read1.contains(c)) << int(c.unicode());
    }
}
