#include "LockoutFile.h"

#include "AtomicFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace alpr {

namespace {

constexpr char kFormat[] = "alpr-workstation-lockout";
constexpr int kVersion = 1;
// Bounded so a flood of failures cannot grow the file without limit before someone signs in.
constexpr int kMaxPending = 1000;

QString tr(const char* text)
{
    return QCoreApplication::translate("LockoutFile", text);
}

} // namespace

QString LockoutFile::pathForStore(const QString& storePath)
{
    return storePath + QStringLiteral(".lockout");
}

Result<LockoutFile> LockoutFile::load(const QString& path)
{
    LockoutFile out;
    QFile f(path);
    if (!f.exists())
        return out;
    if (!f.open(QIODevice::ReadOnly))
        return failure(tr("Cannot read the lockout file %1: %2").arg(path, f.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    auto bad = [&](const QString& why) { return badInput(tr("The lockout file %1 is not valid: %2").arg(path, why)); };
    if (error.error != QJsonParseError::NoError)
        return bad(error.errorString());
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        return bad(tr("unknown format"));
    if (root.value(QStringLiteral("version")).toInt() != kVersion)
        return bad(tr("unknown version"));
    const QJsonObject users = root.value(QStringLiteral("users")).toObject();
    for (auto it = users.begin(); it != users.end(); ++it) {
        const QJsonObject u = it.value().toObject();
        UserState state;
        for (const QJsonValue& v : u.value(QStringLiteral("failures")).toArray())
            state.failures.append(qint64(v.toDouble()));
        state.lockedMs = qint64(u.value(QStringLiteral("locked_ms")).toDouble());
        out.m_users.insert(it.key(), state);
    }
    for (const QJsonValue& v : root.value(QStringLiteral("pending")).toArray()) {
        const QJsonObject e = v.toObject();
        out.m_pending.append({qint64(e.value(QStringLiteral("time_ms")).toDouble()),
                              e.value(QStringLiteral("user")).toString(), e.value(QStringLiteral("event")).toString(),
                              e.value(QStringLiteral("outcome")).toString(),
                              e.value(QStringLiteral("reason")).toString()});
    }
    return out;
}

Status LockoutFile::save(const QString& path) const
{
    QJsonObject users;
    for (auto it = m_users.begin(); it != m_users.end(); ++it) {
        if (it->failures.isEmpty() && it->lockedMs == 0)
            continue;
        QJsonArray failures;
        for (qint64 t : it->failures)
            failures.append(double(t));
        users.insert(it.key(),
                     QJsonObject{{QStringLiteral("failures"), failures}, {QStringLiteral("locked_ms"), double(it->lockedMs)}});
    }
    QJsonArray pending;
    for (const PendingEvent& e : m_pending) {
        pending.append(QJsonObject{{QStringLiteral("time_ms"), double(e.timeMs)},
                                   {QStringLiteral("user"), e.user},
                                   {QStringLiteral("event"), e.event},
                                   {QStringLiteral("outcome"), e.outcome},
                                   {QStringLiteral("reason"), e.reason}});
    }
    const QJsonObject root{{QStringLiteral("format"), QLatin1String(kFormat)},
                           {QStringLiteral("version"), kVersion},
                           {QStringLiteral("users"), users},
                           {QStringLiteral("pending"), pending}};
    return writeFileAtomically(path, QJsonDocument(root).toJson(QJsonDocument::Indented), tr("lockout file"));
}

bool LockoutFile::isLocked(const QString& user) const
{
    return m_users.value(user).lockedMs != 0;
}

qint64 LockoutFile::lockedSinceMs(const QString& user) const
{
    return m_users.value(user).lockedMs;
}

int LockoutFile::recentFailures(const QString& user, qint64 nowMs) const
{
    int n = 0;
    for (qint64 t : m_users.value(user).failures)
        if (t > nowMs - kWindowMs && t <= nowMs)
            ++n;
    return n;
}

bool LockoutFile::recordFailure(const QString& user, qint64 nowMs, const QString& reason)
{
    UserState& state = m_users[user];
    // Only the window matters; older failures are dropped so the file stays small.
    state.failures.removeIf([&](qint64 t) { return t <= nowMs - kWindowMs; });
    state.failures.append(nowMs);
    if (m_pending.size() < kMaxPending)
        m_pending.append({nowMs, user, QStringLiteral("login"), QStringLiteral("failure"), reason});
    if (state.lockedMs == 0 && state.failures.size() >= kMaxFailures) {
        state.lockedMs = nowMs;
        if (m_pending.size() < kMaxPending)
            m_pending.append({nowMs, user, QStringLiteral("account.lock"), QStringLiteral("success"),
                              QStringLiteral("%1 failed sign-ins within 15 minutes").arg(kMaxFailures)});
        return true;
    }
    return false;
}

void LockoutFile::clearFailures(const QString& user)
{
    auto it = m_users.find(user);
    if (it != m_users.end())
        it->failures.clear();
}

void LockoutFile::unlock(const QString& user)
{
    auto it = m_users.find(user);
    if (it != m_users.end()) {
        it->failures.clear();
        it->lockedMs = 0;
    }
}

QStringList LockoutFile::lockedUsers() const
{
    QStringList out;
    for (auto it = m_users.begin(); it != m_users.end(); ++it)
        if (it->lockedMs != 0)
            out.append(it.key());
    out.sort();
    return out;
}

} // namespace alpr
