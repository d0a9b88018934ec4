// The map view driven as a user drives it, offscreen: wheel zoom, drag, the draw tools, select, click, lock.
#include "Authenticator.h"
#include "Clock.h"
#include "Crypto.h"
#include "MainWindow.h"
#include "MapPanel.h"
#include "MapView.h"
#include "Session.h"
#include "TempDir.h"
#include "TileSource.h"
#include "Vault.h"
#include "WebMercator.h"
#include "WestCovinaBasemap.h"

#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QGeoCircle>
#include <QGeoPolygon>
#include <QGeoRectangle>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;
using Catch::Approx;

namespace {

struct MapFixture
{
    MapFixture()
    {
        panel.resize(900, 700);
        panel.show();
        REQUIRE(QTest::qWaitForWindowExposed(&panel));
        view = panel.mapView();
        view->setAnimated(false);
        view->centreOn(QGeoCoordinate(34.0686, -117.9390), 14);
    }
    MapPanel panel;
    MapView* view = nullptr;
};

QList<MapRead> scatter(int n, const MapView& view, quint32 seed)
{
    // Reads spread over the visible area, at known screen positions.
    QRandomGenerator rng(seed);
    QList<MapRead> reads;
    const QSize s = view.mapViewport().size();
    for (int i = 0; i < n; ++i) {
        const QGeoCoordinate c = view.toGeo(QPointF(rng.bounded(s.width()), rng.bounded(s.height())));
        reads << MapRead { 100 + i, i % 7, 1'780'000'000'000 + i * 1000, c.latitude(), c.longitude(),
                           QStringLiteral("7TST%1").arg(i) };
    }
    return reads;
}

void wheel(QWidget* target, QPointF pos, int delta)
{
    QWheelEvent e(pos, target->mapToGlobal(pos), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
                  Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &e);
}

void drag(QWidget* target, QPoint from, QPoint to)
{
    QTest::mousePress(target, Qt::LeftButton, Qt::NoModifier, from);
    const QPoint mid = (from + to) / 2;
    QTest::mouseMove(target, mid);
    QTest::mouseMove(target, to);
    QTest::mouseRelease(target, Qt::LeftButton, Qt::NoModifier, to);
}

void waitForMarkers(MapView* view)
{
    REQUIRE(QTest::qWaitFor([&] { return !view->isBusy(); }, 10000));
}

} // namespace

TEST_CASE("Wheel zoom changes the zoom level and keeps the point under the cursor")
{
    MapFixture f;
    QWidget* vp = f.view->viewport();
    const QPointF cursor(650, 180);
    const QGeoCoordinate under = f.view->toGeo(cursor);
    wheel(vp, cursor, 120);
    CHECK(f.view->zoom() == Approx(14.5));
    const QPointF after = f.view->toScreen(under);
    CHECK(after.x() == Approx(cursor.x()).margin(1e-6));
    CHECK(after.y() == Approx(cursor.y()).margin(1e-6));
    // Three notches out, at another point: zoom 13, that point fixed too.
    const QPointF other(120, 500);
    const QGeoCoordinate under2 = f.view->toGeo(other);
    wheel(vp, other, -360);
    CHECK(f.view->zoom() == Approx(13));
    CHECK(f.view->toScreen(under2).x() == Approx(other.x()).margin(1e-6));
    CHECK(f.view->toScreen(under2).y() == Approx(other.y()).margin(1e-6));
    // Limits hold.
    for (int i = 0; i < 40; ++i)
        wheel(vp, other, 120);
    CHECK(f.view->zoom() == f.view->maxZoom());

    // Animated zoom reaches the same place.
    f.view->centreOn(QGeoCoordinate(34.0686, -117.9390), 14);
    f.view->setAnimated(true);
    const QGeoCoordinate under3 = f.view->toGeo(cursor);
    wheel(vp, cursor, 240);
    REQUIRE(QTest::qWaitFor([&] { return f.view->zoom() == 15.0; }, 2000));
    CHECK(f.view->toScreen(under3).x() == Approx(cursor.x()).margin(1e-6));
}

TEST_CASE("Dragging with the pan tool moves the map with the pointer")
{
    MapFixture f;
    const QGeoCoordinate grabbed = f.view->toGeo(QPointF(400, 300));
    const double zoom = f.view->zoom();
    drag(f.view->viewport(), QPoint(400, 300), QPoint(520, 240));
    const QPointF now = f.view->toScreen(grabbed);
    CHECK(now.x() == Approx(520).margin(1e-6));
    CHECK(now.y() == Approx(240).margin(1e-6));
    CHECK(f.view->zoom() == zoom);
    // Keys pan too.
    QTest::keyClick(f.view, Qt::Key_Left);
    CHECK(f.view->toScreen(grabbed).x() == Approx(620).margin(1e-6));
}

