#pragma once

#include <QHashFunctions>
#include <QMetaType>

namespace alpr {

/** A slippy-map tile: zoom level z, column x (west to east), row y (north to south, XYZ/Google convention). */
struct TileId
{
    int z = 0;
    int x = 0;
    int y = 0;
    bool operator==(const TileId&) const = default;
};

inline size_t qHash(const TileId& t, size_t seed = 0) noexcept
{
    return qHashMulti(seed, t.z, t.x, t.y);
}

} // namespace alpr

Q_DECLARE_METATYPE(alpr::TileId)
