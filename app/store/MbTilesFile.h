#pragma once

#include "Result.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <memory>

namespace alpr {

/**
 * A raster MBTiles file (the MBTiles 1.3 spec: SQLite tables `metadata(name, value)` and
 * `tiles(zoom_level, tile_column, tile_row, tile_data)`, rows counted from the south as in TMS), opened read-only
 * through the QSQLCIPHER driver without a key. Nothing is ever written to the file.
 *
 * Threads: like its connection, an MbTilesFile is used only by the thread that opened it (open another one per
 * thread). Errors name the file and say why it cannot be used.
 */
class MbTilesFile
{
public:
    /** Opens and checks the file: a missing, empty, damaged or non-MBTiles file is a BadInput error. */
    static Result<std::unique_ptr<MbTilesFile>> open(const QString& path);
    ~MbTilesFile();
    MbTilesFile(const MbTilesFile&) = delete;
    MbTilesFile& operator=(const MbTilesFile&) = delete;

    const QString& path() const { return m_path; }
    /** The metadata table (name → value): name, format, bounds, minzoom, maxzoom, attribution, ... */
    const QMap<QString, QString>& metadata() const { return m_metadata; }
    /** The zoom levels present in the tiles table (min, max); (0, -1) when it holds no tiles. */
    std::pair<int, int> zoomRange() const { return m_zoomRange; }
    /** The tile's stored bytes (PNG/JPEG as stored), or an empty array when the file has no such tile. */
    Result<QByteArray> tile(int zoom, int column, int tmsRow) const;

private:
    MbTilesFile(QString path, QString connection);
    Status check();

    QString m_path;
    QString m_connection;
    QMap<QString, QString> m_metadata;
    std::pair<int, int> m_zoomRange { 0, -1 };
};

} // namespace alpr
