#include "Clock.h"

#include <QDateTime>

namespace alpr {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace alpr
