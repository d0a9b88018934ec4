// The image viewer driven offscreen as a detective uses it: follow a results table, page through reads (each view
// audited), zoom, enhance, reset, compare two reads, and export evidence with an audit row whose hashes match the
// files. The stored originals stay byte for byte as they were.
#include "AuditLog.h"
#include "ClipboardGuard.h"
#include "CompareView.h"
#include "EnhancementPanel.h"
#include "EvidenceExporter.h"
#include "ImageCanvas.h"
#include "ImageViewer.h"
#include "ImagingFixture.h"
#include "MatView.h"
#include "ReadDetailsDialog.h"
#include "ReadImagePane.h"
#include "ReadSearchModel.h"
#include "ReadsPage.h"
#include "Store.h"

#include <QApplication>
#include <QCheckBox>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QWheelEvent>

#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

struct Viewing
{
    std::vector<test::RenderedScene> scenes;
    std::unique_ptr<test::SignedInStore> store;

    Viewing()
    {
        PlateRenderer renderer;
        const QStringList plates { QStringLiteral("7PBT942"), QStringLiteral("7P8T942"), QStringLiteral("4KZZ111") };
        QList<Read> reads;
        for (int i = 0; i < plates.size(); ++i) {
            scenes.push_back(test::renderScene(renderer, plates[i], QStringLiteral("CA"), i == 2, i, 1000 + i));
            Read r;
            r.plate = plates[i];
            r.state = QStringLiteral("CA");
            r.confidence = 90;
            r.overviewJpeg = scenes.back().overviewJpeg;
            r.plateJpeg = scenes.back().plateJpeg;
            reads.append(r);
        }
        Read noImages;
        noImages.plate = QStringLiteral("5NOIMG0");
        reads.append(noImages);
        store = std::make_unique<test::SignedInStore>(reads);
    }

    QByteArray storedOverview(qint64 readId) { return store->session->store().readImages(readId)->first; }
    QByteArray storedPlate(qint64 readId) { return store->session->store().readImages(readId)->second; }
};

QString hexSha256(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QJsonObject detailOf(const AuditRow& row)
{
    return QJsonDocument::fromJson(row.detail.toUtf8()).object();
}

} // namespace

TEST_CASE("The viewer follows a results table, pages with the keyboard, and audits every read it shows",
          "[imaging][viewer][gui]")
{
    Viewing v;
    ClipboardGuard clipboard;
    ReadsPage page(*v.store->session, clipboard);
    page.refresh();
    INFO(page.findChild<QLabel*>(QStringLiteral("summaryLabel"))->text().toStdString());
    auto* table = page.findChild<QTableView*>(QStringLiteral("latestReadsTable"));
    REQUIRE(table);
    REQUIRE(table->model()->rowCount() == 4);

    ImageViewer viewer(*v.store->session);
    viewer.resize(1100, 700);
    viewer.followTable(table);
    const auto viewsBefore = v.store->audit(QStringLiteral("image.view")).size();

    // Newest first: 5NOIMG0 (no images), 4KZZ111, 7P8T942, 7PBT942. Start on the second row.
    // Hidden: selecting a row fetches nothing (no audit row) until the viewer is looked at.
    table->setCurrentIndex(table->model()->index(1, 0));
    CHECK(v.store->audit(QStringLiteral("image.view")).size() == viewsBefore);
    viewer.show();
    REQUIRE(QTest::qWaitForWindowExposed(&viewer));
    viewer.activateWindow();
    viewer.pane()->canvas(ReadImagePane::Overview)->setFocus();
    const qint64 first = viewer.pane()->read().id;
    REQUIRE(first != 0);
    REQUIRE(v.store->audit(QStringLiteral("image.view")).size() == viewsBefore + 1);
    CHECK(detailOf(v.store->audit(QStringLiteral("image.view")).last()).value(QStringLiteral("read_id")).toInteger()
          == first);

    // Page Down / Page Up walk the table's rows (newest first); each read shown is one audit row.
    QTest::keyClick(&viewer, Qt::Key_PageDown);
    CHECK(table->currentIndex().row() == 2);
    CHECK(viewer.pane()->read().id != first);
    CHECK(viewer.findChild<QLabel*>(QStringLiteral("positionLabel"))->text() == QStringLiteral("3 of 4"));
    QTest::keyClick(&viewer, Qt::Key_PageUp);
    CHECK(table->currentIndex().row() == 1);
    CHECK(viewer.pane()->read().id == first);
    CHECK(v.store->audit(QStringLiteral("image.view")).size() == viewsBefore + 3);
    viewer.next();
    viewer.next();
    CHECK(table->currentIndex().row() == 3);
    viewer.next(); // at the end: stays
    CHECK(table->currentIndex().row() == 3);

    // The read without images says so instead of showing nothing, and is not audited as a viewing.
    auto* model = qobject_cast<ReadSearchModel*>(table->model());
    REQUIRE(model);
    int bare = -1;
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->readAt(row).plate == u"5NOIMG0")
            bare = row;
    REQUIRE(bare >= 0);
    const auto views = v.store->audit(QStringLiteral("image.view")).size();
    table->setCurrentIndex(model->index(bare, 0));
    CHECK(!viewer.pane()->hasRead());
    CHECK(viewer.pane()->findChild<QLabel*>(QStringLiteral("readTitle"))->text().contains(
        QStringLiteral("No images are stored")));
    CHECK(v.store->audit(QStringLiteral("image.view")).size() == views);
}