TEST_CASE("Draw tools emit the drawn circle, rectangle and polygon")
{
    MapFixture f;
    QWidget* vp = f.view->viewport();
    QSignalSpy drawn(f.view, &MapView::areaDrawn);

    SECTION("circle")
    {
        f.panel.findChild<QAction*>(QStringLiteral("mapCircleTool"))->trigger();
        REQUIRE(f.view->tool() == MapView::Tool::Circle);
        drag(vp, QPoint(400, 300), QPoint(460, 300));
        REQUIRE(drawn.size() == 1);
        const QGeoShape shape = drawn.first().first().value<QGeoShape>();
        REQUIRE(shape.type() == QGeoShape::CircleType);
        const QGeoCircle circle(shape);
        const QGeoCoordinate centre = f.view->toGeo(QPointF(400, 300));
        CHECK(circle.center().distanceTo(centre) < 0.5);
        // 60 px at zoom 14: about 60 × 7.9 m.
        const double expected = 60 * WebMercator::metresPerPixel(centre.latitude(), 14);
        CHECK(circle.radius() == Approx(expected).epsilon(0.01));
        CHECK(f.view->drawnArea() == shape);
    }
    SECTION("rectangle")
    {
        f.view->setTool(MapView::Tool::Rectangle);
        drag(vp, QPoint(300, 250), QPoint(100, 100)); // dragged up-left: still a proper rectangle
        REQUIRE(drawn.size() == 1);
        const QGeoShape shape = drawn.first().first().value<QGeoShape>();
        REQUIRE(shape.type() == QGeoShape::RectangleType);
        const QGeoRectangle r(shape);
        CHECK(r.topLeft().distanceTo(f.view->toGeo(QPointF(100, 100))) < 0.5);
        CHECK(r.bottomRight().distanceTo(f.view->toGeo(QPointF(300, 250))) < 0.5);
        CHECK(r.contains(f.view->toGeo(QPointF(200, 200))));
        CHECK_FALSE(r.contains(f.view->toGeo(QPointF(350, 200))));
    }
    SECTION("polygon: clicks and Return")
    {
        f.view->setTool(MapView::Tool::Polygon);
        const QPoint corners[] = { QPoint(100, 100), QPoint(300, 120), QPoint(220, 300) };
        for (const QPoint& p : corners)
            QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, p);
        CHECK(drawn.isEmpty());
        QTest::keyClick(f.view, Qt::Key_Return);
        REQUIRE(drawn.size() == 1);
        const QGeoShape shape = drawn.first().first().value<QGeoShape>();
        REQUIRE(shape.type() == QGeoShape::PolygonType);
        const QGeoPolygon polygon(shape);
        REQUIRE(polygon.perimeter().size() == 3);
        for (int i = 0; i < 3; ++i)
            CHECK(polygon.perimeter().at(i).distanceTo(f.view->toGeo(corners[i])) < 0.5);
        CHECK(polygon.contains(f.view->toGeo(QPointF(200, 170))));
    }
    SECTION("polygon: double-click closes without a duplicate corner; Escape and two corners draw nothing")
    {
        f.view->setTool(MapView::Tool::Polygon);
        QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
        QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(300, 100));
        QTest::keyClick(f.view, Qt::Key_Escape);
        QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
        QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(300, 100));
        QTest::keyClick(f.view, Qt::Key_Return);
        CHECK(drawn.isEmpty());

        QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
        QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(300, 100));
        QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(300, 300));
        QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(100, 300));
        QTest::mouseDClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(100, 300));
        QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, QPoint(100, 300));
        REQUIRE(drawn.size() == 1);
        CHECK(QGeoPolygon(drawn.first().first().value<QGeoShape>()).perimeter().size() == 4);
    }
    SECTION("a click is not an area")
    {
        f.view->setTool(MapView::Tool::Circle);
        QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(200, 200));
        f.view->setTool(MapView::Tool::Rectangle);
        QTest::mouseClick(vp, Qt::LeftButton, Qt::NoModifier, QPoint(200, 200));
        CHECK(drawn.isEmpty());
    }
}

TEST_CASE("Select emits exactly the reads inside the dragged box")
{
    MapFixture f;
    const QList<MapRead> reads = scatter(3000, *f.view, 42);
    f.view->setReads(reads);
    CHECK(f.view->readCount() == 3000);
    f.view->setTool(MapView::Tool::Select);
    QSignalSpy selected(f.view, &MapView::readsSelected);
    const QRect box(QPoint(150, 120), QPoint(420, 330));
    drag(f.view->viewport(), box.topLeft(), box.bottomRight() + QPoint(1, 1));
    REQUIRE(selected.size() == 1);
    const QList<qint64> got = selected.first().first().value<QList<qint64>>();
    QSet<qint64> expected;
    const QRectF exact(QPointF(box.topLeft()), QPointF(box.bottomRight() + QPoint(1, 1)));
    for (const MapRead& r : reads)
        if (exact.contains(f.view->toScreen(QGeoCoordinate(r.lat, r.lon))))
            expected.insert(r.id);
    CHECK(QSet<qint64>(got.begin(), got.end()) == expected);
    CHECK(got.size() == expected.size());
    CHECK(expected.size() > 100);

    // Reads inside a drawn shape, for canvass callers.
    const QGeoRectangle area(f.view->toGeo(QPointF(150, 120)), f.view->toGeo(QPointF(421, 331)));
    CHECK(f.view->readsIn(area).size() == got.size());
}

