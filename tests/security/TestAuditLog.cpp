// The hash-chained audit log: a clean log verifies, and every kind of tampering done with raw SQL on the encrypted
// file (a changed field, deleted, inserted, copied, reordered rows, rows cut from the end, a replaced anchor) is named
// at the right row. Also the HKDF and HMAC primitives the anchor uses, against the RFC test vectors.
#include "AuditLog.h"
#include "Clock.h"
#include "Crypto.h"
#include "LocalStore.h"
#include "SqlCipherDriver.h"
#include "TempDir.h"

#include <QAtomicInteger>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <atomic>
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <functional>
#include <latch>
#include <thread>

using namespace alpr;

namespace {

/** Ticks 10 ms per call, safe to share between threads. */
class TickingClock final : public Clock
{
public:
    qint64 nowMs() const override { return m_now.fetch_add(10); }

private:
    mutable std::atomic<qint64> m_now { 1'780'000'000'000 };
};

std::string str(const QString& s)
{
    return s.toStdString();
}

/** A store file with an audit log in a temp dir, and raw SQL access to the same file for tampering. */
class Fixture
{
public:
    Fixture()
        : m_path(m_dir.path(QStringLiteral("audit.alpr")))
        , m_key(randomBytes(32))
        , m_headKey(hkdfSha256(m_key, QByteArrayLiteral("alpr audit head")))
    {
        auto store = LocalStore::open(m_path, m_key, LocalStore::Mode::CreateNew);
        INFO(str(store ? QString() : store.error().message));
        REQUIRE(store);
    }

    QString path() const { return m_path; }
    const QByteArray& key() const { return m_key; }
    const QByteArray& headKey() const { return m_headKey; }

    std::unique_ptr<LocalStore> open() const
    {
        auto store = LocalStore::open(m_path, m_key, LocalStore::Mode::OpenExisting);
        INFO(str(store ? QString() : store.error().message));
        REQUIRE(store);
        return std::move(store.value());
    }

    /** Appends count events the way the workstation does, with plates and case numbers in the detail. */
    void record(int count)
    {
        auto store = open();
        AuditLog log(*store, m_clock, m_headKey, QStringLiteral("cli test-host"));
        for (int i = 0; i < count; ++i) {
            const QString user = i % 3 == 0 ? QStringLiteral("alice") : QStringLiteral("bob");
            const QJsonObject detail { { QStringLiteral("case"), QStringLiteral("26-001234") },
                                       { QStringLiteral("plate"),
                                         QStringLiteral("7ABC%1").arg(i, 3, 10, QLatin1Char('0')) } };
            Status s = log.record(user, i % 5 == 0 ? QStringLiteral("login") : QStringLiteral("query.search"),
                                  QStringLiteral("success"), detail);
            INFO(str(s ? QString() : s.error().message));
            REQUIRE(s);
        }
    }

    AuditVerification verify() const
    {
        auto store = open();
        AuditLog log(*store, m_clock, m_headKey, QStringLiteral("cli test-host"));
        auto result = log.verify();
        INFO(str(result ? QString() : result.error().message));
        REQUIRE(result);
        return result.value();
    }

    QList<AuditRow> rows() const
    {
        auto store = open();
        QList<AuditRow> out;
        REQUIRE(store->forEachAudit([&](const AuditRow& r) {
            out.append(r);
            return true;
        }));
        return out;
    }

    QString anchor() const
    {
        auto store = open();
        auto value = store->setting(AuditLog::anchorSetting());
        REQUIRE(value);
        return value.value();
    }

