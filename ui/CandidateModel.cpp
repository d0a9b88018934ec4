#include "CandidateModel.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <limits>

namespace alpr {

namespace {

QString shortTime(qint64 ms)
{
    if (ms <= 0)
        return QStringLiteral("—");
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + t.timeZoneAbbreviation();
}

} // namespace

CandidateModel::CandidateModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CandidateModel::setCandidates(QList<CandidatePlate> candidates, bool withScene)
{
    beginResetModel();
    m_candidates = std::move(candidates);
    m_withScene = withScene;
    endResetModel();
}

int CandidateModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_candidates.size());
}

int CandidateModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CandidateModel::nearness(const CandidatePlate& c)
{
    if (c.sceneDistanceM < 0)
        return tr("not seen within a day");
    const QString distance = c.sceneDistanceM < 1000
        ? tr("%1 m").arg(qRound(c.sceneDistanceM))
        : tr("%1 km").arg(QLocale().toString(c.sceneDistanceM / 1000, 'f', 1));
    const qint64 minutes = c.sceneTimeGapMs / 60000;
    if (c.sceneTimeGapMs <= 0)
        return tr("%1, during the scene time").arg(distance);
    if (minutes < 120)
        return tr("%1, %2 min away").arg(distance).arg(std::max<qint64>(1, minutes));
    return tr("%1, %2 h away").arg(distance).arg(QLocale().toString(minutes / 60.0, 'f', 1));
}

QVariant CandidateModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_candidates.size())
        return {};
    const CandidatePlate& c = m_candidates.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Rank:
            return index.row() + 1;
        case Plate:
            return c.plate;
        case Reads:
            return QLocale().toString(c.readCount);
        case Match:
            if (c.misreads == 0)
                return tr("exact");
            return c.misreads == 1 ? tr("1 misread") : tr("%1 misreads").arg(c.misreads);
        case Alternatives:
            if (c.altCount <= 0)
                return QString();
            if (c.onlyAsAlternate)
                return c.altCount == 1 ? tr("only, in 1 read")
                                       : tr("only, in %1 reads").arg(QLocale().toString(c.altCount));
            return c.altCount == 1 ? tr("also, in 1 read")
                                   : tr("also, in %1 reads").arg(QLocale().toString(c.altCount));
        case FirstSeen:
            return shortTime(c.firstSeenMs);
        case LastSeen:
            return shortTime(c.lastSeenMs);
        case Nearest:
            return m_withScene ? nearness(c) : QString();
        }
    } else if (role == SortRole) {
        switch (index.column()) {
        case Rank:
            return index.row();
        case Plate:
            return c.plate;
        case Reads:
            return c.readCount;
        case Match:
            return c.misreads;
        case Alternatives:
            return c.onlyAsAlternate ? -1 : c.altCount; // "only" first when ascending: the weakest candidates
        case FirstSeen:
            return c.firstSeenMs;
        case LastSeen:
            return c.lastSeenMs;
        case Nearest:
            return c.sceneDistanceM < 0 ? std::numeric_limits<double>::max()
                                        : c.sceneDistanceM + double(c.sceneTimeGapMs) / 60000.0 * 50;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Match:
            if (c.misreads == 0)
                return tr("Matches the pattern as typed");
            return c.misreads == 1 ? tr("Matches only if the camera misread one character")
                                   : tr("Matches only if the camera misread %1 characters").arg(c.misreads);
        case Alternatives:
            return c.altCount > 0 ? tr("The OCR offered this plate as an alternative reading in %1 reads")
                                        .arg(QLocale().toString(c.altCount))
                                  : QString();
        case Nearest:
            return m_withScene ? tr("Nearest sighting to the scene, in distance and time outside the scene window")
                               : tr("Give a scene to rank by nearness");
        }
    } else if (role == Qt::FontRole && index.column() == Plate) {
        QFont f;
        f.setFamily(QStringLiteral("DejaVu Sans Mono"));
        f.setBold(true);
        return f;
    } else if (role == Qt::TextAlignmentRole && (index.column() == Rank || index.column() == Reads)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant CandidateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Rank:
        return tr("#");
    case Plate:
        return tr("Plate");
    case Reads:
        return tr("Reads");
    case Match:
        return tr("Match");
    case Alternatives:
        return tr("As OCR alternative");
    case FirstSeen:
        return tr("First seen");
    case LastSeen:
        return tr("Last seen");
    case Nearest:
        return tr("Nearest to scene");
    }
    return {};
}

} // namespace alpr
