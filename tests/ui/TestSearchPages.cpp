// The Search page, the Partial-plate tool and the read details dialog as a detective drives them: real widgets found
// by objectName, a real encrypted store with reads built here, the real plate dictionary and search service.
#include "AuditLog.h"
#include "Authenticator.h"
#include "CandidateModel.h"
#include "ClipboardGuard.h"
#include "Crypto.h"
#include "FakeClock.h"
#include "KeySlotFile.h"
#include "LocalStore.h"
#include "MainWindow.h"
#include "PartialPlatePage.h"
#include "PlateDictionary.h"
#include "PlatePattern.h"
#include "ReadDetailsDialog.h"
#include "ReadSearchModel.h"
#include "SearchPage.h"
#include "SearchService.h"
#include "Session.h"
#include "TempDir.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QStackedWidget>
#include <QTest>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

const QString kPassword = QStringLiteral("detective has a long test passphrase");
const QString kCase = QStringLiteral("26-004711");
constexpr int kLazyReads = 3000;

QByteArray jpeg(int width, int height, Qt::GlobalColor colour)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    REQUIRE(image.save(&buffer, "JPEG"));
    return bytes;
}

/**
 * A store with one trained detective and a few hundred reads made here: 7PBT942 and its misread 7P8T942, plates
 * matching 7?B*2 and many that do not, OCR alternatives, two cameras, two days; 3,000 reads of 6LAZY00 for paging;
 * one read with images. Signed in, inside case 26-004711, with the dictionary and service built.
 */
struct Fixture
{
    test::TempDir dir;
    test::FakeClock clock;
    QString path = dir.path(QStringLiteral("pages.alpr"));
    QList<Read> reads; ///< what was stored, except the 3,000 paging reads
    Camera azusa;
    Camera unit;
    qint64 day2Ms = 0; ///< local midnight starting the second day
    std::unique_ptr<Session> session;
    PlateDictionary dictionary;
    std::unique_ptr<SearchService> service;
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

        Camera a;
        a.name = QStringLiteral("Azusa Ave & Amar Rd NB");
        a.lat = 34.0473;
        a.lon = -117.9657;
        Camera b;
        b.name = QStringLiteral("Unit 412");
        b.mobile = true;
        auto cams = store.value()->upsertCameras({ a, b });
        REQUIRE(cams);
        azusa = cams->at(0).name == a.name ? cams->at(0) : cams->at(1);
        unit = cams->at(0).name == a.name ? cams->at(1) : cams->at(0);

        const QDateTime day1(QDate(2026, 5, 26), QTime(0, 0));
        day2Ms = day1.addDays(1).toMSecsSinceEpoch();
        int serial = 0;
        auto add = [&](const QString& plate, int day, const Camera& camera, QList<PlateCandidate> candidates = {}) {
            Read r;
            r.plate = plate;
            r.state = QStringLiteral("CA");
            r.timeMs = day1.addDays(day).toMSecsSinceEpoch() + qint64(8 * 60 + serial) * 60'000;
            r.cameraId = camera.id;
            r.lat = camera.lat;
            r.lon = camera.lon;
            r.confidence = 90;
            r.make = QStringLiteral("Honda");
            r.colour = QStringLiteral("gray");
            r.candidates = std::move(candidates);
            r.sourceFile = QStringLiteral("fixture");
            r.sourceId = QString::number(++serial);
            reads.append(r);
            return &reads.last();
        };
        for (int i = 0; i < 3; ++i) {
            add(QStringLiteral("7PBT942"), 0, azusa, { { QStringLiteral("7P8T942"), 55 } });
            add(QStringLiteral("7PBT942"), 1, unit);
        }
        add(QStringLiteral("7P8T942"), 1, azusa, { { QStringLiteral("7PBT942"), 61 } });
        add(QStringLiteral("7P8T942"), 0, unit);
        add(QStringLiteral("7XBQ2"), 0, azusa);
        add(QStringLiteral("7AB2"), 1, unit);
        add(QStringLiteral("4KZZ111"), 1, azusa, { { QStringLiteral("7PBT942"), 40 } });
        const QString fill = QStringLiteral("ABCDEFGHJKLMNPRSTUVWXYZ0123456789");
        for (int i = 0; i < 300; ++i) {
            QString plate = QStringLiteral("%1").arg(QChar(u'1' + i % 6)); // never a 7: 7?B*2 stays countable
            for (int k = 0; k < 6; ++k)
                plate.append(fill.at((i * 7 + k * 13 + k * i) % fill.size()));
            add(plate, i % 2, i % 3 ? azusa : unit);
        }
        Read* withImages = add(QStringLiteral("8IMG001"), 1, azusa);
        withImages->overviewJpeg = jpeg(640, 360, Qt::darkCyan);
        withImages->plateJpeg = jpeg(240, 60, Qt::white);
        REQUIRE(store.value()->addReads(reads));

