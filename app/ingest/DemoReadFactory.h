#pragma once

#include "DemoEvent.h"
#include "DemoGenerator.h"
#include "DemoRandom.h"
#include "Read.h"

#include <QColor>
#include <QStringView>

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
 * what to render for one read in imageEvery and for scripted reads.
 */
class DemoReadFactory
{
public:
    static constexpr double CandidateShare = 0.24; // plus the misreads, which always carry candidates
    static constexpr double MisreadShare = 0.015;

    DemoReadFactory(const DemoOptions& options, const StreetNetwork& streets, const CameraNetwork& network,
                    const PlateFormats& formats, const VehicleCatalogue& catalogue, const DemoScenario& scenario);
    ~DemoReadFactory();

    /** What renderImages() needs: everything is decided on the generating thread, only drawing is left. */
    struct ImageJob
    {
        qsizetype index = 0; ///< the read's index in its batch
        QString plate; ///< the physical plate, whatever the OCR made of it
        QString state;
        QString caption;
        QColor paint;
        bool night = false;
        int view = 0;
        quint64 seed = 0;
    };

    /**
     * Fills read, which must be default-constructed, as the ordinal-th (0-based) read of the run. Returns
     * true when the read gets images; job then says what to draw (renderImages()).
     */
    bool make(const DemoEvent& event, qint64 ordinal, Read& read, ImageJob& job);
    /** Draws job's images into read. Touches nothing else, so it may run on another thread. */
    static void renderImages(const ImageJob& job, PlateRenderer& renderer, Read& read);

private:
    void addCandidates(Read& read, QStringView truth, int count, float below);

    const DemoOptions m_options;
    const StreetNetwork& m_streets;
    const CameraNetwork& m_network;
    const PlateFormats& m_formats;
    const VehicleCatalogue& m_catalogue;
    const DemoScenario& m_scenario;
    DemoRandom m_random;
    QString m_sourceFile;
    QString m_idPrefix;
};

} // namespace alpr
