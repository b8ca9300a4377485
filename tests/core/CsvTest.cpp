#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/CsvReader.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/DealCsv.h"

#include <QBuffer>
#include <gtest/gtest.h>

using namespace dealboard;

TEST(CsvWriter, QuotesWhatNeedsQuotingAndUsesCrlf)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer);
    writer.text(QStringLiteral("plain"))
        .text(QStringLiteral("a,b"))
        .text(QStringLiteral("say \"hi\""))
        .text(QStringLiteral("two\nlines"));
    writer.endRow();
    EXPECT_EQ(buffer.data(), QByteArray("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"));
}

TEST(CsvWriter, GuardsFormulasInTextButNotInNumbers)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer, true);
    writer.text(QStringLiteral("=HYPERLINK(\"x\")"))
        .text(QStringLiteral("+1"))
        .text(QStringLiteral("-2"))
        .text(QStringLiteral("@SUM"))
        .text(QStringLiteral("\tx"))
        .plain(QStringLiteral("-3.50"));
    writer.endRow();
    EXPECT_EQ(buffer.data(), QByteArray("\xEF\xBB\xBF\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM,'\tx,-3.50\r\n"));
}

TEST(CsvReader, ReadsWhatTheWriterWrites)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer, true);
    const QStringList row = {QStringLiteral("Zürich"), QStringLiteral("a,b"), QStringLiteral("q\"uote"),
                             QStringLiteral("multi\r\nline"), QString()};
    writer.plain(QStringLiteral("h1"))
        .plain(QStringLiteral("h2"))
        .plain(QStringLiteral("h3"))
        .plain(QStringLiteral("h4"))
        .plain(QStringLiteral("h5"));
    writer.endRow();
    for (const QString& cell : row) {
        writer.plain(cell);
    }
    writer.endRow();
    Result<CsvTable> table = CsvReader::parse(buffer.data());
    ASSERT_TRUE(table.ok()) << table.error().message.toStdString();
    EXPECT_EQ(table.value().header.size(), 5);
    ASSERT_EQ(table.value().rows.size(), 1u);
    EXPECT_EQ(table.value().rows[0], row);
}

TEST(CsvReader, DetectsSemicolonsAndLfLineEnds)
{
    Result<CsvTable> table = CsvReader::parse("title;value\nAcme;\"1,5\"\nGlobex;2\n");
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table.value().delimiter, QLatin1Char(';'));
    ASSERT_EQ(table.value().rows.size(), 2u);
    EXPECT_EQ(table.value().rows[0], (QStringList {QStringLiteral("Acme"), QStringLiteral("1,5")}));
}

TEST(CsvReader, NamesLineAndColumnOfTheFirstFault)
{
    Result<CsvTable> stray = CsvReader::parse("title,value\nok,1\nbad\"quote,2\n");
    ASSERT_FALSE(stray.ok());
    EXPECT_TRUE(stray.error().message.startsWith(QStringLiteral("Line 3, character 4")))
        << stray.error().message.toStdString();

    Result<CsvTable> unclosed = CsvReader::parse("title\n\"never closed\n");
    ASSERT_FALSE(unclosed.ok());
    EXPECT_TRUE(unclosed.error().message.startsWith(QStringLiteral("Line 2")))
        << unclosed.error().message.toStdString();

    Result<CsvTable> invalidUtf8 = CsvReader::parse("title\nok\n\xff\xfe bad\n");
    ASSERT_FALSE(invalidUtf8.ok());
    EXPECT_TRUE(invalidUtf8.error().message.startsWith(QStringLiteral("Line 3")))
        << invalidUtf8.error().message.toStdString();

    EXPECT_FALSE(CsvReader::parse("").ok());
}

