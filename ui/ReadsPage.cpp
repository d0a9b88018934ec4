#include "ReadsPage.h"

#include "ClipboardGuard.h"
#include "ReadSearchModel.h"
#include "Session.h"
#include "Store.h"

#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace alpr {

namespace {
constexpr int kLatestReads = 500;
}

ReadsPage::ReadsPage(Session& session, ClipboardGuard& clipboard, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_clipboard(clipboard)
{
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_model = new ReadSearchModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("latestReadsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table);

    auto* copy = new QAction(tr("Copy plates"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &ReadsPage::copySelectedPlates);
    m_table->addAction(copy);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
}

void ReadsPage::clear()
{
    m_model->clear();
    m_summary->clear();
}

void ReadsPage::refresh()
{
    if (Status s = m_session.authorise(Permission::Search, QStringLiteral("latest reads")); !s) {
        clear();
        m_summary->setText(tr("<b>Not available:</b> %1").arg(s.error().message.toHtmlEscaped()));
        return;
    }
    Store& store = m_session.store();
    auto stats = store.stats();
    auto reads = store.latestReads(kLatestReads);
    auto cameras = store.cameras();
    if (!stats || !reads || !cameras) {
        const Error& e = !stats ? stats.error() : !reads ? reads.error() : cameras.error();
        m_summary->setText(tr("<b>The store could not be read:</b> %1").arg(e.message.toHtmlEscaped()));
        return;
    }
    // No access record, no data: what cannot be accounted for is not shown.
    if (Status s = m_session.recordAccess(Permission::Search,
                                          {{QStringLiteral("query"), QStringLiteral("latest reads")},
                                           {QStringLiteral("limit"), kLatestReads}},
                                          reads->size());
        !s) {
        clear();
        m_summary->setText(tr("<b>Not shown:</b> the access could not be recorded: %1")
                               .arg(s.error().message.toHtmlEscaped()));
        return;
    }
    auto local = [](qint64 ms) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
        return t.toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + t.timeZoneAbbreviation();
    };
    const StoreStats& s = stats.value();
    m_summary->setText(tr("<b>%1</b> reads of <b>%2</b> distinct plates from %3 cameras and units, %4 to %5. "
                          "The latest %6:")
                           .arg(QLocale().toString(s.reads), QLocale().toString(s.plates))
                           .arg(s.cameras)
                           .arg(s.reads ? local(s.firstMs) : QStringLiteral("—"),
                                s.reads ? local(s.lastMs) : QStringLiteral("—"))
                           .arg(std::min<qint64>(kLatestReads, s.reads)));
    QHash<qint64, QString> names;
    for (const Camera& c : cameras.value())
        names.insert(c.id, c.name);
    // The same model as the search results, fed the one page already read (the rest of the store is a search away).
    m_model->setSource(
        [page = std::move(reads.value())](int) mutable -> Result<QList<Read>> { return std::exchange(page, {}); },
        std::move(names));
    m_table->resizeColumnsToContents();
}

void ReadsPage::copySelectedPlates()
{
    QStringList plates;
    for (const QModelIndex& row : m_table->selectionModel()->selectedRows())
        plates.append(m_model->readAt(row.row()).plate);
    if (!plates.isEmpty())
        m_clipboard.copy(plates.join(u'\n'));
}

} // namespace alpr
