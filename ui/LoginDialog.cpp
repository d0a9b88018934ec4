#include "LoginDialog.h"
#include "ui_LoginDialog.h"

#include <QFileDialog>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

namespace alpr {

LoginDialog::LoginDialog(const Clock& clock, const QString& storePath, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::LoginDialog>())
    , m_clock(clock)
{
    m_ui->setupUi(this);
    m_ui->storePathEdit->setText(storePath);
    m_ui->busyBar->setVisible(false);
    m_ui->errorLabel->setVisible(false);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    connect(m_ui->browseButton, &QPushButton::clicked, this, &LoginDialog::browse);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &LoginDialog::attempt);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Result<QByteArray>>::finished, this, &LoginDialog::unwrapFinished);
    if (storePath.isEmpty())
        m_ui->storePathEdit->setFocus();
    else
        m_ui->userEdit->setFocus();
}

LoginDialog::~LoginDialog()
{
    m_watcher.waitForFinished();
}

std::unique_ptr<Vault> LoginDialog::takeVault()
{
    return std::move(m_vault);
}

void LoginDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open ALPR store"), m_ui->storePathEdit->text(),
                                                      tr("ALPR stores (*.alpr);;All files (*)"));
    if (!path.isEmpty())
        m_ui->storePathEdit->setText(path);
}

void LoginDialog::setBusy(bool busy)
{
    m_ui->busyBar->setVisible(busy);
    m_ui->buttonBox->setEnabled(!busy);
    m_ui->storePathEdit->setEnabled(!busy);
    m_ui->userEdit->setEnabled(!busy);
    m_ui->passwordEdit->setEnabled(!busy);
    m_ui->browseButton->setEnabled(!busy);
}

void LoginDialog::attempt()
{
    const QString store = m_ui->storePathEdit->text().trimmed();
    const QString user = m_ui->userEdit->text().trimmed();
    const QString password = m_ui->passwordEdit->text();
    if (store.isEmpty() || user.isEmpty() || password.isEmpty()) {
        m_ui->errorLabel->setText(tr("Enter the store, your user name and your password."));
        m_ui->errorLabel->setVisible(true);
        return;
    }
    m_ui->errorLabel->setVisible(false);
    setBusy(true);
    m_watcher.setFuture(QtConcurrent::run(&Vault::unwrapKey, store, user, password));
}

void LoginDialog::unwrapFinished()
{
    Result<QByteArray> key = m_watcher.result();
    m_ui->passwordEdit->clear();
    if (key) {
        auto vault = Vault::openWithKey(m_ui->storePathEdit->text().trimmed(), m_ui->userEdit->text().trimmed(),
                                        std::move(key.value()), m_clock);
        if (vault) {
            m_vault = std::move(vault.value());
            setBusy(false);
            accept();
            return;
        }
        m_ui->errorLabel->setText(vault.error().message);
    } else {
        m_ui->errorLabel->setText(key.error().message);
    }
    m_ui->errorLabel->setVisible(true);
    setBusy(false);
    m_ui->passwordEdit->setFocus();
}

} // namespace alpr
