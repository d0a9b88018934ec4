#include "Session.h"

#include "AuditLog.h"
#include "Clock.h"
#include "LockoutFile.h"
#include "PasswordPolicy.h"
#include "Totp.h"
#include "Vault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Session", text);
}

} // namespace

Session::Session(std::unique_ptr<Vault> vault, const Clock& clock, QString source)
    : m_vault(std::move(vault))
    , m_clock(clock)
    , m_source(std::move(source))
    , m_audit(std::make_unique<AuditLog>(m_vault->store(), clock, m_vault->deriveKey("alpr audit head"), m_source))
{
    PasswordRules rules;
    if (auto settings = m_vault->store().settings(); settings) {
        if (auto parsed = PasswordPolicy::fromSettings(settings.value()); parsed)
            rules = parsed.value();
        bool ok = false;
        const qint64 minutes = settings->value(QStringLiteral("idle_lock_minutes")).toLongLong(&ok);
        if (ok && minutes > 0)
            m_idleLimitMs = std::min(minutes * 60 * 1000, kMaxIdleMs);
    }
    m_policy = std::make_unique<PasswordPolicy>(rules);
    m_lastActivityMs = clock.nowMs();
    m_authenticatedMs = m_lastActivityMs;
}

Session::~Session()
{
    if (m_audit)
        ignoreError(m_audit->record(user().name, QStringLiteral("logout"), QStringLiteral("success")));
}

Store& Session::store()
{
    return m_vault->store();
}

const UserRecord& Session::user() const
{
    return m_vault->user();
}

void Session::markSignedIn(bool mustEnrolMfa, bool mustChangePassword)
{
    m_mustEnrolMfa = mustEnrolMfa;
    m_mustChangePassword = mustChangePassword;
    m_lastActivityMs = m_clock.nowMs();
    m_authenticatedMs = m_lastActivityMs;
}

QString Session::caseNumberPattern() const
{
    auto pattern = m_vault->store().setting(QStringLiteral("case_number_pattern"));
    return pattern && !pattern.value().isEmpty() ? pattern.value() : ActiveCase::defaultNumberPattern();
}

Status Session::openCase(const QString& number, const QString& category, const QString& purpose)
{
    if (m_locked)
        return policyError(tr("The session is locked."));
    const QString n = number.trimmed();
    const QString p = purpose.simplified();
    const QRegularExpression re(caseNumberPattern());
    if (!re.isValid())
        return failure(tr("The administrator's case-number pattern is invalid: %1").arg(re.errorString()));
    if (n.isEmpty())
        return policyError(tr("A case number is required before any access to ALPR data."));
    if (!re.match(n).hasMatch())
        return usageError(tr("Case number '%1' does not have the department's format (%2).").arg(n, re.pattern()));
    if (!ActiveCase::categories().contains(category))
        return usageError(
            tr("Choose a purpose category: %1.").arg(ActiveCase::categories().join(QStringLiteral(", "))));
    if (p.size() < 3)
        return policyError(tr("Describe the purpose of the access (at least a few words)."));

    ActiveCase c { n, category, p, m_clock.nowMs() };
    if (Status s = m_vault->store().recordCase(c.number, c.category, c.purpose, user().name, c.openedMs); !s)
        return s;
    QJsonObject detail { { QStringLiteral("case"), c.number },
                         { QStringLiteral("category"), c.category },
                         { QStringLiteral("purpose"), c.purpose } };
    if (m_case)
        detail.insert(QStringLiteral("previous_case"), m_case->number);
    if (Status s = m_audit->record(user().name, m_case ? QStringLiteral("case.switch") : QStringLiteral("case.open"),
                                   QStringLiteral("success"), detail);
        !s)
        return s;
    m_case = c;
    return {};
}

QMap<QString, QString> Session::adminSettings() const
{
    QMap<QString, QString> out = m_policy->toSettings();
    out.insert(QStringLiteral("idle_lock_minutes"), QString::number(m_idleLimitMs / 60000));
    out.insert(QStringLiteral("case_number_pattern"), caseNumberPattern());
    return out;
}

