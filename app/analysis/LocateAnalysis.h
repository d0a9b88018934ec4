#pragma once

#include "CanvassTypes.h"
#include "Result.h"

namespace alpr {

class Store;

/**
 * Locate: where and when a plate is usually seen. Its sightings in the window are grouped into places
 * (SightingClusterer), each with its count, distinct days, first and last sighting, sightings per local hour of day
 * in query.zone (so windows across midnight and the DST changes count each sighting at its wall-clock hour), and the
 * usual hours: the busiest hours that together hold at least half of the place's sightings. No policy here.
 */
class LocateAnalysis
{
public:
    /** A Usage error naming what is wrong with the query. */
    static Status check(const LocateQuery& query);
    static Result<LocateResult> run(Store& store, const LocateQuery& query);
    /** The busiest hours (ties: earlier hour) holding at least half the total, ascending. */
    static QList<int> usualHours(const std::array<int, 24>& byHour);
    /** "07:00–10:00, 17:00–18:00" for the hours {7, 8, 9, 17}. */
    static QString formatHours(const QList<int>& hours);
};

} // namespace alpr
