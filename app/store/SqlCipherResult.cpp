#include "SqlCipherResult.h"

#include "SqlCipherDriver.h"

#include <QDate>
#include <QDateTime>
#include <QSqlField>
#include <QTime>
#include <limits>
#include <sqlite3.h>

namespace alpr {

namespace {

// Qt treats a null QString/QByteArray/date as SQL NULL (QSQLITE does the same); Qt 6's QVariant::isNull() no longer
// looks inside the value, so check the common types here.
bool isNullValue(const QVariant& value)
{
    if (!value.isValid() || value.isNull())
        return true;
    switch (value.metaType().id()) {
    case QMetaType::QString:
        return static_cast<const QString*>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray*>(value.constData())->isNull();
    case QMetaType::QDateTime:
        return static_cast<const QDateTime*>(value.constData())->isNull();
    case QMetaType::QDate:
        return static_cast<const QDate*>(value.constData())->isNull();
    case QMetaType::QTime:
        return static_cast<const QTime*>(value.constData())->isNull();
    default:
        return false;
    }
}

int bindText(sqlite3_stmt* stmt, int index, const QString& text, QList<QByteArray>& keep)
{
    // UTF-8 converted here and bound SQLITE_STATIC, kept alive in `keep` until the statement is reset: with
    // cipher_memory_security on, every allocation inside SQLite costs an mlock/munlock pair, and a TRANSIENT or UTF-16
    // bind is one or two of those per value (measured: ten times slower bulk inserts).
    keep.append(text.toUtf8());
    const QByteArray& bytes = keep.constLast();
    return sqlite3_bind_text64(stmt, index, bytes.constData(), static_cast<sqlite3_uint64>(bytes.size()),
                               SQLITE_STATIC, SQLITE_UTF8);
}

// Returns an SQLite code; SQLITE_MISMATCH for a type we cannot store, SQLITE_RANGE for a too large quint64.
int bindVariant(sqlite3_stmt* stmt, int index, const QVariant& value, QList<QByteArray>& keep)
{
    if (isNullValue(value))
        return sqlite3_bind_null(stmt, index);
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return sqlite3_bind_int(stmt, index, value.toBool() ? 1 : 0);
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
        return sqlite3_bind_int64(stmt, index, value.toLongLong());
    case QMetaType::ULong:
    case QMetaType::ULongLong: {
        const qulonglong unsignedValue = value.toULongLong();
        if (unsignedValue > static_cast<qulonglong>(std::numeric_limits<qint64>::max()))
            return SQLITE_RANGE;
        return sqlite3_bind_int64(stmt, index, static_cast<sqlite3_int64>(unsignedValue));
    }
    case QMetaType::Float:
    case QMetaType::Double:
        return sqlite3_bind_double(stmt, index, value.toDouble());
    case QMetaType::QString:
        return bindText(stmt, index, *static_cast<const QString*>(value.constData()), keep);
    case QMetaType::QByteArray: {
        keep.append(*static_cast<const QByteArray*>(value.constData())); // shares, no copy
        const QByteArray& bytes = keep.constLast();
        return sqlite3_bind_blob64(stmt, index, bytes.constData(), static_cast<sqlite3_uint64>(bytes.size()),
                                   SQLITE_STATIC);
    }
    case QMetaType::QDateTime:
        return bindText(stmt, index, value.toDateTime().toString(Qt::ISODateWithMs), keep);
    case QMetaType::QDate:
        return bindText(stmt, index, value.toDate().toString(Qt::ISODate), keep);
    case QMetaType::QTime:
        return bindText(stmt, index, value.toTime().toString(Qt::ISODateWithMs), keep);
    default: {
        // QMetaType::convert() reports failure (canConvert() does not: a two-item QStringList "can" convert, to "").
        QString text;
        if (QMetaType::convert(value.metaType(), value.constData(), QMetaType::fromType<QString>(), &text))
            return bindText(stmt, index, text, keep);
        return SQLITE_MISMATCH;
    }
    }
}

} // namespace

SqlCipherResult::SqlCipherResult(const SqlCipherDriver* driver)
    : QSqlResult(driver)
{
    driver->m_results.append(this);
}

