#pragma once

#include "Store.h"

#include <QAbstractTableModel>
#include <QList>

namespace alpr {

/** Access-log records (Civil Code 1798.90.52: who, when, what was queried, for which case and purpose). */
class AccessLogTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Time, ///< UTC to the millisecond, as recorded
        User,
        Agency,
        Case,
        Purpose,
        Elements, ///< the data elements queried (JSON, shown as "key: value; ...")
        Results, ///< result count
        ColumnCount
    };

    explicit AccessLogTableModel(QObject* parent = nullptr);

    void setRecords(const QList<AccessRecord>& records);
    const AccessRecord& record(int row) const;

    /** "2026-05-28 17:03:12.345 UTC". */
    static QString utcTime(qint64 utcMs);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<AccessRecord> m_records;
    QList<QString> m_elements; ///< readable form of each record's elements
};

} // namespace alpr
