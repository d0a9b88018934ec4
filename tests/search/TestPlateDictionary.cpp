// PlateDictionary::top() against a full sort of every match: the same plates in the same order, for limits from
// one to more than there are matches, with ties on every ranking field, with and without OCR alternatives.
#include "PlateDictionary.h"
#include "PlatePattern.h"
#include "Store.h"

#include <QSet>
#include <algorithm>
#include <catch2/catch_test_macros.hpp>
#include <random>

using namespace alpr;

namespace {

struct Row
{
    PlateSummary summary;
    bool widened = false; ///< matches the pattern only through misread widening
};

QString randomPlate(std::mt19937& rng)
{
    static const char* symbols = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const int length = 5 + int(rng() % 4);
    QString plate;
    for (int i = 0; i < length; ++i)
        plate.append(QChar::fromLatin1(symbols[rng() % 36]));
    return plate;
}

/** The ranking top() documents, written out plainly: exact, read as itself, more reads, seen later, lower id. */
bool rankedBefore(const Row& a, const Row& b)
{
    if (a.widened != b.widened)
        return !a.widened;
    const bool aRead = a.summary.readCount > 0;
    const bool bRead = b.summary.readCount > 0;
    if (aRead != bRead)
        return aRead;
    if (a.summary.readCount != b.summary.readCount)
        return a.summary.readCount > b.summary.readCount;
    // The dictionary keeps sightings to the second.
    if (a.summary.lastSeenMs / 1000 != b.summary.lastSeenMs / 1000)
        return a.summary.lastSeenMs > b.summary.lastSeenMs;
    return a.summary.id < b.summary.id;
}

} // namespace

TEST_CASE("PlateDictionary::top ranks like a full sort of every match")
{
    std::mt19937 rng(20240612);
    PlateDictionary dictionary;
    std::vector<PlateSummary> plates;
    QSet<QString> seen;
    for (qint64 id = 1; plates.size() < 40000; ++id) {
        PlateSummary p;
        p.id = id;
        p.plate = randomPlate(rng);
        if (seen.contains(p.plate))
            continue;
        seen.insert(p.plate);
        // Few distinct counts and seconds, so that every tie-break decides somewhere; a fifth only alternatives.
        p.readCount = rng() % 5 == 0 ? 0 : 1 + qint64(rng() % 6);
        p.altCount = p.readCount == 0 ? 1 + qint64(rng() % 3) : qint64(rng() % 2);
        p.lastSeenMs = 1'700'000'000'000 + qint64(rng() % 40) * 1000 + qint64(rng() % 1000);
        p.firstSeenMs = p.lastSeenMs - qint64(rng() % 100'000);
        dictionary.update(p);
        plates.push_back(p);
    }
    REQUIRE(dictionary.size() == qsizetype(plates.size()));

    const std::pair<const char*, bool> patterns[] = { { "*A*", false }, { "*1*", false }, { "[A-M]*", false },
                                                      { "*8B*", true }, { "?A*", true },  { "*Q*Z*", false } };
    for (const auto& [text, misread] : patterns) {
        auto pattern = PlatePattern::parse(QString::fromLatin1(text), misread);
        REQUIRE(pattern);
        auto plain = PlatePattern::parse(QString::fromLatin1(text), false);
        REQUIRE(plain);
        for (const bool withAlternates : { false, true }) {
            std::vector<Row> expected;
            for (const PlateSummary& p : plates) {
                if (!pattern->matches(p.plate) || !(p.readCount > 0 || (withAlternates && p.altCount > 0)))
                    continue;
                expected.push_back({ p, misread && !plain->matches(p.plate) });
            }
            std::sort(expected.begin(), expected.end(), rankedBefore);
            for (const int limit : { 1, 10, 1000, 100000 }) {
                INFO(text << (misread ? " (misread)" : "") << (withAlternates ? " with alternates" : "") << " limit "
                          << limit << ", " << expected.size() << " matches");
                qsizetype total = -1;
                const QList<CandidatePlate> top = dictionary.top(pattern.value(), withAlternates, limit, &total);
                CHECK(total == qsizetype(expected.size()));
                REQUIRE(top.size() == qsizetype(std::min<std::size_t>(std::size_t(limit), expected.size())));
                for (qsizetype i = 0; i < top.size(); ++i) {
                    const Row& want = expected[std::size_t(i)];
                    INFO("rank " << i);
                    REQUIRE(top.at(i).plateId == want.summary.id);
                    CHECK(top.at(i).plate == want.summary.plate);
                    CHECK(top.at(i).readCount == want.summary.readCount);
                    CHECK(top.at(i).onlyAsAlternate == (want.summary.readCount == 0));
                    CHECK((top.at(i).misreads > 0) == want.widened);
                }
            }
        }
    }
}