SqlCipherResult::~SqlCipherResult()
{
    // driver() is a guarded pointer: null when the driver went first (it finalized us in its close()).
    if (const auto* drv = static_cast<const SqlCipherDriver*>(driver()))
        drv->m_results.removeOne(this);
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

QVariant SqlCipherResult::handle() const
{
    return QVariant::fromValue<void*>(m_stmt);
}

void SqlCipherResult::finalizeStatement()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    clearRows();
    m_done = true;
    setActive(false);
}

QMetaType SqlCipherResult::typeForDeclared(const QString& declaredType)
{
    // The order follows SQLite's column affinity rules ("Datatypes In SQLite", 3.1).
    const QString type = declaredType.toUpper();
    if (type.isEmpty())
        return QMetaType();
    if (type.contains(u"INT"))
        return QMetaType::fromType<qlonglong>();
    if (type.contains(u"CHAR") || type.contains(u"CLOB") || type.contains(u"TEXT"))
        return QMetaType::fromType<QString>();
    if (type.contains(u"BLOB"))
        return QMetaType::fromType<QByteArray>();
    if (type.contains(u"BOOL"))
        return QMetaType::fromType<bool>();
    // Dates are bound as ISO text, so a NULL date column reads back as a null string.
    if (type.contains(u"DATE") || type.contains(u"TIME"))
        return QMetaType::fromType<QString>();
    if (type.contains(u"REAL") || type.contains(u"FLOA") || type.contains(u"DOUB") || type.contains(u"NUMERIC")
        || type.contains(u"DECIMAL"))
        return QMetaType::fromType<double>();
    return QMetaType();
}

QSqlError SqlCipherResult::makeError(const QString& what, const QString& databaseText, int code,
                                     QSqlError::ErrorType type)
{
    return QSqlError(what, databaseText, type, QString::number(code & 0xff));
}

QString SqlCipherResult::errorMessage(sqlite3* db, int code)
{
    if (db && sqlite3_errcode(db) != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(db));
    return QString::fromUtf8(sqlite3_errstr(code));
}

sqlite3* SqlCipherResult::connection() const
{
    const auto* drv = static_cast<const SqlCipherDriver*>(driver());
    return drv ? drv->m_db : nullptr;
}

void SqlCipherResult::clearRows()
{
    m_rows.clear();
    m_stmtRow = -1;
}

void SqlCipherResult::setStatementError(const QString& what, int code)
{
    setLastError(makeError(what, errorMessage(connection(), code), code, QSqlError::StatementError));
}

bool SqlCipherResult::prepare(const QString& query)
{
    // Reached through QSqlQuery::prepare(); the statement will be reset and re-run many times.
    return prepareStatement(query, true);
}

bool SqlCipherResult::reset(const QString& query)
{
    return prepareStatement(query, false) && execStatement({});
}

bool SqlCipherResult::exec()
{
    return execStatement(boundValues());
}

