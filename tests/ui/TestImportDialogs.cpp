// The import dialog and the column-mapping dialog driven as a records clerk would, offscreen, on a real store.
#include "Authenticator.h"
#include "ColumnMappingDialog.h"
#include "Crypto.h"
#include "FakeClock.h"
#include "ImportDialog.h"
#include "ImportService.h"
#include "ImporterRegistry.h"
#include "KeySlotFile.h"
#include "LocalStore.h"
#include "MappingPreviewModel.h"
#include "PlateDictionary.h"
#include "PlatePattern.h"
#include "Session.h"
#include "TempDir.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

const QString kPassword = QStringLiteral("records clerk has a long test passphrase");

struct Fixture
{
    test::TempDir dir;
    test::FakeClock clock { QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch() };
    QString path = dir.path(QStringLiteral("import.alpr"));
    std::unique_ptr<Session> session;
    PlateDictionary dictionary;

    explicit Fixture(Role role = Role::Clerk)
    {
        const QByteArray key = randomBytes(32);
        auto store = LocalStore::open(path, key, LocalStore::Mode::CreateNew);
        REQUIRE(store);
        UserRecord u;
        u.name = QStringLiteral("clerk");
        u.role = role;
        u.trainedOn = QDate(2026, 5, 1);
        u.refresherDue = u.trainedOn.addYears(1);
        u.createdMs = clock.nowMs();
        u.passwordChangedMs = clock.nowMs();
        REQUIRE(store.value()->addUser(u));
        KeySlotFile keySlots = KeySlotFile::createNew(store.value()->setting(QStringLiteral("store_id")).value());
        REQUIRE(keySlots.setSlot(u.name, kPassword, key, kMinimumPbkdf2Iterations));
        REQUIRE(keySlots.save(KeySlotFile::pathForStore(path)));
        REQUIRE(store.value()->setSetting(QStringLiteral("mfa.required"), QStringLiteral("false")));
        REQUIRE(store.value()->setSetting(QStringLiteral("store.kind"), QStringLiteral("demo")));
        Read seed;
        seed.plate = QStringLiteral("OLD0001");
        seed.timeMs = clock.nowMs() - 86400000;
        seed.lat = 34;
        seed.lon = -117;
        seed.sourceFile = QStringLiteral("seed");
        seed.sourceId = QStringLiteral("1");
        REQUIRE(store.value()->addReads({ seed }));
        store.value().reset();
        auto s = Authenticator(clock).signIn({ path, u.name, kPassword, QString(), true }, QStringLiteral("test"));
        INFO((s ? QString() : s.error().message).toStdString());
        REQUIRE(s);
        session = std::move(s.value());
        REQUIRE(dictionary.build(session->store()));
    }

    QString write(const QString& name, const QByteArray& data)
    {
        const QString p = dir.path(name);
        QFile f(p);
        REQUIRE(f.open(QIODevice::WriteOnly));
        REQUIRE(f.write(data) == data.size());
        return p;
    }
};

const QByteArray kExport = "Plate|Date/Time|Lat|Lon|Camera|State|Color\n"
                           "7PBT942|03/07/2026 11:15:00 PM|34.0686|-117.9390|Azusa Ave NB|CA|Silver\n"
                           "8NEW001|03/08/2026 01:59:30 AM|34.0700|-117.9400|Azusa Ave NB|CA|White\n"
                           "8NEW002|03/08/2026 02:30:00 AM|34.0700|-117.9400|Azusa Ave NB|CA|White\n"
                           "8NEW003|03/08/2026 03:05:00 AM|34.0710|-117.9410|Unit 412|NV|Black\n"
                           "|03/08/2026 03:06:00 AM|34.0710|-117.9410|Unit 412|NV|Black\n"
                           "8NEW004|03/08/2026 03:07:00 AM|91.0|-117.9410|Unit 412|AZ|Red\n"
                           "8NEW005|03/08/2026 03:08:00 AM|34.0720|-117.9420|Unit 412||Blue\n";

void maybeShoot(QWidget& w, const char* name)
{
    const QString dir = qEnvironmentVariable("ALPR_SCREENS_DIR");
    if (dir.isEmpty())
        return;
    w.show();
    QTest::qWait(200);
    w.grab().save(QDir(dir).filePath(QString::fromLatin1(name)));
}

} // namespace

