#include "ReadTableModel.h"

#include <QDateTime>
#include <QFont>

namespace alpr {

ReadTableModel::ReadTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ReadTableModel::setReads(QList<Read> reads, QHash<qint64, QString> cameraNames)
{
    beginResetModel();
    m_reads = std::move(reads);
    m_cameraNames = std::move(cameraNames);
    endResetModel();
}

int ReadTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_reads.size());
}

int ReadTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReadTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_reads.size())
        return {};
    const Read& r = m_reads.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: {
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(r.timeMs).toLocalTime();
            return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss ")) + t.timeZoneAbbreviation();
        }
        case Plate:
            return r.plate;
        case State:
            return r.state;
        case Camera:
            return m_cameraNames.value(r.cameraId);
        case Confidence:
            return QString::number(double(r.confidence), 'f', 1);
        case Candidates: {
            QStringList c;
            for (const PlateCandidate& p : r.candidates)
                c.append(p.plate);
            return c.join(QStringLiteral(", "));
        }
        case Vehicle:
            return QStringList{r.colour, r.make, r.model}.join(u' ').simplified();
        case Images:
            return r.hasImages ? tr("yes") : QString();
        }
    } else if (role == Qt::FontRole && index.column() == Plate) {
        QFont f;
        f.setFamily(QStringLiteral("DejaVu Sans Mono"));
        f.setBold(true);
        return f;
    } else if (role == Qt::TextAlignmentRole && index.column() == Confidence) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant ReadTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Plate:
        return tr("Plate");
    case State:
        return tr("State");
    case Camera:
        return tr("Camera / unit");
    case Confidence:
        return tr("Confidence");
    case Candidates:
        return tr("OCR alternatives");
    case Vehicle:
        return tr("Vehicle");
    case Images:
        return tr("Images");
    }
    return {};
}

} // namespace alpr
