#include "LocalTimeConverter.h"

#include <QDateTime>
#include <algorithm>

namespace alpr {

namespace {
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
// Offsets in use are within ±26 hours; intervals that far around a time are enough to find every reading of it.
constexpr qint64 kReachMs = 26LL * 3600 * 1000;
} // namespace

LocalTimeConverter::LocalTimeConverter(const QTimeZone& zone)
    : m_zone(zone)
{
    // The zone database lists transitions explicitly up to 2037 (32-bit time); later ones follow a rule that
    // transitions() does not enumerate, so times from 2037 on take the slow path.
    const QDateTime from(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime to(QDate(2037, 1, 1), QTime(0, 0), Qt::UTC);
    m_spanStartMs = from.toMSecsSinceEpoch();
    m_spanEndMs = to.toMSecsSinceEpoch();
    if (!m_zone.hasTransitions()) {
        m_fixed = true;
        m_fixedOffsetS = m_zone.offsetFromUtc(from);
        return;
    }
    m_intervals.push_back({ m_spanStartMs, m_zone.offsetFromUtc(from) });
    const QTimeZone::OffsetDataList transitions = m_zone.transitions(from, to);
    for (const QTimeZone::OffsetData& t : transitions) {
        const qint64 at = t.atUtc.toMSecsSinceEpoch();
        if (at <= m_intervals.back().startUtcMs)
            m_intervals.back().offsetS = t.offsetFromUtc;
        else if (t.offsetFromUtc != m_intervals.back().offsetS)
            m_intervals.push_back({ at, t.offsetFromUtc });
    }
}

LocalTimeConverter::Conversion LocalTimeConverter::toUtc(qint64 naiveMs) const
{
    if (m_fixed)
        return { Outcome::Unique, naiveMs - qint64(m_fixedOffsetS) * 1000, 0 };
    if (naiveMs < m_spanStartMs + kDayMs || naiveMs >= m_spanEndMs - kDayMs)
        return slowPath(naiveMs);
    // The intervals that may hold naiveMs - offset for any offset in use.
    auto first = std::upper_bound(m_intervals.begin(), m_intervals.end(), naiveMs - kReachMs,
                                  [](qint64 t, const Interval& i) { return t < i.startUtcMs; });
    if (first != m_intervals.begin())
        --first;
    qint64 found[2];
    int n = 0;
    for (auto it = first; it != m_intervals.end() && it->startUtcMs <= naiveMs + kReachMs; ++it) {
        const qint64 end = (it + 1 == m_intervals.end()) ? m_spanEndMs : (it + 1)->startUtcMs;
        const qint64 utc = naiveMs - qint64(it->offsetS) * 1000;
        if (utc >= it->startUtcMs && utc < end && n < 2)
            found[n++] = utc;
    }
    if (n == 0)
        return { Outcome::Gap, 0, 0 };
    if (n == 1)
        return { Outcome::Unique, found[0], 0 };
    return { Outcome::Ambiguous, std::min(found[0], found[1]), std::max(found[0], found[1]) };
}

LocalTimeConverter::Conversion LocalTimeConverter::slowPath(qint64 naiveMs) const
{
    // Outside the cached span: the offsets a day either side are the candidates.
    qint64 found[2];
    int n = 0;
    for (qint64 probe : { naiveMs - kDayMs, naiveMs + kDayMs }) {
        const int offset = m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(probe, Qt::UTC));
        const qint64 utc = naiveMs - qint64(offset) * 1000;
        if (m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utc, Qt::UTC)) == offset && (n == 0 || found[0] != utc))
            found[n++] = utc;
    }
    if (n == 0)
        return { Outcome::Gap, 0, 0 };
    if (n == 1)
        return { Outcome::Unique, found[0], 0 };
    return { Outcome::Ambiguous, std::min(found[0], found[1]), std::max(found[0], found[1]) };
}

QString LocalTimeConverter::abbreviation(qint64 utcMs) const
{
    return m_zone.abbreviation(QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC));
}

} // namespace alpr
