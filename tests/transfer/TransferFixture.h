#pragma once
// A field laptop and its home server for the transfer tests: a local encrypted store with a detective (same name and
// password as on the server), a database of its own on a real PostgreSQL with an administrator, that detective and
// a supervisor (who may read everything back), and reads to move.
#include "Authenticator.h"
#include "Clock.h"
#include "Crypto.h"
#include "LocalStore.h"
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "RemoteStore.h"
#include "Require.h"
#include "ServerSchema.h"
#include "Session.h"
#include "TempDir.h"
#include "TransferService.h"
#include "Vault.h"

#include <QDateTime>
#include <QSet>
#include <catch2/catch_test_macros.hpp>

namespace alpr::test {

inline UserRecord person(const QString& name, Role role)
{
    UserRecord u;
    u.name = name;
    u.role = role;
    u.agency = QStringLiteral("West Covina PD");
    u.trainedOn = QDate::currentDate().addMonths(-2);
    u.refresherDue = u.trainedOn.addYears(1);
    u.createdMs = QDateTime::currentMSecsSinceEpoch();
    u.passwordChangedMs = u.createdMs;
    return u;
}

/** Reads with everything a transfer must carry: OCR alternatives, images on some, cameras, odd source strings. */
inline QList<Read> makeReads(int n, int firstIndex = 0, bool images = true)
{
    QList<Read> out;
    out.reserve(n);
    const qint64 base = 1'775'000'000'000; // April 2026: reads span two monthly partitions
    for (int k = 0; k < n; ++k) {
        const int i = firstIndex + k;
        Read r;
        r.plate = QStringLiteral("%1ABC%2").arg(i % 9 + 1).arg(i % 997, 3, 10, QLatin1Char('0'));
        r.state = i % 5 ? QStringLiteral("CA") : QStringLiteral("NV");
        r.timeMs = base + qint64(i) * 97'000;
        r.lat = 34.05 + (i % 100) * 0.0003;
        r.lon = -117.93 - (i % 77) * 0.0004;
        r.heading = i % 3 ? float(i % 360) : -1.0f;
        r.cameraId = i % 4 + 1;
        r.confidence = 80 + i % 20;
        if (i % 2)
            r.candidates = { { QStringLiteral("%1A8C%2").arg(i % 9 + 1).arg(i % 997, 3, 10, QLatin1Char('0')), 61 },
                             { QStringLiteral("7PBT942"), 40 } };
        r.make = QStringLiteral("Toyota");
        r.colour = QStringLiteral("white");
        r.sourceFile = i % 7 ? QStringLiteral("unit412/shift-%1.json").arg(i / 1000) : QString();
        r.sourceId = i % 7 ? QString::number(i) : QString();
        if (images && i % 10 == 0) {
            r.overviewJpeg = QByteArray("\xff\xd8 overview ") + QByteArray::number(i) + QByteArray("\t\n\\\0x", 5);
            r.plateJpeg = QByteArray("\xff\xd8 plate ") + QByteArray::number(i);
        }
        out.append(r);
    }
    return out;
}

class TransferFixture
{
public:
    explicit TransferFixture(PgTestCluster& cluster = PgTestCluster::shared())
        : m_cluster(cluster)
    {
        qputenv("ALPR_STATE_DIR", m_dir.path(QStringLiteral("state")).toUtf8());
        m_database = require(m_cluster.createDatabase());
        m_uri = m_cluster.uri(m_database);
        const ServerAddress address = require(ServerAddress::parse(m_uri));
        m_user = PgTestCluster::uniqueName(QStringLiteral("det"));
        m_supervisor = PgTestCluster::uniqueName(QStringLiteral("sup"));
        const QString admin = PgTestCluster::uniqueName(QStringLiteral("adm"));
        {
            auto super = require(PgConnection::open(address, m_cluster.superuser(), m_cluster.superPassword()));
            require(ServerSchema::createFirstAdmin(*super, person(admin, Role::Admin), password(),
                                                   QDateTime::currentMSecsSinceEpoch()));
        }
        {
            auto a = require(RemoteStore::connect(address, admin, password()));
            require(a->setSetting(QStringLiteral("store.kind"), QStringLiteral("demo"))); // no authenticator apps
            require(a->setSetting(QStringLiteral("mfa.required"), QStringLiteral("false")));
            require(a->createUser(person(m_user, Role::Detective), password()));
            require(a->createUser(person(m_supervisor, Role::Supervisor), password()));
        }
        m_path = m_dir.path(QStringLiteral("laptop.alpr"));
        UserRecord localAdmin = person(QStringLiteral("admin"), Role::Admin);
        auto vault = require(Vault::create(m_path, localAdmin, password(), m_clock, kMinimumPbkdf2Iterations));
        require(vault->addUser(person(m_user, Role::Detective), password()));
        require(vault->store().setSetting(QStringLiteral("store.kind"), QStringLiteral("demo")));
        require(vault->store().setSetting(QStringLiteral("mfa.required"), QStringLiteral("false")));
        QList<Camera> cameras;
        for (int i = 0; i < 4; ++i) {
            Camera c;
            c.name = QStringLiteral("Azusa Ave & Amar Rd #%1").arg(i);
            c.lat = 34.05;
            c.lon = -117.93;
            cameras.append(c);
        }
        require(vault->store().upsertCameras(cameras));
    }

