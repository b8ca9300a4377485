// A server's rows (RawQuery's statements through libpq, with times in the
// form a file stores) and the copy into a server (COPY).
#include "Database.h"
#include "PostgresBackend.h"
#include "RawQuery.h"

#include <QByteArray>
#include <QSqlQuery>
#include <charconv>
#include <libpq-fe.h>
#include <optional>
#include <spdlog/spdlog.h>
#include <vector>

namespace dealboard {

namespace {

// PostgreSQL's type oids for the values that come back in another form than
// SQLite's (pg_type.h).
constexpr Oid BoolOid = 16;
constexpr Oid TimestampTzOid = 1184;

// "?" marks (outside quotes) as libpq's "$1", "$2", ...
QByteArray numberedMarks(const char* sql)
{
    QByteArray out;
    int number = 0;
    char quote = 0;
    for (const char* c = sql; *c != '\0'; ++c) {
        if (quote != 0) {
            if (*c == quote) {
                quote = 0;
            }
            out += *c;
        } else if (*c == '\'' || *c == '"') {
            quote = *c;
            out += *c;
        } else if (*c == '?') {
            out += '$' + QByteArray::number(++number);
        } else {
            out += *c;
        }
    }
    return out;
}

// "2026-03-02 09:00:00.12+00" (the server's ISO output in UTC) as the form a
// file stores: "2026-03-02T09:00:00.120Z".
std::string storedForm(std::string_view server)
{
    if (server.size() < 22 || server[10] != ' ' || server.substr(server.size() - 3) != "+00") {
        return std::string(server);
    }
    std::string out(server.substr(0, 19));
    out[10] = 'T';
    out += '.';
    std::string_view fraction = server.substr(19, server.size() - 22);
    if (!fraction.empty() && fraction[0] == '.') {
        fraction.remove_prefix(1);
    }
    for (std::size_t i = 0; i < 3; ++i) {
        out += i < fraction.size() ? fraction[i] : '0';
    }
    out += 'Z';
    return out;
}

// A value in COPY's text form: backslash, tab, newline and carriage return escaped.
void appendCopyValue(QByteArray& line, std::string_view value)
{
    for (const char c : value) {
        switch (c) {
        case '\\':
            line += "\\\\";
            break;
        case '\t':
            line += "\\t";
            break;
        case '\n':
            line += "\\n";
            break;
        case '\r':
            line += "\\r";
            break;
        default:
            line += c;
        }
    }
}

} // namespace

// One statement's run on a server: the parameters collected, then the whole
// result, walked row by row; or, streamed, each row as the server sends it
// (libpq's single-row mode), the connection busy until the last.
class ServerRows final : public RawRows
{
public:
    ServerRows(PGconn* connection, const char* sql, bool streamed = false)
        : connection(connection)
        , sql(numberedMarks(sql))
        , streamed(streamed)
    {
    }
    ~ServerRows() override
    {
        PQclear(result);
        drain();
    }

    bool execute()
    {
        std::vector<const char*> pointers(values.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
            pointers[i] = values[i] ? values[i]->constData() : nullptr;
        }
        PQclear(result);
        result = nullptr;
        if (streamed) {
            executed = true;
            row = -1;
            rows = 0;
            // What an earlier statement left unread (Qt SQL reads some a row
            // at a time) is let go first, as PQexecParams does for the others.
            if (connection != nullptr) {
                while (PGresult* earlier = PQgetResult(connection)) {
                    PQclear(earlier);
                }
            }
            sending = connection != nullptr
                && PQsendQueryParams(connection, sql.constData(), static_cast<int>(values.size()), nullptr,
                                     pointers.data(), nullptr, nullptr, 0)
                    == 1;
            failedRun = !sending || PQsetSingleRowMode(connection) != 1;
            if (failedRun) {
                drain();
            }
            return !failedRun;
        }
        result = connection == nullptr ? nullptr
                                       : PQexecParams(connection, sql.constData(), static_cast<int>(values.size()),
                                                      nullptr, pointers.data(), nullptr, nullptr, 0);
        const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
        executed = true;
        failedRun = status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK;
        row = -1;
        if (!failedRun) {
            rows = PQntuples(result);
            const int columns = PQnfields(result);
            types.resize(static_cast<std::size_t>(columns));
            converted.assign(static_cast<std::size_t>(columns), std::string());
            for (int c = 0; c < columns; ++c) {
                types[static_cast<std::size_t>(c)] = PQftype(result, c);
            }
        }
        return !failedRun;
    }

