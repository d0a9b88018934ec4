#pragma once

#include "CanvassTypes.h"
#include "Result.h"

namespace alpr {

class Store;

/**
 * Convoy: which plates travel with a target plate. For each sighting of the target in the window, the reads of other
 * plates within query.withinMs (either side) and query.withinMetres of it; a plate is reported when it was seen near
 * at least query.minTimes distinct target sightings. No policy here.
 */
class ConvoyAnalysis
{
public:
    /** A Usage error naming what is wrong with the query. */
    static Status check(const ConvoyQuery& query);
    static Result<ConvoyResult> run(Store& store, const ConvoyQuery& query);
};

} // namespace alpr
