#pragma once

#include <QList>
#include <QRect>
#include <QString>

namespace alpr {

/** One character the OCR read, with its confidence (0..100) and where it is in the prepared crop. */
struct PlateCharacter
{
    QChar character;
    float confidence = 0;
    QRect box;
};

/** What PlateReader made of a plate crop: the characters (A–Z, 0–9 only) left to right with their confidences. */
struct PlateReading
{
    QList<PlateCharacter> characters;

    /** The characters as read, e.g. "7PBT942". */
    QString text() const;
    /** The mean of the characters' confidences (0 when none). */
    float meanConfidence() const;
    /**
     * The partial-plate pattern (PlatePattern syntax): every character read with less than threshold confidence
     * becomes `?`, e.g. "7P?T94?". Empty when nothing was read.
     */
    QString pattern(float threshold) const;
    /** How many characters are below threshold. */
    int uncertainCount(float threshold) const;
};

} // namespace alpr
