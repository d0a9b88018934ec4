#pragma once

#include "EnhancementSettings.h"

#include <QImage>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace alpr {

class ImageFilter;

/**
 * The filters a set of EnhancementSettings asks for, in their fixed order (see EnhancementSettings), built once and
 * run on any thread. run() never writes to the image it is given: the stored original stays as it was, byte for
 * byte; the result is a new image (Grayscale8 for grey originals, RGB888 otherwise).
 */
class EnhancementPipeline
{
public:
    explicit EnhancementPipeline(const EnhancementSettings& settings);
    ~EnhancementPipeline();
    EnhancementPipeline(const EnhancementPipeline&) = delete;
    EnhancementPipeline& operator=(const EnhancementPipeline&) = delete;

    /**
     * The enhanced copy of original. cancelled, when given, is asked between filters; once it returns true the
     * run stops and returns a null image (a newer request superseded this one). With no filter on, returns the
     * original converted to the working format.
     */
    QImage run(const QImage& original, const std::function<bool()>& cancelled = {}) const;
    /** The filters' ids in the order they run, e.g. {"perspective", "clahe"}. */
    QStringList filterIds() const;

private:
    std::vector<std::unique_ptr<ImageFilter>> m_filters;
};

} // namespace alpr
