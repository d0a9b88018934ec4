#pragma once

#include "LocalStore.h"
#include "Result.h"
#include "UserRecord.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace alpr {

class Clock;
class RemoteStore;

/**
 * An unlocked local store: the store file, its key file beside it (`<store>.keys`, one slot per user) and the
 * data key in memory while the session lasts (zeroed on destruction). Creating a store, logging in (= unwrapping
 * your slot), adding users, changing passwords and disabling users (= deleting the slot) all go through here, so
 * the key file and the users table never disagree.
 *
 * Or a signed-in server (connect()): there the database authenticates the user's own role (SCRAM over verified
 * TLS), adding a user creates their login role, a password change sets the role's password (as a SCRAM verifier,
 * computed here), disabling makes the role NOLOGIN, and the audit anchor key comes from the server's audit secret.
 * Everything above Vault (Session, case gate, audit and access logs) works the same on both.
 */
class Vault
{
public:
    ~Vault();
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;

    /**
     * Creates a new encrypted store and its key file with a first administrator. Refuses when either file already
     * exists. iterations 0 = calibrated (~0.5 s here, never below 600,000). demonstration: a store for synthetic
     * demo data (LocalStore::Mode::CreateDemo).
     */
    static Result<std::unique_ptr<Vault>> create(const QString& storePath, UserRecord admin, const QString& password,
                                                 const Clock& clock, int iterations = 0, bool demonstration = false);
    /**
     * Unwraps the user's slot and opens the store. Wrong user or password: ErrorKind::Auth, store untouched.
     * Missing or damaged key file or store: an error naming the file; nothing is created or replaced.
     */
    static Result<std::unique_ptr<Vault>> unlock(const QString& storePath, const QString& user,
                                                 const QString& password, const Clock& clock);
    /**
     * The slow half of unlock(): the key derivation and unwrap, touching no database, so the GUI can run it on a
     * worker thread and then call openWithKey() on the thread that will use the store.
     */
    static Result<QByteArray> unwrapKey(const QString& storePath, const QString& user, const QString& password);
    /** The other half: opens the store with an unwrapped key (zeroed here) and checks the account. */
    static Result<std::unique_ptr<Vault>> openWithKey(const QString& storePath, const QString& user, QByteArray key,
                                                      const Clock& clock);
    /**
     * Signs in to the server of serverUri (postgresql://host:port/db?sslrootcert=...) as the user's own database
     * role. Wrong user or password, or a disabled account: ErrorKind::Auth. A server without TLS or whose certificate
     * does not verify is refused. The account must have a users row (its agency) and not be disabled.
     * connections: see RemoteStore::connect (more than one for the end-of-shift transfer).
     */
    static Result<std::unique_ptr<Vault>> connect(const QString& serverUri, const QString& user,
                                                  const QString& password, const Clock& clock, int connections = 1);
    /**
     * Where the workstation keeps its own state about a server (the lockout file: failures of a wrong password
     * never reach the server): `<app data>/servers/<host>_<port>_<db>`, or ALPR_STATE_DIR instead of the app data.
     */
    static QString serverStatePath(const QString& serverUri);

    Store& store();
    /** The local store, or nullptr for a server. */
    LocalStore* localStore() { return m_store.get(); }
    /** The server, or nullptr for a local store. */
    RemoteStore* remoteStore() { return m_remote.get(); }
    const UserRecord& user() const { return m_user; }
    /** The local store's file; for a server, serverStatePath() (what the lockout file is kept beside). */
    QString storePath() const;
    QString keyFilePath() const { return m_keyFilePath; }

    /** Adds a user row and a key slot for them. */
    Status addUser(UserRecord user, const QString& password);
    /** Re-wraps the data key for the user under a new password. */
    Status changePassword(const QString& user, const QString& newPassword);
    /** Marks the user disabled and deletes their slot: their password no longer opens the store. */
    Status disableUser(const QString& user);
    /** Records the sign-in time (after the account checks passed). */
    Status touchLastLogin();
    /** A key for a separate purpose (e.g. the audit log's anchor), derived from the data key with HKDF. */
    QByteArray deriveKey(const QByteArray& label) const;
    /** True when password is this user's current password (re-authentication at the lock screen). Slow (KDF). */
    bool checkPassword(const QString& password) const;

    /** The PBKDF2 iteration count new slots get (calibrated once per process). */
    static int slotIterations();

private:
    Vault() = default;
    Status saveSlots();

    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<RemoteStore> m_remote;
    QString m_serverStatePath;
    QByteArray m_dataKey;
    QString m_keyFilePath;
    UserRecord m_user;
    int m_iterations = 0;
    const Clock* m_clock = nullptr;
    struct SlotsHolder;
    std::unique_ptr<SlotsHolder> m_slots;
};

} // namespace alpr
