#pragma once

#include <QTimeZone>
#include <vector>

namespace alpr {

/**
 * Converts naive local wall-clock times of one zone to UTC, telling apart the three cases a DST change creates: a
 * time that exists once, a time in the hour the clocks skipped (gap: does not exist) and a time in the hour they
 * repeated (overlap: exists twice). QDateTime in Qt 6.4 silently picks an answer for the last two; an import of
 * camera data must not.
 *
 * The zone's transitions from 1970 to 2037 are read once at construction, so a conversion is a binary search
 * (hundreds of thousands per second); times outside that span ask QTimeZone directly. Not thread-safe to share
 * while constructing; const use from several threads is fine.
 */
class LocalTimeConverter
{
public:
    enum class Outcome { Unique, Ambiguous, Gap };

    struct Conversion
    {
        Outcome outcome = Outcome::Unique;
        qint64 utcMs = 0; ///< Unique: the instant; Ambiguous: the earlier instant; Gap: undefined
        qint64 laterUtcMs = 0; ///< Ambiguous: the later instant (the second occurrence)
    };

    explicit LocalTimeConverter(const QTimeZone& zone);

    /** naiveMs: the local date and time written as if it were UTC, in ms since the epoch. */
    Conversion toUtc(qint64 naiveMs) const;
    const QTimeZone& zone() const { return m_zone; }
    /** Abbreviation of the zone at an instant (PST/PDT), for messages. */
    QString abbreviation(qint64 utcMs) const;

private:
    struct Interval
    {
        qint64 startUtcMs; ///< the interval's offset holds from here to the next interval's start
        int offsetS;
    };
    Conversion slowPath(qint64 naiveMs) const;

    QTimeZone m_zone;
    std::vector<Interval> m_intervals; // sorted by start; the first starts at the span's beginning
    qint64 m_spanStartMs = 0;
    qint64 m_spanEndMs = 0;
    bool m_fixed = false;
    int m_fixedOffsetS = 0;
};

} // namespace alpr
