#pragma once

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace alpr {

/**
 * Images that come with imported reads, given inline as base64 or as a file path relative to the imported file,
 * checked and turned into the JPEG bytes the store keeps: a JPEG is kept as is once its header reads as one; PNG,
 * BMP, GIF and the other formats Qt reads are converted to JPEG; anything else, a file outside the import folder,
 * or an image larger than the limits is refused with a reason naming the field. Safe on any thread.
 */
class ImageInput
{
public:
    static constexpr qsizetype kMaxBytes = 8 << 20;
    static constexpr int kMaxSide = 10000;

    /** field names the JSON key or column in messages. text may be a data: URI. */
    static Result<QByteArray> fromBase64(QByteArrayView text, const QString& field);
    /** path relative to baseDir (the imported file's folder), or absolute but inside it. */
    static Result<QByteArray> fromPath(const QString& path, const QString& baseDir, const QString& field);
    static Result<QByteArray> toJpeg(const QByteArray& bytes, const QString& field);
};

} // namespace alpr
