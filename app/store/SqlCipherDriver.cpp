#include "SqlCipherDriver.h"

#include "PageCachePool.h"
#include "SqlCipherResult.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriverCreator>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlRecord>
#include <algorithm>
#include <cstddef>
#include <mutex>
#include <sqlite3.h>
#include <utility>

namespace alpr {

namespace {

constexpr int kDefaultBusyTimeoutMs = 5000;
const auto kReadOnlyOption = QStringLiteral("QSQLCIPHER_OPEN_READONLY");
const auto kCreateOption = QStringLiteral("QSQLCIPHER_CREATE");
const auto kBusyTimeoutOption = QStringLiteral("QSQLCIPHER_BUSY_TIMEOUT");

// A plain memset may be removed by the optimiser because the buffer is dead afterwards; volatile stores are not.
void secureZero(void* data, std::size_t size)
{
    auto* bytes = static_cast<volatile unsigned char*>(data);
    while (size--)
        *bytes++ = 0;
}

bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
}

/** Runs one statement and hands every row to onRow; returns the SQLite code (SQLITE_OK on success). */
template<typename OnRow> int forEachRow(sqlite3* db, const QString& sql, OnRow&& onRow)
{
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, utf8.constData(), static_cast<int>(utf8.size() + 1), &stmt, nullptr);
    if (rc != SQLITE_OK || !stmt)
        return rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        onRow(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

QString columnText(sqlite3_stmt* stmt, int column)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(stmt, column)) : QString();
}

struct ColumnInfo
{
    QString name;
    QString declaredType;
    bool notNull = false;
    QVariant defaultValue;
    int primaryKeyPosition = 0; // 1-based position in the PRIMARY KEY, 0 = not part of it
};

QList<ColumnInfo> tableInfo(sqlite3* db, const QString& quotedTable)
{
    QList<ColumnInfo> columns;
    forEachRow(db, QStringLiteral("PRAGMA table_info(%1)").arg(quotedTable), [&columns](sqlite3_stmt* stmt) {
        // table_info columns: cid, name, type, notnull, dflt_value, pk
        ColumnInfo info;
        info.name = columnText(stmt, 1);
        info.declaredType = columnText(stmt, 2);
        info.notNull = sqlite3_column_int(stmt, 3) != 0;
        if (sqlite3_column_type(stmt, 4) != SQLITE_NULL)
            info.defaultValue = columnText(stmt, 4);
        info.primaryKeyPosition = sqlite3_column_int(stmt, 5);
        columns.append(info);
    });
    return columns;
}

// Skips whitespace and SQL comments, so a script error names the line of the statement and not of its comment.
const char* skipSpaceAndComments(const char* cursor, const char* end)
{
    while (cursor < end) {
        const unsigned char c = static_cast<unsigned char>(*cursor);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++cursor;
        } else if (c == '-' && cursor + 1 < end && cursor[1] == '-') {
            while (cursor < end && *cursor != '\n')
                ++cursor;
        } else if (c == '/' && cursor + 1 < end && cursor[1] == '*') {
            const char* close = std::search(cursor + 2, end, "*/", "*/" + 2);
            cursor = close == end ? end : close + 2;
        } else {
            break;
        }
    }
    return cursor;
}

} // namespace

void registerSqlCipherDriver()
{
    static std::once_flag once;
    std::call_once(once, [] {
        QSqlDatabase::registerSqlDriver(QStringLiteral("QSQLCIPHER"), new QSqlDriverCreator<SqlCipherDriver>);
    });
}

SqlCipherDriver::SqlCipherDriver(QObject* parent)
    : QSqlDriver(parent)
{
}

