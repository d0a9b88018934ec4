// The QSQLCIPHER driver through QSqlDatabase/QSqlQuery on real files: encryption at rest, keys, read-only plain
// SQLite (MBTiles), binding and reading every type, transactions, scripts and errors.
#include "SqlCipherDriver.h"
#include "TempDir.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <catch2/catch_test_macros.hpp>
#include <limits>
#include <sqlite3.h>

using alpr::test::TempDir;

namespace {

const QString kKey = QStringLiteral("00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF");
const QString kOtherKey = QStringLiteral("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
const QString kCreate = QStringLiteral("QSQLCIPHER_CREATE");
const QString kReadOnly = QStringLiteral("QSQLCIPHER_OPEN_READONLY");

/** One named QSQLCIPHER connection, removed again when the test is done (declare queries after it). */
class Connection
{
public:
    Connection(const QString& path, const QString& key, const QString& options)
        : m_name(QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        alpr::registerSqlCipherDriver();
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(options);
        m_opened = db.open(QString(), key); // this overload does not keep the key in the QSqlDatabase
        m_error = db.lastError();
    }
    ~Connection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    bool opened() const { return m_opened; }
    QSqlError error() const { return m_error; }

private:
    QString m_name;
    bool m_opened = false;
    QSqlError m_error;
};

void exec(QSqlQuery& query, const QString& sql)
{
    const bool ok = query.exec(sql);
    INFO(sql.toStdString() << " -> " << query.lastError().text().toStdString());
    REQUIRE(ok);
}

QVariant scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    exec(query, sql);
    REQUIRE(query.next());
    return query.value(0);
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// A plain, unencrypted SQLite file made with the C API and no key, like an MBTiles file from elsewhere.
void makePlainSqliteFile(const QString& path)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
            == SQLITE_OK);
    const char* script = "CREATE TABLE tiles(zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
                         "tile_data BLOB);"
                         "INSERT INTO tiles VALUES (3, 1, 2, x'89504E47');"
                         "INSERT INTO tiles VALUES (4, 5, 6, x'FFD8FF');"
                         "CREATE TABLE metadata(name TEXT, value TEXT);"
                         "INSERT INTO metadata VALUES ('name', 'PlainMarker-7f3a');";
    char* message = nullptr;
    const int rc = sqlite3_exec(db, script, nullptr, nullptr, &message);
    INFO((message ? message : ""));
    sqlite3_free(message);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

/** A keyed store with one table, created and closed. */
void makeStore(const QString& path, const QString& key)
{
    Connection connection(path, key, kCreate);
    REQUIRE(connection.opened());
    QSqlQuery query(connection.db());
    exec(query, QStringLiteral("CREATE TABLE reads(id INTEGER PRIMARY KEY, plate TEXT NOT NULL)"));
    exec(query, QStringLiteral("INSERT INTO reads(plate) VALUES ('ABC123')"));
}

} // namespace

TEST_CASE("QSQLCIPHER is registered, is SQLCipher 4.6 and never loads Qt's QSQLITE plugin", "[store][driver]")
{
    TempDir dir;
    Connection connection(dir.path(QStringLiteral("s.db")), kKey, kCreate);
    REQUIRE(connection.opened());
    CHECK(QSqlDatabase::drivers().contains(QStringLiteral("QSQLCIPHER")));
    CHECK(connection.db().driverName() == QStringLiteral("QSQLCIPHER"));

    const QString version = scalar(connection.db(), QStringLiteral("PRAGMA cipher_version")).toString();
    INFO(version.toStdString());
    CHECK(version.startsWith(QStringLiteral("4.6.")));

    const QByteArray maps = fileBytes(QStringLiteral("/proc/self/maps"));
    CHECK(!maps.isEmpty());
    CHECK(!maps.contains("libqsqlite"));
    CHECK(!maps.contains("libsqlite3.so"));

    // registering again is harmless
    alpr::registerSqlCipherDriver();
    CHECK(QSqlDatabase::drivers().count(QStringLiteral("QSQLCIPHER")) == 1);

    void* handle = connection.db().driver()->handle().value<void*>();
    CHECK(handle != nullptr);
    CHECK(handle == alpr::SqlCipherDriver::nativeHandle(connection.db()));
}

