#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace alpr {

/**
 * When traffic passes the cameras: hourly volume curves for weekdays (morning and evening rush hours) and
 * weekends (a broad midday hump), in America/Los_Angeles local time, over the demo's window [startMs, endMs).
 * The window is cut into one-hour slots from startMs; slotQuotas() spreads a read count over them exactly.
 */
class TrafficModel
{
public:
    TrafficModel(qint64 startMs, qint64 endMs);

    int slotCount() const { return int(m_slotStarts.size()); }
    qint64 slotStart(int slot) const { return m_slotStarts[slot]; }
    qint64 slotEnd(int slot) const { return slot + 1 < slotCount() ? m_slotStarts[slot + 1] : m_endMs; }
    /** total spread over the slots in proportion to their traffic; the quotas add up to total exactly. */
    QList<qint64> slotQuotas(qint64 total) const;

    /** Relative traffic in a local hour (0-23); a weekday's 17:00 peak is the largest value. */
    static double hourWeight(bool weekend, int localHour);
    /** UTC offset of America/Los_Angeles in seconds: the system zone database, else the US rule since 2007. */
    static int pacificOffsetSeconds(qint64 utcMs);
    /** The US rule alone: PDT from the second Sunday of March to the first Sunday of November, 02:00 local. */
    static int pacificRuleOffsetSeconds(qint64 utcMs);
    /** "PST" or "PDT". */
    static QString pacificAbbreviation(qint64 utcMs);
    /** Local wall-clock milliseconds since the epoch (UTC ms shifted by the offset). */
    static qint64 toLocalMs(qint64 utcMs) { return utcMs + qint64(pacificOffsetSeconds(utcMs)) * 1000; }
    static QDate localDate(qint64 utcMs);
    /** The UTC time of a local wall-clock time (minutes after local midnight may be fractional). */
    static qint64 localToUtc(QDate date, double minuteOfDay);
    /** "2025-01-13 17:42:08 PST". */
    static QString formatLocal(qint64 utcMs);

private:
    QList<qint64> m_slotStarts;
    qint64 m_endMs = 0;
};

} // namespace alpr
