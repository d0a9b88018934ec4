#pragma once

#include <QSqlDatabase>

namespace alpr {

/**
 * Foreign keys off on a connection for one transaction of a writer that keeps its references right by itself, on
 * again when this object goes. SQLite ignores the pragma inside a transaction, so the object must be created before
 * BEGIN and destroyed after COMMIT or ROLLBACK.
 *
 * Why: with foreign keys on, every row inserted looks up its parent rows and every row deleted its children, an index
 * probe each. The batch writer (ids handed out under the write lock) and the transfer purge (children deleted by
 * range) make those probes pure cost.
 */
class ForeignKeysOff
{
public:
    explicit ForeignKeysOff(QSqlDatabase db);
    ~ForeignKeysOff();
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

    /** False if the pragma failed (the connection is closed or busy in a transaction): keys are still on. */
    bool ok() const { return m_ok; }
    /** The driver's message when ok() is false. */
    QString error() const { return m_error; }

private:
    QSqlDatabase m_db;
    bool m_ok = false;
    QString m_error;
};

} // namespace alpr
