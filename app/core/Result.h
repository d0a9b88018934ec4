#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace alpr {

/** What went wrong, in the categories that alpr-cli maps to its exit statuses (CLI.md). */
enum class ErrorKind {
    Failure = 1, ///< unexpected failure (I/O, database, bug)
    Usage = 2, ///< the caller asked for something malformed
    Auth = 3, ///< authentication failed or account locked
    Policy = 4, ///< refused by policy: no case, role, training, sharing rules
    BadInput = 5, ///< bad input data; the message names file, line and reason
};

/** A user-facing error: the message is already translated and names the file/field/line concerned. */
struct Error
{
    ErrorKind kind = ErrorKind::Failure;
    QString message;
};

inline Error failure(QString message) { return {ErrorKind::Failure, std::move(message)}; }
inline Error usageError(QString message) { return {ErrorKind::Usage, std::move(message)}; }
inline Error authError(QString message) { return {ErrorKind::Auth, std::move(message)}; }
inline Error policyError(QString message) { return {ErrorKind::Policy, std::move(message)}; }
inline Error badInput(QString message) { return {ErrorKind::BadInput, std::move(message)}; }

/**
 * The project's one error convention: a value or an Error. Check ok() before value().
 */
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    T* operator->() { return &*m_value; }
    const Error& error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error)) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

using Status = Result<void>;

/**
 * Marks a Status deliberately not acted on: a best-effort step on a path that already reports an error of its own
 * (e.g. auditing a refused sign-in), where a second failure could not be reported more usefully.
 */
inline void ignoreError(const Status&) {}

} // namespace alpr