TEST_CASE("values of every type round-trip through positional and named binds", "[store][driver]")
{
    TempDir dir;
    Connection connection(dir.path(QStringLiteral("types.db")), kKey, kCreate);
    REQUIRE(connection.opened());
    QSqlQuery query(connection.db());
    exec(query,
         QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, i INTEGER, big BIGINT, r REAL, s TEXT, "
                        "b BLOB, flag BOOLEAN, at DATETIME, anything)"));

    const QByteArray blob("\x00\x01\xff\x00zz", 6);
    const QString unicode = QStringLiteral(u"Ünïcødé plate ÄÖ-123 😀");
    const QDateTime when(QDate(2024, 3, 9), QTime(13, 5, 7, 250), Qt::UTC);
    const qint64 big = std::numeric_limits<qint64>::max() - 5;

    REQUIRE(
        query.prepare(QStringLiteral("INSERT INTO t(id, i, big, r, s, b, flag, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")));
    query.addBindValue(1);
    query.addBindValue(-42);
    query.addBindValue(big);
    query.addBindValue(2.5);
    query.addBindValue(unicode);
    query.addBindValue(blob);
    query.addBindValue(true);
    query.addBindValue(when);
    INFO(query.lastError().text().toStdString());
    REQUIRE(query.exec());

    REQUIRE(query.prepare(QStringLiteral("INSERT INTO t(id, i, big, r, s, b, flag, at) "
                                         "VALUES (:id, :i, :big, :r, :s, :b, :flag, :at)")));
    query.bindValue(QStringLiteral(":at"), QVariant(QMetaType::fromType<QDateTime>()));
    query.bindValue(QStringLiteral(":id"), 2);
    query.bindValue(QStringLiteral(":i"), QVariant()); // null QVariant -> NULL
    query.bindValue(QStringLiteral(":big"), QVariant(QMetaType::fromType<qlonglong>()));
    query.bindValue(QStringLiteral(":r"), QVariant(QMetaType::fromType<double>()));
    query.bindValue(QStringLiteral(":s"), QString()); // null QString -> NULL
    query.bindValue(QStringLiteral(":b"), QByteArray()); // null QByteArray -> NULL
    query.bindValue(QStringLiteral(":flag"), false);
    INFO(query.lastError().text().toStdString());
    REQUIRE(query.exec());

    // empty (not null) text and blob stay empty, not NULL
    REQUIRE(query.prepare(QStringLiteral("INSERT INTO t(id, s, b) VALUES (:id, :s, :b)")));
    query.bindValue(QStringLiteral(":id"), 3);
    query.bindValue(QStringLiteral(":s"), QStringLiteral(""));
    query.bindValue(QStringLiteral(":b"), QByteArray(""));
    REQUIRE(query.exec());

    SECTION("stored SQLite types are the ones a reader of the file expects")
    {
        exec(query,
             QStringLiteral("SELECT typeof(i), typeof(big), typeof(r), typeof(s), typeof(b), typeof(flag), "
                            "at FROM t WHERE id = 1"));
        REQUIRE(query.next());
        CHECK(query.value(0).toString() == QStringLiteral("integer"));
        CHECK(query.value(1).toString() == QStringLiteral("integer"));
        CHECK(query.value(2).toString() == QStringLiteral("real"));
        CHECK(query.value(3).toString() == QStringLiteral("text"));
        CHECK(query.value(4).toString() == QStringLiteral("blob"));
        CHECK(query.value(5).toString() == QStringLiteral("integer"));
        CHECK(query.value(6).toString() == QStringLiteral("2024-03-09T13:05:07.250Z"));
    }

    for (const bool forwardOnly : { false, true }) {
        DYNAMIC_SECTION("read back, forward-only = " << forwardOnly)
        {
            QSqlQuery read(connection.db());
            read.setForwardOnly(forwardOnly);
            exec(read, QStringLiteral("SELECT id, i, big, r, s, b, flag, at, anything FROM t ORDER BY id"));

            REQUIRE(read.next());
            CHECK(read.value(0).metaType() == QMetaType::fromType<qlonglong>());
            CHECK(read.value(1).toLongLong() == -42);
            CHECK(read.value(2).toLongLong() == big);
            CHECK(read.value(3).metaType() == QMetaType::fromType<double>());
            CHECK(read.value(3).toDouble() == 2.5);
            CHECK(read.value(4).metaType() == QMetaType::fromType<QString>());
            CHECK(read.value(4).toString() == unicode);
            CHECK(read.value(5).metaType() == QMetaType::fromType<QByteArray>());
            CHECK(read.value(5).toByteArray() == blob);
            CHECK(read.value(6).toLongLong() == 1);
            CHECK(QDateTime::fromString(read.value(7).toString(), Qt::ISODateWithMs) == when);
            for (int column = 0; column < 8; ++column)
                CHECK(!read.isNull(column));
            CHECK(read.isNull(8));

            REQUIRE(read.next());
            CHECK(read.value(0).toLongLong() == 2);
            for (int column : { 1, 2, 3, 4, 5, 7, 8 }) {
                INFO("column " << column);
                CHECK(read.isNull(column));
                CHECK(read.value(column).isNull());
            }
            // a NULL carries the declared type of its column
            CHECK(read.value(1).metaType() == QMetaType::fromType<qlonglong>());
            CHECK(read.value(3).metaType() == QMetaType::fromType<double>());
            CHECK(read.value(4).metaType() == QMetaType::fromType<QString>());
            CHECK(read.value(5).metaType() == QMetaType::fromType<QByteArray>());
            CHECK(!read.value(8).isValid());
            CHECK(read.value(6).toLongLong() == 0);
            CHECK(!read.isNull(6));

            REQUIRE(read.next());
            CHECK(!read.isNull(4));
            CHECK(!read.isNull(5));
            CHECK(!read.value(4).isNull());
            CHECK(read.value(4).toString().isEmpty());
            CHECK(!read.value(5).isNull());
            CHECK(read.value(5).toByteArray().isEmpty());

            CHECK(!read.next());
            CHECK(!read.isValid());
        }
    }

    SECTION("the result record names the columns with their declared types")
    {
        exec(query, QStringLiteral("SELECT id, s AS plate, b, r, i + 1 FROM t WHERE id = 1"));
        const QSqlRecord record = query.record();
        REQUIRE(record.count() == 5);
        CHECK(record.fieldName(0) == QStringLiteral("id"));
        CHECK(record.fieldName(1) == QStringLiteral("plate"));
        CHECK(record.field(0).metaType() == QMetaType::fromType<qlonglong>());
        CHECK(record.field(1).metaType() == QMetaType::fromType<QString>());
        CHECK(record.field(2).metaType() == QMetaType::fromType<QByteArray>());
        CHECK(record.field(3).metaType() == QMetaType::fromType<double>());
        CHECK(!record.field(4).metaType().isValid()); // an expression has no declared type
        CHECK(record.field(1).tableName() == QStringLiteral("t"));
        REQUIRE(query.next());
        CHECK(query.record().value(QStringLiteral("plate")).toString() == unicode);
    }
}

