#pragma once

#include <QString>

namespace alpr {

/** A rejected record: which file, which line (1-based; 0 = the file as a whole) and why, in words for the user. */
struct ImportIssue
{
    QString file;
    qint64 line = 0;
    QString reason; ///< never contains the plate (issue lists are exported and logged)
};

} // namespace alpr
