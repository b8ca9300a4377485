#include "SqliteRows.h"

#include <QString>
#include <sqlite3.h>
#include <string_view>

namespace dealboard {

namespace {

// An INSERT written for both backends ends in this. On a file it is left
// out and the new row's id read from the connection: SQLite runs RETURNING as
// a trigger, and a statement with a trigger keeps a statement journal, which
// a bulk write of a hundred thousand rows turned into gigabytes of writes to a
// temporary file.
constexpr std::string_view ReturningId = " RETURNING id";

bool returnsId(std::string_view sql)
{
    return sql.size() > ReturningId.size() && sql.substr(sql.size() - ReturningId.size()) == ReturningId;
}

// An SQLite statement, prepared for one read or kept for the connection's life.
class SqliteRows final : public RawRows
{
public:
    SqliteRows(sqlite3* db, sqlite3_stmt* statement, bool kept, int status, bool returnsId)
        : m_db(db)
        , m_statement(statement)
        , m_kept(kept)
        , m_returnsId(returnsId)
        , m_status(status)
    {
    }
    ~SqliteRows() override
    {
        if (m_kept) {
            if (m_statement != nullptr) {
                sqlite3_reset(m_statement);
                sqlite3_clear_bindings(m_statement);
            }
        } else {
            sqlite3_finalize(m_statement);
        }
    }

    void bind(int index, std::int64_t value) override
    {
        if (m_status == SQLITE_OK) {
            m_status = sqlite3_bind_int64(m_statement, index, value);
        }
    }
    void bind(int index, const QString& text) override
    {
        if (m_status == SQLITE_OK) {
            const QByteArray utf8 = text.toUtf8();
            m_status = sqlite3_bind_text(m_statement, index, utf8.constData(), static_cast<int>(utf8.size()),
                                         SQLITE_TRANSIENT);
        }
    }
    void bindStatic(int index, const char* text) override
    {
        if (m_status == SQLITE_OK) {
            m_status = sqlite3_bind_text(m_statement, index, text, -1, SQLITE_STATIC);
        }
    }
    void bindNull(int index) override
    {
        if (m_status == SQLITE_OK) {
            m_status = sqlite3_bind_null(m_statement, index);
        }
    }
    bool run() override
    {
        if (m_status != SQLITE_OK) {
            return false;
        }
        m_status = sqlite3_step(m_statement);
        return m_status == SQLITE_DONE;
    }
    bool next() override
    {
        if (m_status != SQLITE_OK && m_status != SQLITE_ROW) {
            return false;
        }
        if (m_returnsId) {
            // The one row "RETURNING id" would give: the id the insert made.
            if (m_status == SQLITE_ROW) {
                m_status = SQLITE_DONE;
                return false;
            }
            m_status = sqlite3_step(m_statement);
            if (m_status != SQLITE_DONE || sqlite3_changes(m_db) == 0) {
                return false;
            }
            m_insertedId = sqlite3_last_insert_rowid(m_db);
            m_status = SQLITE_ROW;
            return true;
        }
        m_status = sqlite3_step(m_statement);
        return m_status == SQLITE_ROW;
    }
    bool failed() const override { return m_status != SQLITE_OK && m_status != SQLITE_ROW && m_status != SQLITE_DONE; }
    std::string_view bytes(int column) const override
    {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
        return text == nullptr ? std::string_view() : std::string_view(text, sqlite3_column_bytes(m_statement, column));
    }
    bool isNull(int column) const override { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }
    std::int64_t int64(int column) const override
    {
        return m_returnsId ? m_insertedId : sqlite3_column_int64(m_statement, column);
    }
    QString error() const override { return QString::fromUtf8(sqlite3_errmsg(m_db)); }
    int status() const override { return m_status; }
    QString sqlState() const override { return {}; }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_statement;
    bool m_kept;
    bool m_returnsId; // the statement's "RETURNING id" left out (see ReturningId)
    std::int64_t m_insertedId = 0;
    int m_status;
};

} // namespace

int preparedLength(const char* sql)
{
    const std::string_view text(sql);
    return static_cast<int>(text.size() - (returnsId(text) ? ReturningId.size() : 0));
}

std::unique_ptr<RawRows> sqliteRows(sqlite3* db, sqlite3_stmt* statement, bool kept, int status, const char* sql)
{
    return std::make_unique<SqliteRows>(db, statement, kept, status, returnsId(sql));
}

} // namespace dealboard