TEST_CASE("named placeholders may repeat, and a missing bind is an error", "[store][driver]")
{
    TempDir dir;
    Connection connection(dir.path(QStringLiteral("named.db")), kKey, kCreate);
    REQUIRE(connection.opened());
    QSqlQuery query(connection.db());
    exec(query, QStringLiteral("CREATE TABLE pairs(a TEXT, b TEXT, c INTEGER)"));

    REQUIRE(query.prepare(QStringLiteral("INSERT INTO pairs VALUES (:x, :x, :n)")));
    query.bindValue(QStringLiteral(":x"), QStringLiteral("same"));
    query.bindValue(QStringLiteral(":n"), 7);
    REQUIRE(query.exec());
    // a ':word' inside a string literal is text, not a placeholder
    REQUIRE(query.prepare(QStringLiteral("INSERT INTO pairs VALUES (':x', :y, 1)")));
    query.bindValue(QStringLiteral(":y"), QStringLiteral("why"));
    REQUIRE(query.exec());

    exec(query, QStringLiteral("SELECT a, b, c FROM pairs ORDER BY c DESC"));
    REQUIRE(query.next());
    CHECK(query.value(0).toString() == QStringLiteral("same"));
    CHECK(query.value(1).toString() == QStringLiteral("same"));
    CHECK(query.value(2).toInt() == 7);
    REQUIRE(query.next());
    CHECK(query.value(0).toString() == QStringLiteral(":x"));
    CHECK(query.value(1).toString() == QStringLiteral("why"));

    SECTION("too few positional values")
    {
        REQUIRE(query.prepare(QStringLiteral("INSERT INTO pairs VALUES (?, ?, ?)")));
        query.addBindValue(QStringLiteral("only one"));
        CHECK(!query.exec());
        CHECK(query.lastError().isValid());
        CHECK(query.lastError().databaseText().contains(QStringLiteral("3 placeholders")));
    }
    SECTION("a value of a type SQLite cannot store")
    {
        REQUIRE(query.prepare(QStringLiteral("INSERT INTO pairs VALUES (?, 'x', 1)")));
        query.addBindValue(QVariant(QStringList { QStringLiteral("a"), QStringLiteral("b") }));
        INFO(query.lastError().text().toStdString());
        CHECK(!query.exec());
        CHECK(query.lastError().text().contains(QStringLiteral("QStringList")));
    }
    SECTION("emulated batch execution")
    {
        REQUIRE(query.prepare(QStringLiteral("INSERT INTO pairs VALUES (?, ?, ?)")));
        query.addBindValue(QVariantList { QStringLiteral("b1"), QStringLiteral("b2"), QStringLiteral("b3") });
        query.addBindValue(QVariantList { QStringLiteral("x"), QStringLiteral("y"), QVariant() });
        query.addBindValue(QVariantList { 100, 101, 102 });
        REQUIRE(query.execBatch());
        CHECK(scalar(connection.db(), QStringLiteral("SELECT count(*) FROM pairs WHERE c >= 100")).toInt() == 3);
        CHECK(scalar(connection.db(), QStringLiteral("SELECT count(*) FROM pairs WHERE b IS NULL")).toInt() == 1);
    }
}

