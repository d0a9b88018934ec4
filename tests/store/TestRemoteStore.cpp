// What only the server does: refuse plaintext and unverifiable servers, and enforce on its own side (grants,
// row-level security, login roles) what the workstation enforces. Real PostgreSQL, real TLS, real roles: the
// permission errors checked here come from the server.
#include "StoreFixtures.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;
using namespace alpr::test;

namespace {

const qint64 kT0 = QDateTime(QDate(2026, 3, 31), QTime(23, 30), Qt::UTC).toMSecsSinceEpoch();

QList<Read> reads(int n, const QString& file, const QString& plate = QStringLiteral("7ABC123"))
{
    QList<Read> out;
    for (int i = 0; i < n; ++i) {
        Read r;
        r.plate = i % 3 ? plate : QStringLiteral("8XYZ00%1").arg(i % 7);
        r.state = QStringLiteral("CA");
        r.timeMs = kT0 + qint64(i) * 20 * 86'400'000LL / n; // across the end of March into April
        r.lat = 34.07;
        r.lon = -117.93;
        r.confidence = 90;
        r.sourceFile = file;
        r.sourceId = QString::number(i);
        out.append(r);
    }
    return out;
}

/** Runs SQL on a connection of its own as role; returns the server's error (invalid when it succeeded). */
QSqlError execAs(const ServerAddress& a, const QString& role, const QString& password, const QString& sql)
{
    auto c = require(PgConnection::open(a, role, password));
    QSqlQuery q(c->db());
    q.exec(sql);
    return q.lastError();
}

qint64 scalar(PgTestCluster& cluster, const ServerAddress& a, const QString& sql)
{
    auto c = require(PgConnection::open(a, cluster.superuser(), cluster.superPassword()));
    QSqlQuery q(c->db());
    INFO(sql.toStdString());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

} // namespace

TEST_CASE("Remote store: a server without TLS is refused, naming the server and the reason", "[store][remote]")
{
    // A second, real cluster with ssl = off and a plain `host` line: it would accept a plaintext session.
    auto plain = require(PgTestCluster::start({ false, false }));
    ServerAddress a;
    a.host = plain->host();
    a.port = plain->port();
    a.database = QStringLiteral("postgres");
    a.caFile = PgTestCluster::shared().caFile();
    auto refused = RemoteStore::connect(a, plain->superuser(), plain->superPassword());
    REQUIRE_FALSE(refused.ok());
    INFO(text(refused.error()));
    CHECK(refused.error().message.contains(a.describe()));
    CHECK(refused.error().message.contains(QStringLiteral("does not offer TLS")));
    CHECK_FALSE(refused.error().message.contains(plain->superPassword()));
    // The server itself does take plaintext: the refusal is the workstation's.
    CHECK(plain->exec(QStringLiteral("postgres"), QStringLiteral("SELECT 1")).ok());
}

TEST_CASE("Remote store: a certificate that does not verify, or a URI asking for less, is refused", "[store][remote]")
{
    PgTestCluster& cluster = PgTestCluster::shared();
    auto wrongCa = require(ServerAddress::parse(cluster.uri(QStringLiteral("postgres"), cluster.otherCaFile())));
    auto refused = RemoteStore::connect(wrongCa, cluster.superuser(), cluster.superPassword());
    REQUIRE_FALSE(refused.ok());
    INFO(text(refused.error()));
    CHECK(refused.error().message.contains(wrongCa.describe()));
    CHECK(refused.error().message.contains(QStringLiteral("does not verify against the CA")));
    CHECK(refused.error().message.contains(cluster.otherCaFile()));

    // The right CA connects (the server has no ALPR schema in "postgres": that is the next, different refusal).
    auto right = require(ServerAddress::parse(cluster.uri(QStringLiteral("postgres"))));
    auto noSchema = RemoteStore::connect(right, cluster.superuser(), cluster.superPassword());
    REQUIRE_FALSE(noSchema.ok());
    CHECK(noSchema.error().message.contains(QStringLiteral("server init")));

    const QString base = QStringLiteral("postgresql://127.0.0.1:%1/alpr").arg(cluster.port());
    for (const QString& uri : { base, base + QStringLiteral("?sslmode=require&sslrootcert=") + cluster.caFile(),
                                QStringLiteral("postgresql://bob:pw@127.0.0.1/alpr?sslrootcert=") + cluster.caFile(),
                                base + QStringLiteral("?sslrootcert=/nonexistent/ca.crt"),
                                QStringLiteral("http://127.0.0.1/alpr?sslrootcert=") + cluster.caFile() }) {
        INFO(uri.toStdString());
        auto parsed = ServerAddress::parse(uri);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().kind == ErrorKind::Usage);
    }
}

