#pragma once

#include "dealboard/Requirement.h"

#include <QString>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

namespace dealboard {

// What kind of failure an Error is; the CLI maps these to its exit codes.
enum class ErrorCode {
    InvalidInput, // the caller gave something malformed: fix the input
    NotFound, // no such deal
    StaleVersion, // the deal changed elsewhere since it was read
    RefusedByRules, // the pipeline's rules forbid the action; see Error::unmet
    TooFrequent, // a touch too soon after another one of the same person; repeat it confirmed to go ahead
    NotADatabase, // the file is not a DealBoard/SQLite database
    NewerSchema, // the file was written by a newer DealBoard
    Storage, // SQLite failed (disk, permissions, lock)
    Cancelled, // the person stopped long work; nothing of it was kept
    LikelyDuplicate, // a contact looks like one already there (Error::missing its kind, subject its id); nothing was
                     // saved: use that one, or repeat allowing another
};

// Told how far long work (an import, an export, a copy, the sample) has come,
// in steps of `total`; returns false to stop it, and then nothing of it is
// kept. Called often enough to keep a progress bar moving, seldom enough to
// cost nothing.
using Progress = std::function<bool(qint64 done, qint64 total)>;

// A failure with a code for programs and a sentence for people.
struct Error
{
    ErrorCode code = ErrorCode::Storage;
    QString message;
    std::vector<Requirement> unmet; // filled when code == RefusedByRules
    // With NotFound: the kind of record that is missing ("deal", "organization",
    // "person", "activity"), so that a front end can say where to look.
    // With a server that could not be reached: "connection", so that each
    // front end says where it takes a password from. What else is missing
    // that a front end can point to in its own words (the CLI names its
    // command): "pipeline" (none at `subject` yet), "upgrade" (the pipeline at
    // `subject` needs one), "file" (what only a pipeline in a file does, for
    // the pipeline at `subject`), "certificate" (the one kept for the server
    // `subject` no longer matches; without a subject, the server is not
    // trusted yet).
    QString missing;
    QString subject;
};

// A NotFound error for `kind` number `id`: "There is no deal 12."
inline Error notFound(const char* kind, std::int64_t id)
{
    Error error;
    error.code = ErrorCode::NotFound;
    error.missing = QString::fromLatin1(kind);
    error.message = QStringLiteral("There is no %1 %2.").arg(error.missing).arg(id);
    return error;
}

// Either a value or an Error; the core never throws across its API.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    {
    }
    Result(Error error)
        : m_state(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_state); }
    T& value() & { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {
    }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(ErrorCode code, QString message)
{
    return Error {code, std::move(message), {}, {}, {}};
}

} // namespace dealboard
