#include "EnhancementPipeline.h"

#include "ClaheFilter.h"
#include "DenoiseFilter.h"
#include "GammaFilter.h"
#include "MatView.h"
#include "PerspectiveFilter.h"
#include "UnsharpMaskFilter.h"

namespace alpr {

EnhancementPipeline::EnhancementPipeline(const EnhancementSettings& s)
{
    if (s.perspectiveActive())
        m_filters.push_back(std::make_unique<PerspectiveFilter>(s.perspective.quad));
    if (s.denoise.enabled)
        m_filters.push_back(std::make_unique<DenoiseFilter>(s.denoise.strength));
    if (s.contrast.enabled)
        m_filters.push_back(std::make_unique<ClaheFilter>(s.contrast.clipLimit, s.contrast.tiles));
    if (s.gamma.enabled)
        m_filters.push_back(std::make_unique<GammaFilter>(s.gamma.gamma));
    if (s.sharpen.enabled)
        m_filters.push_back(std::make_unique<UnsharpMaskFilter>(s.sharpen.amount, s.sharpen.radius));
}

EnhancementPipeline::~EnhancementPipeline() = default;

QStringList EnhancementPipeline::filterIds() const
{
    QStringList ids;
    for (const auto& f : m_filters)
        ids.append(f->id());
    return ids;
}

QImage EnhancementPipeline::run(const QImage& original, const std::function<bool()>& cancelled) const
{
    if (original.isNull())
        return {};
    // working() returns the original itself (shared, not copied) when it is already Grayscale8/RGB888; view() then
    // reads its pixels in place and every filter writes into a new Mat, so the original is never detached or changed.
    const QImage input = MatView::working(original);
    if (m_filters.empty())
        return input;
    cv::Mat current = MatView::view(input);
    for (const auto& filter : m_filters) {
        if (cancelled && cancelled())
            return {};
        cv::Mat next;
        filter->apply(current, next);
        current = next;
    }
    return MatView::toImage(current);
}

} // namespace alpr
