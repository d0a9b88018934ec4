// Accountability: audit verify, audit log, access log.
#include "AuditLog.h"
#include "CliContext.h"
#include "Commands.h"
#include "Session.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QTextStream>

namespace alpr::commands {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("alpr-cli", text);
}

} // namespace

Status audit(CliContext& ctx)
{
    const QString sub = ctx.arguments().value(0);
    if (sub != QLatin1String("verify") && sub != QLatin1String("log"))
        return usageError(tr("audit needs a subcommand: verify, log."));
    qint64 since = std::numeric_limits<qint64>::min();
    if (ctx.parser().isSet(QStringLiteral("since"))) {
        auto t = CliContext::parseTime(QStringLiteral("since"), ctx.parser().value(QStringLiteral("since")));
        if (!t)
            return t.error();
        since = t.value();
    }
    auto signedIn = ctx.signIn();
    if (!signedIn)
        return signedIn.error();
    Session& session = *signedIn.value();
    if (Status s = session.authorise(Permission::ReviewAudit, QStringLiteral("audit ") + sub); !s)
        return s;
    if (sub == QLatin1String("verify")) {
        auto result = session.audit().verify();
        if (!result)
            return result.error();
        if (Status s = session.audit().record(session.user().name, QStringLiteral("audit.verify"),
                                              result->ok ? QStringLiteral("success") : QStringLiteral("failure"),
                                              { { QStringLiteral("rows"), double(result->rowsChecked) },
                                                { QStringLiteral("first_bad_row"), double(result->firstBadRowId) } });
            !s)
            return s;
        if (!result->ok)
            return failure(tr("The audit log is NOT intact: %1").arg(result->problem));
        CliContext::out() << tr("The audit log is intact: %1 rows verified.").arg(result->rowsChecked) << '\n';
        return {};
    }
    const QString user = ctx.parser().value(QStringLiteral("user-filter"));
    QList<QStringList> rows;
    Status st = session.store().forEachAudit([&](const AuditRow& r) {
        if (r.timeMs >= since && (user.isEmpty() || r.username == user))
            rows.append({ QString::number(r.id), CliContext::localTime(r.timeMs), r.username, r.event, r.outcome,
                          r.source, r.detail });
        return true;
    });
    if (!st)
        return st;
    if (Status s
        = session.audit().record(session.user().name, QStringLiteral("audit.review"), QStringLiteral("success"),
                                 { { QStringLiteral("rows"), double(rows.size()) } });
        !s)
        return s;
    ctx.print({ QStringLiteral("id"), QStringLiteral("time"), QStringLiteral("user"), QStringLiteral("event"),
                QStringLiteral("outcome"), QStringLiteral("source"), QStringLiteral("detail") },
              rows);
    return {};
}

Status access(CliContext& ctx)
{
    if (ctx.arguments().value(0) != QLatin1String("log"))
        return usageError(tr("access needs a subcommand: log."));
    auto signedIn = ctx.signIn();
    if (!signedIn)
        return signedIn.error();
    Session& session = *signedIn.value();
    if (Status s = session.authorise(Permission::ReviewAudit, QStringLiteral("access log")); !s)
        return s;
    const QString plate = ctx.parser().value(QStringLiteral("plate"));
    auto records = session.store().accessLog(plate, 100000);
    if (!records)
        return records.error();
    QList<QStringList> rows;
    for (const AccessRecord& r : records.value())
        rows.append({ QString::number(r.id),
                      QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).toString(Qt::ISODateWithMs), r.username,
                      r.agency, r.caseNumber, r.purpose, r.elements, QString::number(r.resultCount) });
    if (Status s = session.audit().record(
            session.user().name, QStringLiteral("access.review"), QStringLiteral("success"),
            { { QStringLiteral("filter"), plate }, { QStringLiteral("rows"), double(rows.size()) } });
        !s)
        return s;
    ctx.print({ QStringLiteral("id"), QStringLiteral("time (UTC)"), QStringLiteral("user"), QStringLiteral("agency"),
                QStringLiteral("case"), QStringLiteral("purpose"), QStringLiteral("data elements"),
                QStringLiteral("results") },
              rows);
    return {};
}

} // namespace alpr::commands
