#include "ImageFilter.h"

namespace alpr {

ImageFilter::~ImageFilter() = default;

} // namespace alpr
