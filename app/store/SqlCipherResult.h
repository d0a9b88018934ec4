#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlError>
#include <QSqlRecord>
#include <QSqlResult>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace alpr {

class SqlCipherDriver;

/**
 * The QSqlResult of SqlCipherDriver: one sqlite3_stmt, prepared once and reset on each exec(), so a prepared
 * QSqlQuery can be executed in a loop cheaply.
 *
 * Rows: forward-only queries (QSqlQuery::setForwardOnly(true), recommended for large reads) stream straight from
 * the statement; otherwise rows are cached as they are stepped so seek()/previous()/first()/last() work. size() is
 * always -1 (SQLite cannot count without reading); fetchLast() fails on forward-only queries.
 *
 * Values read: INTEGER -> qlonglong, REAL -> double, TEXT -> QString (UTF-8), BLOB -> QByteArray, NULL -> a null
 * QVariant of the column's declared type (INT* -> qlonglong, CHAR/CLOB/TEXT -> QString, BLOB -> QByteArray,
 * REAL/FLOA/DOUB/NUMERIC/DECIMAL -> double, BOOL -> bool, none -> invalid). The numerical precision policy is ignored.
 *
 * Values bound: null QVariant (or a null QString/QByteArray/QDateTime/QDate/QTime) -> NULL; bool and all integer
 * types -> INTEGER (quint64 above INT64_MAX is an error); double/float -> REAL; QString -> TEXT;
 * QByteArray -> BLOB; QDateTime -> ISO 8601 text with milliseconds (Qt::ISODateWithMs, offset as stored in the value);
 * QDate/QTime -> ISO text; anything else convertible to QString -> TEXT. Out parameters are not supported.
 *
 * numRowsAffected(): rows changed by the last INSERT/UPDATE/DELETE exec (0 for other statements, -1 for queries
 * returning rows). lastInsertId(): the rowid inserted by the last exec, invalid when it inserted nothing.
 */
class SqlCipherResult final : public QSqlResult
{
    Q_DECLARE_TR_FUNCTIONS(SqlCipherResult)

public:
    explicit SqlCipherResult(const SqlCipherDriver* driver);
    ~SqlCipherResult() override;

    /** The sqlite3_stmt* as QVariant::fromValue<void*>(), null when nothing is prepared. */
    QVariant handle() const override;

    /** Finalizes the statement; the driver calls this for every live result before closing the connection. */
    void finalizeStatement();

    /** The Qt type for a column's declared SQL type, by SQLite's affinity rules (see above). */
    static QMetaType typeForDeclared(const QString& declaredType);
    /** A QSqlError: driverText = what, databaseText as given, nativeErrorCode = primary SQLite code as text. */
    static QSqlError makeError(const QString& what, const QString& databaseText, int code, QSqlError::ErrorType type);
    /** SQLite's message for the last failure on db (or for code when db has none). */
    static QString errorMessage(sqlite3* db, int code);

protected:
    bool prepare(const QString& query) override;
    bool exec() override;
    bool reset(const QString& query) override;
    bool fetch(int i) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    QVariant data(int i) override;
    bool isNull(int i) override;
    int size() override;
    int numRowsAffected() override;
    QVariant lastInsertId() const override;
    QSqlRecord record() const override;
    void detachFromResultSet() override;

private:
    sqlite3* connection() const;
    bool prepareStatement(const QString& query, bool persistent);
    bool execStatement(const QList<QVariant>& values);
    bool bindValues(const QList<QVariant>& values);
    int step(bool fetching); // SQLITE_ROW, SQLITE_DONE or the error code (already reported)
    void clearRows();
    void setStatementError(const QString& what, int code);
    QVariant columnValue(int column) const;

    sqlite3_stmt* m_stmt = nullptr;
    QSqlRecord m_record;
    QList<QVariant> m_nullValues; // per column: a null QVariant of the declared type
    bool m_cacheRows = false; // decided at exec(): !isForwardOnly()
    QList<QList<QVariant>> m_rows; // cached rows when m_cacheRows
    int m_stmtRow = -1; // index of the row the statement is positioned on, -1 = none yet
    bool m_done = true; // the statement returned SQLITE_DONE or failed; never step it again before exec()
    int m_rowsAffected = -1;
    QVariant m_lastInsertId;
    QList<QByteArray> m_boundBytes; // text and blob values bound SQLITE_STATIC: alive until the next bind or reset
};

} // namespace alpr
