#include "PatternSuite.h"
#include "Plate.h"
#include "PlateIndex.h"
#include "PlatePattern.h"

#include <QRegularExpression>
#include <QSemaphore>
#include <QSet>
#include <QThreadPool>
#include <algorithm>
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <numeric>
#include <random>
#include <thread>

using namespace alpr;

namespace {

const QString kAlphabet = QStringLiteral("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
// Characters that take part in misread groups, drawn more often so patterns and plates collide.
const QString kBiased = QStringLiteral("0ODQ1IL7T2Z5S6GC8B4AUVMNX");

// The misread groups as the product documents them, written out independently of OcrConfusion.
const QStringList kGroups = {
    QStringLiteral("0ODQ"), QStringLiteral("1IL"), QStringLiteral("17"), QStringLiteral("7T"),
    QStringLiteral("2Z"),   QStringLiteral("5S"),  QStringLiteral("6G"), QStringLiteral("CG"),
    QStringLiteral("8B"),   QStringLiteral("4A"),  QStringLiteral("UV"), QStringLiteral("MN"),
};

QSet<QChar> widened(QChar c)
{
    QSet<QChar> out { c };
    for (const QString& group : kGroups) {
        if (group.contains(c)) {
            for (QChar member : group)
                out.insert(member);
        }
    }
    return out;
}

struct Rng
{
    std::mt19937 engine;
    explicit Rng(unsigned seed)
        : engine(seed)
    {
    }
    int below(int n) { return int(engine() % unsigned(n)); }
    bool chance(int percent) { return below(100) < percent; }
    QChar plateChar() { return chance(60) ? kBiased.at(below(int(kBiased.size()))) : kAlphabet.at(below(36)); }
};

QString randomPlate(Rng& rng)
{
    static const int lengths[] = { 1, 2, 3, 4, 5, 5, 6, 6, 6, 7, 7, 7, 7, 7, 8, 8, 9, 10 };
    const int length = lengths[rng.below(int(std::size(lengths)))];
    QString plate;
    for (int i = 0; i < length; ++i)
        plate.append(rng.plateChar());
    return plate;
}

/** A random pattern text and, built alongside it from the same choices, an anchored regular expression. */
struct GeneratedPattern
{
    QString text;
    QRegularExpression regex;
    bool misread = false;
    int fixedCount = 0;
};

GeneratedPattern randomPattern(Rng& rng)
{
    GeneratedPattern g;
    g.misread = rng.chance(35);
    QString regex = QStringLiteral("^");
    const auto setToRegex = [&](QSet<QChar> allowed) {
        if (g.misread) {
            QSet<QChar> wide;
            for (QChar c : allowed)
                wide.unite(widened(c));
            allowed = wide;
        }
        QString cls = QStringLiteral("[");
        for (QChar c : allowed)
            cls.append(c);
        return cls + QStringLiteral("]");
    };
    const int tokens = 1 + rng.below(7);
    for (int t = 0; t < tokens; ++t) {
        if (rng.chance(10))
            g.text.append(rng.chance(50) ? u' ' : u'-');
        const int kind = rng.below(100);
        if (kind < 35) {
            const QChar c = rng.plateChar();
            g.text.append(rng.chance(20) ? c.toLower() : c);
            regex += setToRegex({ c });
            ++g.fixedCount;
        } else if (kind < 55) {
            g.text.append(u'?');
            regex += QStringLiteral("[A-Z0-9]");
            ++g.fixedCount;
        } else if (kind < 75) {
            g.text.append(u'*');
            regex += QStringLiteral("[A-Z0-9]*");
        } else {
            QSet<QChar> members;
            QString text = QStringLiteral("[");
            const bool negate = rng.chance(20);
            if (negate)
                text.append(rng.chance(50) ? u'!' : u'^');
            const int count = 1 + rng.below(4);
            for (int m = 0; m < count; ++m) {
                if (rng.chance(20)) {
                    const bool digits = rng.chance(50);
                    const int a = rng.below(digits ? 10 : 26);
                    const int b = rng.below(digits ? 10 : 26);
                    const QChar lo = digits ? QChar(u'0' + std::min(a, b)) : QChar(u'A' + std::min(a, b));
                    const QChar hi = digits ? QChar(u'0' + std::max(a, b)) : QChar(u'A' + std::max(a, b));
                    text += QString(lo) + u'-' + QString(hi);
                    for (char16_t c = lo.unicode(); c <= hi.unicode(); ++c)
                        members.insert(QChar(c));
                } else {
                    const QChar c = rng.plateChar();
                    text.append(rng.chance(20) ? c.toLower() : c);
                    members.insert(c);
                }
                if (rng.chance(10))
                    text.append(u' ');
            }
            text.append(u']');
            g.text += text;
            QSet<QChar> allowed;
            for (QChar c : kAlphabet) {
                if (members.contains(c) != negate)
                    allowed.insert(c);
            }
            regex += setToRegex(allowed);
            ++g.fixedCount;
        }
    }
    g.regex = QRegularExpression(regex + QStringLiteral("$"));
    return g;
}

std::vector<quint32> bruteForce(const PlatePattern& pattern, const std::vector<QString>& plates,
                                const std::vector<quint32>& ids)
{
    std::vector<quint32> out;
    for (std::size_t i = 0; i < plates.size(); ++i) {
        if (pattern.matches(plates[i]))
            out.push_back(ids[i]);
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("PlatePattern::matches agrees with a regular-expression reference")
{
    const unsigned seed = GENERATE(20240611u, 7u);
    Rng rng(seed);
    std::vector<QString> plates;
    for (int i = 0; i < 300; ++i)
        plates.push_back(randomPlate(rng));
    int checkedPatterns = 0;
    int hits = 0;
    for (int n = 0; n < 1500; ++n) {
        const GeneratedPattern g = randomPattern(rng);
        REQUIRE(g.regex.isValid());
        auto parsed = PlatePattern::parse(g.text, g.misread);
        INFO("seed " << seed << " pattern " << g.text.toStdString() << (g.misread ? " (misread)" : ""));
        if (g.fixedCount > PlatePattern::kMaxPlateLength) {
            CHECK_FALSE(parsed.ok());
            continue;
        }
        REQUIRE(parsed.ok());
        ++checkedPatterns;
        const PlatePattern& pattern = parsed.value();
        // The canonical form means the same thing.
        auto reparsed = PlatePattern::parse(pattern.toString(), g.misread);
        REQUIRE(reparsed.ok());
        CHECK(reparsed.value().elements() == pattern.elements());
        for (const QString& plate : plates) {
            const bool expected = g.regex.match(plate).hasMatch();
            INFO("plate " << plate.toStdString());
            REQUIRE(pattern.matches(plate) == expected);
            if (expected)
                ++hits;
            // Misread ranking: exact means it matches the pattern as typed.
            if (expected) {
                auto plain = PlatePattern::parse(g.text, false);
                REQUIRE(plain.ok());
                CHECK(pattern.matchesExactly(plate) == plain.value().matches(plate));
                CHECK((pattern.misreadCount(plate) == 0) == plain.value().matches(plate));
            } else {
                CHECK(pattern.misreadCount(plate) == -1);
            }
        }
    }
    CHECK(checkedPatterns > 1000);
    CHECK(hits > 5000); // the generator makes patterns that do match
}

TEST_CASE("PlateIndex::match equals a brute-force scan")
{
    const unsigned seed = GENERATE(99u, 12345u);
    Rng rng(seed);
    std::vector<QString> plates;
    std::vector<quint32> ids;
    const bool shuffledIds = rng.chance(50) || seed == 12345u;
    for (int i = 0; i < 3000; ++i) {
        plates.push_back(randomPlate(rng));
        ids.push_back(quint32(i) * 5 + 3);
    }
    if (shuffledIds)
        std::shuffle(ids.begin(), ids.end(), rng.engine);
    ids.back() = 0xFFFFFFFFu; // ids use the full 32 bits
    PlateIndex index;
    for (std::size_t i = 0; i < plates.size(); ++i)
        REQUIRE(index.add(ids[i], plates[i]));
    REQUIRE(index.size() == 3000);

    std::size_t totalHits = 0;
    for (int n = 0; n < 2500; ++n) {
        const GeneratedPattern g = randomPattern(rng);
        auto parsed = PlatePattern::parse(g.text, g.misread);
        if (!parsed.ok())
            continue;
        INFO("seed " << seed << " pattern " << g.text.toStdString() << (g.misread ? " (misread)" : ""));
        const std::vector<quint32> expected = bruteForce(parsed.value(), plates, ids);
        REQUIRE(index.match(parsed.value()) == expected);
        totalHits += expected.size();
    }
    CHECK(totalHits > 10000);

    // The benchmark suite too, including the patterns that return everything.
    for (const PatternSuite::Case& c : PatternSuite::cases()) {
        auto parsed = PlatePattern::parse(c.pattern, c.misread);
        REQUIRE(parsed.ok());
        CHECK(index.match(parsed.value()) == bruteForce(parsed.value(), plates, ids));
    }
}

namespace {

/** An index of `count` random plates under ids step * i + offset, with the plates and ids kept for brute force. */
void fillRandom(Rng& rng, int count, quint32 step, quint32 offset, PlateIndex* index, std::vector<QString>* plates,
                std::vector<quint32>* ids)
{
    index->reserve(count);
    for (int i = 0; i < count; ++i) {
        plates->push_back(randomPlate(rng));
        ids->push_back(quint32(i) * step + offset);
        index->add(ids->back(), plates->back());
    }
}

} // namespace

TEST_CASE("PlateIndex spans several segments and partial blocks")
{
    Rng rng(4242);
    std::vector<QString> plates;
    std::vector<quint32> ids;
    // Just over two segments of 65,536, with the last block of most lengths partly filled.
    const int count = 2 * 65536 + 1234;
    PlateIndex index;
    fillRandom(rng, count, 2, 1, &index, &plates, &ids);
    // Besides the basics, fragments of every kind the scan treats apart: one element each (*A*B*C*), a set
    // (*[A-C]*[!0-9]4*), longer ones before the last (*AB*CD*, *A?*B*), `?` inside, anchored ends around them.
    for (const char* text :
         { "*", "?", "??????", "[!0O]*", "*[!A-Z]", "A*", "*8B*", "?A?B*", "*A*B*C*", "*Z", "*[A-C]*[!0-9]4*",
           "*AB*CD*", "*A?*B*", "7*A*B*2", "*8B*C?*Z", "*[!A]*[!B]*", "?*A?C*", "*A*A*A*A*" }) {
        for (bool misread : { false, true }) {
            auto parsed = PlatePattern::parse(QString::fromLatin1(text), misread);
            REQUIRE(parsed.ok());
            INFO(text << (misread ? " (misread)" : ""));
            CHECK(index.match(parsed.value()) == bruteForce(parsed.value(), plates, ids));
        }
    }
    for (int n = 0; n < 100; ++n) {
        const GeneratedPattern g = randomPattern(rng);
        auto parsed = PlatePattern::parse(g.text, g.misread);
        if (!parsed.ok())
            continue;
        INFO(g.text.toStdString() << (g.misread ? " (misread)" : ""));
        CHECK(index.match(parsed.value()) == bruteForce(parsed.value(), plates, ids));
    }
    // Compact: well under 40 bytes per plate of up to 10 characters.
    CHECK(index.memoryBytes() < qsizetype(count) * 40);
    CHECK(index.memoryBytes() > qsizetype(count) * 4);
}

TEST_CASE("PlateIndex stores only normalised plates")
{
    PlateIndex index;
    CHECK(index.add(1, u"7ABC234"));
    CHECK_FALSE(index.add(2, u"7abc234"));
    CHECK_FALSE(index.add(3, u"7ABC-234"));
    CHECK_FALSE(index.add(4, u""));
    CHECK_FALSE(index.add(5, u"ABCDEFGHIJK"));
    CHECK_FALSE(index.add(6, u"7AB\u00c9"));
    CHECK(index.add(7, u"ABCDEFGHIJ"));
    CHECK(index.size() == 2);
    auto all = PlatePattern::parse(QStringLiteral("*"), false);
    REQUIRE(all.ok());
    CHECK(index.match(all.value()) == std::vector<quint32> { 1, 7 });

    PlateIndex empty;
    CHECK(empty.match(all.value()).empty());
    CHECK(empty.match(PlatePattern()).empty());
    CHECK(index.match(PlatePattern()).empty());
    index.clear();
    CHECK(index.size() == 0);
    CHECK(index.match(all.value()).empty());
    CHECK(index.add(9, u"8BC"));
    CHECK(index.match(all.value()) == std::vector<quint32> { 9 });
}

namespace {

/** Two threads query the index at once, `rounds` times over the patterns; returns the answers that differed. */
int concurrentMismatches(const PlateIndex& index, const std::vector<PlatePattern>& patterns,
                         const std::vector<std::vector<quint32>>& expected, int rounds)
{
    std::vector<int> mismatches(2, 0);
    const auto worker = [&](int w) {
        for (int round = 0; round < rounds; ++round)
            for (std::size_t i = 0; i < patterns.size(); ++i)
                mismatches[std::size_t(w)] += index.match(patterns[i]) != expected[i] ? 1 : 0;
    };
    std::thread a(worker, 0);
    std::thread b(worker, 1);
    a.join();
    b.join();
    return mismatches[0] + mismatches[1];
}

} // namespace

TEST_CASE("concurrent queries on one PlateIndex agree")
{
    Rng rng(5);
    PlateIndex index;
    std::vector<QString> plates;
    std::vector<quint32> ids;
    for (int i = 0; i < 20000; ++i) {
        plates.push_back(randomPlate(rng));
        ids.push_back(quint32(i));
        index.add(ids.back(), plates.back());
    }
    std::vector<PlatePattern> patterns;
    while (patterns.size() < 50) {
        const GeneratedPattern g = randomPattern(rng);
        auto parsed = PlatePattern::parse(g.text, g.misread);
        if (parsed.ok())
            patterns.push_back(parsed.value());
    }
    std::vector<std::vector<quint32>> expected;
    for (const PlatePattern& p : patterns)
        expected.push_back(bruteForce(p, plates, ids));
    CHECK(concurrentMismatches(index, patterns, expected, 3) == 0);
}

TEST_CASE("the benchmark suite and its synthetic plates")
{
    const QStringList plates = PatternSuite::syntheticPlates(70000, 3);
    REQUIRE(plates.size() == 70000);
    CHECK(PatternSuite::syntheticPlates(1000, 3) == plates.mid(0, 1000)); // same seed, same plates
    CHECK(PatternSuite::syntheticPlates(1000, 4) != plates.mid(0, 1000));
    CHECK(QSet<QString>(plates.cbegin(), plates.cend()).size() == plates.size());
    for (const QString& plate : plates)
        REQUIRE(isValidNormalisedPlate(plate));

    // A sealed, shape-sorted segment and an open one, answered like the brute force.
    PlateIndex index;
    std::vector<QString> stored(plates.cbegin(), plates.cend());
    std::vector<quint32> ids;
    for (qsizetype i = 0; i < plates.size(); ++i) {
        ids.push_back(quint32(i) + 1000);
        index.add(ids.back(), plates[i]);
    }

    const QList<PatternSuite::Case> cases = PatternSuite::cases();
    CHECK(cases.size() >= 12);
    QSet<QString> names;
    for (const PatternSuite::Case& c : cases) {
        INFO(c.pattern.toStdString());
        auto parsed = PlatePattern::parse(c.pattern, c.misread);
        REQUIRE(parsed.ok());
        names.insert(c.name);
        const std::vector<quint32> expected = bruteForce(parsed.value(), stored, ids);
        CHECK(index.match(parsed.value()) == expected);
        // Witness-style patterns narrow the dictionary down; the broad ones are there on purpose.
        if (!c.name.startsWith(QStringLiteral("broad")) && c.name != QStringLiteral("everything"))
            CHECK(expected.size() < std::size_t(plates.size() / 20));
    }
    CHECK(names.size() == cases.size());
}

TEST_CASE("a big PlateIndex is scanned in parts on several threads and still equals a brute-force scan")
{
    Rng rng(777);
    std::vector<QString> plates;
    std::vector<quint32> ids;
    // Nine segments and a partial one: past the size from which scans are split over threads.
    PlateIndex index;
    fillRandom(rng, 9 * 65536 + 777, 3, 2, &index, &plates, &ids);
    std::vector<PlatePattern> patterns;
    for (const char* text : { "*A*B*", "*C?4*", "7*[8B]*2", "?[8B]??5?0", "*8B*", "[1-3]?[!A-M]*9", "*Z", "*AB*C?*" }) {
        auto parsed = PlatePattern::parse(QString::fromLatin1(text), text[0] == '?');
        REQUIRE(parsed.ok());
        patterns.push_back(parsed.value());
    }
    std::vector<std::vector<quint32>> expected;
    for (const PlatePattern& p : patterns)
        expected.push_back(bruteForce(p, plates, ids));

    SECTION("with the pool's threads free")
    {
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            INFO(patterns[i].toString().toStdString());
            CHECK(index.match(patterns[i]) == expected[i]);
        }
    }
    SECTION("with every pool thread busy (the scan then runs on the caller's thread)")
    {
        QThreadPool& pool = *QThreadPool::globalInstance();
        QSemaphore release;
        QSemaphore started;
        const int busy = pool.maxThreadCount();
        for (int i = 0; i < busy; ++i)
            pool.start([&] {
                started.release();
                release.acquire();
            });
        started.acquire(busy);
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            INFO(patterns[i].toString().toStdString());
            CHECK(index.match(patterns[i]) == expected[i]);
        }
        release.release(busy);
        pool.waitForDone();
    }
    SECTION("two callers at once, sharing the pool")
    {
        CHECK(concurrentMismatches(index, patterns, expected, 1) == 0);
    }
}
