#pragma once

#include "Result.h"
#include "TileSource.h"

#include <QHash>
#include <QList>

#include <memory>

class QThreadPool;

namespace alpr {

class TaskRelay;

/**
 * Raster tiles from an MBTiles file (png or jpg), read and decoded on a private worker thread that owns its own
 * read-only connection (app/store's MbTilesFile). Rows are flipped from TMS to XYZ here.
 */
class MbTilesSource final : public TileSource
{
    Q_OBJECT

public:
    /** Opens and checks the file (see MbTilesFile::open); vector (pbf) files are refused with a clear error. */
    static Result<std::unique_ptr<MbTilesSource>> open(const QString& path, QObject* parent = nullptr);
    ~MbTilesSource() override;

    QString name() const override { return m_name; }
    QString attribution() const override { return m_attribution; }
    int minZoom() const override { return m_minZoom; }
    int maxZoom() const override { return m_maxZoom; }
    void requestTile(const TileId& tile) override;
    void cancelQueued() override;
    const QString& path() const { return m_path; }

private:
    struct Worker;
    explicit MbTilesSource(const QString& path, QObject* parent);
    void startNext();

    QString m_path;
    QString m_name;
    QString m_attribution;
    int m_minZoom = 0;
    int m_maxZoom = 19;
    QThreadPool* m_pool = nullptr;
    std::shared_ptr<Worker> m_worker;
    std::shared_ptr<TaskRelay> m_relay;
    QList<TileId> m_queue;
    QHash<TileId, bool> m_pending;
    int m_running = 0;
};

} // namespace alpr