TEST_CASE("Remote store: login roles are the accounts", "[store][remote]")
{
    RemoteFixture f;
    const QString det = f.freshAccount("det", Role::Detective);

    auto wrong = RemoteStore::connect(f.address(), det, QStringLiteral("not the password"));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().kind == ErrorKind::Auth);
    auto unknown = RemoteStore::connect(f.address(), QStringLiteral("nobody_at_all"), f.password());
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().kind == ErrorKind::Auth);

    auto detective = require(RemoteStore::connect(f.address(), det, f.password()));
    CHECK_FALSE(detective->isAdmin());
    CHECK_FALSE(detective->isAuditor());
    CHECK(f.remote().isAuditor());
    CHECK(f.admin().isAdmin());
    CHECK(detective->checkPassword(f.password()));
    CHECK_FALSE(detective->checkPassword(QStringLiteral("guess")));

    // Only administrators create accounts: the server refuses a detective.
    auto refused = detective->createUser(userRecord(f.freshName("x"), Role::Admin, f.agency()), f.password());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::Policy);
    // A detective may not change their own role or training (trigger + column grants), only sign-in times.
    UserRecord me = require(detective->user(det));
    me.lastLoginMs = 777;
    require(detective->updateUser(me));
    CHECK(require(f.admin().user(det)).lastLoginMs == 777);
    const QSqlError promote = execAs(f.address(), det, f.password(),
                                     QStringLiteral("UPDATE alpr.users SET role = 'admin' WHERE name = session_user"));
    CHECK(promote.nativeErrorCode() == QStringLiteral("42501"));

    // Own password change; the old one stops working.
    require(detective->setPassword(det, QStringLiteral("a brand new passphrase 43")));
    CHECK_FALSE(RemoteStore::connect(f.address(), det, f.password()).ok());
    detective = require(RemoteStore::connect(f.address(), det, QStringLiteral("a brand new passphrase 43")));

    // Disabling the account makes the role NOLOGIN; enabling it again restores the login.
    UserRecord record = require(f.admin().user(det));
    record.disabled = true;
    require(f.admin().updateUser(record));
    auto disabled = RemoteStore::connect(f.address(), det, QStringLiteral("a brand new passphrase 43"));
    REQUIRE_FALSE(disabled.ok());
    CHECK(disabled.error().kind == ErrorKind::Auth);
    CHECK(disabled.error().message.contains(QStringLiteral("disabled")));
    record.disabled = false;
    require(f.admin().updateUser(record));
    CHECK(RemoteStore::connect(f.address(), det, QStringLiteral("a brand new passphrase 43")).ok());

    // Each user's TOTP secret is theirs alone.
    require(f.remote().setTotpSecret(f.self(), QByteArray("supervisor secret 20")));
    CHECK(require(detective->totpSecret(f.self())).isEmpty());
    CHECK_FALSE(detective->setTotpSecret(f.self(), QByteArray("hijack")).ok());
    const QSqlError peek = execAs(f.address(), det, QStringLiteral("a brand new passphrase 43"),
                                  QStringLiteral("UPDATE alpr.user_totp SET secret = 'x'"));
    CHECK_FALSE(peek.isValid()); // allowed statement, but it touches no row of anyone else...
    CHECK(require(f.remote().totpSecret(f.self())) == QByteArray("supervisor secret 20"));
    // ...and an administrator may only reset it.
    require(f.admin().setTotpSecret(f.self(), QByteArray()));
    CHECK(require(f.remote().totpSecret(f.self())).isEmpty());
}

