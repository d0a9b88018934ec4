#include "TransferDialog.h"

#include "Authenticator.h"
#include "Session.h"
#include "TransferService.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSysInfo>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace alpr {

TransferDialog::TransferDialog(Session& local, QWidget* parent)
    : QDialog(parent)
    , m_local(local)
{
    setObjectName(QStringLiteral("transferDialog"));
    setWindowTitle(tr("End of shift: transfer and purge"));
    auto* intro = new QLabel(tr("Moves every read of this laptop's store to the department's server, batch by batch, "
                                "and deletes from the laptop exactly the reads the server confirmed (policy "
                                "462.4(b)). An interrupted transfer continues where it stopped when you run it "
                                "again."),
                             this);
    intro->setWordWrap(true);

    QSettings settings;
    m_server = new QLineEdit(settings.value(QStringLiteral("transfer/server")).toString(), this);
    m_server->setObjectName(QStringLiteral("transferServer"));
    m_server->setPlaceholderText(QStringLiteral("postgresql://alpr.example.gov:5432/alpr"));
    m_ca = new QLineEdit(settings.value(QStringLiteral("transfer/ca")).toString(), this);
    m_ca->setObjectName(QStringLiteral("transferCa"));
    m_ca->setPlaceholderText(tr("The CA certificate that signed the server's certificate"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &TransferDialog::chooseCa);
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_ca, 1);
    caRow->addWidget(browse);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("transferPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_otp = new QLineEdit(this);
    m_otp->setObjectName(QStringLiteral("transferOtp"));
    m_otp->setPlaceholderText(tr("only if your server account uses an authenticator app"));
    m_otp->setMaxLength(6);

    auto* form = new QFormLayout;
    form->addRow(tr("Server:"), m_server);
    form->addRow(tr("CA certificate:"), caRow);
    form->addRow(tr("Server password for %1:").arg(local.user().name), m_password);
    form->addRow(tr("Authenticator code:"), m_otp);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("transferProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(tr("Ready."), this);
    m_status->setObjectName(QStringLiteral("transferStatus"));
    m_status->setWordWrap(true);
    m_receipt = new QPlainTextEdit(this);
    m_receipt->setObjectName(QStringLiteral("transferReceipt"));
    m_receipt->setReadOnly(true);
    m_receipt->setPlaceholderText(tr("The receipt appears here when the transfer ends."));

    auto* buttons = new QDialogButtonBox(this);
    m_start = buttons->addButton(tr("&Transfer and purge"), QDialogButtonBox::AcceptRole);
    m_start->setObjectName(QStringLiteral("transferStart"));
    m_cancel = buttons->addButton(QDialogButtonBox::Close);
    m_cancel->setObjectName(QStringLiteral("transferCancel"));
    connect(m_start, &QPushButton::clicked, this, &TransferDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &TransferDialog::reject);
    connect(m_server, &QLineEdit::textChanged, this, &TransferDialog::updateState);
    connect(m_ca, &QLineEdit::textChanged, this, &TransferDialog::updateState);
    connect(m_password, &QLineEdit::textChanged, this, &TransferDialog::updateState);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_receipt, 1);
    layout->addWidget(buttons);
    resize(620, 480);
    updateState();
}

TransferDialog::~TransferDialog() = default;

void TransferDialog::chooseCa()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("CA certificate of the server"), m_ca->text(),
                                                      tr("Certificates (*.crt *.pem);;All files (*)"));
    if (!file.isEmpty())
        m_ca->setText(file);
}

QString TransferDialog::serverUri() const
{
    QUrl url(m_server->text().trimmed());
    QUrlQuery query(url);
    if (!m_ca->text().trimmed().isEmpty()) {
        query.removeAllQueryItems(QStringLiteral("sslrootcert"));
        query.addQueryItem(QStringLiteral("sslrootcert"), m_ca->text().trimmed());
    }
    url.setQuery(query);
    return url.toString();
}

void TransferDialog::updateState()
{
    m_start->setEnabled(!m_running && !m_server->text().trimmed().isEmpty() && !m_password->text().isEmpty());
    m_server->setEnabled(!m_running);
    m_ca->setEnabled(!m_running);
    m_password->setEnabled(!m_running);
    m_otp->setEnabled(!m_running);
    m_cancel->setText(m_running ? tr("Cancel") : tr("Close"));
}

QString TransferDialog::outcome() const
{
    return m_receipt->toPlainText();
}

void TransferDialog::reject()
{
    if (m_running) {
        // Between batches: what the server confirmed is purged, the rest stays for the next run.
        m_cancelRequested = true;
        m_status->setText(tr("Cancelling after the current batch…"));
        return;
    }
    QDialog::reject();
}

void TransferDialog::start()
{
    if (m_running)
        return;
    QSettings settings;
    settings.setValue(QStringLiteral("transfer/server"), m_server->text().trimmed());
    settings.setValue(QStringLiteral("transfer/ca"), m_ca->text().trimmed());
    m_running = true;
    m_cancelRequested = false;
    m_receipt->clear();
    updateState();
    m_status->setText(tr("Signing in to the server…"));
    QApplication::setOverrideCursor(Qt::BusyCursor);
    QCoreApplication::processEvents();

    Credentials c;
    c.serverUri = serverUri();
    c.user = m_local.user().name;
    c.password = m_password->text();
    c.otp = m_otp->text().trimmed();
    c.bannerAcknowledged = true; // acknowledged at this session's sign-in
    c.serverConnections = TransferService::kServerConnections;
    m_password->clear();
    auto server = Authenticator(m_local.clock()).signIn(c, QStringLiteral("workstation@") + QSysInfo::machineHostName());
    QString text;
    if (!server) {
        text = server.error().message;
        m_status->setText(tr("Could not sign in to the server."));
    } else {
        TransferService transfer(m_local, *server.value());
        m_status->setText(tr("Transferring…"));
        // The CLI's batches (small ones cost the transfer two thirds of its speed): the window repaints and Cancel is
        // read while the server stores each batch, and after each purge.
        transfer.setWhileWaiting([] { QCoreApplication::processEvents(); });
        auto receipt = transfer.run(
            TransferService::kDefaultBatch,
            [this](const TransferProgress& p) {
                m_progress->setRange(0, int(std::min<qint64>(p.total, std::numeric_limits<int>::max())));
                m_progress->setValue(int(std::min<qint64>(p.done, std::numeric_limits<int>::max())));
                m_status->setText(tr("%1 of %2 reads confirmed by the server and purged.").arg(p.done).arg(p.total));
                // The stores belong to this thread: between batches the window repaints and Cancel is read.
                QCoreApplication::processEvents();
            },
            &m_cancelRequested);
        if (receipt) {
            text = receipt->toText();
            m_status->setText(receipt->cancelled ? tr("Cancelled: the rest stays on the laptop for the next transfer.")
                                                 : tr("Done."));
            if (receipt->reads > 0)
                Q_EMIT storePurged();
        } else {
            text = receipt.error().message;
            m_status->setText(tr("The transfer stopped. Nothing unconfirmed was purged; run it again to resume."));
        }
    }
    QApplication::restoreOverrideCursor();
    m_receipt->setPlainText(text);
    m_running = false;
    updateState();
}

} // namespace alpr
