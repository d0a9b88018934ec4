// The enrolment QR code: a square image with the 4-module quiet zone and the three finder patterns where a scanner
// looks for them, both from the static renderer and as painted by the widget.
#include "QrCodeWidget.h"

#include <QImage>
#include <QPixmap>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

const QString kUri = QStringLiteral("otpauth://totp/ALPR%20Workstation:jdoe?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                                    "&issuer=ALPR%20Workstation&algorithm=SHA1&digits=6&period=30");

/** Reads a QR image back as modules: origin is the top-left pixel of module (0, 0) of the symbol, quiet zone not
 *  included; each module is sampled at its centre. */
struct ModuleReader
{
    QImage image;
    QPoint origin;
    double moduleSize = 1;

    bool dark(int column, int row) const
    {
        const int x = origin.x() + int((column + 0.5) * moduleSize);
        const int y = origin.y() + int((row + 0.5) * moduleSize);
        return qGray(image.pixel(x, y)) < 128;
    }

    /** The 7x7 finder pattern (dark ring, light ring, dark 3x3 core) with its top-left module at (column, row). */
    bool finderAt(int column, int row) const
    {
        for (int dy = 0; dy < 7; ++dy) {
            for (int dx = 0; dx < 7; ++dx) {
                const int ring = std::min(std::min(dx, dy), std::min(6 - dx, 6 - dy)); // 0 outer, 1 light, 2+ core
                if (dark(column + dx, row + dy) != (ring != 1))
                    return false;
            }
        }
        return true;
    }
};

bool allWhite(const QImage& image, const QRect& rect)
{
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            if (image.pixel(x, y) != qRgb(255, 255, 255))
                return false;
        }
    }
    return true;
}

void checkFinderPatterns(const ModuleReader& reader, int modules)
{
    CHECK(reader.finderAt(0, 0));
    CHECK(reader.finderAt(modules - 7, 0));
    CHECK(reader.finderAt(0, modules - 7));
    // Only three corners: the bottom-right one holds data, which is what tells a scanner the orientation.
    CHECK_FALSE(reader.finderAt(modules - 7, modules - 7));
    // Each finder is separated from the data by a light row and column.
    for (int i = 0; i < 8; ++i) {
        CHECK_FALSE(reader.dark(7, i));
        CHECK_FALSE(reader.dark(i, 7));
        CHECK_FALSE(reader.dark(modules - 8, i));
        CHECK_FALSE(reader.dark(i, modules - 8));
    }
}

} // namespace

TEST_CASE("render() draws a square QR code with a white quiet zone and three finder patterns")
{
    constexpr int kModule = 3;
    const QImage image = QrCodeWidget::render(kUri, kModule);
    REQUIRE_FALSE(image.isNull());
    REQUIRE(image.width() == image.height());
    REQUIRE(image.width() % kModule == 0);
    const int modules = image.width() / kModule - 2 * QrCodeWidget::kQuietZoneModules;
    // A QR symbol of version v has 17 + 4v modules a side; this URI needs more than version 1.
    CHECK((modules - 17) % 4 == 0);
    CHECK(modules > 21);

    const int quiet = QrCodeWidget::kQuietZoneModules * kModule;
    const int side = image.width();
    CHECK(allWhite(image, QRect(0, 0, side, quiet)));
    CHECK(allWhite(image, QRect(0, side - quiet, side, quiet)));
    CHECK(allWhite(image, QRect(0, 0, quiet, side)));
    CHECK(allWhite(image, QRect(side - quiet, 0, quiet, side)));
    // Dark pixels start right inside the quiet zone (the finder's corner).
    CHECK(image.pixel(quiet, quiet) == qRgb(0, 0, 0));
    CHECK(image.pixel(quiet - 1, quiet - 1) == qRgb(255, 255, 255));

    checkFinderPatterns(ModuleReader { image, QPoint(quiet, quiet), kModule }, modules);

    // Same text, same symbol; another text, another symbol.
    CHECK(QrCodeWidget::render(kUri, kModule) == image);
    CHECK(QrCodeWidget::render(kUri + QLatin1Char('x'), kModule) != image);
    CHECK(QrCodeWidget::render(kUri, 1).width() == modules + 8);
}

TEST_CASE("render() gives a null image for nothing to encode or too much")
{
    CHECK(QrCodeWidget::render(QString(), 4).isNull());
    CHECK(QrCodeWidget::render(kUri, 0).isNull());
    CHECK(QrCodeWidget::render(QString(4000, QLatin1Char('x')), 1).isNull()); // beyond version 40
}

TEST_CASE("the widget paints the code as the largest square of whole-pixel modules, centred")
{
    QrCodeWidget widget;
    CHECK_FALSE(widget.hasCode());
    widget.setText(kUri);
    REQUIRE(widget.hasCode());
    CHECK(widget.text() == kUri);
    const int modulesWithQuiet = widget.modulesPerSide();
    CHECK(modulesWithQuiet == QrCodeWidget::render(kUri, 1).width());
    CHECK(widget.hasHeightForWidth());
    CHECK(widget.heightForWidth(321) == 321);
    CHECK(widget.sizeHint().width() == widget.sizeHint().height());

    widget.resize(400, 250);
    const QImage shot = widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
    REQUIRE(shot.size() == QSize(400, 250));
    const int moduleSize = 250 / modulesWithQuiet;
    REQUIRE(moduleSize >= 2);
    const int side = moduleSize * modulesWithQuiet;
    const QPoint topLeft((400 - side) / 2, (250 - side) / 2);
    const int quiet = QrCodeWidget::kQuietZoneModules * moduleSize;
    CHECK(allWhite(shot, QRect(topLeft, QSize(side, quiet))));
    CHECK(allWhite(shot, QRect(topLeft, QSize(quiet, side))));
    CHECK(allWhite(shot, QRect(topLeft + QPoint(0, side - quiet), QSize(side, quiet))));
    CHECK(allWhite(shot, QRect(topLeft + QPoint(side - quiet, 0), QSize(quiet, side))));
    checkFinderPatterns(ModuleReader { shot, topLeft + QPoint(quiet, quiet), double(moduleSize) },
                        modulesWithQuiet - 2 * QrCodeWidget::kQuietZoneModules);

    widget.setText(QString());
    CHECK_FALSE(widget.hasCode());
    CHECK(widget.modulesPerSide() == 0);
}
