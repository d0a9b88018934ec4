#include "XyzTileSource.h"

#include "TaskRelay.h"
#include "WebMercator.h"

#include <QCoreApplication>
#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStandardPaths>
#include <QThreadPool>

namespace alpr {

Result<std::unique_ptr<XyzTileSource>> XyzTileSource::create(const Options& options, QObject* parent)
{
    const QString& t = options.urlTemplate;
    const QUrl probe(QString(t).replace(QLatin1String("{"), QString()).replace(QLatin1String("}"), QString()));
    const QString scheme = probe.scheme().toLower();
    if (!probe.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")
                             && scheme != QLatin1String("file")))
        return badInput(tr("Tile URL '%1': not an http, https or file URL.").arg(t));
    if (!t.contains(QLatin1String("{z}")) || !t.contains(QLatin1String("{x}"))
        || !(t.contains(QLatin1String("{y}")) || t.contains(QLatin1String("{-y}"))))
        return badInput(tr("Tile URL '%1': the template needs {z}, {x} and {y} (or {-y}).").arg(t));
    if (options.attribution.trimmed().isEmpty())
        return badInput(tr("Tile URL '%1': give the tile server's attribution; its licence requires the credit "
                           "on the map.").arg(t));
    if (options.minZoom < 0 || options.maxZoom > 22 || options.minZoom > options.maxZoom)
        return badInput(tr("Tile URL '%1': zoom range %2–%3 is not within 0–22.")
                            .arg(t).arg(options.minZoom).arg(options.maxZoom));
    return std::unique_ptr<XyzTileSource>(new XyzTileSource(options, parent));
}

XyzTileSource::XyzTileSource(const Options& options, QObject* parent)
    : TileSource(parent)
    , m_options(options)
    , m_network(new QNetworkAccessManager(this))
    , m_relay(TaskRelay::make(this))
{
    if (m_options.name.isEmpty())
        m_options.name = QUrl(m_options.urlTemplate).host();
    QString dir = m_options.cacheDirectory;
    if (dir.isEmpty()) {
        const QString host = QUrl(m_options.urlTemplate).host();
        dir = QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
                  .filePath(QStringLiteral("tiles/") + (host.isEmpty() ? QStringLiteral("local") : host));
    }
    auto* cache = new QNetworkDiskCache(m_network);
    cache->setCacheDirectory(dir);
    cache->setMaximumCacheSize(m_options.cacheBytes);
    m_network->setCache(cache);
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

XyzTileSource::~XyzTileSource()
{
    m_relay->detach();
}

QString XyzTileSource::userAgent()
{
    QString version = QCoreApplication::applicationVersion();
    if (version.isEmpty())
        version = QStringLiteral("0");
    return QStringLiteral("ALPR-Workstation/%1 (Qt %2)").arg(version, QString::fromLatin1(qVersion()));
}

QUrl XyzTileSource::tileUrl(const TileId& tile) const
{
    static const char* const subdomains[] = { "a", "b", "c" };
    QString url = m_options.urlTemplate;
    url.replace(QLatin1String("{z}"), QString::number(tile.z));
    url.replace(QLatin1String("{x}"), QString::number(tile.x));
    url.replace(QLatin1String("{-y}"), QString::number(WebMercator::flipY(tile.z, tile.y)));
    url.replace(QLatin1String("{y}"), QString::number(tile.y));
    url.replace(QLatin1String("{s}"), QLatin1String(subdomains[unsigned(tile.x + tile.y) % 3]));
    return QUrl(url);
}

void XyzTileSource::requestTile(const TileId& tile)
{
    if (m_pending.contains(tile))
        return;
    if (tile.z < m_options.minZoom || tile.z > m_options.maxZoom) {
        QMetaObject::invokeMethod(
            this, [this, tile] { Q_EMIT tileFailed(tile, tr("zoom %1 is outside this source's range").arg(tile.z)); },
            Qt::QueuedConnection);
        return;
    }
    m_pending.insert(tile, true);
    // Newest first: the tiles of where the user is now matter more than those panned past.
    m_queue.prepend(tile);
    startNext();
}

void XyzTileSource::cancelQueued()
{
    for (const TileId& t : std::as_const(m_queue))
        m_pending.remove(t);
    m_queue.clear();
}

void XyzTileSource::startNext()
{
    while (m_running < m_options.maxConcurrent && !m_queue.isEmpty()) {
        const TileId tile = m_queue.takeFirst();
        QNetworkRequest request(tileUrl(tile));
        request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::PreferCache);
        request.setTransferTimeout(20000);
        QNetworkReply* reply = m_network->get(request);
        ++m_running;
        connect(reply, &QNetworkReply::finished, this, [this, reply, tile] { finished(reply, tile); });
    }
}

void XyzTileSource::finished(QNetworkReply* reply, const TileId& tile)
{
    reply->deleteLater();
    --m_running;
    if (reply->error() != QNetworkReply::NoError) {
        m_pending.remove(tile);
        Q_EMIT tileFailed(tile, tr("%1: %2").arg(reply->url().toDisplayString(), reply->errorString()));
        startNext();
        return;
    }
    const QByteArray bytes = reply->readAll();
    const QString url = reply->url().toDisplayString();
    // PNG/JPEG decoding takes a millisecond or more per tile: not on the GUI thread.
    // `self` is only dereferenced inside the posted call, which the relay drops once this source is gone.
    QThreadPool::globalInstance()->start([relay = m_relay, self = this, bytes, tile, url] {
        QImage image;
        image.loadFromData(bytes);
        if (!image.isNull() && image.format() != QImage::Format_ARGB32_Premultiplied)
            image = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        relay->post([self, tile, image, url] {
            self->m_pending.remove(tile);
            if (image.isNull())
                Q_EMIT self->tileFailed(tile, tr("%1: not a PNG or JPEG image").arg(url));
            else
                Q_EMIT self->tileReady(tile, image);
        });
    });
    startNext();
}

} // namespace alpr
