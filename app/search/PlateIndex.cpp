#include "PlateIndex.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <memory>

namespace alpr {

bool PlateIndex::add(quint32 id, QStringView plate)
{
    const qsizetype length = plate.size();
    if (length < 1 || length > PlatePattern::kMaxPlateLength)
        return false;
    std::array<quint8, PlatePattern::kMaxPlateLength> symbols;
    for (qsizetype i = 0; i < length; ++i) {
        const char16_t u = plate[i].unicode();
        if (u >= u'0' && u <= u'9')
            symbols[i] = quint8(u - u'0');
        else if (u >= u'A' && u <= u'Z')
            symbols[i] = quint8(u - u'A' + 10);
        else
            return false;
    }
    if (m_segments.empty() || m_segments.back().isFull())
        m_segments.emplace_back();
    m_segments.back().add(symbols.data(), int(length));
    // Sorting a full segment by plate shape costs a few milliseconds once per 65,536 plates.
    if (m_segments.back().isFull())
        m_segments.back().seal();
    m_stats.add(symbols.data(), int(length));
    if (!m_ids.empty() && id < m_ids.back())
        m_idsAscending = false;
    m_ids.push_back(id);
    return true;
}

void PlateIndex::reserve(qsizetype plates)
{
    m_ids.reserve(std::size_t(plates));
    m_segments.reserve(std::size_t(plates / PlateSegment::kCapacity + 1));
}

void PlateIndex::clear()
{
    m_segments.clear();
    m_ids.clear();
    m_stats = {};
    m_idsAscending = true;
}

qsizetype PlateIndex::memoryBytes() const
{
    qsizetype bytes = sizeof(*this) + qsizetype(m_ids.capacity() * sizeof(quint32));
    bytes += qsizetype((m_segments.capacity() - m_segments.size()) * sizeof(PlateSegment));
    for (const PlateSegment& segment : m_segments)
        bytes += segment.memoryBytes();
    return bytes;
}

std::size_t PlateIndex::scanSegments(std::size_t segments, const std::function<std::size_t(std::size_t)>& scanOne)
{
    // Segments are independent and each fills its own slice of the hit bitmap, so a big dictionary is scanned on the
    // idle cores too. Small ones stay on this thread: handing work over costs tens of microseconds.
    const int threads = std::clamp(QThread::idealThreadCount(), 1, kMaxScanThreads);
    if (threads < 2 || segments < kParallelSegments) {
        std::size_t found = 0;
        for (std::size_t s = 0; s < segments; ++s)
            found += scanOne(s);
        return found;
    }
    // The segments are handed out one at a time to whoever asks next: this thread and up to threads - 1 helpers
    // from the global pool (tryStart: a pool busy with other work, tiles or image filters, must not delay a search).
    // A helper that starts late - its core busy with another program - finds little or nothing left, and this thread
    // never waits for one that has not taken a segment: it waits only for segments in progress. Before, each thread
    // had a fixed half, and a helper scheduled a few milliseconds late held the whole answer back.
    struct Shared
    {
        std::atomic<std::size_t> next { 0 };
        std::atomic<int> busy { 0 }; ///< helpers between announcing themselves and leaving
        std::atomic<std::size_t> found { 0 };
        std::size_t segments = 0;
        const std::function<std::size_t(std::size_t)>* scanOne = nullptr;
    };
    auto shared = std::make_shared<Shared>();
    shared->segments = segments;
    shared->scanOne = &scanOne;
    const auto work = [](Shared& state) {
        std::size_t found = 0;
        for (std::size_t s = state.next++; s < state.segments; s = state.next++)
            found += (*state.scanOne)(s);
        return found;
    };
    for (int helper = 1; helper < threads; ++helper) {
        QThreadPool::globalInstance()->tryStart([shared, work] {
            // Announced before taking a segment: once this thread has found none left and seen no helper busy, a
            // helper arriving later takes none either (next only grows), so it never touches the caller's data.
            ++shared->busy;
            shared->found += work(*shared);
            if (--shared->busy == 0)
                shared->busy.notify_all();
        });
    }
    std::size_t found = work(*shared);
    for (int busy = shared->busy.load(); busy != 0; busy = shared->busy.load())
        shared->busy.wait(busy);
    return found + shared->found.load();
}

std::vector<quint32> PlateIndex::match(const PlatePattern& pattern) const
{
    std::vector<quint32> out;
    if (m_ids.empty())
        return out;
    const PlateQueryPlan plan = PlateQueryPlan::build(pattern, m_stats);
    if (plan.matchesNothing())
        return out;
    if (plan.matchesEverything(m_stats)) {
        out = m_ids;
    } else {
        // One bitmap per segment turns hits from the length buckets back into order of addition, so the ids need
        // no sort when they were added in ascending order. All bitmaps are kept (8 KB per 65,536 plates) so the
        // result is allocated once, at its final size.
        const std::size_t segments = m_segments.size();
        std::vector<quint64> hits(segments * PlateSegment::kHitWords, 0);
        const std::function<std::size_t(std::size_t)> scanOne = [&](std::size_t s) {
            return std::size_t(m_segments[s].scan(plan, hits.data() + s * PlateSegment::kHitWords));
        };
        const std::size_t found = scanSegments(segments, scanOne);
        out.resize(found + 64); // the dense pass below may store one word past the last hit
        quint32* dest = out.data();
        const std::size_t words = (m_ids.size() + 63) / 64; // segments are full but the last
        for (std::size_t w = 0; w < words; ++w) {
            quint64 word = hits[w];
            if (!word)
                continue;
            const quint32* wordIds = m_ids.data() + w * 64;
            if (word == ~quint64(0)) {
                dest = std::copy_n(wordIds, 64, dest);
                continue;
            }
            if (std::popcount(word) > 24) {
                // Dense words: a branch-free pass beats one count-trailing-zeros step per hit.
                for (int r = 0; r < 64; ++r) {
                    *dest = wordIds[r];
                    dest += (word >> r) & 1;
                }
                continue;
            }
            for (; word; word &= word - 1)
                *dest++ = wordIds[std::countr_zero(word)];
        }
        out.resize(found);
    }
    if (!m_idsAscending)
        std::sort(out.begin(), out.end());
    return out;
}

} // namespace alpr