TEST(DealCsv, WritesTheDocumentedHeaderAndMoneyAsDecimals)
{
    Deal deal;
    deal.id = 7;
    deal.title = QStringLiteral("=cmd|' /C calc'!A0");
    deal.company = QStringLiteral("Acme, Inc.");
    deal.stage = Stage::Negotiation;
    deal.value = {123450, QStringLiteral("EUR")};
    deal.qualification = {true, true, false};
    const QDateTime now(QDate(2026, 3, 10), QTime(0, 0), Qt::UTC);
    deal.createdAt = deal.stageEnteredAt = now.addDays(-3);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ASSERT_TRUE(DealCsv::write(&buffer, {deal}, now, false));
    Result<CsvTable> table = CsvReader::parse(buffer.data());
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table.value().header.join(QLatin1Char(',')),
              QStringLiteral("id,title,company,contact,email,phone,owner,stage,status,value,currency,expected_close,"
                             "willing,need,budget,lost_reason,created_at,stage_entered_at,days_in_stage"));
    const QStringList& row = table.value().rows.at(0);
    EXPECT_EQ(row[0], QStringLiteral("7"));
    EXPECT_EQ(row[1], QStringLiteral("'=cmd|' /C calc'!A0"));
    EXPECT_EQ(row[2], QStringLiteral("Acme, Inc."));
    EXPECT_EQ(row[7], QStringLiteral("negotiation"));
    EXPECT_EQ(row[9], QStringLiteral("1234.50"));
    EXPECT_EQ(row[10], QStringLiteral("EUR"));
    EXPECT_EQ(row[14], QStringLiteral("no"));
    EXPECT_EQ(row[18], QStringLiteral("3"));
}

// A device that takes `room` bytes and refuses the rest, as a full disk does.
class FillingDevice final : public QIODevice
{
public:
    explicit FillingDevice(qint64 room)
        : m_room(room)
    {
    }
    qint64 taken() const { return m_taken; }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char*, qint64 length) override
    {
        if (m_taken + length > m_room) {
            return -1;
        }
        m_taken += length;
        return length;
    }

private:
    qint64 m_room;
    qint64 m_taken = 0;
};

