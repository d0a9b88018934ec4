#pragma once

#include "Store.h"

#include <QList>

namespace alpr {

/**
 * Groups a plate's sightings into places, deterministically ("leader" clustering, the compact cousin of DBSCAN):
 * every sighting counts its neighbours within radiusMetres; the sighting with the most neighbours (ties: earlier,
 * then lower read id) founds a cluster and takes every still-unassigned sighting within radiusMetres of it; repeat
 * until all are assigned. So each cluster lies within radiusMetres of its founder (a camera the plate passes often,
 * a street where it parks), and chains of sightings along a road do not merge into one long cluster.
 *
 * A grid of radius-sized cells finds the neighbours, so n sightings cost about n times the neighbours each has.
 */
class SightingClusterer
{
public:
    /** Clusters as indexes into points; each cluster's first index is its founder, the rest ascending. */
    static QList<QList<int>> cluster(const QList<ReadPoint>& points, double radiusMetres);
};

} // namespace alpr
