#pragma once

// A read straight through the engine's C API on the store's own connection,
// for the few reads that walk every deal or every history row (the board,
// the report, the export), and the hot inserts. Qt SQL copies each column of
// each row into a QVariant; at 100,000 rows that copy costs more than the
// database's own work. The backend makes the rows (Backend::rows): on a file
// an SQLite statement stepped, on a server the statement run through libpq
// and its rows walked, with times in the same ISO form a file stores. Values
// are always bound, never pasted into SQL text; "?" marks them on both.
#include "Database.h"

#include <QString>
#include <QStringView>
#include <QVariant>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace dealboard {

// Texts that many rows of a whole-table read share (an organization, an
// owner, a person's name, email and phone, an activity's subject, a
// currency), made once and shared between the rows that name them: at
// 100,000 deals the board holds about 30 MB fewer. Looked up by the column's
// bytes, without making a QString first; past Limit different texts, the
// rest are made as they come.
class SharedTexts
{
public:
    QString operator()(std::string_view bytes)
    {
        if (bytes.data() == nullptr) {
            return {};
        }
        if (const auto found = m_texts.find(bytes); found != m_texts.end()) {
            return found->second;
        }
        QString text = QString::fromUtf8(bytes.data(), static_cast<qsizetype>(bytes.size()));
        if (m_texts.size() < Limit) {
            m_texts.emplace(std::string(bytes), text);
        }
        return text;
    }

private:
    static constexpr std::size_t Limit = 200'000;
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view> {}(text); }
    };
    std::unordered_map<std::string, QString, Hash, std::equal_to<>> m_texts;
};

class RawQuery final
{
public:
    enum Keeping { Once, Keep, Streamed };
    // `Keep`: a statement the store keeps prepared for the connection's life
    // (the hot inserts); it is reset, not finalized, at the end.
    RawQuery(Database& database, const char* sql, Keeping keeping = Once)
        : m_rows(keeping == Streamed ? database.backend().streamedRows(sql)
                                     : database.backend().rows(sql, keeping == Keep))
    {
    }

    void bind(int index, std::int64_t value) { m_rows->bind(index, value); }
    void bind(int index, const QString& text) { m_rows->bind(index, text); }
    // Text that outlives the statement (string literals such as slugs).
    void bindStatic(int index, const char* text) { m_rows->bindStatic(index, text); }
    void bindNull(int index) { m_rows->bindNull(index); }
    // A value as Qt SQL would bind it: an invalid or null value, or a null
    // string, as NULL; integers and booleans as integers; the rest as text.
    void bind(int index, const QVariant& value)
    {
        switch (value.isNull() ? QMetaType::UnknownType : value.typeId()) {
        case QMetaType::UnknownType:
            bindNull(index);
            break;
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
            bind(index, std::int64_t(value.toLongLong()));
            break;
        case QMetaType::QString:
            if (const QString text = value.toString(); text.isNull()) {
                bindNull(index);
            } else {
                bind(index, text);
            }
            break;
        default:
            bind(index, value.toString());
            break;
        }
    }
    // Runs a statement that returns no rows; true when it was done.
    bool run() { return m_rows->run(); }
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
    bool next() { return m_rows->next(); }
    bool failed() const { return m_rows->failed(); }
    int status() const { return m_rows->status(); } // SQLite's result code
    QString error() const { return m_rows->error(); }
    QString sqlState() const { return m_rows->sqlState(); } // a server's SQLSTATE; empty on SQLite

    // The column's UTF-8 bytes, valid until next().
    std::string_view bytes(int column) const { return m_rows->bytes(column); }
    bool isNull(int column) const { return m_rows->isNull(column); }
    std::int64_t int64(int column) const { return m_rows->int64(column); }
    QString text(int column) const
    {
        const std::string_view value = bytes(column);
        return value.data() == nullptr ? QString()
                                       : QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
    }
    // Short ASCII text (stored times and dates) widened into `buffer`, without
    // building a QString; longer text comes back whole as a QString's view.
    template<std::size_t N> QStringView shortText(int column, char16_t (&buffer)[N], QString& spill) const
    {
        const std::string_view value = bytes(column);
        if (value.data() == nullptr) {
            return {};
        }
        const char* text = value.data();
        const auto size = static_cast<int>(value.size());
        if (static_cast<std::size_t>(size) > N) {
            spill = QString::fromUtf8(text, size);
            return spill;
        }
        for (int i = 0; i < size; ++i) {
            buffer[i] = static_cast<unsigned char>(text[i]);
        }
        return QStringView(buffer, size);
    }

private:
    std::unique_ptr<RawRows> m_rows;
};

} // namespace dealboard
