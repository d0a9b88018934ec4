#include "DemoScenario.h"

#include "CameraNetwork.h"
#include "DemoRandom.h"
#include "PlateFormats.h"
#include "StreetNetwork.h"
#include "TrafficModel.h"

#include <QCoreApplication>
#include <cmath>

using namespace Qt::StringLiterals;

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DemoScenario", text);
}

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr double kSceneRadiusM = 500;
constexpr double kCitySpeedMps = 13; // ~30 mph with signals
constexpr double kRoadFactor = 1.25; // road distance over straight-line distance on a street grid

// Characters no OCR confuses, so the suspect's only ambiguity is the scripted B↔8.
constexpr char16_t kPlainLetters[] = u"ACEFHJKLMNPRTUVWXY";
constexpr char16_t kPlainDigits[] = u"3479";

struct HotlistScript
{
    const char* list;
    PlateFormats::Kind kind;
    const char* reason;
    const char* make;
    const char* model;
    const char* colour;
    int sightings; // -1: two in the last day (AMBER Alert)
};

const HotlistScript kHotlist[] = {
    { "stolen vehicles", PlateFormats::Kind::CaliforniaPassenger,
      QT_TRANSLATE_NOOP("DemoScenario", "Stolen vehicle: silver Toyota Camry, taken from a driveway in Covina"),
      "Toyota", "Camry", "Silver", 5 },
    { "stolen vehicles", PlateFormats::Kind::CaliforniaPassenger,
      QT_TRANSLATE_NOOP("DemoScenario", "Stolen plate: plates only, taken off a parked car in Baldwin Park"), "Honda",
      "Accord", "Black", 3 },
    { "wanted persons", PlateFormats::Kind::CaliforniaPassenger,
      QT_TRANSLATE_NOOP("DemoScenario", "Felony warrant: registered owner wanted for assault with a deadly weapon"),
      "Chevrolet", "Silverado", "White", 4 },
    { "amber alert", PlateFormats::Kind::CaliforniaPassenger,
      QT_TRANSLATE_NOOP("DemoScenario", "AMBER Alert: child abduction, suspect vehicle a white Ford Explorer"), "Ford",
      "Explorer", "White", -1 },
    { "stolen vehicles", PlateFormats::Kind::Nevada,
      QT_TRANSLATE_NOOP("DemoScenario", "Stolen vehicle: black Dodge Charger (Las Vegas Metro PD)"), "Dodge", "Charger",
      "Black", 2 },
    { "stolen vehicles", PlateFormats::Kind::CaliforniaCommercial,
      QT_TRANSLATE_NOOP("DemoScenario", "Stolen vehicle: white Ford Transit cargo van"), "Ford", "Transit", "White",
      0 },
    { "wanted persons", PlateFormats::Kind::Arizona,
      QT_TRANSLATE_NOOP("DemoScenario", "Felony warrant: parole violation (Maricopa County)"), "Nissan", "Altima",
      "Blue", 0 },
    { "stolen vehicles", PlateFormats::Kind::CaliforniaPassenger,
      QT_TRANSLATE_NOOP("DemoScenario", "Stolen vehicle: red Honda Civic, keys taken in a burglary"), "Honda", "Civic",
      "Red", 0 },
};

qint64 travelMs(const Camera& a, const Camera& b)
{
    const double metres = StreetNetwork::distanceM(a.lat, a.lon, b.lat, b.lon) * kRoadFactor;
    return qint64(metres / kCitySpeedMps * 1000.0) + 30 * 1000;
}

} // namespace

void DemoScenario::build(const StreetNetwork& streets, const CameraNetwork& network, const VehicleCatalogue& catalogue,
                         quint64 seed, qint64 startMs, qint64 endMs)
{
    m_vehicles.clear();
    m_events.clear();
    m_hotlist.clear();
    m_seed = seed;
    m_startMs = startMs;
    m_endMs = endMs;
    DemoRandom random(DemoRandom::hash(seed, 0x7363656e65ULL));
    buildScene(streets, network, catalogue, random);
    buildHotlist(network, catalogue, random);
}

QList<QString> DemoScenario::reservedPlates() const
{
    QList<QString> out;
    for (const DemoScriptedVehicle& v : m_vehicles)
        out.append(v.plate);
    for (const DemoHotlistEntry& h : m_hotlist)
        out.append(h.plate);
    return out;
}

void DemoScenario::addSighting(int vehicle, int camera, qint64 timeMs, quint8 flags)
{
    if (timeMs < m_startMs || timeMs >= m_endMs)
        return;
    DemoEvent e;
    e.timeMs = timeMs;
    e.plate = quint64(vehicle);
    e.camera = qint16(camera);
    e.flags = quint8(flags | DemoEvent::Scripted | DemoEvent::Images);
    m_events.append(e);
}