        QList<Read> lazy;
        for (int i = 0; i < kLazyReads; ++i) {
            Read r;
            r.plate = QStringLiteral("6LAZY00");
            r.timeMs = day2Ms - qint64(i) * 10'000;
            r.cameraId = unit.id;
            r.sourceFile = QStringLiteral("lazy");
            r.sourceId = QString::number(i);
            lazy.append(r);
        }
        REQUIRE(store.value()->addReads(lazy));
        store.value().reset();

        auto s = Authenticator(clock).signIn({ path, u.name, kPassword, QString(), true }, QStringLiteral("test"));
        INFO((s ? QString() : s.error().message).toStdString());
        REQUIRE(s);
        session = std::move(s.value());
        REQUIRE(session->openCase(kCase, ActiveCase::categories().first(), QStringLiteral("burglary canvass")));
        REQUIRE(dictionary.build(session->store()));
        service = std::make_unique<SearchService>(*session, dictionary);
    }

    /** Reads of the fixture matching a pattern, the way a user would count them. */
    QList<Read> matching(const QString& pattern, bool misread = false, bool alternates = false) const
    {
        auto p = PlatePattern::parse(pattern, misread);
        REQUIRE(p);
        QList<Read> out;
        for (const Read& r : reads) {
            bool hit = p->matches(r.plate);
            for (const PlateCandidate& c : r.candidates)
                hit = hit || (alternates && p->matches(c.plate));
            if (hit)
                out.append(r);
        }
        return out;
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

template<typename T> T* child(QObject* parent, const QString& name)
{
    auto* w = parent->findChild<T*>(name);
    INFO("no child " << name.toStdString());
    REQUIRE(w);
    return w;
}

void type(QLineEdit* edit, const QString& text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void click(QAbstractButton* button)
{
    QTest::mouseClick(button, Qt::LeftButton);
}

QStringList platesIn(const QAbstractItemModel* model, int column)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row)
        out.append(model->index(row, column).data().toString());
    return out;
}

QSet<QString> distinct(const QStringList& list)
{
    return QSet<QString>(list.begin(), list.end());
}

} // namespace

