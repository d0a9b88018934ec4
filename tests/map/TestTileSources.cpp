#include "TempDir.h"
#include "VectorTileSource.h"
#include "WebMercator.h"
#include "WestCovinaBasemap.h"
#include "XyzTileSource.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

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

/** A one-file HTTP tile server on loopback that records each request's first line and User-Agent. */
class FakeTileServer : public QObject
{
public:
    FakeTileServer()
    {
        REQUIRE(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    m_buffer[s] += s->readAll();
                    if (!m_buffer[s].contains("\r\n\r\n"))
                        return;
                    const QList<QByteArray> lines = m_buffer[s].split('\n');
                    requests << lines.first().trimmed();
                    for (const QByteArray& l : lines)
                        if (l.toLower().startsWith("user-agent:"))
                            userAgents << QString::fromLatin1(l.mid(11).trimmed());
                    m_buffer.remove(s);
                    const bool found = lines.first().contains("/3/1/2.png");
                    const QByteArray body = found ? png(Qt::green) : QByteArray("no such tile");
                    s->write((found ? "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
                                    : "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n")
                             + QByteArray("Cache-Control: max-age=86400\r\nContent-Length: ")
                             + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    s->flush();
                });
            }
        });
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

    QList<QByteArray> requests;
    QStringList userAgents;

private:
    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffer;
};

void waitFor(QSignalSpy& a, QSignalSpy& b, int total)
{
    for (int i = 0; i < 100 && a.size() + b.size() < total; ++i)
        QTest::qWait(20);
}

} // namespace

TEST_CASE("XYZ template: validation and URLs")
{
    XyzTileSource::Options o;
    o.attribution = QStringLiteral("© Someone");
    o.urlTemplate = QStringLiteral("ftp://tiles.example/{z}/{x}/{y}.png");
    CHECK_FALSE(XyzTileSource::create(o).ok());
    o.urlTemplate = QStringLiteral("https://tiles.example/{z}/{x}.png");
    auto missingY = XyzTileSource::create(o);
    REQUIRE_FALSE(missingY.ok());
    CHECK(missingY.error().message.contains(QStringLiteral("{y}")));
    o.urlTemplate = QStringLiteral("https://{s}.tiles.example/{z}/{x}/{y}.png");
    o.attribution.clear();
    auto noCredit = XyzTileSource::create(o);
    REQUIRE_FALSE(noCredit.ok());
    CHECK(noCredit.error().message.contains(QStringLiteral("attribution")));
    o.attribution = QStringLiteral("© Someone");
    auto ok = XyzTileSource::create(o);
    REQUIRE(ok.ok());
    CHECK(ok.value()->tileUrl({ 3, 1, 2 }) == QUrl(QStringLiteral("https://a.tiles.example/3/1/2.png")));
    CHECK(ok.value()->tileUrl({ 3, 2, 2 }) == QUrl(QStringLiteral("https://b.tiles.example/3/2/2.png")));
    o.urlTemplate = QStringLiteral("https://tiles.example/{z}/{x}/{-y}.png");
    CHECK(XyzTileSource::create(o).value()->tileUrl({ 3, 1, 2 })
          == QUrl(QStringLiteral("https://tiles.example/3/1/5.png")));
}

