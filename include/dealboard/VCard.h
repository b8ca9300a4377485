#pragma once

#include "dealboard/Contacts.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <vector>

class QIODevice;

namespace dealboard {

// One person as an address book's card holds them (VCard::read).
struct VCardPerson
{
    int line = 0; // where BEGIN:VCARD is
    QString uid;
    std::int64_t dealBoardId = 0; // X-DEALBOARD-ID, from an export of DealBoard's
    QString name; // FN, else N put together
    QString organization; // ORG's first part
    QStringList emails; // the preferred one first
    QStringList phones; // the preferred one first
    QString role; // TITLE, else ROLE
    QString notes; // NOTE, then what has no field of its own (more emails and phones, a department)
    QStringList tags; // CATEGORIES
    bool hasNotes = false; // whether `notes` came from the card (an empty NOTE too)
    // The line of each property read, for faults: "EMAIL" -> 7.
    QHash<QString, int> lines;

    int lineOf(const QString& property) const { return lines.value(property, line); }
};

// What a .vcf file holds: its cards, and what could not be read, each fault
// naming its line and property ("Line 12 (FN): ...").
struct VCardFile
{
    std::vector<VCardPerson> people;
    QStringList faults;
};

// vCard (RFC 6350 4.0, RFC 2426 3.0, and the 2.1 that older phones and
// Outlook still write) read into people and written as 4.0. Pure: no
// database, no files.
class VCard final
{
public:
    // Reads every card: folded lines, escaping (\\ \; \, \n), a byte-order
    // mark, CRLF or LF, QUOTED-PRINTABLE and CHARSET= of 2.1 and 3.0; text
    // without a CHARSET must be UTF-8.
    static VCardFile read(const QByteArray& bytes);
    // Writes one 4.0 card per person, UTF-8, CRLF, lines folded at 75
    // octets; UID from `pipeline` (uidFor). False when the device refused bytes.
    static bool write(QIODevice* device, const std::vector<Person>& people, const QString& pipeline);
    // A person's UID, the same on every export of the same pipeline:
    // urn:uuid: with a name-based UUID (version 5) of the pipeline's name
    // (pipelineName) and the person's id.
    static QString uidFor(const QString& pipeline, PersonId id);
    // The name UIDs are made from: a file's canonical path, a server's host,
    // port and database (not the user signed in, so a team shares its UIDs).
    static QString pipelineName(const QString& pipelinePath);
};

} // namespace dealboard