TEST_CASE("Column mapping dialog: first guess, live preview with reasons, zone, save and load")
{
    Fixture f;
    const QString csv = f.write(QStringLiteral("unit412.txt"), kExport);
    QFile file(csv);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const CsvMapping guessed = ColumnMappingDialog::guess(file.readAll());
    CHECK(guessed.delimiter == '|');
    CHECK(guessed.columns.value(CsvMapping::Field::Plate).name == QStringLiteral("Plate"));
    CHECK(guessed.columns.value(CsvMapping::Field::Time).name == QStringLiteral("Date/Time"));
    CHECK(guessed.columns.value(CsvMapping::Field::Latitude).name == QStringLiteral("Lat"));
    CHECK(guessed.columns.value(CsvMapping::Field::Colour).name == QStringLiteral("Color"));

    ColumnMappingDialog dialog(csv, guessed);
    dialog.show();
    auto* table = dialog.findChild<QTableView*>(QStringLiteral("previewTable"));
    auto* status = dialog.findChild<QLabel*>(QStringLiteral("mappingStatus"));
    auto* format = dialog.findChild<QComboBox*>(QStringLiteral("timeFormatCombo"));
    auto* zone = dialog.findChild<QComboBox*>(QStringLiteral("zoneCombo"));
    auto* plate = dialog.findChild<QComboBox*>(QStringLiteral("column_plate"));
    REQUIRE(table);
    REQUIRE(status);
    REQUIRE(format);
    REQUIRE(zone);
    REQUIRE(plate);
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::Warning);
    // The guessed mapping reads ISO times: every row is rejected, and says why.
    CHECK(status->text().contains(QStringLiteral("7 would be rejected")));
    format->setCurrentText(QStringLiteral("MM/dd/yyyy hh:mm:ss AP"));
    // No zone yet: the dialog says the zone is needed.
    CHECK(status->text().contains(QStringLiteral("time.zone")));
    zone->setCurrentText(QStringLiteral("America/Los_Angeles"));
    INFO(status->text().toStdString());
    CHECK(status->text().contains(QStringLiteral("4 import")));
    CHECK(status->text().contains(QStringLiteral("3 would be rejected")));
    QAbstractItemModel* model = table->model();
    REQUIRE(model->rowCount() == 7);
    auto cell = [&](int row, int column) { return model->index(row, column).data().toString(); };
    CHECK(cell(0, MappingPreviewModel::Status) == QStringLiteral("OK"));
    CHECK(cell(0, MappingPreviewModel::Plate) == QStringLiteral("7PBT942"));
    CHECK(cell(2, MappingPreviewModel::Line) == QStringLiteral("4"));
    CHECK(cell(2, MappingPreviewModel::Status).contains(QStringLiteral("does not exist")));
    CHECK(cell(4, MappingPreviewModel::Status).contains(QStringLiteral("plate")));
    CHECK(cell(5, MappingPreviewModel::Status).contains(QStringLiteral("latitude")));
    maybeShoot(dialog, "import-mapping-dialog.png");

    // Choosing "(none)" for the plate is flagged at once and OK is refused.
    plate->setCurrentIndex(0);
    CHECK(status->text().contains(QStringLiteral("columns.plate")));
    dialog.accept();
    CHECK(dialog.result() != QDialog::Accepted);
    plate->setCurrentIndex(plate->findText(QStringLiteral("Plate")));

    // Saved and loaded again: the same mapping.
    const CsvMapping chosen = dialog.mapping();
    CHECK(chosen.timeZone == QStringLiteral("America/Los_Angeles"));
    REQUIRE(chosen.save(f.dir.path(QStringLiteral("m.json"))).ok());
    ColumnMappingDialog other(csv, CsvMapping());
    QString error;
    REQUIRE(other.loadFile(f.dir.path(QStringLiteral("m.json")), &error));
    CHECK(other.mapping() == chosen);
    f.write(QStringLiteral("bad.json"), R"({"columns": {"plate": "Plate", "time": "T", "colour": 3, "heading": []}})");
    CHECK(!other.loadFile(f.dir.path(QStringLiteral("bad.json")), &error));
    CHECK(error.contains(QStringLiteral("columns.heading")));
}

