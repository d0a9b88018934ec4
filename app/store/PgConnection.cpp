#include "PgConnection.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <libpq-fe.h>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RemoteStore", text);
}

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("alpr-remote-%1").arg(counter.fetchAndAddRelaxed(1));
}

/** libpq's reason, worded for a person; the raw text follows in brackets so nothing is lost. */
Error connectError(const ServerAddress& a, const QString& role, const QString& raw)
{
    const QString server = a.describe();
    const QString detail = raw.simplified();
    auto has = [&](const char* s) { return detail.contains(QLatin1String(s), Qt::CaseInsensitive); };
    if (has("does not support SSL") || has("SSL was required") || has("no encryption"))
        return failure(tr("Refusing the server %1: it does not offer TLS, and ALPR data is only exchanged over TLS "
                          "with a verified certificate (%2).")
                           .arg(server, detail));
    if (has("certificate verify failed") || has("self-signed certificate") || has("unable to get local issuer"))
        return failure(tr("Refusing the server %1: its TLS certificate does not verify against the CA %2 (%3).")
                           .arg(server, a.caFile, detail));
    if (has("does not match host name"))
        return failure(
            tr("Refusing the server %1: its TLS certificate is for another host name (%2).").arg(server, detail));
    if (has("root certificate file"))
        return failure(
            tr("Cannot connect to %1: the CA certificate %2 cannot be read (%3).").arg(server, a.caFile, detail));
    if (has("password authentication failed") || has("SCRAM") || has("authentication failed"))
        return authError(tr("Wrong user name or password for the server %1.").arg(server));
    if (has("does not exist") && has("role"))
        return authError(tr("Wrong user name or password for the server %1.").arg(server));
    if (has("not permitted to log in"))
        return authError(tr("The account %1 is disabled on the server %2. Ask an administrator.").arg(role, server));
    if (has("database") && has("does not exist"))
        return failure(tr("The server %1 has no database %2.").arg(server, a.database));
    return failure(tr("Cannot connect to the server %1: %2").arg(server, detail));
}

QString quoted(const QString& value)
{
    return u'\'' + value + u'\'';
}

} // namespace

bool isPermissionDenied(const QSqlError& e)
{
    return e.nativeErrorCode() == QLatin1String("42501");
}

PgConnection::PgConnection(ServerAddress address, QString role, QString connectionName)
    : m_address(std::move(address))
    , m_role(std::move(role))
    , m_connection(std::move(connectionName))
{
}

PgConnection::~PgConnection()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connection, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase PgConnection::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

Result<std::unique_ptr<PgConnection>> PgConnection::open(const ServerAddress& address, const QString& role,
                                                         const QString& password)
{
    if (role.isEmpty())
        return usageError(tr("A user name is required to connect to %1.").arg(address.describe()));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return failure(tr("Qt's PostgreSQL driver (QPSQL, package libqt6sql6-psql) is not installed."));
    std::unique_ptr<PgConnection> c(new PgConnection(address, role, nextConnectionName()));
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), c->m_connection);
    database.setHostName(address.host);
    database.setPort(address.port);
    database.setDatabaseName(address.database);
    // verify-full: TLS required, the chain checked against our CA only, and the certificate must name the host.
    // gssencmode=disable: with a Kerberos ticket libpq would otherwise prefer GSS encryption over TLS, and the
    // certificate would never be looked at.
    database.setConnectOptions(QStringLiteral("sslmode=verify-full;sslrootcert=%1;gssencmode=disable;"
                                              "connect_timeout=10;application_name=alpr-workstation")
                                   .arg(quoted(address.caFile)));
    // open(user, password) does not keep the password in the connection's settings, unlike setPassword().
    if (!database.open(role, password))
        return connectError(address, role,
                            database.lastError().databaseText() + u' ' + database.lastError().driverText());
    QSqlQuery q(database);
    // Belt and braces: the session must really be encrypted (pg_stat_ssl is the server's own view of it).
    if (!q.exec(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) || !q.next()
        || !q.value(0).toBool())
        return failure(tr("Refusing the server %1: the session is not encrypted.").arg(address.describe()));
    q.finish();
    if (!q.exec(QStringLiteral("SET search_path = alpr, public")))
        return c->error(QStringLiteral("search path"), q.lastError());
    return c;
}

Error PgConnection::error(const QString& what, const QSqlError& e) const
{
    const QString reason = e.databaseText().isEmpty() ? e.text() : e.databaseText().simplified();
    return error(what, isPermissionDenied(e) ? "42501" : nullptr, reason);
}

Error PgConnection::error(const QString& what, const char* sqlstate, const QString& reason) const
{
    if (sqlstate && qstrcmp(sqlstate, "42501") == 0)
        return policyError(tr("The server %1 refused %2 for %3: %4")
                               .arg(m_address.describe(), what, m_role, reason.simplified()));
    return failure(tr("The server %1: %2 failed: %3").arg(m_address.describe(), what, reason.simplified()));
}

pg_conn* PgConnection::handle() const
{
    const QVariant handle = db().driver()->handle();
    // QPSQL hands out its PGconn* as an opaque pointer (type name "PGconn*" or "pg_conn*", depending on the build).
    return handle.isValid() && (handle.metaType().flags() & QMetaType::IsPointer)
        ? *static_cast<PGconn* const*>(handle.constData())
        : nullptr;
}

Status PgConnection::execScript(const QString& what, const QString& sql) const
{
    QSqlQuery q(db());
    if (!q.exec(sql))
        return error(what, q.lastError());
    return {};
}

Result<QString> PgConnection::scramVerifier(const QString& forRole, const QString& password) const
{
    PGconn* conn = handle();
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return failure(tr("The server %1: the connection is not open.").arg(m_address.describe()));
    QByteArray pw = password.toUtf8();
    char* verifier = PQencryptPasswordConn(conn, pw.constData(), forRole.toUtf8().constData(), "scram-sha-256");
    pw.fill('\0');
    if (!verifier)
        return failure(tr("The server %1: cannot compute the password verifier: %2")
                           .arg(m_address.describe(), QString::fromUtf8(PQerrorMessage(conn)).trimmed()));
    const QString out = QString::fromLatin1(verifier);
    PQfreemem(verifier);
    return out;
}

} // namespace alpr
