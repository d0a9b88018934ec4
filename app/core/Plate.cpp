#include "Plate.h"

namespace alpr {

QString normalisePlate(const QString& raw)
{
    QString out;
    out.reserve(raw.size());
    for (QChar c : raw) {
        const QChar u = c.toUpper();
        if ((u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9'))
            out.append(u);
    }
    return out;
}

QString normaliseState(const QString& raw)
{
    const QString s = raw.trimmed().toUpper();
    if (s.size() != 2 || !s.at(0).isLetter() || !s.at(1).isLetter() || s.at(0).unicode() > 127
        || s.at(1).unicode() > 127)
        return {};
    return s;
}

bool isValidNormalisedPlate(const QString& plate)
{
    if (plate.isEmpty() || plate.size() > 10)
        return false;
    for (QChar c : plate) {
        if (!((c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')))
            return false;
    }
    return true;
}

} // namespace alpr
