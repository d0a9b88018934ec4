#include "PlateDictionary.h"

#include "PlatePattern.h"
#include "Store.h"

#include <QElapsedTimer>
#include <algorithm>
#include <array>

namespace alpr {

void PlateDictionary::put(const PlateSummary& p)
{
    const auto id = size_t(p.id);
    if (id >= m_plates.size()) {
        const size_t n = std::max(id + 1, m_plates.size() * 3 / 2 + 1024);
        m_plates.resize(n, std::array<char, 11> {});
        m_activity.resize(n);
        m_altCounts.resize(n, 0);
        m_first.resize(n, 0);
    }
    if (m_plates[id][0] == 0) {
        // Plates read as themselves go to the main index; plates so far seen only among OCR alternatives to a
        // second one, so that an ordinary search (most of them) scans only half of the strings.
        const bool primary = p.readCount > 0;
        PlateIndex& index = primary ? m_index : m_altIndex;
        if (p.plate.size() > 10 || !index.add(quint32(p.id), p.plate))
            return; // not a normalised plate: cannot be matched, so not kept either
        m_plates[id][0] = char(p.plate.size() | (primary ? kInPrimary : 0));
        for (qsizetype i = 0; i < p.plate.size(); ++i)
            m_plates[id][size_t(i) + 1] = char(p.plate.at(i).unicode());
        ++m_size;
    } else if (p.readCount > 0 && !(m_plates[id][0] & kInPrimary)) {
        // An alternative that has now been read as itself joins the main index too.
        m_index.add(quint32(p.id), plateText(id));
        m_plates[id][0] = char(m_plates[id][0] | kInPrimary);
    }
    m_activity[id].reads = qint32(p.readCount);
    m_altCounts[id] = qint32(p.altCount);
    m_first[id] = quint32(std::max<qint64>(0, p.firstSeenMs / 1000));
    m_activity[id].last = quint32(std::max<qint64>(0, p.lastSeenMs / 1000));
}

Status PlateDictionary::build(Store& store)
{
    QElapsedTimer timer;
    timer.start();
    QWriteLocker locker(&m_lock);
    m_index.clear();
    m_altIndex.clear();
    m_plates.clear();
    m_activity.clear();
    m_altCounts.clear();
    m_first.clear();
    m_size = 0;
    // Sized once from the highest plate id: growing by half again would leave up to a third of it unused.
    if (auto maxId = store.maxPlateId(); maxId && maxId.value() > 0) {
        const size_t n = size_t(maxId.value()) + 1;
        m_plates.resize(n, std::array<char, 11> {});
        m_activity.resize(n);
        m_altCounts.resize(n, 0);
        m_first.resize(n, 0);
        m_index.reserve(qsizetype(n) / 2);
        m_altIndex.reserve(qsizetype(n) / 2);
    }
    Status s = store.forEachPlate([this](const PlateSummary& p) { put(p); });
    m_buildMs = timer.elapsed();
    return s;
}

void PlateDictionary::update(const PlateSummary& summary)
{
    QWriteLocker locker(&m_lock);
    put(summary);
}

QList<CandidatePlate> PlateDictionary::match(const PlatePattern& pattern, bool withAlternates) const
{
    QReadLocker locker(&m_lock);
    const std::vector<quint32> ids = idsFor(pattern, withAlternates);
    QList<CandidatePlate> out;
    out.reserve(qsizetype(ids.size()));
    for (quint32 id : ids) {
        if (!(m_activity[id].reads > 0 || (withAlternates && m_altCounts[id] > 0)))
            continue;
        CandidatePlate c = candidate(id);
        c.misreads = pattern.isMisreadTolerant() ? std::max(0, pattern.misreadCount(c.plate)) : 0;
        out.append(std::move(c));
    }
    return out;
}

std::vector<quint32> PlateDictionary::matchIds(const PlatePattern& pattern, bool withAlternates) const
{
    QReadLocker locker(&m_lock);
    std::vector<quint32> ids = idsFor(pattern, withAlternates);
    std::erase_if(ids,
                  [&](quint32 id) { return !(m_activity[id].reads > 0 || (withAlternates && m_altCounts[id] > 0)); });
    return ids;
}

QList<CandidatePlate> PlateDictionary::top(const PlatePattern& pattern, bool withAlternates, int limit,
                                           qsizetype* total) const
{
    QReadLocker locker(&m_lock);
    const std::vector<quint32> ids = idsFor(pattern, withAlternates);
    // Widened (misread-only) matches are those the same pattern without widening does not find: a second index
    // query, cheaper than looking at each plate's characters.
    std::vector<quint32> exact;
    if (pattern.isMisreadTolerant()) {
        if (auto plain = PlatePattern::parse(pattern.toString(), false); plain)
            exact = idsFor(plain.value(), withAlternates);
    }
    // The ranking as one 128-bit number, compared as two words: exact before widened, plates with reads of their
    // own before alternative-only ones, then more reads, seen later, lower id. Thousands of matches are compared
    // tens of thousands of times; one or two integer comparisons each instead of five fields.
    struct Key
    {
        quint64 high; ///< bit 33: exact, bit 32: has reads of its own, low 32 bits: read count (order-preserving)
        quint64 low; ///< last seen, then the id inverted
        quint32 id() const { return ~quint32(low); }
        bool widened() const { return !((high >> 33) & 1); }
    };
    std::vector<Key> keys;
    keys.reserve(ids.size());
    size_t e = 0;
    // The ids are sparse in the per-plate arrays (thousands of matches among millions of plates): nearly every
    // look-up is a cache miss. Asking for the entries a few matches ahead lets those misses overlap.
    constexpr size_t kPrefetchAhead = 16;
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i + kPrefetchAhead < ids.size()) {
            __builtin_prefetch(&m_activity[ids[i + kPrefetchAhead]]);
        }
        const quint32 id = ids[i];
        const bool hasReads = m_activity[id].reads > 0;
        if (!hasReads && !(withAlternates && m_altCounts[id] > 0))
            continue;
        bool widened = false;
        if (pattern.isMisreadTolerant()) {
            while (e < exact.size() && exact[e] < id)
                ++e;
            widened = !(e < exact.size() && exact[e] == id);
        }
        // Flipping the sign bit makes the signed count compare as unsigned in the same order.
        const quint32 reads = quint32(m_activity[id].reads) ^ 0x80000000u;
        keys.push_back({ (quint64(!widened) << 33) | (quint64(hasReads) << 32) | reads,
                         (quint64(m_activity[id].last) << 32) | ~id });
    }
    if (total)
        *total = qsizetype(keys.size());
    const auto better = [](const Key& a, const Key& b) { return a.high != b.high ? a.high > b.high : a.low > b.low; };
    // The best k in linear time, then only those sorted. With many more matches than k, a sample of the keys
    // first gives a threshold that about 1.5 k of them pass: one cheap pass moves those to the front, and the
    // selection works on them alone. (When fewer than k pass, the sample was unlucky: select from all.)
    const size_t k = std::min(keys.size(), size_t(std::max(0, limit)));
    auto selectFrom = keys.end();
    if (constexpr size_t kSamples = 256; keys.size() >= 4 * k && keys.size() >= 8 * kSamples) {
        std::array<Key, kSamples> sample;
        for (size_t i = 0; i < kSamples; ++i)
            sample[i] = keys[i * keys.size() / kSamples];
        const size_t rank = std::min(kSamples - 1, size_t(1.5 * double(k) * kSamples / double(keys.size())) + 2);
        std::nth_element(sample.begin(), sample.begin() + qsizetype(rank), sample.end(), better);
        const Key threshold = sample[rank];
        const auto passed
            = std::partition(keys.begin(), keys.end(), [&](const Key& key) { return !better(threshold, key); });
        if (size_t(passed - keys.begin()) >= k)
            selectFrom = passed;
    }
    if (k < keys.size())
        std::nth_element(keys.begin(), keys.begin() + qsizetype(k), selectFrom, better);
    std::sort(keys.begin(), keys.begin() + qsizetype(k), better);
    QList<CandidatePlate> out;
    out.reserve(qsizetype(k));
    for (size_t i = 0; i < k; ++i) {
        if (i + kPrefetchAhead < k) {
            const quint32 ahead = keys[i + kPrefetchAhead].id();
            __builtin_prefetch(&m_plates[ahead]);
            __builtin_prefetch(&m_activity[ahead]);
            __builtin_prefetch(&m_altCounts[ahead]);
            __builtin_prefetch(&m_first[ahead]);
        }
        const quint32 id = keys[i].id();
        CandidatePlate c = candidate(id);
        c.misreads = keys[i].widened() ? std::max(1, pattern.misreadCount(c.plate)) : 0;
        out.append(std::move(c));
    }
    return out;
}

