#include "PgTestCluster.h"

#include "PgConnection.h"
#include "ServerSchema.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QVersionNumber>
#include <catch2/catch_test_macros.hpp>
#include <catch2/reporters/catch_reporter_event_listener.hpp>
#include <catch2/reporters/catch_reporter_registrars.hpp>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace alpr::test {

namespace {

constexpr const char* kTemplate = "alpr_template";

QString randomHex(int bytes)
{
    QByteArray b(bytes, '\0');
    QRandomGenerator::system()->generate(b.begin(), b.end());
    return QString::fromLatin1(b.toHex());
}

/** Where initdb and pg_ctl are: ALPR_PG_BINDIR, the newest /usr/lib/postgresql/<major>/bin, pg_config, PATH. */
QString findBinDir()
{
    const QString env = qEnvironmentVariable("ALPR_PG_BINDIR");
    if (!env.isEmpty())
        return env;
    QVersionNumber best;
    QString bestDir;
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    for (const QString& major : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString dir = root.filePath(major + QStringLiteral("/bin"));
        const QVersionNumber v = QVersionNumber::fromString(major);
        if (QFileInfo::exists(dir + QStringLiteral("/initdb")) && v > best) {
            best = v;
            bestDir = dir;
        }
    }
    if (!bestDir.isEmpty())
        return bestDir;
    QProcess config;
    config.start(QStringLiteral("pg_config"), { QStringLiteral("--bindir") });
    if (config.waitForFinished(5000) && config.exitCode() == 0) {
        const QString dir = QString::fromLocal8Bit(config.readAllStandardOutput()).trimmed();
        if (QFileInfo::exists(dir + QStringLiteral("/initdb")))
            return dir;
    }
    const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    return initdb.isEmpty() ? QString() : QFileInfo(initdb).absolutePath();
}

bool runningAsRoot()
{
    return geteuid() == 0;
}

/** Runs a program (as the postgres OS user when we are root and asPostgres); the error names it and its output. */
Status run(const QString& program, const QStringList& args, bool asPostgres, int timeoutMs = 60000)
{
    QString prog = program;
    QStringList arguments = args;
    if (asPostgres && runningAsRoot()) {
        arguments.prepend(program);
        arguments.prepend(QStringLiteral("--"));
        arguments.prepend(QStringLiteral("postgres"));
        arguments.prepend(QStringLiteral("-u"));
        prog = QStringLiteral("runuser");
    }
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(prog, arguments);
    if (!p.waitForStarted(10000))
        return failure(QStringLiteral("cannot start %1: %2").arg(prog, p.errorString()));
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        return failure(QStringLiteral("%1 timed out").arg(program));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return failure(QStringLiteral("%1 %2 failed (%3): %4")
                           .arg(program, args.join(u' '))
                           .arg(p.exitCode())
                           .arg(QString::fromLocal8Bit(p.readAll()).trimmed()));
    return {};
}

/** Hands a path to the postgres OS user when we are root (the server runs as it). */
Status giveToPostgres(const QString& path)
{
    if (!runningAsRoot())
        return {};
    const passwd* pw = getpwnam("postgres");
    if (!pw)
        return failure(QStringLiteral("running as root, but there is no 'postgres' OS user to run PostgreSQL as"));
    if (::chown(QFile::encodeName(path).constData(), pw->pw_uid, pw->pw_gid) != 0)
        return failure(QStringLiteral("cannot hand %1 to the postgres user").arg(path));
    return {};
}

Status writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        return failure(QStringLiteral("cannot write %1").arg(path));
    return {};
}

int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

std::unique_ptr<PgTestCluster>& sharedSlot()
{
    static std::unique_ptr<PgTestCluster> cluster;
    return cluster;
}

/** Stops a cluster this process started by itself before QApplication and the test run end. */
class PgClusterListener : public Catch::EventListenerBase
{
public:
    using Catch::EventListenerBase::EventListenerBase;
    void testRunEnded(const Catch::TestRunStats&) override { sharedSlot().reset(); }
};

} // namespace

CATCH_REGISTER_LISTENER(PgClusterListener)