TEST_CASE("Zoom, enhance, reset and export evidence from the viewer", "[imaging][viewer][gui]")
{
    Viewing v;
    auto latest = v.store->session->store().latestReads(10);
    REQUIRE(latest);
    Read read;
    for (const Read& r : latest.value())
        if (r.plate == u"7PBT942")
            read = r;
    REQUIRE(read.hasImages);
    const QByteArray overviewBefore = v.storedOverview(read.id);
    const QByteArray plateBefore = v.storedPlate(read.id);

    ImageViewer viewer(*v.store->session);
    viewer.resize(1200, 760);
    viewer.show();
    REQUIRE(QTest::qWaitForWindowExposed(&viewer));
    const bool shown = viewer.showRead(read, QStringLiteral("Azusa Ave & Amar Rd NB"));
    INFO(viewer.pane()->findChild<QLabel*>(QStringLiteral("readTitle"))->text().toStdString());
    REQUIRE(shown);
    const QImage originalOverview = viewer.pane()->original(ReadImagePane::Overview).copy();

    // Zoom: wheel about the pointer, 1:1, fit.
    ImageCanvas* canvas = viewer.pane()->canvas(ReadImagePane::Overview);
    REQUIRE(canvas->isFitted());
    const double fitted = canvas->zoom();
    const QPointF at(canvas->width() / 3.0, canvas->height() / 2.0);
    const QPointF under = canvas->toImage(at);
    QWheelEvent wheel(at, canvas->mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas, &wheel);
    CHECK(canvas->zoom() > fitted * 1.4);
    CHECK(QLineF(canvas->toImage(at), under).length() < 1.0); // the point under the pointer stays put
    // Drag to pan: the image moves with the pointer.
    const QPointF before = canvas->toWidget(QPointF(0, 0));
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, QPoint(200, 200));
    QMouseEvent move(QEvent::MouseMove, QPointF(230, 215), canvas->mapToGlobal(QPointF(230, 215)), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(canvas, &move);
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, QPoint(230, 215));
    CHECK(QLineF(canvas->toWidget(QPointF(0, 0)) - before, QPointF(30, 15)).length() < 1.0);
    CHECK(!canvas->isFitted());
    viewer.setTarget(ReadImagePane::Overview);
    viewer.activateWindow();
    canvas->setFocus();
    QTest::keyClick(&viewer, Qt::Key_1, Qt::ControlModifier);
    CHECK(canvas->zoom() == 1.0);
    QTest::keyClick(&viewer, Qt::Key_0, Qt::ControlModifier);
    CHECK(canvas->isFitted());

    // Enhance the overview: contrast and gamma on, done off the GUI thread, shown; the original is untouched.
    auto* panel = viewer.panel();
    panel->findChild<QCheckBox*>(QStringLiteral("contrastCheck"))->setChecked(true);
    panel->findChild<QCheckBox*>(QStringLiteral("gammaCheck"))->setChecked(true);
    REQUIRE(viewer.waitForEnhancements(10000));
    QCoreApplication::processEvents();
    const QImage enhanced = viewer.shownImage(ReadImagePane::Overview);
    CHECK(enhanced.size() == originalOverview.size());
    CHECK(enhanced != MatView::working(originalOverview));
    CHECK(viewer.pane()->findChild<QLabel*>(QStringLiteral("overviewCaption"))->text().contains(
        QStringLiteral("enhanced")));
    CHECK(viewer.pane()->original(ReadImagePane::Overview) == originalOverview);

    // Export: a PNG with the caption, an audit row whose hashes are the stored original's and the file's.
    const QString path = v.store->dir.path(QStringLiteral("evidence.png"));
    auto record = viewer.exportEvidence(path);
    INFO((record ? QString() : record.error().message).toStdString());
    REQUIRE(record);
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    const auto rows = v.store->audit(EvidenceExporter::auditEvent());
    REQUIRE(rows.size() == 1);
    const QJsonObject detail = detailOf(rows.first());
    CHECK(detail.value(QStringLiteral("export_sha256")).toString() == hexSha256(written));
    CHECK(detail.value(QStringLiteral("original_sha256")).toString() == hexSha256(overviewBefore));
    CHECK(detail.value(QStringLiteral("case")).toString() == test::kCaseNumber);
    CHECK(detail.value(QStringLiteral("read_id")).toInteger() == read.id);
    CHECK(detail.value(QStringLiteral("enhancements")).toArray().size() == 2);
    CHECK(rows.first().username == u"detective");
    const QImage exported = QImage::fromData(written, "PNG");
    REQUIRE(!exported.isNull());
    CHECK(exported.width() == std::max(960, enhanced.width()));
    CHECK(exported.height() > enhanced.height() + 60); // the caption strip
    // The image part is the enhanced image, pixel for pixel.
    CHECK(exported.copy(QRect(QPoint((exported.width() - enhanced.width()) / 2, 0), enhanced.size()))
              .convertToFormat(QImage::Format_RGB888)
          == enhanced.convertToFormat(QImage::Format_RGB888));
    CHECK(v.store->session->audit().verify()->ok);

    // Reset: back to the original, pixel for pixel.
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("resetAllButton")), Qt::LeftButton);
    REQUIRE(viewer.waitForEnhancements(10000));
    QCoreApplication::processEvents();
    CHECK(viewer.shownImage(ReadImagePane::Overview).convertToFormat(QImage::Format_RGB888)
          == originalOverview.convertToFormat(QImage::Format_RGB888));
    CHECK(!viewer.settings(ReadImagePane::Overview).any());

    // Straighten the plate crop from the automatic corners: a smaller, upright plate image.
    viewer.setTarget(ReadImagePane::Plate);
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("findQuadButton")), Qt::LeftButton);
    for (int i = 0; i < 200 && !viewer.settings(ReadImagePane::Plate).perspectiveActive(); ++i)
        QTest::qWait(20);
    REQUIRE(viewer.settings(ReadImagePane::Plate).perspectiveActive());
    REQUIRE(viewer.waitForEnhancements(10000));
    QCoreApplication::processEvents();
    const QImage straightened = viewer.shownImage(ReadImagePane::Plate);
    CHECK(straightened.width() < viewer.pane()->original(ReadImagePane::Plate).width());
    CHECK(std::abs(double(straightened.width()) / straightened.height() - 2.0) < 0.6);

    // The stored originals never changed.
    CHECK(v.storedOverview(read.id) == overviewBefore);
    CHECK(v.storedPlate(read.id) == plateBefore);
    CHECK(viewer.pane()->originalBytes(ReadImagePane::Overview) == overviewBefore);

    // A file name the exporter cannot encode is refused, with no audit row.
    auto refused = viewer.exportEvidence(v.store->dir.path(QStringLiteral("evidence.tiff")));
    CHECK(!refused);
    CHECK(v.store->audit(EvidenceExporter::auditEvent()).size() == 1);
}