TEST_CASE("Import dialog: runs off the GUI thread with progress, summary with reasons, dictionary learns plates")
{
    Fixture f;
    const QString csv = f.write(QStringLiteral("unit412.txt"), kExport);
    QByteArray big = "plate,time,lat,lon\n";
    for (int i = 0; i < 20000; ++i)
        big += QStringLiteral("9BIG%1,2026-03-01T10:%2:%3Z,34.1,-117.9\n")
                   .arg(i, 3, 10, QLatin1Char('0'))
                   .arg(i / 60 % 60, 2, 10, QLatin1Char('0'))
                   .arg(i % 60, 2, 10, QLatin1Char('0'))
                   .toUtf8();
    const QString bigCsv = f.write(QStringLiteral("big.csv"), big);
    const ImporterRegistry registry = ImporterRegistry::standard();
    ImportDialog dialog(*f.session, registry, &f.dictionary);
    dialog.setBatchSize(1000);
    dialog.show();
    auto* importButton = dialog.findChild<QPushButton*>(QStringLiteral("importButton"));
    REQUIRE(importButton);
    dialog.setFiles({ csv });
    // Delimited text without a mapping cannot start.
    CHECK(!importButton->isEnabled());
    CsvMapping m;
    m.delimiter = '|';
    m.columns.insert(CsvMapping::Field::Plate, { QStringLiteral("Plate"), 0 });
    m.columns.insert(CsvMapping::Field::Time, { QStringLiteral("Date/Time"), 0 });
    m.columns.insert(CsvMapping::Field::Latitude, { QStringLiteral("Lat"), 0 });
    m.columns.insert(CsvMapping::Field::Longitude, { QStringLiteral("Lon"), 0 });
    m.columns.insert(CsvMapping::Field::Camera, { QStringLiteral("Camera"), 0 });
    m.timeFormat = QStringLiteral("MM/dd/yyyy hh:mm:ss AP");
    m.timeZone = QStringLiteral("America/Los_Angeles");
    dialog.setMapping(m);
    REQUIRE(importButton->isEnabled());
    maybeShoot(dialog, "import-dialog-ready.png");

    {
        const Status allowed = ImportService(*f.session).authorise({ csv });
        INFO((allowed ? QString() : allowed.error().message).toStdString());
        REQUIRE(allowed.ok());
    }
    QSignalSpy finished(&dialog, &ImportDialog::importFinished);
    QTest::mouseClick(importButton, Qt::LeftButton);
    REQUIRE((finished.count() > 0 || finished.wait(20000)));
    const ImportSummary& s = dialog.summary();
    CHECK(s.inserted() == 4);
    CHECK(s.rejected() == 3);
    auto* issues = dialog.findChild<QTableView*>(QStringLiteral("issueTable"));
    REQUIRE(issues);
    CHECK(issues->isVisible());
    QAbstractItemModelTester tester(issues->model(), QAbstractItemModelTester::FailureReportingMode::Warning);
    CHECK(issues->model()->rowCount() == 3);
    CHECK(issues->model()->index(0, 1).data().toInt() == 4);
    CHECK(dialog.findChild<QPushButton*>(QStringLiteral("exportIssuesButton"))->isVisible());
    CHECK(s.issuesCsv().startsWith("file,line,reason\n"));
    maybeShoot(dialog, "import-dialog-summary.png");
    // The dictionary knows the new plates without a rebuild, with the store's counts.
    auto pattern = PlatePattern::parse(QStringLiteral("8NEW*"), false);
    REQUIRE(pattern);
    CHECK(f.dictionary.match(pattern.value(), false).size() == 3);

    // The same file again adds nothing.
    QSignalSpy again(&dialog, &ImportDialog::importFinished);
    dialog.startImport();
    REQUIRE((again.count() > 0 || again.wait(20000)));
    CHECK(dialog.summary().inserted() == 0);
    CHECK(dialog.summary().alreadyPresent() == 4);

    // A bigger file: the window stays live (events are processed between batches) and Cancel stops it.
    dialog.setFiles({ bigCsv });
    CsvMapping simple;
    simple.columns.insert(CsvMapping::Field::Plate, { QStringLiteral("plate"), 0 });
    simple.columns.insert(CsvMapping::Field::Time, { QStringLiteral("time"), 0 });
    simple.columns.insert(CsvMapping::Field::Latitude, { QStringLiteral("lat"), 0 });
    simple.columns.insert(CsvMapping::Field::Longitude, { QStringLiteral("lon"), 0 });
    dialog.setMapping(simple);
    QSignalSpy third(&dialog, &ImportDialog::importFinished);
    dialog.startImport();
    CHECK(dialog.isRunning());
    // Cancel once the first batch is in.
    QElapsedTimer waited;
    waited.start();
    while (dialog.isRunning() && f.session->store().stats()->reads < 1 + 4 + 1000 && waited.elapsed() < 20000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    REQUIRE(dialog.isRunning());
    dialog.reject(); // Cancel import
    REQUIRE(third.count() == 1);
    CHECK(dialog.summary().cancelled);
    CHECK(dialog.summary().inserted() >= 1000);
    CHECK(dialog.summary().inserted() < 20000);
    CHECK(dialog.isVisible()); // cancelling the import does not close the dialog
    // The store and the summary agree on what was kept.
    auto stats = f.session->store().stats();
    REQUIRE(stats);
    CHECK(stats->reads == 1 + 4 + dialog.summary().inserted());
}

TEST_CASE("Import is offered to the roles that load field data only")
{
    for (Role role : { Role::Detective, Role::Admin }) {
        Fixture f(role);
        const ImporterRegistry registry = ImporterRegistry::standard();
        ImportDialog dialog(*f.session, registry, nullptr);
        dialog.setFiles({ f.write(QStringLiteral("a.json"), R"({"data_type":"alpr_group","best_plate_number":"X1",
            "best_uuid":"u","epoch_start":1772359200000,"gps_latitude":34,"gps_longitude":-117})") });
        QSignalSpy finished(&dialog, &ImportDialog::importFinished);
        QString refusal;
        // The refusal is a message box: read it and close it as a user would.
        QTimer::singleShot(0, [&] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                refusal = box->text();
                box->reject();
            }
        });
        dialog.startImport();
        INFO(refusal.toStdString());
        CHECK(refusal.contains(QStringLiteral("may not import")));
        CHECK(!dialog.isRunning());
        CHECK(finished.count() == 0);
        CHECK(f.session->store().stats()->reads == 1);
    }
}
