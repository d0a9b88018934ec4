#include "PlateReading.h"

namespace alpr {

QString PlateReading::text() const
{
    QString out;
    for (const PlateCharacter& c : characters)
        out.append(c.character);
    return out;
}

float PlateReading::meanConfidence() const
{
    if (characters.isEmpty())
        return 0;
    float sum = 0;
    for (const PlateCharacter& c : characters)
        sum += c.confidence;
    return sum / float(characters.size());
}

QString PlateReading::pattern(float threshold) const
{
    QString out;
    for (const PlateCharacter& c : characters)
        out.append(c.confidence < threshold ? QChar(u'?') : c.character);
    return out;
}

int PlateReading::uncertainCount(float threshold) const
{
    int n = 0;
    for (const PlateCharacter& c : characters)
        n += c.confidence < threshold ? 1 : 0;
    return n;
}

} // namespace alpr