TEST_CASE("Remote store: the server refuses UPDATE, DELETE and TRUNCATE of the logs", "[store][remote]")
{
    RemoteFixture f;
    const QString det = f.freshAccount("det", Role::Detective);
    auto detective = require(RemoteStore::connect(f.address(), det, f.password()));
    AuditRow row;
    row.timeMs = kT0;
    row.username = det;
    row.event = QStringLiteral("query");
    row.outcome = QStringLiteral("success");
    row.source = QStringLiteral("test");
    row.detail = QStringLiteral("{}");
    require(detective->appendAudit(row, [](const AuditRow&) { return QByteArray(32, '\x11'); }));
    AccessRecord access;
    access.timeMs = kT0;
    access.username = det;
    access.agency = f.agency();
    access.caseNumber = QStringLiteral("26-000001");
    access.purpose = QStringLiteral("test");
    access.elements = QStringLiteral("{}");
    require(detective->appendAccess(access));

    for (const QString& role : { det, f.self() }) {
        for (const QString& sql :
             { QStringLiteral("UPDATE alpr.audit_log SET detail = '{\"forged\":1}'"),
               QStringLiteral("DELETE FROM alpr.audit_log"), QStringLiteral("TRUNCATE alpr.audit_log"),
               QStringLiteral("UPDATE alpr.access_log SET result_count = 0"),
               QStringLiteral("DELETE FROM alpr.access_log"), QStringLiteral("DELETE FROM alpr.cases") }) {
            INFO(role.toStdString() << ": " << sql.toStdString());
            const QSqlError e = execAs(f.address(), role, f.password(), sql);
            CHECK(e.nativeErrorCode() == QStringLiteral("42501"));
            CHECK(e.databaseText().contains(QStringLiteral("permission denied")));
        }
    }
    // A detective may not read the log's contents, only extend it; nor write rows as someone else.
    CHECK(execAs(f.address(), det, f.password(), QStringLiteral("SELECT detail FROM alpr.audit_log")).nativeErrorCode()
          == QStringLiteral("42501"));
    CHECK(execAs(f.address(), det, f.password(), QStringLiteral("SELECT * FROM alpr.access_log")).nativeErrorCode()
          == QStringLiteral("42501"));
    const QSqlError forged
        = execAs(f.address(), det, f.password(),
                 QStringLiteral("INSERT INTO alpr.access_log (time_ms, username, agency, case_number, "
                                "purpose, elements, result_count) VALUES (1, 'someone_else', 'West "
                                "Covina PD', 'x', 'x', '{}', 0)"));
    CHECK(forged.nativeErrorCode() == QStringLiteral("42501"));
    // The rows are all still there, as written.
    QList<AuditRow> rows;
    require(f.remote().forEachAudit([&](const AuditRow& r) {
        rows.append(r);
        return true;
    }));
    REQUIRE(rows.size() == 1);
    CHECK(rows.first().detail == QStringLiteral("{}"));
    CHECK(require(f.remote().accessLog(QString(), 10)).size() == 1);
    // Through the store API the detective sees ids and hashes only.
    QList<AuditRow> seen;
    require(detective->forEachAudit([&](const AuditRow& r) {
        seen.append(r);
        return true;
    }));
    REQUIRE(seen.size() == 1);
    CHECK(seen.first().hash == QByteArray(32, '\x11'));
    CHECK(seen.first().detail.isEmpty());
}

