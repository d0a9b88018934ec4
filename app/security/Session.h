#pragma once

#include "ActiveCase.h"
#include "Permissions.h"
#include "Result.h"
#include "UserRecord.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <memory>
#include <optional>

namespace alpr {

class AuditLog;
class Clock;
class PasswordPolicy;
class Store;
class Vault;

/**
 * One signed-in user's session: the unlocked store, the audit log, the active case, and the timers of the idle
 * lock and the 12-hour re-authentication. Every rule about who may touch ALPR data is decided here, for the GUI and
 * alpr-cli alike: services call authorise() before a query and recordAccess() after it.
 */
class Session
{
public:
    static constexpr qint64 kDefaultIdleMs = 15 * 60 * 1000;
    static constexpr qint64 kMaxIdleMs = 30 * 60 * 1000; ///< CJIS 5.5.5: at most 30 minutes
    static constexpr qint64 kReauthMs = 12 * 60 * 60 * 1000;
    static constexpr qint64 kInactiveDisableMs = qint64(90) * 24 * 60 * 60 * 1000;

    Session(std::unique_ptr<Vault> vault, const Clock& clock, QString source);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    Vault& vault() { return *m_vault; }
    Store& store();
    const UserRecord& user() const;
    AuditLog& audit() { return *m_audit; }
    const Clock& clock() const { return m_clock; }
    const PasswordPolicy& passwordPolicy() const { return *m_policy; }
    QString source() const { return m_source; }

    // ---- case gate
    QString caseNumberPattern() const;
    /** Opens (or switches to) a case. The number must match the administrator's pattern; purpose is required. */
    Status openCase(const QString& number, const QString& category, const QString& purpose);
    const std::optional<ActiveCase>& activeCase() const { return m_case; }

    // ---- permissions
    /** Role (and CLETS flag) allow it: for showing or hiding pages. Not a substitute for authorise(). */
    bool may(Permission permission) const;
    /** Training on record and not past its refresher date (policy 462.3(d)). */
    bool trainingCurrent() const;
    /** The session may be used at all: not locked, no MFA enrolment or password change pending. Audited. */
    Status requireReady(const QString& what);
    /**
     * Everything needed before an action: not locked, MFA enrolled when required, password not expired, the role
     * allows it, and for data access current training and an active case. A refusal is audited and returned as a
     * Policy error saying why.
     */
    Status authorise(Permission permission, const QString& what);
    /** After a data query: one access-log record (Civil Code 1798.90.52) and one audit row. */
    Status recordAccess(Permission permission, const QJsonObject& elements, qint64 resultCount);

    // ---- administrator settings
    /** The settings an administrator may change, with their current values (defaults filled in). */
    QMap<QString, QString> adminSettings() const;
    /**
     * Changes one: idle_lock_minutes (1-30), case_number_pattern (a regular expression), password.minLength,
     * password.maxAgeDays, mfa.required (the password rules may only be tightened). Needs Permission::SetRetention.
     * Audited with the old and new value.
     */
    Status changeSetting(const QString& key, const QString& value);

    // ---- MFA and password duties found at sign-in
    bool mustEnrolMfa() const { return m_mustEnrolMfa; }
    bool mustChangePassword() const { return m_mustChangePassword; }
    /** Stores a verified TOTP secret: the code must match it now (proves the authenticator app has it). */
    Status enrolMfa(const QByteArray& secret, const QString& code);
    /** Changes this user's password, checked against the password policy. */
    Status changePassword(const QString& newPassword);

    // ---- idle lock and re-authentication
    qint64 idleLimitMs() const { return m_idleLimitMs; }
    void noteActivity();
    /** Time left before the idle lock (0 when locked). */
    qint64 msUntilLock() const;
    /** Locks if idle too long or re-authentication is due; true if it locked now. Call it on a timer. */
    bool checkTimers();
    void lock(const QString& reason);
    bool isLocked() const { return m_locked; }
    /** Re-authenticates the same user (password, and TOTP code when enrolled); failures count toward lockout. */
    Status unlock(const QString& password, const QString& otp);

    /** Called by Authenticator once the sign-in is complete. */
    void markSignedIn(bool mustEnrolMfa, bool mustChangePassword);

private:
    Status refuse(Permission permission, const QString& what, const QString& reason);

    std::unique_ptr<Vault> m_vault;
    const Clock& m_clock;
    QString m_source;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<PasswordPolicy> m_policy;
    std::optional<ActiveCase> m_case;
    qint64 m_idleLimitMs = kDefaultIdleMs;
    qint64 m_lastActivityMs = 0;
    qint64 m_authenticatedMs = 0;
    bool m_locked = false;
    bool m_mustEnrolMfa = false;
    bool m_mustChangePassword = false;
    qint64 m_lastTotpStep = 0;
};

} // namespace alpr
