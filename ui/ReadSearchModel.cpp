#include "ReadSearchModel.h"

#include "SearchService.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QScopeGuard>
#include <algorithm>
#include <numeric>

namespace alpr {

namespace {

int compareText(const QString& a, const QString& b)
{
    return a.compare(b, Qt::CaseInsensitive);
}

template<typename T> int compareValue(const T& a, const T& b)
{
    return a < b ? -1 : b < a ? 1 : 0;
}

} // namespace

ReadSearchModel::ReadSearchModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ReadSearchModel::setSearch(ReadSearch search, QHash<qint64, QString> cameraNames)
{
    // The search lives inside the source: each call fetches the next keyset page (authorised and access-logged).
    auto shared = std::make_shared<ReadSearch>(std::move(search));
    setSource([shared](int n) { return shared->atEnd() ? Result<QList<Read>>(QList<Read> {}) : shared->next(n); },
              std::move(cameraNames));
}

void ReadSearchModel::setSource(PageSource source, QHash<qint64, QString> cameraNames)
{
    beginResetModel();
    m_reads.clear();
    m_order.clear();
    m_strings.clear();
    m_cameraNames = std::move(cameraNames);
    // Cameras sort by name; ranking the names once spares a million-row sort two hash look-ups and a string compare
    // per comparison.
    QList<qint64> ids = m_cameraNames.keys();
    std::sort(ids.begin(), ids.end(), [this](qint64 a, qint64 b) {
        const int c = compareText(m_cameraNames.value(a), m_cameraNames.value(b));
        return c != 0 ? c < 0 : a < b;
    });
    m_cameraRank.clear();
    for (qsizetype i = 0; i < ids.size(); ++i)
        m_cameraRank.insert(ids.at(i), int(i));
    m_source = std::move(source);
    m_atEnd = true; // views react to the reset; they must not fetch before it is over
    m_error.clear();
    endResetModel();
    if (m_source) {
        m_atEnd = false;
        fetchMore({});
    }
}

void ReadSearchModel::clear()
{
    beginResetModel();
    m_reads.clear();
    m_reads.squeeze();
    m_order.clear();
    m_order.shrink_to_fit();
    m_strings.clear();
    m_cameraNames.clear();
    m_cameraRank.clear();
    m_source = nullptr;
    m_atEnd = true;
    m_error.clear();
    endResetModel();
}

int ReadSearchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_reads.size());
}

int ReadSearchModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool ReadSearchModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_source && !m_atEnd && !m_changing;
}

void ReadSearchModel::intern(QString& text)
{
    if (text.isEmpty())
        return;
    const auto it = m_strings.constFind(text);
    if (it != m_strings.constEnd())
        text = *it; // share the one copy
    else
        m_strings.insert(text);
}

void ReadSearchModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    // Views (and QAbstractItemModelTester) ask for more from inside this model's own change signals; a fetch nested
    // in an insertion or a re-ordering would work on rows that are about to move.
    m_changing = true;
    const auto done = qScopeGuard([this] { m_changing = false; });
    auto page = m_source(kPageSize);
    if (!page) {
        // Stop here: the view would otherwise ask again at once, and every attempt is a logged access.
        m_error = page.error().message;
        m_atEnd = true;
        emit pageLoaded();
        return;
    }
    if (page->size() < kPageSize)
        m_atEnd = true;
    if (page->isEmpty()) {
        emit pageLoaded();
        return;
    }
    for (Read& r : page.value()) {
        intern(r.plate);
        intern(r.state);
        intern(r.make);
        intern(r.model);
        intern(r.colour);
        intern(r.sourceFile);
        r.overviewJpeg.clear();
        r.plateJpeg.clear();
    }
    const qsizetype first = m_reads.size();
    const qsizetype last = first + page->size();
    beginInsertRows({}, int(first), int(last - 1));
    m_reads.append(std::move(page.value()));
    for (qsizetype i = first; !m_order.empty() && i < last; ++i)
        m_order.push_back(qint32(i));
    endInsertRows();

    if (!isNaturalOrder()) {
        // Keep the user's sort: order the new page on its own, then merge it into the rows already sorted.
        std::vector<qint32> order = m_order;
        if (order.empty()) {
            order.resize(size_t(last));
            std::iota(order.begin(), order.end(), 0);
        }
        auto less = [this](qint32 a, qint32 b) { return lessThan(a, b); };
        std::sort(order.begin() + first, order.end(), less);
        std::inplace_merge(order.begin(), order.begin() + first, order.end(), less);
        applyOrder(std::move(order));
    }
    emit pageLoaded();
}

