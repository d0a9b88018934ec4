// The department's server: server init (schema, group roles, grants, the first administrator).
#include "AuditLog.h"
#include "CliContext.h"
#include "Clock.h"
#include "Commands.h"
#include "Crypto.h"
#include "PasswordPolicy.h"
#include "PgConnection.h"
#include "ServerSchema.h"
#include "Vault.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <QTextStream>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

Status serverInit(CliContext& ctx)
{
    auto uri = ctx.serverUri();
    if (!uri)
        return uri.error();
    auto address = ServerAddress::parse(uri.value());
    if (!address)
        return address.error();
    auto installer = ctx.userName();
    if (!installer)
        return installer.error();
    const QString admin = ctx.parser().value(QStringLiteral("admin"));
    UserRecord record;
    if (!admin.isEmpty()) {
        record.name = admin;
        record.role = Role::Admin;
        record.fullName = ctx.parser().value(QStringLiteral("full-name"));
        record.agency = ctx.parser().value(QStringLiteral("agency"));
        if (record.agency.isEmpty())
            record.agency = QStringLiteral("West Covina PD");
        record.cletsAuthorised = ctx.parser().isSet(QStringLiteral("clets"));
        if (ctx.parser().isSet(QStringLiteral("trained"))) {
            record.trainedOn = QDate::fromString(ctx.parser().value(QStringLiteral("trained")), Qt::ISODate);
            if (!record.trainedOn.isValid())
                return usageError(tr("--trained: '%1' is not a date (YYYY-MM-DD).")
                                      .arg(ctx.parser().value(QStringLiteral("trained"))));
            record.refresherDue = record.trainedOn.addYears(1);
        }
    }
    // The installer is a PostgreSQL superuser (extensions and roles need one), not an ALPR account.
    auto pw = ctx.password(installer.value());
    if (!pw)
        return pw.error();
    QString adminPassword;
    if (!admin.isEmpty()) {
        auto newPw = ctx.newPassword(admin);
        if (!newPw)
            return newPw.error();
        if (Status s = PasswordPolicy().check(newPw.value(), admin); !s)
            return s;
        adminPassword = newPw.value();
    }
    QTextStream& out = CliContext::out();
    {
        auto connection = PgConnection::open(address.value(), installer.value(), pw.value());
        if (!connection)
            return connection.error();
        auto report = ServerSchema::install(*connection.value());
        if (!report)
            return report.error();
        out << (report->created ? tr("Created the ALPR schema on %1: roles alpr_detective, alpr_clerk, "
                                     "alpr_supervisor and alpr_admin; INSERT-only audit and access logs; row-level "
                                     "security by agency; reads partitioned by month (pg_partman); pg_trgm and "
                                     "PostGIS indexes.")
                                      .arg(address->describe())
                                : report->notes.join(u' '))
            << '\n';
        out << (report->pgAudit ? tr("pgAudit: schema and role changes and every statement on reads and images are "
                                     "logged by the server.")
                                : report->pgAuditNote)
            << '\n';
        if (!admin.isEmpty()) {
            if (Status s
                = ServerSchema::createFirstAdmin(*connection.value(), record, adminPassword, ctx.clock().nowMs());
                !s)
                return s;
        }
    }
    if (admin.isEmpty())
        return {};
    // The administrator's first audit row, written as the administrator (the server checks who writes each row).
    auto vault = Vault::connect(uri.value(), admin, adminPassword, ctx.clock());
    if (!vault)
        return vault.error();
    AuditLog audit(vault.value()->store(), ctx.clock(), vault.value()->deriveKey("alpr audit head"),
                   QStringLiteral("cli@") + QSysInfo::machineHostName());
    if (Status s = audit.record(
            admin, QStringLiteral("server.init"), QStringLiteral("success"),
            { { QStringLiteral("installer"), installer.value() }, { QStringLiteral("agency"), record.agency } });
        !s)
        return s;
    out << tr("Administrator %1 (%2) can sign in with --server and --user %1; enrol in MFA with 'alpr-cli mfa "
              "enroll' before anything else.")
               .arg(admin, record.agency)
        << '\n';
    return {};
}

} // namespace

Status server(CliContext& ctx)
{
    const QString sub = ctx.arguments().value(0);
    if (sub == QLatin1String("init"))
        return serverInit(ctx);
    return usageError(tr("server needs a subcommand: init."));
}

} // namespace alpr::commands