    void bind(int index, std::int64_t value) override
    {
        bindBytes(index, QByteArray::number(static_cast<qlonglong>(value)));
    }
    void bind(int index, const QString& text) override { bindBytes(index, text.toUtf8()); }
    void bindStatic(int index, const char* text) override { bindBytes(index, QByteArray(text)); }
    void bindNull(int index) override { bindBytes(index, std::nullopt); }
    bool run() override { return execute(); }
    bool next() override
    {
        if (!executed && !execute()) {
            spdlog::debug("Server statement failed: {}", error().toStdString());
            return false;
        }
        if (streamed) {
            return nextStreamed();
        }
        if (failedRun || row + 1 >= rows) {
            return false;
        }
        ++row;
        for (std::string& value : converted) {
            value.clear();
        }
        return true;
    }
    bool failed() const override { return failedRun; }
    bool isNull(int column) const override { return row < 0 || PQgetisnull(result, row, column) != 0; }
    std::int64_t int64(int column) const override
    {
        if (isNull(column)) {
            return 0;
        }
        const char* value = PQgetvalue(result, row, column);
        if (types[static_cast<std::size_t>(column)] == BoolOid) {
            return value[0] == 't' ? 1 : 0;
        }
        std::int64_t number = 0;
        const int length = PQgetlength(result, row, column);
        std::from_chars(value, value + length, number);
        return number;
    }
    std::string_view bytes(int column) const override
    {
        if (isNull(column)) {
            return {};
        }
        const char* value = PQgetvalue(result, row, column);
        const auto length = static_cast<std::size_t>(PQgetlength(result, row, column));
        const Oid type = types[static_cast<std::size_t>(column)];
        if (type == TimestampTzOid) {
            std::string& stored = converted[static_cast<std::size_t>(column)];
            if (stored.empty()) {
                stored = storedForm(std::string_view(value, length));
            }
            return stored;
        }
        if (type == BoolOid) {
            return value[0] == 't' ? std::string_view("1") : std::string_view("0");
        }
        return {value, length};
    }
    QString error() const override
    {
        if (result != nullptr && PQresultErrorMessage(result)[0] != '\0') {
            return QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
        }
        return connection != nullptr ? QString::fromUtf8(PQerrorMessage(connection)).trimmed()
                                     : QStringLiteral("not connected to the server");
    }
    int status() const override { return 0; }
    QString sqlState() const override
    {
        if (result == nullptr) {
            return {};
        }
        const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        return state != nullptr ? QString::fromLatin1(state) : QString();
    }

private:
    bool nextStreamed()
    {
        if (failedRun || !sending) {
            return false;
        }
        PQclear(result);
        result = PQgetResult(connection);
        const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_TUPLES_OK;
        if (status == PGRES_SINGLE_TUPLE) {
            if (types.empty()) {
                const int columns = PQnfields(result);
                types.resize(static_cast<std::size_t>(columns));
                converted.assign(static_cast<std::size_t>(columns), std::string());
                for (int c = 0; c < columns; ++c) {
                    types[static_cast<std::size_t>(c)] = PQftype(result, c);
                }
            }
            rows = 1;
            row = 0;
            for (std::string& value : converted) {
                value.clear();
            }
            return true;
        }
        // The end, or the error that ended it (kept for error()).
        failedRun = status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK;
        if (!failedRun) {
            PQclear(result);
            result = nullptr;
        }
        rows = 0;
        row = -1;
        drain();
        return false;
    }

    // Reads what is left of a streamed statement, so that the connection
    // takes the next one.
    void drain()
    {
        if (!sending) {
            return;
        }
        while (PGresult* rest = PQgetResult(connection)) {
            if (result == nullptr && PQresultStatus(rest) != PGRES_SINGLE_TUPLE
                && PQresultStatus(rest) != PGRES_TUPLES_OK) {
                result = rest; // an error after the last row read: kept for error()
                failedRun = true;
                continue;
            }
            PQclear(rest);
        }
        sending = false;
    }