bool ReadSearchModel::lessThan(qsizetype ia, qsizetype ib) const
{
    const Read& a = m_reads.at(ia);
    const Read& b = m_reads.at(ib);
    int c = 0;
    switch (m_sortColumn) {
    case Time:
        c = compareValue(a.timeMs, b.timeMs);
        if (c == 0)
            c = compareValue(a.id, b.id);
        break;
    case Plate:
        c = a.plate.compare(b.plate); // normalised: upper case already, and a plain compare is 3x faster
        break;
    case State:
        c = compareText(a.state, b.state);
        break;
    case Camera:
        c = a.cameraId == b.cameraId ? 0 : compareValue(m_cameraRank.value(a.cameraId), m_cameraRank.value(b.cameraId));
        break;
    case Confidence:
        c = compareValue(a.confidence, b.confidence);
        break;
    case Alternatives:
        c = compareValue(a.candidates.size(), b.candidates.size());
        for (qsizetype i = 0; c == 0 && i < a.candidates.size(); ++i)
            c = compareText(a.candidates.at(i).plate, b.candidates.at(i).plate);
        break;
    case Vehicle:
        c = compareText(a.colour, b.colour);
        if (c == 0)
            c = compareText(a.make, b.make);
        if (c == 0)
            c = compareText(a.model, b.model);
        break;
    case Images:
        c = compareValue(a.hasImages, b.hasImages);
        break;
    }
    if (c != 0)
        return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
    return ia < ib; // equal keys keep the search's newest-first order, whatever the direction
}

void ReadSearchModel::applyOrder(std::vector<qint32> order)
{
    const bool wasChanging = std::exchange(m_changing, true);
    const auto done = qScopeGuard([this, wasChanging] { m_changing = wasChanging; });
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    if (!before.isEmpty()) {
        std::vector<qint32> rowOf(size_t(m_reads.size()));
        for (size_t row = 0; row < rowOf.size(); ++row)
            rowOf[order.empty() ? row : size_t(order[row])] = qint32(row);
        QModelIndexList after;
        after.reserve(before.size());
        for (const QModelIndex& index : before) {
            const qint32 read = m_order.empty() ? index.row() : m_order.at(size_t(index.row()));
            after.append(index.isValid() ? createIndex(rowOf[size_t(read)], index.column()) : QModelIndex());
        }
        changePersistentIndexList(before, after);
    }
    m_order = std::move(order);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void ReadSearchModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount) {
        column = Time;
        order = Qt::DescendingOrder;
    }
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (isNaturalOrder()) {
        applyOrder({});
        return;
    }
    std::vector<qint32> rows(size_t(m_reads.size()));
    std::iota(rows.begin(), rows.end(), 0);
    std::sort(rows.begin(), rows.end(), [this](qint32 a, qint32 b) { return lessThan(a, b); });
    if (rows.empty())
        return; // nothing loaded yet: pages are ordered as they arrive
    applyOrder(std::move(rows));
}

QString ReadSearchModel::localTime(qint64 ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss ")) + t.timeZoneAbbreviation();
}

QString ReadSearchModel::text(const Read& r, int column) const
{
    switch (column) {
    case Time:
        return localTime(r.timeMs);
    case Plate:
        return r.plate;
    case State:
        return r.state;
    case Camera: {
        const QString name = m_cameraNames.value(r.cameraId);
        return name.isEmpty() ? tr("camera #%1").arg(r.cameraId) : name;
    }
    case Confidence:
        return QLocale().toString(double(r.confidence), 'f', 1);
    case Alternatives: {
        QStringList c;
        for (const PlateCandidate& p : r.candidates)
            c.append(p.plate);
        return c.join(QStringLiteral(", "));
    }
    case Vehicle:
        return QStringList { r.colour, r.make, r.model }.join(u' ').simplified();
    case Images:
        return r.hasImages ? tr("yes") : tr("no");
    }
    return {};
}

QVariant ReadSearchModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_reads.size() || index.column() >= ColumnCount)
        return {};
    const Read& r = readAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return text(r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Alternatives && !r.candidates.isEmpty()) {
            QStringList lines;
            for (const PlateCandidate& p : r.candidates)
                lines.append(tr("%1 — confidence %2").arg(p.plate, QLocale().toString(double(p.confidence), 'f', 1)));
            return lines.join(u'\n');
        }
        if (index.column() == Time)
            return QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).toString(Qt::ISODateWithMs);
        return {};
    case Qt::FontRole:
        if (index.column() == Plate) {
            QFont f;
            f.setFamily(QStringLiteral("DejaVu Sans Mono"));
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Confidence)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == Images || index.column() == State)
            return int(Qt::AlignHCenter | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant ReadSearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
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
    case Alternatives:
        return tr("OCR alternatives");
    case Vehicle:
        return tr("Vehicle");
    case Images:
        return tr("Images");
    }
    return {};
}

} // namespace alpr
