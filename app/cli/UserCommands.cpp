// Accounts: init, user add|list|disable|passwd|unlock, mfa enroll|confirm.
#include "AuditLog.h"
#include "Authenticator.h"
#include "CliContext.h"
#include "Clock.h"
#include "Commands.h"
#include "PasswordPolicy.h"
#include "Session.h"
#include "Totp.h"
#include "Vault.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QTextStream>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

UserRecord userFromOptions(CliContext& ctx, const QString& name, Role role)
{
    UserRecord u;
    u.name = name;
    u.role = role;
    u.fullName = ctx.parser().value(QStringLiteral("full-name"));
    u.agency = ctx.parser().value(QStringLiteral("agency"));
    if (u.agency.isEmpty())
        u.agency = QStringLiteral("West Covina PD");
    u.cletsAuthorised = ctx.parser().isSet(QStringLiteral("clets"));
    if (ctx.parser().isSet(QStringLiteral("trained"))) {
        u.trainedOn = QDate::fromString(ctx.parser().value(QStringLiteral("trained")), Qt::ISODate);
        u.refresherDue = u.trainedOn.addYears(1);
    }
    return u;
}

Status userList(CliContext& ctx, Session& session)
{
    if (Status s = session.authorise(Permission::ManageUsers, QStringLiteral("list users")); !s)
        return s;
    auto users = session.store().users();
    if (!users)
        return users.error();
    const QStringList locked = Authenticator::lockedAccounts(session);
    QList<QStringList> rows;
    for (const UserRecord& u : users.value()) {
        QString status = u.disabled ? QStringLiteral("disabled") : QStringLiteral("active");
        if (locked.contains(u.name))
            status = QStringLiteral("locked");
        rows.append({ u.name, roleName(u.role), u.fullName, u.agency,
                      u.trainedOn.isValid() ? u.trainedOn.toString(Qt::ISODate) : QString(),
                      u.refresherDue.isValid() ? u.refresherDue.toString(Qt::ISODate) : QString(),
                      u.cletsAuthorised ? QStringLiteral("yes") : QStringLiteral("no"), status,
                      CliContext::localTime(u.lastLoginMs) });
    }
    ctx.print({ QStringLiteral("name"), QStringLiteral("role"), QStringLiteral("full name"), QStringLiteral("agency"),
                QStringLiteral("trained"), QStringLiteral("refresher due"), QStringLiteral("clets"),
                QStringLiteral("status"), QStringLiteral("last login") },
              rows);
    return {};
}

} // namespace

Status init(CliContext& ctx)
{
    auto path = ctx.storePath();
    if (!path)
        return path.error();
    const QString admin = ctx.parser().value(QStringLiteral("admin"));
    if (admin.isEmpty())
        return usageError(tr("init needs --admin NAME."));
    auto pw = ctx.newPassword(admin);
    if (!pw)
        return pw.error();
    if (Status s = PasswordPolicy().check(pw.value(), admin); !s)
        return s;
    UserRecord record = userFromOptions(ctx, admin, Role::Admin);
    auto vault = Vault::create(path.value(), record, pw.value(), ctx.clock());
    if (!vault)
        return vault.error();
    CliContext::out() << tr("Created %1 (key file %2) with administrator %3. Sign in and enrol in MFA with "
                            "'alpr-cli mfa enroll' before anything else.")
                             .arg(path.value(), vault.value()->keyFilePath(), admin)
                      << '\n';
    return {};
}

