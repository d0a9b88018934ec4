#pragma once

#include "Read.h"

#include <QString>

namespace alpr {

/**
 * One good record of an imported file: the read as it will be stored, except that its camera is still a name
 * (ImportWriter maps names to the store's camera ids) and its position may be missing (then the camera's is used).
 */
struct ParsedRead
{
    Read read;
    QString cameraName; ///< empty when the file does not say
    QString cameraUnit; ///< owning unit or agent, for a camera not yet in the store
    bool hasPosition = false; ///< read.lat/lon are from the record
    qint64 line = 0; ///< first line of the record in its file (1-based)
};

} // namespace alpr
