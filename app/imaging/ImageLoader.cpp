#include "ImageLoader.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QLocale>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ImageLoader", text);
}

bool jpegComplete(const QByteArray& bytes)
{
    // The end-of-image marker FF D9 ends every complete JPEG; some cameras append a few bytes of padding after it.
    const qsizetype tail = std::max<qsizetype>(0, bytes.size() - 64);
    return bytes.lastIndexOf(QByteArrayView("\xff\xd9", 2)) >= tail;
}

bool pngComplete(const QByteArray& bytes)
{
    // The IEND chunk: length 0, type "IEND", CRC AE 42 60 82 — the last 12 bytes of a complete PNG.
    static const QByteArray iend = QByteArray::fromHex("0000000049454e44ae426082");
    return bytes.endsWith(iend);
}

} // namespace

QByteArray ImageLoader::formatOf(const QByteArray& bytes)
{
    if (bytes.startsWith(QByteArrayView("\xff\xd8\xff", 3)))
        return QByteArrayLiteral("jpeg");
    if (bytes.startsWith(QByteArrayView("\x89PNG\r\n\x1a\n", 8)))
        return QByteArrayLiteral("png");
    return {};
}

Result<QImage> ImageLoader::loadFile(const QString& path, const Limits& limits)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return badInput(tr("%1: the file could not be opened (%2).").arg(name, file.errorString()));
    if (file.size() > limits.maxFileBytes)
        return badInput(tr("%1: the file is %2, larger than the %3 accepted for a photo.")
                            .arg(name, QLocale().formattedDataSize(file.size()),
                                 QLocale().formattedDataSize(limits.maxFileBytes)));
    const QByteArray bytes = file.read(limits.maxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return badInput(tr("%1: the file could not be read (%2).").arg(name, file.errorString()));
    return decode(bytes, name, limits);
}

Result<QImage> ImageLoader::decode(const QByteArray& bytes, const QString& what, const Limits& limits)
{
    if (bytes.isEmpty())
        return badInput(tr("%1: the file is empty.").arg(what));
    if (bytes.size() > limits.maxFileBytes)
        return badInput(tr("%1: %2 of image data, more than the %3 accepted.")
                            .arg(what, QLocale().formattedDataSize(bytes.size()),
                                 QLocale().formattedDataSize(limits.maxFileBytes)));
    const QByteArray format = formatOf(bytes);
    if (format.isEmpty())
        return badInput(tr("%1: not a JPEG or PNG image.").arg(what));

    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, format);
    reader.setAutoTransform(true); // phone photos carry their rotation in EXIF
    const QSize size = reader.size();
    if (!size.isValid())
        return badInput(tr("%1: the %2 header is damaged (%3).").arg(what, QString::fromLatin1(format).toUpper(),
                                                                      reader.errorString()));
    const qint64 pixels = qint64(size.width()) * size.height();
    if (pixels > limits.maxPixels)
        return badInput(tr("%1: the image is %2 × %3 pixels (%4 megapixels); at most %5 megapixels are accepted.")
                            .arg(what)
                            .arg(size.width())
                            .arg(size.height())
                            .arg(double(pixels) / 1e6, 0, 'f', 1)
                            .arg(double(limits.maxPixels) / 1e6, 0, 'f', 0));
    if (format == "jpeg" ? !jpegComplete(bytes) : !pngComplete(bytes))
        return badInput(tr("%1: the file ends early — it is truncated or damaged, and would show only in part.")
                            .arg(what));
    // Qt's own guard against decompression bombs, in MB, set to what the pixel limit allows at 4 bytes a pixel.
    QImageReader::setAllocationLimit(int(std::max<qint64>(256, limits.maxPixels * 4 / (1024 * 1024) + 1)));
    QImage image = reader.read();
    if (image.isNull())
        return badInput(tr("%1: the image could not be decoded (%2).").arg(what, reader.errorString()));
    return image;
}

} // namespace alpr