SqlCipherDriver::~SqlCipherDriver()
{
    close();
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case PositionalPlaceholders:
    case LastInsertId:
    case SimpleLocking:
    case FinishQuery:
        return true;
    // Named placeholders are reported as unsupported on purpose: QSqlResult then rewrites ":name" to "?" and maps
    // bindValue(":name") to positions itself, which also handles a name used twice.
    case NamedPlaceholders:
    case QuerySize:
    case BatchOperations:
    case LowPrecisionNumbers:
    case EventNotifications:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

int SqlCipherDriver::openKeyed(const QString& path, int flags, const QByteArray& keySpec, int pageSize,
                               sqlite3** handle, QString* detail)
{
    PageCachePool::connectionOpening();
    int rc = sqlite3_open_v2(path.toUtf8().constData(), handle, flags, nullptr);
    if (rc == SQLITE_OK && !keySpec.isEmpty()) {
        // Before any other statement: SQLCipher reads the key when the file is first touched. The "x'...'" form
        // makes it a raw key, so SQLCipher skips its own PBKDF2 (the key slots already did the slow derivation).
        rc = sqlite3_key_v2(*handle, "main", keySpec.constData(), static_cast<int>(keySpec.size()));
        if (rc == SQLITE_OK) {
            const QByteArray pragma = "PRAGMA cipher_page_size = " + QByteArray::number(pageSize);
            rc = sqlite3_exec(*handle, pragma.constData(), nullptr, nullptr, nullptr);
        }
    }
    if (rc != SQLITE_OK)
        *detail = SqlCipherResult::errorMessage(*handle, rc);
    return rc;
}

bool SqlCipherDriver::failOpen(const QString& what, int code, const QString& detail)
{
    setLastError(SqlCipherResult::makeError(what, detail, code, QSqlError::ConnectionError));
    setOpenError(true);
    return false;
}

bool SqlCipherDriver::open(const QString& db, const QString& user, const QString& password, const QString& host,
                           int port, const QString& connectOptions)
{
    Q_UNUSED(user)
    Q_UNUSED(host)
    Q_UNUSED(port)
    if (isOpen())
        close();

    const QString what = tr("Cannot open the database %1").arg(QDir::toNativeSeparators(db));
    bool readOnly = false;
    bool create = false;
    int busyTimeoutMs = kDefaultBusyTimeoutMs;
    const QStringList options = connectOptions.split(u';', Qt::SkipEmptyParts);
    for (const QString& rawOption : options) {
        const QString option = rawOption.trimmed();
        if (option.isEmpty())
            continue;
        if (option == kReadOnlyOption) {
            readOnly = true;
        } else if (option == kCreateOption) {
            create = true;
        } else if (option.startsWith(kBusyTimeoutOption)) {
            const QString rest = option.mid(kBusyTimeoutOption.size()).trimmed();
            bool ok = false;
            const int value = rest.startsWith(u'=') ? rest.mid(1).trimmed().toInt(&ok) : -1;
            if (!ok || value < 0)
                return failOpen(
                    what, SQLITE_MISUSE,
                    tr("Invalid connect option \"%1\": expected %2=<milliseconds>").arg(option, kBusyTimeoutOption));
            busyTimeoutMs = value;
        } else {
            return failOpen(what, SQLITE_MISUSE, tr("Unknown connect option \"%1\"").arg(option));
        }
    }
    if (db.isEmpty())
        return failOpen(what, SQLITE_CANTOPEN, tr("No database file name was given"));

    // The key is checked before the file is touched, so a malformed key cannot leave a new empty file behind.
    // Never quote the key in a message.
    QByteArray keySpec;
    if (!password.isEmpty()) {
        if (password.size() != 64 || !std::all_of(password.cbegin(), password.cend(), isHexDigit))
            return failOpen(what, SQLITE_MISUSE, tr("The database key must be 64 hexadecimal digits"));
        keySpec.reserve(68); // no reallocation, so no stray copy of the key is left in freed memory
        keySpec.append("x'");
        for (const QChar c : password)
            keySpec.append(static_cast<char>(c.unicode()));
        keySpec.append('\'');
    }
    const auto wipeKey = [&keySpec] { secureZero(keySpec.data(), static_cast<std::size_t>(keySpec.size())); };

    const int flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0));
    const QFileInfo file(db);
    const bool fresh = db == u":memory:" || !file.exists() || file.size() == 0;
    // An encrypted database's page size cannot be read from its (encrypted) header: a new one gets kStorePageSize;
    // an existing one is tried at kStorePageSize first.
    sqlite3* handle = nullptr;
    QString detail;
    int rc = openKeyed(db, flags, keySpec, kStorePageSize, &handle, &detail);
    if (rc == SQLITE_OK && !keySpec.isEmpty() && !fresh
        && sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_NOTADB) {
        // Not readable at our page size: a store made before it was ours (SQLCipher's default size), or a wrong key
        // or not a store at all, which the caller's first statement then reports as before. The probe connection
        // read nothing, so closing it leaves the file and its WAL as they were; the second connection opens before
        // it closes, so SQLite is not shut down in between (PageCachePool).
        sqlite3* legacy = nullptr;
        rc = openKeyed(db, flags, keySpec, kLegacyPageSize, &legacy, &detail);
        sqlite3_close_v2(handle);
        PageCachePool::connectionClosed();
        handle = legacy;
    }
    wipeKey();
    if (rc != SQLITE_OK) {
        if (rc == SQLITE_CANTOPEN && db != u":memory:" && !QFileInfo::exists(db))
            detail = tr("The file does not exist");
        sqlite3_close_v2(handle);
        PageCachePool::connectionClosed();
        return failOpen(what, rc, detail);
    }
    sqlite3_busy_timeout(handle, busyTimeoutMs);
    // SQLCipher's log is process-wide and starts again at its default when SQLite is re-initialised (PageCachePool
    // shuts it down when the last connection closes): without this, a wrong key would print decryption errors on
    // stderr. We report those ourselves, with the file name. This pragma does not read the file.
    sqlite3_exec(handle, "PRAGMA cipher_log_level = NONE", nullptr, nullptr, nullptr);

    m_db = handle;
    setOpen(true);
    setOpenError(false);
    return true;
}

