#include "MfaEnrolmentDialog.h"

#include "Crypto.h"
#include "Session.h"
#include "Totp.h"
#include "ui_MfaEnrolmentDialog.h"

#include <QFontDatabase>
#include <QPushButton>
#include <QRegularExpressionValidator>

namespace alpr {

namespace {

/** "ABCD EFGH IJKL ...": groups of four are easier to copy by eye, and base32Decode ignores the spaces. */
QString grouped(const QString& base32)
{
    QString out;
    for (qsizetype i = 0; i < base32.size(); i += 4) {
        if (!out.isEmpty())
            out += u' ';
        out += base32.mid(i, 4);
    }
    return out;
}

} // namespace

MfaEnrolmentDialog::MfaEnrolmentDialog(Session& session, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::MfaEnrolmentDialog>())
    , m_session(session)
    , m_secret(Totp::newSecret())
{
    m_ui->setupUi(this);
    QPushButton* ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("Enrol"));
    ok->setObjectName(QStringLiteral("enrolButton"));
    m_ui->errorLabel->setVisible(false);
    m_ui->codeEdit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,3} ?[0-9]{0,3}")), this));

    const QString user = session.user().name;
    m_ui->introLabel->setText(
        tr("Your department requires a second factor for every sign-in. Scan this code with an authenticator app on "
           "your phone (for example FreeOTP, Google Authenticator or Microsoft Authenticator), then type the 6-digit "
           "code the app shows for <b>%1</b>.")
            .arg(user.toHtmlEscaped()));
    if (m_secret.isEmpty()) {
        // Without a secret there is nothing to enrol; say so rather than show an empty code.
        m_ui->errorLabel->setText(tr("The system's random number generator failed; cannot create a secret."));
        m_ui->errorLabel->setVisible(true);
        ok->setEnabled(false);
    } else {
        m_ui->qrCode->setText(Totp::provisioningUri(m_secret, user, QString::fromLatin1(kIssuer)));
        m_ui->secretLabel->setText(grouped(Totp::base32Encode(m_secret)));
    }
    m_ui->secretLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &MfaEnrolmentDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &MfaEnrolmentDialog::reject);
    m_ui->codeEdit->setFocus();
}

MfaEnrolmentDialog::~MfaEnrolmentDialog()
{
    secureZero(m_secret);
}

void MfaEnrolmentDialog::accept()
{
    const QString code = m_ui->codeEdit->text().trimmed();
    if (code.isEmpty()) {
        m_ui->errorLabel->setText(tr("Type the 6-digit code your authenticator app shows."));
        m_ui->errorLabel->setVisible(true);
        m_ui->codeEdit->setFocus();
        return;
    }
    if (Status s = m_session.enrolMfa(m_secret, code); !s) {
        m_ui->errorLabel->setText(s.error().message);
        m_ui->errorLabel->setVisible(true);
        m_ui->codeEdit->clear();
        m_ui->codeEdit->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace alpr
