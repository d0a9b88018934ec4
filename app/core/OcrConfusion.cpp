#include "OcrConfusion.h"

#include "PlatePattern.h"

#include <array>

namespace alpr {

namespace {

// Kept as small pairs rather than merged classes: merging 1/I/L with 1/7 and 7/T would let a misread
// search for "I" match "T", which no reader confuses.
constexpr std::array<const char16_t*, 12> kGroups = {
    u"0ODQ", u"1IL", u"17", u"7T", u"2Z", u"5S", u"6G", u"CG", u"8B", u"4A", u"UV", u"MN",
};

struct WideningTable
{
    std::array<quint64, PlatePattern::kAlphabetSize> widened {};

    WideningTable()
    {
        for (int s = 0; s < PlatePattern::kAlphabetSize; ++s)
            widened[s] = quint64(1) << s;
        for (const char16_t* group : kGroups) {
            quint64 members = 0;
            for (const char16_t* c = group; *c; ++c)
                members |= quint64(1) << PlatePattern::symbolOf(QChar(*c));
            for (int s = 0; s < PlatePattern::kAlphabetSize; ++s) {
                if (members & (quint64(1) << s))
                    widened[s] |= members;
            }
        }
    }
};

const WideningTable& table()
{
    static const WideningTable t;
    return t;
}

} // namespace

QStringList OcrConfusion::groups()
{
    QStringList out;
    for (const char16_t* group : kGroups)
        out.append(QString::fromUtf16(group));
    return out;
}

QString OcrConfusion::groupOf(QChar c)
{
    const int symbol = PlatePattern::symbolOf(c);
    if (symbol < 0)
        return {};
    const quint64 mask = table().widened[symbol];
    QString out;
    for (int s = 0; s < PlatePattern::kAlphabetSize; ++s) {
        if (mask & (quint64(1) << s))
            out.append(PlatePattern::charOf(s));
    }
    return out;
}

quint64 OcrConfusion::widen(quint64 symbolMask)
{
    quint64 out = 0;
    const auto& widened = table().widened;
    for (int s = 0; s < PlatePattern::kAlphabetSize; ++s) {
        if (symbolMask & (quint64(1) << s))
            out |= widened[s];
    }
    return out;
}

} // namespace alpr