TEST_CASE("a prepared insert runs 100,000 times in one transaction", "[store][driver]")
{
    TempDir dir;
    Connection connection(dir.path(QStringLiteral("bulk.db")), kKey, kCreate);
    REQUIRE(connection.opened());
    QSqlDatabase db = connection.db();
    {
        QSqlQuery query(db);
        exec(query, QStringLiteral("CREATE TABLE bulk(n INTEGER, plate TEXT)"));
    }
    REQUIRE(db.transaction());
    QSqlQuery insert(db);
    REQUIRE(insert.prepare(QStringLiteral("INSERT INTO bulk VALUES (:n, :plate)")));
    constexpr int count = 100000;
    bool allOk = true;
    for (int n = 0; n < count && allOk; ++n) {
        insert.bindValue(QStringLiteral(":n"), n);
        insert.bindValue(QStringLiteral(":plate"), QStringLiteral("P%1").arg(n));
        allOk = insert.exec() && insert.numRowsAffected() == 1;
    }
    INFO(insert.lastError().text().toStdString());
    REQUIRE(allOk);
    REQUIRE(db.commit());

    QSqlQuery check(db);
    check.setForwardOnly(true);
    exec(check, QStringLiteral("SELECT count(*), sum(n), count(DISTINCT plate) FROM bulk"));
    REQUIRE(check.next());
    CHECK(check.value(0).toLongLong() == count);
    CHECK(check.value(1).toLongLong() == qint64(count) * (count - 1) / 2);
    CHECK(check.value(2).toLongLong() == count);
    CHECK(scalar(db, QStringLiteral("SELECT plate FROM bulk WHERE n = 54321")).toString() == QStringLiteral("P54321"));
}

TEST_CASE("transactions: rollback discards, commit keeps", "[store][driver]")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("tx.db"));
    {
        Connection connection(path, kKey, kCreate);
        REQUIRE(connection.opened());
        QSqlDatabase db = connection.db();
        QSqlQuery query(db);
        exec(query, QStringLiteral("CREATE TABLE t(v INTEGER)"));

        REQUIRE(db.transaction());
        exec(query, QStringLiteral("INSERT INTO t VALUES (1)"));
        exec(query, QStringLiteral("INSERT INTO t VALUES (2)"));
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM t")).toInt() == 2); // visible inside
        REQUIRE(db.rollback());
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM t")).toInt() == 0);

        REQUIRE(db.transaction());
        exec(query, QStringLiteral("INSERT INTO t VALUES (3)"));
        REQUIRE(db.commit());

        // a transaction inside a transaction is an error reported by SQLite
        REQUIRE(db.transaction());
        CHECK(!db.transaction());
        CHECK(db.lastError().databaseText().contains(QStringLiteral("within a transaction")));
        REQUIRE(db.rollback());
        CHECK(!db.commit()); // nothing to commit
    }
    Connection reopened(path, kKey, QString());
    REQUIRE(reopened.opened());
    CHECK(scalar(reopened.db(), QStringLiteral("SELECT group_concat(v) FROM t")).toString() == QStringLiteral("3"));
}

TEST_CASE("a missing file is an error unless QSQLCIPHER_CREATE is given", "[store][driver]")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("missing.db"));
    {
        Connection connection(path, kKey, QString());
        CHECK(!connection.opened());
        INFO(connection.error().text().toStdString());
        CHECK(connection.error().type() == QSqlError::ConnectionError);
        CHECK(connection.error().text().contains(QStringLiteral("missing.db")));
        CHECK(connection.error().text().contains(QStringLiteral("does not exist")));
        CHECK(!connection.db().isOpen());
    }
    CHECK(!QFileInfo::exists(path));
    {
        Connection readOnly(path, QString(), kReadOnly);
        CHECK(!readOnly.opened());
    }
    CHECK(!QFileInfo::exists(path));
    {
        Connection created(path, kKey, kCreate);
        CHECK(created.opened());
    }
    CHECK(QFileInfo::exists(path));
}

TEST_CASE("bad keys and options are rejected at open without touching the file", "[store][driver]")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("badkey.db"));
    for (const QString& key : { QStringLiteral("secret password"), kKey.left(63), kKey + QStringLiteral("0"),
                                kKey.left(63) + QStringLiteral("g") }) {
        Connection connection(path, key, kCreate);
        CHECK(!connection.opened());
        CHECK(connection.error().text().contains(QStringLiteral("64 hexadecimal digits")));
        CHECK(!connection.error().text().contains(key)); // never echo a key
    }
    {
        Connection connection(path, kKey, QStringLiteral("QSQLCIPHER_CREATE;QSQLCIPHER_CRATE"));
        CHECK(!connection.opened());
        CHECK(connection.error().text().contains(QStringLiteral("QSQLCIPHER_CRATE")));
    }
    {
        Connection connection(path, kKey, QStringLiteral("QSQLCIPHER_CREATE;QSQLCIPHER_BUSY_TIMEOUT=soon"));
        CHECK(!connection.opened());
    }
    CHECK(!QFileInfo::exists(path));
    {
        Connection connection(path, kKey, QStringLiteral(" QSQLCIPHER_CREATE ; QSQLCIPHER_BUSY_TIMEOUT = 250 ;"));
        CHECK(connection.opened());
    }
}

