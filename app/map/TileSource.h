#pragma once

#include "TileId.h"

#include <QImage>
#include <QObject>
#include <QString>

namespace alpr {

/**
 * Where basemap tiles come from (XYZ tile server, MBTiles file, a vector layer rendered locally). The map view
 * never names a concrete source.
 *
 * Contract: requestTile() returns at once and never blocks on I/O or decoding; the answer comes later, on the
 * thread the source lives on (the GUI thread), as tileReady() or tileFailed() — never from inside requestTile().
 * Asking again for a tile already in flight does not start a second load. Images are 256 × 256 (or a multiple).
 */
class TileSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~TileSource() override;

    /** Short name for the basemap chooser. */
    virtual QString name() const = 0;
    /** The credit the map must show (licence terms of the data), plain text. */
    virtual QString attribution() const = 0;
    virtual int minZoom() const { return 0; }
    virtual int maxZoom() const { return 19; }
    /** Starts loading a tile; see the class contract. Tiles outside the source's zoom range fail. */
    virtual void requestTile(const TileId& tile) = 0;
    /** Forgets queued requests that have not started (the view moved away); started ones still answer. */
    virtual void cancelQueued() {}

Q_SIGNALS:
    void tileReady(const alpr::TileId& tile, const QImage& image);
    /** The tile cannot be had; reason is user-facing. An empty tile (no data there) is reported as ready+null. */
    void tileFailed(const alpr::TileId& tile, const QString& reason);
};

} // namespace alpr