Status Session::changeSetting(const QString& key, const QString& value)
{
    if (Status s = authorise(Permission::SetRetention, QStringLiteral("change setting ") + key); !s)
        return s;
    const QString old = adminSettings().value(key);
    QMap<QString, QString> writes;
    if (key == QLatin1String("idle_lock_minutes")) {
        bool ok = false;
        const int minutes = value.toInt(&ok);
        if (!ok || minutes < 1 || minutes > kMaxIdleMs / 60000)
            return usageError(tr("idle_lock_minutes must be a whole number from 1 to %1 (CJIS: at most 30 minutes).")
                                  .arg(kMaxIdleMs / 60000));
        writes.insert(key, QString::number(minutes));
    } else if (key == QLatin1String("case_number_pattern")) {
        const QRegularExpression re(value);
        if (value.trimmed().isEmpty() || !re.isValid())
            return usageError(tr("case_number_pattern: not a valid regular expression: %1").arg(re.errorString()));
        writes.insert(key, value);
    } else {
        QMap<QString, QString> proposed = m_policy->toSettings();
        if (!proposed.contains(key))
            return usageError(tr("Unknown setting '%1'. Settings: %2")
                                  .arg(key, QStringList(adminSettings().keys()).join(QStringLiteral(", "))));
        proposed.insert(key, value);
        proposed.insert(QStringLiteral("store.kind"), m_vault->store().setting(QStringLiteral("store.kind")).value());
        auto rules = PasswordPolicy::fromSettings(proposed);
        if (!rules)
            return rules.error();
        // The policy only moves towards stricter: tighten() refuses anything looser than what is in force.
        if (Status s = m_policy->tighten(rules.value()); !s)
            return s;
        writes = m_policy->toSettings();
    }
    for (auto it = writes.begin(); it != writes.end(); ++it)
        if (Status s = m_vault->store().setSetting(it.key(), it.value()); !s)
            return s;
    if (key == QLatin1String("idle_lock_minutes"))
        m_idleLimitMs = value.toLongLong() * 60000;
    return m_audit->record(
        user().name, QStringLiteral("setting.change"), QStringLiteral("success"),
        { { QStringLiteral("setting"), key }, { QStringLiteral("old"), old }, { QStringLiteral("new"), value } });
}

bool Session::may(Permission permission) const
{
    if (!Permissions::allows(user().role, permission))
        return false;
    if (permission == Permission::VerifyInClets && !user().cletsAuthorised)
        return false;
    return true;
}

bool Session::trainingCurrent() const
{
    const UserRecord& u = user();
    if (!u.trainedOn.isValid())
        return false;
    const QDate due = u.refresherDue.isValid() ? u.refresherDue : u.trainedOn.addYears(1);
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs()).toLocalTime().date();
    return u.trainedOn <= today && today <= due;
}

Status Session::refuse(Permission permission, const QString& what, const QString& reason)
{
    ignoreError(m_audit->record(user().name, QStringLiteral("access.denied"), QStringLiteral("denied"),
                                { { QStringLiteral("action"), what },
                                  { QStringLiteral("permission"), Permissions::label(permission) },
                                  { QStringLiteral("reason"), reason } }));
    return policyError(reason);
}

Status Session::requireReady(const QString& what)
{
    QString reason;
    if (m_locked)
        reason = tr("The session is locked; sign in again.");
    else if (m_mustEnrolMfa)
        reason = tr("Multi-factor authentication is required: enrol an authenticator first.");
    else if (m_mustChangePassword)
        reason = tr("Your password is older than the policy allows: change it first.");
    if (reason.isEmpty())
        return {};
    ignoreError(m_audit->record(user().name, QStringLiteral("access.denied"), QStringLiteral("denied"),
                                { { QStringLiteral("action"), what }, { QStringLiteral("reason"), reason } }));
    return policyError(reason);
}

Status Session::authorise(Permission permission, const QString& what)
{
    if (Status s = requireReady(what); !s)
        return s;
    if (!Permissions::allows(user().role, permission))
        return refuse(permission, what,
                      tr("The %1 role may not %2.").arg(roleName(user().role), Permissions::label(permission)));
    if (permission == Permission::VerifyInClets && !user().cletsAuthorised)
        return refuse(permission, what, tr("You are not authorised for CLETS (policy 462.3(e))."));
    if (Permissions::isDataAccess(permission)) {
        if (!trainingCurrent())
            return refuse(permission, what,
                          user().trainedOn.isValid() ? tr("Your ALPR training refresher is overdue (policy 462.3(d)).")
                                                     : tr("No ALPR training is on record for you (policy 462.3(d))."));
        if (!m_case)
            return refuse(permission, what,
                          tr("ALPR data is only accessed for a case: enter a case number and purpose first."));
    }
    noteActivity();
    return {};
}

Status Session::recordAccess(Permission permission, const QJsonObject& elements, qint64 resultCount)
{
    if (!m_case)
        return policyError(tr("No active case."));
    AccessRecord r;
    r.timeMs = m_clock.nowMs();
    r.username = user().name;
    r.agency = user().agency;
    r.caseNumber = m_case->number;
    r.purpose = m_case->category + QStringLiteral(": ") + m_case->purpose;
    r.elements = QString::fromUtf8(QJsonDocument(elements).toJson(QJsonDocument::Compact));
    r.resultCount = resultCount;
    if (auto added = m_vault->store().appendAccess(r); !added)
        return added.error();
    QJsonObject detail = elements;
    detail.insert(QStringLiteral("case"), m_case->number);
    detail.insert(QStringLiteral("results"), double(resultCount));
    return m_audit->record(user().name, QStringLiteral("query.") + Permissions::label(permission).replace(u' ', u'_'),
                           QStringLiteral("success"), detail);
}