void DemoScenario::buildScene(const StreetNetwork& streets, const CameraNetwork& network,
                              const VehicleCatalogue& catalogue, DemoRandom& random)
{
    const QList<Camera>& cameras = network.cameras();
    // A recent evening: two days before the end, or the day before when the window is that short.
    QDate date = TrafficModel::localDate(m_endMs).addDays(-2);
    if (TrafficModel::localToUtc(date, 19 * 60 + 30) < m_startMs)
        date = date.addDays(1);
    m_scene.fromMs = TrafficModel::localToUtc(date, 19 * 60 + 30);
    m_scene.toMs = TrafficModel::localToUtc(date, 21 * 60 + 30);
    m_scene.radiusM = kSceneRadiusM;

    // The scene camera: one with cameras on both sides along its corridor, so the suspect's route shows.
    QList<int> candidates;
    for (int c = 0; c < network.fixedCount(); ++c) {
        int position = 0;
        const QList<int> corridor = network.corridor(c, &position);
        if (position >= 1 && position + 1 < corridor.size())
            candidates.append(c);
    }
    const int sceneCamera = candidates.isEmpty() ? int(random.below(quint64(network.fixedCount())))
                                                 : candidates[qsizetype(random.below(quint64(candidates.size())))];
    const Camera& camera = cameras[sceneCamera];

    // The scene itself: a real intersection without a camera, a few hundred metres from the scene camera.
    QList<const StreetSite*> sites;
    for (const StreetSite& site : streets.sites()) {
        const double d = StreetNetwork::distanceM(site.lat, site.lon, camera.lat, camera.lon);
        const bool hasCamera = std::any_of(cameras.begin(), cameras.end(), [&](const Camera& c) {
            return !c.mobile && StreetNetwork::distanceM(site.lat, site.lon, c.lat, c.lon) < 60;
        });
        if (d >= 120 && d <= 0.9 * kSceneRadiusM && !hasCamera)
            sites.append(&site);
    }
    const StreetSite* site = sites.isEmpty() ? nullptr : sites[qsizetype(random.below(quint64(sites.size())))];
    const QString place = site ? site->name : camera.name;
    m_scene.lat = camera.lat;
    m_scene.lon = camera.lon;
    if (site) {
        m_scene.lat = site->lat;
        m_scene.lon = site->lon;
    } else {
        StreetNetwork::offsetM(m_scene.lat, m_scene.lon, 150, 100);
    }
    m_scene.title = tr("Residential burglary near %1").arg(place);

    // The suspect: 7?B??x2, every other character one no OCR confuses; the misread swaps the B for an 8.
    QString plate = u"7"_s;
    plate += QChar(kPlainLetters[random.below(std::size(kPlainLetters) - 1)]);
    plate += u'B';
    plate += QChar(kPlainLetters[random.below(std::size(kPlainLetters) - 1)]);
    plate += QChar(kPlainDigits[random.below(std::size(kPlainDigits) - 1)]);
    plate += QChar(kPlainDigits[random.below(std::size(kPlainDigits) - 1)]);
    plate += u'2';
    DemoScriptedVehicle suspect;
    suspect.plate = plate;
    suspect.state = u"CA"_s;
    suspect.misread = plate;
    suspect.misread[2] = u'8';
    suspect.vehicle = catalogue.find(u"Honda"_s, u"Civic"_s, u"Gray"_s);
    m_scene.suspectPlate = plate;
    m_vehicles.append(suspect);
    const int v = int(m_vehicles.size()) - 1;

    int position = 0;
    const QList<int> corridor = network.corridor(sceneCamera, &position);
    auto other = [&](int offset) {
        const int i = position + offset;
        if (i >= 0 && i < corridor.size() && corridor[i] != sceneCamera)
            return corridor[i];
        return int((sceneCamera + 1 + random.below(quint64(network.fixedCount() - 1))) % network.fixedCount());
    };
    const int before1 = other(-1);
    const int before2 = other(-2);
    const int after1 = other(1);
    const int after2 = other(2);

    // In: two cameras on the way, then the scene camera shortly after the window opens.
    const qint64 arrive = m_scene.fromMs + qint64(random.uniform(8, 20) * kMinuteMs);
    const qint64 atBefore1 = arrive - travelMs(cameras[before1], camera);
    addSighting(v, before1, atBefore1);
    addSighting(v, before2, atBefore1 - travelMs(cameras[before2], cameras[before1]));
    addSighting(v, sceneCamera, arrive);
    // A patrol car passes the parked suspect car at the scene.
    if (site) {
        DemoEvent e;
        e.timeMs = arrive + qint64(random.uniform(25, 45) * kMinuteMs);
        e.plate = quint64(v);
        e.camera = qint16(network.fixedCount() + 2);
        e.route = qint16(site->route);
        e.offsetM = float(std::clamp(site->offsetM + 25, 0.0, streets.routeLengthM(site->route)));
        e.flags = DemoEvent::Scripted | DemoEvent::Images;
        if (e.timeMs >= m_startMs && e.timeMs < m_endMs)
            m_events.append(e);
    }
    // Out: the scene camera again before the window closes, then away; the first camera misreads B as 8.
    const qint64 leave = m_scene.toMs - qint64(random.uniform(10, 25) * kMinuteMs);
    addSighting(v, sceneCamera, leave);
    const qint64 atAfter1 = leave + travelMs(camera, cameras[after1]);
    addSighting(v, after1, atAfter1, DemoEvent::Misread);
    addSighting(v, after2, atAfter1 + travelMs(cameras[after1], cameras[after2]));
    // Casing the street two afternoons before, and the next morning's commute (misread again).
    const qint64 casing = TrafficModel::localToUtc(date.addDays(-2), 14 * 60 + 10 + random.uniform(0, 30));
    addSighting(v, before1, casing - travelMs(cameras[before1], camera));
    addSighting(v, sceneCamera, casing);
    const int morningCamera = int(random.below(quint64(network.fixedCount())));
    addSighting(v, morningCamera, TrafficModel::localToUtc(date.addDays(1), 8 * 60 + random.uniform(0, 40)),
                DemoEvent::Misread);

    m_scene.description
        = tr("A resident near %1 reported a burglary that happened between %2 and %3 on %4 (%5). A neighbour saw a "
             "gray Honda Civic drive off and remembers a California plate starting with 7, B as its third "
             "character and ending in 2 (pattern 7?B*2). Canvass the cameras within %6 m for that window, then "
             "search the partial plate; one camera read the B as an 8, so try misread-tolerant mode too.")
              .arg(place, TrafficModel::formatLocal(m_scene.fromMs).mid(11, 5),
                   TrafficModel::formatLocal(m_scene.toMs).mid(11, 5), date.toString(u"dddd d MMMM yyyy"_s),
                   TrafficModel::pacificAbbreviation(m_scene.fromMs))
              .arg(kSceneRadiusM, 0, 'f', 0);
}

