#pragma once

#include "Result.h"

#include <QByteArray>
#include <QImage>
#include <QString>

namespace alpr {

/**
 * Decodes JPEG and PNG images with Qt, refusing what would hurt the workstation or mislead the user, each with a
 * message that names the file and the reason: files over maxFileBytes, images over maxPixels (checked from the
 * header before any pixel is decoded), other formats, corrupt data, and truncated files (a JPEG without its end
 * marker, a PNG without its IEND chunk — Qt would otherwise show the missing part as grey and call it success).
 */
class ImageLoader
{
public:
    struct Limits
    {
        qint64 maxFileBytes = 64 * 1024 * 1024;
        qint64 maxPixels = 50'000'000;
    };

    /** Reads and decodes the file at path. */
    static Result<QImage> loadFile(const QString& path, const Limits& limits);
    static Result<QImage> loadFile(const QString& path) { return loadFile(path, Limits {}); }
    /** Decodes bytes; what names them in messages (e.g. "the overview image of read 12", or a file name). */
    static Result<QImage> decode(const QByteArray& bytes, const QString& what, const Limits& limits);
    static Result<QImage> decode(const QByteArray& bytes, const QString& what)
    {
        return decode(bytes, what, Limits {});
    }
    /** "jpeg", "png", or empty when bytes start with neither signature. */
    static QByteArray formatOf(const QByteArray& bytes);
};

} // namespace alpr
