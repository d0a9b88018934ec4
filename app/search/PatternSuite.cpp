#include "PatternSuite.h"

#include <random>
#include <unordered_set>

namespace alpr {

QList<PatternSuite::Case> PatternSuite::cases()
{
    // Names are stable identifiers for benchmark output, so they are not translated.
    return {
        { QStringLiteral("prefix-3"), QStringLiteral("7ABC*"), false },
        { QStringLiteral("infix-4"), QStringLiteral("*BC23*"), false },
        { QStringLiteral("positions-3"), QStringLiteral("?A?B??2"), false },
        { QStringLiteral("ends-and-class"), QStringLiteral("7*[8B]*2"), false },
        { QStringLiteral("suffix-3"), QStringLiteral("*234"), false },
        { QStringLiteral("class-prefix"), QStringLiteral("[0O]*"), false },
        { QStringLiteral("misread-exact"), QStringLiteral("8BC"), true },
        { QStringLiteral("misread-infix-3"), QStringLiteral("*8BC*"), true },
        { QStringLiteral("witness-scattered"), QStringLiteral("7*A*B*2"), false },
        { QStringLiteral("two-letters-anywhere"), QStringLiteral("*A*B*"), false },
        { QStringLiteral("misread-positions"), QStringLiteral("?[8B]??5?0"), true },
        { QStringLiteral("infix-with-gap"), QStringLiteral("*C?4*"), false },
        { QStringLiteral("range-negation"), QStringLiteral("[1-3]?[!A-M]*9"), false },
        { QStringLiteral("vanity-word"), QStringLiteral("*LOVE*"), false },
        { QStringLiteral("broad-prefix"), QStringLiteral("1*"), false },
        { QStringLiteral("broad-length"), QStringLiteral("???????"), false },
        { QStringLiteral("everything"), QStringLiteral("*"), false },
    };
}

QStringList PatternSuite::syntheticPlates(qsizetype count, quint64 seed)
{
    // Plain modulo on the raw engine output, not std::uniform_int_distribution, whose results differ between
    // standard libraries: the benchmark must see the same plates everywhere.
    std::mt19937_64 rng(seed);
    const auto pick = [&rng](const char* from, unsigned size) { return from[rng() % size]; };
    const char* letters = "ABCDEFGHJKLMNPRSTUVWXYZ"; // no I, O, Q
    const char* anyLetter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const char* digits = "0123456789";
    const auto L = [&] { return pick(letters, 23); };
    const auto D = [&] { return pick(digits, 10); };
    const auto D1 = [&] { return pick(digits + 1, 9); };

    QStringList plates;
    plates.reserve(count);
    std::unordered_set<quint64> seen; // plates packed 6 bits a character
    seen.reserve(std::size_t(count) * 2);
    char plate[11];
    while (plates.size() < count) {
        int length = 0;
        const auto shaped = [&](const char* shape) { // N: digit 1-9, D: digit, L: letter
            for (const char* c = shape; *c; ++c)
                plate[length++] = *c == 'N' ? D1() : *c == 'D' ? D() : L();
        };
        const unsigned kind = rng() % 100;
        if (kind < 62) {
            shaped("NLLLDDD");
        } else if (kind < 72) {
            shaped("NLDDDDD");
        } else if (kind < 78) {
            shaped("LLLDDD");
        } else if (kind < 84) {
            shaped("DDDLLL");
        } else if (kind < 92) {
            const int size = 5 + int(rng() % 4);
            for (int i = 0; i < size; ++i)
                plate[length++] = rng() % 2 ? L() : D();
        } else {
            const int size = 2 + int(rng() % 7);
            for (int i = 0; i < size; ++i)
                plate[length++] = rng() % 5 ? pick(anyLetter, 26) : D();
        }
        quint64 key = quint64(length);
        for (int i = 0; i < length; ++i)
            key = (key << 6) | quint64(plate[i] <= '9' ? plate[i] - '0' : plate[i] - 'A' + 10);
        if (seen.insert(key).second)
            plates.append(QString::fromLatin1(plate, length));
    }
    return plates;
}

} // namespace alpr
