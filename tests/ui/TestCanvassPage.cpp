// The Canvass page as a detective drives it, offscreen: scenes added from the form and from a map shape (addScene),
// each analysis from its button with results equal to the service's own answer, a result row's reads in the reads
// table, a double-click opening a read's details, the models checked by QAbstractItemModelTester.
#include "Authenticator.h"
#include "CanvassPage.h"
#include "CanvassResultModel.h"
#include "CanvassService.h"
#include "ClipboardGuard.h"
#include "Crypto.h"
#include "FakeClock.h"
#include "KeySlotFile.h"
#include "LocalStore.h"
#include "MainWindow.h"
#include "MapView.h"
#include "ReadDetailsDialog.h"
#include "ReadSearchModel.h"
#include "SceneListModel.h"
#include "Session.h"
#include "TempDir.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QGeoCircle>
#include <QGeoPolygon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

const QString kPassword = QStringLiteral("detective has a long test passphrase");
const QGeoCoordinate kScene(34.0473, -117.9657);
const QGeoCoordinate kOther(34.0600, -117.9300);

/** A trained detective's store with reads at two scenes on two evenings, signed in inside a case. */
struct Fixture
{
    test::TempDir dir;
    test::FakeClock clock;
    QString path = dir.path(QStringLiteral("canvass.alpr"));
    qint64 eveningMs = QDateTime(QDate(2026, 11, 27), QTime(19, 30)).toMSecsSinceEpoch();
    std::unique_ptr<Session> session;
    std::unique_ptr<CanvassService> service;
    ClipboardGuard clipboard;

    Fixture()
    {
        const QByteArray key = randomBytes(32);
        auto store = LocalStore::open(path, key, LocalStore::Mode::CreateNew);
        REQUIRE(store);
        auto storeId = store.value()->setting(QStringLiteral("store_id"));
        REQUIRE(storeId);
        UserRecord u;
        u.name = QStringLiteral("detective");
        u.role = Role::Detective;
        u.agency = QStringLiteral("West Covina PD");
        u.trainedOn = QDate(2026, 5, 1);
        u.refresherDue = u.trainedOn.addYears(1);
        u.createdMs = clock.nowMs();
        u.passwordChangedMs = clock.nowMs();
        REQUIRE(store.value()->addUser(u));
        KeySlotFile keySlots = KeySlotFile::createNew(storeId.value());
        REQUIRE(keySlots.setSlot(u.name, kPassword, key, kMinimumPbkdf2Iterations));
        REQUIRE(keySlots.save(KeySlotFile::pathForStore(path)));
        REQUIRE(store.value()->setSetting(QStringLiteral("mfa.required"), QStringLiteral("false")));
        REQUIRE(store.value()->setSetting(QStringLiteral("store.kind"), QStringLiteral("demo")));
        Camera cam;
        cam.name = QStringLiteral("Amar Rd & Conlon Ave");
        cam.lat = kScene.latitude();
        cam.lon = kScene.longitude();
        auto cams = store.value()->upsertCameras({ cam });
        REQUIRE(cams);
        QList<Read> reads;
        auto add = [&](const QString& plate, const QGeoCoordinate& at, qint64 timeMs) {
            Read r;
            r.plate = plate;
            r.state = QStringLiteral("CA");
            r.timeMs = timeMs;
            r.lat = at.latitude();
            r.lon = at.longitude();
            r.cameraId = cams->first().id;
            r.confidence = 95;
            reads.append(r);
        };
        // Evening 1 at the scene: the suspect three times, a companion 20 s behind it each time, 20 others once.
        for (int i = 0; i < 3; ++i)
            add(QStringLiteral("7PBT942"), kScene, eveningMs + i * 30 * 60000);
        for (int i = 0; i < 3; ++i)
            add(QStringLiteral("6FRIEND"), kScene, eveningMs + i * 30 * 60000 + 20000);
        for (int i = 0; i < 20; ++i)
            add(QStringLiteral("5OTH%1").arg(i, 3, 10, QLatin1Char('0')), kScene, eveningMs + i * 60000);
        // Evening 2 elsewhere: the suspect again, and two of the others.
        const qint64 evening2 = eveningMs + 24 * 3600 * 1000;
        add(QStringLiteral("7PBT942"), kOther, evening2);
        add(QStringLiteral("5OTH001"), kOther, evening2 + 60000);
        add(QStringLiteral("5OTH002"), kOther, evening2 + 120000);
        REQUIRE(store.value()->addReads(reads));
        store.value().reset();

        Credentials c;
        c.storePath = path;
        c.user = u.name;
        c.password = kPassword;
        c.bannerAcknowledged = true;
        auto s = Authenticator(clock).signIn(c, QStringLiteral("test"));
        INFO((s ? QString() : s.error().message).toStdString());
        REQUIRE(s);
        session = std::move(s.value());
        REQUIRE(session->openCase(QStringLiteral("26-004711"), ActiveCase::categories().first(),
                                  QStringLiteral("burglary canvass")));
        service = std::make_unique<CanvassService>(*session);
    }
};

