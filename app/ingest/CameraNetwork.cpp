#include "CameraNetwork.h"

#include "DemoRandom.h"
#include "StreetNetwork.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace alpr {

namespace {

// Where ALPR cameras go first: the arterials that carry through traffic.
constexpr const char16_t* kArterials[] = {
    u"Azusa Ave",    u"Amar Rd",     u"Citrus Ave",       u"Cameron Ave",       u"Glendora Ave", u"Valley Blvd",
    u"Sunset Ave",   u"Workman Ave", u"Francisquito Ave", u"Puente Ave",        u"Vincent Ave",  u"Hacienda Blvd",
    u"Nogales St",   u"Grand Ave",   u"Foothill Blvd",    u"Baldwin Park Blvd", u"Ramona Blvd",  u"Garvey Ave",
    u"Barranca Ave", u"Temple Ave",  u"Merced Ave",       u"West Covina Pkwy",  u"La Puente Rd", u"Lark Ellen Ave",
    u"Route 66",     u"Badillo St",  u"Rowland St",       u"Rowland Ave",
};
constexpr const char16_t* kFeedOrder[]
    = { u"westcovina-ca-us", u"lapuente-ca-us", u"baldwinpark-ca-us", u"glendora-ca-us" };

// West Covina Police Department sits at the Civic Center (Sunset/Civic Centre stop); patrol cars start there.
constexpr double kStationLat = 34.070313;
constexpr double kStationLon = -117.937197;
constexpr double kCorridorDistanceM = 40;

int feedRank(const QString& feed)
{
    for (int i = 0; i < int(std::size(kFeedOrder)); ++i) {
        if (feed == QStringView(kFeedOrder[i]))
            return i;
    }
    return int(std::size(kFeedOrder));
}

int arterialCount(const QString& name)
{
    int count = 0;
    for (const char16_t* a : kArterials)
        count += name.contains(QStringView(a)) ? 1 : 0;
    return count;
}

} // namespace

Status CameraNetwork::build(const StreetNetwork& streets)
{
    struct Candidate
    {
        const StreetSite* site;
        double score;
    };
    QList<Candidate> candidates;
    for (const StreetSite& site : streets.sites()) {
        const quint64 h = DemoRandom::hash(qHash(site.name, 0));
        candidates.append({ &site, feedRank(site.feed) - 0.9 * arterialCount(site.name) + 0.8 * DemoRandom::unit(h) });
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score < b.score; });

    m_cameras.clear();
    QList<const StreetSite*> chosen;
    for (const Candidate& c : candidates) {
        if (chosen.size() >= FixedTarget)
            break;
        const bool tooClose = std::any_of(chosen.begin(), chosen.end(), [&](const StreetSite* s) {
            return StreetNetwork::distanceM(s->lat, s->lon, c.site->lat, c.site->lon) < MinSpacingM;
        });
        if (!tooClose)
            chosen.append(c.site);
    }
    if (chosen.size() < 10)
        return failure(QCoreApplication::translate("CameraNetwork",
                                                   "The demo street data has only %1 usable intersections for cameras.")
                           .arg(chosen.size()));

    m_fixedCount = int(chosen.size());
    m_cumulativeWeight.clear();
    m_reportsVehicle.clear();
    double total = 0;
    for (const StreetSite* site : chosen) {
        Camera camera;
        camera.id = m_cameras.size() + 1;
        camera.name = site->name;
        camera.unit = u"WCPD Traffic"_s;
        camera.lat = site->lat;
        camera.lon = site->lon;
        camera.heading = site->heading;
        m_cameras.append(camera);
        const quint64 h = DemoRandom::hash(qHash(site->name, 0) + 17);
        // Arterial cameras see two to four times the traffic of a collector street's.
        total += (arterialCount(site->name) > 0 ? 1.3 : 0.5) + 0.8 * DemoRandom::unit(h);
        m_cumulativeWeight.push_back(total);
        m_reportsVehicle.push_back(DemoRandom::unit(DemoRandom::hash(h)) < 0.45);
    }
    for (int unit = 0; unit < MobileUnits; ++unit) {
        Camera camera;
        camera.id = m_cameras.size() + 1;
        camera.name = u"Unit %1"_s.arg(411 + unit);
        camera.unit = u"WCPD Patrol"_s;
        camera.mobile = true;
        camera.lat = kStationLat;
        camera.lon = kStationLon;
        m_cameras.append(camera);
        m_reportsVehicle.push_back(true);
    }

    m_corridors.assign(size_t(streets.routeCount()), {});
    m_memberships.assign(size_t(m_fixedCount), {});
    for (int r = 0; r < streets.routeCount(); ++r) {
        std::vector<Stop>& corridor = m_corridors[size_t(r)];
        for (int c = 0; c < m_fixedCount; ++c) {
            double distance = 0;
            const double offset = streets.projectOntoRoute(r, m_cameras[c].lat, m_cameras[c].lon, &distance);
            if (distance <= kCorridorDistanceM)
                corridor.push_back({ c, offset });
        }
        std::sort(corridor.begin(), corridor.end(), [](const Stop& a, const Stop& b) { return a.offsetM < b.offsetM; });
        for (int i = 0; i < int(corridor.size()); ++i)
            m_memberships[size_t(corridor[size_t(i)].camera)].push_back({ r, i });
    }
    m_beats.assign(MobileUnits, {});
    for (int r = 0; r < streets.routeCount(); ++r)
        m_beats[size_t(r % MobileUnits)].push_back(r);
    for (int unit = 0; unit < MobileUnits; ++unit) {
        if (m_beats[size_t(unit)].empty()) // fewer routes than units: share them
            m_beats[size_t(unit)].push_back(unit % streets.routeCount());
    }
    return {};
}

