#pragma once

#include "PlateIndex.h"
#include "Result.h"

#include <QReadWriteLock>
#include <QString>
#include <array>
#include <vector>

namespace alpr {

class PlatePattern;
class Store;
struct PlateSummary;

/** A distinct plate that matched a pattern, with what ranking needs. */
struct CandidatePlate
{
    qint64 plateId = 0;
    QString plate;
    qint64 readCount = 0; ///< reads with this plate
    qint64 altCount = 0; ///< reads carrying it among their OCR alternatives
    qint64 firstSeenMs = 0;
    qint64 lastSeenMs = 0;
    int misreads = 0; ///< characters that matched only through misread widening; 0 = exact
    bool onlyAsAlternate = false; ///< matched only through OCR alternatives
    double sceneDistanceM = -1; ///< nearest sighting to the scene, when a scene was given
    qint64 sceneTimeGapMs = -1;
};

/**
 * The in-memory dictionary of distinct plates (and OCR alternatives) that answers patterns without scanning reads
 * (DESIGN.md "Plate search"). Built once at unlock from the store, kept current as reads arrive. Thread-safe: many
 * concurrent matches, updates exclusive.
 */
class PlateDictionary
{
public:
    /** Loads every distinct plate from the store. */
    Status build(Store& store);
    /** Adds or updates one plate (after an import). */
    void update(const PlateSummary& summary);

    /**
     * Plates matching the pattern: those with reads, plus (withAlternates) those seen only as OCR alternatives.
     * Unranked, in plate-id order. Materialises every match: for ranked lists use top().
     */
    QList<CandidatePlate> match(const PlatePattern& pattern, bool withAlternates) const;
    /** Plate ids matching, ascending: what a read search needs. */
    std::vector<quint32> matchIds(const PlatePattern& pattern, bool withAlternates) const;
    /**
     * The best `limit` matches, ranked: exact matches over misread-widened ones, plates with reads of their own over
     * alternative-only ones, then read count, then most recently seen. Only those are materialised, so a pattern
     * that matches millions of plates still answers in milliseconds. total receives the number of matches.
     */
    QList<CandidatePlate> top(const PlatePattern& pattern, bool withAlternates, int limit, qsizetype* total) const;

    qsizetype size() const;
    /** Reads of all the given plates together, and of all plates: to choose how to fetch reads. */
    qint64 readsOf(const QList<qint64>& plateIds) const;
    qint64 totalReads() const;
    qsizetype memoryBytes() const;
    qint64 buildMs() const { return m_buildMs; }

private:
    void put(const PlateSummary& summary);
    QString plateText(size_t id) const;
    /** A candidate with the dictionary's fields filled in (not its misread count: that depends on the pattern). */
    CandidatePlate candidate(quint32 id) const;
    /** Matching ids, ascending: the main index, plus (withAlternates) the alternative-only plates. */
    std::vector<quint32> idsFor(const PlatePattern& pattern, bool withAlternates) const;

    static constexpr char kLengthMask = 0x0F;
    static constexpr char kInPrimary = 0x40;

    mutable QReadWriteLock m_lock;
    PlateIndex m_index; ///< plates read as themselves
    PlateIndex m_altIndex; ///< plates seen only among OCR alternatives (when added)
    // Indexed by plate id (SQLite hands them out densely from 1), so no hash is needed.
    // Plates as Latin-1 bytes, the first byte their length (0 = no plate with this id): 11 bytes, not a QString's 40.
    std::vector<std::array<char, 11>> m_plates;
    // Times are seconds since the epoch (unsigned 32 bits: until 2106): half the memory of milliseconds, and
    // candidates show sightings to the second anyway.
    /** What ranking reads of every match, side by side: one cache miss per match instead of two. */
    struct Activity
    {
        qint32 reads = 0; ///< reads with this plate
        quint32 last = 0; ///< last seen
    };
    std::vector<Activity> m_activity;
    std::vector<qint32> m_altCounts;
    std::vector<quint32> m_first;
    qsizetype m_size = 0;
    qint64 m_buildMs = 0;
};

} // namespace alpr
