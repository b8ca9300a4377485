// person import FILE.vcf and person export --format vcard through the real
// binary: sample address books imported, faults named, the export read back
// by DealBoard and by a real vCard parser (Python's vobject).
#include "CliFixture.h"

#include <QFile>
#include <QJsonArray>

namespace dealboard {

namespace {

QString sample(const char* name)
{
    return QStringLiteral(DEALBOARD_SOURCE_DIR "/tests/data/vcard/") + QLatin1String(name);
}

QString writeBytes(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    return path;
}

} // namespace

class VCardCli : public Cli
{
protected:
    QJsonArray people()
    {
        const CliRun listed = run(
            {QStringLiteral("person"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
        EXPECT_EQ(listed.exitCode, 0) << listed.err.toStdString();
        return QJsonDocument::fromJson(listed.out.toUtf8()).array();
    }
    QJsonObject personNamed(const QString& name)
    {
        for (const QJsonValue& person : people()) {
            if (person[QStringLiteral("name")].toString() == name) {
                return person.toObject();
            }
        }
        ADD_FAILURE() << "no " << name.toStdString();
        return {};
    }
};

TEST_F(VCardCli, ImportsAppleGoogleAndOutlookAddressBooks)
{
    const CliRun dry = run(
        {QStringLiteral("person"), QStringLiteral("import"), sample("address-book.vcf"), QStringLiteral("--dry-run")});
    EXPECT_EQ(dry.exitCode, 0) << dry.err.toStdString();
    EXPECT_TRUE(dry.out.startsWith(QStringLiteral("Would import 3 new and 0 known person(s)")))
        << dry.out.toStdString();
    EXPECT_EQ(people().size(), 0);

    const CliRun done = run({QStringLiteral("person"), QStringLiteral("import"), sample("address-book.vcf")});
    EXPECT_EQ(done.exitCode, 0) << done.err.toStdString();
    const CliRun outlook = run({QStringLiteral("person"), QStringLiteral("import"), sample("outlook-2.1.vcf")});
    EXPECT_EQ(outlook.exitCode, 0) << outlook.err.toStdString();
    EXPECT_EQ(people().size(), 4);

    const QJsonObject maja = personNamed(QStringLiteral("Maja Lindqvist"));
    EXPECT_EQ(maja[QStringLiteral("email")].toString(), QStringLiteral("maja.lindqvist@nordlys.example"));
    EXPECT_EQ(maja[QStringLiteral("phone")].toString(), QStringLiteral("+46 70 123 45 67"));
    EXPECT_EQ(maja[QStringLiteral("organization")].toString(), QStringLiteral("Nordlys AB"));
    EXPECT_EQ(maja[QStringLiteral("role")].toString(), QStringLiteral("Head of Purchasing"));
    const QString notes = maja[QStringLiteral("notes")].toString();
    EXPECT_TRUE(notes.contains(QStringLiteral("Asks for quarterly invoices, not monthly."))) << notes.toStdString();
    EXPECT_TRUE(notes.contains(QStringLiteral("Other emails: maja@home.example"))) << "nothing lost";
    EXPECT_TRUE(notes.contains(QStringLiteral("Other phones: +46 8 555 010 00"))) << "nothing lost";
    EXPECT_TRUE(personNamed(QStringLiteral("Chidi Okafor"))[QStringLiteral("notes")].toString().endsWith(
        QStringLiteral("answers emails on Fridays.")))
        << "a folded line is one line";
    EXPECT_EQ(personNamed(QStringLiteral("Renée Dubois"))[QStringLiteral("phone")].toString(),
              QStringLiteral("+33-1-55-00-00-10"));
    const QJsonObject juergen = personNamed(QStringLiteral("Jürgen Müller"));
    EXPECT_EQ(juergen[QStringLiteral("organization")].toString(), QStringLiteral("Bäckerei Müller GmbH"));
    EXPECT_EQ(juergen[QStringLiteral("role")].toString(), QStringLiteral("Geschäftsführer"));
    EXPECT_EQ(juergen[QStringLiteral("notes")].toString(),
              QStringLiteral("Liefert jeden Morgen à 6 Uhr.\nZahlt pünktlich."));

    const CliRun again = run({QStringLiteral("person"), QStringLiteral("import"), sample("address-book.vcf")});
    EXPECT_TRUE(again.out.startsWith(QStringLiteral("Imported 0 new and 0 known person(s)")))
        << again.out.toStdString();
    EXPECT_TRUE(again.out.contains(QStringLiteral("3 already as in the file"))) << again.out.toStdString();
}

TEST_F(VCardCli, RefusesABadFileWholeNamingLineAndProperty)
{
    const QByteArray cut = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good Person\r\nEND:VCARD\r\n"
                           "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Evil \xE2\x80\xAEgnp.exe\r\nEND:VCARD\r\n"
                           "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut";
    const CliRun refused
        = run({QStringLiteral("person"), QStringLiteral("import"), writeBytes(m_dir, QStringLiteral("cut.vcf"), cut)});
    EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 7 (FN): The name holds the invisible or control character "
                                                    "U+202E at character 6")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 9: the card begun here has no END:VCARD")))
        << refused.err.toStdString();
    EXPECT_EQ(people().size(), 0) << "all or nothing: not even the good card";

    const CliRun huge = run({QStringLiteral("person"), QStringLiteral("import"),
                             writeBytes(m_dir, QStringLiteral("huge.vcf"),
                                        "BEGIN:VCARD\r\nFN:" + QByteArray(5000, 'x') + "\r\nEND:VCARD\r\n")});
    EXPECT_EQ(huge.exitCode, 2);
    EXPECT_TRUE(huge.err.contains(QStringLiteral("Line 2 (FN): The name is longer than"))) << huge.err.toStdString();

    const CliRun usage = run({QStringLiteral("person"), QStringLiteral("export"), QStringLiteral("--out"),
                              m_dir.filePath(QStringLiteral("x.vcf"))});
    EXPECT_EQ(usage.exitCode, 1) << usage.err.toStdString();
    EXPECT_TRUE(usage.err.contains(QStringLiteral("--format vcard"))) << usage.err.toStdString();
}

TEST_F(VCardCli, AnExportIsReadByARealParserAndImportsBackUnchanged)
{
    ASSERT_EQ(run({QStringLiteral("person"), QStringLiteral("import"), sample("address-book.vcf")}).exitCode, 0);
    ASSERT_EQ(run({QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("--name"),
                   QStringLiteral("Ødegård, Ane; \"Jr\""), QStringLiteral("--notes"),
                   QStringLiteral("Line one\nLine two with a backslash \\ and a long tail ")
                       + QString(40, QChar(0x00E9)) + QStringLiteral(" 🎉"),
                   QStringLiteral("--tags"), QStringLiteral("vip, nordics")})
                  .exitCode,
              0);
    const QString out = m_dir.filePath(QStringLiteral("people.vcf"));
    const CliRun exported = run({QStringLiteral("person"), QStringLiteral("export"), QStringLiteral("--format"),
                                 QStringLiteral("vcard"), QStringLiteral("--out"), out});
    ASSERT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    EXPECT_EQ(QFile(out).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions())
        << "owner-only";

    // A real vCard parser reads every card with the same facts.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(DEALBOARD_SOURCE_DIR "/tests/cli/vcard_check.py"), out});
    ASSERT_TRUE(python.waitForFinished(60000));
    const QString parsed = QString::fromUtf8(python.readAllStandardOutput());
    ASSERT_EQ(python.exitCode(), 0) << python.readAllStandardError().toStdString()
                                    << " (python3-vobject comes with scripts/deps.sh)";
    EXPECT_TRUE(parsed.contains(QStringLiteral("4 cards, 4 distinct UIDs"))) << parsed.toStdString();
    EXPECT_TRUE(parsed.contains(QStringLiteral("FN=Ødegård, Ane; \"Jr\"|NOTE=Line one\nLine two with a backslash \\ "
                                               "and a long tail ")))
        << parsed.toStdString();
    EXPECT_TRUE(parsed.contains(QStringLiteral("|CATEGORIES=nordics,vip"))) << parsed.toStdString();
    EXPECT_TRUE(parsed.contains(QStringLiteral("FN=Maja Lindqvist|EMAIL=maja.lindqvist@nordlys.example|ORG=Nordlys "
                                               "AB|TEL=+46 70 123 45 67")))
        << parsed.toStdString();

    const QJsonArray before = people();
    const CliRun back = run({QStringLiteral("person"), QStringLiteral("import"), out});
    EXPECT_EQ(back.exitCode, 0) << back.err.toStdString();
    EXPECT_TRUE(back.out.startsWith(QStringLiteral("Imported 0 new and 0 known person(s)"))) << back.out.toStdString();
    EXPECT_EQ(people(), before) << "a round trip changes nothing";

    QFile first(out);
    ASSERT_TRUE(first.open(QIODevice::ReadOnly));
    const QByteArray firstBytes = first.readAll();
    first.close();
    ASSERT_EQ(run({QStringLiteral("person"), QStringLiteral("export"), QStringLiteral("--format"),
                   QStringLiteral("vcard"), QStringLiteral("--out"), QStringLiteral("-")})
                  .out.toUtf8(),
              firstBytes)
        << "the same bytes, UIDs included, on every export";
}

} // namespace dealboard