Status user(CliContext& ctx)
{
    const QStringList args = ctx.arguments();
    const QString sub = args.value(0);
    if (sub.isEmpty())
        return usageError(tr("user needs a subcommand: add, list, disable, passwd, unlock."));
    if (sub != QLatin1String("list") && args.value(1).isEmpty())
        return usageError(tr("user %1 needs a user NAME.").arg(sub));
    Role role = Role::Detective;
    if (sub == QLatin1String("add")) {
        // Check the arguments before asking for any password.
        if (!parseRole(ctx.parser().value(QStringLiteral("role")), &role))
            return usageError(tr("--role must be one of detective, clerk, supervisor, admin."));
        if (ctx.parser().isSet(QStringLiteral("trained"))
            && !QDate::fromString(ctx.parser().value(QStringLiteral("trained")), Qt::ISODate).isValid())
            return usageError(
                tr("--trained: '%1' is not a date (YYYY-MM-DD).").arg(ctx.parser().value(QStringLiteral("trained"))));
    } else if (sub != QLatin1String("list") && sub != QLatin1String("disable") && sub != QLatin1String("passwd")
               && sub != QLatin1String("unlock")) {
        return usageError(tr("Unknown user subcommand '%1'.").arg(sub));
    }

    auto signedIn = ctx.signIn();
    if (!signedIn)
        return signedIn.error();
    Session& session = *signedIn.value();
    if (sub == QLatin1String("list"))
        return userList(ctx, session);

    const QString name = args.value(1);
    const QString me = session.user().name;
    if (sub == QLatin1String("passwd") && name == me) {
        // Changing your own password is allowed even when the password has expired: it is how that duty is met.
        auto pw = ctx.newPassword(name);
        if (!pw)
            return pw.error();
        if (Status s = session.changePassword(pw.value()); !s)
            return s;
        CliContext::out() << tr("Changed your password.") << '\n';
        return {};
    }
    if (Status s = session.authorise(Permission::ManageUsers, QStringLiteral("user ") + sub); !s)
        return s;
    QJsonObject detail { { QStringLiteral("account"), name } };
    if (sub == QLatin1String("add")) {
        auto pw = ctx.newPassword(name);
        if (!pw)
            return pw.error();
        if (Status s = session.passwordPolicy().check(pw.value(), name); !s)
            return s;
        const UserRecord record = userFromOptions(ctx, name, role);
        if (Status s = session.vault().addUser(record, pw.value()); !s)
            return s;
        detail.insert(QStringLiteral("role"), roleName(role));
        detail.insert(QStringLiteral("trained"), record.trainedOn.toString(Qt::ISODate));
        detail.insert(QStringLiteral("clets"), record.cletsAuthorised);
        if (Status s = session.audit().record(me, QStringLiteral("user.add"), QStringLiteral("success"), detail); !s)
            return s;
        CliContext::out() << tr("Added %1 (%2).").arg(name, roleName(role)) << '\n';
    } else if (sub == QLatin1String("disable")) {
        if (Status s = session.vault().disableUser(name); !s)
            return s;
        if (Status s = session.audit().record(me, QStringLiteral("user.disable"), QStringLiteral("success"), detail);
            !s)
            return s;
        // What "disabled" takes away differs by store: a local store's key slot, a server's login role.
        if (session.vault().remoteStore())
            CliContext::out() << tr("Disabled %1; the server no longer lets their role sign in.").arg(name) << '\n';
        else
            CliContext::out() << tr("Disabled %1; their key slot is deleted.").arg(name) << '\n';
    } else if (sub == QLatin1String("passwd")) {
        auto pw = ctx.newPassword(name);
        if (!pw)
            return pw.error();
        if (Status s = session.passwordPolicy().check(pw.value(), name); !s)
            return s;
        if (Status s = session.vault().changePassword(name, pw.value()); !s)
            return s;
        if (Status s = session.audit().record(me, QStringLiteral("user.passwd"), QStringLiteral("success"), detail); !s)
            return s;
        CliContext::out() << tr("Changed the password of %1.").arg(name) << '\n';
    } else if (sub == QLatin1String("unlock")) {
        if (Status s = Authenticator::unlockAccount(session, name); !s)
            return s;
        CliContext::out() << tr("Unlocked %1.").arg(name) << '\n';
    }
    return {};
}

Status mfa(CliContext& ctx)
{
    const QString sub = ctx.arguments().value(0);
    if (sub != QLatin1String("enroll") && sub != QLatin1String("confirm"))
        return usageError(tr("mfa needs a subcommand: enroll, confirm."));
    auto signedIn = ctx.signIn();
    if (!signedIn)
        return signedIn.error();
    Session& session = *signedIn.value();
    const QString me = session.user().name;
    const QString pendingKey = QStringLiteral("mfa_pending:") + me;
    if (sub == QLatin1String("enroll")) {
        const QByteArray secret = Totp::newSecret();
        // Kept inside the encrypted store until confirmed with a code from the app.
        if (Status s = session.store().setSetting(pendingKey, QString::fromLatin1(secret.toHex())); !s)
            return s;
        CliContext::out() << tr("Add this account to your authenticator app, then run 'alpr-cli mfa confirm --otp "
                                "CODE':")
                          << '\n'
                          << Totp::provisioningUri(secret, me, QStringLiteral("ALPR Workstation")) << '\n';
        return {};
    }
    auto pending = session.store().setting(pendingKey);
    if (!pending)
        return pending.error();
    if (pending.value().isEmpty())
        return usageError(tr("No enrolment is pending: run 'alpr-cli mfa enroll' first."));
    const QString code = ctx.parser().value(QStringLiteral("otp"));
    if (Status s = session.enrolMfa(QByteArray::fromHex(pending.value().toLatin1()), code); !s)
        return s;
    // The pending secret is enrolled now; leaving it behind would only keep a second copy of it.
    if (Status s = session.store().setSetting(pendingKey, QString()); !s)
        return s;
    CliContext::out() << tr("MFA is enrolled: give --otp CODE when you sign in.") << '\n';
    return {};
}

} // namespace alpr::commands

namespace alpr::commands {

Status settings(CliContext& ctx)
{
    const QStringList args = ctx.arguments();
    const QString sub = args.value(0);
    if (!sub.isEmpty() && sub != QLatin1String("set"))
        return usageError(QCoreApplication::translate("alpr-cli", "settings: list them, or 'settings set KEY VALUE'."));
    if (sub == QLatin1String("set") && args.size() != 3)
        return usageError(QCoreApplication::translate("alpr-cli", "settings set needs KEY and VALUE."));
    auto signedIn = ctx.signIn();
    if (!signedIn)
        return signedIn.error();
    Session& session = *signedIn.value();
    if (sub == QLatin1String("set")) {
        if (Status s = session.changeSetting(args.at(1), args.at(2)); !s)
            return s;
    } else if (Status s = session.authorise(Permission::SetRetention, QStringLiteral("list settings")); !s) {
        return s;
    }
    QList<QStringList> rows;
    const QMap<QString, QString> all = session.adminSettings();
    for (auto it = all.begin(); it != all.end(); ++it)
        rows.append({ it.key(), it.value() });
    ctx.print({ QStringLiteral("setting"), QStringLiteral("value") }, rows);
    return {};
}

} // namespace alpr::commands
