// The notes table.
#include "dealboard/store/NoteRepository.h"

#include "Database.h"
#include "RawQuery.h"
#include "StoreValues.h"
#include "dealboard/StoredTime.h"

#include <QSqlError>

namespace dealboard {

NoteRepository::NoteRepository(Database& database)
    : m_database(database)
{
}

Result<std::vector<Note>> NoteRepository::list(DealId deal)
{
    const QString columns = QStringLiteral("SELECT n.id, n.deal_id, n.author, n.body, n.created_at, d.title "
                                           "FROM notes n JOIN deals d ON d.id = n.deal_id");
    QSqlQuery& query
        = m_database.prepared(deal > 0 ? columns + QStringLiteral(" WHERE n.deal_id = ? ORDER BY n.id DESC")
                                       : columns + QStringLiteral(" ORDER BY n.id"));
    if (deal > 0) {
        query.addBindValue(qint64(deal));
    }
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the notes"), query);
    }
    std::vector<Note> notes;
    while (query.next()) {
        Note note;
        note.id = query.value(0).toLongLong();
        note.dealId = query.value(1).toLongLong();
        note.author = query.value(2).toString();
        note.text = query.value(3).toString();
        note.createdAt = fromStoredTime(query.value(4).toString());
        note.dealTitle = query.value(5).toString();
        notes.push_back(std::move(note));
    }
    query.finish();
    return notes;
}

Result<void> NoteRepository::insert(Note& note)
{
    RawQuery query(m_database, "INSERT INTO notes (deal_id, author, body, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                   RawQuery::Keep);
    query.bind(1, std::int64_t(note.dealId));
    query.bind(2, nonNull(note.author));
    query.bind(3, nonNull(note.text));
    query.bind(4, toStoredTime(note.createdAt));
    note.id = query.insert();
    if (note.id == 0) {
        return m_database.rawError(QStringLiteral("save the note"), query);
    }
    return {};
}

Result<std::optional<Note>> NoteRepository::find(NoteId id)
{
    QSqlQuery& query = m_database.prepared(QStringLiteral(
        "SELECT n.id, n.deal_id, n.author, n.body, n.created_at, d.title FROM notes n JOIN deals d ON d.id = "
        "n.deal_id WHERE n.id = ?"));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the note"), query);
    }
    std::optional<Note> found;
    if (query.next()) {
        Note note;
        note.id = query.value(0).toLongLong();
        note.dealId = query.value(1).toLongLong();
        note.author = query.value(2).toString();
        note.text = query.value(3).toString();
        note.createdAt = fromStoredTime(query.value(4).toString());
        note.dealTitle = query.value(5).toString();
        found = std::move(note);
    }
    query.finish();
    return found;
}

Result<void> NoteRepository::remove(NoteId id)
{
    QSqlQuery& query
        = m_database.prepared(m_database.derivedByServer() ? QStringLiteral("SELECT dealboard_delete_note(?)")
                                                           : QStringLiteral("DELETE FROM notes WHERE id = ?"));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("delete the note"), query);
    }
    query.finish();
    return {};
}

Result<void> NoteRepository::restore(const Note& note)
{
    if (m_database.derivedByServer()) {
        // Nobody else chooses a note's id, author or time: the server kept it.
        QSqlQuery& query = m_database.prepared(QStringLiteral("SELECT dealboard_restore_note(?)"));
        query.addBindValue(qint64(note.id));
        if (!query.exec()) {
            return m_database.storageError(QStringLiteral("bring the note back"), query);
        }
        query.finish();
        return {};
    }
    QSqlQuery& query = m_database.prepared(
        QStringLiteral("INSERT INTO notes (id, deal_id, author, body, created_at) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(qint64(note.id));
    query.addBindValue(qint64(note.dealId));
    query.addBindValue(nonNull(note.author));
    query.addBindValue(nonNull(note.text));
    query.addBindValue(toStoredTime(note.createdAt));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("bring the note back"), query);
    }
    query.finish();
    return {};
}

} // namespace dealboard