bool SqlCipherResult::prepareStatement(const QString& query, bool persistent)
{
    finalizeStatement();
    m_record.clear();
    m_nullValues.clear();
    m_rowsAffected = -1;
    m_lastInsertId = QVariant();
    setSelect(false);
    setAt(QSql::BeforeFirstRow);

    sqlite3* db = connection();
    if (!db) {
        setLastError(makeError(tr("Unable to prepare the statement"), tr("The database is not open"), SQLITE_MISUSE,
                               QSqlError::ConnectionError));
        return false;
    }

    const QByteArray sql = query.toUtf8();
    const char* const end = sql.constData() + sql.size();
    const char* tail = nullptr;
    // The size includes the terminating NUL, which spares SQLite a copy of the text.
    int rc = sqlite3_prepare_v3(db, sql.constData(), static_cast<int>(sql.size() + 1),
                                persistent ? SQLITE_PREPARE_PERSISTENT : 0, &m_stmt, &tail);
    if (rc != SQLITE_OK) {
        setStatementError(tr("Unable to prepare the statement"), rc);
        finalizeStatement();
        return false;
    }
    if (!m_stmt) {
        setLastError(makeError(tr("Unable to prepare the statement"), tr("The query contains no SQL statement"),
                               SQLITE_MISUSE, QSqlError::StatementError));
        return false;
    }

    // SQLite would silently ignore everything after the first statement; a migration losing its second half that
    // way is worse than an error. Whitespace, ';' and comments after it are fine (they prepare to nothing).
    while (tail && tail < end && *tail) {
        sqlite3_stmt* extra = nullptr;
        const char* next = nullptr;
        rc = sqlite3_prepare_v2(db, tail, static_cast<int>(end - tail), &extra, &next);
        if (rc != SQLITE_OK || extra) {
            sqlite3_finalize(extra);
            finalizeStatement();
            setLastError(makeError(tr("Unable to prepare the statement"),
                                   tr("The query contains more than one SQL statement; run scripts with execScript()"),
                                   SQLITE_MISUSE, QSqlError::StatementError));
            return false;
        }
        if (!next || next <= tail)
            break;
        tail = next;
    }

    const int columns = sqlite3_column_count(m_stmt);
    for (int column = 0; column < columns; ++column) {
        const char* declared = sqlite3_column_decltype(m_stmt, column);
        const QMetaType type = typeForDeclared(declared ? QString::fromUtf8(declared) : QString());
        const char* table = sqlite3_column_table_name(m_stmt, column);
        QSqlField field(QString::fromUtf8(sqlite3_column_name(m_stmt, column)), type,
                        table ? QString::fromUtf8(table) : QString());
        m_record.append(field);
        m_nullValues.append(QVariant(type));
    }
    setSelect(columns > 0);
    return true;
}

bool SqlCipherResult::bindValues(const QList<QVariant>& values)
{
    const int count = sqlite3_bind_parameter_count(m_stmt);
    if (values.size() != count) {
        setLastError(
            makeError(tr("Unable to bind the values"),
                      tr("The statement has %1 placeholders but %2 values were bound").arg(count).arg(values.size()),
                      SQLITE_RANGE, QSqlError::StatementError));
        return false;
    }
    // The statement was reset before binding, so SQLite no longer reads the previous buffers.
    m_boundBytes.clear();
    m_boundBytes.reserve(count);
    for (int i = 0; i < count; ++i) {
        const int rc = bindVariant(m_stmt, i + 1, values.at(i), m_boundBytes);
        if (rc == SQLITE_OK)
            continue;
        QString reason;
        if (rc == SQLITE_MISMATCH)
            reason = tr("values of type %1 cannot be stored").arg(QString::fromLatin1(values.at(i).typeName()));
        else if (rc == SQLITE_RANGE)
            reason = tr("the number is too large for a 64-bit integer");
        else
            reason = errorMessage(connection(), rc);
        setLastError(makeError(tr("Unable to bind value %1").arg(i + 1), reason, rc, QSqlError::StatementError));
        return false;
    }
    return true;
}

bool SqlCipherResult::execStatement(const QList<QVariant>& values)
{
    sqlite3* db = connection();
    clearRows();
    setAt(QSql::BeforeFirstRow);
    setActive(false);
    m_rowsAffected = -1;
    m_lastInsertId = QVariant();
    m_done = true;
    if (!m_stmt || !db) {
        setLastError(makeError(tr("Unable to execute the statement"),
                               db ? tr("No statement is prepared") : tr("The database is not open"), SQLITE_MISUSE,
                               QSqlError::StatementError));
        return false;
    }

    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (!bindValues(values))
        return false;

    const bool readOnly = sqlite3_stmt_readonly(m_stmt) != 0;
    const sqlite3_int64 totalChangesBefore = sqlite3_total_changes64(db);
    // sqlite3_last_insert_rowid() keeps the id of an older INSERT; zeroing it tells whether THIS statement inserted.
    if (!readOnly)
        sqlite3_set_last_insert_rowid(db, 0);

    m_cacheRows = !isForwardOnly();
    m_done = false;
    const int rc = step(false);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return false;

    const int columns = sqlite3_column_count(m_stmt);
    if (!readOnly) {
        const sqlite3_int64 rowid = sqlite3_last_insert_rowid(db);
        if (rowid != 0)
            m_lastInsertId = static_cast<qlonglong>(rowid);
    }
    // sqlite3_changes() is only updated by INSERT/UPDATE/DELETE, so after DDL it would repeat an older count.
    if (columns > 0)
        m_rowsAffected = -1;
    else if (sqlite3_total_changes64(db) != totalChangesBefore)
        m_rowsAffected = static_cast<int>(sqlite3_changes64(db));
    else
        m_rowsAffected = 0;

    setSelect(columns > 0);
    setActive(true);
    return true;
}