TEST_CASE("the file on disk is encrypted, including the WAL", "[store][driver]")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("secret.db"));
    const QString marker = QStringLiteral("DistinctivePlateMarker-Q7X9Z2");
    {
        Connection connection(path, kKey, kCreate);
        REQUIRE(connection.opened());
        QSqlQuery query(connection.db());
        exec(query, QStringLiteral("PRAGMA journal_mode=WAL"));
        REQUIRE(query.next());
        CHECK(query.value(0).toString() == QStringLiteral("wal"));
        exec(query, QStringLiteral("CREATE TABLE reads(plate TEXT, image BLOB)"));
        REQUIRE(query.prepare(QStringLiteral("INSERT INTO reads VALUES (?, ?)")));
        for (int i = 0; i < 50; ++i) {
            query.addBindValue(marker);
            query.addBindValue(marker.toUtf8());
            REQUIRE(query.exec());
        }
        // while the connection is open the rows sit in the WAL file
        const QByteArray wal = fileBytes(path + QStringLiteral("-wal"));
        CHECK(!wal.isEmpty());
        CHECK(!wal.contains(marker.toUtf8()));
        CHECK(!fileBytes(path).contains(marker.toUtf8()));
    }
    const QByteArray bytes = fileBytes(path);
    REQUIRE(bytes.size() > 4096);
    CHECK(!bytes.startsWith("SQLite format 3"));
    CHECK(!bytes.contains(marker.toUtf8()));
    if (QFileInfo::exists(path + QStringLiteral("-wal")))
        CHECK(!fileBytes(path + QStringLiteral("-wal")).contains(marker.toUtf8()));

    // the same checks do see through an unencrypted file, so they can fail
    const QString plainPath = dir.path(QStringLiteral("plain.db"));
    makePlainSqliteFile(plainPath);
    const QByteArray plain = fileBytes(plainPath);
    CHECK(plain.startsWith("SQLite format 3"));
    CHECK(plain.contains("PlainMarker-7f3a"));

    // and the data is all there with the right key
    Connection reopened(path, kKey, QString());
    REQUIRE(reopened.opened());
    CHECK(scalar(reopened.db(), QStringLiteral("SELECT count(*) FROM reads WHERE plate = '%1'").arg(marker)).toInt()
          == 50);
}

TEST_CASE("a wrong key opens but the first query fails with SQLITE_NOTADB", "[store][driver]")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("keyed.db"));
    makeStore(path, kKey);

    SECTION("different key")
    {
        Connection connection(path, kOtherKey, QString());
        REQUIRE(connection.opened());
        QSqlQuery query(connection.db());
        CHECK(!query.exec(QStringLiteral("SELECT count(*) FROM reads")));
        CHECK(query.lastError().nativeErrorCode() == QStringLiteral("26"));
        CHECK(query.lastError().databaseText().contains(QStringLiteral("file is not a database")));
        CHECK(connection.db().tables().isEmpty());
    }
    SECTION("no key at all")
    {
        Connection connection(path, QString(), kReadOnly);
        REQUIRE(connection.opened());
        QSqlQuery query(connection.db());
        CHECK(!query.exec(QStringLiteral("SELECT count(*) FROM reads")));
        CHECK(query.lastError().nativeErrorCode() == QStringLiteral("26"));
    }
    SECTION("right key, read-only")
    {
        Connection connection(path, kKey, kReadOnly);
        REQUIRE(connection.opened());
        CHECK(scalar(connection.db(), QStringLiteral("SELECT plate FROM reads")).toString()
              == QStringLiteral("ABC123"));
        QSqlQuery query(connection.db());
        CHECK(!query.exec(QStringLiteral("INSERT INTO reads(plate) VALUES ('X')")));
        CHECK(query.lastError().nativeErrorCode() == QStringLiteral("8"));
    }
}

