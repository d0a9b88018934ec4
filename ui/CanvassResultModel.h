#pragma once

#include "Store.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace alpr {

/**
 * The rows of a canvass analysis (plates ranked, places of a plate): columns chosen by the analysis, each cell with
 * its text and a sort key (numbers sort as numbers, times by time), and per row the reads it stands for, which the
 * page shows in its reads table (and the map may draw).
 */
class CanvassResultModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int SortRole = Qt::UserRole + 1;

    struct Cell
    {
        QString text;
        QVariant sortKey; ///< null = the text
        bool number = false; ///< aligned right
    };
    struct Row
    {
        QList<Cell> cells;
        QList<ReadPoint> reads;
    };

    explicit CanvassResultModel(QObject* parent = nullptr);

    void setResult(const QStringList& headers, QList<Row> rows);
    void clear();
    const Row& rowAt(int row) const { return m_rows.at(row); }
    /** The reads of every row, each once, newest first. */
    QList<ReadPoint> allReads() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_headers;
    QList<Row> m_rows;
};

} // namespace alpr
