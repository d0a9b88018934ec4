#include "Authenticator.h"

#include "AuditLog.h"
#include "Clock.h"
#include "LockoutFile.h"
#include "PasswordPolicy.h"
#include "Session.h"
#include "Totp.h"
#include "Vault.h"

#include <QCoreApplication>
#include <QDateTime>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Authenticator", text);
}

} // namespace

Authenticator::Authenticator(const Clock& clock)
    : m_clock(clock)
{
}

QString Authenticator::bannerText()
{
    return tr("You are accessing a restricted law enforcement information system of the West Covina Police "
              "Department. It contains Automated License Plate Reader data and may contain confidential CLETS "
              "information. Use is limited to official, authorised law enforcement purposes (Policy 462).\n\n"
              "All use of this system is monitored, recorded and audited. Unauthorised use or disclosure is "
              "prohibited and may result in disciplinary action and civil and criminal penalties.\n\n"
              "By signing in you consent to this monitoring and recording and acknowledge these conditions.");
}

Status Authenticator::recordFailure(const QString& storePath, const QString& user, const QString& reason,
                                    bool* lockedNow) const
{
    const QString path = LockoutFile::pathForStore(storePath);
    auto lockout = LockoutFile::load(path);
    if (!lockout)
        return lockout.error();
    const bool locked = lockout->recordFailure(user, m_clock.nowMs(), reason);
    if (lockedNow)
        *lockedNow = locked;
    return lockout->save(path);
}

QString Authenticator::lockoutBase(const Credentials& c)
{
    return c.serverUri.isEmpty() ? c.storePath : Vault::serverStatePath(c.serverUri);
}

Result<QByteArray> Authenticator::unwrapKey(const Credentials& c) const
{
    if (!c.bannerAcknowledged)
        return policyError(tr("The system-use notice must be acknowledged before signing in."));
    if (c.user.isEmpty() || c.password.isEmpty())
        return usageError(tr("Enter your user name and password."));
    const QString lockoutPath = LockoutFile::pathForStore(lockoutBase(c));
    auto lockout = LockoutFile::load(lockoutPath);
    if (!lockout)
        return lockout.error();
    // A locked account is refused before the key derivation: the right password must not get past a lock.
    if (lockout->isLocked(c.user))
        return authError(tr("The account %1 is locked after repeated failed sign-ins; an administrator must unlock "
                            "it.")
                             .arg(c.user));
    // A server has no key to unwrap: the database checks the password when openSession() connects.
    if (!c.serverUri.isEmpty())
        return QByteArray();
    auto key = Vault::unwrapKey(c.storePath, c.user, c.password);
    if (!key) {
        if (key.error().kind != ErrorKind::Auth)
            return key.error();
        bool lockedNow = false;
        if (Status s = recordFailure(lockoutBase(c), c.user, QStringLiteral("wrong user name or password"), &lockedNow);
            !s)
            return s.error();
        if (lockedNow)
            return authError(tr("Wrong user name or password. Too many failed attempts: the account is now locked "
                                "until an administrator unlocks it."));
        return key.error();
    }
    return key;
}