void SqlCipherDriver::close()
{
    if (!m_db)
        return;
    // sqlite3_close_v2 would keep the file open as a "zombie" while any statement lives; finalize them first.
    const QList<SqlCipherResult*> results = m_results;
    for (SqlCipherResult* result : results)
        result->finalizeStatement();
    sqlite3_close_v2(m_db);
    PageCachePool::connectionClosed();
    m_db = nullptr;
    setOpen(false);
    setOpenError(false);
}

QSqlResult* SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

bool SqlCipherDriver::execSimple(const char* sql, const QString& what)
{
    if (!m_db) {
        setLastError(SqlCipherResult::makeError(what, tr("The database is not open"), SQLITE_MISUSE,
                                                QSqlError::TransactionError));
        return false;
    }
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return true;
    const QString detail = message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc));
    sqlite3_free(message);
    setLastError(SqlCipherResult::makeError(what, detail, rc, QSqlError::TransactionError));
    return false;
}

bool SqlCipherDriver::beginTransaction()
{
    return execSimple("BEGIN", tr("Unable to begin a transaction"));
}

bool SqlCipherDriver::commitTransaction()
{
    return execSimple("COMMIT", tr("Unable to commit the transaction"));
}

bool SqlCipherDriver::rollbackTransaction()
{
    return execSimple("ROLLBACK", tr("Unable to roll back the transaction"));
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList names;
    if (!m_db)
        return names;
    QStringList kinds;
    if (type & QSql::Tables)
        kinds << QStringLiteral("'table'");
    if (type & QSql::Views)
        kinds << QStringLiteral("'view'");
    if (!kinds.isEmpty()) {
        const QString sql = QStringLiteral("SELECT name FROM sqlite_master WHERE type IN (%1) "
                                           "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
                                .arg(kinds.join(u','));
        forEachRow(m_db, sql, [&names](sqlite3_stmt* stmt) { names.append(columnText(stmt, 0)); });
    }
    if (type & QSql::SystemTables)
        names.append(QStringLiteral("sqlite_master"));
    return names;
}

QSqlRecord SqlCipherDriver::record(const QString& tableName) const
{
    QSqlRecord record;
    if (!m_db || tableName.isEmpty())
        return record;
    const QString quoted = escapeIdentifier(tableName, TableName);
    const QString plain = isIdentifierEscaped(tableName, TableName) ? stripDelimiters(tableName, TableName) : tableName;
    const QList<ColumnInfo> columns = tableInfo(m_db, quoted);
    for (const ColumnInfo& column : columns) {
        QSqlField field(column.name, SqlCipherResult::typeForDeclared(column.declaredType), plain);
        field.setRequiredStatus(column.notNull ? QSqlField::Required : QSqlField::Optional);
        if (column.defaultValue.isValid())
            field.setDefaultValue(column.defaultValue);
        record.append(field);
    }
    return record;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString& tableName) const
{
    const QString plain = isIdentifierEscaped(tableName, TableName) ? stripDelimiters(tableName, TableName) : tableName;
    QSqlIndex index(plain);
    if (!m_db || tableName.isEmpty())
        return index;
    QList<ColumnInfo> columns = tableInfo(m_db, escapeIdentifier(tableName, TableName));
    columns.removeIf([](const ColumnInfo& c) { return c.primaryKeyPosition == 0; });
    std::sort(columns.begin(), columns.end(),
              [](const ColumnInfo& a, const ColumnInfo& b) { return a.primaryKeyPosition < b.primaryKeyPosition; });
    for (const ColumnInfo& column : std::as_const(columns))
        index.append(QSqlField(column.name, SqlCipherResult::typeForDeclared(column.declaredType), plain));
    return index;
}

QString SqlCipherDriver::escapeIdentifier(const QString& identifier, IdentifierType type) const
{
    Q_UNUSED(type)
    if (identifier.isEmpty() || (identifier.size() >= 2 && identifier.startsWith(u'"') && identifier.endsWith(u'"')))
        return identifier;
    QString escaped = identifier;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

QVariant SqlCipherDriver::handle() const
{
    return QVariant::fromValue<void*>(m_db);
}

sqlite3* SqlCipherDriver::nativeHandle(const QSqlDatabase& db)
{
    const auto* driver = qobject_cast<const SqlCipherDriver*>(db.driver());
    return driver && driver->isOpen() ? driver->m_db : nullptr;
}

bool execScript(QSqlDatabase& db, const QString& sql, QString* error)
{
    const auto fail = [error](QString message) {
        if (error)
            *error = std::move(message);
        return false;
    };
    sqlite3* handle = SqlCipherDriver::nativeHandle(db);
    if (!handle)
        return fail(
            QCoreApplication::translate("SqlCipherDriver", "Connection \"%1\" is not an open SQLCipher database")
                .arg(db.connectionName()));

    const QByteArray utf8 = sql.toUtf8();
    const char* const begin = utf8.constData();
    const char* const end = begin + utf8.size();
    const char* cursor = skipSpaceAndComments(begin, end);
    int number = 0;
    while (cursor < end) {
        sqlite3_stmt* stmt = nullptr;
        const char* tail = nullptr;
        int rc = sqlite3_prepare_v2(handle, cursor, static_cast<int>(end - cursor), &stmt, &tail);
        if (rc == SQLITE_OK && !stmt) { // a lone ';'
            if (!tail || tail <= cursor)
                break;
            cursor = skipSpaceAndComments(tail, end);
            continue;
        }
        ++number;
        if (rc == SQLITE_OK) {
            while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) { }
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
        }
        if (rc != SQLITE_OK) {
            const QString reason = SqlCipherResult::errorMessage(handle, rc);
            // After a failed prepare SQLite gives no reliable end, so show the text up to the next ';'.
            const char* statementEnd = (stmt && tail && tail > cursor) ? tail : std::find(cursor, end, ';');
            sqlite3_finalize(stmt);
            const auto line = std::count(begin, cursor, '\n') + 1;
            QString text = QString::fromUtf8(cursor, statementEnd - cursor).simplified();
            if (text.size() > 200)
                text = text.left(200) + u'…';
            return fail(QCoreApplication::translate("SqlCipherDriver", "Statement %1 (line %2) failed: %3\n%4")
                            .arg(number)
                            .arg(line)
                            .arg(reason, text));
        }
        sqlite3_finalize(stmt);
        if (!tail || tail <= cursor)
            break;
        cursor = skipSpaceAndComments(tail, end);
    }
    return true;
}

} // namespace alpr