TEST_CASE("Remote store: a role of one agency cannot read another agency's data", "[store][remote]")
{
    RemoteFixture f;
    // A second agency on the same server, with its own administrator and detective.
    const QString adminB = f.freshName("admb");
    {
        auto super = require(PgConnection::open(f.address(), f.cluster().superuser(), f.cluster().superPassword()));
        require(ServerSchema::createFirstAdmin(*super, userRecord(adminB, Role::Admin, QStringLiteral("Covina PD")),
                                               f.password(), kT0));
    }
    auto storeAdminB = require(RemoteStore::connect(f.address(), adminB, f.password()));
    const QString detB = f.freshName("detb");
    const QString detA = f.freshName("deta");
    require(storeAdminB->createUser(userRecord(detB, Role::Detective, QStringLiteral("Covina PD")), f.password()));
    // An administrator cannot create an account in another agency.
    CHECK_FALSE(storeAdminB->createUser(userRecord(f.freshName("x"), Role::Detective, f.agency()), f.password()).ok());
    require(f.admin().createUser(userRecord(detA, Role::Detective, f.agency()), f.password()));
    auto b = require(RemoteStore::connect(f.address(), detB, f.password()));
    auto a = require(RemoteStore::connect(f.address(), detA, f.password()));

    CHECK(require(b->addReads(reads(40, QStringLiteral("b.json")))) == 40);
    require(b->addHotlistEntry({ 0, QStringLiteral("stolen"), QStringLiteral("7ABC123"), {}, {}, kT0 }));
    require(b->upsertCameras({ Camera { 0, QStringLiteral("B cam"), {}, false, 34.0, -117.9, -1 } }));
    CHECK(require(b->stats()).reads == 40);

    // Agency A sees none of it, through the API or by SQL.
    const StoreStats st = require(a->stats());
    CHECK(st.reads == 0);
    CHECK(st.plates == 0);
    CHECK(st.hotlistEntries == 0);
    CHECK(require(a->latestReads(100)).isEmpty());
    CHECK(require(a->cameras()).isEmpty());
    CHECK(require(a->hotlistEntries()).isEmpty());
    qint64 plates = 0;
    require(a->forEachPlate([&](const PlateSummary&) { ++plates; }));
    CHECK(plates == 0);
    QList<qint64> bPlateIds;
    require(b->forEachPlate([&](const PlateSummary& p) { bPlateIds.append(p.id); }));
    REQUIRE_FALSE(bPlateIds.isEmpty());
    CHECK(require(a->readsForPlates(bPlateIds, true, {}, 100, {})).isEmpty());
    CHECK(require(a->plateTexts(bPlateIds)).isEmpty());
    CHECK(require(a->platesMatchingGlob(QStringLiteral("*"))).isEmpty());
    {
        auto raw = require(PgConnection::open(f.address(), detA, f.password()));
        QSqlQuery q(raw->db());
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM alpr.reads")));
        REQUIRE(q.next());
        CHECK(q.value(0).toLongLong() == 0);
        // Writing into the other agency is refused by the row-level security policy.
        CHECK_FALSE(q.exec(QStringLiteral("INSERT INTO alpr.plates (agency, plate) VALUES ('Covina PD', 'PLANTED')")));
        CHECK(q.lastError().nativeErrorCode() == QStringLiteral("42501"));
    }
    for (const UserRecord& u : require(a->users()))
        CHECK(u.agency == f.agency());
    // The same plate text in both agencies is two plates, each counted in its own agency.
    CHECK(require(a->addReads(reads(9, QStringLiteral("a.json")))) == 9);
    CHECK(require(a->stats()).reads == 9);
    CHECK(require(b->stats()).reads == 40);
    // And the superuser sees both: the rows are really there, only hidden.
    CHECK(scalar(f.cluster(), f.address(), QStringLiteral("SELECT count(*) FROM alpr.reads")) == 49);
}

