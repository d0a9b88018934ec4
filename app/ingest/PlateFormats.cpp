#include "PlateFormats.h"

#include "DemoRandom.h"

#include <array>
#include <bit>

namespace alpr {

namespace {

// Pattern letters: L a series letter (I, O, Q skipped), D any digit, N a digit 1-9, '1'..'9' that digit.
constexpr char16_t kLetters[] = u"ABCDEFGHJKLMNPRSTUVWXYZ";
constexpr int kLetterCount = 23;

constexpr const char* kShapes[] = {
    "1LLLDDD", "2LLLDDD", "3LLLDDD", "4LLLDDD", "5LLLDDD", "6LLLDDD", "7LLLDDD", "8LLLDDD", "9LLLDDD", // CA passenger
    "NLDDDDD", // CA commercial 1A23456
    "LLLDDD", // CA legacy ABC123
    "NDDLLL", // CA legacy 123ABC, Oregon
    "LLLDDDD", // AZ, TX, WA, NY
    "NDLDDD", // NV 12A345
    "LNDDLL", // UT A123BC
    "LLLLDD", // CO, FL
};
constexpr int kShapeCount = int(std::size(kShapes));
constexpr int kVanityShape = kShapeCount;
enum Shape {
    CaPassenger1 = 0,
    CaCommercial = 9,
    LettersFirst,
    DigitsFirst,
    ThreeFour,
    NevadaShape,
    UtahShape,
    FourTwo
};

constexpr const char* kStates[] = { "CA", "AZ", "NV", "TX", "OR", "WA", "UT", "CO", "FL", "NY" };

struct KindInfo
{
    PlateFormats::Kind kind;
    int state;
    int shape; // -1: California passenger (first digit drawn), kVanityShape: vanity
    double weight; // per cent of plates
};

constexpr KindInfo kKinds[] = {
    { PlateFormats::Kind::CaliforniaPassenger, 0, -1, 82.0 },
    { PlateFormats::Kind::CaliforniaCommercial, 0, CaCommercial, 6.0 },
    { PlateFormats::Kind::CaliforniaLegacyLettersFirst, 0, LettersFirst, 1.2 },
    { PlateFormats::Kind::CaliforniaLegacyDigitsFirst, 0, DigitsFirst, 1.0 },
    { PlateFormats::Kind::CaliforniaVanity, 0, kVanityShape, 1.8 },
    { PlateFormats::Kind::Arizona, 1, ThreeFour, 2.5 },
    { PlateFormats::Kind::Nevada, 2, NevadaShape, 1.9 },
    { PlateFormats::Kind::Texas, 3, ThreeFour, 1.0 },
    { PlateFormats::Kind::Oregon, 4, DigitsFirst, 0.5 },
    { PlateFormats::Kind::Washington, 5, ThreeFour, 0.6 },
    { PlateFormats::Kind::Utah, 6, UtahShape, 0.4 },
    { PlateFormats::Kind::Colorado, 7, FourTwo, 0.4 },
    { PlateFormats::Kind::Florida, 8, FourTwo, 0.4 },
    { PlateFormats::Kind::NewYork, 9, ThreeFour, 0.3 },
};

// California's passenger series reached 9xxx in 2024; cars on the road skew to the last decade's 7, 8 and 9.
constexpr double kFirstDigitWeights[9] = { 1.5, 1.5, 2.0, 4.0, 8.0, 13.0, 22.0, 30.0, 18.0 };

constexpr const char* kVanity[] = {
    "LUV2SRF", "2FAST4U", "SOCAL",   "SURFSUP", "BRUINS",  "TROJANS", "DODGERS", "LAKERS",  "MYTESLA", "EVLUTN",
    "ZOOMZM",  "HAPPY",   "BLESSED", "MIJITA",  "ABUELA",  "NANA",    "PAPI",    "TACOLUV", "BOBALUV", "INNOUT",
    "NOTRAFC", "CMUTER",  "RNNGL8",  "L8AGAIN", "GR8DAY",  "SLOMO",   "NOHURRY", "ROADRNR", "MTBALDY", "SANGABE",
    "COVINA",  "WCOVINA", "VALINDA", "NURSE",   "RN4LIFE", "DRMOM",   "MSTEACH", "KOFFEE",  "ESPRESO", "GOVEGAN",
    "PLNTPWR", "EV4ME",   "SUNNY",   "BEACHN",  "BIGBEAR", "SKIBUM",  "GOLFR",   "HIKER",   "CAMPN",   "NOWORRY",
    "AWSUM",   "OHANA",   "ALOHA",   "MAHALO",  "BABYGRL", "MYRIDE",  "HISRIDE", "HERRIDE", "MOMSVAN", "DADSCAR",
    "MOMTAXI", "SCCRMOM", "TENNIS",  "SWIMR",   "RUNNER",  "26PT2",   "QUILTER", "GARDNR",  "BEEKPR",  "FIXIT",
    "TOOLMAN", "BUILDR",  "HVACGUY", "PLUMBR",  "SPARKY",  "REALTOR", "CASHFLO", "STONKS",  "HODL",    "CRYPTO",
    "GEEK",    "CODER",   "DEVOPS",  "LINUX",   "GAMER",   "PLAYER1", "LVLUP",   "NINJA",   "SAMURAI", "DRAGON",
    "PANDA",   "KOALA",   "CORGI",   "DOGMOM",  "CATMOM",  "WOOF",    "MEOW",    "BARK",    "VROOM",   "MUSTNG",
};

constexpr quint64 kIndexMask = (quint64(1) << 40) - 1;

PlateKey pack(int shape, int state, quint64 index)
{
    return (quint64(state) << 48) | (quint64(shape) << 40) | index;
}

quint64 shapeSize(const char* pattern)
{
    quint64 size = 1;
    for (const char* p = pattern; *p; ++p) {
        if (*p == 'L')
            size *= kLetterCount;
        else if (*p == 'D')
            size *= 10;
        else if (*p == 'N')
            size *= 9;
    }
    return size;
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}
bool isLetter(QChar c)
{
    return c >= u'A' && c <= u'Z';
}

} // namespace

PlateFormats::PlateFormats(quint64 seed)
{
    for (const char* s : kStates)
        m_states.append(QString::fromLatin1(s));
    m_vanity = vanityPlates();
    DemoRandom keys(DemoRandom::hash(seed, 0x706c617465ULL));
    for (int shape = 0; shape <= kShapeCount; ++shape) {
        Space space;
        space.size = shape == kVanityShape ? quint64(m_vanity.size()) : shapeSize(kShapes[shape]);
        int bits = std::bit_width(space.size - 1);
        bits += bits & 1;
        space.halfBits = std::max(1, bits / 2);
        for (quint64& k : space.keys)
            k = keys.next();
        m_spaces.append(space);
    }
}

quint64 PlateFormats::permute(const Space& space, quint64 index) const
{
    // A balanced Feistel network is a bijection on [0, 2^2h); walking the cycle until the value falls inside
    // [0, size) restricts it to a bijection on the shape's space (size > 2^(2h-2), so < 4 steps on average).
    const quint64 mask = (quint64(1) << space.halfBits) - 1;
    quint64 x = index;
    do {
        quint64 left = x >> space.halfBits;
        quint64 right = x & mask;
        for (quint64 key : space.keys) {
            const quint64 f = DemoRandom::hash(right ^ key) & mask;
            const quint64 newRight = left ^ f;
            left = right;
            right = newRight;
        }
        x = (left << space.halfBits) | right;
    } while (x >= space.size);
    return x;
}

PlateKey PlateFormats::allocate(DemoRandom& random)
{
    double u = random.uniform() * 100.0;
    for (const KindInfo& k : kKinds) {
        if (u < k.weight)
            return allocate(k.kind, random);
        u -= k.weight;
    }
    return allocate(Kind::CaliforniaPassenger, random);
}

PlateKey PlateFormats::allocate(Kind kind, DemoRandom& random)
{
    const KindInfo* info = &kKinds[0];
    for (const KindInfo& k : kKinds) {
        if (k.kind == kind)
            info = &k;
    }
    int shape = info->shape;
    if (shape == kVanityShape && m_spaces[kVanityShape].next >= m_spaces[kVanityShape].size)
        shape = -1;
    if (shape == -1) {
        double u = random.uniform() * 100.0;
        shape = 8;
        for (int d = 0; d < 9; ++d) {
            if (u < kFirstDigitWeights[d]) {
                shape = d;
                break;
            }
            u -= kFirstDigitWeights[d];
        }
    }
    return allocateShape(shape, info->state, random);
}

PlateKey PlateFormats::allocateShape(int shape, int state, DemoRandom& random)
{
    char16_t buffer[MaxLength];
    for (int attempt = 0; attempt < 64; ++attempt) {
        Space& space = m_spaces[shape];
        if (space.next >= space.size) {
            // A series used up (only conceivable for vanity or far beyond 10 M reads): move to the newest series.
            shape = CaPassenger1 + 8;
            state = 0;
            continue;
        }
        const quint64 index = shape == kVanityShape ? space.next : permute(space, space.next);
        ++space.next;
        const PlateKey key = pack(shape, state, index);
        if (!isReserved(buffer, render(key, buffer)))
            return key;
    }
    Q_UNREACHABLE();
    return pack(CaPassenger1 + 8, 0, 0);
}

void PlateFormats::reserve(const QString& plate)
{
    m_reserved.append(plate);
}

bool PlateFormats::isReserved(const char16_t* chars, int length) const
{
    const QStringView view(chars, length);
    for (const QString& r : m_reserved) {
        if (r == view)
            return true;
    }
    return false;
}

int PlateFormats::render(PlateKey key, char16_t* out) const
{
    const int shape = int((key >> 40) & 0xff);
    quint64 index = key & kIndexMask;
    if (shape == kVanityShape) {
        const QString& v = m_vanity.at(qsizetype(index));
        std::copy(v.utf16(), v.utf16() + v.size(), out);
        return int(v.size());
    }
    const char* pattern = kShapes[shape];
    const int length = int(std::char_traits<char>::length(pattern));
    for (int i = length - 1; i >= 0; --i) {
        switch (pattern[i]) {
        case 'L':
            out[i] = kLetters[index % kLetterCount];
            index /= kLetterCount;
            break;
        case 'D':
            out[i] = char16_t(u'0' + index % 10);
            index /= 10;
            break;
        case 'N':
            out[i] = char16_t(u'1' + index % 9);
            index /= 9;
            break;
        default:
            out[i] = char16_t(pattern[i]);
        }
    }
    return length;
}

QString PlateFormats::plate(PlateKey key) const
{
    char16_t buffer[MaxLength];
    const int length = render(key, buffer);
    return QString(reinterpret_cast<const QChar*>(buffer), length);
}

const QString& PlateFormats::state(PlateKey key) const
{
    return m_states.at(qsizetype((key >> 48) & 0xff));
}

bool PlateFormats::isCalifornia(PlateKey key) const
{
    return ((key >> 48) & 0xff) == 0;
}

QStringView PlateFormats::confusions(QChar c)
{
    switch (c.unicode()) {
    case u'8':
        return u"B";
    case u'B':
        return u"8";
    case u'0':
        return u"OD";
    case u'O':
        return u"0D";
    case u'D':
        return u"0O";
    case u'1':
        return u"I";
    case u'I':
        return u"1";
    case u'5':
        return u"S";
    case u'S':
        return u"5";
    case u'2':
        return u"Z";
    case u'Z':
        return u"2";
    case u'6':
        return u"G";
    case u'G':
        return u"6";
    default:
        return {};
    }
}

bool PlateFormats::confusable(QChar a, QChar b)
{
    return a == b || confusions(a).contains(b);
}

int PlateFormats::misread(QStringView plate, char16_t* out, int substitutions, DemoRandom& random)
{
    std::array<int, MaxLength> positions {};
    int count = 0;
    const int length = int(std::min<qsizetype>(plate.size(), MaxLength));
    for (int i = 0; i < length; ++i) {
        out[i] = plate[i].unicode();
        if (!confusions(plate[i]).isEmpty())
            positions[count++] = i;
    }
    if (count == 0)
        return 0;
    substitutions = std::clamp(substitutions, 1, count);
    for (int s = 0; s < substitutions; ++s) {
        // Partial Fisher-Yates: each substitution takes a different position.
        const int pick = s + int(random.below(quint64(count - s)));
        std::swap(positions[s], positions[pick]);
        const int at = positions[s];
        const QStringView others = confusions(plate[at]);
        out[at] = others[qsizetype(random.below(quint64(others.size())))].unicode();
    }
    return length;
}

QList<QString> PlateFormats::vanityPlates()
{
    QList<QString> out;
    out.reserve(qsizetype(std::size(kVanity)));
    for (const char* v : kVanity)
        out.append(QString::fromLatin1(v));
    return out;
}

bool PlateFormats::matchesSequentialShape(QStringView plate)
{
    for (const char* pattern : kShapes) {
        const qsizetype length = qsizetype(std::char_traits<char>::length(pattern));
        if (plate.size() != length)
            continue;
        bool match = true;
        for (qsizetype i = 0; i < length && match; ++i) {
            const char p = pattern[i];
            match = p == 'L'           ? isLetter(plate[i])
                : p == 'D' || p == 'N' ? isDigit(plate[i])
                                       : plate[i] == QLatin1Char(p);
        }
        if (match)
            return true;
    }
    return false;
}

} // namespace alpr