    /** Runs work on a second, raw connection to the same file (the LocalStore is closed meanwhile). */
    void raw(const std::function<void(QSqlDatabase&)>& work) const
    {
        registerSqlCipherDriver();
        const QString name = QStringLiteral("tamper-%1").arg(QRandomGenerator::global()->generate64());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), name);
            db.setDatabaseName(m_path);
            REQUIRE(db.open(QString(), QString::fromLatin1(m_key.toHex())));
            work(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    void sql(const QStringList& statements) const
    {
        raw([&](QSqlDatabase& db) {
            for (const QString& statement : statements) {
                QSqlQuery q(db);
                INFO(str(statement));
                const bool ok = q.exec(statement);
                INFO(str(q.lastError().text()));
                REQUIRE(ok);
            }
        });
    }

    /** Inserts row as is (id, hashes and all). */
    void insertRow(const AuditRow& row) const
    {
        raw([&](QSqlDatabase& db) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO audit_log (id, time_ms, username, event, outcome, source, detail, "
                                     "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            q.addBindValue(row.id);
            q.addBindValue(row.timeMs);
            q.addBindValue(row.username);
            q.addBindValue(row.event);
            q.addBindValue(row.outcome);
            q.addBindValue(row.source);
            q.addBindValue(row.detail);
            q.addBindValue(row.prevHash);
            q.addBindValue(row.hash);
            INFO(str(q.lastError().text()));
            REQUIRE(q.exec());
        });
    }

    /** Shifts ids >= from up by one, leaving from free (two steps: the primary key must stay unique throughout). */
    void makeRoomAt(qint64 from) const
    {
        sql({ QStringLiteral("UPDATE audit_log SET id = -id WHERE id >= %1").arg(from),
              QStringLiteral("UPDATE audit_log SET id = 1 - id WHERE id < 0") });
    }

    void setAnchor(const QString& value) const
    {
        raw([&](QSqlDatabase& db) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = ?"));
            q.addBindValue(value);
            q.addBindValue(AuditLog::anchorSetting());
            REQUIRE(q.exec());
        });
    }

private:
    test::TempDir m_dir;
    QString m_path;
    QByteArray m_key;
    QByteArray m_headKey;
    TickingClock m_clock;
};

/** A forged row that chains correctly onto previous: what someone who knows the row hash (it is public) writes. */
AuditRow forgedAfter(const AuditRow& previous, qint64 id)
{
    AuditRow row;
    row.id = id;
    row.timeMs = previous.timeMs + 1;
    row.username = QStringLiteral("mallory");
    row.event = QStringLiteral("query.search");
    row.outcome = QStringLiteral("success");
    row.source = previous.source;
    row.detail = QStringLiteral("{\"plate\":\"FAKE123\"}");
    row.prevHash = previous.hash;
    row.hash = AuditLog::rowHash(row);
    return row;
}

void checkBad(const AuditVerification& v, qint64 row, const char* words)
{
    INFO("problem: " << str(v.problem));
    CHECK_FALSE(v.ok);
    CHECK(v.firstBadRowId == row);
    CHECK(v.problem.contains(QString::fromUtf8(words)));
}

} // namespace

