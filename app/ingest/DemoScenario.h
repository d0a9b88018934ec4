#pragma once

#include "DemoEvent.h"
#include "DemoGenerator.h"
#include "VehicleCatalogue.h"

#include <QList>

namespace alpr {

class CameraNetwork;
class DemoRandom;
class StreetNetwork;

/** A vehicle whose sightings are scripted: the scene's suspect and the hotlisted vehicles. */
struct DemoScriptedVehicle
{
    QString plate;
    QString state;
    QString misread; ///< what a camera read instead on DemoEvent::Misread sightings (8↔B for the suspect)
    VehicleCatalogue::Vehicle vehicle;
};

/**
 * The story in the demo data: a residential burglary near a real intersection on a recent evening, whose
 * suspect car (a CA plate the witness half remembers as 7?B*2) passes the nearest camera inside the two-hour
 * window, consecutive cameras before and after, a patrol car near the scene, the scene camera two days before
 * (casing), and is misread 8-for-B by two cameras; plus a hotlist of 8 entries, 5 of which are seen.
 * Deterministic for the seed; the sightings are DemoEvents with the Scripted flag.
 */
class DemoScenario
{
public:
    void build(const StreetNetwork& streets, const CameraNetwork& network, const VehicleCatalogue& catalogue,
               quint64 seed, qint64 startMs, qint64 endMs);

    const QList<DemoScriptedVehicle>& vehicles() const { return m_vehicles; }
    /** Scripted sightings, all inside [startMs, endMs), in no particular order; sequence left 0. */
    const QList<DemoEvent>& events() const { return m_events; }
    const QList<DemoHotlistEntry>& hotlist() const { return m_hotlist; }
    const DemoScene& scene() const { return m_scene; }
    /** Plates the random population must not use: the scripted vehicles' and every hotlist plate. */
    QList<QString> reservedPlates() const;

private:
    void addSighting(int vehicle, int camera, qint64 timeMs, quint8 flags = 0);
    void buildScene(const StreetNetwork& streets, const CameraNetwork& network, const VehicleCatalogue& catalogue,
                    DemoRandom& random);
    void buildHotlist(const CameraNetwork& network, const VehicleCatalogue& catalogue, DemoRandom& random);

    QList<DemoScriptedVehicle> m_vehicles;
    QList<DemoEvent> m_events;
    QList<DemoHotlistEntry> m_hotlist;
    DemoScene m_scene;
    quint64 m_seed = 0;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
};

} // namespace alpr
