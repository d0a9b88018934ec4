#pragma once

#include "Read.h"

#include <QAbstractTableModel>
#include <QHash>

namespace alpr {

/** Reads as table rows: time (local, with zone), plate, state, camera, confidence, candidates, vehicle, images. */
class ReadTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Plate, State, Camera, Confidence, Candidates, Vehicle, Images, ColumnCount };

    explicit ReadTableModel(QObject* parent = nullptr);

    void setReads(QList<Read> reads, QHash<qint64, QString> cameraNames);
    const Read& readAt(int row) const { return m_reads.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Read> m_reads;
    QHash<qint64, QString> m_cameraNames;
};

} // namespace alpr
