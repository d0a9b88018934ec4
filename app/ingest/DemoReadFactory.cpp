#include "DemoReadFactory.h"

#include "CameraNetwork.h"
#include "DemoScenario.h"
#include "PlateFormats.h"
#include "PlateRenderer.h"
#include "StreetNetwork.h"
#include "TrafficModel.h"
#include "VehicleCatalogue.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace alpr {

namespace {

constexpr qint64 kHourMs = 3600 * 1000;

float roundTenth(double v)
{
    return float(std::round(v * 10.0) / 10.0);
}

QString fromBuffer(const char16_t* chars, int length)
{
    return QString(reinterpret_cast<const QChar*>(chars), length);
}

} // namespace

DemoReadFactory::DemoReadFactory(const DemoOptions& options, const StreetNetwork& streets, const CameraNetwork& network,
                                 const PlateFormats& formats, const VehicleCatalogue& catalogue,
                                 const DemoScenario& scenario)
    : m_options(options)
    , m_streets(streets)
    , m_network(network)
    , m_formats(formats)
    , m_catalogue(catalogue)
    , m_scenario(scenario)
    , m_random(DemoRandom::hash(options.seed, 0x72656164ULL))
    , m_sourceFile(u"demo"_s)
    , m_idPrefix(u"s%1-n%2-"_s.arg(options.seed).arg(options.reads))
{
}

DemoReadFactory::~DemoReadFactory() = default;

