// vCard written (4.0): values escaped, lines folded, UIDs made from the
// pipeline and the person.
#include "dealboard/PipelineFiles.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"
#include "dealboard/VCard.h"

#include <QIODevice>
#include <QUuid>

namespace dealboard {

namespace {

QByteArray escaped(const QString& text, bool listSeparators = true)
{
    QString value = text;
    value.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('\\')) {
            out += QStringLiteral("\\\\");
        } else if (c == QLatin1Char('\n')) {
            out += QStringLiteral("\\n");
        } else if (c == QLatin1Char(';') || (listSeparators && c == QLatin1Char(','))) {
            out += QLatin1Char('\\');
            out += c;
        } else {
            out += c;
        }
    }
    return out.toUtf8();
}

// A content line folded at 75 octets (RFC 6350 3.2), never inside a UTF-8
// sequence, ended by CRLF.
QByteArray folded(const QByteArray& line)
{
    QByteArray out;
    qsizetype start = 0;
    int limit = 75;
    while (line.size() - start > limit) {
        qsizetype end = start + limit;
        while (end > start && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) {
            --end;
        }
        out += line.mid(start, end - start);
        out += "\r\n ";
        start = end;
        limit = 74;
    }
    out += line.mid(start);
    out += "\r\n";
    return out;
}

} // namespace

QString VCard::pipelineName(const QString& pipelinePath)
{
    if (PipelineLocation::isAddress(pipelinePath)) {
        if (Result<ServerAddress> address = ServerAddress::parse(pipelinePath)) {
            ServerAddress shared = address.value();
            shared.user.clear();
            return shared.shown();
        }
        return pipelinePath;
    }
    return PipelineFiles::identity(pipelinePath);
}

QString VCard::uidFor(const QString& pipeline, PersonId id)
{
    // DealBoard's own namespace for name-based UUIDs.
    static const QUuid space(QStringLiteral("5b0f4c1e-3a8d-4d53-9c61-6e0a2f7d8b42"));
    const QUuid uuid
        = QUuid::createUuidV5(space, QStringLiteral("%1\nperson %2").arg(pipelineName(pipeline)).arg(id).toUtf8());
    return QStringLiteral("urn:uuid:") + uuid.toString(QUuid::WithoutBraces);
}

bool VCard::write(QIODevice* device, const std::vector<Person>& people, const QString& pipeline)
{
    for (const Person& person : people) {
        QByteArray card = folded("BEGIN:VCARD") + folded("VERSION:4.0");
        card += folded("UID:" + uidFor(pipeline, person.id).toUtf8());
        card += folded("FN:" + escaped(person.name));
        // N is the name in parts; a name typed whole is split at its last space.
        const QString name = person.name.simplified();
        const qsizetype space = name.lastIndexOf(QLatin1Char(' '));
        card += folded("N:" + escaped(space < 0 ? name : name.mid(space + 1)) + ';'
                       + escaped(space < 0 ? QString() : name.left(space)) + ";;;");
        if (!person.organizationName.isEmpty()) {
            card += folded("ORG:" + escaped(person.organizationName));
        }
        if (!person.role.isEmpty()) {
            card += folded("TITLE:" + escaped(person.role));
        }
        if (!person.email.isEmpty()) {
            card += folded("EMAIL:" + escaped(person.email));
        }
        if (!person.phone.isEmpty()) {
            card += folded("TEL;VALUE=text:" + escaped(person.phone));
        }
        if (!person.notes.isEmpty()) {
            card += folded("NOTE:" + escaped(person.notes));
        }
        if (!person.tags.isEmpty()) {
            QByteArrayList tags;
            for (const QString& tag : person.tags) {
                tags << escaped(tag);
            }
            card += folded("CATEGORIES:" + tags.join(','));
        }
        card += folded("X-DEALBOARD-ID:" + QByteArray::number(qint64(person.id)));
        card += folded("END:VCARD");
        if (device->write(card) != card.size()) {
            return false;
        }
    }
    return true;
}

} // namespace dealboard