TEST_CASE("the search page: pattern errors, patterns, misreads, filters, paging, export, details, clearing")
{
    Fixture f;
    SearchPage page(*f.session, *f.service, f.clipboard);
    page.resize(1200, 800);
    page.show();
    auto* pattern = child<QLineEdit>(&page, QStringLiteral("patternEdit"));
    auto* error = child<QLabel>(&page, QStringLiteral("patternErrorLabel"));
    auto* status = child<QLabel>(&page, QStringLiteral("statusLabel"));
    auto* table = child<QTableView>(&page, QStringLiteral("resultsTable"));
    auto* misread = child<QCheckBox>(&page, QStringLiteral("misreadCheck"));
    auto* cameras = child<QListWidget>(&page, QStringLiteral("cameraList"));
    QAbstractItemModel* model = table->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    CHECK(status->text().contains(kCase)); // the active case is on the page before any query

    // A pattern with an error: the reason and position under the field, the bad character selected.
    {
        const QString bad = QStringLiteral("7?B*2!");
        PlatePattern::ParseError expected;
        REQUIRE_FALSE(PlatePattern::parse(bad, false, &expected));
        REQUIRE(expected.position == 6);
        type(pattern, bad);
        QTest::keyClick(pattern, Qt::Key_Return);
        CHECK(error->isVisible());
        CHECK(error->text().contains(QStringLiteral("Position 6")));
        CHECK(error->text().contains(expected.reason));
        CHECK(pattern->selectionStart() == 5);
        CHECK(pattern->selectedText() == QStringLiteral("!"));
        CHECK(model->rowCount() == 0);
        // Typing again hides the stale message.
        QTest::keyClick(pattern, Qt::Key_Backspace);
        CHECK_FALSE(error->isVisible());
    }

    // Unknowns only would be a canvass by another name: refused with the reason.
    {
        type(pattern, QStringLiteral("*"));
        QTest::keyClick(pattern, Qt::Key_Return);
        CHECK(model->rowCount() == 0);
        CHECK(status->text().contains(QStringLiteral("at least one character")));
        CHECK(f.session->store().accessLog({}, 10)->isEmpty()); // nothing was queried
    }

    // 7?B*2 finds exactly the reads whose plate matches, newest first.
    {
        type(pattern, QStringLiteral("7?B*2"));
        QTest::keyClick(pattern, Qt::Key_Return);
        const QList<Read> expected = f.matching(QStringLiteral("7?B*2"));
        REQUIRE(expected.size() == 8); // 6 x 7PBT942, 7XBQ2, 7AB2 and nothing else
        REQUIRE(model->rowCount() == expected.size());
        CHECK(distinct(platesIn(model, ReadSearchModel::Plate))
              == QSet<QString>({ QStringLiteral("7PBT942"), QStringLiteral("7XBQ2"), QStringLiteral("7AB2") }));
        CHECK(page.model()->readAt(0).timeMs >= page.model()->readAt(model->rowCount() - 1).timeMs);
        CHECK(status->text().contains(QStringLiteral("8</b> reads match")));
        CHECK(status->text().contains(kCase));
    }

    // Misread-tolerant: the 8-for-B variant joins.
    {
        type(pattern, QStringLiteral("7PBT942"));
        QTest::keyClick(pattern, Qt::Key_Return);
        CHECK(distinct(platesIn(model, ReadSearchModel::Plate)) == QSet<QString> { QStringLiteral("7PBT942") });
        click(misread);
        REQUIRE(misread->isChecked());
        QTest::keyClick(pattern, Qt::Key_Return);
        CHECK(distinct(platesIn(model, ReadSearchModel::Plate))
              == QSet<QString>({ QStringLiteral("7PBT942"), QStringLiteral("7P8T942") }));
        CHECK(model->rowCount() == f.matching(QStringLiteral("7PBT942"), true).size());
        click(misread);
    }

    // Camera and time filters narrow the results.
    {
        type(pattern, QStringLiteral("7*"));
        QTest::keyClick(pattern, Qt::Key_Return);
        const int all = model->rowCount();
        REQUIRE(all == f.matching(QStringLiteral("7*")).size());
        QListWidgetItem* azusaItem = nullptr;
        for (int i = 0; i < cameras->count(); ++i) {
            if (cameras->item(i)->data(Qt::UserRole).toLongLong() == f.azusa.id)
                azusaItem = cameras->item(i);
        }
        REQUIRE(azusaItem);
        CHECK(cameras->count() == 2);
        azusaItem->setCheckState(Qt::Checked);
        click(child<QPushButton>(&page, QStringLiteral("searchButton")));
        int expectedAzusa = 0;
        for (const Read& r : f.matching(QStringLiteral("7*")))
            expectedAzusa += r.cameraId == f.azusa.id ? 1 : 0;
        REQUIRE(model->rowCount() == expectedAzusa);
        REQUIRE(expectedAzusa < all);
        CHECK(distinct(platesIn(model, ReadSearchModel::Camera)) == QSet<QString> { f.azusa.name });
        azusaItem->setCheckState(Qt::Unchecked);

        // The second day only: [day 2 00:00, day 3 00:00) local time.
        click(child<QCheckBox>(&page, QStringLiteral("fromCheck")));
        click(child<QCheckBox>(&page, QStringLiteral("toCheck")));
        child<QDateTimeEdit>(&page, QStringLiteral("fromEdit"))->setDateTime(QDateTime::fromMSecsSinceEpoch(f.day2Ms));
        child<QDateTimeEdit>(&page, QStringLiteral("toEdit"))
            ->setDateTime(QDateTime::fromMSecsSinceEpoch(f.day2Ms).addDays(1));
        QTest::keyClick(pattern, Qt::Key_Return);
        int expectedDay2 = 0;
        for (const Read& r : f.matching(QStringLiteral("7*")))
            expectedDay2 += r.timeMs >= f.day2Ms ? 1 : 0;
        REQUIRE(model->rowCount() == expectedDay2);
        REQUIRE(expectedDay2 < all);
        for (int row = 0; row < model->rowCount(); ++row)
            CHECK(page.model()->readAt(row).timeMs >= f.day2Ms);

        // An empty window is refused with a reason, not searched.
        child<QDateTimeEdit>(&page, QStringLiteral("toEdit"))->setDateTime(QDateTime::fromMSecsSinceEpoch(f.day2Ms));
        QTest::keyClick(pattern, Qt::Key_Return);
        CHECK(status->text().contains(QStringLiteral("time window is empty")));
        click(child<QCheckBox>(&page, QStringLiteral("fromCheck")));
        click(child<QCheckBox>(&page, QStringLiteral("toCheck")));
    }

    // Lazy fetch: 3,000 reads arrive a page of 1,000 at a time as the user scrolls.
    {
        type(pattern, QStringLiteral("6LAZY00"));
        QTest::keyClick(pattern, Qt::Key_Return);
        CHECK(model->rowCount() == ReadSearchModel::kPageSize);
        CHECK(model->canFetchMore({}));
        CHECK(status->text().contains(QStringLiteral("scroll for more")));
        table->scrollToBottom();
        QCoreApplication::processEvents();
        REQUIRE(QTest::qWaitFor([&] { return model->rowCount() > ReadSearchModel::kPageSize; }, 5000));
        while (model->canFetchMore({}))
            model->fetchMore({});
        CHECK(model->rowCount() == kLazyReads);
        CHECK(status->text().contains(QStringLiteral("3,000</b> reads match")));
        // Each read exactly once.
        QSet<qint64> ids;
        for (int row = 0; row < model->rowCount(); ++row)
            ids.insert(page.model()->readAt(row).id);
        CHECK(ids.size() == kLazyReads);
    }

    // Copy puts the selected plates on the clipboard through the guard (so a lock can clear them).
    {
        type(pattern, QStringLiteral("7?B*2"));
        QTest::keyClick(pattern, Qt::Key_Return);
        table->selectAll();
        CHECK(page.copySelectedPlates() == 3);
        const QStringList copied = QGuiApplication::clipboard()->text().split(u'\n');
        CHECK(distinct(copied)
              == QSet<QString>({ QStringLiteral("7PBT942"), QStringLiteral("7XBQ2"), QStringLiteral("7AB2") }));
        CHECK(f.clipboard.clearIfOurs());
    }

    // Export: the loaded rows under a first line naming the case, written and audited.
    {
        const QString file = f.dir.path(QStringLiteral("export.csv"));
        REQUIRE(page.exportCsv(file));
        QFile csv(file);
        REQUIRE(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        REQUIRE(lines.size() == 2 + 8);
        CHECK(lines.at(0).contains(kCase));
        CHECK(lines.at(0).contains(QStringLiteral("detective")));
        CHECK(lines.at(1).startsWith(QStringLiteral("read_id,time_local,time_utc,plate")));
        CHECK(lines.at(2).contains(QStringLiteral(",7")));
        const QList<AuditRow> exports = f.audit(QStringLiteral("export.csv"));
        REQUIRE(exports.size() == 1);
        const QJsonObject detail = QJsonDocument::fromJson(exports.first().detail.toUtf8()).object();
        CHECK(detail.value(QStringLiteral("case")).toString() == kCase);
        CHECK(detail.value(QStringLiteral("rows")).toInt() == 8);
        CHECK(detail.value(QStringLiteral("file")).toString() == QStringLiteral("export.csv"));
        CHECK(exports.first().outcome == QStringLiteral("success"));
    }

    // Double-click opens the read's details with its images; viewing them is audited.
    {
        type(pattern, QStringLiteral("8IMG001"));
        QTest::keyClick(pattern, Qt::Key_Return);
        REQUIRE(model->rowCount() == 1);
        const QPoint cell = table->visualRect(model->index(0, ReadSearchModel::Plate)).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell);
        auto* dialog = page.findChild<ReadDetailsDialog*>();
        REQUIRE(dialog);
        REQUIRE(QTest::qWaitForWindowExposed(dialog));
        CHECK(dialog->showsImages());
        auto* overview = child<QLabel>(dialog, QStringLiteral("overviewImage"));
        CHECK(overview->isVisible());
        CHECK_FALSE(overview->pixmap().isNull());
        CHECK(overview->pixmap().width() <= overview->width()); // scaled to fit
        CHECK_FALSE(child<QLabel>(dialog, QStringLiteral("plateImage"))->pixmap().isNull());
        CHECK(child<QLabel>(dialog, QStringLiteral("plateValue"))->text() == QStringLiteral("8IMG001"));
        CHECK(child<QLabel>(dialog, QStringLiteral("cameraValue"))->text() == f.azusa.name);
        CHECK(dialog->windowTitle().contains(kCase));
        const QList<AuditRow> views = f.audit(QStringLiteral("image.view"));
        REQUIRE(views.size() == 1);
        const QJsonObject detail = QJsonDocument::fromJson(views.first().detail.toUtf8()).object();
        CHECK(detail.value(QStringLiteral("read_id")).toInteger() == page.model()->readAt(0).id);
        CHECK(detail.value(QStringLiteral("case")).toString() == kCase);

        // Clearing (lock, case switch) closes it and forgets the rows.
        const QPointer<ReadDetailsDialog> guard(dialog);
        page.clear();
        CHECK((guard.isNull() || !guard->isVisible()));
        CHECK(model->rowCount() == 0);
        CHECK_FALSE(status->text().contains(QStringLiteral("reads match")));
    }

    // A read without images says so, and nothing is audited as viewed.
    {
        type(pattern, QStringLiteral("7XBQ2"));
        QTest::keyClick(pattern, Qt::Key_Return);
        REQUIRE(model->rowCount() == 1);
        ReadDetailsDialog dialog(*f.session, page.model()->readAt(0), f.azusa.name);
        CHECK_FALSE(dialog.showsImages());
        CHECK(child<QLabel>(&dialog, QStringLiteral("imageStatusLabel"))->text().contains(QStringLiteral("No images")));
        CHECK(child<QTableWidget>(&dialog, QStringLiteral("candidatesTable"))->rowCount() == 1);
        CHECK(f.audit(QStringLiteral("image.view")).size() == 1);
    }
}