TEST_CASE("a plain SQLite file (MBTiles) opens read-only without a key", "[store][driver]")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("tiles.mbtiles"));
    makePlainSqliteFile(path);
    const QByteArray before = fileBytes(path);

    {
        Connection connection(path, QString(), kReadOnly);
        REQUIRE(connection.opened());
        QSqlQuery query(connection.db());
        exec(query, QStringLiteral("SELECT zoom_level, tile_data FROM tiles ORDER BY zoom_level"));
        REQUIRE(query.next());
        CHECK(query.value(0).toInt() == 3);
        CHECK(query.value(1).toByteArray() == QByteArray::fromHex("89504E47"));
        REQUIRE(query.next());
        CHECK(query.value(1).toByteArray() == QByteArray::fromHex("FFD8FF"));
        CHECK(!query.next());
        CHECK(connection.db().tables() == QStringList { QStringLiteral("metadata"), QStringLiteral("tiles") });

        QSqlQuery write(connection.db());
        CHECK(!write.exec(QStringLiteral("INSERT INTO metadata VALUES ('x', 'y')")));
        CHECK(write.lastError().nativeErrorCode() == QStringLiteral("8"));
        CHECK(write.lastError().databaseText().contains(QStringLiteral("readonly")));
        QString error;
        QSqlDatabase db = connection.db();
        CHECK(!alpr::execScript(db, QStringLiteral("DELETE FROM tiles;"), &error));
        CHECK(error.contains(QStringLiteral("readonly")));
    }
    CHECK(fileBytes(path) == before);

    SECTION("with a key it is not a database")
    {
        Connection connection(path, kKey, kReadOnly);
        REQUIRE(connection.opened());
        QSqlQuery query(connection.db());
        CHECK(!query.exec(QStringLiteral("SELECT count(*) FROM tiles")));
        CHECK(query.lastError().nativeErrorCode() == QStringLiteral("26"));
    }
}

TEST_CASE("errors carry SQLite's message and code", "[store][driver]")
{
    TempDir dir;
    Connection connection(dir.path(QStringLiteral("errors.db")), kKey, kCreate);
    REQUIRE(connection.opened());
    QSqlQuery query(connection.db());

    CHECK(!query.exec(QStringLiteral("SELEC plate FROM reads")));
    CHECK(query.lastError().type() == QSqlError::StatementError);
    CHECK(query.lastError().databaseText().contains(QStringLiteral("syntax error")));
    CHECK(query.lastError().text().contains(QStringLiteral("SELEC")));
    CHECK(query.lastError().nativeErrorCode() == QStringLiteral("1"));

    CHECK(!query.prepare(QStringLiteral("SELECT * FROM no_such_table WHERE x = ?")));
    CHECK(query.lastError().databaseText().contains(QStringLiteral("no_such_table")));

    exec(query, QStringLiteral("CREATE TABLE u(v TEXT UNIQUE NOT NULL)"));
    exec(query, QStringLiteral("INSERT INTO u VALUES ('a')"));
    CHECK(!query.exec(QStringLiteral("INSERT INTO u VALUES ('a')")));
    CHECK(query.lastError().nativeErrorCode() == QStringLiteral("19"));
    CHECK(query.lastError().databaseText().contains(QStringLiteral("UNIQUE")));

    SECTION("one statement per exec: the rest is refused, not silently dropped")
    {
        CHECK(!query.exec(QStringLiteral("INSERT INTO u VALUES ('b'); CREATE TABLE sneaky(x)")));
        CHECK(query.lastError().text().contains(QStringLiteral("execScript")));
        CHECK(!connection.db().tables().contains(QStringLiteral("sneaky")));
        CHECK(scalar(connection.db(), QStringLiteral("SELECT count(*) FROM u")).toInt() == 1);
        // trailing separators and comments are fine
        exec(query, QStringLiteral("INSERT INTO u VALUES ('c') ; -- done\n /* really */ ;"));
    }
    SECTION("a closed connection fails cleanly")
    {
        QSqlQuery prepared(connection.db());
        REQUIRE(prepared.prepare(QStringLiteral("SELECT v FROM u")));
        connection.db().close();
        CHECK(!prepared.exec());
        CHECK(prepared.lastError().isValid());
    }
}

