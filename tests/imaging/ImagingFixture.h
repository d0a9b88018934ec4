#pragma once
// Shared by the imaging tests: overview scenes with known plates drawn by the demo generator's renderer, and a
// signed-in detective with a store of reads carrying such images.
#include "ActiveCase.h"
#include "Authenticator.h"
#include "Crypto.h"
#include "FakeClock.h"
#include "ImageDifference.h"
#include "ImageLoader.h"
#include "KeySlotFile.h"
#include "LocalStore.h"
#include "PlateRenderer.h"
#include "Session.h"
#include "TempDir.h"

#include <QColor>
#include <QDateTime>

#include <catch2/catch_test_macros.hpp>

namespace alpr::test {

struct RenderedScene
{
    QString plate;
    QString state;
    QImage overview; ///< decoded from JPEG, as stored
    QByteArray overviewJpeg;
    QByteArray plateJpeg;
    QRect truth; ///< where the plate is in the overview
};

/** An overview as the demo generator draws it, and the plate's box (found by drawing the scene twice). */
inline RenderedScene renderScene(PlateRenderer& renderer, const QString& plate, const QString& state, bool night,
                                 int view, quint64 seed, const QColor& paint = QColor(150, 152, 156))
{
    RenderedScene s;
    s.plate = plate;
    s.state = state;
    const QString caption = QStringLiteral("Azusa Ave & Amar Rd NB   2026-05-26 08:14:05 PDT");
    const QImage drawn = renderer.overview(plate, state, paint, caption, night, view, seed);
    QString other = plate;
    for (QChar& c : other)
        c = c == u'W' ? u'M' : u'W';
    const QImage twin = renderer.overview(other, state == u"NY" ? QStringLiteral("CA") : QStringLiteral("NY"), paint,
                                          caption, night, view, seed);
    s.truth = ImageDifference::boundingBox(drawn, twin, 12);
    s.overviewJpeg = PlateRenderer::toJpeg(drawn);
    s.overview = ImageLoader::decode(s.overviewJpeg, QStringLiteral("overview")).value();
    s.plateJpeg = PlateRenderer::toJpeg(renderer.crop(plate, state, paint, night, seed));
    return s;
}

inline const QString kDetectivePassword = QStringLiteral("detective has a long test passphrase");
inline const QString kCaseNumber = QStringLiteral("26-000777");

/** A store with a trained detective (no MFA) and the given reads; signed in, inside case 26-000777. */
struct SignedInStore
{
    TempDir dir;
    FakeClock clock;
    QString path = dir.path(QStringLiteral("imaging.alpr"));
    std::unique_ptr<Session> session;
    qint64 cameraId = 0;

    explicit SignedInStore(QList<Read> reads)
    {
        const QByteArray key = randomBytes(32);
        auto store = LocalStore::open(path, key, LocalStore::Mode::CreateNew);
        REQUIRE(store);
        auto storeId = store.value()->setting(QStringLiteral("store_id"));
        REQUIRE(storeId);
        UserRecord u;
        u.name = QStringLiteral("detective");
        u.fullName = QStringLiteral("Dana Reyes");
        u.role = Role::Detective;
        u.agency = QStringLiteral("West Covina PD");
        u.trainedOn = QDate(2026, 5, 1);
        u.refresherDue = u.trainedOn.addYears(1);
        u.createdMs = clock.nowMs();
        u.passwordChangedMs = clock.nowMs();
        REQUIRE(store.value()->addUser(u));
        KeySlotFile keySlots = KeySlotFile::createNew(storeId.value());
        REQUIRE(keySlots.setSlot(u.name, kDetectivePassword, key, kMinimumPbkdf2Iterations));
        REQUIRE(keySlots.save(KeySlotFile::pathForStore(path)));
        REQUIRE(store.value()->setSetting(QStringLiteral("mfa.required"), QStringLiteral("false")));
        REQUIRE(store.value()->setSetting(QStringLiteral("store.kind"), QStringLiteral("demo"))); // MFA-exempt
        Camera camera;
        camera.name = QStringLiteral("Azusa Ave & Amar Rd NB");
        auto cams = store.value()->upsertCameras({ camera });
        REQUIRE(cams);
        cameraId = cams->first().id;
        int serial = 0;
        for (Read& r : reads) {
            r.cameraId = cameraId;
            r.sourceFile = QStringLiteral("imaging-fixture");
            r.sourceId = QString::number(++serial);
            if (r.timeMs == 0)
                r.timeMs = QDateTime(QDate(2026, 5, 26), QTime(8, 0)).toMSecsSinceEpoch() + serial * 60'000;
        }
        REQUIRE(store.value()->addReads(reads));
        store.value().reset();
        auto s = Authenticator(clock).signIn({ path, u.name, kDetectivePassword, QString(), true },
                                             QStringLiteral("test"));
        INFO((s ? QString() : s.error().message).toStdString());
        REQUIRE(s);
        session = std::move(s.value());
        REQUIRE(session->openCase(kCaseNumber, ActiveCase::categories().first(), QStringLiteral("burglary canvass")));
    }

    QList<AuditRow> audit(const QString& event)
    {
        QList<AuditRow> rows;
        REQUIRE(session->store().forEachAudit([&](const AuditRow& r) {
            if (r.event == event)
                rows.append(r);
            return true;
        }));
        return rows;
    }
};

} // namespace alpr::test
