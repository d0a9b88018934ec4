#include "DemoGenerator.h"

#include "CameraNetwork.h"
#include "CommuterSchedule.h"
#include "DemoBatchPipeline.h"
#include "DemoEvent.h"
#include "DemoRandom.h"
#include "DemoReadFactory.h"
#include "DemoScenario.h"
#include "PlateFormats.h"
#include "PlateRenderer.h"
#include "StreetNetwork.h"
#include "TrafficModel.h"
#include "VehicleCatalogue.h"

#include <QCoreApplication>
#include <QDateTime>
#include <algorithm>
#include <vector>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DemoGenerator", text);
}

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kDayMs = 24 * 60 * kMinuteMs;
constexpr int kSlotsPerChunk = 6; // sort and hand out six hours at a time
constexpr qint64 kMinReadsForScript = 1000;

// The population, tuned so that distinct plates ≈ 0.2 × reads (measured: see the tests). Trips are shared out
// between locals (live near a camera, ~25 trips each over the window), occasional visitors (~4 trips) and
// vehicles passing once; commuters take 7 % of the reads on a schedule of their own.
constexpr double kCommuterReadShare = 0.07;
constexpr double kLocalShare = 0.42;
constexpr double kOccasionalShare = 0.30;
constexpr double kTripsPerLocal = 25;
constexpr double kTripsPerOccasional = 4;
constexpr double kMobileShare = 0.10; // of trips: a patrol car's single read
constexpr double kMeanTripReads = 1.85;
// Cameras passed in a row on one trip: 1, 2, 3 or 4.
constexpr double kTripLength[4] = { 0.38, 0.30, 0.19, 0.13 };

class TrafficRun
{
public:
    TrafficRun(const StreetNetwork& streets, const CameraNetwork& network, PlateFormats& formats, DemoRandom& random,
               qint64 endMs)
        : m_streets(streets)
        , m_network(network)
        , m_formats(formats)
        , m_random(random)
        , m_endMs(endMs)
    {
    }

    void buildPopulation(qint64 budget)
    {
        const double trips = double(budget) / kMeanTripReads;
        const qint64 locals = std::max<qint64>(1, qint64(kLocalShare * trips / kTripsPerLocal));
        const qint64 occasional = std::max<qint64>(1, qint64(kOccasionalShare * trips / kTripsPerOccasional));
        m_locals.resize(size_t(locals));
        for (PlateKey& k : m_locals)
            k = m_formats.allocate(m_random);
        m_occasional.resize(size_t(occasional));
        for (PlateKey& k : m_occasional)
            k = m_formats.allocate(m_random);
    }

    /** Appends quota reads of trips starting in [from, to) to out. */
    void generateSlot(qint64 from, qint64 to, qint64 quota, quint32& sequence, std::vector<DemoEvent>& out)
    {
        const quint64 span = quint64(std::max<qint64>(1, std::min(to, m_endMs) - from));
        qint64 made = 0;
        int cameras[4];
        double gaps[4];
        while (made < quota) {
            const qint64 start = from + qint64(m_random.below(span));
            if (m_random.chance(kMobileShare)) {
                DemoEvent e;
                e.timeMs = start;
                const int unit = int(m_random.below(CameraNetwork::MobileUnits));
                e.camera = qint16(m_network.fixedCount() + unit);
                e.route = qint16(m_network.beatRoute(unit, m_random));
                e.offsetM = float(m_random.uniform() * m_streets.routeLengthM(e.route));
                e.flags = m_random.chance(0.5) ? DemoEvent::Reverse : 0;
                e.plate = pickPlate(-1);
                e.sequence = sequence++;
                out.push_back(e);
                ++made;
                continue;
            }
            const double u = m_random.uniform();
            const int length = u < kTripLength[0]     ? 1
                : u < kTripLength[0] + kTripLength[1] ? 2
                : u < 1.0 - kTripLength[3]            ? 3
                                                      : 4;
            const int first = m_network.pickFixed(m_random);
            const int count = m_network.trip(first, length, m_random, cameras, gaps);
            const PlateKey plate = pickPlate(first);
            const double speed = m_random.uniform(11, 17); // m/s, 25-38 mph
            qint64 t = start;
            for (int k = 0; k < count && made < quota; ++k) {
                if (k > 0)
                    t += qint64((gaps[k] / speed + m_random.uniform(10, 70)) * 1000.0);
                if (t >= m_endMs)
                    break;
                DemoEvent e;
                e.timeMs = t;
                e.plate = plate;
                e.camera = qint16(cameras[k]);
                e.sequence = sequence++;
                out.push_back(e);
                ++made;
            }
        }
    }

private:
    PlateKey pickPlate(int camera)
    {
        const double u = m_random.uniform();
        if (u < kLocalShare) {
            // Locals live near their home camera (index mod the camera count) and start their trips there.
            const quint64 cameras = quint64(m_network.fixedCount());
            if (camera < 0)
                return m_locals[size_t(m_random.below(m_locals.size()))];
            if (quint64(camera) < m_locals.size()) {
                const quint64 atHome = (m_locals.size() - quint64(camera) + cameras - 1) / cameras;
                return m_locals[size_t(quint64(camera) + cameras * m_random.below(atHome))];
            }
        }
        if (u < kLocalShare + kOccasionalShare)
            return m_occasional[size_t(m_random.below(m_occasional.size()))];
        return m_formats.allocate(m_random);
    }

    const StreetNetwork& m_streets;
    const CameraNetwork& m_network;
    PlateFormats& m_formats;
    DemoRandom& m_random;
    qint64 m_endMs;
    std::vector<PlateKey> m_locals;
    std::vector<PlateKey> m_occasional;
};

} // namespace

