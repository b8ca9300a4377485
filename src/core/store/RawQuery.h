#pragma once

// A read straight through the engine's C API on the store's own connection,
// for the few reads that walk every deal or every history row (the board,
// the report, the export), and the hot inserts. Qt SQL copies each column of
// each row into a QVariant; at 100,000 rows that copy costs more than the
// database's own work. On SQLite it steps a statement; on a server it runs
// the statement through libpq (ServerRows) and walks the rows it returned,
// with times in the same ISO form a file stores. Values are always bound,
// never pasted into SQL text; "?" marks them on both engines.
#include "Database.h"

#include <QString>
#include <QStringView>
#include <cstdint>
#include <memory>
#include <optional>
#include <sqlite3.h>
#include <string_view>

namespace dealboard {

class ServerRows;

class RawQuery final
{
public:
    enum Keeping { Once, Keep };
    // `Keep`: a statement the store keeps prepared for the connection's life
    // (the hot inserts); it is reset, not finalized, at the end.
    RawQuery(Database& database, const char* sql, Keeping keeping = Once);
    ~RawQuery();
    RawQuery(const RawQuery&) = delete;
    RawQuery& operator=(const RawQuery&) = delete;

    void bind(int index, std::int64_t value)
    {
        if (m_server) {
            return serverBind(index, QByteArray::number(static_cast<qlonglong>(value)));
        }
        if (m_status == SQLITE_OK) {
            m_status = sqlite3_bind_int64(m_statement, index, value);
        }
    }
    void bind(int index, const QString& text)
    {
        if (m_server) {
            return serverBind(index, text.toUtf8());
        }
        if (m_status == SQLITE_OK) {
            const QByteArray utf8 = text.toUtf8();
            m_status = sqlite3_bind_text(m_statement, index, utf8.constData(), static_cast<int>(utf8.size()),
                                         SQLITE_TRANSIENT);
        }
    }

    // Text that outlives the statement (string literals such as slugs).
    void bindStatic(int index, const char* text)
    {
        if (m_server) {
            return serverBind(index, QByteArray(text));
        }
        if (m_status == SQLITE_OK) {
            m_status = sqlite3_bind_text(m_statement, index, text, -1, SQLITE_STATIC);
        }
    }
    void bindNull(int index)
    {
        if (m_server) {
            return serverBind(index, std::nullopt);
        }
        if (m_status == SQLITE_OK) {
            m_status = sqlite3_bind_null(m_statement, index);
        }
    }
    // Runs a statement that returns no rows; true when it was done.
    bool run()
    {
        if (m_server) {
            return serverRun();
        }
        if (m_status != SQLITE_OK) {
            return false;
        }
        m_status = sqlite3_step(m_statement);
        return m_status == SQLITE_DONE;
    }
    // Runs an INSERT that ends in "RETURNING id"; the new row's id, or 0 when it failed.
    std::int64_t insert()
    {
        if (!next()) {
            return 0;
        }
        const std::int64_t id = int64(0);
        return !next() && !failed() ? id : 0;
    }

    // The next row; false at the end or on a failure (see failed()).
    bool next()
    {
        if (m_server) {
            return serverNext();
        }
        if (m_status != SQLITE_OK && m_status != SQLITE_ROW) {
            return false;
        }
        m_status = sqlite3_step(m_statement);
        return m_status == SQLITE_ROW;
    }
    bool failed() const
    {
        return m_server ? serverFailed() : m_status != SQLITE_OK && m_status != SQLITE_ROW && m_status != SQLITE_DONE;
    }
    int status() const { return m_status; }
    QString error() const;
    QString sqlState() const; // a server's SQLSTATE; empty on SQLite

    // The column's UTF-8 bytes, valid until next().
    std::string_view bytes(int column) const
    {
        if (m_server) {
            return serverBytes(column);
        }
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
        return text == nullptr ? std::string_view() : std::string_view(text, sqlite3_column_bytes(m_statement, column));
    }
    bool isNull(int column) const
    {
        return m_server ? serverIsNull(column) : sqlite3_column_type(m_statement, column) == SQLITE_NULL;
    }
    std::int64_t int64(int column) const
    {
        return m_server ? serverInt64(column) : sqlite3_column_int64(m_statement, column);
    }
    QString text(int column) const
    {
        if (m_server) {
            const std::string_view value = serverBytes(column);
            return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
        }
        const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
        return bytes == nullptr ? QString() : QString::fromUtf8(bytes, sqlite3_column_bytes(m_statement, column));
    }
    // Short ASCII text (stored times and dates) widened into `buffer`, without
    // building a QString; longer text comes back whole as a QString's view.
    template<std::size_t N> QStringView shortText(int column, char16_t (&buffer)[N], QString& spill) const
    {
        const char* bytes = nullptr;
        int size = 0;
        if (m_server) {
            if (serverIsNull(column)) {
                return {};
            }
            const std::string_view value = serverBytes(column);
            bytes = value.data();
            size = static_cast<int>(value.size());
        } else {
            bytes = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
            size = sqlite3_column_bytes(m_statement, column);
        }
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
    void serverBind(int index, std::optional<QByteArray> value);
    bool serverRun();
    bool serverNext();
    bool serverFailed() const;
    bool serverIsNull(int column) const;
    std::int64_t serverInt64(int column) const;
    std::string_view serverBytes(int column) const;

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    bool m_kept = false;
    int m_status = SQLITE_OK;
    std::unique_ptr<ServerRows> m_server;
};

} // namespace dealboard