Status Session::enrolMfa(const QByteArray& secret, const QString& code)
{
    qint64 step = 0;
    if (!Totp::verify(secret, code, m_clock.nowMs(), 1, &step)) {
        ignoreError(m_audit->record(user().name, QStringLiteral("mfa.enrol"), QStringLiteral("failure"),
                                    { { QStringLiteral("reason"), QStringLiteral("code did not match") } }));
        return authError(tr("The code does not match. Check the authenticator app's clock and try the next code."));
    }
    if (Status s = m_vault->store().setTotpSecret(user().name, secret); !s)
        return s;
    m_lastTotpStep = step;
    m_mustEnrolMfa = false;
    return m_audit->record(user().name, QStringLiteral("mfa.enrol"), QStringLiteral("success"));
}

Status Session::changePassword(const QString& newPassword)
{
    if (Status s = m_policy->check(newPassword, user().name); !s)
        return s;
    if (m_vault->checkPassword(newPassword))
        return usageError(tr("The new password must differ from the current one."));
    if (Status s = m_vault->changePassword(user().name, newPassword); !s)
        return s;
    m_mustChangePassword = false;
    return m_audit->record(user().name, QStringLiteral("password.change"), QStringLiteral("success"));
}

void Session::noteActivity()
{
    if (!m_locked)
        m_lastActivityMs = m_clock.nowMs();
}

qint64 Session::msUntilLock() const
{
    if (m_locked)
        return 0;
    const qint64 now = m_clock.nowMs();
    const qint64 idleLeft = m_lastActivityMs + m_idleLimitMs - now;
    const qint64 reauthLeft = m_authenticatedMs + kReauthMs - now;
    return std::max<qint64>(0, std::min(idleLeft, reauthLeft));
}

bool Session::checkTimers()
{
    if (m_locked)
        return false;
    const qint64 now = m_clock.nowMs();
    if (now - m_authenticatedMs >= kReauthMs) {
        lock(QStringLiteral("re-authentication due (12 hours)"));
        return true;
    }
    if (now - m_lastActivityMs >= m_idleLimitMs) {
        lock(QStringLiteral("idle"));
        return true;
    }
    return false;
}

void Session::lock(const QString& reason)
{
    if (m_locked)
        return;
    m_locked = true;
    ignoreError(m_audit->record(user().name, QStringLiteral("lock"), QStringLiteral("success"),
                                { { QStringLiteral("reason"), reason } }));
}

Status Session::unlock(const QString& password, const QString& otp)
{
    if (!m_locked)
        return {};
    const QString lockoutPath = LockoutFile::pathForStore(m_vault->storePath());
    auto lockout = LockoutFile::load(lockoutPath);
    if (!lockout)
        return lockout.error();
    const QString name = user().name;
    if (lockout->isLocked(name)) {
        ignoreError(m_audit->record(name, QStringLiteral("unlock"), QStringLiteral("denied"),
                                    { { QStringLiteral("reason"), QStringLiteral("account locked") } }));
        return authError(tr("The account is locked after repeated failed sign-ins; an administrator must unlock it."));
    }
    auto fail = [&](const QString& reason) -> Status {
        const bool lockedNow = lockout->recordFailure(name, m_clock.nowMs(), reason);
        lockout->clearPendingEvents(); // we can audit directly: the store is open
        ignoreError(lockout->save(lockoutPath));
        ignoreError(m_audit->record(name, QStringLiteral("unlock"), QStringLiteral("failure"),
                                    { { QStringLiteral("reason"), reason } }));
        if (lockedNow) {
            ignoreError(m_audit->record(
                name, QStringLiteral("account.lock"), QStringLiteral("success"),
                { { QStringLiteral("reason"), QStringLiteral("5 failed sign-ins within 15 minutes") } }));
            return authError(tr("Too many failed attempts: the account is now locked until an administrator "
                                "unlocks it."));
        }
        return authError(tr("Wrong password or code."));
    };
    if (!m_vault->checkPassword(password))
        return fail(QStringLiteral("wrong password"));
    auto secret = m_vault->store().totpSecret(name);
    if (!secret)
        return secret.error();
    if (!secret.value().isEmpty()) {
        qint64 step = 0;
        if (!Totp::verify(secret.value(), otp, m_clock.nowMs(), 1, &step) || step <= m_lastTotpStep)
            return fail(QStringLiteral("wrong one-time code"));
        m_lastTotpStep = step;
    }
    lockout->clearFailures(name);
    ignoreError(lockout->save(lockoutPath));
    m_locked = false;
    m_lastActivityMs = m_clock.nowMs();
    m_authenticatedMs = m_lastActivityMs;
    return m_audit->record(name, QStringLiteral("unlock"), QStringLiteral("success"));
}

} // namespace alpr
