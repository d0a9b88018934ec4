#pragma once

#include <QList>
#include <QString>
#include <QStringList>

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

    /**
     * `count` distinct plates shaped like a California dictionary, the same for the same seed on every platform:
     * 62% passenger 1ABC234, 10% commercial 1A23456, 12% legacy ABC123 / 123ABC (letters without I, O, Q),
     * 8% out-of-state 5-8 mixed letters and digits, 8% vanity 2-8 characters, mostly letters.
     */
    static QStringList syntheticPlates(qsizetype count, quint64 seed = 42);
};

} // namespace alpr
