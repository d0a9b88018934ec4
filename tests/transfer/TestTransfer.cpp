// The end-of-shift transfer against a real PostgreSQL (PgTestCluster): every read on the server exactly once, the
// laptop purged of exactly what the server confirmed, receipts in both audit logs, hostile strings through COPY, a
// server lost mid-transfer and the resume.
#include "AuditLog.h"
#include "LocalTransferReads.h"
#include "PgBinaryCopy.h"
#include "ServerSchema.h"
#include "TransferFixture.h"
#include "TransferJournal.h"
#include "TransferService.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <bit>
#include <catch2/catch_test_macros.hpp>
#include <cstdio>

using namespace alpr;
using namespace alpr::test;

namespace {

QList<AuditRow> auditRows(Store& store, const QString& event)
{
    QList<AuditRow> out;
    REQUIRE(store.forEachAudit([&](const AuditRow& row) {
        if (row.event == event)
            out.append(row);
        return true;
    }));
    return out;
}

/** A plate's statistics recounted from reads (the brute-force reference for the stores' plate dictionaries). */
struct Count
{
    qint64 reads = 0, alternates = 0, first = std::numeric_limits<qint64>::max(), last = 0;
};

void countRead(QHash<QString, Count>& counts, const Read& read)
{
    Count& c = counts[read.plate];
    ++c.reads;
    c.first = std::min(c.first, read.timeMs);
    c.last = std::max(c.last, read.timeMs);
    QSet<QString> alternates;
    for (const PlateCandidate& k : read.candidates)
        if (k.plate != read.plate)
            alternates.insert(k.plate);
    for (const QString& plate : alternates)
        ++counts[plate].alternates;
}

QHash<QString, PlateSummary> platesOf(Store& store)
{
    QHash<QString, PlateSummary> plates;
    REQUIRE(store.forEachPlate([&](const PlateSummary& p) { plates.insert(p.plate, p); }));
    return plates;
}

/** The store's plate dictionary equals the recount: same plates, counts and first/last sightings. */
void checkPlates(const QHash<QString, PlateSummary>& dictionary, const QHash<QString, Count>& expected)
{
    CHECK(dictionary.size() == expected.size());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        INFO(it.key().toStdString());
        REQUIRE(dictionary.contains(it.key()));
        const PlateSummary& p = dictionary.value(it.key());
        CHECK(p.readCount == it->reads);
        CHECK(p.altCount == it->alternates);
        if (it->reads > 0) {
            CHECK(p.firstSeenMs == it->first);
            CHECK(p.lastSeenMs == it->last);
        }
    }
}

} // namespace

TEST_CASE("binary COPY rows: lengths and big-endian values, text as UTF-8, NULL, then the trailer", "[transfer]")
{
    PgBinaryCopy rows;
    rows.beginRow(6);
    rows.addInt32(7);
    rows.addInt64(-2);
    rows.addFloat8(34.0512);
    rows.addText(QStringLiteral("a\tZoë\\N")); // tab, backslash: nothing to escape, the length says where it ends
    rows.addNull();
    rows.addBytes(QByteArray("\x00\xff", 2));
    CHECK(rows.rows() == 1);
    const QByteArray data = rows.finish();
    QByteArray expected("PGCOPY\n\xff\r\n\0", 11);
    expected += QByteArray(8, '\0'); // no flags, no header extension
    expected += QByteArray("\x00\x06", 2);
    expected += QByteArray("\x00\x00\x00\x04\x00\x00\x00\x07", 8);
    expected += QByteArray("\x00\x00\x00\x08\xff\xff\xff\xff\xff\xff\xff\xfe", 12);
    const quint64 bits = std::bit_cast<quint64>(34.0512);
    expected += QByteArray("\x00\x00\x00\x08", 4);
    for (int shift = 56; shift >= 0; shift -= 8)
        expected += char((bits >> shift) & 0xff);
    const QByteArray text = QStringLiteral("a\tZoë\\N").toUtf8();
    expected += QByteArray("\x00\x00\x00", 3) + char(text.size()) + text;
    expected += QByteArray("\xff\xff\xff\xff", 4);
    expected += QByteArray("\x00\x00\x00\x02\x00\xff", 6);
    expected += QByteArray("\xff\xff", 2);
    CHECK(data.toHex() == expected.toHex());
}