CandidatePlate PlateDictionary::candidate(quint32 id) const
{
    CandidatePlate c;
    c.plateId = id;
    c.plate = plateText(id);
    c.readCount = m_activity[id].reads;
    c.altCount = m_altCounts[id];
    c.firstSeenMs = qint64(m_first[id]) * 1000;
    c.lastSeenMs = qint64(m_activity[id].last) * 1000;
    c.onlyAsAlternate = m_activity[id].reads == 0;
    return c;
}

QString PlateDictionary::plateText(size_t id) const
{
    return QString::fromLatin1(m_plates[id].data() + 1, m_plates[id][0] & kLengthMask);
}

std::vector<quint32> PlateDictionary::idsFor(const PlatePattern& pattern, bool withAlternates) const
{
    std::vector<quint32> ids = m_index.match(pattern);
    if (!withAlternates)
        return ids;
    std::vector<quint32> alternates = m_altIndex.match(pattern);
    // Those read as themselves since are in the main index's answer already.
    std::erase_if(alternates, [&](quint32 id) { return (m_plates[id][0] & kInPrimary) != 0; });
    std::vector<quint32> merged;
    merged.reserve(ids.size() + alternates.size());
    std::merge(ids.begin(), ids.end(), alternates.begin(), alternates.end(), std::back_inserter(merged));
    return merged;
}

qint64 PlateDictionary::readsOf(const QList<qint64>& plateIds) const
{
    QReadLocker locker(&m_lock);
    qint64 n = 0;
    for (qint64 id : plateIds)
        if (size_t(id) < m_activity.size())
            n += m_activity[size_t(id)].reads;
    return n;
}

qint64 PlateDictionary::totalReads() const
{
    QReadLocker locker(&m_lock);
    qint64 n = 0;
    for (const Activity& a : m_activity)
        n += a.reads;
    return n;
}

qsizetype PlateDictionary::size() const
{
    QReadLocker locker(&m_lock);
    return m_size;
}

qsizetype PlateDictionary::memoryBytes() const
{
    QReadLocker locker(&m_lock);
    qsizetype bytes = m_index.memoryBytes() + m_altIndex.memoryBytes();
    bytes += qsizetype(m_plates.capacity() * sizeof(m_plates[0]));
    bytes += qsizetype(m_activity.capacity() * sizeof(Activity) + m_altCounts.capacity() * sizeof(qint32)
                       + m_first.capacity() * sizeof(quint32));
    return bytes;
}

} // namespace alpr