TEST_CASE("Clicking a read emits readActivated; clicking a cluster zooms in; clearOverlays empties the map")
{
    MapFixture f;
    // One read alone, and 200 reads at one spot far from it.
    QList<MapRead> reads;
    const QGeoCoordinate lone = f.view->toGeo(QPointF(200, 200));
    reads << MapRead { 7001, 1, 1'780'000'000'000, lone.latitude(), lone.longitude(), QStringLiteral("7LONE01") };
    const QGeoCoordinate spot = f.view->toGeo(QPointF(600, 450));
    for (int i = 0; i < 200; ++i)
        reads << MapRead { 8000 + i, 2, 1'780'000'000'000 + i, spot.latitude(), spot.longitude(), QString() };
    f.view->setReads(reads);
    waitForMarkers(f.view);

    QSignalSpy activated(f.view, &MapView::readActivated);
    QTest::mouseClick(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(202, 199));
    REQUIRE(activated.size() == 1);
    CHECK(activated.first().first().toLongLong() == 7001);
    CHECK(f.view->readsAt(QPointF(600, 450)).size() == 200);

    const double before = f.view->zoom();
    QTest::mouseClick(f.view->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(600, 450));
    CHECK(activated.size() == 1);
    REQUIRE(QTest::qWaitFor([&] { return f.view->zoom() == before + 2; }, 2000));
    // The cluster stays under the pointer.
    CHECK(f.view->toScreen(spot).x() == Approx(600).margin(2));

    f.view->setTrack(reads.mid(0, 3));
    f.view->setDrawnArea(QGeoCircle(spot, 100));
    f.view->clearOverlays();
    CHECK(f.view->readCount() == 0);
    CHECK_FALSE(f.view->drawnArea().isValid());
    CHECK(f.view->readsAt(QPointF(600, 450)).isEmpty());
}

TEST_CASE("Heat map toggle and the basemap chooser")
{
    MapFixture f;
    f.view->setReads(scatter(500, *f.view, 1));
    waitForMarkers(f.view);
    QAction* heat = f.panel.findChild<QAction*>(QStringLiteral("mapHeatMapAction"));
    REQUIRE(heat);
    heat->trigger();
    CHECK(f.view->heatMap());
    waitForMarkers(f.view);
    CHECK(f.view->readsAt(QPointF(400, 300)).isEmpty()); // no markers to hit on a heat map
    f.view->setHeatMap(false);
    CHECK_FALSE(heat->isChecked());

    CHECK(f.view->tileSource()->attribution() == WestCovinaBasemap::attribution());
    test::TempDir dir;
    const Status bad = f.panel.useMbTiles(dir.path(QStringLiteral("absent.mbtiles")));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.contains(QStringLiteral("absent.mbtiles")));
    CHECK(f.view->tileSource()->attribution() == WestCovinaBasemap::attribution()); // unchanged
    REQUIRE(f.panel.useTileServer(QStringLiteral("https://tile.example.org/{z}/{x}/{y}.png"),
                                  QStringLiteral("© Example")).ok());
    CHECK(f.view->tileSource()->attribution() == QStringLiteral("© Example"));
}

TEST_CASE("The main window has the map dock; locking hides it and drops the reads, unlocking brings it back")
{
    test::TempDir dir;
    SystemClock clock;
    const QString path = dir.path(QStringLiteral("map.alpr"));
    const QString password = QStringLiteral("a passphrase for the map test");
    UserRecord admin;
    admin.name = QStringLiteral("alice");
    admin.role = Role::Admin;
    auto vault = Vault::create(path, admin, password, clock, kMinimumPbkdf2Iterations);
    REQUIRE(vault);
    UserRecord sam;
    sam.name = QStringLiteral("sam");
    sam.role = Role::Supervisor;
    sam.trainedOn = QDateTime::fromMSecsSinceEpoch(clock.nowMs()).date().addDays(-30);
    sam.refresherDue = sam.trainedOn.addYears(1);
    REQUIRE(vault.value()->addUser(sam, password));
    REQUIRE(vault.value()->store().setSetting(QStringLiteral("mfa.required"), QStringLiteral("false")));
    vault.value().reset();

    Credentials credentials;
    credentials.storePath = path;
    credentials.user = QStringLiteral("sam");
    credentials.password = password;
    credentials.bannerAcknowledged = true;
    auto session = Authenticator(clock).signIn(credentials, QStringLiteral("test"));
    REQUIRE(session);
    MainWindow window(std::move(session.value()));
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("mapDock"));
    REQUIRE(dock);
    REQUIRE(window.mapView());
    CHECK(dock->isVisible());
    window.mapView()->setReads(scatter(50, *window.mapView(), 3));

    window.lockNow(QStringLiteral("manual"));
    CHECK_FALSE(dock->isVisible());
    CHECK(window.mapView()->readCount() == 0);

    auto* lock = window.findChild<QWidget*>(QStringLiteral("lockScreen"));
    REQUIRE(lock);
    lock->findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->setText(password);
    QTest::mouseClick(lock->findChild<QPushButton*>(QStringLiteral("unlockButton")), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return dock->isVisible(); }, 20000));
}