    void bindBytes(int index, std::optional<QByteArray> value)
    {
        if (values.size() < static_cast<std::size_t>(index)) {
            values.resize(static_cast<std::size_t>(index));
        }
        values[static_cast<std::size_t>(index - 1)] = std::move(value);
    }

    PGconn* connection;
    QByteArray sql;
    std::vector<std::optional<QByteArray>> values; // nullopt binds NULL
    PGresult* result = nullptr;
    std::vector<Oid> types;
    mutable std::vector<std::string> converted; // times in stored form, per column of the current row
    int rows = 0;
    int row = -1;
    bool executed = false;
    bool failedRun = false;
    bool streamed = false;
    bool sending = false; // a streamed statement's rows are still coming
};

std::unique_ptr<RawRows> PostgresBackend::rows(const char* sql, bool)
{
    return std::make_unique<ServerRows>(handle(), sql);
}

std::unique_ptr<RawRows> PostgresBackend::streamedRows(const char* sql)
{
    return std::make_unique<ServerRows>(handle(), sql, true);
}

// The source's change log comes along; the copy's own rows are not news.
// Only the database's owner may say so, inside the copy's transaction.
Result<void> PostgresBackend::beginCopyIn()
{
    return m_database.execute(QStringLiteral("SELECT set_config('dealboard.copying', 'on', true)"));
}

Result<qint64> PostgresBackend::copyIn(const CopyTable& table, RawQuery& rows, Database& source, const CopyIn& how)
{
    PGconn* connection = handle();
    const QByteArray copy = QByteArray("COPY ") + table.name + " (" + table.columns + ") FROM STDIN";
    PGresult* started = PQexec(connection, copy.constData());
    const bool ready = PQresultStatus(started) == PGRES_COPY_IN;
    PQclear(started);
    if (!ready) {
        return how.failed(QString::fromUtf8(PQerrorMessage(connection)).trimmed());
    }
    QByteArray buffer;
    bool sent = true;
    bool stopped = false;
    qint64 copied = 0;
    while (sent && rows.next() && !(stopped = !how.goOn(copied))) {
        for (int c = 0; c < table.columnCount; ++c) {
            if (c > 0) {
                buffer += '\t';
            }
            if (rows.isNull(c)) {
                buffer += "\\N";
            } else {
                appendCopyValue(buffer, rows.bytes(c));
            }
        }
        buffer += '\n';
        ++copied;
        if (buffer.size() > (1 << 20)) {
            sent = PQputCopyData(connection, buffer.constData(), static_cast<int>(buffer.size())) == 1;
            buffer.clear();
        }
    }
    if (sent && !buffer.isEmpty()) {
        sent = PQputCopyData(connection, buffer.constData(), static_cast<int>(buffer.size())) == 1;
    }
    const bool readFailed = rows.failed();
    PQputCopyEnd(connection,
                 stopped                   ? "stopped on request"
                     : readFailed || !sent ? "the source could not be read"
                                           : nullptr);
    QString why;
    while (PGresult* result = PQgetResult(connection)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK && why.isEmpty()) {
            why = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
        }
        PQclear(result);
    }
    if (stopped) {
        return how.cancelled();
    }
    if (readFailed) {
        return source.rawError(QStringLiteral("read %1").arg(QString::fromLatin1(table.name)), rows);
    }
    if (!why.isEmpty() || !sent) {
        return how.failed(why.isEmpty() ? QStringLiteral("the server stopped taking rows.") : why);
    }
    return copied;
}

// The identity sequence's last value.
QByteArray PostgresBackend::lastIdQuery(const CopyTable& table) const
{
    return QByteArray("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM ") + table.name + "_id_seq";
}

Result<void> PostgresBackend::setLastId(const CopyTable& table, qint64 value)
{
    const QString name = QString::fromLatin1(table.name);
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT setval(pg_get_serial_sequence(?, 'id'), ?)"));
    query.addBindValue(name);
    query.addBindValue(value);
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("keep the id sequence of %1").arg(name), query);
    }
    return {};
}

} // namespace dealboard
