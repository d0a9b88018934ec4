#pragma once

#include <QJsonArray>
#include <QPolygonF>
#include <QStringList>

namespace alpr {

/**
 * What the user asked of the enhancement pipeline: which filters are on and their parameters. A plain value, copied
 * to the worker thread with each request. The defaults are the filters' neutral starting points (Reset returns to
 * them); every parameter is clamped to its range by the filters, so a value from a file cannot make them misbehave.
 *
 * Order of application (fixed, EnhancementPipeline): perspective → denoise → contrast → gamma → sharpen. Geometry
 * first so later filters see only the plate; denoise before contrast and sharpening, which would amplify the noise.
 */
struct EnhancementSettings
{
    struct Contrast
    {
        bool enabled = false;
        double clipLimit = 2.0; ///< CLAHE clip limit, 1..8
        int tiles = 8; ///< tiles per side, 2..16
        bool operator==(const Contrast&) const = default;
    };
    struct Sharpen
    {
        bool enabled = false;
        double amount = 1.0; ///< unsharp mask weight, 0.1..3
        double radius = 1.5; ///< Gaussian sigma in pixels, 0.5..5
        bool operator==(const Sharpen&) const = default;
    };
    struct Gamma
    {
        bool enabled = false;
        double gamma = 1.5; ///< out = 255·(in/255)^(1/gamma): above 1 brightens the mid-tones, 0.2..5
        bool operator==(const Gamma&) const = default;
    };
    struct Denoise
    {
        bool enabled = false;
        int strength = 10; ///< edge-preserving smoothing strength (bilateral filter; sigmaColor = 3·strength), 1..30
        bool operator==(const Denoise&) const = default;
    };
    struct Perspective
    {
        bool enabled = false;
        QPolygonF quad; ///< the plate's corners in the original image: top-left, top-right, bottom-right, bottom-left
        bool operator==(const Perspective&) const = default;
    };

    Contrast contrast;
    Sharpen sharpen;
    Gamma gamma;
    Denoise denoise;
    Perspective perspective;

    bool operator==(const EnhancementSettings&) const = default;

    /** True when at least one filter is on (with a usable quad for the perspective). */
    bool any() const;
    /** True when the perspective correction is on and its quad has four corners. */
    bool perspectiveActive() const;
    /**
     * The filters that are on, in the order applied, with their parameters, translated, one per entry:
     * e.g. "contrast (CLAHE): clip limit 2.0, 8×8 tiles". Empty when none (the caption then says "none").
     */
    QStringList describe() const;
    /** The same as JSON for the audit log: [{"filter":"clahe","clip_limit":2,"tiles":8}, ...]. */
    QJsonArray toJson() const;
};

} // namespace alpr
