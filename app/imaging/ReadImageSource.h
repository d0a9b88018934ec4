#pragma once

#include "Result.h"

#include <QByteArray>
#include <QImage>
#include <QString>

namespace alpr {

class Session;

/** A read's two images as stored (JPEG bytes, untouched) and decoded. */
struct ReadImages
{
    qint64 readId = 0;
    QByteArray overviewJpeg;
    QByteArray plateJpeg;
    QImage overview; ///< null when none is stored or it could not be decoded
    QImage plate;
    QString problem; ///< set when one of the two stored images could not be decoded
};

/**
 * Fetches a read's images the way policy requires, the same way ReadDetailsDialog does: Session::authorise
 * (Permission::ViewImages: role, training, active case), Store::readImages, then one "image.view" audit row
 * (read id, case, where it was viewed) — and if that row cannot be written the images are not returned. Use on the
 * thread that owns the session's store.
 */
class ReadImageSource
{
public:
    /** via names the place of viewing in the audit detail, e.g. "image viewer" or "compare". */
    static Result<ReadImages> fetch(Session& session, qint64 readId, const QString& via);
};

} // namespace alpr
