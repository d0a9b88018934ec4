#include "TileSource.h"

namespace alpr {

TileSource::~TileSource() = default;

} // namespace alpr
