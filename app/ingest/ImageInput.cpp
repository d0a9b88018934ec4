#include "ImageInput.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>

namespace alpr {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ImageInput", text);
}
} // namespace

Result<QByteArray> ImageInput::fromBase64(QByteArrayView text, const QString& field)
{
    if (text.startsWith("data:")) {
        const qsizetype comma = text.indexOf(',');
        if (comma < 0 || !text.first(comma).endsWith(";base64"))
            return badInput(tr("%1: a data: URI that is not base64").arg(field));
        text = text.sliced(comma + 1);
    }
    if (text.size() > kMaxBytes / 3 * 4 + 4)
        return badInput(tr("%1: image larger than %2 MB").arg(field).arg(kMaxBytes >> 20));
    auto decoded = QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return badInput(tr("%1: not valid base64").arg(field));
    if (decoded.decoded.isEmpty())
        return badInput(tr("%1: empty image").arg(field));
    return toJpeg(decoded.decoded, field);
}

Result<QByteArray> ImageInput::fromPath(const QString& path, const QString& baseDir, const QString& field)
{
    if (path.contains(QChar(0)))
        return badInput(tr("%1: not a file name").arg(field));
    const QString base = QFileInfo(baseDir).canonicalFilePath();
    const QFileInfo info(QDir(baseDir).absoluteFilePath(path));
    // Canonical paths resolve "..", symbolic links and mounts alike: the file must really live in the folder.
    const QString real = info.canonicalFilePath();
    if (real.isEmpty())
        return badInput(tr("%1: no such image file '%2'").arg(field, path));
    if (base.isEmpty() || !real.startsWith(base + QLatin1Char('/')))
        return badInput(tr("%1: '%2' is outside the imported file's folder; refused").arg(field, path));
    if (!info.isFile())
        return badInput(tr("%1: '%2' is not a file").arg(field, path));
    if (info.size() > kMaxBytes)
        return badInput(tr("%1: image larger than %2 MB").arg(field).arg(kMaxBytes >> 20));
    QFile f(real);
    if (!f.open(QIODevice::ReadOnly))
        return badInput(tr("%1: cannot read '%2': %3").arg(field, path, f.errorString()));
    return toJpeg(f.read(kMaxBytes + 1), field);
}

Result<QByteArray> ImageInput::toJpeg(const QByteArray& bytes, const QString& field)
{
    if (bytes.size() > kMaxBytes)
        return badInput(tr("%1: image larger than %2 MB").arg(field).arg(kMaxBytes >> 20));
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QByteArray format = reader.format();
    if (format.isEmpty() || !reader.canRead())
        return badInput(tr("%1: not an image (neither JPEG nor another format this workstation reads)").arg(field));
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > kMaxSide || size.height() > kMaxSide))
        return badInput(tr("%1: image of %2×%3 pixels is larger than allowed (%4 per side)")
                            .arg(field)
                            .arg(size.width())
                            .arg(size.height())
                            .arg(kMaxSide));
    if (format == "jpeg" || format == "jpg") {
        if (!size.isValid() || size.isEmpty())
            return badInput(tr("%1: a damaged JPEG (no image size in its header)").arg(field));
        return bytes;
    }
    const QImage image = reader.read();
    if (image.isNull())
        return badInput(
            tr("%1: the %2 image cannot be decoded: %3").arg(field, QString::fromLatin1(format), reader.errorString()));
    QByteArray jpeg;
    QBuffer out(&jpeg);
    out.open(QIODevice::WriteOnly);
    if (!image.convertToFormat(QImage::Format_RGB32).save(&out, "JPEG", 90))
        return failure(tr("%1: converting the %2 image to JPEG failed").arg(field, QString::fromLatin1(format)));
    return jpeg;
}

} // namespace alpr
