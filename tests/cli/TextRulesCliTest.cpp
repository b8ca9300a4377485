// One rule for line breaks and the characters that turn or hide text, through
// the real binary: every write refuses them (the CSV imports naming the line,
// the column and the character), and text stored before the rule is printed
// with them written out, one line per record, JSON exact.
#include "CliFixture.h"
#include "RawSql.h"
#include "dealboard/TextRules.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>

using namespace dealboard;

namespace {

const QChar Rlo(0x202e);
const QChar LineSeparator(0x2028);
const QChar ParagraphSeparator(0x2029);
const QChar Rlm(0x200f);
const QChar ArabicMark(0x061c);

QString writeFile(const QTemporaryDir& dir, const QString& name, const QString& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
    return path;
}

// Whether every line holds nothing the rule forbids on one line.
bool plainLines(const QString& out)
{
    for (const QString& line : out.split(QLatin1Char('\n'))) {
        if (TextRules::forbiddenAt(line, false)) {
            return false;
        }
    }
    return true;
}

qsizetype lineCount(const QString& out)
{
    return out.count(QLatin1Char('\n'));
}

} // namespace

class TextRulesCli : public Cli
{
};

TEST_F(TextRulesCli, TheDealImportRefusesLineBreaksAndTurningCharactersNamingLineColumnAndCharacter)
{
    add({QStringLiteral("--title"), QStringLiteral("Already there")});
    const QString csv = QStringLiteral("title,company,owner\n"
                                       "Good deal,Acme,kim\n")
        + QStringLiteral("Invoice ") + Rlo + QStringLiteral("gpj.exe review,Beta,kim\n")
        + QStringLiteral("Fine,\"Two\nlines\",kim\n") + QStringLiteral("Also fine,Gamma,kim") + LineSeparator
        + QStringLiteral("x\n") + QStringLiteral("Marked") + Rlm + QStringLiteral(",Delta") + ArabicMark
        + QStringLiteral(",kim\n");
    const CliRun refused
        = run({QStringLiteral("import"), QStringLiteral("deals"), writeFile(m_dir, QStringLiteral("deals.csv"), csv)});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 3, column 1 (title): U+202E at character 9")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 4, column 2 (company): U+000A at character 4")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 6, column 3 (owner): U+2028 at character 4")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 7, column 1 (title): U+200F at character 7")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 7, column 2 (company): U+061C at character 6")))
        << refused.err.toStdString();
    EXPECT_TRUE(plainLines(refused.err)) << "the refusal itself shows the characters written out";
    // Nothing was imported, not even the good row.
    const CliRun listed = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    EXPECT_EQ(QJsonDocument::fromJson(listed.out.toUtf8()).array().size(), 1);
}