TEST(DealCsvStream, StreamsTheSameFileAsWritingTheDeals)
{
    dealboard::test::TestDatabase db;
    ASSERT_TRUE(db.service().deals().seedSample(400, 21).ok());
    DealFields tricky = dealboard::test::TestDatabase::qualified();
    tricky.company = QStringLiteral("=HYPERLINK(\"x\"), Inc.");
    tricky.contactName = QStringLiteral("Zoë \"Z\" Åström");
    tricky.email = QStringLiteral("zoe@example.org");
    tricky.phone = QStringLiteral("+46 8 123");
    tricky.valueMinor = 123456789;
    tricky.expectedClose = QDate(2026, 12, 31);
    const Deal made = db.create(QStringLiteral("Line one, with comma"), Stage::Negotiation, tricky);
    // A line break the product refuses now, stored by an older DealBoard.
    db.close();
    const QString lineBreak
        = dealboard::test::TestServer::inUse() ? QStringLiteral("chr(10)") : QStringLiteral("char(10)");
    dealboard::test::runRawSql(db.path(),
                               {QStringLiteral("UPDATE deals SET title = 'Line one' || %1 || 'line two, "
                                               "with comma' WHERE id = %2")
                                    .arg(lineBreak)
                                    .arg(made.id)});
    db.reopen();
    const QDateTime now = db.service().now().addDays(3);

    QBuffer written;
    written.open(QIODevice::WriteOnly);
    ASSERT_TRUE(DealCsv::write(&written, db.service().deals().list().value(), now, true));
    QBuffer streamed;
    streamed.open(QIODevice::WriteOnly);
    Result<int> count = DealCsv::stream(db.service().reads(), {}, &streamed, now, true);
    ASSERT_TRUE(count.ok()) << count.error().message.toStdString();
    EXPECT_EQ(count.value(), 401);
    EXPECT_EQ(streamed.data(), written.data());

    // With a filter, only those deals.
    DealFilter open;
    open.stage = Stage::Negotiation;
    open.statuses = {DealStatus::Open};
    QBuffer some;
    some.open(QIODevice::WriteOnly);
    QBuffer someWritten;
    someWritten.open(QIODevice::WriteOnly);
    ASSERT_TRUE(DealCsv::stream(db.service().reads(), open, &some, now, false).ok());
    ASSERT_TRUE(DealCsv::write(&someWritten, db.service().deals().list(open).value(), now, false));
    EXPECT_EQ(some.data(), someWritten.data());

    // Rows a server sends as it reads them (the command line's export): the
    // same file, and one stopped half way leaves the connection to the next
    // read and write.
    QBuffer sent;
    sent.open(QIODevice::WriteOnly);
    Result<int> sentCount = DealCsv::stream(db.service().reads(), {}, &sent, now, true, {}, true);
    ASSERT_TRUE(sentCount.ok()) << sentCount.error().message.toStdString();
    EXPECT_EQ(sentCount.value(), 401);
    EXPECT_EQ(sent.data(), written.data());
    const std::size_t negotiating = db.service().deals().list(open).value().size();
    FillingDevice halfway(20'000);
    halfway.open(QIODevice::WriteOnly);
    Result<int> stopped = DealCsv::stream(db.service().reads(), {}, &halfway, now, false, {}, true);
    EXPECT_FALSE(stopped.ok() && stopped.value() == 401);
    EXPECT_LT(halfway.taken(), 20'000);
    EXPECT_EQ(db.service().deals().list(open).value().size(), negotiating);
    const Result<Deal> after = db.service().deals().edit(made.id, DealFields::withTitle(QStringLiteral("After")));
    ASSERT_TRUE(after.ok()) << after.error().message.toStdString();
    EXPECT_EQ(db.service().deals().get(made.id).value().title, QStringLiteral("After"));
}

// An unclosed quote must not swallow a big file into one record.
TEST(CsvReader, ARecordIsCappedSoAnUnclosedQuoteCannotSwallowTheFile)
{
    QByteArray bytes = "title,notes\r\nFirst,\"never closed\r\n";
    for (int i = 0; i < 40000; ++i) {
        bytes += "Row ";
        bytes += QByteArray::number(i);
        bytes += ",some text for the row\r\n";
    }
    ASSERT_GT(bytes.size(), CsvStream::MaxRecordCharacters);
    const Result<CsvTable> table = CsvReader::parse(bytes);
    ASSERT_FALSE(table.ok());
    EXPECT_TRUE(table.error().message.startsWith(QStringLiteral("Line 2, character 1: a record longer than")))
        << table.error().message.toStdString();
}

// Records read one at a time across the reader's chunks give what the whole
// file read at once gives.
TEST(CsvReader, StreamingAcrossChunksKeepsEveryRecordAndLine)
{
    QByteArray bytes = "\xEF\xBB\xBFtitle;value\r\n";
    for (int i = 0; i < 20000; ++i) {
        bytes += "\"Deal ";
        bytes += QByteArray::number(i);
        bytes += (i % 7 == 0) ? "\nwith a second line\";1,5\r\n" : "\";2\n";
    }
    const Result<CsvTable> table = CsvReader::parse(bytes);
    ASSERT_TRUE(table.ok()) << table.error().message.toStdString();
    EXPECT_EQ(table.value().delimiter, QLatin1Char(';'));
    ASSERT_EQ(table.value().rows.size(), 20000u);
    int line = 2;
    for (int i = 0; i < 20000; ++i) {
        EXPECT_EQ(table.value().rowLines[i], line) << i;
        EXPECT_TRUE(table.value().rows[i][0].startsWith(QStringLiteral("Deal %1").arg(i)));
        line += (i % 7 == 0) ? 2 : 1;
    }
    EXPECT_EQ(table.value().rows[0][0], QStringLiteral("Deal 0\nwith a second line"));
}
