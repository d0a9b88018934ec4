#pragma once

#include "Result.h"
#include "ServerAddress.h"

#include <QSqlDatabase>
#include <QString>
#include <memory>

class QSqlError;
struct pg_conn; // libpq's PGconn

namespace alpr {

/**
 * One connection to the department's PostgreSQL server through Qt's QPSQL driver, always over TLS with the server's
 * certificate verified against the CA the URI names (sslmode=verify-full, GSS encryption off so TLS cannot be
 * replaced by another transport). A server without TLS, a certificate that does not verify or names another host,
 * and a wrong password are each refused with a message naming the server and the reason.
 *
 * Used on the thread that opened it, like QSqlDatabase.
 */
class PgConnection
{
public:
    static Result<std::unique_ptr<PgConnection>> open(const ServerAddress& address, const QString& role,
                                                      const QString& password);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    QSqlDatabase db() const;
    const ServerAddress& address() const { return m_address; }
    /** The database role signed in (the ALPR user name, or the administrator running server init). */
    QString role() const { return m_role; }

    /**
     * The SCRAM-SHA-256 verifier of a password for a role, computed on this side by libpq (PQencryptPasswordConn,
     * with SASLprep and the server's iteration count): CREATE/ALTER ROLE then receive only the verifier, so the
     * password never reaches the server or its logs.
     */
    Result<QString> scramVerifier(const QString& role, const QString& password) const;

    /** "server host:port/db: <what> failed: <reason>", with SQLSTATE 42501 worded as a permission refusal. */
    Error error(const QString& what, const QSqlError& e) const;
    /** The same for a result read through libpq (sqlstate may be null). */
    Error error(const QString& what, const char* sqlstate, const QString& reason) const;
    /**
     * The connection's libpq handle (null when it is closed), for what QPSQL cannot do (COPY, pipelines, the SCRAM
     * verifier). Take it on the thread that opened the connection; it may then be used on one other thread at a
     * time while nothing else uses the connection.
     */
    pg_conn* handle() const;
    /** Runs a script of several statements (no parameters). */
    Status execScript(const QString& what, const QString& sql) const;

private:
    PgConnection(ServerAddress address, QString role, QString connectionName);

    ServerAddress m_address;
    QString m_role;
    QString m_connection;
};

/** True when e is PostgreSQL's "permission denied" (SQLSTATE 42501, insufficient_privilege). */
bool isPermissionDenied(const QSqlError& e);

} // namespace alpr
