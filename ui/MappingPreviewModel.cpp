#include "MappingPreviewModel.h"

#include "CsvImporter.h"
#include "ImportSink.h"

#include <QBrush>
#include <QDateTime>
#include <QMap>

namespace alpr {

namespace {

/** Keeps the preview's reads and rejections by line. */
class PreviewSink final : public ImportSink
{
public:
    QMap<qint64, ParsedRead> reads;
    QMap<qint64, QString> rejected;

    bool accept(ParsedRead&& read) override
    {
        reads.insert(read.line, std::move(read));
        return true;
    }
    void reject(qint64 line, const QString& reason) override { rejected.insert(line, reason); }
    void skip(const QString&) override { }
    void warn(const QString&) override { }
    void progress(qint64) override { }
    bool cancelled() const override { return false; }
};

} // namespace

MappingPreviewModel::MappingPreviewModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void MappingPreviewModel::setSample(const QString& path, QByteArray sample)
{
    m_path = path;
    m_sample = std::move(sample);
}

void MappingPreviewModel::setMapping(const CsvMapping& mapping, QString* fileError)
{
    beginResetModel();
    m_rows.clear();
    m_ok = 0;
    fileError->clear();
    PreviewSink sink;
    ImportOptions options;
    options.mapping = mapping;
    // Rows are previewed even when the mapping is incomplete: validate() errors are shown above the table.
    if (alpr::Status s = mapping.validate(); !s) {
        *fileError = s.error().message;
    } else if (alpr::Status p = CsvImporter().parse(m_path, m_sample, options, sink); !p) {
        *fileError = p.error().message;
    }
    QList<qint64> lines = sink.reads.keys() + sink.rejected.keys();
    std::sort(lines.begin(), lines.end());
    for (qint64 line : lines) {
        Row row;
        row.line = line;
        row.values[Line] = QString::number(line);
        if (sink.rejected.contains(line)) {
            row.status = sink.rejected.value(line);
            row.values[Status] = row.status;
        } else {
            const ParsedRead& r = sink.reads[line];
            row.values[Status] = tr("OK");
            row.values[Plate] = r.read.plate;
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(r.read.timeMs).toLocalTime();
            row.values[Time] = t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss ")) + t.timeZoneAbbreviation();
            row.values[Latitude] = r.hasPosition ? QString::number(r.read.lat, 'f', 5) : tr("camera's");
            row.values[Longitude] = r.hasPosition ? QString::number(r.read.lon, 'f', 5) : QString();
            row.values[Camera] = r.cameraName;
            row.values[State] = r.read.state;
            QStringList extra;
            if (!r.read.make.isEmpty() || !r.read.colour.isEmpty())
                extra.append((r.read.colour + u' ' + r.read.make + u' ' + r.read.model).simplified());
            if (r.read.heading >= 0)
                extra.append(tr("heading %1°").arg(double(r.read.heading), 0, 'f', 0));
            if (!r.read.candidates.isEmpty())
                extra.append(tr("%n alternative(s)", nullptr, int(r.read.candidates.size())));
            if (!r.read.plateJpeg.isEmpty() || !r.read.overviewJpeg.isEmpty())
                extra.append(tr("images"));
            row.values[Extra] = extra.join(QStringLiteral(", "));
            ++m_ok;
        }
        m_rows.append(row);
    }
    endResetModel();
}

int MappingPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MappingPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MappingPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return row.values[index.column()];
    case Qt::ToolTipRole:
        return row.status.isEmpty() ? QVariant() : QVariant(row.status);
    case Qt::ForegroundRole:
        if (index.column() == Status)
            return QBrush(row.status.isEmpty() ? QColor(0x1b, 0x6e, 0x20) : QColor(0xb0, 0x1c, 0x1c));
        return {};
    case Qt::BackgroundRole:
        return row.status.isEmpty() ? QVariant() : QVariant(QBrush(QColor(0xfd, 0xec, 0xec)));
    default:
        return {};
    }
}

QVariant MappingPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Line:
        return tr("Line");
    case Status:
        return tr("Result");
    case Plate:
        return tr("Plate");
    case Time:
        return tr("Time (this workstation)");
    case Latitude:
        return tr("Latitude");
    case Longitude:
        return tr("Longitude");
    case Camera:
        return tr("Camera");
    case State:
        return tr("State");
    case Extra:
        return tr("Also");
    }
    return {};
}

} // namespace alpr