bool DemoReadFactory::make(const DemoEvent& event, qint64 ordinal, Read& read, ImageJob& job)
{
    char16_t truthBuffer[PlateFormats::MaxLength];
    QStringView truth;
    const DemoScriptedVehicle* scripted = nullptr;
    VehicleCatalogue::Vehicle vehicle;
    if (event.flags & DemoEvent::Scripted) {
        scripted = &m_scenario.vehicles()[qsizetype(event.plate)];
        truth = scripted->plate;
        read.state = scripted->state;
        vehicle = scripted->vehicle;
    } else {
        truth = QStringView(truthBuffer, m_formats.render(event.plate, truthBuffer));
        read.state = m_formats.state(event.plate);
    }

    // OCR: most reads are confident; a misread primary is a less confident one with the truth as a candidate.
    const double u = m_random.uniform();
    double confidence = 70.0 + 29.0 * (1.0 - u * u * u);
    if (scripted && (event.flags & DemoEvent::Misread)) {
        read.plate = scripted->misread;
        confidence = m_random.uniform(72, 84);
        read.candidates.append({ scripted->plate, roundTenth(confidence - m_random.uniform(2, 9)) });
    } else if (!scripted && m_random.chance(MisreadShare)) {
        char16_t wrong[PlateFormats::MaxLength];
        const int length = PlateFormats::misread(truth, wrong, 1, m_random);
        if (length > 0) {
            read.plate = fromBuffer(wrong, length);
            confidence = m_random.uniform(70, 86);
            read.candidates.append({ truth.toString(), roundTenth(confidence - m_random.uniform(2, 9)) });
            if (m_random.chance(0.4))
                addCandidates(read, truth, 1, read.candidates.last().confidence);
        } else {
            read.plate = truth.toString();
        }
    } else {
        read.plate = scripted ? scripted->plate : truth.toString();
        if (m_random.chance(CandidateShare)) {
            const double c = m_random.uniform();
            addCandidates(read, truth, c < 0.6 ? 1 : c < 0.88 ? 2 : 3, float(confidence));
        }
    }
    read.confidence = roundTenth(confidence);
    read.timeMs = event.timeMs;

    const Camera& camera = m_network.cameras()[event.camera];
    read.cameraId = camera.id;
    if (event.route >= 0) {
        // A patrol car reads the cars beside it: parked at the kerb or in the next lane.
        const StreetPoint at = m_streets.pointAt(event.route, event.offsetM);
        const double side = m_random.uniform(3, 7) * (m_random.chance(0.5) ? 1 : -1);
        const double radians = at.heading * M_PI / 180.0;
        read.lat = at.lat;
        read.lon = at.lon;
        StreetNetwork::offsetM(read.lat, read.lon, side * std::cos(radians), -side * std::sin(radians));
        read.heading = std::fmod(at.heading + ((event.flags & DemoEvent::Reverse) ? 180.f : 0.f), 360.f);
    } else {
        // A fixed camera's reads spread over its lanes: a few metres around its point.
        read.lat = camera.lat;
        read.lon = camera.lon;
        StreetNetwork::offsetM(read.lat, read.lon, 6.0 * m_random.triangular(), 6.0 * m_random.triangular());
        read.heading = float(std::fmod(camera.heading + 6.0 * m_random.triangular() + 360.0, 360.0));
    }
    read.heading = roundTenth(read.heading);
    if (read.heading >= 360.f)
        read.heading = 0;

    const int every = m_options.imageEvery;
    const bool images = every > 0 && (ordinal % every == every - 1 || (event.flags & DemoEvent::Images));
    const bool reportsVehicle = scripted || m_network.reportsVehicle(event.camera);
    if (!scripted && (reportsVehicle || images))
        vehicle = m_catalogue.vehicle(DemoRandom::hash(event.plate, m_options.seed));
    if (reportsVehicle) {
        read.make = m_catalogue.make(vehicle);
        read.model = m_catalogue.model(vehicle);
        read.colour = m_catalogue.colour(vehicle);
    }
    read.sourceFile = m_sourceFile;
    char16_t id[24];
    int n = 0;
    for (qint64 v = ordinal; n == 0 || v > 0; v /= 10)
        id[n++] = char16_t(u'0' + v % 10);
    std::reverse(id, id + n);
    read.sourceId.reserve(m_idPrefix.size() + n);
    read.sourceId.append(m_idPrefix);
    read.sourceId.append(reinterpret_cast<const QChar*>(id), n);

    if (!images)
        return false;
    const int localHour = int((TrafficModel::toLocalMs(read.timeMs) / kHourMs) % 24);
    job.plate = truth.toString();
    job.state = read.state;
    job.caption = camera.name + u"   "_s + TrafficModel::formatLocal(read.timeMs);
    job.paint = m_catalogue.paint(vehicle);
    job.night = localHour < 6 || localHour >= 20;
    job.view = int(read.cameraId);
    job.seed = DemoRandom::hash(m_options.seed, quint64(ordinal));
    return true;
}

void DemoReadFactory::addCandidates(Read& read, QStringView truth, int count, float below)
{
    char16_t variant[PlateFormats::MaxLength];
    float confidence = below;
    const qsizetype target = read.candidates.size() + count;
    for (int attempt = 0; attempt < 3 * count && read.candidates.size() < target; ++attempt) {
        const int length = PlateFormats::misread(truth, variant, m_random.chance(0.8) ? 1 : 2, m_random);
        if (length == 0)
            return; // nothing on this plate an OCR would confuse
        const QStringView v(variant, length);
        if (v == read.plate
            || std::any_of(read.candidates.begin(), read.candidates.end(),
                           [&](const PlateCandidate& c) { return c.plate == v; }))
            continue;
        confidence = std::max(5.f, roundTenth(confidence - m_random.uniform(3, 20)));
        read.candidates.append({ v.toString(), confidence });
    }
}

void DemoReadFactory::renderImages(const ImageJob& job, PlateRenderer& renderer, Read& read)
{
    read.plateJpeg = PlateRenderer::toJpeg(renderer.crop(job.plate, job.state, job.paint, job.night, job.seed));
    read.overviewJpeg = PlateRenderer::toJpeg(
        renderer.overview(job.plate, job.state, job.paint, job.caption, job.night, job.view, job.seed + 1));
}

} // namespace alpr
