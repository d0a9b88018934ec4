#pragma once

#include "Read.h"
#include "Result.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <functional>
#include <vector>

namespace alpr {

class ReadSearch;

/**
 * The reads of a search as table rows, fetched lazily a page at a time (canFetchMore/fetchMore) from a newest-first
 * ReadSearch: a result of a million reads costs one page until the user scrolls. Sorting (sort()) orders the rows
 * loaded so far; pages that arrive later are merged into that order. Time (descending) is the search's own order.
 *
 * Only the rows already fetched are held. Repeated text (state, make, model, colour, camera file) is shared between
 * rows, so a loaded row costs a few hundred bytes.
 */
class ReadSearchModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Plate, State, Camera, Confidence, Alternatives, Vehicle, Images, ColumnCount };
    static constexpr int kPageSize = 1000;

    /** Returns the next page of at most n reads (an empty page or fewer than n reads: the end). */
    using PageSource = std::function<Result<QList<Read>>(int n)>;

    explicit ReadSearchModel(QObject* parent = nullptr);

    /** Shows the reads of search (newest first), loading the first page now. */
    void setSearch(ReadSearch search, QHash<qint64, QString> cameraNames);
    /** The same for any source of pages (tests, other services). */
    void setSource(PageSource source, QHash<qint64, QString> cameraNames);
    /** Forgets every row and the source (lock, case switch, new search). */
    void clear();

    const Read& readAt(int row) const { return m_reads.at(m_order.empty() ? row : m_order.at(size_t(row))); }
    QString cameraName(qint64 cameraId) const { return m_cameraNames.value(cameraId); }
    /** Rows loaded so far. */
    qint64 loaded() const { return m_reads.size(); }
    /** True once the source has no more reads (or failed). */
    bool atEnd() const { return !m_source || m_atEnd; }
    bool hasSource() const { return bool(m_source); }
    /** The last page's error, empty when none. Fetching stops after an error. */
    QString lastError() const { return m_error; }

    /** Text of a cell as shown (also what Copy and exports use). */
    QString text(const Read& read, int column) const;
    static QString localTime(qint64 ms);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    /** After every page, and after a failed one (lastError() says why). */
    void pageLoaded();

private:
    bool isNaturalOrder() const { return m_sortColumn == Time && m_sortOrder == Qt::DescendingOrder; }
    bool lessThan(qsizetype a, qsizetype b) const;
    void intern(QString& text);
    /** Replaces m_order by order (read indexes), moving persistent indexes along. */
    void applyOrder(std::vector<qint32> order);

    PageSource m_source;
    QList<Read> m_reads; ///< in fetch order (newest first)
    std::vector<qint32> m_order; ///< row -> index into m_reads; empty = fetch order
    QHash<qint64, QString> m_cameraNames;
    QHash<qint64, int> m_cameraRank; ///< position of each camera in name order (unknown cameras: 0, first)
    QSet<QString> m_strings;
    int m_sortColumn = Time;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    bool m_atEnd = true;
    bool m_changing = false; ///< a fetch or re-ordering is under way: no fetching meanwhile
    QString m_error;
};

} // namespace alpr
