#pragma once

#include "Store.h"

#include <QGeoShape>
#include <QList>
#include <QString>
#include <QTimeZone>
#include <array>

namespace alpr {

/** One crime scene: an area and a half-open time window [fromMs, toMs) in UTC ms. */
struct Scene
{
    QString label; ///< shown in results ("Scene 2"); empty = numbered by position
    QGeoShape area; ///< QGeoCircle, QGeoRectangle or QGeoPolygon
    qint64 fromMs = 0;
    qint64 toMs = 0;
};

/** A distinct plate at a scene with its reads there. */
struct ScenePlate
{
    qint64 plateId = 0;
    QString plate;
    qint64 reads = 0;
    qint64 firstMs = 0;
    qint64 lastMs = 0;
};

/** Scene canvass: the reads inside the area and window (oldest first) and the plates ranked by read count. */
struct SceneResult
{
    QList<ReadPoint> reads;
    QList<ScenePlate> plates; ///< most reads first, then earliest seen, then plate text
};

/** A plate seen at at least K of several scenes. */
struct CommonPlate
{
    qint64 plateId = 0;
    QString plate;
    int scenes = 0; ///< scenes it was read at
    QList<qint64> readsPerScene; ///< one entry per scene, 0 where not seen
    qint64 totalReads = 0;
    QList<ReadPoint> reads; ///< its reads at the scenes, oldest first (a read inside two scenes once)
};

struct MultiSceneResult
{
    QList<qint64> readsPerScene; ///< all reads at each scene
    QList<CommonPlate> plates; ///< most scenes first, then most reads, then plate text
};

/** Convoy: plates seen near a target plate's sightings (within withinMs and withinMetres, both inclusive). */
struct ConvoyQuery
{
    QString plate; ///< normalised target plate
    qint64 withinMs = 60 * 1000;
    double withinMetres = 100;
    int minTimes = 2; ///< distinct target sightings a plate must be seen near
    qint64 fromMs = std::numeric_limits<qint64>::min(); ///< target sightings considered: [fromMs, toMs)
    qint64 toMs = std::numeric_limits<qint64>::max();
};

struct ConvoyPlate
{
    qint64 plateId = 0;
    QString plate;
    int sightingsMatched = 0; ///< distinct target sightings it was seen near
    qint64 coReads = 0; ///< its reads near any target sighting (a read near two sightings counts once)
    qint64 firstMs = 0; ///< its first and last such read
    qint64 lastMs = 0;
    QList<ReadPoint> reads; ///< those reads, oldest first
};

struct ConvoyResult
{
    qint64 targetPlateId = 0; ///< 0 when the plate has no reads in the window
    QList<ReadPoint> targetSightings; ///< oldest first
    QList<ConvoyPlate> plates; ///< most sightings matched first, then most co-reads, then plate text
};

/** Locate: where a plate is usually seen. */
struct LocateQuery
{
    QString plate;
    double clusterMetres = 200; ///< sightings within this distance of a cluster's centre belong to it
    qint64 fromMs = std::numeric_limits<qint64>::min();
    qint64 toMs = std::numeric_limits<qint64>::max();
    QTimeZone zone = QTimeZone::systemTimeZone(); ///< for hours of the day
};

struct SightingCluster
{
    double lat = 0; ///< the centre: the sighting with the most others around it
    double lon = 0;
    double meanLat = 0;
    double meanLon = 0;
    double spreadMetres = 0; ///< farthest member from the centre
    int sightings = 0;
    int days = 0; ///< distinct local dates
    qint64 firstMs = 0;
    qint64 lastMs = 0;
    std::array<int, 24> byHour {}; ///< sightings per local hour of day
    QList<int> usualHours; ///< the busiest hours holding at least half the sightings, ascending
    QList<ReadPoint> reads; ///< its sightings, oldest first
};

struct LocateResult
{
    qint64 plateId = 0; ///< 0 when the plate has no reads in the window
    int sightings = 0;
    QList<SightingCluster> clusters; ///< most sightings first
};

} // namespace alpr
