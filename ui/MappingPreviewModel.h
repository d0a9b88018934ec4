#pragma once

#include "CsvMapping.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QList>
#include <QString>

namespace alpr {

/**
 * The first rows of a delimited file as the current mapping reads them: per row the line, whether it imports (or
 * the reason it would be rejected) and the values that go into the read. Re-parsed by setMapping() on every change
 * in the mapping dialog, so the user sees at once what a column choice, a time format or a zone does.
 */
class MappingPreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Line, Status, Plate, Time, Latitude, Longitude, Camera, State, Extra, ColumnCount };

    explicit MappingPreviewModel(QObject* parent = nullptr);
    /** The file's first bytes (a whole number of lines) and its path (images are looked up beside it). */
    void setSample(const QString& path, QByteArray sample);
    /** Re-parses the sample; fileError receives a whole-file problem (e.g. a header lacking a mapped column). */
    void setMapping(const CsvMapping& mapping, QString* fileError);

    int okRows() const { return m_ok; }
    int rejectedRows() const { return int(m_rows.size()) - m_ok; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        qint64 line = 0;
        QString status; ///< empty = imports
        QString values[ColumnCount];
    };
    QString m_path;
    QByteArray m_sample;
    QList<Row> m_rows;
    int m_ok = 0;
};

} // namespace alpr
