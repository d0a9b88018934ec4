#include "MainWindow.h"

#include "ReadTableModel.h"
#include "Vault.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace alpr {

namespace {
constexpr int kLatestReads = 500;
}

MainWindow::MainWindow(std::unique_ptr<Vault> vault, QWidget* parent)
    : QMainWindow(parent)
    , m_vault(std::move(vault))
{
    setWindowTitle(tr("ALPR Workstation"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_summary = new QLabel(central);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary);
    m_model = new ReadTableModel(this);
    m_table = new QTableView(central);
    m_table->setObjectName(QStringLiteral("latestReadsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table);
    setCentralWidget(central);

    const UserRecord& u = m_vault->user();
    statusBar()->addWidget(new QLabel(tr("%1 (%2)").arg(u.name, roleName(u.role)), this));
    statusBar()->addPermanentWidget(new QLabel(m_vault->store().describe(), this));
    resize(1200, 720);
    refresh();
}

MainWindow::~MainWindow() = default;

void MainWindow::refresh()
{
    auto stats = m_vault->store().stats();
    auto reads = m_vault->store().latestReads(kLatestReads);
    auto cameras = m_vault->store().cameras();
    if (!stats || !reads || !cameras) {
        const Error& e = !stats ? stats.error() : !reads ? reads.error() : cameras.error();
        m_summary->setText(tr("<b>The store could not be read:</b> %1").arg(e.message.toHtmlEscaped()));
        return;
    }
    auto local = [](qint64 ms) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
        return t.toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + t.timeZoneAbbreviation();
    };
    const StoreStats& s = stats.value();
    m_summary->setText(tr("<b>%1</b> reads of <b>%2</b> distinct plates from %3 cameras and units, %4 to %5. "
                          "Latest %6 reads:")
                           .arg(QLocale().toString(s.reads), QLocale().toString(s.plates))
                           .arg(s.cameras)
                           .arg(s.reads ? local(s.firstMs) : QStringLiteral("—"),
                                s.reads ? local(s.lastMs) : QStringLiteral("—"))
                           .arg(std::min<qint64>(kLatestReads, s.reads)));
    QHash<qint64, QString> names;
    for (const Camera& c : cameras.value())
        names.insert(c.id, c.name);
    m_model->setReads(std::move(reads.value()), std::move(names));
    m_table->resizeColumnsToContents();
}

} // namespace alpr