void DemoScenario::buildHotlist(const CameraNetwork& network, const VehicleCatalogue& catalogue, DemoRandom& random)
{
    // Own plate series (another seed), so these plates are not the population's first plates; the population
    // reserves them anyway (reservedPlates()).
    PlateFormats formats(DemoRandom::hash(m_seed, 0x686f746c697374ULL));
    for (const DemoScriptedVehicle& v : m_vehicles)
        formats.reserve(v.plate);
    const qint64 dayMs = 24 * 60 * kMinuteMs;
    const qint64 days = std::max<qint64>(1, (m_endMs - m_startMs) / dayMs);
    for (const HotlistScript& script : kHotlist) {
        const PlateKey key = formats.allocate(script.kind, random);
        DemoHotlistEntry entry;
        entry.plate = formats.plate(key);
        entry.state = formats.state(key);
        entry.list = QString::fromLatin1(script.list);
        entry.reason = QCoreApplication::translate("DemoScenario", script.reason);
        m_hotlist.append(entry);
        if (script.sightings == 0)
            continue;
        DemoScriptedVehicle vehicle;
        vehicle.plate = entry.plate;
        vehicle.state = entry.state;
        vehicle.misread = entry.plate;
        vehicle.vehicle = catalogue.find(QString::fromLatin1(script.make), QString::fromLatin1(script.model),
                                         QString::fromLatin1(script.colour));
        m_vehicles.append(vehicle);
        const int v = int(m_vehicles.size()) - 1;
        if (script.sightings < 0) {
            // The AMBER Alert vehicle crosses town in the last day: two consecutive cameras.
            const int first = network.pickFixed(random);
            int path[2];
            double gaps[2];
            const int n = network.trip(first, 2, random, path, gaps);
            const qint64 t = m_endMs - qint64(random.uniform(2, 20) * 60 * kMinuteMs);
            addSighting(v, path[0], t);
            addSighting(v, n > 1 ? path[1] : network.pickFixed(random),
                        t + qint64((n > 1 ? gaps[1] : 1500.0) / kCitySpeedMps * 1000.0) + 45 * 1000);
            continue;
        }
        for (int s = 0; s < script.sightings; ++s) {
            const QDate date = TrafficModel::localDate(m_startMs).addDays(1 + qint64(random.below(quint64(days))));
            qint64 t = TrafficModel::localToUtc(date, random.uniform(7 * 60, 21 * 60));
            if (t >= m_endMs) // the window's last day: earlier the same day
                t = m_endMs - qint64(random.uniform(1, 6) * 60 * kMinuteMs);
            addSighting(v, network.pickFixed(random), t);
        }
    }
}

} // namespace alpr
