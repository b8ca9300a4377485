#pragma once

// A read straight through SQLite's C API on the store's own connection, for
// the few reads that walk every deal or every history row (the board, the
// report, the export). Qt SQL copies each column of each row into a QVariant;
// at 100,000 rows that copy costs more than SQLite's own work. Values are
// still bound, never pasted into SQL text.
#include <QString>
#include <QStringView>
#include <cstdint>
#include <sqlite3.h>
#include <string_view>

namespace dealboard {

class RawQuery final
{
public:
    RawQuery(sqlite3* db, const char* sql)
        : m_db(db)
    {
        m_status = db != nullptr ? sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr) : SQLITE_MISUSE;
    }
    // Runs a statement the store keeps prepared; it is reset, not finalized, at the end.
    RawQuery(sqlite3* db, sqlite3_stmt* kept)
        : m_db(db)
        , m_statement(kept)
        , m_kept(true)
    {
        m_status = kept != nullptr ? SQLITE_OK : SQLITE_ERROR;
    }
    ~RawQuery()
    {
        if (m_kept) {
            sqlite3_reset(m_statement);
            sqlite3_clear_bindings(m_statement);
        } else {
            sqlite3_finalize(m_statement);
        }
    }
    RawQuery(const RawQuery&) = delete;
    RawQuery& operator=(const RawQuery&) = delete;

    void bind(int index, std::int64_t value)
    {
        if (m_status == SQLITE_OK) {
            m_status = sqlite3_bind_int64(m_statement, index, value);
        }
    }
    void bind(int index, const QString& text)
    {
        if (m_status == SQLITE_OK) {
            const QByteArray utf8 = text.toUtf8();
            m_status = sqlite3_bind_text(m_statement, index, utf8.constData(), static_cast<int>(utf8.size()),
                                         SQLITE_TRANSIENT);
        }
    }

    // Text that outlives the statement (string literals such as slugs).
    void bindStatic(int index, const char* text)
    {
        if (m_status == SQLITE_OK) {
            m_status = sqlite3_bind_text(m_statement, index, text, -1, SQLITE_STATIC);
        }
    }
    void bindNull(int index)
    {
        if (m_status == SQLITE_OK) {
            m_status = sqlite3_bind_null(m_statement, index);
        }
    }
    // Runs a statement that returns no rows; true when it was done.
    bool run()
    {
        if (m_status != SQLITE_OK) {
            return false;
        }
        m_status = sqlite3_step(m_statement);
        return m_status == SQLITE_DONE;
    }
    std::int64_t lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }

    // The next row; false at the end or on a failure (see failed()).
    bool next()
    {
        if (m_status != SQLITE_OK && m_status != SQLITE_ROW) {
            return false;
        }
        m_status = sqlite3_step(m_statement);
        return m_status == SQLITE_ROW;
    }
    bool failed() const { return m_status != SQLITE_OK && m_status != SQLITE_ROW && m_status != SQLITE_DONE; }
    int status() const { return m_status; }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

    // The column's UTF-8 bytes, valid until next().
    std::string_view bytes(int column) const
    {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
        return text == nullptr ? std::string_view() : std::string_view(text, sqlite3_column_bytes(m_statement, column));
    }
    bool isNull(int column) const { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }
    std::int64_t int64(int column) const { return sqlite3_column_int64(m_statement, column); }
    QString text(int column) const
    {
        const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
        return bytes == nullptr ? QString() : QString::fromUtf8(bytes, sqlite3_column_bytes(m_statement, column));
    }
    // Short ASCII text (stored times and dates) widened into `buffer`, without
    // building a QString; longer text comes back whole as a QString's view.
    template<std::size_t N> QStringView shortText(int column, char16_t (&buffer)[N], QString& spill) const
    {
        const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
        const int size = sqlite3_column_bytes(m_statement, column);
        if (bytes == nullptr) {
            return {};
        }
        if (static_cast<std::size_t>(size) > N) {
            spill = QString::fromUtf8(bytes, size);
            return spill;
        }
        for (int i = 0; i < size; ++i) {
            buffer[i] = static_cast<unsigned char>(bytes[i]);
        }
        return QStringView(buffer, size);
    }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
    bool m_kept = false;
    int m_status = SQLITE_OK;
};

} // namespace dealboard