Result<std::unique_ptr<Session>> Authenticator::openSession(const Credentials& c, QByteArray key,
                                                            const QString& source) const
{
    auto vault = c.serverUri.isEmpty() ? Vault::openWithKey(c.storePath, c.user, std::move(key), m_clock)
                                       : Vault::connect(c.serverUri, c.user, c.password, m_clock, c.serverConnections);
    if (!vault) {
        if (vault.error().kind == ErrorKind::Auth) {
            bool lockedNow = false;
            ignoreError(recordFailure(lockoutBase(c), c.user, vault.error().message, &lockedNow));
            if (lockedNow && !c.serverUri.isEmpty())
                return authError(tr("%1 Too many failed attempts: the account is now locked until an administrator "
                                    "unlocks it.")
                                     .arg(vault.error().message));
        }
        return vault.error();
    }
    const UserRecord record = vault.value()->user();
    auto session = std::make_unique<Session>(std::move(vault.value()), m_clock, source);
    AuditLog& audit = session->audit();
    const qint64 now = m_clock.nowMs();

    // Failures that happened while nobody could write the log are written now, with their own times.
    const QString lockoutPath = LockoutFile::pathForStore(lockoutBase(c));
    auto lockout = LockoutFile::load(lockoutPath);
    if (!lockout)
        return lockout.error();
    for (const LockoutFile::PendingEvent& e : lockout->pendingEvents()) {
        ignoreError(
            audit.record(e.user, e.event, e.outcome,
                         { { QStringLiteral("reason"), e.reason },
                           { QStringLiteral("at"),
                             QDateTime::fromMSecsSinceEpoch(e.timeMs, Qt::UTC).toString(Qt::ISODateWithMs) } }));
    }
    lockout->clearPendingEvents();

    auto deny = [&](const QString& reason, const QString& message) -> Result<std::unique_ptr<Session>> {
        ignoreError(audit.record(c.user, QStringLiteral("login"), QStringLiteral("failure"),
                                 { { QStringLiteral("reason"), reason } }));
        ignoreError(lockout->save(lockoutPath));
        return authError(message);
    };

    // CJIS: accounts unused for 90 days are disabled.
    const qint64 lastUse = record.lastLoginMs != 0 ? record.lastLoginMs : record.createdMs;
    if (lastUse != 0 && now - lastUse > Session::kInactiveDisableMs) {
        UserRecord disabled = record;
        disabled.disabled = true;
        ignoreError(session->store().updateUser(disabled));
        ignoreError(audit.record(c.user, QStringLiteral("account.disable"), QStringLiteral("success"),
                                 { { QStringLiteral("reason"), QStringLiteral("unused for 90 days") } }));
        return deny(
            QStringLiteral("account unused for 90 days"),
            tr("The account %1 was not used for 90 days and is now disabled. Ask an administrator.").arg(c.user));
    }

    auto secret = session->store().totpSecret(c.user);
    if (!secret)
        return secret.error();
    bool mustEnrol = false;
    if (!secret.value().isEmpty()) {
        if (c.otp.trimmed().isEmpty())
            return deny(QStringLiteral("one-time code missing"),
                        tr("Enter the 6-digit code from your authenticator app."));
        if (!Totp::verify(secret.value(), c.otp.trimmed(), now, 1)) {
            const bool lockedNow = lockout->recordFailure(c.user, now, QStringLiteral("wrong one-time code"));
            lockout->clearPendingEvents();
            if (lockedNow)
                ignoreError(audit.record(
                    c.user, QStringLiteral("account.lock"), QStringLiteral("success"),
                    { { QStringLiteral("reason"), QStringLiteral("5 failed sign-ins within 15 minutes") } }));
            return deny(QStringLiteral("wrong one-time code"), tr("The one-time code is wrong or expired."));
        }
    } else {
        mustEnrol = session->passwordPolicy().rules().requireMfa;
    }
    const bool mustChange = session->passwordPolicy().expired(record.passwordChangedMs, now);

    lockout->clearFailures(c.user);
    if (Status s = lockout->save(lockoutPath); !s)
        return s.error();
    if (Status s = session->vault().touchLastLogin(); !s)
        return s.error();
    session->markSignedIn(mustEnrol, mustChange);
    if (Status s = audit.record(c.user, QStringLiteral("login"), QStringLiteral("success"),
                                { { QStringLiteral("role"), roleName(record.role) },
                                  { QStringLiteral("must_enrol_mfa"), mustEnrol },
                                  { QStringLiteral("must_change_password"), mustChange } });
        !s)
        return s.error();
    return session;
}

Result<std::unique_ptr<Session>> Authenticator::signIn(const Credentials& c, const QString& source) const
{
    auto key = unwrapKey(c);
    if (!key)
        return key.error();
    return openSession(c, std::move(key.value()), source);
}

Status Authenticator::unlockAccount(Session& admin, const QString& user)
{
    if (Status s = admin.authorise(Permission::ManageUsers, QStringLiteral("unlock account")); !s)
        return s;
    const QString path = LockoutFile::pathForStore(admin.vault().storePath());
    auto lockout = LockoutFile::load(path);
    if (!lockout)
        return lockout.error();
    if (!lockout->isLocked(user))
        return usageError(tr("The account %1 is not locked.").arg(user));
    lockout->unlock(user);
    if (Status s = lockout->save(path); !s)
        return s;
    return admin.audit().record(admin.user().name, QStringLiteral("account.unlock"), QStringLiteral("success"),
                                { { QStringLiteral("account"), user } });
}

QStringList Authenticator::lockedAccounts(const Session& session)
{
    auto lockout = LockoutFile::load(LockoutFile::pathForStore(const_cast<Session&>(session).vault().storePath()));
    return lockout ? lockout->lockedUsers() : QStringList();
}

} // namespace alpr
