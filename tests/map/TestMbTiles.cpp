#include "MbTilesFile.h"
#include "MbTilesSource.h"
#include "SqlCipherDriver.h"
#include "TempDir.h"
#include "WebMercator.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

QByteArray png(QColor colour)
{
    QImage image(256, 256, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

/** Writes a plain (unencrypted) SQLite file through our driver with no key, as MBTiles tools make them. */
void writeFile(const QString& path, const QStringList& statements, const QList<QPair<TileId, QByteArray>>& tiles = {})
{
    registerSqlCipherDriver();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), QStringLiteral("fixture"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLCIPHER_CREATE"));
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (const QString& s : statements) {
            INFO(s.toStdString());
            REQUIRE(q.exec(s));
        }
        for (const auto& [tile, bytes] : tiles) {
            REQUIRE(q.prepare(QStringLiteral("INSERT INTO tiles VALUES (?, ?, ?, ?)")));
            q.addBindValue(tile.z);
            q.addBindValue(tile.x);
            q.addBindValue(WebMercator::flipY(tile.z, tile.y)); // MBTiles rows count from the south
            q.addBindValue(bytes);
            REQUIRE(q.exec());
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fixture"));
}

const QStringList kSchema = {
    QStringLiteral("CREATE TABLE metadata (name TEXT, value TEXT)"),
    QStringLiteral("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)"),
    QStringLiteral("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)"),
};

QStringList schemaWith(const QString& format)
{
    return kSchema
        + QStringList { QStringLiteral("INSERT INTO metadata VALUES ('name', 'Test tiles')"),
                        QStringLiteral("INSERT INTO metadata VALUES ('format', '%1')").arg(format),
                        QStringLiteral("INSERT INTO metadata VALUES ('attribution', "
                                       "'<a href=\"https://x\">&copy; Test Data</a>')"),
                        QStringLiteral("INSERT INTO metadata VALUES ('minzoom', '0')"),
                        QStringLiteral("INSERT INTO metadata VALUES ('maxzoom', '3')") };
}

QByteArray sha(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

TEST_CASE("MBTiles file: metadata, TMS rows, read-only")
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("good.mbtiles"));
    const QByteArray red = png(Qt::red);
    const QByteArray blue = png(Qt::blue);
    writeFile(path, schemaWith(QStringLiteral("png")), { { { 1, 0, 0 }, red }, { { 1, 1, 1 }, blue } });
    const QByteArray before = sha(path);
    {
        auto file = MbTilesFile::open(path);
        REQUIRE(file.ok());
        CHECK(file.value()->metadata().value(QStringLiteral("name")) == QStringLiteral("Test tiles"));
        CHECK(file.value()->zoomRange() == std::pair(1, 1));
        // XYZ 1/0/0 is stored at TMS row 1.
        auto t = file.value()->tile(1, 0, 1);
        REQUIRE(t.ok());
        CHECK(t.value() == red);
        CHECK(file.value()->tile(1, 1, 0).value() == blue);
        CHECK(file.value()->tile(1, 0, 0).value().isEmpty());
    }
    CHECK(sha(path) == before);
    CHECK_FALSE(QFile::exists(path + QStringLiteral("-wal")));
    CHECK_FALSE(QFile::exists(path + QStringLiteral("-journal")));
}

TEST_CASE("MBTiles source delivers decoded tiles asynchronously, flipped to XYZ rows")
{
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("good.mbtiles"));
    writeFile(path, schemaWith(QStringLiteral("png")),
              { { { 1, 0, 0 }, png(Qt::red) }, { { 1, 1, 1 }, png(Qt::blue) } });
    auto source = MbTilesSource::open(path);
    REQUIRE(source.ok());
    MbTilesSource& s = *source.value();
    CHECK(s.name() == QStringLiteral("Test tiles"));
    CHECK(s.attribution() == QStringLiteral("© Test Data")); // HTML stripped, entity decoded
    CHECK(s.minZoom() == 0);
    CHECK(s.maxZoom() == 3);

    QSignalSpy ready(&s, &TileSource::tileReady);
    QSignalSpy failed(&s, &TileSource::tileFailed);
    s.requestTile({ 1, 0, 0 });
    s.requestTile({ 1, 1, 1 });
    s.requestTile({ 1, 0, 1 }); // not in the file
    s.requestTile({ 1, 0, 0 }); // already pending: no second answer
    CHECK(ready.isEmpty()); // never answered synchronously
    for (int i = 0; i < 50 && ready.size() < 3; ++i)
        ready.wait(100);
    REQUIRE(ready.size() == 3);
    CHECK(failed.isEmpty());
    for (const QList<QVariant>& args : ready) {
        const TileId id = args.at(0).value<TileId>();
        const QImage image = args.at(1).value<QImage>();
        if (id == TileId { 1, 0, 0 })
            CHECK(image.pixelColor(10, 10) == QColor(Qt::red));
        else if (id == TileId { 1, 1, 1 })
            CHECK(image.pixelColor(10, 10) == QColor(Qt::blue));
        else
            CHECK(image.isNull());
    }
}

TEST_CASE("MBTiles: missing, empty, corrupt and non-MBTiles files give clear errors naming the file")
{
    test::TempDir dir;
    auto errorOf = [](const QString& path) {
        auto r = MbTilesFile::open(path);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == ErrorKind::BadInput);
        CHECK(r.error().message.contains(path));
        return r.error().message;
    };

    CHECK(errorOf(dir.path(QStringLiteral("missing.mbtiles"))).contains(QStringLiteral("no such")));

    const QString empty = dir.path(QStringLiteral("empty.mbtiles"));
    QFile(empty).open(QIODevice::WriteOnly);
    CHECK(errorOf(empty).contains(QStringLiteral("empty")));

    const QString garbage = dir.path(QStringLiteral("garbage.mbtiles"));
    {
        QFile f(garbage);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
    }
    CHECK(errorOf(garbage).contains(QStringLiteral("not an SQLite database")));

    // A real SQLite file, but its header torn off halfway (a truncated download).
    const QString good = dir.path(QStringLiteral("good.mbtiles"));
    writeFile(good, schemaWith(QStringLiteral("png")), { { { 0, 0, 0 }, png(Qt::green) } });
    const QString truncated = dir.path(QStringLiteral("truncated.mbtiles"));
    {
        QFile in(good);
        REQUIRE(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        bytes.replace(0, 16, QByteArray(16, '\0'));
        QFile out(truncated);
        REQUIRE(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    }
    CHECK(errorOf(truncated).contains(QStringLiteral("not an SQLite database")));

    const QString noMetadata = dir.path(QStringLiteral("nometa.mbtiles"));
    writeFile(noMetadata, { kSchema.at(1) });
    CHECK(errorOf(noMetadata).contains(QStringLiteral("no 'metadata' table")));

    const QString noTiles = dir.path(QStringLiteral("notiles.mbtiles"));
    writeFile(noTiles, { kSchema.at(0) });
    CHECK(errorOf(noTiles).contains(QStringLiteral("no 'tiles' table")));

    const QString wrongColumns = dir.path(QStringLiteral("columns.mbtiles"));
    writeFile(wrongColumns, { kSchema.at(0), QStringLiteral("CREATE TABLE tiles (z INTEGER, x INTEGER, y INTEGER)") });
    CHECK(errorOf(wrongColumns).contains(QStringLiteral("tile_data")));

    const QString directory = dir.root();
    CHECK(errorOf(directory).contains(QStringLiteral("not a readable file")));
}

TEST_CASE("MBTiles source refuses vector tiles and unknown formats")
{
    test::TempDir dir;
    const QString vector = dir.path(QStringLiteral("vector.mbtiles"));
    writeFile(vector, schemaWith(QStringLiteral("pbf")));
    auto r = MbTilesSource::open(vector);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(vector));
    CHECK(r.error().message.contains(QStringLiteral("vector")));

    const QString tiff = dir.path(QStringLiteral("tiff.mbtiles"));
    writeFile(tiff, schemaWith(QStringLiteral("tiff")));
    auto t = MbTilesSource::open(tiff);
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().message.contains(QStringLiteral("'tiff'")));
}