    ~TransferFixture() { ignoreError(m_cluster.dropDatabase(m_database)); }

    static QString password() { return QStringLiteral("correct horse battery staple 42"); }
    QString path() const { return m_path; }
    QString uri() const { return m_uri; }
    QString user() const { return m_user; }
    QString supervisor() const { return m_supervisor; }
    QString database() const { return m_database; }
    PgTestCluster& cluster() { return m_cluster; }

    std::unique_ptr<Session> signInLocal(const QString& user = {})
    {
        Credentials c { m_path, user.isEmpty() ? m_user : user, password(), QString(), true };
        return require(Authenticator(m_clock).signIn(c, QStringLiteral("test")));
    }
    /** A sign-in for a transfer: as many connections as the transfer's (two batches stored at once). */
    std::unique_ptr<Session> signInServer(const QString& user = {},
                                          int connections = TransferService::kServerConnections)
    {
        Credentials c { QString(), user.isEmpty() ? m_user : user, password(), QString(), true, m_uri, connections };
        return require(Authenticator(m_clock).signIn(c, QStringLiteral("test")));
    }
    /** A supervisor's connection: reads everything of the agency back (connections > 1: stores that many transfer
        batches at once). */
    std::unique_ptr<RemoteStore> serverReader(int connections = 1)
    {
        return require(
            RemoteStore::connect(require(ServerAddress::parse(m_uri)), m_supervisor, password(), connections));
    }
    void addLocalReads(const QList<Read>& reads)
    {
        auto s = signInLocal();
        REQUIRE(require(s->store().addReads(reads)) == reads.size());
    }

private:
    PgTestCluster& m_cluster;
    TempDir m_dir;
    SystemClock m_clock;
    QString m_database;
    QString m_uri;
    QString m_user;
    QString m_supervisor;
    QString m_path;
};

/** The transfer batch key reads made by TransferService::keyed() carry (the start of their source files). */
inline QString keyOf(const QList<Read>& reads)
{
    return reads.isEmpty() ? QString() : reads.first().sourceFile.section(u':', 0, 2);
}

/** Every read the server holds, by key; fails the test on a key held twice. */
inline QHash<QString, Read> serverReads(RemoteStore& store)
{
    QHash<QString, Read> out;
    bool twice = false;
    REQUIRE(store.forEachRead(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(),
                              [&](const Read& r) {
                                  const QString key = r.sourceFile + u'\x1f' + r.sourceId;
                                  twice = twice || out.contains(key);
                                  out.insert(key, r);
                                  return true;
                              }));
    CHECK_FALSE(twice);
    return out;
}

} // namespace alpr::test