TEST_CASE("HKDF-SHA256 and HMAC-SHA256 match the RFC test vectors")
{
    // RFC 5869 A.1 (with salt and info) and A.3 (no salt, no info).
    const QByteArray ikm(22, '\x0b');
    CHECK(hkdfSha256(ikm, QByteArray::fromHex("f0f1f2f3f4f5f6f7f8f9"), 42,
                     QByteArray::fromHex("000102030405060708090a0b0c"))
              .toHex()
          == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    CHECK(hkdfSha256(ikm, {}, 42).toHex()
          == "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    CHECK(hkdfSha256(ikm, QByteArrayLiteral("alpr audit head")).size() == 32);
    CHECK(hkdfSha256(ikm, QByteArrayLiteral("a")) != hkdfSha256(ikm, QByteArrayLiteral("b")));
    CHECK(hkdfSha256({}, QByteArrayLiteral("a")).isEmpty());
    CHECK(hkdfSha256(ikm, {}, 0).isEmpty());
    CHECK(hkdfSha256(ikm, {}, 255 * 32 + 1).isEmpty());
    CHECK(hkdfSha256(ikm, {}, 255 * 32).size() == 255 * 32);

    // RFC 4231 test cases 1, 2 and 6 (a key longer than the block size).
    CHECK(hmacSha256(QByteArray(20, '\x0b'), QByteArrayLiteral("Hi There")).toHex()
          == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK(hmacSha256(QByteArrayLiteral("Jefe"), QByteArrayLiteral("what do ya want for nothing?")).toHex()
          == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(
        hmacSha256(QByteArray(131, '\xaa'), QByteArrayLiteral("Test Using Larger Than Block-Size Key - Hash Key First"))
            .toHex()
        == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    // An empty key is valid HMAC (zero-padded); reference value from Python's hmac module.
    CHECK(hmacSha256({}, {}).toHex() == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");

    CHECK(constantTimeEquals(QByteArrayLiteral("abc"), QByteArrayLiteral("abc")));
    CHECK_FALSE(constantTimeEquals(QByteArrayLiteral("abc"), QByteArrayLiteral("abd")));
    CHECK_FALSE(constantTimeEquals(QByteArrayLiteral("abc"), QByteArrayLiteral("ab")));
}

TEST_CASE("the row hash and the anchor follow the documented encoding")
{
    // Expected values computed independently (Python hashlib/hmac) from the encoding documented in AuditLog.h.
    AuditRow row;
    row.id = 7;
    row.timeMs = 1'780'000'000'123;
    row.username = QStringLiteral("alic\u00e9");
    row.event = QStringLiteral("query");
    row.outcome = QStringLiteral("success");
    row.source = QStringLiteral("cli host1");
    row.detail = QStringLiteral("{\"plate\":\"7ABC123\"}");
    for (int i = 0; i < 32; ++i)
        row.prevHash.append(char(i));
    CHECK(AuditLog::rowHash(row).toHex() == "be454b82242f190d8a1e7043f71e96f914187824fb54db88dec6f864a4bb08a4");

    // Every field is covered.
    const QByteArray base = AuditLog::rowHash(row);
    const std::function<void(AuditRow&)> edits[] = {
        [](AuditRow& r) { r.id = 8; },
        [](AuditRow& r) { r.timeMs += 1; },
        [](AuditRow& r) { r.username = QStringLiteral("alice"); },
        [](AuditRow& r) { r.event = QStringLiteral("query "); },
        [](AuditRow& r) { r.outcome = QStringLiteral("failure"); },
        [](AuditRow& r) { r.source = QStringLiteral("cli host2"); },
        [](AuditRow& r) { r.detail = QStringLiteral("{\"plate\":\"7ABC124\"}"); },
        [](AuditRow& r) { r.prevHash[31] = 'x'; },
        // Moving a character from one field to the next must not give the same bytes.
        [](AuditRow& r) {
            r.event = QStringLiteral("quer");
            r.outcome = QStringLiteral("ysuccess");
        },
    };
    for (const auto& edit : edits) {
        AuditRow changed = row;
        edit(changed);
        CHECK(AuditLog::rowHash(changed) != base);
    }

    const QByteArray key(32, '\x42');
    const QByteArray hash = sha256(QByteArrayLiteral("x"));
    const QString text = AuditLog::anchorText(12, hash, key);
    CHECK(text
          == QStringLiteral("12:2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881:"
                            "14f231011016928aff5b48bfda81e41bb4361bfbc9e0c49215c149afab180475"));
    auto parsed = AuditLog::parseAnchor(text, key);
    REQUIRE(parsed);
    CHECK(parsed->id == 12);
    CHECK(parsed->hash == hash);
    CHECK_FALSE(AuditLog::parseAnchor(text, QByteArray(32, '\x43')));
    CHECK_FALSE(AuditLog::parseAnchor(QString(text).replace(0, 2, QStringLiteral("13")), key));
    CHECK_FALSE(AuditLog::parseAnchor(text.left(text.size() - 1), key));
    CHECK_FALSE(AuditLog::parseAnchor(QString(), key));
    CHECK_FALSE(AuditLog::parseAnchor(QStringLiteral("garbage"), key));
}

TEST_CASE("a new store's empty audit log verifies")
{
    Fixture f;
    const AuditVerification v = f.verify();
    CHECK(v.ok);
    CHECK(v.rowsChecked == 0);
    CHECK(v.firstBadRowId == 0);
    CHECK(v.problem.isEmpty());
}

TEST_CASE("a clean log of 50 rows verifies, and its rows carry what CJIS asks for")
{
    Fixture f;
    f.record(50);
    const AuditVerification v = f.verify();
    INFO(str(v.problem));
    CHECK(v.ok);
    CHECK(v.rowsChecked == 50);
    CHECK(v.lastRowId == 50);
    CHECK(v.anchoredRowId == 50);
    CHECK(v.firstBadRowId == 0);

    const QList<AuditRow> rows = f.rows();
    REQUIRE(rows.size() == 50);
    CHECK(rows[0].prevHash == QByteArray(32, '\0'));
    for (int i = 0; i < rows.size(); ++i) {
        const AuditRow& r = rows[i];
        CHECK(r.id == i + 1);
        CHECK(r.hash == AuditLog::rowHash(r));
        if (i > 0) {
            CHECK(r.prevHash == rows[i - 1].hash);
            CHECK(r.timeMs > rows[i - 1].timeMs);
        }
        CHECK(r.source == QStringLiteral("cli test-host"));
        CHECK(r.outcome == QStringLiteral("success"));
        CHECK_FALSE(r.username.isEmpty());
        CHECK_FALSE(r.event.isEmpty());
    }
    const QJsonObject detail = QJsonDocument::fromJson(rows[16].detail.toUtf8()).object();
    CHECK(detail.value(QStringLiteral("plate")).toString() == QStringLiteral("7ABC016"));
    CHECK(f.anchor().startsWith(QStringLiteral("50:") + QString::fromLatin1(rows[49].hash.toHex())));
}

TEST_CASE("a changed field of row 17 is named")
{
    Fixture f;
    f.record(50);
    const QString edit
        = GENERATE(QStringLiteral("detail = '{\"plate\":\"7ABC999\"}'"), QStringLiteral("username = 'carol'"),
                   QStringLiteral("time_ms = time_ms + 1"), QStringLiteral("outcome = 'failure'"),
                   QStringLiteral("event = 'login'"), QStringLiteral("source = 'elsewhere'"));
    INFO(str(edit));
    f.sql({ QStringLiteral("UPDATE audit_log SET %1 WHERE id = 17").arg(edit) });
    checkBad(f.verify(), 17, "Row 17 was changed");
}

TEST_CASE("a row's stored hash or link changed is named")
{
    Fixture f;
    f.record(50);
    SECTION("hash")
    {
        f.sql({ QStringLiteral("UPDATE audit_log SET hash = zeroblob(32) WHERE id = 17") });
        checkBad(f.verify(), 17, "Row 17");
    }
    SECTION("link")
    {
        f.sql({ QStringLiteral("UPDATE audit_log SET prev_hash = zeroblob(32) WHERE id = 17") });
        checkBad(f.verify(), 17, "Row 17 was changed");
    }
}

TEST_CASE("deleted rows are named as missing")
{
    Fixture f;
    f.record(50);
    SECTION("one row")
    {
        f.sql({ QStringLiteral("DELETE FROM audit_log WHERE id = 17") });
        checkBad(f.verify(), 17, "Row 17 is missing: the chain jumps from row 16 to row 18");
    }
    SECTION("several rows")
    {
        f.sql({ QStringLiteral("DELETE FROM audit_log WHERE id BETWEEN 17 AND 19") });
        checkBad(f.verify(), 17, "Rows 17–19 are missing");
    }
    SECTION("the first row")
    {
        f.sql({ QStringLiteral("DELETE FROM audit_log WHERE id = 1") });
        checkBad(f.verify(), 1, "Row 1 is missing: the audit log starts at row 2");
    }
    SECTION("one row, and the later rows renumbered to close the gap")
    {
        f.sql({ QStringLiteral("DELETE FROM audit_log WHERE id = 17"),
                QStringLiteral("UPDATE audit_log SET id = -id WHERE id > 17"),
                QStringLiteral("UPDATE audit_log SET id = -id - 1 WHERE id < 0") });
        checkBad(f.verify(), 17, "Row 17 is missing: later rows were renumbered");
    }
}

TEST_CASE("a forged row inserted between rows 16 and 17 is named")
{
    Fixture f;
    f.record(50);
    const QList<AuditRow> rows = f.rows();
    SECTION("chained correctly onto row 16, the later rows renumbered")
    {
        f.makeRoomAt(17);
        f.insertRow(forgedAfter(rows[15], 17));
        checkBad(f.verify(), 17, "Row 17 was inserted: row 18 was written right after row 16");
    }
    SECTION("with a made-up hash, the later rows renumbered")
    {
        f.makeRoomAt(17);
        AuditRow forged = forgedAfter(rows[15], 17);
        forged.hash = sha256(QByteArrayLiteral("anything"));
        f.insertRow(forged);
        checkBad(f.verify(), 17, "Row 17 was inserted");
    }
    SECTION("two forged rows")
    {
        f.makeRoomAt(17);
        f.makeRoomAt(17);
        const AuditRow first = forgedAfter(rows[15], 17);
        f.insertRow(first);
        f.insertRow(forgedAfter(first, 18));
        checkBad(f.verify(), 17, "Rows 17–18 were inserted");
    }
    SECTION("a copy of row 16")
    {
        f.makeRoomAt(17);
        AuditRow copy = rows[15];
        copy.id = 17;
        f.insertRow(copy);
        checkBad(f.verify(), 17, "Row 17 is a copy of row 16");
    }
    SECTION("row 17 replaced by a forged row with a correct hash")
    {
        f.sql({ QStringLiteral("DELETE FROM audit_log WHERE id = 17") });
        f.insertRow(forgedAfter(rows[15], 17));
        // The forged row chains onto 16, so the break shows at 18, which still follows the original 17.
        checkBad(f.verify(), 17, "Row 17 was changed and its hash recomputed: row 18 no longer follows it");
    }
}

TEST_CASE("reordered rows are named")
{
    Fixture f;
    f.record(50);
    SECTION("two rows' ids swapped")
    {
        f.sql({ QStringLiteral("UPDATE audit_log SET id = -1 WHERE id = 17"),
                QStringLiteral("UPDATE audit_log SET id = 17 WHERE id = 30"),
                QStringLiteral("UPDATE audit_log SET id = 30 WHERE id = -1") });
        checkBad(f.verify(), 17, "Row 17 is out of order: it was written after row 29");
    }
    SECTION("two neighbours swapped")
    {
        f.sql({ QStringLiteral("UPDATE audit_log SET id = -1 WHERE id = 17"),
                QStringLiteral("UPDATE audit_log SET id = 17 WHERE id = 18"),
                QStringLiteral("UPDATE audit_log SET id = 18 WHERE id = -1") });
        checkBad(f.verify(), 17, "Row 17 is out of order");
    }
}

TEST_CASE("rows removed from the end are caught by the anchor")
{
    Fixture f;
    f.record(50);
    SECTION("the last three")
    {
        f.sql({ QStringLiteral("DELETE FROM audit_log WHERE id > 47") });
        checkBad(f.verify(), 48,
                 "Rows 48–50 were removed: the audit log ends at row 47, but its anchor says it ended "
                 "at row 50");
    }
    SECTION("the last one")
    {
        f.sql({ QStringLiteral("DELETE FROM audit_log WHERE id = 50") });
        checkBad(f.verify(), 50, "Row 50 was removed");
    }
    SECTION("all of them")
    {
        f.sql({ QStringLiteral("DELETE FROM audit_log") });
        checkBad(f.verify(), 1, "All rows were removed");
    }
    SECTION("all of them and the anchor")
    {
        // Indistinguishable from a new store: only a copy elsewhere (the server) can show this.
        f.sql({ QStringLiteral("DELETE FROM audit_log"), QStringLiteral("DELETE FROM meta WHERE key = 'audit_head'") });
        CHECK(f.verify().ok);
    }
}

TEST_CASE("a replaced or missing anchor is detected")
{
    Fixture f;
    f.record(50);
    const QList<AuditRow> rows = f.rows();
    SECTION("garbage")
    {
        f.setAnchor(QStringLiteral("50:beef"));
        checkBad(f.verify(), 50, "anchor is not authentic");
    }
    SECTION("well formed, but made without the key")
    {
        f.sql({ QStringLiteral("DELETE FROM audit_log WHERE id > 47") });
        f.setAnchor(AuditLog::anchorText(47, rows[46].hash, QByteArray(32, '\x01')));
        checkBad(f.verify(), 47, "anchor is not authentic");
    }
    SECTION("deleted")
    {
        f.sql({ QStringLiteral("DELETE FROM meta WHERE key = 'audit_head'") });
        checkBad(f.verify(), 50, "anchor is missing");
    }
    SECTION("the whole chain recomputed after an edit of row 10")
    {
        // Someone who knows the (public) row hash but not the anchor key rewrites row 10 and re-chains everything.
        QList<AuditRow> rewritten = rows;
        rewritten[9].detail = QStringLiteral("{\"plate\":\"NOTHING\"}");
        for (int i = 9; i < rewritten.size(); ++i) {
            rewritten[i].prevHash = rewritten[i - 1].hash;
            rewritten[i].hash = AuditLog::rowHash(rewritten[i]);
        }
        f.sql({ QStringLiteral("DELETE FROM audit_log WHERE id >= 10") });
        for (int i = 9; i < rewritten.size(); ++i)
            f.insertRow(rewritten[i]);
        checkBad(f.verify(), 50, "Row 50 does not match the audit log's anchor");
    }
}

TEST_CASE("the anchor may lag behind an intact chain and catches up on the next record")
{
    Fixture f;
    f.record(45);
    const QString older = f.anchor();
    f.record(5);
    // What concurrent writers or a crash between an append and its anchor update can leave behind.
    f.setAnchor(older);
    AuditVerification v = f.verify();
    INFO(str(v.problem));
    CHECK(v.ok);
    CHECK(v.lastRowId == 50);
    CHECK(v.anchoredRowId == 45);
    f.record(1);
    v = f.verify();
    CHECK(v.ok);
    CHECK(v.anchoredRowId == 51);
    CHECK(f.rows().size() == 51); // no incident row: a lagging anchor is not tampering
}

TEST_CASE("tampering found while recording is kept in the chain as evidence")
{
    Fixture f;
    f.record(50);
    SECTION("rows removed from the end, then more events recorded")
    {
        f.sql({ QStringLiteral("DELETE FROM audit_log WHERE id > 47") });
        f.record(5); // ids 48 and up again: without the evidence row, the anchor would soon move past the gap
        const QList<AuditRow> rows = f.rows();
        REQUIRE(rows.size() == 53);
        CHECK(rows[48].event == AuditLog::integrityEvent());
        CHECK(rows[48].outcome == QStringLiteral("failure"));
        const AuditVerification v = f.verify();
        checkBad(v, 49, "had been tampered with");
        CHECK(v.problem.contains(QStringLiteral("rows after row 47 had been removed")));
    }
    SECTION("a forged anchor, then another event")
    {
        f.setAnchor(QStringLiteral("50:beef:beef"));
        f.record(1);
        checkBad(f.verify(), 52, "not authentic");
    }
    SECTION("a deleted anchor, then another event")
    {
        f.sql({ QStringLiteral("DELETE FROM meta WHERE key = 'audit_head'") });
        f.record(1);
        checkBad(f.verify(), 52, "had no anchor");
    }
    SECTION("a chain problem before the incident is named first")
    {
        f.sql({ QStringLiteral("DELETE FROM audit_log WHERE id > 47"),
                QStringLiteral("UPDATE audit_log SET outcome = 'denied' WHERE id = 5") });
        f.record(1);
        checkBad(f.verify(), 5, "Row 5 was changed");
    }
}

TEST_CASE("random single tampering is always named at the tampered row")
{
    // Reference: the row each operation touches is known; the verifier must name exactly it (the lower of two for
    // a swap, the first missing one for a deletion, the forged one for an insertion).
    Fixture f;
    f.record(40);
    const QList<AuditRow> rows = f.rows();
    const QString pristine = f.path() + QStringLiteral(".pristine");
    REQUIRE(QFile::copy(f.path(), pristine));
    QRandomGenerator random(20260517);
    for (int round = 0; round < 24; ++round) {
        REQUIRE(QFile::remove(f.path()));
        REQUIRE(QFile::copy(pristine, f.path()));
        const int target = random.bounded(2, 39); // rows 2..38
        const int op = round % 4;
        INFO("round " << round << " op " << op << " row " << target);
        if (op == 0) {
            f.sql({ QStringLiteral("UPDATE audit_log SET username = username || 'x' WHERE id = %1").arg(target) });
        } else if (op == 1) {
            const int count = random.bounded(1, 4);
            f.sql(
                { QStringLiteral("DELETE FROM audit_log WHERE id >= %1 AND id < %2").arg(target).arg(target + count) });
        } else if (op == 2) {
            f.makeRoomAt(target);
            f.insertRow(forgedAfter(rows[target - 2], target));
        } else {
            const int other = random.bounded(target + 1, 41);
            f.sql({ QStringLiteral("UPDATE audit_log SET id = -1 WHERE id = %1").arg(target),
                    QStringLiteral("UPDATE audit_log SET id = %1 WHERE id = %2").arg(target).arg(other),
                    QStringLiteral("UPDATE audit_log SET id = %1 WHERE id = -1").arg(other) });
        }
        const AuditVerification v = f.verify();
        INFO(str(v.problem));
        CHECK_FALSE(v.ok);
        CHECK(v.firstBadRowId == target);
    }
}

TEST_CASE("two connections appending at once keep one intact chain")
{
    Fixture f;
    f.record(1); // the store's creation event, written before anyone else can connect
    TickingClock clock;
    QAtomicInteger<int> failures = 0;
    std::latch start(2);
    auto writer = [&](const QString& source) {
        // Each thread opens its own connection, as the GUI and alpr-cli would.
        auto store = LocalStore::open(f.path(), f.key(), LocalStore::Mode::OpenExisting);
        start.arrive_and_wait(); // both connections open before either appends, so the appends overlap
        if (!store) {
            failures.fetchAndAddRelaxed(1);
            return;
        }
        AuditLog log(*store.value(), clock, f.headKey(), source);
        for (int i = 0; i < 100; ++i) {
            if (!log.record(QStringLiteral("alice"), QStringLiteral("query.search"), QStringLiteral("success"),
                            { { QStringLiteral("i"), i } }))
                failures.fetchAndAddRelaxed(1);
        }
    };
    std::thread a(writer, QStringLiteral("workstation A"));
    std::thread b(writer, QStringLiteral("cli B"));
    a.join();
    b.join();
    CHECK(failures.loadRelaxed() == 0);

    AuditVerification v = f.verify();
    INFO(str(v.problem));
    CHECK(v.ok);
    CHECK(v.rowsChecked == 201);
    int fromA = 0;
    int fromB = 0;
    for (const AuditRow& r : f.rows()) {
        CHECK(r.event != AuditLog::integrityEvent());
        fromA += r.source == QStringLiteral("workstation A");
        fromB += r.source == QStringLiteral("cli B");
    }
    CHECK(fromA == 100);
    CHECK(fromB == 100);
    int switches = 0;
    const QList<AuditRow> all = f.rows();
    for (int i = 2; i < all.size(); ++i)
        switches += all[i].source != all[i - 1].source;
    INFO("writer switches: " << switches << ", anchored " << v.anchoredRowId << " of " << v.lastRowId);
    // After an overlap the anchor may lag behind the end (a writer that read the anchor before another one moved it
    // writes its own, lower row last), never run ahead of it; the next event brings it to the end.
    CHECK(v.anchoredRowId >= 1);
    CHECK(v.anchoredRowId <= v.lastRowId);
    f.record(1);
    v = f.verify();
    CHECK(v.ok);
    CHECK(v.anchoredRowId == 202);
}