int CameraNetwork::pickFixed(DemoRandom& random) const
{
    const double u = random.uniform() * m_cumulativeWeight.back();
    const auto it = std::upper_bound(m_cumulativeWeight.begin(), m_cumulativeWeight.end(), u);
    return std::min(int(it - m_cumulativeWeight.begin()), m_fixedCount - 1);
}

int CameraNetwork::trip(int first, int maxLength, DemoRandom& random, int* cameras, double* gapsM) const
{
    cameras[0] = first;
    gapsM[0] = 0;
    const std::vector<Membership>& memberships = m_memberships[size_t(first)];
    if (maxLength <= 1 || memberships.empty())
        return 1;
    const Membership m = memberships[size_t(random.below(memberships.size()))];
    const std::vector<Stop>& corridor = m_corridors[size_t(m.route)];
    const int step = random.chance(0.5) ? 1 : -1;
    int count = 1;
    for (int i = m.index + step; i >= 0 && i < int(corridor.size()) && count < maxLength; i += step) {
        const Stop& stop = corridor[size_t(i)];
        const double gap = std::fabs(stop.offsetM - corridor[size_t(i - step)].offsetM);
        if (stop.camera == cameras[count - 1]) // a looping route passing the same camera again
            continue;
        cameras[count] = stop.camera;
        gapsM[count] = std::max(gap, MinSpacingM);
        ++count;
    }
    return count;
}

QList<int> CameraNetwork::corridor(int camera, int* position) const
{
    QList<int> out { camera };
    *position = 0;
    const Membership* best = nullptr;
    for (const Membership& m : m_memberships[size_t(camera)]) {
        if (!best || m_corridors[size_t(m.route)].size() > m_corridors[size_t(best->route)].size())
            best = &m;
    }
    if (!best)
        return out;
    out.clear();
    const std::vector<Stop>& stops = m_corridors[size_t(best->route)];
    for (int i = 0; i < int(stops.size()); ++i) {
        if (out.isEmpty() || out.last() != stops[size_t(i)].camera)
            out.append(stops[size_t(i)].camera);
        if (i == best->index)
            *position = int(out.size()) - 1;
    }
    return out;
}

int CameraNetwork::beatRoute(int unit, DemoRandom& random) const
{
    const std::vector<int>& beat = m_beats[size_t(unit)];
    return beat[size_t(random.below(beat.size()))];
}

} // namespace alpr