TEST_CASE("the partial-plate tool: boxes and pattern in sync both ways, ranked candidates, a candidate's reads")
{
    Fixture f;
    PartialPlatePage page(*f.session, *f.service, f.clipboard);
    page.resize(1200, 850);
    page.show();
    auto* pattern = child<QLineEdit>(&page, QStringLiteral("patternEdit"));
    auto* lengthKnown = child<QCheckBox>(&page, QStringLiteral("lengthKnownCheck"));
    auto* lengthSpin = child<QSpinBox>(&page, QStringLiteral("lengthSpin"));
    auto* gapCombo = child<QComboBox>(&page, QStringLiteral("gapCombo"));
    auto* complexity = child<QLabel>(&page, QStringLiteral("complexityLabel"));
    auto* boxes = child<QWidget>(&page, QStringLiteral("boxesContainer"));
    auto box = [&](int position) { return child<QWidget>(&page, QStringLiteral("positionBox%1").arg(position)); };
    auto boxEdit = [&](int position) { return child<QLineEdit>(box(position), QStringLiteral("charsEdit")); };
    auto boxMode = [&](int position) { return child<QComboBox>(box(position), QStringLiteral("modeCombo")); };

    CHECK(child<QCheckBox>(&page, QStringLiteral("alternativesCheck"))->isChecked()); // on by default here
    CHECK(child<QLabel>(&page, QStringLiteral("misreadGroupsLabel"))->text().contains(QStringLiteral("8B")));

    // Boxes -> pattern: a seven-character plate, 7 first, B third, 2 last, 8 or B fifth.
    REQUIRE(lengthKnown->isChecked());
    REQUIRE(lengthSpin->value() == 7);
    CHECK(pattern->text() == QStringLiteral("???????"));
    QTest::keyClicks(boxEdit(1), QStringLiteral("7"));
    QTest::keyClicks(boxEdit(3), QStringLiteral("b"));
    QTest::keyClicks(boxEdit(7), QStringLiteral("2"));
    CHECK(pattern->text() == QStringLiteral("7?B???2"));
    QTest::keyClicks(boxEdit(5), QStringLiteral("8B"));
    CHECK(boxMode(5)->currentText() == QStringLiteral("one of"));
    CHECK(pattern->text() == QStringLiteral("7?B?[8B]?2"));

    // Unknown length: the unknown run goes after the boxes unless the user puts it elsewhere.
    click(lengthKnown);
    CHECK(pattern->text() == QStringLiteral("7?B?[8B]?2*"));
    lengthSpin->setValue(4);
    CHECK(pattern->text() == QStringLiteral("7?B?*"));
    QTest::keyClicks(boxEdit(4), QStringLiteral("2"));
    CHECK(pattern->text() == QStringLiteral("7?B2*"));
    gapCombo->setFocus();
    for (int i = 0; i < 4; ++i) // down to "in the middle: 3 at the start, 1 at the end"
        QTest::keyClick(gapCombo, Qt::Key_Down);
    CHECK(gapCombo->currentData().toInt() == 3);
    CHECK(pattern->text() == QStringLiteral("7?B*2"));
    CHECK(child<QWidget>(&page, QStringLiteral("gapMarker"))->isVisible());

    // Pattern -> boxes.
    type(pattern, QStringLiteral("7??B*"));
    CHECK_FALSE(lengthKnown->isChecked());
    CHECK(lengthSpin->value() == 4);
    CHECK(gapCombo->currentData().toInt() == 4);
    CHECK(boxEdit(1)->text() == QStringLiteral("7"));
    CHECK(boxMode(1)->currentText() == QStringLiteral("known"));
    CHECK(boxMode(2)->currentText() == QStringLiteral("any"));
    CHECK(boxMode(3)->currentText() == QStringLiteral("any"));
    CHECK(boxEdit(4)->text() == QStringLiteral("B"));
    CHECK(pattern->text() == QStringLiteral("7??B*")); // typing is never rewritten under the user
    type(pattern, QStringLiteral("7[!0O]?[8B]42"));
    CHECK(lengthKnown->isChecked());
    CHECK(lengthSpin->value() == 6);
    CHECK(boxMode(2)->currentText() == QStringLiteral("none of"));
    CHECK(boxEdit(2)->text() == QStringLiteral("0O"));
    CHECK(boxEdit(4)->text() == QStringLiteral("8B"));
    CHECK(page.builderPattern() == QStringLiteral("7[!0O]?[8B]42"));

    // A pattern the boxes cannot show disables them until it is cleared.
    type(pattern, QStringLiteral("7*A*B*2"));
    CHECK(complexity->isVisible());
    CHECK(complexity->text().contains(QStringLiteral("too complex for the boxes")));
    CHECK_FALSE(boxes->isEnabled());
    pattern->selectAll();
    QTest::keyClick(pattern, Qt::Key_Backspace);
    CHECK(boxes->isEnabled());
    CHECK_FALSE(complexity->isVisible());

    // Only unknowns is not a lead.
    page.setPattern(QStringLiteral("???????"));
    click(child<QPushButton>(&page, QStringLiteral("findButton")));
    CHECK(child<QLabel>(&page, QStringLiteral("statusLabel"))->text().contains(QStringLiteral("at least one")));

    // Candidates: exact before widened.
    page.setPattern(QStringLiteral("7P8T942"));
    click(child<QCheckBox>(&page, QStringLiteral("misreadCheck")));
    QTest::keyClick(pattern, Qt::Key_Return);
    auto* candidates = child<QTableView>(&page, QStringLiteral("candidatesTable"));
    QAbstractItemModelTester tester(candidates->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(candidates->model()->rowCount() == 2);
    CHECK(candidates->model()->index(0, CandidateModel::Plate).data().toString() == QStringLiteral("7P8T942"));
    CHECK(candidates->model()->index(0, CandidateModel::Match).data().toString() == QStringLiteral("exact"));
    CHECK(candidates->model()->index(1, CandidateModel::Plate).data().toString() == QStringLiteral("7PBT942"));
    CHECK(candidates->model()->index(1, CandidateModel::Match).data().toString() == QStringLiteral("1 misread"));
    CHECK(child<QLabel>(&page, QStringLiteral("statusLabel"))->text().contains(kCase));

    // Selecting a candidate lists its reads (with alternatives on: also reads that offered it as an alternative).
    auto* readsTable = child<QTableView>(&page, QStringLiteral("readsTable"));
    CHECK(readsTable->model()->rowCount() == 0);
    QTest::mouseClick(candidates->viewport(), Qt::LeftButton, {},
                      candidates->visualRect(candidates->model()->index(1, CandidateModel::Plate)).center());
    const QList<Read> expected = f.matching(QStringLiteral("7PBT942"), false, true);
    REQUIRE(expected.size() == 8); // 6 reads of it, the misread 7P8T942 and 4KZZ111 that offered it
    CHECK(readsTable->model()->rowCount() == expected.size());
    CHECK(child<QLabel>(&page, QStringLiteral("readsLabel"))->text().contains(QStringLiteral("7PBT942")));

    // Sorting the candidates by another column and back by rank.
    candidates->sortByColumn(CandidateModel::Plate, Qt::AscendingOrder);
    CHECK(candidates->model()->index(0, CandidateModel::Plate).data().toString() == QStringLiteral("7P8T942"));
    candidates->sortByColumn(CandidateModel::Rank, Qt::DescendingOrder);
    CHECK(candidates->model()->index(0, CandidateModel::Plate).data().toString() == QStringLiteral("7PBT942"));

    // A scene ranks by nearness; a malformed one is refused with the format to use.
    click(child<QCheckBox>(&page, QStringLiteral("sceneCheck")));
    type(child<QLineEdit>(&page, QStringLiteral("sceneLocationEdit")), QStringLiteral("34.0473;-117.9657"));
    QTest::keyClick(pattern, Qt::Key_Return);
    CHECK(child<QLabel>(&page, QStringLiteral("statusLabel"))->text().contains(QStringLiteral("34.0473,-117.9657")));
    type(child<QLineEdit>(&page, QStringLiteral("sceneLocationEdit")), QStringLiteral("34.0473,-117.9657"));
    QTest::keyClick(pattern, Qt::Key_Return);
    REQUIRE(candidates->model()->rowCount() == 2);
    CHECK_FALSE(candidates->isColumnHidden(CandidateModel::Nearest));

    // Clearing forgets both lists.
    page.clear();
    CHECK(candidates->model()->rowCount() == 0);
    CHECK(readsTable->model()->rowCount() == 0);
}

TEST_CASE("the main window offers Search and Partial plate before Latest reads, and locking clears their results")
{
    Fixture f;
    MainWindow window(std::move(f.session));
    window.show();
    CHECK(window.pageTitle(0) == QStringLiteral("Search"));
    CHECK(window.pageTitle(1) == QStringLiteral("Partial plate"));
    CHECK(window.pageTitle(2) == QStringLiteral("Latest reads"));
    window.showPage(QStringLiteral("searchPage"));
    auto* page = child<SearchPage>(&window, QStringLiteral("searchPage"));
    type(child<QLineEdit>(page, QStringLiteral("patternEdit")), QStringLiteral("7?B*2"));
    QTest::keyClick(child<QLineEdit>(page, QStringLiteral("patternEdit")), Qt::Key_Return);
    CHECK(page->model()->rowCount() == 8);
    auto* partial = child<PartialPlatePage>(&window, QStringLiteral("partialPlatePage"));
    partial->setPattern(QStringLiteral("7PBT942"));
    partial->findCandidates();
    CHECK(partial->candidateModel()->rowCount() == 1);
    const QString caseNumber = window.session().activeCase()->number;
    CHECK(window.windowTitle().contains(caseNumber));
    window.lockNow(QStringLiteral("manual"));
    CHECK(page->model()->rowCount() == 0);
    CHECK(partial->candidateModel()->rowCount() == 0);
    // Locked: nothing of the investigation shows, not even the case number.
    CHECK_FALSE(window.windowTitle().contains(caseNumber));
    CHECK(child<QLabel>(&window, QStringLiteral("caseStatus"))->text().isEmpty());
    CHECK(child<QStackedWidget>(&window, QStringLiteral("rootStack"))->currentWidget()->objectName()
          == QStringLiteral("lockScreen"));
}

TEST_CASE("the read and candidate models are well-behaved, page lazily and keep a sort across pages")
{
    ReadSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const qint64 total = 2500;
    qint64 served = 0;
    int calls = 0;
    model.setSource(
        [&](int n) {
            ++calls;
            QList<Read> page;
            for (; served < total && page.size() < n; ++served) {
                Read r;
                r.id = total - served;
                r.timeMs = 1'780'000'000'000 - served * 1000;
                r.plate = QStringLiteral("P%1").arg((served * 7919) % 10007, 5, 10, QLatin1Char('0'));
                r.confidence = float(served % 100);
                r.candidates = { { r.plate + u'X', 10 } };
                page.append(r);
            }
            return Result<QList<Read>>(page);
        },
        {});
    CHECK(calls == 1); // the first page only
    CHECK(model.rowCount() == ReadSearchModel::kPageSize);
    CHECK(model.canFetchMore({}));

    // Sorted by plate, a later page is merged into the order rather than appended under it.
    const QPersistentModelIndex first(model.index(0, ReadSearchModel::Plate));
    const QString firstPlate = first.data().toString();
    model.sort(ReadSearchModel::Plate, Qt::AscendingOrder);
    CHECK(first.data().toString() == firstPlate); // persistent indexes follow their rows
    model.fetchMore({});
    model.fetchMore({});
    CHECK(model.rowCount() == total);
    CHECK_FALSE(model.canFetchMore({}));
    for (int row = 1; row < model.rowCount(); ++row)
        REQUIRE(model.readAt(row - 1).plate <= model.readAt(row).plate);
    CHECK(model.index(0, ReadSearchModel::Plate).data().toString() == model.readAt(0).plate);
    // Back to the search's own order: newest first.
    model.sort(ReadSearchModel::Time, Qt::DescendingOrder);
    for (int row = 1; row < model.rowCount(); ++row)
        REQUIRE(model.readAt(row - 1).timeMs > model.readAt(row).timeMs);
    model.sort(ReadSearchModel::Confidence, Qt::DescendingOrder);
    CHECK(model.readAt(0).confidence == 99.0f);
    model.clear();
    CHECK(model.rowCount() == 0);
    CHECK_FALSE(model.canFetchMore({}));

    // A failing page stops the fetching and says why.
    model.setSource([](int) { return Result<QList<Read>>(policyError(QStringLiteral("no case"))); }, {});
    CHECK(model.rowCount() == 0);
    CHECK(model.lastError() == QStringLiteral("no case"));
    CHECK_FALSE(model.canFetchMore({}));

    CandidateModel candidates;
    QAbstractItemModelTester candidateTester(&candidates, QAbstractItemModelTester::FailureReportingMode::Fatal);
    CandidatePlate c;
    c.plate = QStringLiteral("7PBT942");
    c.readCount = 3;
    c.sceneDistanceM = 350;
    c.sceneTimeGapMs = 12 * 60'000;
    candidates.setCandidates({ c, c }, true);
    CHECK(candidates.rowCount() == 2);
    CHECK(candidates.index(0, CandidateModel::Nearest).data().toString() == QStringLiteral("350 m, 12 min away"));
    candidates.clear();
    CHECK(candidates.rowCount() == 0);
}
