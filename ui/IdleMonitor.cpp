#include "IdleMonitor.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>

namespace alpr {

IdleMonitor::IdleMonitor(QObject* parent)
    : QObject(parent)
{
    QCoreApplication::instance()->installEventFilter(this);
}

IdleMonitor::~IdleMonitor()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

bool IdleMonitor::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin: {
        // Input events arrive by the hundred; the session only needs to know about once a second.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now - m_lastReportMs >= 1000) {
            m_lastReportMs = now;
            Q_EMIT activity();
        }
        break;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace alpr
