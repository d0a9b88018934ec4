#pragma once

#include "Store.h"

class QSqlQuery;

namespace alpr {

/**
 * The row mappings both stores share for users, hotlist entries and the two logs: the same columns in the same order
 * in SQLCipher and PostgreSQL, so one mapping serves both dialects (QVariant turns SQLite's ISO text and integers
 * into the dates and booleans PostgreSQL gives directly).
 */
namespace LogRows {

/** "id, name, full_name, agency, role, trained_on, refresher_due, clets, disabled, created_ms, last_login_ms,
    password_changed_ms" */
extern const char* const kUserColumns;
UserRecord user(const QSqlQuery& q);
/** Columns: entry id, list name, plate, state, reason, added_ms. */
HotlistEntry hotlistEntry(const QSqlQuery& q);
/** Columns: id, time_ms, username, event, outcome, source, detail, prev_hash, hash. */
AuditRow audit(const QSqlQuery& q);
/** Binds the nine audit columns in that order. */
void bindAudit(QSqlQuery& q, const AuditRow& row);
/** Columns: id, time_ms, username, agency, case_number, purpose, elements, result_count. */
AccessRecord access(const QSqlQuery& q);
/** Binds time_ms, username, agency, case_number, purpose, elements, result_count. */
void bindAccess(QSqlQuery& q, const AccessRecord& record);
/** Text columns are NOT NULL DEFAULT '': a null QString (which the drivers bind as NULL) becomes ''. */
QString text(const QString& s);

} // namespace LogRows

} // namespace alpr