template<typename T> T* child(QWidget& parent, const char* name)
{
    T* w = parent.findChild<T*>(QString::fromLatin1(name));
    INFO(name);
    REQUIRE(w);
    return w;
}

/** The plate column of the results table, in the order shown. */
QStringList shownPlates(QTableView* table)
{
    QStringList out;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        out.append(table->model()->index(r, 1).data().toString());
    return out;
}

} // namespace

TEST_CASE("canvass page: scenes from the form and the map, each analysis, reads and their details")
{
    Fixture f;
    CanvassPage page(*f.session, *f.service, f.clipboard);
    page.resize(1300, 800);
    page.show();
    QAbstractItemModelTester sceneTester(page.scenes());
    QAbstractItemModelTester resultTester(page.results());

    auto* canvassButton = child<QPushButton>(page, "canvassButton");
    auto* commonButton = child<QPushButton>(page, "commonPlatesButton");
    CHECK_FALSE(canvassButton->isEnabled()); // no scene yet
    CHECK_FALSE(child<QPushButton>(page, "convoyButton")->isEnabled()); // no plate yet

    // Scene 1 typed in: centre, radius, the evening's window in local time.
    auto* from = child<QDateTimeEdit>(page, "sceneFromEdit");
    auto* to = child<QDateTimeEdit>(page, "sceneToEdit");
    from->setDateTime(QDateTime::fromMSecsSinceEpoch(f.eveningMs - 60000));
    to->setDateTime(QDateTime::fromMSecsSinceEpoch(f.eveningMs + 2 * 3600 * 1000));
    auto* centre = child<QLineEdit>(page, "sceneCentreEdit");
    QTest::keyClicks(centre, QStringLiteral("34.0473, -117.9657"));
    child<QDoubleSpinBox>(page, "sceneRadiusSpin")->setValue(300);
    QTest::mouseClick(child<QPushButton>(page, "addSceneButton"), Qt::LeftButton);
    REQUIRE(page.scenes()->scenes().size() == 1);
    CHECK(page.scenes()->scenes().first().area.type() == QGeoShape::CircleType);

    // A bad centre is refused with a message, nothing added.
    centre->setText(QStringLiteral("north of the mall"));
    QTest::mouseClick(child<QPushButton>(page, "addSceneButton"), Qt::LeftButton);
    CHECK(page.scenes()->scenes().size() == 1);
    CHECK(child<QLabel>(page, "canvassStatus")->text().contains(QStringLiteral("latitude")));

    // Canvass the scene: the suspect first with 3 reads, every plate of the evening, equal to the service's answer.
    page.findChild<QTableView*>(QStringLiteral("sceneTable"))->selectRow(0);
    QTest::mouseClick(canvassButton, Qt::LeftButton);
    auto* results = child<QTableView>(page, "canvassResultsTable");
    auto expected = f.service->scene(page.scenes()->scenes().first());
    REQUIRE(expected);
    REQUIRE(results->model()->rowCount() == expected->plates.size());
    CHECK(results->model()->rowCount() == 22);
    CHECK(page.reads()->rowCount() == 26);
    CHECK(shownPlates(results).first() == QStringLiteral("7PBT942"));
    CHECK(results->model()->index(0, 2).data().toString() == QStringLiteral("3"));
    // With no row selected the reads table holds every read of the result.

    // Selecting the suspect's row shows its 3 reads; a double-click opens a read's details.
    results->selectRow(0);
    QTRY_COMPARE(page.reads()->rowCount(), 3);
    CHECK(page.reads()->readAt(0).plate == QStringLiteral("7PBT942"));
    auto* reads = child<QTableView>(page, "canvassReadsTable");
    const QRect cell = reads->visualRect(reads->model()->index(0, ReadSearchModel::Plate));
    QTest::mouseClick(reads->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(reads->viewport(), Qt::LeftButton, {}, cell.center());
    auto* details = page.findChild<ReadDetailsDialog*>();
    REQUIRE(details);
    REQUIRE(QTest::qWaitForWindowExposed(details));
    CHECK(details->windowTitle().contains(QStringLiteral("26-004711")));
    details->close();

    // Scene 2 from the map's draw tool: a polygon around the other place, the next evening.
    from->setDateTime(QDateTime::fromMSecsSinceEpoch(f.eveningMs + 23 * 3600 * 1000));
    to->setDateTime(QDateTime::fromMSecsSinceEpoch(f.eveningMs + 26 * 3600 * 1000));
    page.addScene(QGeoPolygon(QList<QGeoCoordinate> {
        { 34.061, -117.931 }, { 34.061, -117.929 }, { 34.059, -117.929 }, { 34.059, -117.931 } }));
    REQUIRE(page.scenes()->scenes().size() == 2);
    CHECK(page.scenes()->index(1, SceneListModel::Area).data().toString().contains(QStringLiteral("polygon")));

    // Common plates at both scenes: the suspect and the two others seen on both evenings.
    REQUIRE(commonButton->isEnabled());
    CHECK(child<QSpinBox>(page, "minScenesSpin")->value() == 2);
    QTest::mouseClick(commonButton, Qt::LeftButton);
    QStringList common = shownPlates(results);
    std::sort(common.begin(), common.end());
    CHECK(common == QStringList { QStringLiteral("5OTH001"), QStringLiteral("5OTH002"), QStringLiteral("7PBT942") });

    // Convoy: the companion 20 s behind the suspect, three times (two others were near it twice).
    QTest::keyClicks(child<QLineEdit>(page, "canvassPlateEdit"), QStringLiteral("7pbt-942"));
    REQUIRE(child<QPushButton>(page, "convoyButton")->isEnabled());
    QTest::mouseClick(child<QPushButton>(page, "convoyButton"), Qt::LeftButton);
    REQUIRE(results->model()->rowCount() >= 1);
    CHECK(shownPlates(results).first() == QStringLiteral("6FRIEND"));
    CHECK(results->model()->index(0, 2).data().toString() == QStringLiteral("3"));

    // Locate: two places, the scene with three sightings first.
    QTest::mouseClick(child<QPushButton>(page, "locateButton"), Qt::LeftButton);
    REQUIRE(results->model()->rowCount() == 2);
    CHECK(results->model()->index(0, 2).data().toString() == QStringLiteral("3"));
    CHECK(child<QLabel>(page, "canvassStatus")->text().contains(QStringLiteral("4 sightings in 2 places")));

    // Every analysis left an access record; clearing (lock, case switch) forgets the results.
    auto log = f.session->store().accessLog(QStringLiteral("canvass"), 100);
    REQUIRE(log);
    CHECK(log->size() >= 5);
    page.clear();
    CHECK(results->model()->rowCount() == 0);
    CHECK(page.reads()->rowCount() == 0);
    CHECK(page.scenes()->scenes().size() == 2);
}

TEST_CASE("main window: a shape drawn on the map becomes a scene, its reads go on the map, a clicked read opens")
{
    Fixture f;
    MainWindow window(std::move(f.session));
    window.resize(1800, 900);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    MapView* map = window.mapView();
    REQUIRE(map);
    auto* page = window.findChild<CanvassPage*>(QStringLiteral("canvassPage"));
    REQUIRE(page);
    child<QDateTimeEdit>(*page, "sceneFromEdit")->setDateTime(QDateTime::fromMSecsSinceEpoch(f.eveningMs - 60000));
    child<QDateTimeEdit>(*page, "sceneToEdit")
        ->setDateTime(QDateTime::fromMSecsSinceEpoch(f.eveningMs + 2 * 3600 * 1000));

    // What the circle tool emits when the detective draws the scene.
    Q_EMIT map->areaDrawn(QGeoCircle(kScene, 300));
    REQUIRE(page->scenes()->scenes().size() == 1);
    CHECK(page->isVisible()); // the Canvass page was brought forward
    page->findChild<QTableView*>(QStringLiteral("sceneTable"))->selectRow(0);
    page->canvassScene();
    CHECK(page->reads()->rowCount() == 26);
    CHECK(map->readCount() == 26); // the scene's reads are on the map

    // Clicking one of them on the map opens that read's details (fetched through the gated canvass service).
    const qint64 readId = page->reads()->readAt(0).id;
    Q_EMIT map->readActivated(readId);
    auto* details = window.findChild<ReadDetailsDialog*>();
    REQUIRE(details);
    CHECK(details->windowTitle().contains(QStringLiteral("26-004711")));
    details->close();
}
