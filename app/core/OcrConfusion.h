#pragma once

#include <QChar>
#include <QString>
#include <QStringList>

namespace alpr {

/**
 * Characters that licence-plate OCR is known to mix up, used by the misread-tolerant plate search.
 *
 * The groups are shown to users so they can judge what a misread-tolerant search widens to:
 *   0 O D Q   round shapes; D and Q lose their tail or straight side at low resolution
 *   1 I L     vertical strokes
 *   1 7       a slanted 1 with a serif reads as 7
 *   7 T       the bar of T over a short stem
 *   2 Z       same strokes, curved or straight
 *   5 S       same strokes, angular or curved
 *   6 G       closed loop at the bottom
 *   C G       G loses its spur
 *   8 B       two stacked loops
 *   4 A       open 4 vs apex of A
 *   U V       rounded vs pointed base
 *   M N       a lost stroke
 * Groups are not merged transitively: a character widens to the union of the groups that contain it
 * (1 widens to 1 I L 7, but I does not widen to 7).
 */
class OcrConfusion
{
public:
    /** The confusion groups above, each as the string of its characters ("0ODQ", "1IL", ...). */
    static QStringList groups();

    /**
     * The characters a read of `c` may stand for: `c` itself plus every member of every group containing it,
     * in alphabet order (digits, then letters). Lower case is folded to upper case. Empty when `c` is not a
     * plate character (A-Z, 0-9).
     */
    static QString groupOf(QChar c);

    /** Same as groupOf(), over the 36-symbol alphabet of PlatePattern: a bitmask in, its widening out. */
    static quint64 widen(quint64 symbolMask);
};

} // namespace alpr
