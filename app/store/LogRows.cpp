#include "LogRows.h"

#include <QSqlQuery>
#include <QVariant>

namespace alpr::LogRows {

const char* const kUserColumns = "id, name, full_name, agency, role, trained_on, refresher_due, clets, disabled, "
                                 "created_ms, last_login_ms, password_changed_ms";

QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

UserRecord user(const QSqlQuery& q)
{
    UserRecord u;
    u.id = q.value(0).toLongLong();
    u.name = q.value(1).toString();
    u.fullName = q.value(2).toString();
    u.agency = q.value(3).toString();
    parseRole(q.value(4).toString(), &u.role);
    // A QDate from PostgreSQL, ISO text from SQLite: toDate() reads both; likewise toBool() for bool and 0/1.
    u.trainedOn = q.value(5).toDate();
    u.refresherDue = q.value(6).toDate();
    u.cletsAuthorised = q.value(7).toBool();
    u.disabled = q.value(8).toBool();
    u.createdMs = q.value(9).toLongLong();
    u.lastLoginMs = q.value(10).toLongLong();
    u.passwordChangedMs = q.value(11).toLongLong();
    return u;
}

HotlistEntry hotlistEntry(const QSqlQuery& q)
{
    HotlistEntry e;
    e.id = q.value(0).toLongLong();
    e.list = q.value(1).toString();
    e.plate = q.value(2).toString();
    e.state = q.value(3).toString();
    e.reason = q.value(4).toString();
    e.addedMs = q.value(5).toLongLong();
    return e;
}

AuditRow audit(const QSqlQuery& q)
{
    AuditRow r;
    r.id = q.value(0).toLongLong();
    r.timeMs = q.value(1).toLongLong();
    r.username = q.value(2).toString();
    r.event = q.value(3).toString();
    r.outcome = q.value(4).toString();
    r.source = q.value(5).toString();
    r.detail = q.value(6).toString();
    r.prevHash = q.value(7).toByteArray();
    r.hash = q.value(8).toByteArray();
    return r;
}

void bindAudit(QSqlQuery& q, const AuditRow& row)
{
    q.addBindValue(row.id);
    q.addBindValue(row.timeMs);
    q.addBindValue(text(row.username));
    q.addBindValue(text(row.event));
    q.addBindValue(text(row.outcome));
    q.addBindValue(text(row.source));
    q.addBindValue(text(row.detail));
    q.addBindValue(row.prevHash);
    q.addBindValue(row.hash);
}

AccessRecord access(const QSqlQuery& q)
{
    AccessRecord r;
    r.id = q.value(0).toLongLong();
    r.timeMs = q.value(1).toLongLong();
    r.username = q.value(2).toString();
    r.agency = q.value(3).toString();
    r.caseNumber = q.value(4).toString();
    r.purpose = q.value(5).toString();
    r.elements = q.value(6).toString();
    r.resultCount = q.value(7).toLongLong();
    return r;
}

void bindAccess(QSqlQuery& q, const AccessRecord& record)
{
    q.addBindValue(record.timeMs);
    q.addBindValue(text(record.username));
    q.addBindValue(text(record.agency));
    q.addBindValue(text(record.caseNumber));
    q.addBindValue(text(record.purpose));
    q.addBindValue(text(record.elements));
    q.addBindValue(record.resultCount);
}

} // namespace alpr::LogRows
