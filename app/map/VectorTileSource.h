#pragma once

#include "TileSource.h"

#include <QHash>
#include <QList>

#include <memory>

namespace alpr {

struct GeoJsonLayer;
class TaskRelay;

/**
 * A basemap drawn locally from a GeoJSON layer: each 256 px tile is rendered on the thread pool with QPainter on a
 * QImage. Lines are styled by road class when the features say it (property "highway", "class", "fclass" or
 * "road_class": motorway, trunk, primary, secondary, tertiary, residential, ...); unclassified lines are drawn as
 * arterial streets. Points are drawn as small dots from zoom 17, polygons as light fills.
 */
class VectorTileSource final : public TileSource
{
    Q_OBJECT

public:
    struct Prepared;

    VectorTileSource(const GeoJsonLayer& layer, const QString& name, const QString& attribution,
                     QObject* parent = nullptr);
    ~VectorTileSource() override;

    QString name() const override { return m_name; }
    QString attribution() const override { return m_attribution; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return 20; }
    void requestTile(const TileId& tile) override;
    void cancelQueued() override;

    /** Renders one tile synchronously (what the worker does); for tests and benchmarks. Any thread. */
    QImage renderTile(const TileId& tile) const;

private:
    void startNext();

    std::shared_ptr<const Prepared> m_prepared;
    QString m_name;
    QString m_attribution;
    QHash<TileId, bool> m_pending; ///< queued or rendering
    QList<TileId> m_queue; ///< newest first
    int m_running = 0;
    std::shared_ptr<TaskRelay> m_relay;
};

} // namespace alpr
