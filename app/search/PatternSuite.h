#pragma once

#include <QList>
#include <QString>

namespace alpr {

/**
 * The partial-plate patterns the search benchmark (alpr-cli bench search) times against the plate dictionary:
 * what witnesses typically give (3-5 known characters, with or without position), plus broad patterns that
 * return a large share of the dictionary.
 */
class PatternSuite
{
public:
    struct Case
    {
        QString name; ///< short identifier for reports
        QString pattern; ///< PlatePattern syntax
        bool misread = false; ///< misread-tolerant mode
    };

    static QList<Case> cases();
};

} // namespace alpr
