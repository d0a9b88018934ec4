#pragma once

#include "PlateDictionary.h"

#include <QAbstractTableModel>

namespace alpr {

/**
 * The partial-plate tool's candidate plates, in the order SearchService ranked them (the Rank column restores it
 * after sorting by another column). Sorting happens in a QSortFilterProxyModel over SortRole.
 */
class CandidateModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Rank, Plate, Reads, Match, Alternatives, FirstSeen, LastSeen, Nearest, ColumnCount };
    /** A value that sorts naturally (numbers as numbers, unknown nearness last). */
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit CandidateModel(QObject* parent = nullptr);

    /** withScene: the Nearest column is filled (otherwise it says no scene was given). */
    void setCandidates(QList<CandidatePlate> candidates, bool withScene);
    void clear() { setCandidates({}, false); }
    const CandidatePlate& candidateAt(int row) const { return m_candidates.at(row); }
    const QList<CandidatePlate>& candidates() const { return m_candidates; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** "350 m, 12 min" for a nearest sighting; "—" when never seen near the scene. */
    static QString nearness(const CandidatePlate& candidate);

private:
    QList<CandidatePlate> m_candidates;
    bool m_withScene = false;
};

} // namespace alpr