TEST_CASE("execScript runs several statements and names the one that failed", "[store][driver]")
{
    TempDir dir;
    Connection connection(dir.path(QStringLiteral("script.db")), kKey, kCreate);
    REQUIRE(connection.opened());
    QSqlDatabase db = connection.db();

    QString error;
    const QString good = QStringLiteral("-- schema v1\n"
                                        "CREATE TABLE a(x INTEGER);\n"
                                        "/* seed */ INSERT INTO a VALUES (1);\n"
                                        "INSERT INTO a VALUES (2);;\n"
                                        "PRAGMA user_version = 7;\n"
                                        "SELECT * FROM a;\n"
                                        "CREATE TABLE b(y TEXT DEFAULT 'semi;colon')\n");
    REQUIRE(alpr::execScript(db, good, &error));
    CHECK(error.isEmpty());
    CHECK(scalar(db, QStringLiteral("SELECT sum(x) FROM a")).toInt() == 3);
    CHECK(scalar(db, QStringLiteral("PRAGMA user_version")).toInt() == 7);
    CHECK(db.tables().contains(QStringLiteral("b")));

    const QString bad = QStringLiteral("INSERT INTO a VALUES (10);\n"
                                       "INSERT INTO a VALUES (11);\n"
                                       "\n"
                                       "-- the broken one\n"
                                       "INSERT INTO missing_table VALUES (12);\n"
                                       "INSERT INTO a VALUES (13);\n");
    CHECK(!alpr::execScript(db, bad, &error));
    INFO(error.toStdString());
    CHECK(error.contains(QStringLiteral("Statement 3")));
    CHECK(error.contains(QStringLiteral("line 5")));
    CHECK(error.contains(QStringLiteral("no such table: missing_table")));
    CHECK(error.contains(QStringLiteral("INSERT INTO missing_table VALUES (12)")));
    // statements before the failure ran (the script is not atomic), the ones after did not
    CHECK(scalar(db, QStringLiteral("SELECT group_concat(x) FROM (SELECT x FROM a ORDER BY x)")).toString()
          == QStringLiteral("1,2,10,11"));

    CHECK(!alpr::execScript(db, QStringLiteral("CREATE TABLE c(x);\nCRATE TABLE d(y);"), &error));
    CHECK(error.contains(QStringLiteral("Statement 2")));
    CHECK(error.contains(QStringLiteral("line 2")));
    CHECK(error.contains(QStringLiteral("syntax error")));

    CHECK(alpr::execScript(db, QStringLiteral("  -- nothing but a comment\n"), &error));

    QSqlDatabase notOpen;
    CHECK(!alpr::execScript(notOpen, QStringLiteral("SELECT 1"), &error));
    CHECK(!error.isEmpty());
}

TEST_CASE("lastInsertId and numRowsAffected describe the last exec", "[store][driver]")
{
    TempDir dir;
    Connection connection(dir.path(QStringLiteral("ids.db")), kKey, kCreate);
    REQUIRE(connection.opened());
    QSqlQuery query(connection.db());
    exec(query, QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)"));
    CHECK(query.numRowsAffected() == 0);

    exec(query, QStringLiteral("INSERT INTO t(v) VALUES ('a')"));
    CHECK(query.lastInsertId().toLongLong() == 1);
    CHECK(query.numRowsAffected() == 1);
    exec(query, QStringLiteral("INSERT INTO t(id, v) VALUES (41, 'b')"));
    CHECK(query.lastInsertId().toLongLong() == 41);
    exec(query, QStringLiteral("INSERT INTO t(v) VALUES ('c')"));
    CHECK(query.lastInsertId().toLongLong() == 42);

    exec(query, QStringLiteral("INSERT INTO t(v) SELECT v FROM t"));
    CHECK(query.numRowsAffected() == 3);

    // ids are now 1, 41, 42, 43, 44, 45
    exec(query, QStringLiteral("UPDATE t SET v = 'z' WHERE id > 40"));
    CHECK(query.numRowsAffected() == 5);
    CHECK(!query.lastInsertId().isValid()); // an UPDATE inserted nothing

    exec(query, QStringLiteral("UPDATE t SET v = 'none' WHERE id < 0"));
    CHECK(query.numRowsAffected() == 0);

    exec(query, QStringLiteral("DELETE FROM t WHERE v = 'z'"));
    CHECK(query.numRowsAffected() == 5);

    exec(query, QStringLiteral("CREATE INDEX t_v ON t(v)"));
    CHECK(query.numRowsAffected() == 0); // not the DELETE's count again

    exec(query, QStringLiteral("SELECT * FROM t"));
    CHECK(query.numRowsAffected() == -1);
    CHECK(query.size() == -1);
    CHECK(!query.lastInsertId().isValid());
}