TEST_CASE("XYZ over HTTP: polite User-Agent, async delivery, failures reported, disk cache reused")
{
    QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
    test::TempDir dir;
    FakeTileServer server;
    XyzTileSource::Options o;
    o.urlTemplate = server.base() + QStringLiteral("/{z}/{x}/{y}.png");
    o.attribution = QStringLiteral("© Test");
    o.cacheDirectory = dir.path(QStringLiteral("cache"));
    {
        auto source = XyzTileSource::create(o);
        REQUIRE(source.ok());
        QSignalSpy ready(source.value().get(), &TileSource::tileReady);
        QSignalSpy failed(source.value().get(), &TileSource::tileFailed);
        source.value()->requestTile({ 3, 1, 2 });
        source.value()->requestTile({ 3, 0, 0 });
        source.value()->requestTile({ 3, 1, 2 }); // in flight already
        CHECK(ready.isEmpty());
        waitFor(ready, failed, 2);
        REQUIRE(ready.size() == 1);
        REQUIRE(failed.size() == 1);
        CHECK(ready.first().at(0).value<TileId>() == TileId { 3, 1, 2 });
        CHECK(ready.first().at(1).value<QImage>().pixelColor(5, 5) == QColor(Qt::green));
        CHECK(failed.first().at(0).value<TileId>() == TileId { 3, 0, 0 });
        CHECK(failed.first().at(1).toString().contains(QStringLiteral("/3/0/0.png")));
        REQUIRE(server.requests.size() == 2);
        for (const QString& ua : std::as_const(server.userAgents)) {
            CHECK(ua.startsWith(QStringLiteral("ALPR-Workstation/9.8.7")));
            CHECK(ua == XyzTileSource::userAgent());
        }
    }
    // A new source over the same cache directory: the tile comes from disk, the server sees no new request.
    auto again = XyzTileSource::create(o);
    QSignalSpy ready(again.value().get(), &TileSource::tileReady);
    QSignalSpy failed(again.value().get(), &TileSource::tileFailed);
    again.value()->requestTile({ 3, 1, 2 });
    waitFor(ready, failed, 1);
    REQUIRE(ready.size() == 1);
    CHECK(server.requests.size() == 2);
}

TEST_CASE("XYZ over file:// tile folders")
{
    test::TempDir dir;
    QDir(dir.root()).mkpath(QStringLiteral("2/1"));
    QImage red(256, 256, QImage::Format_RGB32);
    red.fill(Qt::red);
    REQUIRE(red.save(dir.path(QStringLiteral("2/1/3.png"))));
    XyzTileSource::Options o;
    o.urlTemplate = QUrl::fromLocalFile(dir.root()).toString() + QStringLiteral("/{z}/{x}/{y}.png");
    o.attribution = QStringLiteral("local");
    o.cacheDirectory = dir.path(QStringLiteral("cache"));
    auto source = XyzTileSource::create(o);
    REQUIRE(source.ok());
    QSignalSpy ready(source.value().get(), &TileSource::tileReady);
    QSignalSpy failed(source.value().get(), &TileSource::tileFailed);
    source.value()->requestTile({ 2, 1, 3 });
    source.value()->requestTile({ 2, 0, 3 });
    source.value()->requestTile({ 9, 0, 3 }); // beyond maxZoom? no: 9 ≤ 19, but the file is missing
    waitFor(ready, failed, 3);
    REQUIRE(ready.size() == 1);
    CHECK(ready.first().at(1).value<QImage>().pixelColor(1, 1) == QColor(Qt::red));
    CHECK(failed.size() == 2);
}

TEST_CASE("The West Covina vector basemap draws streets where the data has them")
{
    auto source = WestCovinaBasemap::createSource();
    REQUIRE(source.ok());
    VectorTileSource& s = *source.value();
    CHECK(s.attribution() == WestCovinaBasemap::attribution());

    // Azusa Ave at Amar Rd is on the routes; a tile over the Pacific has nothing.
    const TileId street = WebMercator::tileAt(34.0535, -117.9076, 14);
    const TileId sea = WebMercator::tileAt(33.0, -120.0, 14);
    QSignalSpy ready(&s, &TileSource::tileReady);
    s.requestTile(street);
    s.requestTile(sea);
    CHECK(ready.isEmpty());
    for (int i = 0; i < 100 && ready.size() < 2; ++i)
        ready.wait(50);
    REQUIRE(ready.size() == 2);
    auto distinctColours = [](const QImage& image) {
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                colours.insert(image.pixel(x, y));
        return colours.size();
    };
    for (const QList<QVariant>& args : ready) {
        const TileId id = args.at(0).value<TileId>();
        const QImage image = args.at(1).value<QImage>();
        REQUIRE(image.size() == QSize(256, 256));
        int whitePixels = 0;
        for (int y = 0; y < 256; ++y)
            for (int x = 0; x < 256; ++x)
                whitePixels += image.pixel(x, y) == qRgb(255, 255, 255);
        if (id == street) {
            CHECK(whitePixels > 500); // street fill
            CHECK(distinctColours(image) > 3);
        } else {
            CHECK(whitePixels == 0);
            CHECK(distinctColours(image) == 1); // land only
        }
    }
    CHECK(s.renderTile(street) == s.renderTile(street)); // deterministic
}
