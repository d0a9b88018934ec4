#pragma once

#include <QList>
#include <QString>

namespace alpr {

/** What the map needs of a read: where, when, which read and which plate. Times are UTC milliseconds. */
struct MapRead
{
    qint64 id = 0; ///< store read id, emitted back when the user clicks or selects it
    qint64 plateId = 0;
    qint64 timeMs = 0;
    double lat = 0;
    double lon = 0;
    QString label; ///< shown in the hover tooltip (e.g. the plate); may be empty
};

} // namespace alpr
