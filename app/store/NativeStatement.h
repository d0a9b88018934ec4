#pragma once

#include <QByteArray>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace alpr {

/**
 * One prepared SQLCipher statement used through the C API, for the few statements that run thousands of times a
 * second (the batch writer's multi-row INSERTs).
 *
 * Why not QSqlQuery: binding through QSqlQuery wraps every value in a QVariant and names every position with
 * QString::arg; for a 400-row, 16-column INSERT that was a fifth of an import's time. Here values go straight to
 * sqlite3_bind_*.
 *
 * Text is bound without a copy (SQLITE_STATIC): the bytes passed to bindText() must stay alive and unchanged until
 * the next reset() or the destructor. Owned by its connection's user; destroy it before the connection closes.
 */
class NativeStatement
{
public:
    NativeStatement() = default;
    ~NativeStatement();
    NativeStatement(const NativeStatement&) = delete;
    NativeStatement& operator=(const NativeStatement&) = delete;

    /** Prepares one statement; on failure returns false and sets error() (SQLite's message). */
    bool prepare(sqlite3* db, const QString& sql);
    bool isPrepared() const { return m_stmt != nullptr; }

    void bindInt64(int position, qint64 value);
    void bindDouble(int position, double value);
    void bindNull(int position);
    /** Binds UTF-8 text without copying it: keep `utf8` alive until reset(). */
    void bindText(int position, const QByteArray& utf8);
    void bindBlob(int position, const QByteArray& bytes);

    /** Runs to the next row: true while a row is available; when it returns false, check ok(). */
    bool next();
    /** Runs a statement that returns no rows; false (and error()) if SQLite reported an error. */
    bool exec();
    /** True unless the last step failed. */
    bool ok() const { return m_ok; }
    /** Readies the statement for new values (bindings are cleared too). */
    void reset();

    qint64 columnInt64(int column) const;
    double columnDouble(int column) const;
    bool columnIsNull(int column) const;
    QString columnText(int column) const;
    /** The column's bytes (empty for NULL or an empty blob). */
    QByteArray columnBlob(int column) const;
    /** Rows changed by the last exec() (sqlite3_changes64). */
    qint64 changes() const;
    QString error() const { return m_error; }

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    QString m_error;
    bool m_ok = true;
};

} // namespace alpr