TEST_F(TextRulesCli, ThePeopleImportRefusesThemTooButNotesKeepTheirLines)
{
    const QString csv = QStringLiteral("name,email,notes\n"
                                       "\"Ann\nLee\",ann@example.com,first\n"
                                       "Bob,bob@example.com,\"line one\nline two\"\n")
        + QStringLiteral("Cid") + Rlo + QStringLiteral(",cid@example.com,\n") + QStringLiteral("Dee,dee@example.com,a")
        + ParagraphSeparator + QStringLiteral("b\n");
    const CliRun refused = run(
        {QStringLiteral("import"), QStringLiteral("people"), writeFile(m_dir, QStringLiteral("people.csv"), csv)});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 2, column 1 (name): U+000A at character 4")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 6, column 1 (name): U+202E at character 4")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 7, column 3 (notes): U+2029 at character 2")))
        << refused.err.toStdString();
    EXPECT_FALSE(refused.err.contains(QStringLiteral("Line 4"))) << "a note may hold lines";
    const CliRun people
        = run({QStringLiteral("person"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    EXPECT_EQ(QJsonDocument::fromJson(people.out.toUtf8()).array().size(), 0) << people.out.toStdString();

    const QString good = QStringLiteral("name,email,notes\nBob,bob@example.com,\"line one\nline two\"\n");
    const CliRun imported
        = run({QStringLiteral("import"), QStringLiteral("people"), writeFile(m_dir, QStringLiteral("good.csv"), good)});
    EXPECT_EQ(imported.exitCode, 0) << imported.err.toStdString();
}

TEST_F(TextRulesCli, EveryWriteOfTheCliRefusesThemThroughTheServicesRule)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Acme")});
    const QList<QStringList> writes = {
        {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Two\nlines")},
        {QStringLiteral("edit"), id, QStringLiteral("--company"), QStringLiteral("A") + LineSeparator},
        {QStringLiteral("edit"), id, QStringLiteral("--owner"), QStringLiteral("kim") + Rlm},
        {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Next") + ArabicMark},
        {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Fine"), QStringLiteral("--actor"),
         QStringLiteral("kim\nroot")},
        {QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Contoso\nLtd")},
        {QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Contoso"),
         QStringLiteral("--region"), QStringLiteral("EM") + Rlo + QStringLiteral("EA")},
        {QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("--name"),
         QStringLiteral("Lin") + ParagraphSeparator},
        {QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Lin"),
         QStringLiteral("--tags"), QStringLiteral("vip") + Rlo},
        {QStringLiteral("activity"), QStringLiteral("add"), QStringLiteral("--deal"), id, QStringLiteral("--subject"),
         QStringLiteral("Call\nback"), QStringLiteral("--due"), QStringLiteral("2026-03-16")},
        {QStringLiteral("note"), QStringLiteral("add"), id, QStringLiteral("--text"),
         QStringLiteral("Turned ") + Rlo + QStringLiteral("text")},
        {QStringLiteral("segment"), QStringLiteral("set"), QStringLiteral("vip") + Rlo, QStringLiteral("--min-days"),
         QStringLiteral("7")},
        {QStringLiteral("quota"), QStringLiteral("set"), QStringLiteral("kim") + LineSeparator,
         QStringLiteral("2026-03"), QStringLiteral("1000"), QStringLiteral("EUR")},
        {QStringLiteral("followup"), id, QStringLiteral("--title"), QStringLiteral("Upsell") + Rlo},
    };
    for (const QStringList& write : writes) {
        const CliRun refused = run(write);
        EXPECT_EQ(refused.exitCode, 2) << write.join(u' ').toStdString() << ": " << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("U+"))) << refused.err.toStdString();
        EXPECT_TRUE(plainLines(refused.err)) << refused.err.toStdString();
    }
    const CliRun listed = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    EXPECT_EQ(QJsonDocument::fromJson(listed.out.toUtf8()).array().size(), 1);
    EXPECT_EQ(show(id).value(QStringLiteral("company")).toString(), QString());
    // A note keeps its lines.
    EXPECT_EQ(run({QStringLiteral("note"), QStringLiteral("add"), id, QStringLiteral("--text"),
                   QStringLiteral("line one\nline two")})
                  .exitCode,
              0);
}

TEST_F(TextRulesCli, TextStoredBeforeTheRuleIsPrintedOneLinePerRecord)
{
    DEALBOARD_FILE_ONLY("text stored by an older DealBoard or another program; a server's guards refuse it");
    const QString first = add({QStringLiteral("--title"), QStringLiteral("Acme")});
    const QString second = add({QStringLiteral("--title"), QStringLiteral("Beta")});
    const QString forged = QStringLiteral("Acme\n99  fake deal  Evil  kim  prospecting");
    const QString separated = QStringLiteral("Beta") + LineSeparator + QStringLiteral("fake") + ParagraphSeparator
        + QStringLiteral("more\r") + Rlm + ArabicMark + Rlo;
    test::runRawSql(
        db(),
        {QStringLiteral("UPDATE deals SET title = '%1', owner = 'k%2im' WHERE id = %3")
             .arg(forged, QString(LineSeparator), first),
         QStringLiteral("UPDATE deals SET title = '%1', owner = 'kim\nroot' WHERE id = %2").arg(separated, second)});

    // list: a header, two records, the count.
    const CliRun listed = run({QStringLiteral("list")});
    ASSERT_EQ(listed.exitCode, 0) << listed.err.toStdString();
    EXPECT_EQ(lineCount(listed.out), 4) << listed.out.toStdString();
    EXPECT_TRUE(plainLines(listed.out)) << listed.out.toStdString();
    EXPECT_TRUE(listed.out.contains(QStringLiteral("Acme<U+000A>99  fake deal"))) << listed.out.toStdString();
    EXPECT_TRUE(listed.out.contains(QStringLiteral("Beta<U+2028>fake<U+2029>more<U+000D><U+200F><U+061C><U+202E>")))
        << listed.out.toStdString();

    // show: every field on its own line, none spilling.
    for (const QString& id : {first, second}) {
        const CliRun shown = run({QStringLiteral("show"), id});
        ASSERT_EQ(shown.exitCode, 0) << shown.err.toStdString();
        EXPECT_TRUE(plainLines(shown.out)) << shown.out.toStdString();
        for (const QString& line : shown.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            EXPECT_TRUE(line.startsWith(QStringLiteral("Deal ")) || line.startsWith(QStringLiteral("  "))
                        || line == u"History:")
                << line.toStdString();
        }
    }
    EXPECT_TRUE(run({QStringLiteral("show"), second}).out.contains(QStringLiteral("kim<U+000A>root")));
    // JSON gives the text back exactly as stored.
    EXPECT_EQ(show(first).value(QStringLiteral("title")).toString(), forged);
    EXPECT_EQ(show(second).value(QStringLiteral("title")).toString(), separated);
    const CliRun json = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    EXPECT_TRUE(plainLines(json.out)) << json.out.toStdString();
    const QJsonArray deals = QJsonDocument::fromJson(json.out.toUtf8()).array();
    ASSERT_EQ(deals.size(), 2);
    EXPECT_EQ(deals.at(1).toObject().value(QStringLiteral("title")).toString(), separated);

    // log and watch: one line per change, whatever its texts hold.
    const QString changes
        = QStringLiteral(R"({"title":["%1","Beta%2x"]})").arg(QStringLiteral("Acme\\nfake"), QString(LineSeparator));
    const QString logged
        = QStringLiteral("INSERT INTO change_log (changed_at, actor, table_name, row_key, deal_id, action, changes) "
                         "VALUES ('2026-03-01T09:00:00.000Z', 'old\nclient', 'deals', '%1', %1, 'update', '%2')")
              .arg(first, changes);
    test::runRawSql(db(), {logged});
    EXPECT_EQ(run({QStringLiteral("note"), QStringLiteral("add"), first, QStringLiteral("--text"),
                   QStringLiteral("line one\nline two")})
                  .exitCode,
              0);
    const CliRun log = run({QStringLiteral("log")});
    ASSERT_EQ(log.exitCode, 0) << log.err.toStdString();
    const qsizetype entries
        = QJsonDocument::fromJson(
              run({QStringLiteral("log"), QStringLiteral("--format"), QStringLiteral("json")}).out.toUtf8())
              .array()
              .size();
    ASSERT_GE(entries, 4);
    EXPECT_EQ(lineCount(log.out), entries + 2) << log.out.toStdString(); // the header and the count
    EXPECT_TRUE(plainLines(log.out)) << log.out.toStdString();
    EXPECT_TRUE(log.out.contains(QStringLiteral("old<U+000A>client"))) << log.out.toStdString();
    EXPECT_TRUE(log.out.contains(QStringLiteral("line one<U+000A>line two"))) << log.out.toStdString();

    QProcess watch;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    watch.setProcessEnvironment(env);
    watch.start(
        QStringLiteral(DEALBOARD_CLI_PATH),
        {QStringLiteral("--db"), db(), QStringLiteral("watch"), QStringLiteral("--count"), QStringLiteral("2")});
    ASSERT_TRUE(watch.waitForStarted());
    QByteArray said;
    QElapsedTimer waited;
    waited.start();
    while (!said.contains("watching") && waited.elapsed() < 20000) {
        watch.waitForReadyRead(100);
        said += watch.readAllStandardError();
    }
    ASSERT_TRUE(said.contains("watching")) << said.toStdString();
    test::runRawSql(db(), {logged});
    EXPECT_EQ(run({QStringLiteral("note"), QStringLiteral("add"), second, QStringLiteral("--text"),
                   QStringLiteral("third\nfourth")})
                  .exitCode,
              0);
    ASSERT_TRUE(watch.waitForFinished(20000));
    const QString watched = QString::fromUtf8(watch.readAllStandardOutput());
    EXPECT_EQ(lineCount(watched), 2) << watched.toStdString();
    EXPECT_TRUE(plainLines(watched)) << watched.toStdString();
    EXPECT_TRUE(watched.contains(QStringLiteral("old<U+000A>client"))) << watched.toStdString();
    EXPECT_TRUE(watched.contains(QStringLiteral("third<U+000A>fourth"))) << watched.toStdString();
}