TEST_CASE("Remote store: roles are enforced by grants, reads are partitioned by month, batches are confirmed",
          "[store][remote]")
{
    RemoteFixture f;
    const QString det = f.freshAccount("det", Role::Detective);
    const QString clerk = f.freshAccount("clerk", Role::Clerk);
    auto detective = require(RemoteStore::connect(f.address(), det, f.password()));
    auto clerkStore = require(RemoteStore::connect(f.address(), clerk, f.password()));

    const QList<Read> batch = reads(60, QStringLiteral("unit412/shift-0314"));
    const ReadBatchReceipt first = require(detective->addReadsConfirmed(batch));
    CHECK(first.inserted == 60);
    CHECK(first.confirmed == 60);
    CHECK(first.hash == RemoteStore::batchHash(batch));
    // Sent again after a lost connection: nothing added, the same confirmation.
    const ReadBatchReceipt again = require(detective->addReadsConfirmed(batch));
    CHECK(again.inserted == 0);
    CHECK(again.confirmed == 60);
    CHECK(again.hash == first.hash);
    QList<Read> altered = batch;
    altered[5].plate = QStringLiteral("OTHER1");
    CHECK(RemoteStore::batchHash(altered) != first.hash);
    QList<Read> unkeyed = batch.mid(0, 2);
    unkeyed[1].sourceId.clear();
    CHECK(detective->addReadsConfirmed(unkeyed).error().kind == ErrorKind::Usage);

    // Clerks read but do not add reads; administrators manage but do not read ALPR data (they may count it).
    auto clerkAdd = clerkStore->addReads(reads(2, QStringLiteral("c.json")));
    REQUIRE_FALSE(clerkAdd.ok());
    CHECK(clerkAdd.error().kind == ErrorKind::Policy);
    CHECK(require(clerkStore->latestReads(5)).size() == 5);
    auto adminRead = f.admin().latestReads(5);
    REQUIRE_FALSE(adminRead.ok());
    CHECK(adminRead.error().kind == ErrorKind::Policy);
    CHECK(require(f.admin().stats()).reads == 60);

    // The reads span March and April: two monthly partitions (UTC months) hold them, none in the default one.
    auto super = require(PgConnection::open(f.address(), f.cluster().superuser(), f.cluster().superPassword()));
    QSqlQuery q(super->db());
    REQUIRE(q.exec(QStringLiteral(
        "SELECT relname, count(*) FROM alpr.reads r JOIN pg_class c ON c.oid = r.tableoid GROUP BY 1 ORDER BY 1")));
    QStringList partitions;
    while (q.next())
        partitions.append(q.value(0).toString());
    CHECK(partitions == QStringList { QStringLiteral("reads_p2026_03"), QStringLiteral("reads_p2026_04") });
    REQUIRE(q.exec(QStringLiteral("SELECT epoch, partition_interval FROM partman.part_config WHERE parent_table = "
                                  "'alpr.reads'")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QStringLiteral("milliseconds"));
    // The server's own tools: the trigram index on plates, the GiST index on the reads' geography points.
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM pg_indexes WHERE schemaname = 'alpr' AND ((tablename = "
                                  "'plates' AND indexdef LIKE '%gin_trgm_ops%') OR (tablename = 'reads' AND indexdef "
                                  "LIKE '%USING gist (geog)%'))")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 2);
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM pg_extension WHERE extname IN ('pg_trgm', 'postgis', "
                                  "'pg_partman', 'pgaudit')")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 4);
    // The plain-SQL proof that ST_DWithin answers from the stored points.
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM alpr.reads WHERE ST_DWithin(geog, "
                                  "ST_SetSRID(ST_MakePoint(-117.93, 34.07), 4326)::geography, 10)")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 60);
}

TEST_CASE("Remote store: batch insert throughput (the transfer's figure)", "[.][bench][remote]")
{
    RemoteFixture f;
    const QString det = f.freshAccount("det", Role::Detective);
    auto detective = require(RemoteStore::connect(f.address(), det, f.password()));
    const int batches = 20;
    const int perBatch = 5000;
    QElapsedTimer timer;
    qint64 confirmedMs = 0;
    timer.start();
    for (int b = 0; b < batches; ++b) {
        QList<Read> batch = reads(perBatch, QStringLiteral("bench-%1").arg(b));
        for (int i = 0; i < batch.size(); ++i) {
            batch[i].plate = QStringLiteral("%1%2")
                                 .arg(QChar(u'A' + i % 26))
                                 .arg((b * perBatch + i) * 7919 % 20000, 6, 10, QChar(u'0'));
            batch[i].candidates = { { batch[i].plate + u'8', 50.0f } };
        }
        QElapsedTimer one;
        one.start();
        const ReadBatchReceipt receipt = require(detective->addReadsConfirmed(batch));
        confirmedMs += one.elapsed();
        REQUIRE(receipt.confirmed == perBatch);
    }
    const double seconds = timer.elapsed() / 1000.0;
    WARN("addReadsConfirmed: " << batches * perBatch << " reads in " << seconds
                               << " s = " << int(batches * perBatch / seconds) << " reads/s");
}

TEST_CASE("Remote store: the roles that write reads may stage a transfer even where PUBLIC lost TEMPORARY",
          "[store][remote]")
{
    RemoteFixture f;
    const QString det = f.freshAccount("det", Role::Detective);
    const QString clerk = f.freshAccount("clerk", Role::Clerk);
    // A hardened server: temporary tables only for those granted them.
    REQUIRE(f.cluster().exec(f.database(),
                             QStringLiteral("REVOKE TEMPORARY ON DATABASE %1 FROM PUBLIC").arg(f.database())));
    // server init, run again on that server (a database-level grant is not copied from a template database).
    {
        auto super = require(PgConnection::open(f.address(), f.cluster().superuser(), f.cluster().superPassword()));
        require(ServerSchema::install(*super));
    }
    auto privilege = [&](const QString& role) {
        return scalar(f.cluster(), f.address(),
                      QStringLiteral("SELECT has_database_privilege('%1', current_database(), 'TEMPORARY')::int")
                          .arg(role));
    };
    CHECK(privilege(det) == 1); // through alpr_detective -> alpr_writer, granted by server init
    CHECK(privilege(clerk) == 0); // clerks do not write reads
    // And for real: the detective's own session creates a temporary table, the clerk's is refused.
    CHECK_FALSE(execAs(f.address(), det, f.password(), QStringLiteral("CREATE TEMP TABLE t (x int)")).isValid());
    CHECK(execAs(f.address(), clerk, f.password(), QStringLiteral("CREATE TEMP TABLE t (x int)")).isValid());
}

