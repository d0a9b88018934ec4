#pragma once

#include "Result.h"
#include "UserRecord.h"

#include <QString>
#include <QStringList>

namespace alpr {

class PgConnection;

/** What `alpr-cli server init` did, for its report. */
struct ServerInitReport
{
    bool created = false; ///< false: the schema was there already; roles, grants, index settings refreshed
    bool pgAudit = false; ///< pgAudit loaded and configured
    QString pgAuditNote; ///< why not, when it is not
    QStringList notes;
};

/**
 * The server side of the remote store: schema `alpr`, the group roles and the GRANTs and row-level security that
 * make the server itself enforce what the workstation enforces (DESIGN.md "Stores"):
 *
 *  - group roles alpr_detective, alpr_clerk, alpr_supervisor, alpr_admin (each login role is in one of them), built
 *    from alpr_reader (may read ALPR data), alpr_writer (may add reads), alpr_auditor (may read the logs) and
 *    alpr_user (everyone); all objects belong to the NOLOGIN role alpr_owner;
 *  - audit_log, access_log and cases are INSERT-only for everyone but their owner (no UPDATE, DELETE, TRUNCATE);
 *    rows are written under the writer's own role (checked by the server);
 *  - every table carries an agency column and row-level security keyed to the agency of the signed-in role
 *    (alpr.current_agency(), from the users table): no role reads another agency's rows;
 *  - reads partitioned by month on time_ms (pg_partman, epoch milliseconds, UTC months), a PostGIS geography point
 *    with a GiST index, plates with a pg_trgm GIN index;
 *  - login roles are created and changed only through SECURITY DEFINER functions that take a SCRAM verifier, so
 *    administrators need no CREATEROLE and passwords never reach the server;
 *  - pgAudit (when the server preloads it): DDL and role changes, and every statement touching reads or images.
 *
 * Run by a superuser (extensions and roles need one); idempotent: running it again refreshes roles and grants.
 */
class ServerSchema
{
public:
    /** 2: transfer batches keyed once (alpr.transfer_batches) instead of a read_sources row per read. */
    static constexpr int kVersion = 2;

    /** Creates or refreshes everything above in one transaction. */
    static Result<ServerInitReport> install(PgConnection& connection);
    /**
     * Creates the first administrator's users row and login role (agency from admin.agency). Refuses when a user
     * of that name exists.
     */
    static Status createFirstAdmin(PgConnection& connection, const UserRecord& admin, const QString& password,
                                   qint64 nowMs);
    /** The names of the group roles, in Role order. */
    static QString groupRole(Role role);
};

} // namespace alpr