TEST_CASE("transfer then purge: every read on the server once, the laptop empty, receipts in both logs",
          "[transfer][pg]")
{
    TransferFixture f;
    const QList<Read> reads = makeReads(12'000);
    f.addLocalReads(reads);
    auto local = f.signInLocal();
    auto server = f.signInServer();
    QList<TransferProgress> steps;
    TransferService service(*local, *server);
    QElapsedTimer timer;
    timer.start();
    auto receipt = service.run(5000, [&](const TransferProgress& p) { steps.append(p); });
    INFO((receipt ? QString() : receipt.error().message).toStdString());
    REQUIRE(receipt);
    std::fprintf(stderr, "transfer of %d reads (10%% with images): %.2f s\n", int(reads.size()),
                 timer.nsecsElapsed() / 1e9);
    CHECK(receipt->reads == 12'000);
    CHECK(receipt->inserted == 12'000);
    CHECK(receipt->remaining == 0);
    CHECK(receipt->digest.size() == 32);
    // Batches: a small first one (the server starts sooner), full ones, then a share of what is left per server
    // connection (two), so both finish about together; no crumb of a batch at the end. Progress grows with each batch
    // purged, whichever the server stored first.
    QMap<qint64, qint64> sizes; // by journal id
    qint64 before = 0;
    for (const TransferProgress& p : steps) {
        CHECK(p.done > before);
        CHECK_FALSE(sizes.contains(p.lastBatchId));
        sizes.insert(p.lastBatchId, p.done - before);
        before = p.done;
    }
    CHECK(sizes.values() == QList<qint64> { 2000, 5000, 2500, 2500 });
    CHECK(receipt->batches == 4);
    QList<qint64> ids = sizes.keys();
    CHECK(receipt->batchIds == ids);
    REQUIRE(!steps.isEmpty());
    CHECK(steps.last().total == 12'000);

    // The server: each read exactly once, with its plate, time, alternatives, images and camera (by name).
    auto reader = f.serverReader();
    const QHash<QString, Read> stored = serverReads(*reader);
    CHECK(stored.size() == 12'000);
    QHash<QString, qint64> cameraByName;
    for (const Camera& c : require(reader->cameras()))
        cameraByName.insert(c.name, c.id);
    int withImages = 0, checked = 0;
    for (const Read& r : stored) {
        // The key keeps the local read id and the original import provenance.
        const qint64 localId = r.sourceId.section(u':', 0, 0).toLongLong();
        REQUIRE(localId >= 1);
        REQUIRE(localId <= 12'000);
        const Read& original = reads.at(localId - 1);
        CHECK(r.plate == original.plate);
        CHECK(r.timeMs == original.timeMs);
        CHECK(r.state == original.state);
        // Numbers arrive as the very same values (COPY writes their shortest exact form).
        CHECK(r.lat == original.lat);
        CHECK(r.lon == original.lon);
        CHECK(r.heading == original.heading);
        CHECK(r.confidence == original.confidence);
        CHECK(r.candidates.size() == original.candidates.size());
        CHECK(r.sourceFile.startsWith(QStringLiteral("store:")));
        if (!original.sourceFile.isEmpty()) {
            CHECK(r.sourceFile.endsWith(u':' + original.sourceFile));
            CHECK(r.sourceId == QStringLiteral("%1:%2").arg(localId).arg(original.sourceId));
        }
        CHECK(r.cameraId == cameraByName.value(QStringLiteral("Azusa Ave & Amar Rd #%1").arg(original.cameraId - 1)));
        if (r.hasImages) {
            ++withImages;
            if (checked++ < 20) {
                auto images = require(reader->readImages(r.id));
                CHECK(images.first == original.overviewJpeg);
                CHECK(images.second == original.plateJpeg);
            }
        }
    }
    CHECK(withImages == 1200);
    // The plate dictionary on the server counts the reads once.
    qint64 plateReads = 0;
    REQUIRE(reader->forEachPlate([&](const PlateSummary& p) { plateReads += p.readCount; }));
    CHECK(plateReads == 12'000);

    // The laptop: no reads, plates, alternatives or images left; every batch purged in the journal.
    StoreStats s = require(local->store().stats());
    CHECK(s.reads == 0);
    CHECK(s.plates == 0);
    CHECK(s.images == 0);
    for (const TransferBatch& b : require(TransferJournal(*local->vault().localStore()).all()))
        CHECK(b.state == TransferBatch::State::Purged);
    // ... nor in the store's write-ahead log: folded back into the file (the purged pages overwritten) and truncated.
    const QFileInfo wal(local->vault().localStore()->path() + QStringLiteral("-wal"));
    CHECK((!wal.exists() || wal.size() == 0));

    // The receipt in both audit logs, the same one.
    const QList<AuditRow> localRows = auditRows(local->store(), QStringLiteral("transfer.receipt"));
    const QList<AuditRow> serverRows = auditRows(*reader, QStringLiteral("transfer.receipt"));
    REQUIRE(localRows.size() == 1);
    REQUIRE(serverRows.size() == 1);
    const QJsonObject a = QJsonDocument::fromJson(localRows.first().detail.toUtf8()).object();
    const QJsonObject b = QJsonDocument::fromJson(serverRows.first().detail.toUtf8()).object();
    CHECK(a.value(QStringLiteral("reads")).toInteger() == 12'000);
    CHECK(a.value(QStringLiteral("first_read")).toInteger() == 1);
    CHECK(a.value(QStringLiteral("last_read")).toInteger() == 12'000);
    CHECK(a.value(QStringLiteral("server_id")).toString() == reader->serverId());
    CHECK(a.value(QStringLiteral("digest")) == b.value(QStringLiteral("digest")));
    CHECK(localRows.first().username == f.user());
    CHECK(serverRows.first().username == f.user());
    CHECK(require(local->audit().verify()).ok);

    // The transfer ends with the server's trigram index tidy: no plate left in its pending list.
    REQUIRE(f.cluster().exec(f.database(), QStringLiteral("CREATE EXTENSION IF NOT EXISTS pgstattuple")));
    {
        auto super = require(PgConnection::open(require(ServerAddress::parse(f.uri())), f.cluster().superuser(),
                                                f.cluster().superPassword()));
        QSqlQuery q(super->db());
        REQUIRE(q.exec(QStringLiteral("SELECT pending_pages, pending_tuples FROM "
                                      "pgstatginindex('alpr.plates_plate_trgm')")));
        REQUIRE(q.next());
        CHECK(q.value(0).toLongLong() == 0);
        CHECK(q.value(1).toLongLong() == 0);
    }

    // Again: nothing left to do, nothing added.
    auto again = TransferService(*local, *server).run(5000);
    REQUIRE(again);
    CHECK(again->reads == 0);
    CHECK(serverReads(*reader).size() == 12'000);
}

TEST_CASE("hostile strings go through COPY unchanged", "[transfer][pg]")
{
    TransferFixture f;
    const QStringList hostile = {
        QStringLiteral("tab\there"),        QStringLiteral("new\nline"), QStringLiteral("cr\rlf\r\n"),
        QStringLiteral("back\\slash\\"),    QStringLiteral("\\N"),       QStringLiteral("\\."),
        QStringLiteral("'); DROP TABLE alpr.reads; --"), QStringLiteral("\"quoted\" {1,2}"),
        QStringLiteral("Zoë ✓ 日本"),        QStringLiteral("\\x41\\\\t"),
    };
    QList<Read> reads = makeReads(hostile.size(), 0, false);
    for (qsizetype i = 0; i < reads.size(); ++i) {
        reads[i].sourceFile = hostile.at(i);
        reads[i].sourceId = hostile.at((i + 3) % hostile.size()) + QString::number(i);
        reads[i].make = hostile.at((i + 1) % hostile.size());
        reads[i].model = hostile.at((i + 2) % hostile.size());
        reads[i].colour = hostile.at(i);
        reads[i].plate = QStringLiteral("X\\T%1").arg(i); // a plate with a backslash still arrives whole
    }
    f.addLocalReads(reads);
    auto local = f.signInLocal();
    auto server = f.signInServer();
    auto receipt = TransferService(*local, *server).run(4);
    INFO((receipt ? QString() : receipt.error().message).toStdString());
    REQUIRE(receipt);
    CHECK(receipt->reads == reads.size());
    auto reader = f.serverReader();
    const QHash<QString, Read> stored = serverReads(*reader);
    REQUIRE(stored.size() == reads.size());
    for (const Read& r : stored) {
        const qint64 localId = r.sourceId.section(u':', 0, 0).toLongLong();
        const Read& o = reads.at(localId - 1);
        CHECK(r.plate == o.plate);
        CHECK(r.make == o.make);
        CHECK(r.model == o.model);
        CHECK(r.colour == o.colour);
        CHECK(r.sourceId == QStringLiteral("%1:%2").arg(localId).arg(o.sourceId));
        CHECK(r.sourceFile.endsWith(u':' + o.sourceFile));
    }
    CHECK(require(reader->stats()).reads == reads.size()); // the DROP TABLE did nothing
}

TEST_CASE("a clerk may not transfer; the refusal is audited", "[transfer][pg]")
{
    TransferFixture f;
    f.addLocalReads(makeReads(10));
    auto local = f.signInLocal();
    auto server = f.signInServer();
    // A clerk on the laptop (same name on the server is a detective): the local role decides first.
    auto clerkVault = require(Vault::unlock(f.path(), QStringLiteral("admin"), TransferFixture::password(),
                                            SystemClock()));
    UserRecord me = require(clerkVault->store().user(f.user()));
    me.role = Role::Clerk;
    require(clerkVault->store().updateUser(me));
    clerkVault.reset();
    local = f.signInLocal();
    auto refused = TransferService(*local, *server).run();
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == ErrorKind::Policy);
    CHECK(require(local->store().stats()).reads == 10);
    CHECK_FALSE(auditRows(local->store(), QStringLiteral("access.denied")).isEmpty());
}

TEST_CASE("a new batch in one statement keeps the server's plate dictionary exact; a batch already stored is "
          "confirmed, not doubled",
          "[transfer][pg]")
{
    TransferFixture f;
    auto writer = f.serverReader(); // a supervisor: writes and reads the agency's reads
    // Keyed like the transfer keys them: by local read id (here the index + 1).
    auto batch = [](int n, int first, qint64 batchId) {
        QList<Read> reads = makeReads(n, first);
        for (qsizetype i = 0; i < reads.size(); ++i)
            reads[i].id = first + i + 1;
        return TransferService::keyed(reads, QStringLiteral("t"), batchId, {});
    };
    const QList<Read> a = batch(3000, 0, 1);
    const QList<Read> b = batch(2000, 3000, 2);
    // Plates, alternatives and counts already on the server (the idempotent path), then a new batch sharing plates.
    const QList<Read> firstThird = a.mid(0, 1000);
    CHECK(require(writer->copyReadsConfirmed(firstThird, keyOf(firstThird))).inserted == 1000);
    REQUIRE(writer->startBatch(b, keyOf(b)));
    CHECK(writer->batchPending());
    ReadBatchReceipt r = require(writer->finishBatch());
    CHECK_FALSE(writer->batchPending());
    CHECK(r.inserted == 2000);
    CHECK(r.confirmed == 2000);
    CHECK(r.hash == RemoteStore::batchHash(b));
    // Sent again (a lost confirmation): the keys are there, so the idempotent path confirms it and adds nothing.
    REQUIRE(writer->startBatch(b, keyOf(b)));
    r = require(writer->finishBatch());
    CHECK(r.inserted == 0);
    CHECK(r.confirmed == 2000);
    CHECK(r.hash == RemoteStore::batchHash(b));
    // Partly there: the rest is added, the whole batch confirmed.
    REQUIRE(writer->startBatch(a, keyOf(a)));
    r = require(writer->finishBatch());
    CHECK(r.inserted == 2000);
    CHECK(r.confirmed == 3000);
    CHECK(r.hash == RemoteStore::batchHash(a));
    // One batch at a time, and a malformed one is refused before anything is sent.
    QList<Read> twice = b.mid(0, 2);
    twice[1] = twice[0];
    CHECK(writer->startBatch(twice, keyOf(twice)).error().kind == ErrorKind::Usage);
    CHECK_FALSE(writer->batchPending());
    CHECK(writer->finishBatch().error().kind == ErrorKind::Usage);

    // The dictionary against a recount of what the server stored: reads, alternatives (distinct per read, never the
    // read's own plate) and first/last sighting per plate.
    QHash<QString, Count> expected;
    const QHash<QString, Read> stored = serverReads(*writer);
    REQUIRE(stored.size() == 5000);
    for (const Read& read : stored)
        countRead(expected, read);
    const QHash<QString, PlateSummary> dictionary = platesOf(*writer);
    checkPlates(dictionary, expected);
}

TEST_CASE("batches stored at once on several connections share plates, old and new, and keep the plate dictionary "
          "exact",
          "[transfer][pg]")
{
    TransferFixture f;
    auto twoLanes = f.serverReader(2); // a transfer's sign-in: two batches at once
    auto otherLaptop = f.serverReader(); // another transfer at the same time
    REQUIRE(twoLanes->batchLanes() == 2);
    REQUIRE(otherLaptop->batchLanes() == 1);
    auto batch = [](int n, int first, qint64 batchId) {
        QList<Read> reads = makeReads(n, first);
        for (qsizetype i = 0; i < reads.size(); ++i) {
            reads[i].id = first + i + 1;
            // What the OCR lists may name the read's own plate and one plate twice; a plate new to the server is in
            // every batch.
            if (i % 5 == 0)
                reads[i].candidates.append({ reads[i].plate, 30 });
            if (i % 7 == 0 && !reads[i].candidates.isEmpty())
                reads[i].candidates.append({ reads[i].candidates.first().plate, 20 });
            if (i % 11 == 0)
                reads[i].candidates.append({ QStringLiteral("NEW%1").arg(i % 3), 15 });
            if (i % 13 == 0)
                reads[i].plate = QStringLiteral("NEW%1").arg(i % 3);
        }
        return TransferService::keyed(reads, QStringLiteral("t"), batchId, {});
    };
    // Plates already on the server, then three batches over the same plates (the plate text repeats every 997 reads).
    const QList<Read> before = batch(1000, 0, 1);
    CHECK(require(twoLanes->copyReadsConfirmed(before, keyOf(before))).inserted == 1000);
    const QList<Read> a = batch(3000, 1000, 2), b = batch(2500, 4000, 3), c = batch(2000, 6500, 4);
    REQUIRE(twoLanes->startBatch(a, keyOf(a), 2));
    REQUIRE(twoLanes->startBatch(b, keyOf(b), 3));
    REQUIRE(otherLaptop->startBatch(c, keyOf(c), 4));
    // Every connection holds a batch: a third is refused before anything is sent, and so is any other call.
    CHECK(twoLanes->startBatch(batch(10, 9000, 5), TransferService::batchKey(QStringLiteral("t"), 5)).error().kind
          == ErrorKind::Usage);
    CHECK(twoLanes->copyReadsConfirmed(before, keyOf(before)).error().kind == ErrorKind::Usage);
    // Each finished with the receipt of its own reads, named by its tag (in the order they are done).
    QHash<qint64, ReadBatchReceipt> receipts;
    for (RemoteStore* store : { twoLanes.get(), twoLanes.get(), otherLaptop.get() }) {
        qint64 tag = 0;
        ReadBatchReceipt r = require(store->finishBatch(&tag));
        CHECK_FALSE(receipts.contains(tag));
        receipts.insert(tag, r);
    }
    REQUIRE(receipts.size() == 3);
    CHECK(receipts.value(2).inserted == 3000);
    CHECK(receipts.value(2).confirmed == 3000);
    CHECK(receipts.value(2).hash == RemoteStore::batchHash(a));
    CHECK(receipts.value(3).inserted == 2500);
    CHECK(receipts.value(3).confirmed == 2500);
    CHECK(receipts.value(3).hash == RemoteStore::batchHash(b));
    CHECK(receipts.value(4).inserted == 2000);
    CHECK(receipts.value(4).hash == RemoteStore::batchHash(c));
    CHECK_FALSE(twoLanes->batchPending());
    CHECK(twoLanes->finishBatch().error().kind == ErrorKind::Usage);
    // A connection that finished takes the next batch; one already stored takes the idempotent path on it.
    REQUIRE(twoLanes->startBatch(b, keyOf(b)));
    ReadBatchReceipt r = require(twoLanes->finishBatch());
    CHECK(r.inserted == 0);
    CHECK(r.confirmed == 2500);
    // The batch done first is finished first: a small one started after a big one does not wait for it.
    const QList<Read> big = batch(20'000, 20'000, 6), small = batch(20, 50'000, 7);
    REQUIRE(twoLanes->startBatch(big, keyOf(big), 6));
    REQUIRE(twoLanes->startBatch(small, keyOf(small), 7));
    qint64 first = 0, second = 0;
    CHECK(require(twoLanes->finishBatch(&first)).hash == RemoteStore::batchHash(small));
    CHECK(first == 7);
    CHECK(require(twoLanes->finishBatch(&second)).hash == RemoteStore::batchHash(big));
    CHECK(second == 6);

    QHash<QString, Count> expected;
    const QHash<QString, Read> stored = serverReads(*twoLanes);
    REQUIRE(stored.size() == 28'520);
    for (const Read& read : stored)
        countRead(expected, read);
    CHECK(expected.value(QStringLiteral("NEW1")).reads > 0);
    CHECK(expected.value(QStringLiteral("NEW2")).alternates > 0);
    checkPlates(platesOf(*twoLanes), expected);
    // Nothing of a batch stays in the connections' staging tables (session-local, so measured by their files; each
    // batch empties them before it commits).
    auto super = require(PgConnection::open(require(ServerAddress::parse(f.uri())), f.cluster().superuser(),
                                            f.cluster().superPassword()));
    QSqlQuery q(super->db());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*), coalesce(sum(pg_relation_size(c.oid)), -1) FROM pg_class c JOIN "
                                  "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 'pg\\_temp\\_%' AND "
                                  "c.relname IN ('transfer_reads', 'transfer_alts', 'transfer_plates')")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 3 * 3); // three connections staged batches
    CHECK(q.value(1).toLongLong() == 0);
}

TEST_CASE("the server keeps one row per transfer batch: the same batch sent on two connections at once is stored "
          "once, a read outside its batch's key is refused, and a second writer of a batch waits for the first",
          "[transfer][pg]")
{
    TransferFixture f;
    auto twoLanes = f.serverReader(2);
    REQUIRE(twoLanes->batchLanes() == 2);
    QList<Read> reads = makeReads(4000);
    for (qsizetype i = 0; i < reads.size(); ++i)
        reads[i].id = i + 1;
    const QList<Read> batch = TransferService::keyed(reads, QStringLiteral("d"), 1, {});
    const QString key = TransferService::batchKey(QStringLiteral("d"), 1);
    // Both take the fast path; the second one's batch row waits for the first's transaction, then conflicts, and the
    // batch goes the idempotent way: it finds every read and adds none.
    REQUIRE(twoLanes->startBatch(batch, key, 1));
    REQUIRE(twoLanes->startBatch(batch, key, 2));
    const ReadBatchReceipt first = require(twoLanes->finishBatch());
    const ReadBatchReceipt second = require(twoLanes->finishBatch());
    CHECK(first.inserted + second.inserted == 4000);
    CHECK(std::min(first.inserted, second.inserted) == 0);
    for (const ReadBatchReceipt& r : { first, second }) {
        CHECK(r.confirmed == 4000);
        CHECK(r.hash == RemoteStore::batchHash(batch));
    }
    CHECK(serverReads(*twoLanes).size() == 4000);
    auto super = require(PgConnection::open(require(ServerAddress::parse(f.uri())), f.cluster().superuser(),
                                            f.cluster().superPassword()));
    auto count = [&super](const QString& sql) {
        QSqlQuery q(super->db());
        REQUIRE(q.exec(sql));
        REQUIRE(q.next());
        return q.value(0).toLongLong();
    };
    CHECK(count(QStringLiteral("SELECT count(*) FROM alpr.transfer_batches")) == 1);
    CHECK(count(QStringLiteral("SELECT count(*) FROM alpr.read_sources")) == 0);

    // A read keyed for another batch (or none) cannot ride along: it would be a read the server finds in neither.
    QList<Read> mixed = TransferService::keyed(makeReads(3, 9000), QStringLiteral("d"), 2, {});
    mixed.append(TransferService::keyed(makeReads(1, 9100), QStringLiteral("d"), 3, {}));
    CHECK(twoLanes->startBatch(mixed, TransferService::batchKey(QStringLiteral("d"), 2)).error().kind
          == ErrorKind::Usage);
    CHECK(twoLanes->copyReadsConfirmed(mixed, TransferService::batchKey(QStringLiteral("d"), 2)).error().kind
          == ErrorKind::Usage);
    CHECK(twoLanes->copyReadsConfirmed(mixed.mid(0, 3), QString()).error().kind == ErrorKind::Usage);
    // Batch 23's reads start with batch 2's key, but not with it and a colon: they are not batch 2's.
    const QList<Read> other = TransferService::keyed(makeReads(2, 9200), QStringLiteral("d"), 23, {});
    CHECK(twoLanes->copyReadsConfirmed(other, TransferService::batchKey(QStringLiteral("d"), 2)).error().kind
          == ErrorKind::Usage);
    CHECK_FALSE(twoLanes->batchPending());

    // The idempotent path takes the batch's lock first: while someone else holds it, a writer of the same batch
    // waits (here until its lock timeout), and stores nothing.
    QSqlQuery lock(super->db());
    REQUIRE(lock.exec(QStringLiteral("SELECT pg_advisory_lock(hashtextextended(agency || E'\\x1f' || batch_key, 0)) "
                                     "FROM alpr.transfer_batches")));
    REQUIRE(f.cluster().exec(f.database(),
                             QStringLiteral("ALTER ROLE \"%1\" SET lock_timeout = '300ms'").arg(f.supervisor())));
    auto waiting = f.serverReader();
    const auto timedOut = waiting->copyReadsConfirmed(batch, key);
    REQUIRE_FALSE(timedOut.ok());
    // The test cluster's messages are in English (initdb --no-locale).
    CHECK(timedOut.error().message.contains(QStringLiteral("lock timeout")));
    REQUIRE(lock.exec(QStringLiteral("SELECT pg_advisory_unlock_all()")));
    const ReadBatchReceipt third = require(waiting->copyReadsConfirmed(batch, key));
    CHECK(third.inserted == 0);
    CHECK(third.confirmed == 4000);
    CHECK(serverReads(*twoLanes).size() == 4000);
}

TEST_CASE("a server whose transfers an earlier version keyed read by read gets a row per batch at server init: a "
          "batch sent again is not doubled",
          "[transfer][pg]")
{
    TransferFixture f;
    auto writer = f.serverReader();
    QList<Read> reads = makeReads(2000);
    for (qsizetype i = 0; i < reads.size(); ++i)
        reads[i].id = i + 1;
    const QList<Read> batch = TransferService::keyed(reads, QStringLiteral("old"), 7, {});
    const QString key = TransferService::batchKey(QStringLiteral("old"), 7);
    REQUIRE(require(writer->copyReadsConfirmed(batch, key)).inserted == 2000);
    // What the earlier version left: schema version 1, a read_sources row per transferred read, and no
    // transfer_batches table.
    auto super = require(PgConnection::open(require(ServerAddress::parse(f.uri())), f.cluster().superuser(),
                                            f.cluster().superPassword()));
    {
        QSqlQuery q(super->db());
        REQUIRE(q.exec(QStringLiteral("INSERT INTO alpr.read_sources (agency, source_file, source_id, read_id, "
                                      "read_time_ms) SELECT agency, source_file, source_id, id, time_ms FROM "
                                      "alpr.reads")));
        REQUIRE(q.exec(QStringLiteral("DROP TABLE alpr.transfer_batches")));
        REQUIRE(q.exec(QStringLiteral("UPDATE alpr.meta SET value = '1' WHERE key = 'schema_version'")));
    }
    // This version does not work against it (it would not find those batches) and says what to do.
    const auto refused = RemoteStore::connect(require(ServerAddress::parse(f.uri())), f.supervisor(), f.password());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.contains(QStringLiteral("server init")));
    // server init on it again (what an upgrade runs): the table comes back with the old batch in it.
    const ServerInitReport report = require(ServerSchema::install(*super));
    CHECK_FALSE(report.created);
    REQUIRE(report.notes.size() >= 1);
    CHECK(report.notes.first().contains(QStringLiteral("upgraded to version %1").arg(ServerSchema::kVersion)));
    QSqlQuery q(super->db());
    REQUIRE(q.exec(QStringLiteral("SELECT value FROM alpr.meta WHERE key = 'schema_version'")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == ServerSchema::kVersion);
    REQUIRE(q.exec(QStringLiteral("SELECT batch_key FROM alpr.transfer_batches")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == key);
    CHECK_FALSE(q.next());
    // The batch sent again (a transfer resumed across the upgrade) takes the idempotent path.
    writer = require(RemoteStore::connect(require(ServerAddress::parse(f.uri())), f.supervisor(), f.password()));
    REQUIRE(writer->startBatch(batch, key));
    const ReadBatchReceipt again = require(writer->finishBatch());
    CHECK(again.inserted == 0);
    CHECK(again.confirmed == 2000);
    CHECK(again.hash == RemoteStore::batchHash(batch));
    CHECK(serverReads(*writer).size() == 2000);
    // The table is the agency's alone, like the reads (row-level security): another agency's batch is invisible and
    // cannot be written; and a writer may neither rewrite a row nor say who stored it or when.
    REQUIRE(
        q.exec(QStringLiteral("SELECT relrowsecurity FROM pg_class WHERE oid = 'alpr.transfer_batches'::regclass")));
    REQUIRE(q.next());
    CHECK(q.value(0).toBool());
    REQUIRE(q.exec(QStringLiteral("INSERT INTO alpr.transfer_batches (agency, batch_key) VALUES ('Covina PD', "
                                  "'store:other:1')")));
    auto raw = require(PgConnection::open(require(ServerAddress::parse(f.uri())), f.supervisor(), f.password()));
    QSqlQuery w(raw->db());
    REQUIRE(w.exec(QStringLiteral("SELECT count(*) FROM alpr.transfer_batches")));
    REQUIRE(w.next());
    CHECK(w.value(0).toInt() == 1);
    for (const QString& sql :
         { QStringLiteral("INSERT INTO alpr.transfer_batches (agency, batch_key) VALUES ('Covina PD', 'store:x:1')"),
           QStringLiteral(
               "INSERT INTO alpr.transfer_batches (agency, batch_key, stored_by) VALUES (alpr.current_agency(), "
               "'store:x:2', 'someone_else')"),
           QStringLiteral("DELETE FROM alpr.transfer_batches"),
           QStringLiteral("UPDATE alpr.transfer_batches SET stored_ms = 0") }) {
        INFO(sql.toStdString());
        CHECK_FALSE(w.exec(sql));
        CHECK(w.lastError().nativeErrorCode() == QStringLiteral("42501"));
    }
}

TEST_CASE("the plate index merge starts beside a batch still being stored and takes in that batch's new plates",
          "[transfer][pg]")
{
    TransferFixture f;
    auto store = f.serverReader(2);
    REQUIRE(store->batchLanes() == 2);
    REQUIRE(f.cluster().exec(f.database(), QStringLiteral("CREATE EXTENSION IF NOT EXISTS pgstattuple")));
    auto super = require(PgConnection::open(require(ServerAddress::parse(f.uri())), f.cluster().superuser(),
                                            f.cluster().superPassword()));
    auto pendingTuples = [&super] {
        QSqlQuery q(super->db());
        REQUIRE(q.exec(QStringLiteral("SELECT pending_tuples FROM pgstatginindex('alpr.plates_plate_trgm')")));
        REQUIRE(q.next());
        return q.value(0).toLongLong();
    };
    // 3,000 reads, each of a plate the server has never seen.
    QList<Read> reads = makeReads(3000);
    for (qsizetype i = 0; i < reads.size(); ++i) {
        reads[i].id = i + 1;
        reads[i].plate = QStringLiteral("Q%1X").arg(i, 5, 10, QLatin1Char('0'));
    }
    const QList<Read> batch = TransferService::keyed(reads, QStringLiteral("m"), 1, {});
    REQUIRE(store->startBatch(batch, keyOf(batch)));
    // Started at once, beside the batch: on the other connection, after the batch's new plates are committed.
    REQUIRE(store->startPlateIndexFlush());
    // Nothing else starts while both connections are busy.
    CHECK(store
              ->startBatch(TransferService::keyed(makeReads(10, 5000), QStringLiteral("m"), 2, {}),
                           TransferService::batchKey(QStringLiteral("m"), 2))
              .error()
              .kind
          == ErrorKind::Usage);
    CHECK(store->startPlateIndexFlush().error().kind == ErrorKind::Usage);
    CHECK(store->copyReadsConfirmed(batch, keyOf(batch)).error().kind == ErrorKind::Usage);
    ReadBatchReceipt receipt = require(store->finishBatch());
    CHECK(receipt.inserted == 3000);
    CHECK(receipt.hash == RemoteStore::batchHash(batch));
    CHECK(require(store->finishPlateIndexFlush()) > 0);
    CHECK(store->finishPlateIndexFlush().error().kind == ErrorKind::Usage);
    // The batch's new plates (its 3,000 and the OCR alternatives') went through the merge: what is left is the count
    // updates that had to leave their page (a plate row grows when it gets its first and last sighting), a small
    // share; had the merge begun before the plates were in, every one of them would be waiting. A second merge takes
    // what is left.
    QSqlQuery plates(super->db());
    REQUIRE(plates.exec(QStringLiteral("SELECT count(*) FROM alpr.plates")));
    REQUIRE(plates.next());
    const qint64 newPlates = plates.value(0).toLongLong();
    CHECK(newPlates > 3000);
    CHECK(pendingTuples() < newPlates / 3);
    require(store->flushPlateIndex());
    CHECK(pendingTuples() == 0);
    CHECK(require(store->platesMatchingGlob(QStringLiteral("Q0299*"))).size() == 10);
}

TEST_CASE("a role at its connection limit still transfers, one batch at a time", "[transfer][pg]")
{
    TransferFixture f;
    f.addLocalReads(makeReads(3000));
    REQUIRE(f.cluster().exec(f.database(), QStringLiteral("ALTER ROLE \"%1\" CONNECTION LIMIT 1").arg(f.user())));
    auto local = f.signInLocal();
    auto server = f.signInServer(); // asks for two connections; the server grants one
    REQUIRE(server->vault().remoteStore()->batchLanes() == 1);
    auto receipt = TransferService(*local, *server).run(1000);
    INFO((receipt ? QString() : receipt.error().message).toStdString());
    REQUIRE(receipt);
    CHECK(receipt->reads == 3000);
    CHECK(receipt->remaining == 0);
    server.reset();
    CHECK(serverReads(*f.serverReader()).size() == 3000);
}

TEST_CASE("a crash after a younger batch was purged while an older one was only sent: the next run resumes the older "
          "one, every read on the server once",
          "[transfer][pg]")
{
    // Batches are confirmed and purged in the order the server finishes them: a run may stop with batch N stored but
    // unconfirmed (journal: sent) and batch N+1 already purged.
    TransferFixture f;
    f.addLocalReads(makeReads(3000, 0, false));
    auto local = f.signInLocal();
    auto server = f.signInServer();
    LocalStore& store = *local->vault().localStore();
    RemoteStore& remote = *server->vault().remoteStore();
    const QString storeId = require(store.setting(QStringLiteral("store_id")));
    TransferJournal journal(store);
    auto send = [&](qint64 first, qint64 last) {
        TransferBatch b;
        b.serverId = remote.serverId();
        b.server = remote.address().describe();
        b.firstRead = first;
        b.lastRead = last;
        b.count = last - first + 1;
        b.hash = QByteArray(32, '\0');
        b.sentMs = 1;
        const TransferBatch begun = require(journal.begin(b));
        const QList<Read> sent
            = TransferService::keyed(require(LocalTransferReads(store).range(first, last)), storeId, begun.id, {});
        REQUIRE(journal.updateContents(begun.id, sent.size(), RemoteStore::batchHash(sent)));
        CHECK(require(remote.copyReadsConfirmed(sent, TransferService::batchKey(storeId, begun.id))).inserted
              == sent.size());
        return begun;
    };
    send(1, 1000); // stored; the crash came before its receipt was journalled
    const TransferBatch younger = send(1001, 2000);
    REQUIRE(journal.markConfirmed(younger.id, QStringLiteral("{}"), 2));
    QList<qint64> ids;
    for (qint64 id = 1001; id <= 2000; ++id)
        ids.append(id);
    REQUIRE(LocalTransferReads(store).purge(younger.id, ids, 3));

    auto receipt = TransferService(*local, *server).run(1000);
    INFO((receipt ? QString() : receipt.error().message).toStdString());
    REQUIRE(receipt);
    CHECK(receipt->resumedBatches == 1);
    CHECK(receipt->reads == 2000); // the older batch's and the 1,000 never sent
    CHECK(receipt->inserted == 1000); // the older batch was on the server already
    CHECK(receipt->remaining == 0);
    CHECK(require(local->store().stats()).reads == 0);
    auto reader = f.serverReader();
    CHECK(require(reader->stats()).reads == 3000);
    QSet<qint64> localIds;
    for (const Read& r : serverReads(*reader))
        localIds.insert(r.sourceId.section(u':', 0, 0).toLongLong());
    CHECK(localIds.size() == 3000);
    for (const TransferBatch& b : require(journal.all()))
        CHECK(b.state == TransferBatch::State::Purged);
}

TEST_CASE("the local purge leaves the plate dictionary of the reads left exact", "[transfer][pg]")
{
    TransferFixture f;
    // 50 plates seen all along (their first and last sightings purged in turn), 40 seen only in the first ids (they
    // leave with them), alternatives shared by many reads, some plates known only as an alternative.
    QList<Read> reads = makeReads(3000, 0, false);
    for (qsizetype i = 0; i < reads.size(); ++i) {
        reads[i].plate = i < 400 && i % 3 == 0 ? QStringLiteral("Q%1").arg(i % 40) : QStringLiteral("P%1").arg(i % 50);
        if (!reads[i].candidates.isEmpty())
            reads[i].candidates[0].plate = QStringLiteral("A%1").arg(i % 70);
    }
    f.addLocalReads(reads);
    auto local = f.signInLocal();
    LocalStore& store = *local->vault().localStore();
    TransferJournal journal(store);
    auto purge = [&](qint64 first, qint64 last) {
        TransferBatch b;
        b.serverId = QStringLiteral("test");
        b.server = QStringLiteral("test");
        b.firstRead = first;
        b.lastRead = last;
        b.count = last - first + 1;
        b.hash = QByteArray(32, '\0');
        b.sentMs = 1;
        const TransferBatch begun = require(journal.begin(b));
        REQUIRE(journal.markConfirmed(begun.id, QStringLiteral("{}"), 2));
        QList<qint64> ids;
        for (qint64 id = first; id <= last; ++id)
            ids.append(id);
        REQUIRE(LocalTransferReads(store).purge(begun.id, ids, 3));
    };
    purge(1, 1000);
    purge(2601, 3000);
    purge(1501, 1700);

    QHash<QString, Count> expected;
    qint64 left = 0;
    REQUIRE(store.forEachRead(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(),
                              [&](const Read& read) {
                                  ++left;
                                  countRead(expected, read);
                                  return true;
                              }));
    CHECK(left == 1400);
    const QHash<QString, PlateSummary> dictionary = platesOf(store);
    checkPlates(dictionary, expected);
    qint64 withReads = 0;
    for (const Count& c : expected)
        withReads += c.reads > 0 ? 1 : 0;
    CHECK(require(store.platesMatchingGlob(QStringLiteral("*"))).size() == withReads);
    CHECK(require(store.platesMatchingGlob(QStringLiteral("Q*"))).isEmpty());

    // A batch ends early once its images weigh enough: reads with images every tenth (~33 bytes each); the ids after
    // the highest left (2600) are the new ones.
    f.addLocalReads(makeReads(100, 5000));
    CHECK(require(LocalTransferReads(store).next(2600, 500)).size() == 100);
    const QList<Read> capped = require(LocalTransferReads(store).next(2600, 500, 60));
    REQUIRE(capped.size() == 11);
    CHECK(capped.first().id == 2601);
    CHECK(capped.last().overviewJpeg.size() + capped.last().plateJpeg.size() > 0);
}

TEST_CASE("PostgreSQL stopped mid-transfer: a clear error naming the server, then the resume completes",
          "[transfer][pg]")
{
    PgTestCluster::Options options;
    auto own = require(PgTestCluster::start(options));
    TransferFixture f(*own);
    const int total = 9000;
    f.addLocalReads(makeReads(total));
    qint64 leftAfterFailure = 0;
    {
        auto local = f.signInLocal();
        auto server = f.signInServer();
        int batches = 0;
        auto receipt = TransferService(*local, *server).run(2000, [&](const TransferProgress&) {
            if (++batches == 2)
                require(own->pause()); // the server goes away after the second batch
        });
        REQUIRE_FALSE(receipt);
        INFO(receipt.error().message.toStdString());
        CHECK(receipt.error().message.contains(QStringLiteral("127.0.0.1:%1/%2").arg(own->port()).arg(f.database())));
        leftAfterFailure = require(LocalTransferReads(*local->vault().localStore()).count());
        // Exactly the confirmed batches were purged: the two reported, and the one the server was storing while the
        // laptop purged the second if its commit made it before the server went away (the batches overlap).
        qint64 purged = 0, confirmedOnly = 0;
        for (const TransferBatch& b : require(TransferJournal(*local->vault().localStore()).all())) {
            purged += b.state == TransferBatch::State::Purged ? b.count : 0;
            confirmedOnly += b.state == TransferBatch::State::Confirmed ? 1 : 0;
        }
        CHECK((purged == 4000 || purged == 6000));
        CHECK(confirmedOnly == 0);
        CHECK(leftAfterFailure == total - purged);
        // The failure is in the laptop's log.
        bool failed = false;
        REQUIRE(local->store().forEachAudit([&](const AuditRow& row) {
            failed = failed || (row.event == u"transfer" && row.outcome == u"failure");
            return true;
        }));
        CHECK(failed);
    }
    require(own->resume());
    auto local = f.signInLocal();
    auto server = f.signInServer();
    auto receipt = TransferService(*local, *server).run(2000);
    INFO((receipt ? QString() : receipt.error().message).toStdString());
    REQUIRE(receipt);
    CHECK(receipt->reads == leftAfterFailure);
    auto reader = f.serverReader();
    CHECK(serverReads(*reader).size() == total);
    CHECK(require(local->store().stats()).reads == 0);
}

TEST_CASE("bench: transfer reads/s through COPY beside the array-statement path", "[.bench][transfer]")
{
    const int n = qEnvironmentVariableIntValue("ALPR_BENCH_READS") > 0 ? qEnvironmentVariableIntValue("ALPR_BENCH_READS")
                                                                         : 200'000;
    TransferFixture f;
    const QList<Read> reads = makeReads(n, 0, false);
    f.addLocalReads(reads);
    auto local = f.signInLocal();
    auto server = f.signInServer();
    QElapsedTimer timer;
    timer.start();
    auto receipt = TransferService(*local, *server).run(5000);
    REQUIRE(receipt);
    const double ours = timer.nsecsElapsed() / 1e9;
    REQUIRE(receipt->reads == n);

    // Baseline in the same run: the same reads, keyed the same way (another store id), through addReadsConfirmed.
    TransferFixture g(f.cluster());
    auto server2 = g.signInServer();
    RemoteStore* remote = server2->vault().remoteStore();
    timer.restart();
    for (qsizetype at = 0; at < reads.size(); at += 5000) {
        QList<Read> batch = reads.mid(at, 5000);
        for (qsizetype i = 0; i < batch.size(); ++i)
            batch[i].id = at + i + 1;
        auto r = remote->addReadsConfirmed(TransferService::keyed(batch, QStringLiteral("bench"), at / 5000 + 1, {}));
        REQUIRE(r);
        REQUIRE(r->confirmed == batch.size());
    }
    const double base = timer.nsecsElapsed() / 1e9;
    std::printf("transfer %d reads: COPY path end to end (local read + server + confirm + purge) %.0f reads/s "
                "(%.2f s); baseline addReadsConfirmed, server side only %.0f reads/s (%.2f s)\n",
                n, n / ours, ours, n / base, base);
}
