#pragma once

#include <QList>
#include <QSqlDriver>
#include <QString>

class QSqlDatabase;
struct sqlite3;

namespace alpr {

class SqlCipherResult;

/**
 * Registers the driver name "QSQLCIPHER" with QSqlDatabase. Idempotent and thread-safe; call it before the first
 * QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), ...). Qt's QSQLITE plugin is never involved: it links the
 * system libsqlite3, whose symbols clash with SQLCipher's (DESIGN.md "Stores").
 */
void registerSqlCipherDriver();

/**
 * A QSqlDriver on the SQLCipher 4.6 C API: encrypted stores, and plain SQLite files (MBTiles) read-only.
 *
 * Opening (QSqlDatabase::open):
 *  - databaseName is the file path (":memory:" is accepted for scratch use). userName, hostName and port are ignored.
 *  - password, when non-empty, is the raw 256-bit data key as exactly 64 hex digits. It is applied with
 *    sqlite3_key_v2(db, "main", "x'<hex>'") right after sqlite3_open_v2, so SQLCipher uses it raw (no KDF).
 *    An encrypted database is created with kStorePageSize pages; an existing one is opened at kStorePageSize or,
 *    failing that, at SQLCipher's default (kLegacyPageSize), since the page size of an encrypted file cannot be read.
 *    Prefer `db.open(QString(), hexKey)`: that overload does not keep the key in the QSqlDatabase object. A wrong key
 *    is NOT detected by open(): the first statement that reads the file fails with nativeErrorCode() "26"
 *    (SQLITE_NOTADB, "file is not a database"). The same happens when a key is given for a plain SQLite file.
 *  - connect options (QSqlDatabase::setConnectOptions, ';'-separated; unknown options make open() fail):
 *      QSQLCIPHER_OPEN_READONLY       open read-only (writes then fail with code "8", SQLITE_READONLY);
 *      QSQLCIPHER_CREATE              create the file if missing; without it a missing file is an open error and
 *                                     no file is created (never silently make an empty store);
 *      QSQLCIPHER_BUSY_TIMEOUT=<ms>   how long to wait for another connection's lock (default 5000).
 *
 * Errors: every QSqlError carries databaseText() = sqlite3_errmsg(), a driverText() saying what was attempted, and
 * nativeErrorCode() = the primary SQLite result code as decimal text ("26" = SQLITE_NOTADB, "19" = constraint).
 *
 * Threads: like every QSqlDatabase connection, a connection (and every QSqlQuery on it) is used only by the thread
 * that opened it. Other threads open their own connection to the same file.
 *
 * Queries: one statement per QSqlQuery::exec(QString)/prepare() (a second statement is reported as an error); use
 * execScript() for several. Positional '?' and named ':name' placeholders both work with prepare()/bindValue().
 */
class SqlCipherDriver final : public QSqlDriver
{
    Q_OBJECT

public:
    explicit SqlCipherDriver(QObject* parent = nullptr);
    ~SqlCipherDriver() override;

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString& db, const QString& user, const QString& password, const QString& host, int port,
              const QString& connectOptions) override;
    void close() override;
    QSqlResult* createResult() const override;

    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;

    /** Table names (Tables), view names (Views) or "sqlite_master" (SystemTables), sorted. */
    QStringList tables(QSql::TableType type) const override;
    /** Columns of a table (from PRAGMA table_info): name, declared type, NOT NULL, default value. */
    QSqlRecord record(const QString& tableName) const override;
    /** The PRIMARY KEY columns of a table, in key order; empty when the table only has its rowid. */
    QSqlIndex primaryIndex(const QString& tableName) const override;
    /** Quotes the whole name as one SQL identifier ("a""b"); already quoted names are returned unchanged. */
    QString escapeIdentifier(const QString& identifier, IdentifierType type) const override;

    /**
     * The sqlite3* connection as QVariant::fromValue<void*>(), or a null void* when closed. Code in app/store may
     * use it for fast bulk paths (prepared sqlite3_stmt loops) on the owning thread; it must not close it.
     */
    QVariant handle() const override;

    /** The sqlite3* of an open QSQLCIPHER connection, or nullptr (other driver, or not open). See handle(). */
    static sqlite3* nativeHandle(const QSqlDatabase& db);

private:
    friend class SqlCipherResult;

    /** Opens path and applies the key (if any) and page size; counts the connection in PageCachePool either way.
        On failure the handle (possibly null) must still be closed by the caller. */
    static int openKeyed(const QString& path, int flags, const QByteArray& keySpec, int pageSize, sqlite3** handle,
                         QString* detail);
    bool failOpen(const QString& what, int code, const QString& detail);
    bool execSimple(const char* sql, const QString& what);

    sqlite3* m_db = nullptr;
    // Results created on this connection, so close() can finalize their statements first.
    mutable QList<SqlCipherResult*> m_results;
};

/**
 * Runs several ';'-separated statements (migrations, schema scripts) on an open QSQLCIPHER connection, in order,
 * stopping at the first failure. Not atomic by itself: wrap it in a transaction when it has to be. Rows returned by
 * statements (e.g. PRAGMA) are discarded. On failure returns false and, if error is non-null, sets it to a message
 * naming the statement's number, its line in the script, SQLite's reason and the statement's text.
 */
bool execScript(QSqlDatabase& db, const QString& sql, QString* error);

} // namespace alpr
