#include "PlateDictionary.h"

#include "PlatePattern.h"
#include "Store.h"

#include <QElapsedTimer>
#include <algorithm>

namespace alpr {

void PlateDictionary::put(const PlateSummary& p)
{
    const auto id = size_t(p.id);
    if (id >= m_plates.size()) {
        const size_t n = std::max(id + 1, m_plates.size() * 3 / 2 + 1024);
        m_plates.resize(n, std::array<char, 11> {});
        m_readCounts.resize(n, 0);
        m_altCounts.resize(n, 0);
        m_first.resize(n, 0);
        m_last.resize(n, 0);
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
    m_readCounts[id] = qint32(p.readCount);
    m_altCounts[id] = qint32(p.altCount);
    m_first[id] = quint32(std::max<qint64>(0, p.firstSeenMs / 1000));
    m_last[id] = quint32(std::max<qint64>(0, p.lastSeenMs / 1000));
}

Status PlateDictionary::build(Store& store)
{
    QElapsedTimer timer;
    timer.start();
    QWriteLocker locker(&m_lock);
    m_index.clear();
    m_altIndex.clear();
    m_plates.clear();
    m_readCounts.clear();
    m_altCounts.clear();
    m_first.clear();
    m_last.clear();
    m_size = 0;
    // Sized once from the highest plate id: growing by half again would leave up to a third of it unused.
    if (auto maxId = store.maxPlateId(); maxId && maxId.value() > 0) {
        const size_t n = size_t(maxId.value()) + 1;
        m_plates.resize(n, std::array<char, 11> {});
        m_readCounts.resize(n, 0);
        m_altCounts.resize(n, 0);
        m_first.resize(n, 0);
        m_last.resize(n, 0);
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
        if (!(m_readCounts[id] > 0 || (withAlternates && m_altCounts[id] > 0)))
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
    std::erase_if(ids, [&](quint32 id) { return !(m_readCounts[id] > 0 || (withAlternates && m_altCounts[id] > 0)); });
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
    struct Key
    {
        quint32 id;
        bool widened;
        bool alternateOnly;
        qint32 reads;
        qint64 last;
    };
    std::vector<Key> keys;
    keys.reserve(ids.size());
    size_t e = 0;
    // The ids are sparse in the per-plate arrays (thousands of matches among millions of plates): nearly every
    // look-up is a cache miss. Asking for the entries a few matches ahead lets those misses overlap.
    constexpr size_t kPrefetchAhead = 16;
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i + kPrefetchAhead < ids.size()) {
            __builtin_prefetch(&m_readCounts[ids[i + kPrefetchAhead]]);
            __builtin_prefetch(&m_last[ids[i + kPrefetchAhead]]);
        }
        const quint32 id = ids[i];
        const bool hasReads = m_readCounts[id] > 0;
        if (!hasReads && !(withAlternates && m_altCounts[id] > 0))
            continue;
        bool widened = false;
        if (pattern.isMisreadTolerant()) {
            while (e < exact.size() && exact[e] < id)
                ++e;
            widened = !(e < exact.size() && exact[e] == id);
        }
        keys.push_back({ id, widened, !hasReads, m_readCounts[id], qint64(m_last[id]) });
    }
    if (total)
        *total = qsizetype(keys.size());
    const auto better = [](const Key& a, const Key& b) {
        if (a.widened != b.widened)
            return !a.widened;
        if (a.alternateOnly != b.alternateOnly)
            return !a.alternateOnly;
        if (a.reads != b.reads)
            return a.reads > b.reads;
        if (a.last != b.last)
            return a.last > b.last;
        return a.id < b.id;
    };
    const size_t k = std::min(keys.size(), size_t(std::max(0, limit)));
    std::partial_sort(keys.begin(), keys.begin() + qsizetype(k), keys.end(), better);
    QList<CandidatePlate> out;
    out.reserve(qsizetype(k));
    for (size_t i = 0; i < k; ++i) {
        const quint32 id = keys[i].id;
        CandidatePlate c = candidate(id);
        c.misreads = keys[i].widened ? std::max(1, pattern.misreadCount(c.plate)) : 0;
        out.append(std::move(c));
    }
    return out;
}

CandidatePlate PlateDictionary::candidate(quint32 id) const
{
    CandidatePlate c;
    c.plateId = id;
    c.plate = plateText(id);
    c.readCount = m_readCounts[id];
    c.altCount = m_altCounts[id];
    c.firstSeenMs = qint64(m_first[id]) * 1000;
    c.lastSeenMs = qint64(m_last[id]) * 1000;
    c.onlyAsAlternate = m_readCounts[id] == 0;
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
        if (size_t(id) < m_readCounts.size())
            n += m_readCounts[size_t(id)];
    return n;
}

qint64 PlateDictionary::totalReads() const
{
    QReadLocker locker(&m_lock);
    qint64 n = 0;
    for (qint32 c : m_readCounts)
        n += c;
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
    bytes += qsizetype(m_readCounts.capacity() * sizeof(qint32) * 2 + m_first.capacity() * sizeof(quint32) * 2);
    return bytes;
}

} // namespace alpr
