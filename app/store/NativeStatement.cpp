#include "NativeStatement.h"

#include <sqlite3.h>

namespace alpr {

NativeStatement::~NativeStatement()
{
    sqlite3_finalize(m_stmt);
}

bool NativeStatement::prepare(sqlite3* db, const QString& sql)
{
    sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    m_db = db;
    const QByteArray utf8 = sql.toUtf8();
    // PERSISTENT: these statements live as long as their writer (a hint for how SQLite allocates them).
    const int rc = db ? sqlite3_prepare_v3(db, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt,
                                           nullptr)
                      : SQLITE_MISUSE;
    m_ok = rc == SQLITE_OK && m_stmt;
    m_error = m_ok ? QString() : QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    return m_ok;
}

void NativeStatement::bindInt64(int position, qint64 value)
{
    sqlite3_bind_int64(m_stmt, position, value);
}

void NativeStatement::bindDouble(int position, double value)
{
    sqlite3_bind_double(m_stmt, position, value);
}

void NativeStatement::bindNull(int position)
{
    sqlite3_bind_null(m_stmt, position);
}

void NativeStatement::bindText(int position, const QByteArray& utf8)
{
    // constData() of an empty QByteArray is "", never null, so an empty text stays text and not NULL.
    sqlite3_bind_text(m_stmt, position, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
}

void NativeStatement::bindBlob(int position, const QByteArray& bytes)
{
    if (bytes.isNull())
        sqlite3_bind_null(m_stmt, position);
    else
        sqlite3_bind_blob(m_stmt, position, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
}

bool NativeStatement::next()
{
    if (!m_stmt) { // the prepare failed: keep its message
        m_ok = false;
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    m_ok = rc == SQLITE_DONE;
    if (!m_ok)
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    return false;
}

bool NativeStatement::exec()
{
    while (next()) { }
    return m_ok;
}

void NativeStatement::reset()
{
    if (!m_stmt)
        return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_ok = true;
}

qint64 NativeStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString NativeStatement::columnText(int column) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column));
}

double NativeStatement::columnDouble(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

bool NativeStatement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

QByteArray NativeStatement::columnBlob(int column) const
{
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    return bytes ? QByteArray(bytes, sqlite3_column_bytes(m_stmt, column)) : QByteArray();
}

qint64 NativeStatement::changes() const
{
    return sqlite3_changes64(m_db);
}

} // namespace alpr
