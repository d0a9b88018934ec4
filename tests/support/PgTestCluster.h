#pragma once

#include "Result.h"

#include <QString>
#include <memory>

namespace alpr::test {

/**
 * A real, throwaway PostgreSQL cluster for the remote-store tests: initdb + pg_ctl on a free loopback port in a
 * temporary directory, with a self-signed CA and a server certificate made by the openssl CLI (ssl = on, pg_hba
 * `hostssl ... scram-sha-256` only), pgAudit preloaded when installed, durability off for speed. When the process
 * runs as root the PostgreSQL programs run as the `postgres` OS user (initdb refuses root) on a directory it owns.
 *
 * One cluster serves a whole ctest run: the fixture test `pg_cluster_start` starts it, prepares the database
 * `alpr_template` with `server init` done, and writes a state file named by ALPR_TEST_PG_STATE; `pg_cluster_stop`
 * stops and removes it. A test binary run by hand (no ALPR_TEST_PG_STATE) starts its own and removes it at exit.
 * Each test then works in a database of its own, copied from the template.
 */
class PgTestCluster
{
public:
    struct Options
    {
        bool tls = true; ///< false: ssl = off with a plain `host` line (for the "no TLS is refused" test only)
        bool prepareTemplate = true; ///< run server init on alpr_template
    };

    static Result<std::unique_ptr<PgTestCluster>> start(const Options& options);
    /** A cluster another process started (state file written by writeState()); not stopped by this object. */
    static Result<std::unique_ptr<PgTestCluster>> attach(const QString& stateFile);
    /** The cluster of this test run (fixture or one of this process); FAILs the current test when unavailable. */
    static PgTestCluster& shared();

    ~PgTestCluster(); ///< stops and removes the cluster when this object started it and still owns it
    PgTestCluster(const PgTestCluster&) = delete;
    PgTestCluster& operator=(const PgTestCluster&) = delete;

    Status writeState(const QString& stateFile) const;
    /** Keep the cluster running after this object is gone (the fixture's start step). */
    void release() { m_owned = false; }
    Status stop();
    /** Stops the server but keeps its data (a server lost mid-work); resume() starts it again on the same port. */
    Status pause();
    Status resume();

    QString host() const { return QStringLiteral("127.0.0.1"); }
    int port() const { return m_port; }
    QString caFile() const; ///< the CA that signed the server's certificate
    QString otherCaFile() const; ///< a CA that did not
    QString superuser() const { return QStringLiteral("postgres"); }
    QString superPassword() const { return m_password; }
    QString logFile() const;
    /** postgresql://127.0.0.1:port/database?sslrootcert=<ca> */
    QString uri(const QString& database, const QString& ca = {}) const;

    /** Runs SQL as the superuser on database (over TLS, verified, unless the cluster has TLS off). */
    Status exec(const QString& database, const QString& sql) const;
    /** A new database from alpr_template (schema, roles and grants installed); unique per call and process. */
    Result<QString> createDatabase() const;
    Status dropDatabase(const QString& database) const;
    /** A role or user name unique within the cluster (roles are cluster-wide), starting with prefix. */
    static QString uniqueName(const QString& prefix);

private:
    PgTestCluster() = default;
    Status initialise(const Options& options);
    Status prepareTemplate();

    QString m_base; ///< temporary directory: data/, tls/, log
    int m_port = 0;
    QString m_password;
    QString m_binDir;
    bool m_tls = true;
    bool m_owned = false;
};

} // namespace alpr::test
