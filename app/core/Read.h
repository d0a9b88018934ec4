#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace alpr {

/** One of the OCR engine's alternative readings of a plate, with its confidence (0..100). */
struct PlateCandidate
{
    QString plate; ///< normalised
    float confidence = 0;
    bool operator==(const PlateCandidate&) const = default;
};

/** One plate read by a camera: the unit of ALPR data. Times are UTC milliseconds since the epoch. */
struct Read
{
    qint64 id = 0; ///< store row id; 0 until stored
    QString plate; ///< normalised (see normalisePlate)
    QString state; ///< two-letter issuing state, empty when unknown
    qint64 timeMs = 0;
    double lat = 0;
    double lon = 0;
    float heading = -1; ///< degrees clockwise from north; negative when unknown
    qint64 cameraId = 0;
    float confidence = 0; ///< OCR confidence 0..100
    QList<PlateCandidate> candidates; ///< the OCR's top-N alternatives (not including plate itself)
    QString make;
    QString model;
    QString colour;
    QString sourceFile; ///< file or feed the read came from; with sourceId makes re-imports idempotent
    QString sourceId;
    bool hasImages = false; ///< set when reading from a store
    /// JPEG bytes; only set on the way in (import, demo). Reading them back is a separate, audited call.
    QByteArray overviewJpeg;
    QByteArray plateJpeg;
};

/** A fixed camera or a mobile unit (patrol car) that produces reads. */
struct Camera
{
    qint64 id = 0;
    QString name; ///< unique, e.g. "Azusa Ave & Amar Rd NB" or "Unit 412"
    QString unit; ///< owning unit or agency sub-unit
    bool mobile = false;
    double lat = 0;
    double lon = 0;
    float heading = -1;
};

} // namespace alpr
