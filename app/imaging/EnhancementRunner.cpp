#include "EnhancementRunner.h"

#include "EnhancementPipeline.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace alpr {

namespace {

struct Outcome
{
    QImage image;
    double ms = 0;
    QString error;
};

} // namespace

EnhancementRunner::EnhancementRunner(QObject* parent)
    : QObject(parent)
{
}

EnhancementRunner::~EnhancementRunner()
{
    cancel();
    for (QFuture<void>& f : m_running)
        f.waitForFinished();
}

int EnhancementRunner::request(const QImage& original, const EnhancementSettings& settings)
{
    const int id = ++*m_latest;
    std::shared_ptr<std::atomic<int>> latest = m_latest;
    QFuture<Outcome> future = QtConcurrent::run([original, settings, id, latest]() -> Outcome {
        Outcome out;
        if (latest->load() != id)
            return out;
        QElapsedTimer timer;
        timer.start();
        try {
            out.image = EnhancementPipeline(settings).run(original, [&] { return latest->load() != id; });
        } catch (const std::exception& e) {
            // cv::Exception (e.g. an allocation a huge image could not get): reported, never a crash.
            out.error = QCoreApplication::translate("EnhancementRunner", "The enhancement failed: %1")
                            .arg(QString::fromLocal8Bit(e.what()));
        }
        out.ms = double(timer.nsecsElapsed()) / 1e6;
        return out;
    });
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, id, settings] {
        const Outcome out = watcher->result();
        watcher->deleteLater();
        m_running.removeIf([](const QFuture<void>& f) { return f.isFinished(); });
        if (id != m_latest->load())
            return; // superseded while it ran
        m_delivered = id;
        if (!out.error.isEmpty())
            emit failed(id, out.error);
        else if (!out.image.isNull())
            emit ready(id, out.image, settings, out.ms);
    });
    watcher->setFuture(future);
    m_running.append(QFuture<void>(future));
    return id;
}

void EnhancementRunner::cancel()
{
    m_delivered = ++*m_latest;
}

bool EnhancementRunner::waitForIdle(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (busy() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return !busy();
}

} // namespace alpr