TEST_CASE("Remote store: the plate index takes a transfer's plates in a 32 MB pending list, which the transfer's "
          "writer may empty and a clerk may not",
          "[store][remote]")
{
    RemoteFixture f;
    const QString det = f.freshAccount("det", Role::Detective);
    const QString clerk = f.freshAccount("clerk", Role::Clerk);
    REQUIRE(f.cluster().exec(f.database(), QStringLiteral("CREATE EXTENSION IF NOT EXISTS pgstattuple")));
    const QString pending = QStringLiteral("SELECT pending_pages FROM pgstatginindex('alpr.plates_plate_trgm')");
    const QString limit = QStringLiteral("SELECT (reloptions @> ARRAY['gin_pending_list_limit=32768'])::int "
                                         "FROM pg_class WHERE oid = 'alpr.plates_plate_trgm'::regclass");
    CHECK(scalar(f.cluster(), f.address(), limit) == 1);

    // A transfer-like batch (the same two calls the transfer makes): its new plates wait in the pending list.
    auto detective = require(RemoteStore::connect(f.address(), det, f.password()));
    QList<Read> batch = reads(300, QStringLiteral("store:x:1"));
    for (int i = 0; i < batch.size(); ++i)
        batch[i].plate = QStringLiteral("%1PQR%2").arg(i % 10).arg(i, 3, 10, QChar(u'0'));
    REQUIRE(detective->startBatch(batch, QStringLiteral("store:x:1")));
    CHECK(require(detective->finishBatch()).confirmed == 300);
    REQUIRE(scalar(f.cluster(), f.address(), pending) > 0);

    // The clerk (no alpr_writer) is refused by the server, and the list stays as it was.
    const QString flush = QStringLiteral("SELECT alpr.flush_plate_index()");
    CHECK(execAs(f.address(), clerk, f.password(), flush).nativeErrorCode() == QLatin1String("42501"));
    auto clerkStore = require(RemoteStore::connect(f.address(), clerk, f.password()));
    auto clerkFlush = clerkStore->flushPlateIndex();
    REQUIRE_FALSE(clerkFlush.ok());
    CHECK(clerkFlush.error().kind == ErrorKind::Policy);
    CHECK(scalar(f.cluster(), f.address(), pending) > 0);

    // The writer empties it; a second call finds nothing left; the merged plates are all still found.
    CHECK(require(detective->flushPlateIndex()) > 0);
    CHECK(scalar(f.cluster(), f.address(), pending) == 0);
    CHECK(require(detective->flushPlateIndex()) == 0);
    CHECK(require(detective->platesMatchingGlob(QStringLiteral("3PQR*"))).size() == 30);

    // A server made before the setting and the function: server init, run again, adds both.
    REQUIRE(f.cluster().exec(f.database(), QStringLiteral("ALTER INDEX alpr.plates_plate_trgm RESET "
                                                          "(gin_pending_list_limit); DROP FUNCTION "
                                                          "alpr.flush_plate_index()")));
    CHECK(scalar(f.cluster(), f.address(), limit) == 0);
    REQUIRE_FALSE(detective->flushPlateIndex().ok());
    {
        auto super = require(PgConnection::open(f.address(), f.cluster().superuser(), f.cluster().superPassword()));
        require(ServerSchema::install(*super));
    }
    CHECK(scalar(f.cluster(), f.address(), limit) == 1);
    CHECK(scalar(f.cluster(), f.address(),
                 QStringLiteral("SELECT (p.proowner = 'alpr_owner'::regrole AND p.prosecdef)::int FROM pg_proc p "
                                "WHERE p.oid = 'alpr.flush_plate_index()'::regprocedure"))
          == 1);
    CHECK(require(detective->flushPlateIndex()) == 0);
    CHECK(execAs(f.address(), clerk, f.password(), flush).nativeErrorCode() == QLatin1String("42501"));
}
