#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace alpr {

class Clock;
class Session;

/** What a user presents at sign-in. */
struct Credentials
{
    QString storePath;
    QString user;
    QString password;
    QString otp; ///< 6-digit TOTP code; empty when the user is not enrolled
    bool bannerAcknowledged = false; ///< the system-use notice was shown and accepted (CJIS AC-8)
    /** Set instead of storePath to sign in to the department's server (postgresql://...?sslrootcert=...). */
    QString serverUri = {};
    /** Connections to open to the server: more than one only for the end-of-shift transfer, which stores that many
        batches at once (TransferService::kServerConnections). */
    int serverConnections = 1;
};

/**
 * Signing in to a local store or to the server, with every rule of the access-control policy: the acknowledged
 * banner, account lockout (5 failures in 15 minutes), the key slot, disabled and 90-day-inactive accounts, the TOTP
 * code, MFA enrolment and password age duties, and an audit row for every success and failure.
 *
 * Split in two so the GUI can run the slow key derivation on a worker thread: unwrapKey() touches no database;
 * openSession() opens the store on the calling thread, which then owns it. For a server (serverUri) there is no key:
 * unwrapKey() only checks the banner and the lockout, and openSession() connects as the user's database role (the
 * server checks the password; failures are counted in a lockout file the workstation keeps for that server).
 */
class Authenticator
{
public:
    explicit Authenticator(const Clock& clock);

    /** The system-use notification shown before every sign-in. */
    static QString bannerText();

    Result<QByteArray> unwrapKey(const Credentials& credentials) const;
    Result<std::unique_ptr<Session>> openSession(const Credentials& credentials, QByteArray key,
                                                 const QString& source) const;
    Result<std::unique_ptr<Session>> signIn(const Credentials& credentials, const QString& source) const;

    /** An administrator unlocks an account locked by failed sign-ins. Audited. */
    static Status unlockAccount(Session& admin, const QString& user);
    /** Accounts currently locked by failed sign-ins. */
    static QStringList lockedAccounts(const Session& session);

private:
    Status recordFailure(const QString& storePath, const QString& user, const QString& reason,
                         bool* lockedNow = nullptr) const;
    /** What the lockout file is kept beside: the store file, or the workstation's state path for the server. */
    static QString lockoutBase(const Credentials& credentials);
    const Clock& m_clock;
};

} // namespace alpr