TEST_CASE("Two reads side by side in the compare view, zooming together", "[imaging][viewer][gui]")
{
    Viewing v;
    auto latest = v.store->session->store().latestReads(10);
    REQUIRE(latest);
    QList<Read> withImages;
    for (const Read& r : latest.value())
        if (r.hasImages)
            withImages.append(r);
    REQUIRE(withImages.size() >= 2);
    ImageViewer viewer(*v.store->session);
    viewer.show();
    REQUIRE(viewer.showRead(withImages[0], QString()));
    viewer.pinForCompare();
    REQUIRE(viewer.showRead(withImages[1], QString()));
    CompareView* compare = viewer.compareWithPinned();
    REQUIRE(compare);
    CHECK(compare->first()->read().id == withImages[0].id);
    CHECK(compare->second()->read().id == withImages[1].id);
    compare->first()->canvas(ReadImagePane::Plate)->setZoom(3.0);
    CHECK(compare->second()->canvas(ReadImagePane::Plate)->zoom() == 3.0);
    // A lock or case switch clears the viewer and closes its compare windows.
    QPointer<CompareView> guard(compare);
    viewer.clear();
    CHECK(guard.isNull());
    CHECK(!viewer.pane()->hasRead());
}

TEST_CASE("From a read's details to the viewer", "[imaging][viewer][gui]")
{
    Viewing v;
    auto latest = v.store->session->store().latestReads(10);
    REQUIRE(latest);
    Read read;
    for (const Read& r : latest.value())
        if (r.hasImages)
            read = r;
    ReadDetailsDialog details(*v.store->session, read, QStringLiteral("Azusa Ave & Amar Rd NB"));
    auto* inspect = details.findChild<QPushButton*>(QStringLiteral("inspectImagesButton"));
    REQUIRE(inspect);
    QTest::mouseClick(inspect, Qt::LeftButton);
    auto* viewer = details.findChild<ImageViewer*>();
    REQUIRE(viewer);
    CHECK(viewer->pane()->read().id == read.id);
}
