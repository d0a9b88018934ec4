#pragma once

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QObject>

#include <memory>
#include <utility>

namespace alpr {

/**
 * Carries results of thread-pool tasks back to a QObject's thread, safely even if the object is destroyed while a
 * task still runs: the owner calls detach() in its destructor, after which posts are dropped. Tasks hold the relay
 * by shared_ptr (see make()); nothing else of the owner.
 */
class TaskRelay
{
public:
    explicit TaskRelay(QObject* target) : m_target(target) {}

    static std::shared_ptr<TaskRelay> make(QObject* target) { return std::make_shared<TaskRelay>(target); }

    /** Runs f on the target's thread later (queued), unless the target has been detached by then. */
    template<typename F>
    void post(F&& f)
    {
        QMutexLocker lock(&m_mutex);
        // Posting under the lock: detach() cannot complete (and the owner cannot be deleted) mid-post, and events
        // posted before the owner dies are discarded with it.
        if (m_target)
            QMetaObject::invokeMethod(m_target, std::forward<F>(f), Qt::QueuedConnection);
    }

    void detach()
    {
        QMutexLocker lock(&m_mutex);
        m_target = nullptr;
    }

private:
    QMutex m_mutex;
    QObject* m_target;
};

} // namespace alpr
