#pragma once

#include "Result.h"

#include <QHash>
#include <QList>
#include <QString>

namespace alpr {

/**
 * Failed sign-ins and account locks for a local store, kept beside it in `<store>.lockout` (JSON, owner-only).
 *
 * Why a file of its own: a failed sign-in cannot write to the encrypted store (the key is exactly what the user
 * failed to produce). The failures are kept here, turned into audit rows at the next successful sign-in of anyone
 * (pendingEvents), and the lock they cause is enforced before any key derivation. CJIS 5.5.3: 5 failures within 15
 * minutes lock the account until an administrator unlocks it.
 *
 * Limitation, stated plainly: someone who can edit files beside the store can reset this file; the audit rows of
 * the failures that reached the log stay, and the remote store enforces its own lockout on the server.
 */
class LockoutFile
{
public:
    static constexpr int kMaxFailures = 5;
    static constexpr qint64 kWindowMs = 15 * 60 * 1000;

    struct PendingEvent
    {
        qint64 timeMs = 0;
        QString user;
        QString event; ///< "login"
        QString outcome; ///< "failure", "denied"
        QString reason;
    };

    static QString pathForStore(const QString& storePath);
    /** A missing file is an empty record (no failures yet); a damaged one is an error naming the file. */
    static Result<LockoutFile> load(const QString& path);
    Status save(const QString& path) const;

    bool isLocked(const QString& user) const;
    qint64 lockedSinceMs(const QString& user) const;
    /** Failures of the user within the window ending at nowMs. */
    int recentFailures(const QString& user, qint64 nowMs) const;
    /** Records a failure (and a pending audit event). Returns true when this failure locks the account. */
    bool recordFailure(const QString& user, qint64 nowMs, const QString& reason);
    /** A successful sign-in clears the user's failure count (not a lock: a locked user never gets that far). */
    void clearFailures(const QString& user);
    /** Administrator action. */
    void unlock(const QString& user);
    QStringList lockedUsers() const;

    const QList<PendingEvent>& pendingEvents() const { return m_pending; }
    void clearPendingEvents() { m_pending.clear(); }

private:
    struct UserState
    {
        QList<qint64> failures;
        qint64 lockedMs = 0;
    };
    QHash<QString, UserState> m_users;
    QList<PendingEvent> m_pending;
};

} // namespace alpr
