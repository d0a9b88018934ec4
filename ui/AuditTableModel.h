#pragma once

#include "Store.h"

#include <QAbstractTableModel>
#include <QList>

namespace alpr {

/** Rows of the hash-chained audit log for review, in the order given (the audit page puts the newest first). */
class AuditTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Id, ///< the row id the verifier names
        Time, ///< local time with the zone abbreviation, to the millisecond
        User,
        Event,
        Outcome,
        Source,
        Detail, ///< the JSON detail as "key: value; ..." (the stored JSON is the tool tip)
        ColumnCount
    };

    explicit AuditTableModel(QObject* parent = nullptr);

    void setRows(const QList<AuditRow>& rows);
    const AuditRow& row(int index) const;
    /** The model row showing the audit row with that id, or -1. */
    int rowOfId(qint64 id) const;
    /** Marks one audit row (the first broken one) so it stands out; 0 for none. */
    void setHighlightedId(qint64 id);

    /** "2026-05-28 10:03:12.345 PDT": how audit times are shown (local zone, with its abbreviation). */
    static QString localTime(qint64 utcMs);
    /** A JSON object's text as "key: value; key: value", for reading in a table cell. */
    static QString readableDetail(const QString& json);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<AuditRow> m_rows;
    QList<QString> m_details; ///< readableDetail() of each row, computed once
    qint64 m_highlightedId = 0;
};

} // namespace alpr