DemoGenerator::DemoGenerator(DemoOptions options)
    : m_options(options)
{
}

DemoGenerator::~DemoGenerator() = default;

Status DemoGenerator::load()
{
    if (m_options.reads < 0)
        return usageError(tr("The number of demo reads must not be negative."));
    if (m_options.days < 2 || m_options.days > 3660)
        return usageError(
            tr("The demo window must be between 2 and 3660 days long (asked for %1).").arg(m_options.days));
    m_endMs = m_options.endMs > 0 ? m_options.endMs : QDateTime::currentMSecsSinceEpoch() / kMinuteMs * kMinuteMs;
    m_startMs = m_endMs - m_options.days * kDayMs;

    auto streets = std::make_unique<StreetNetwork>();
    if (Status s = streets->load(); !s)
        return s;
    auto network = std::make_unique<CameraNetwork>();
    if (Status s = network->build(*streets); !s)
        return s;
    auto scenario = std::make_unique<DemoScenario>();
    scenario->build(*streets, *network, VehicleCatalogue(), m_options.seed, m_startMs, m_endMs);
    m_streets = std::move(streets);
    m_network = std::move(network);
    m_scenario = std::move(scenario);
    m_loaded = true;
    return {};
}

QList<Camera> DemoGenerator::cameras() const
{
    return m_loaded ? m_network->cameras() : QList<Camera>();
}

QList<DemoHotlistEntry> DemoGenerator::hotlist() const
{
    return m_loaded ? m_scenario->hotlist() : QList<DemoHotlistEntry>();
}

DemoScene DemoGenerator::scene() const
{
    return m_loaded ? m_scenario->scene() : DemoScene();
}

Status DemoGenerator::generate(const std::function<bool(QList<Read>&)>& sink,
                               const std::function<void(qint64, qint64)>& progress)
{
    if (!m_loaded)
        return failure(tr("The demo generator was not loaded."));
    if (m_options.imageEvery > 0 && !PlateRenderer::available())
        return failure(tr("Demo images need a QGuiApplication for their text; create one (the offscreen platform "
                          "will do) or turn images off."));
    const qint64 total = m_options.reads;
    DemoRandom random(DemoRandom::hash(m_options.seed, 0x74726166666963ULL));
    PlateFormats formats(m_options.seed);
    for (const QString& plate : m_scenario->reservedPlates())
        formats.reserve(plate);
    const VehicleCatalogue catalogue;

    // Scheduled reads first (the script and the commuters), then the random traffic fills the rest exactly.
    std::vector<DemoEvent> scheduled;
    if (total >= kMinReadsForScript)
        scheduled.assign(m_scenario->events().begin(), m_scenario->events().end());
    CommuterSchedule commuters;
    commuters.build(int(kCommuterReadShare * double(total) / CommuterSchedule::expectedReads(m_options.days)),
                    *m_network, formats, random);
    commuters.appendEvents(m_startMs, m_endMs, scheduled);
    if (qint64(scheduled.size()) > total)
        scheduled.clear(); // a tiny demo: random traffic only
    std::stable_sort(scheduled.begin(), scheduled.end(),
                     [](const DemoEvent& a, const DemoEvent& b) { return a.timeMs < b.timeMs; });
    quint32 sequence = 0;
    for (DemoEvent& e : scheduled)
        e.sequence = sequence++;

    const qint64 budget = total - qint64(scheduled.size());
    TrafficRun traffic(*m_streets, *m_network, formats, random, m_endMs);
    traffic.buildPopulation(budget);
    const TrafficModel model(m_startMs, m_endMs);
    const QList<qint64> quotas = model.slotQuotas(budget);
    DemoReadFactory factory(m_options, *m_streets, *m_network, formats, catalogue, *m_scenario);

    std::vector<DemoEvent> buffer;
    size_t nextScheduled = 0;
    DemoBatchPipeline pipeline(sink, progress, total, BatchSize);
    qint64 done = 0;
    for (int slot = 0; slot < model.slotCount(); slot += kSlotsPerChunk) {
        const int lastSlot = std::min(slot + kSlotsPerChunk, model.slotCount());
        const bool finalChunk = lastSlot == model.slotCount();
        const qint64 chunkEnd = finalChunk ? m_endMs : model.slotStart(lastSlot);
        while (nextScheduled < scheduled.size() && (finalChunk || scheduled[nextScheduled].timeMs < chunkEnd))
            buffer.push_back(scheduled[nextScheduled++]);
        for (int s = slot; s < lastSlot; ++s)
            traffic.generateSlot(model.slotStart(s), model.slotEnd(s), quotas[s], sequence, buffer);
        std::sort(buffer.begin(), buffer.end());
        // Trips that run past the chunk's end wait for the next chunk, so the order holds across chunks.
        const auto ready = finalChunk ? buffer.end()
                                      : std::lower_bound(buffer.begin(), buffer.end(), chunkEnd,
                                                         [](const DemoEvent& e, qint64 t) { return e.timeMs < t; });
        DemoReadFactory::ImageJob job;
        for (auto it = buffer.begin(); it != ready; ++it) {
            QList<Read>& batch = pipeline.current();
            if (factory.make(*it, done++, batch.emplace_back(), job)) {
                job.index = batch.size() - 1;
                pipeline.jobs().push_back(std::move(job));
                job = {};
            }
            if (batch.size() == BatchSize && !pipeline.push())
                return {}; // cancelled by the sink
        }
        buffer.erase(buffer.begin(), ready);
    }
    pipeline.finish();
    Q_ASSERT(done == total);
    return {};
}

} // namespace alpr
