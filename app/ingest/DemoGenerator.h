#pragma once

#include "Read.h"
#include "Result.h"

#include <QList>
#include <QString>
#include <functional>
#include <memory>

namespace alpr {

class CameraNetwork;
class DemoScenario;
class StreetNetwork;

struct DemoOptions
{
    qint64 reads = 100000;
    quint64 seed = 1;
    qint64 endMs = 0; ///< end of the window (exclusive), UTC ms; 0 = now, truncated to the minute
    int days = 60; ///< window length, at least 2
    int imageEvery = 2000; ///< one read in N gets rendered images (scripted reads always do); 0 = none
};

struct DemoHotlistEntry
{
    QString plate;
    QString state;
    QString list; ///< "stolen vehicles", "wanted persons", "amber alert"
    QString reason;
};

/** The scripted crime scene: a suspect vehicle passes near it inside the window. */
struct DemoScene
{
    QString title;
    double lat = 0;
    double lon = 0;
    double radiusM = 0;
    qint64 fromMs = 0; ///< [fromMs, toMs), UTC ms
    qint64 toMs = 0;
    QString suspectPlate;
    QString description; ///< what the witness saw, for the README and the CLI; names no full plate
};

/**
 * Realistic demo ALPR data on real West Covina streets, deterministic for a seed.
 *
 * Fixed cameras at named intersections and patrol-car units along the route lines (CameraNetwork); traffic
 * following weekday/weekend curves in Pacific time (TrafficModel); a plate population of commuters (same
 * cameras, most weekdays, similar times), locals (seen often near home), occasional visitors and a long tail
 * seen once, about 0.2 distinct plates per read; California and out-of-state plate shapes (PlateFormats);
 * OCR candidates and misreads with realistic confusions; make/model/colour where the camera reports them;
 * rendered plate and overview JPEGs for one read in imageEvery; a scripted crime scene and a hotlist
 * (DemoScenario). Below 1,000 reads the scripted sightings are left out.
 *
 * Images need a QGuiApplication (text rendering): generate() fails without one unless imageEvery is 0. They
 * are drawn on one worker thread while the sink stores the previous batch (DemoBatchPipeline); the sink and
 * progress are always called on the thread that called generate(). The output does not depend on timing.
 * A generator is not thread-safe: use it from one thread at a time.
 */
class DemoGenerator
{
public:
    static constexpr int BatchSize = 10000;

    explicit DemoGenerator(DemoOptions options);
    ~DemoGenerator();
    DemoGenerator(const DemoGenerator&) = delete;
    DemoGenerator& operator=(const DemoGenerator&) = delete;

    /** Reads the street resources and sets up cameras, scene and hotlist; a clear error if they are malformed. */
    Status load();
    /** After load(): fixed cameras then mobile units, ids 1..n (the store keeps them). */
    QList<Camera> cameras() const;
    /**
     * Calls sink with batches of up to BatchSize reads, time-ordered overall, until options.reads have been
     * produced or sink returns false (cancel: generate() then returns success). progress(done, total) follows
     * each batch. Every read has sourceFile "demo" and a sourceId unique for (seed, reads, position), so
     * re-running with the same options adds nothing to a store that deduplicates on them.
     */
    Status generate(const std::function<bool(QList<Read>&)>& sink,
                    const std::function<void(qint64, qint64)>& progress = {});
    /** After load(): 8 entries, 5 of whose plates occur in the reads (when reads >= 1000). */
    QList<DemoHotlistEntry> hotlist() const;
    /** After load(): the scripted crime scene. */
    DemoScene scene() const;

    /** The window [startMs, endMs) the reads fall in (after load()). */
    qint64 startMs() const { return m_startMs; }
    qint64 endMs() const { return m_endMs; }
    /** The street geometry the reads lie on (after load()). */
    const StreetNetwork& streets() const { return *m_streets; }

private:
    DemoOptions m_options;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    bool m_loaded = false;
    std::unique_ptr<StreetNetwork> m_streets;
    std::unique_ptr<CameraNetwork> m_network;
    std::unique_ptr<DemoScenario> m_scenario;
};

} // namespace alpr