QString PgTestCluster::uniqueName(const QString& prefix)
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("%1_%2_%3_%4")
        .arg(prefix)
        .arg(QCoreApplication::applicationPid())
        .arg(counter.fetchAndAddRelaxed(1))
        .arg(QRandomGenerator::global()->bounded(100000));
}

Result<std::unique_ptr<PgTestCluster>> PgTestCluster::start(const Options& options)
{
    std::unique_ptr<PgTestCluster> c(new PgTestCluster);
    if (Status s = c->initialise(options); !s)
        return s.error();
    if (options.prepareTemplate && options.tls)
        if (Status s = c->prepareTemplate(); !s)
            return s.error();
    return c;
}

Status PgTestCluster::initialise(const Options& options)
{
    m_tls = options.tls;
    m_binDir = findBinDir();
    if (m_binDir.isEmpty())
        return failure(QStringLiteral("PostgreSQL server programs (initdb, pg_ctl) not found; install postgresql"));
    const QByteArray tmp = QFile::encodeName(QDir::tempPath()) + "/alpr-pg-XXXXXX";
    QByteArray templ = tmp;
    if (!mkdtemp(templ.data()))
        return failure(QStringLiteral("cannot create a temporary directory"));
    m_base = QFile::decodeName(templ);
    m_owned = true;
    const QString data = m_base + QStringLiteral("/data");
    const QString tls = m_base + QStringLiteral("/tls");
    if (!QDir().mkpath(tls))
        return failure(QStringLiteral("cannot create %1").arg(tls));
    // The postgres user must be able to enter the base directory and own data/; the test process (root) reads tls/.
    ::chmod(QFile::encodeName(m_base).constData(), 0755);
    if (Status s = giveToPostgres(m_base); !s)
        return s;

    m_password = randomHex(16);
    const QString pwFile = m_base + QStringLiteral("/pw");
    if (Status s = writeFile(pwFile, m_password.toLatin1()); !s)
        return s;
    if (Status s = giveToPostgres(pwFile); !s)
        return s;
    // --no-sync and no locale work: a throwaway cluster in well under a second.
    Status init = run(m_binDir + QStringLiteral("/initdb"),
                      { QStringLiteral("-D"), data, QStringLiteral("-U"), superuser(), QStringLiteral("--pwfile"),
                        pwFile, QStringLiteral("-A"), QStringLiteral("scram-sha-256"), QStringLiteral("--no-sync"),
                        QStringLiteral("--no-instructions"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                        QStringLiteral("--no-locale") },
                      true);
    QFile::remove(pwFile);
    if (!init)
        return init;

    // A CA, a server certificate for 127.0.0.1/localhost signed by it, and a second CA that signed nothing.
    auto openssl = [&](const QStringList& args) { return run(QStringLiteral("openssl"), args, false); };
    const QString ca = tls + QStringLiteral("/ca");
    const QString other = tls + QStringLiteral("/other-ca");
    const QString server = tls + QStringLiteral("/server");
    const std::pair<QString, QString> authorities[]
        = { { ca, QStringLiteral("ALPR test CA") }, { other, QStringLiteral("Some other CA") } };
    for (const auto& [name, cn] : authorities) {
        if (Status s
            = openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                        QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                        QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
                        name + QStringLiteral(".crt"), QStringLiteral("-days"), QStringLiteral("2"),
                        QStringLiteral("-subj"), QStringLiteral("/CN=") + cn, QStringLiteral("-addext"),
                        QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                        QStringLiteral("keyUsage=critical,keyCertSign,cRLSign") });
            !s)
            return s;
    }
    if (Status s = writeFile(tls + QStringLiteral("/server.ext"),
                             "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                             "extendedKeyUsage=serverAuth\n");
        !s)
        return s;
    if (Status s
        = openssl({ QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                    server + QStringLiteral(".key"), QStringLiteral("-out"), server + QStringLiteral(".csr"),
                    QStringLiteral("-subj"), QStringLiteral("/CN=localhost") });
        !s)
        return s;
    if (Status s = openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                             server + QStringLiteral(".csr"), QStringLiteral("-CA"), ca + QStringLiteral(".crt"),
                             QStringLiteral("-CAkey"), ca + QStringLiteral(".key"), QStringLiteral("-CAcreateserial"),
                             QStringLiteral("-out"), server + QStringLiteral(".crt"), QStringLiteral("-days"),
                             QStringLiteral("2"), QStringLiteral("-extfile"), tls + QStringLiteral("/server.ext") });
        !s)
        return s;
    for (const char* file : { "server.crt", "server.key" }) {
        const QString target = data + u'/' + QString::fromLatin1(file);
        QFile::remove(target);
        if (!QFile::copy(tls + u'/' + QString::fromLatin1(file), target))
            return failure(QStringLiteral("cannot copy %1 into the data directory").arg(QString::fromLatin1(file)));
        QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (Status s = giveToPostgres(target); !s)
            return s;
    }

    // pgAudit only where it is installed (its library must be preloaded for CREATE EXTENSION).
    const bool pgaudit = QFileInfo::exists(m_binDir + QStringLiteral("/../lib/pgaudit.so"));
    QByteArray conf = "\n# alpr test cluster\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
                      "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n"
                      "shared_buffers = 32MB\n";
    conf += m_tls ? "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n" : "ssl = off\n";
    if (pgaudit)
        conf += "shared_preload_libraries = 'pgaudit'\n";
    QFile confFile(data + QStringLiteral("/postgresql.conf"));
    if (!confFile.open(QIODevice::Append) || confFile.write(conf) != conf.size())
        return failure(QStringLiteral("cannot write postgresql.conf"));
    confFile.close();
    // Only TLS connections with SCRAM passwords; the plain `host` line exists only in the cluster without TLS.
    if (Status s = writeFile(data + QStringLiteral("/pg_hba.conf"),
                             m_tls ? "hostssl all all 127.0.0.1/32 scram-sha-256\n"
                                   : "host all all 127.0.0.1/32 scram-sha-256\n");
        !s)
        return s;

    // A free port can be taken between the probe and the start: try a few.
    Status started = failure(QStringLiteral("no attempt"));
    for (int attempt = 0; attempt < 5 && !started; ++attempt) {
        m_port = freePort();
        started = run(m_binDir + QStringLiteral("/pg_ctl"),
                      { QStringLiteral("-D"), data, QStringLiteral("-l"), logFile(), QStringLiteral("-o"),
                        QStringLiteral("-p %1").arg(m_port), QStringLiteral("-w"), QStringLiteral("-t"),
                        QStringLiteral("30"), QStringLiteral("start") },
                      true);
    }
    if (!started) {
        QFile log(logFile());
        log.open(QIODevice::ReadOnly);
        return failure(started.error().message + QStringLiteral("\nserver log:\n") + QString::fromUtf8(log.readAll()));
    }
    return {};
}

