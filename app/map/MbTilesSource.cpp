#include "MbTilesSource.h"

#include "MbTilesFile.h"
#include "TaskRelay.h"
#include "WebMercator.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThreadPool>

namespace alpr {

/** Lives on the pool's single thread: the connection may only be used by the thread that opened it. */
struct MbTilesSource::Worker
{
    QString path;
    std::unique_ptr<MbTilesFile> file;
    QString openError;
};

Result<std::unique_ptr<MbTilesSource>> MbTilesSource::open(const QString& path, QObject* parent)
{
    // Checked here, on the caller's thread, so a bad file is refused at once with the reason; the worker thread
    // opens its own connection later.
    auto file = MbTilesFile::open(path);
    if (!file)
        return file.error();
    const QMap<QString, QString>& meta = file.value()->metadata();
    const QString format = meta.value(QStringLiteral("format"), QStringLiteral("png")).toLower();
    if (format == QLatin1String("pbf") || format == QLatin1String("mvt"))
        return badInput(tr("%1: vector MBTiles (format '%2') cannot be shown; choose a raster (png or jpg) file.")
                            .arg(path, format));
    if (format != QLatin1String("png") && format != QLatin1String("jpg") && format != QLatin1String("jpeg"))
        return badInput(tr("%1: tile format '%2' is not supported (png or jpg).").arg(path, format));

    std::unique_ptr<MbTilesSource> source(new MbTilesSource(path, parent));
    source->m_name = meta.value(QStringLiteral("name"), QFileInfo(path).completeBaseName());
    // Attributions are often HTML links; the map shows plain text.
    QString credit = meta.value(QStringLiteral("attribution"));
    credit.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    credit.replace(QLatin1String("&copy;"), QStringLiteral("©"));
    source->m_attribution = credit.isEmpty() ? source->m_name : credit;
    bool okMin = false;
    bool okMax = false;
    const int metaMin = meta.value(QStringLiteral("minzoom")).toInt(&okMin);
    const int metaMax = meta.value(QStringLiteral("maxzoom")).toInt(&okMax);
    const auto [tilesMin, tilesMax] = file.value()->zoomRange();
    source->m_minZoom = okMin ? metaMin : (tilesMax >= 0 ? tilesMin : 0);
    source->m_maxZoom = okMax ? metaMax : (tilesMax >= 0 ? tilesMax : 19);
    return source;
}

MbTilesSource::MbTilesSource(const QString& path, QObject* parent)
    : TileSource(parent)
    , m_path(path)
    , m_pool(new QThreadPool(this))
    , m_worker(std::make_shared<Worker>())
    , m_relay(TaskRelay::make(this))
{
    m_worker->path = path;
    // One thread that never expires: every task runs on the thread that opened the connection.
    m_pool->setMaxThreadCount(1);
    m_pool->setExpiryTimeout(-1);
}

MbTilesSource::~MbTilesSource()
{
    m_relay->detach();
    m_queue.clear();
    // The connection is closed on the thread that opened it.
    m_pool->start([worker = m_worker] { worker->file.reset(); });
    m_pool->waitForDone();
}

void MbTilesSource::requestTile(const TileId& tile)
{
    if (m_pending.contains(tile))
        return;
    m_pending.insert(tile, true);
    m_queue.prepend(tile);
    startNext();
}

void MbTilesSource::cancelQueued()
{
    for (const TileId& t : std::as_const(m_queue))
        m_pending.remove(t);
    m_queue.clear();
}

void MbTilesSource::startNext()
{
    // Two in flight: one reading while the previous result travels back.
    while (m_running < 2 && !m_queue.isEmpty()) {
        const TileId tile = m_queue.takeFirst();
        ++m_running;
        m_pool->start([worker = m_worker, relay = m_relay, self = this, tile] {
            QImage image;
            QString error;
            if (!worker->file && worker->openError.isEmpty()) {
                auto opened = MbTilesFile::open(worker->path);
                if (opened)
                    worker->file = std::move(opened.value());
                else
                    worker->openError = opened.error().message;
            }
            if (!worker->file) {
                error = worker->openError;
            } else {
                auto bytes = worker->file->tile(tile.z, tile.x, WebMercator::flipY(tile.z, tile.y));
                if (!bytes)
                    error = bytes.error().message;
                else if (!bytes.value().isEmpty() && !image.loadFromData(bytes.value()))
                    error = tr("%1: tile %2/%3/%4 is not a PNG or JPEG image.")
                                .arg(worker->path).arg(tile.z).arg(tile.x).arg(tile.y);
                if (!image.isNull())
                    image = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
            }
            relay->post([self, tile, image, error] {
                --self->m_running;
                self->m_pending.remove(tile);
                if (error.isEmpty())
                    Q_EMIT self->tileReady(tile, image); // null image: the file has no tile there
                else
                    Q_EMIT self->tileFailed(tile, error);
                self->startNext();
            });
        });
    }
}

} // namespace alpr
