#pragma once

#include "DemoEvent.h"
#include "DemoGenerator.h"
#include "DemoRandom.h"
#include "Read.h"

#include <QColor>
#include <QStringView>

#include <memory>

namespace alpr {

class CameraNetwork;
class DemoScenario;
class PlateFormats;
class PlateRenderer;
class StreetNetwork;
class VehicleCatalogue;

/**
 * Turns DemoEvents, in their final order, into Reads: the OCR result (confidence 70-99; about a quarter of
 * the reads with 1-3 alternative candidates differing by confusable characters only; 1.5 % whose primary is
 * itself a misread, with the true plate among the candidates), position scattered a few metres around the
 * camera or beside the patrol car's route, make/model/colour where the camera reports them, source ids, and
 * rendered images for one read in imageEvery and for scripted reads.
 */
class DemoReadFactory
{
public:
    static constexpr double CandidateShare = 0.24; // plus the misreads, which always carry candidates
    static constexpr double MisreadShare = 0.015;

    DemoReadFactory(const DemoOptions& options, const StreetNetwork& streets, const CameraNetwork& network,
                    const PlateFormats& formats, const VehicleCatalogue& catalogue, const DemoScenario& scenario);
    ~DemoReadFactory();

    /** Fills read, which must be default-constructed, as the ordinal-th (0-based) read of the run. */
    void make(const DemoEvent& event, qint64 ordinal, Read& read);

private:
    void addCandidates(Read& read, QStringView truth, int count, float below);
    void addImages(Read& read, QStringView truth, const QColor& paint, qint64 ordinal);

    const DemoOptions m_options;
    const StreetNetwork& m_streets;
    const CameraNetwork& m_network;
    const PlateFormats& m_formats;
    const VehicleCatalogue& m_catalogue;
    const DemoScenario& m_scenario;
    DemoRandom m_random;
    std::unique_ptr<PlateRenderer> m_renderer; // created at the first image: fonts need a QGuiApplication
    QString m_sourceFile;
    QString m_idPrefix;
};

} // namespace alpr