Status PgTestCluster::prepareTemplate()
{
    if (Status s = exec(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE %1").arg(QLatin1String(kTemplate)));
        !s)
        return s;
    auto address = ServerAddress::parse(uri(QString::fromLatin1(kTemplate)));
    if (!address)
        return address.error();
    auto connection = PgConnection::open(address.value(), superuser(), m_password);
    if (!connection)
        return connection.error();
    auto report = ServerSchema::install(*connection.value());
    if (!report)
        return report.error();
    return {};
}

Result<std::unique_ptr<PgTestCluster>> PgTestCluster::attach(const QString& stateFile)
{
    QFile f(stateFile);
    if (!f.open(QIODevice::ReadOnly))
        return failure(
            QStringLiteral("%1: no test cluster state (did the fixture pg_cluster_start run?)").arg(stateFile));
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    std::unique_ptr<PgTestCluster> c(new PgTestCluster);
    c->m_base = o.value(QStringLiteral("base")).toString();
    c->m_port = o.value(QStringLiteral("port")).toInt();
    c->m_password = o.value(QStringLiteral("password")).toString();
    c->m_binDir = o.value(QStringLiteral("bindir")).toString();
    c->m_tls = o.value(QStringLiteral("tls")).toBool(true);
    c->m_owned = false;
    if (c->m_base.isEmpty() || c->m_port == 0)
        return failure(QStringLiteral("%1: damaged test cluster state").arg(stateFile));
    return c;
}

Status PgTestCluster::writeState(const QString& stateFile) const
{
    const QJsonObject o { { QStringLiteral("base"), m_base },
                          { QStringLiteral("port"), m_port },
                          { QStringLiteral("password"), m_password },
                          { QStringLiteral("bindir"), m_binDir },
                          { QStringLiteral("tls"), m_tls } };
    if (Status s = writeFile(stateFile, QJsonDocument(o).toJson()); !s)
        return s;
    QFile::setPermissions(stateFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

PgTestCluster& PgTestCluster::shared()
{
    std::unique_ptr<PgTestCluster>& slot = sharedSlot();
    if (!slot) {
        const QString state = qEnvironmentVariable("ALPR_TEST_PG_STATE");
        auto cluster = state.isEmpty() ? start(Options {}) : attach(state);
        if (!cluster)
            FAIL("PostgreSQL test cluster: " << cluster.error().message.toStdString());
        slot = std::move(cluster.value());
    }
    return *slot;
}

PgTestCluster::~PgTestCluster()
{
    if (m_owned)
        ignoreError(stop());
}

Status PgTestCluster::stop()
{
    if (m_base.isEmpty())
        return {};
    Status s = run(m_binDir + QStringLiteral("/pg_ctl"),
                   { QStringLiteral("-D"), m_base + QStringLiteral("/data"), QStringLiteral("-m"),
                     QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop") },
                   true);
    QDir(m_base).removeRecursively();
    m_base.clear();
    m_owned = false;
    return s;
}

Status PgTestCluster::pause()
{
    return run(m_binDir + QStringLiteral("/pg_ctl"),
               { QStringLiteral("-D"), m_base + QStringLiteral("/data"), QStringLiteral("-m"), QStringLiteral("immediate"),
                 QStringLiteral("-w"), QStringLiteral("stop") },
               true);
}

Status PgTestCluster::resume()
{
    return run(m_binDir + QStringLiteral("/pg_ctl"),
               { QStringLiteral("-D"), m_base + QStringLiteral("/data"), QStringLiteral("-l"), logFile(),
                 QStringLiteral("-o"), QStringLiteral("-p %1").arg(m_port), QStringLiteral("-w"), QStringLiteral("-t"),
                 QStringLiteral("30"), QStringLiteral("start") },
               true);
}

QString PgTestCluster::caFile() const
{
    return m_base + QStringLiteral("/tls/ca.crt");
}

QString PgTestCluster::otherCaFile() const
{
    return m_base + QStringLiteral("/tls/other-ca.crt");
}

QString PgTestCluster::logFile() const
{
    return m_base + QStringLiteral("/server.log");
}

QString PgTestCluster::uri(const QString& database, const QString& ca) const
{
    return QStringLiteral("postgresql://%1:%2/%3?sslrootcert=%4")
        .arg(host())
        .arg(m_port)
        .arg(database, ca.isEmpty() ? caFile() : ca);
}

Status PgTestCluster::exec(const QString& database, const QString& sql) const
{
    static QAtomicInteger<int> counter;
    const QString name = QStringLiteral("alpr-test-super-%1").arg(counter.fetchAndAddRelaxed(1));
    Status result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(host());
        db.setPort(m_port);
        db.setDatabaseName(database);
        db.setConnectOptions(
            m_tls ? QStringLiteral("sslmode=verify-full;sslrootcert='%1';gssencmode=disable").arg(caFile())
                  : QStringLiteral("sslmode=disable;gssencmode=disable"));
        if (!db.open(superuser(), m_password)) {
            result = failure(QStringLiteral("superuser connection to %1: %2").arg(database, db.lastError().text()));
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                result = failure(QStringLiteral("%1: %2").arg(sql.left(200), q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Result<QString> PgTestCluster::createDatabase() const
{
    const QString name = uniqueName(QStringLiteral("t"));
    if (Status s = exec(QStringLiteral("postgres"),
                        QStringLiteral("CREATE DATABASE %1 TEMPLATE %2").arg(name, QLatin1String(kTemplate)));
        !s)
        return s.error();
    return name;
}

Status PgTestCluster::dropDatabase(const QString& database) const
{
    return exec(QStringLiteral("postgres"), QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(database));
}

} // namespace alpr::test
