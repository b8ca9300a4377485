#include "RawQuery.h"

#include <QByteArray>
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

} // namespace

// One statement's run on a server: the parameters collected, then the whole
// result, walked row by row.
class ServerRows final
{
public:
    ServerRows(PGconn* connection, const char* sql)
        : connection(connection)
        , sql(numberedMarks(sql))
    {
    }
    ~ServerRows() { PQclear(result); }

    bool execute()
    {
        std::vector<const char*> pointers(values.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
            pointers[i] = values[i] ? values[i]->constData() : nullptr;
        }
        PQclear(result);
        result = connection == nullptr ? nullptr
                                       : PQexecParams(connection, sql.constData(), static_cast<int>(values.size()),
                                                      nullptr, pointers.data(), nullptr, nullptr, 0);
        const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
        executed = true;
        failed = status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK;
        row = -1;
        if (!failed) {
            rows = PQntuples(result);
            const int columns = PQnfields(result);
            types.resize(static_cast<std::size_t>(columns));
            converted.assign(static_cast<std::size_t>(columns), std::string());
            for (int c = 0; c < columns; ++c) {
                types[static_cast<std::size_t>(c)] = PQftype(result, c);
            }
        }
        return !failed;
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
    bool failed = false;
};

RawQuery::RawQuery(Database& database, const char* sql, Keeping keeping)
{
    if (database.isServer()) {
        m_server = std::make_unique<ServerRows>(database.serverHandle(), sql);
        return;
    }
    m_db = database.rawHandle();
    if (keeping == Keep) {
        m_statement = database.keptStatement(sql);
        m_kept = true;
        m_status = m_statement != nullptr ? SQLITE_OK : SQLITE_ERROR;
        return;
    }
    m_status = m_db != nullptr ? sqlite3_prepare_v2(m_db, sql, -1, &m_statement, nullptr) : SQLITE_MISUSE;
}

RawQuery::~RawQuery()
{
    if (m_server) {
        return;
    }
    if (m_kept) {
        if (m_statement != nullptr) {
            sqlite3_reset(m_statement);
            sqlite3_clear_bindings(m_statement);
        }
    } else {
        sqlite3_finalize(m_statement);
    }
}

QString RawQuery::error() const
{
    if (m_server) {
        if (m_server->result != nullptr && PQresultErrorMessage(m_server->result)[0] != '\0') {
            return QString::fromUtf8(PQresultErrorMessage(m_server->result)).trimmed();
        }
        return m_server->connection != nullptr ? QString::fromUtf8(PQerrorMessage(m_server->connection)).trimmed()
                                               : QStringLiteral("not connected to the server");
    }
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

QString RawQuery::sqlState() const
{
    if (!m_server || m_server->result == nullptr) {
        return {};
    }
    const char* state = PQresultErrorField(m_server->result, PG_DIAG_SQLSTATE);
    return state != nullptr ? QString::fromLatin1(state) : QString();
}

void RawQuery::serverBind(int index, std::optional<QByteArray> value)
{
    auto& values = m_server->values;
    if (values.size() < static_cast<std::size_t>(index)) {
        values.resize(static_cast<std::size_t>(index));
    }
    values[static_cast<std::size_t>(index - 1)] = std::move(value);
}

bool RawQuery::serverRun()
{
    return m_server->execute();
}

bool RawQuery::serverNext()
{
    if (!m_server->executed && !m_server->execute()) {
        spdlog::debug("Server statement failed: {}", error().toStdString());
        return false;
    }
    if (m_server->failed || m_server->row + 1 >= m_server->rows) {
        return false;
    }
    ++m_server->row;
    for (std::string& value : m_server->converted) {
        value.clear();
    }
    return true;
}

bool RawQuery::serverFailed() const
{
    return m_server->failed;
}

bool RawQuery::serverIsNull(int column) const
{
    return m_server->row < 0 || PQgetisnull(m_server->result, m_server->row, column) != 0;
}

std::int64_t RawQuery::serverInt64(int column) const
{
    if (serverIsNull(column)) {
        return 0;
    }
    const char* value = PQgetvalue(m_server->result, m_server->row, column);
    if (m_server->types[static_cast<std::size_t>(column)] == BoolOid) {
        return value[0] == 't' ? 1 : 0;
    }
    std::int64_t number = 0;
    const int length = PQgetlength(m_server->result, m_server->row, column);
    std::from_chars(value, value + length, number);
    return number;
}

std::string_view RawQuery::serverBytes(int column) const
{
    if (serverIsNull(column)) {
        return {};
    }
    const char* value = PQgetvalue(m_server->result, m_server->row, column);
    const auto length = static_cast<std::size_t>(PQgetlength(m_server->result, m_server->row, column));
    const Oid type = m_server->types[static_cast<std::size_t>(column)];
    if (type == TimestampTzOid) {
        std::string& converted = m_server->converted[static_cast<std::size_t>(column)];
        if (converted.empty()) {
            converted = storedForm(std::string_view(value, length));
        }
        return converted;
    }
    if (type == BoolOid) {
        return value[0] == 't' ? std::string_view("1") : std::string_view("0");
    }
    return {value, length};
}

} // namespace dealboard
