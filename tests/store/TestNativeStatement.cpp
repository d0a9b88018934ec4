// NativeStatement: the C-API statement the batch writer and the purge use for their hot loops.
#include "NativeStatement.h"
#include "SqlCipherDriver.h"
#include "TempDir.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;

TEST_CASE("NativeStatement binds text, NULL and blobs as SQLite sees them, and reports errors with SQLite's words")
{
    test::TempDir dir;
    registerSqlCipherDriver();
    const QString name = QStringLiteral("native");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), name);
        db.setDatabaseName(dir.path(QStringLiteral("n.db")));
        db.setConnectOptions(QStringLiteral("QSQLCIPHER_CREATE"));
        REQUIRE(db.open());
        QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT NOT NULL, b BLOB, r REAL)"));
        sqlite3* handle = SqlCipherDriver::nativeHandle(db);
        REQUIRE(handle);

        NativeStatement insert;
        REQUIRE(insert.prepare(handle, QStringLiteral("INSERT OR FAIL INTO t (id, s, b, r) VALUES (?, ?, ?, ?)")));
        const QByteArray empty; // null QByteArray: must still be the empty TEXT, not NULL (NOT NULL holds)
        insert.bindInt64(1, 1);
        insert.bindText(2, empty);
        insert.bindBlob(3, QByteArray());
        insert.bindDouble(4, 2.5);
        REQUIRE(insert.exec());
        CHECK(insert.changes() == 1);
        const QByteArray text = QStringLiteral("7ABC\u00c9123").toUtf8();
        const QByteArray blob("\x00\xff\x10", 3);
        insert.reset();
        insert.bindInt64(1, 2);
        insert.bindText(2, text);
        insert.bindBlob(3, blob);
        insert.bindNull(4);
        REQUIRE(insert.exec());
        // A constraint failure is an error with SQLite's message, and the statement can be used again after reset().
        insert.reset();
        insert.bindInt64(1, 2);
        insert.bindText(2, text);
        insert.bindNull(3);
        insert.bindNull(4);
        CHECK_FALSE(insert.exec());
        CHECK(insert.error().contains(QStringLiteral("UNIQUE")));

        NativeStatement select;
        REQUIRE(select.prepare(handle, QStringLiteral("SELECT id, s, typeof(s), typeof(b), length(b), typeof(r) FROM t "
                                                      "ORDER BY id")));
        REQUIRE(select.next());
        CHECK(select.columnInt64(0) == 1);
        CHECK(select.columnText(1).isEmpty());
        CHECK(select.columnText(2) == QStringLiteral("text"));
        CHECK(select.columnText(3) == QStringLiteral("null"));
        REQUIRE(select.next());
        CHECK(select.columnText(1) == QStringLiteral("7ABC\u00c9123"));
        CHECK(select.columnText(3) == QStringLiteral("blob"));
        CHECK(select.columnInt64(4) == 3);
        CHECK(select.columnText(5) == QStringLiteral("null"));
        CHECK_FALSE(select.next());
        CHECK(select.ok());

        NativeStatement broken;
        CHECK_FALSE(broken.prepare(handle, QStringLiteral("SELECT nope FROM t")));
        CHECK(broken.error().contains(QStringLiteral("no such column")));
        CHECK_FALSE(broken.exec()); // no crash, and the prepare's message stays
        CHECK(broken.error().contains(QStringLiteral("no such column")));
    } // statements finalized before the connection closes
    QSqlDatabase::database(name, false).close();
    QSqlDatabase::removeDatabase(name);
}
