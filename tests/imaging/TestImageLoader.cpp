// Photos and stored images: good ones decode; corrupt, truncated, oversized and foreign ones are refused with a
// message naming the file and the reason, and nothing crashes.
#include "ImageLoader.h"
#include "TempDir.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QtEndian>

#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

QByteArray encode(const QImage& image, const char* format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    REQUIRE(image.save(&buffer, format));
    return bytes;
}

QImage picture()
{
    QImage image(320, 200, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgb(x % 256, y, (x * y) % 256));
    return image;
}

quint32 crc32(const QByteArray& data)
{
    quint32 crc = 0xffffffffu;
    for (char ch : data) {
        crc ^= quint8(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/** A valid PNG whose header claims width × height (with a correct CRC, so only the size is wrong). */
QByteArray pngClaiming(quint32 width, quint32 height)
{
    QByteArray png = encode(picture(), "PNG");
    // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), ... CRC over type + data (17 bytes).
    qToBigEndian(width, png.data() + 16);
    qToBigEndian(height, png.data() + 20);
    qToBigEndian(crc32(png.mid(12, 17)), png.data() + 29);
    return png;
}

QString messageOf(const Result<QImage>& r)
{
    return r ? QString() : r.error().message;
}

} // namespace

TEST_CASE("JPEG and PNG photos decode, from bytes and from files", "[imaging][loader]")
{
    test::TempDir dir;
    for (const char* format : { "JPEG", "PNG" }) {
        const QByteArray bytes = encode(picture(), format);
        auto image = ImageLoader::decode(bytes, QStringLiteral("photo"));
        REQUIRE(image);
        CHECK(image->size() == QSize(320, 200));
        const QString path = dir.path(QStringLiteral("photo.") + QString::fromLatin1(format).toLower());
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        auto loaded = ImageLoader::loadFile(path);
        REQUIRE(loaded);
        CHECK(loaded->size() == QSize(320, 200));
    }
}

TEST_CASE("Truncated images are refused, not shown half grey", "[imaging][loader]")
{
    for (const char* format : { "JPEG", "PNG" }) {
        const QByteArray bytes = encode(picture(), format);
        for (double keep : { 0.3, 0.7, 0.95 }) {
            const QByteArray cut = bytes.left(qsizetype(bytes.size() * keep));
            auto r = ImageLoader::decode(cut, QStringLiteral("witness.jpg"));
            INFO(format << " cut to " << keep);
            REQUIRE(!r);
            CHECK(r.error().kind == ErrorKind::BadInput);
            CHECK(r.error().message.startsWith(QStringLiteral("witness.jpg: ")));
            CHECK(r.error().message.contains(QStringLiteral("truncated")));
        }
    }
}

TEST_CASE("Corrupt, empty and foreign files get a clear error and no crash", "[imaging][loader]")
{
    CHECK(messageOf(ImageLoader::decode({}, QStringLiteral("a.png"))).contains(QStringLiteral("empty")));
    CHECK(messageOf(ImageLoader::decode(QByteArray("GIF89a......", 12), QStringLiteral("a.gif")))
              .contains(QStringLiteral("not a JPEG or PNG")));
    CHECK(messageOf(ImageLoader::decode(QByteArray(5000, 'x'), QStringLiteral("a.jpg")))
              .contains(QStringLiteral("not a JPEG or PNG")));

    // Damaged headers: JPEG with its frame header overwritten, PNG with a wrong IHDR checksum.
    QByteArray jpeg = encode(picture(), "JPEG");
    const qsizetype sof = jpeg.indexOf(QByteArray("\xff\xc0", 2));
    REQUIRE(sof > 0);
    for (qsizetype i = sof + 2; i < sof + 12; ++i)
        jpeg[i] = 0;
    auto badJpeg = ImageLoader::decode(jpeg, QStringLiteral("door.jpg"));
    REQUIRE(!badJpeg);
    CHECK(badJpeg.error().message.startsWith(QStringLiteral("door.jpg: ")));
    QByteArray png = encode(picture(), "PNG");
    png[30] = char(png[30] ^ 0x55);
    auto badPng = ImageLoader::decode(png, QStringLiteral("door.png"));
    REQUIRE(!badPng);
    CHECK(badPng.error().message.startsWith(QStringLiteral("door.png: ")));

    // Random bytes after valid signatures, many seeds: refused or decoded, never a crash.
    for (quint32 seed = 1; seed < 40; ++seed) {
        QByteArray noise = encode(picture(), seed % 2 ? "JPEG" : "PNG");
        quint32 x = seed * 2654435761u;
        for (qsizetype i = 20; i < noise.size(); i += 1 + qsizetype(x % 97)) {
            x = x * 1664525u + 1013904223u;
            noise[i] = char(x >> 24);
        }
        (void)ImageLoader::decode(noise, QStringLiteral("fuzz"));
    }

    auto missing = ImageLoader::loadFile(QStringLiteral("/nonexistent/dir/photo.jpg"));
    REQUIRE(!missing);
    CHECK(missing.error().message.startsWith(QStringLiteral("photo.jpg: ")));
}

TEST_CASE("Huge images are refused from the header, before any pixel is decoded", "[imaging][loader]")
{
    const QByteArray bomb = pngClaiming(20000, 20000); // 400 megapixels, a few hundred bytes
    QElapsedTimer timer;
    timer.start();
    auto r = ImageLoader::decode(bomb, QStringLiteral("bomb.png"));
    REQUIRE(!r);
    CHECK(timer.elapsed() < 500);
    CHECK(r.error().message.contains(QStringLiteral("20000 × 20000")));
    CHECK(r.error().message.contains(QStringLiteral("at most 50 megapixels")));

    // Just under the limit by header is not refused for its size (it fails later, on its tiny data).
    CHECK(!messageOf(ImageLoader::decode(pngClaiming(7000, 7000), QStringLiteral("big.png"))).contains(
        QStringLiteral("megapixels")));

    // Files larger than the limit are refused by size, before they are read.
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("large.png"));
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(encode(picture(), "PNG"));
    f.close();
    ImageLoader::Limits tight;
    tight.maxFileBytes = 1000;
    auto large = ImageLoader::loadFile(path, tight);
    REQUIRE(!large);
    CHECK(large.error().message.startsWith(QStringLiteral("large.png: the file is ")));
}