int SqlCipherResult::step(bool fetching)
{
    if (m_done || !m_stmt)
        return SQLITE_DONE;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        ++m_stmtRow;
        if (m_cacheRows) {
            const int columns = m_record.count();
            QList<QVariant> row;
            row.reserve(columns);
            for (int column = 0; column < columns; ++column)
                row.append(columnValue(column));
            m_rows.append(std::move(row));
        }
        return rc;
    }
    m_done = true;
    if (rc != SQLITE_DONE)
        setStatementError(fetching ? tr("Unable to fetch the next row") : tr("Unable to execute the statement"), rc);
    // Resetting at once releases the read/write locks instead of holding them until the query object dies.
    sqlite3_reset(m_stmt);
    return rc;
}

QVariant SqlCipherResult::columnValue(int column) const
{
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_INTEGER:
        return QVariant(static_cast<qlonglong>(sqlite3_column_int64(m_stmt, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_stmt, column));
    case SQLITE_TEXT: {
        // sqlite3_column_text() before sqlite3_column_bytes(), as SQLite's docs require.
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
        const int bytes = sqlite3_column_bytes(m_stmt, column);
        return QVariant(text ? QString::fromUtf8(text, bytes) : QStringLiteral(""));
    }
    case SQLITE_BLOB: {
        const auto* blob = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
        const int bytes = sqlite3_column_bytes(m_stmt, column);
        // An empty BLOB is not NULL: keep it a non-null empty QByteArray.
        return QVariant(bytes > 0 ? QByteArray(blob, bytes) : QByteArray("", 0));
    }
    default:
        return m_nullValues.value(column);
    }
}

bool SqlCipherResult::fetch(int i)
{
    if (!isActive() || !isSelect() || i < 0)
        return false;
    if (m_cacheRows) {
        while (m_rows.size() <= i) {
            if (step(true) != SQLITE_ROW)
                return false;
        }
        setAt(i);
        return true;
    }
    if (i < m_stmtRow)
        return false; // forward-only: the earlier rows are gone
    while (m_stmtRow < i) {
        if (step(true) != SQLITE_ROW)
            return false;
    }
    if (m_done)
        return false;
    setAt(i);
    return true;
}

bool SqlCipherResult::fetchFirst()
{
    return fetch(0);
}

bool SqlCipherResult::fetchLast()
{
    if (!isActive() || !isSelect() || !m_cacheRows)
        return false;
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW)
        rc = step(true);
    if (rc != SQLITE_DONE || m_rows.isEmpty())
        return false;
    setAt(static_cast<int>(m_rows.size() - 1));
    return true;
}

QVariant SqlCipherResult::data(int i)
{
    const int row = at();
    if (row < 0 || i < 0 || i >= m_record.count())
        return QVariant();
    if (m_cacheRows)
        return m_rows.value(row).value(i);
    if (m_done || row != m_stmtRow)
        return QVariant();
    return columnValue(i);
}

bool SqlCipherResult::isNull(int i)
{
    const int row = at();
    if (row < 0 || i < 0 || i >= m_record.count())
        return true;
    if (m_cacheRows)
        return m_rows.value(row).value(i).isNull();
    if (m_done || row != m_stmtRow)
        return true;
    return sqlite3_column_type(m_stmt, i) == SQLITE_NULL;
}

int SqlCipherResult::size()
{
    return -1;
}

int SqlCipherResult::numRowsAffected()
{
    return m_rowsAffected;
}

QVariant SqlCipherResult::lastInsertId() const
{
    return m_lastInsertId;
}

QSqlRecord SqlCipherResult::record() const
{
    if (!isActive() || !isSelect())
        return QSqlRecord();
    return m_record;
}

void SqlCipherResult::detachFromResultSet()
{
    // QSqlQuery::finish(): the caller reads no more rows, so release the statement's locks now.
    if (m_stmt)
        sqlite3_reset(m_stmt);
    m_done = true;
    clearRows();
}

} // namespace alpr
