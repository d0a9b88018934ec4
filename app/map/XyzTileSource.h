#pragma once

#include "Result.h"
#include "TileSource.h"

#include <QHash>
#include <QList>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace alpr {

class TaskRelay;

/**
 * Raster tiles from a tile server by URL template ("https://tile.example.org/{z}/{x}/{y}.png"; {s} cycles through
 * subdomains a, b, c; {-y} is the TMS row). Over QNetworkAccessManager with a QNetworkDiskCache (HTTP caching rules
 * decide freshness), at most a few requests at a time, a User-Agent naming the application and its version as
 * tile usage policies ask, and decoding on the thread pool. file:// templates work too (local tile folders).
 */
class XyzTileSource final : public TileSource
{
    Q_OBJECT

public:
    struct Options
    {
        QString urlTemplate;
        QString name;
        QString attribution; ///< required: tile servers' licences demand a credit
        int minZoom = 0;
        int maxZoom = 19;
        QString cacheDirectory; ///< empty: <cache location>/tiles/<host>
        qint64 cacheBytes = 200 * 1024 * 1024;
        int maxConcurrent = 4;
    };

    /** Checks the template (http, https or file scheme; {z}, {x} and {y} or {-y}) and the attribution. */
    static Result<std::unique_ptr<XyzTileSource>> create(const Options& options, QObject* parent = nullptr);
    ~XyzTileSource() override;

    /** "ALPR-Workstation/<application version> (Qt <version>)". */
    static QString userAgent();
    /** The URL the template gives for a tile. */
    QUrl tileUrl(const TileId& tile) const;

    QString name() const override { return m_options.name; }
    QString attribution() const override { return m_options.attribution; }
    int minZoom() const override { return m_options.minZoom; }
    int maxZoom() const override { return m_options.maxZoom; }
    void requestTile(const TileId& tile) override;
    void cancelQueued() override;

private:
    explicit XyzTileSource(const Options& options, QObject* parent);
    void startNext();
    void finished(QNetworkReply* reply, const TileId& tile);

    Options m_options;
    QNetworkAccessManager* m_network = nullptr;
    QList<TileId> m_queue;
    QHash<TileId, bool> m_pending; ///< queued, downloading or decoding
    int m_running = 0;
    std::shared_ptr<TaskRelay> m_relay;
};

} // namespace alpr
