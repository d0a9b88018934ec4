#pragma once

#include "Store.h"

#include <QSqlDatabase>

namespace alpr {

/**
 * The local store's geo-time queries (the SQL behind Store::forEachReadInBoxes and its companions, and the plain-SQL
 * baselines of `alpr-cli bench canvass`).
 *
 * The spatio-temporal index: every read has a grid cell, a virtual generated column of reads computed from its
 * latitude and longitude (cells of 1/400 degree of latitude by 1/330 degree of longitude, about 280 m x 280 m in
 * southern California), and the index reads_cell_time on (cell, time_ms, plate_id, lat, lon) covers the queries.
 * A box and time window is then one short range scan per cell it touches: a 500 m scene is about 25 of them, each
 * over only that cell's reads in the window. SQLite keeps the index current on every insert, so the read writer needs
 * no extra step; a bulk load drops and rebuilds it with the other read indexes.
 *
 * cellOf() here and the generated column of migration step 2 must compute the same number; they use the same
 * operations in the same order on the same doubles (tested).
 */
class ReadAreaQueries
{
public:
    static constexpr double kLatCellsPerDegree = 400.0;
    static constexpr double kLonCellsPerDegree = 330.0;
    static constexpr qint64 kRowStride = 200000; ///< cells per row of latitude (more than 360 * 330)
    /** Boxes touching more cells than this are answered through the time index instead (huge areas, short windows). */
    static constexpr qint64 kMaxCellsPerBox = 4096;

    static qint64 latCell(double lat) { return qint64((lat + 90.0) * kLatCellsPerDegree); }
    static qint64 lonCell(double lon) { return qint64((lon + 180.0) * kLonCellsPerDegree); }
    static qint64 cellOf(double lat, double lon) { return latCell(lat) * kRowStride + lonCell(lon); }

    /** The index's definition (also written by migration step 2); LocalStore's bulk load drops and rebuilds it. */
    static const char* createIndexSql();
    static const char* dropIndexSql();

    ReadAreaQueries(QSqlDatabase db, QString storePath);

    Status forEachReadInBoxes(const QList<GeoTimeBox>& boxes, const std::function<bool(int, const ReadPoint&)>& sink);
    Result<QList<ReadPoint>> readPointsOfPlate(const QString& plate, qint64 fromMs, qint64 toMs);
    Result<QHash<qint64, QString>> plateTexts(const QList<qint64>& plateIds);
    Result<QList<Read>> readsByIds(const QList<qint64>& readIds);

    Result<QList<ReadPoint>> circleReadsBaseline(const CircleWindow& scene);
    Result<QHash<qint64, QList<qint64>>> commonPlatesBaseline(const QList<CircleWindow>& scenes, int minScenes);
    Result<QHash<qint64, qint64>> convoyBaseline(const QString& plate, qint64 fromMs, qint64 toMs, qint64 withinMs,
                                                 double withinM, int minTimes);

private:
    Error error(const QString& what, const QString& detail) const;

    QSqlDatabase m_db;
    QString m_path;
};

} // namespace alpr