TEST_CASE("scrollable and forward-only queries navigate rows", "[store][driver]")
{
    TempDir dir;
    Connection connection(dir.path(QStringLiteral("scroll.db")), kKey, kCreate);
    REQUIRE(connection.opened());
    QSqlDatabase db = connection.db();
    REQUIRE(alpr::execScript(db,
                             QStringLiteral("CREATE TABLE n(v INTEGER);"
                                            "WITH RECURSIVE c(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM c "
                                            "WHERE x < 9) INSERT INTO n SELECT x FROM c;"),
                             nullptr));

    SECTION("scrollable (QSqlQuery's default)")
    {
        QSqlQuery query(db);
        exec(query, QStringLiteral("SELECT v FROM n ORDER BY v"));
        CHECK(query.isSelect());
        REQUIRE(query.seek(4));
        CHECK(query.value(0).toInt() == 4);
        REQUIRE(query.previous());
        CHECK(query.value(0).toInt() == 3);
        REQUIRE(query.last());
        CHECK(query.value(0).toInt() == 9);
        CHECK(query.at() == 9);
        REQUIRE(query.first());
        CHECK(query.value(0).toInt() == 0);
        REQUIRE(query.seek(7));
        CHECK(query.value(0).toInt() == 7);
        CHECK(!query.seek(10));
        REQUIRE(query.seek(2));
        CHECK(query.value(0).toInt() == 2);

        int seen = 0;
        query.seek(-1);
        while (query.next())
            CHECK(query.value(0).toInt() == seen++);
        CHECK(seen == 10);

        // re-executing a prepared scrollable query starts again
        REQUIRE(query.prepare(QStringLiteral("SELECT v FROM n WHERE v >= ? ORDER BY v")));
        for (int start : { 5, 8, 11 }) {
            query.addBindValue(start);
            REQUIRE(query.exec());
            int rows = 0;
            while (query.next())
                CHECK(query.value(0).toInt() == start + rows++);
            CHECK(rows == std::max(0, 10 - start));
        }
    }
    SECTION("forward-only streams")
    {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        exec(query, QStringLiteral("SELECT v FROM n ORDER BY v"));
        REQUIRE(query.next());
        CHECK(query.value(0).toInt() == 0);
        REQUIRE(query.seek(5));
        CHECK(query.value(0).toInt() == 5);
        REQUIRE(query.next());
        CHECK(query.value(0).toInt() == 6);
        CHECK(!query.last());
        query.finish();
        CHECK(!query.isActive());

        exec(query, QStringLiteral("SELECT v FROM n WHERE v > 100"));
        CHECK(query.isActive());
        CHECK(!query.next());
    }
    SECTION("a finished read does not block a writer")
    {
        QSqlQuery read(db);
        exec(read, QStringLiteral("SELECT v FROM n"));
        REQUIRE(read.next());
        read.finish();
        QSqlQuery write(db);
        exec(write, QStringLiteral("DROP TABLE n")); // fails with "table is locked" while a read is pending
    }
}

TEST_CASE("the driver describes tables", "[store][driver]")
{
    TempDir dir;
    Connection connection(dir.path(QStringLiteral("schema.db")), kKey, kCreate);
    REQUIRE(connection.opened());
    QSqlDatabase db = connection.db();
    REQUIRE(alpr::execScript(db,
                             QStringLiteral("CREATE TABLE reads(id INTEGER PRIMARY KEY, plate TEXT NOT NULL, "
                                            "state TEXT DEFAULT 'WA', seen_at DATETIME, image BLOB, conf REAL);"
                                            "CREATE TABLE \"odd \"\"name\"(a INTEGER, b TEXT, PRIMARY KEY (b, a));"
                                            "CREATE VIEW plates AS SELECT plate FROM reads;"
                                            "CREATE INDEX reads_plate ON reads(plate);"),
                             nullptr));

    CHECK(db.tables() == QStringList { QStringLiteral("odd \"name"), QStringLiteral("reads") });
    CHECK(db.tables(QSql::Views) == QStringList { QStringLiteral("plates") });
    CHECK(db.tables(QSql::SystemTables) == QStringList { QStringLiteral("sqlite_master") });

    const QSqlRecord record = db.record(QStringLiteral("reads"));
    REQUIRE(record.count() == 6);
    CHECK(record.fieldName(1) == QStringLiteral("plate"));
    CHECK(record.field(0).metaType() == QMetaType::fromType<qlonglong>());
    CHECK(record.field(1).metaType() == QMetaType::fromType<QString>());
    CHECK(record.field(1).requiredStatus() == QSqlField::Required);
    CHECK(record.field(2).requiredStatus() == QSqlField::Optional);
    CHECK(record.field(2).defaultValue().toString() == QStringLiteral("'WA'"));
    CHECK(record.field(4).metaType() == QMetaType::fromType<QByteArray>());
    CHECK(record.field(5).metaType() == QMetaType::fromType<double>());
    CHECK(db.record(QStringLiteral("no_such_table")).isEmpty());

    const QSqlIndex key = db.primaryIndex(QStringLiteral("reads"));
    REQUIRE(key.count() == 1);
    CHECK(key.fieldName(0) == QStringLiteral("id"));

    const QSqlIndex odd = db.primaryIndex(QStringLiteral("odd \"name"));
    REQUIRE(odd.count() == 2);
    CHECK(odd.fieldName(0) == QStringLiteral("b"));
    CHECK(odd.fieldName(1) == QStringLiteral("a"));

    const QString escaped = db.driver()->escapeIdentifier(QStringLiteral("odd \"name"), QSqlDriver::TableName);
    CHECK(escaped == QStringLiteral("\"odd \"\"name\""));
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM %1").arg(escaped)).toInt() == 0);
}
