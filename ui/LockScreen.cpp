#include "LockScreen.h"

#include "Session.h"
#include "Store.h"
#include "ui_LockScreen.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpressionValidator>
#include <QTimer>

namespace alpr {

namespace {

/** A plain padlock drawn with QPainter: no icon theme or emoji font is needed on a locked-down workstation. */
QPixmap padlock(int size, qreal dpr, const QColor& colour)
{
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    // Shackle: an arch above the body.
    QPen pen(colour, s * 0.09, Qt::SolidLine, Qt::FlatCap);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    const QRectF arch(s * 0.28, s * 0.08, s * 0.44, s * 0.50);
    QPainterPath shackle;
    shackle.moveTo(arch.left(), s * 0.48);
    shackle.lineTo(arch.left(), arch.center().y());
    shackle.arcTo(arch, 180, -180);
    shackle.lineTo(arch.right(), s * 0.48);
    p.drawPath(shackle);
    // Body with a keyhole.
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRoundedRect(QRectF(s * 0.16, s * 0.44, s * 0.68, s * 0.50), s * 0.07, s * 0.07);
    p.setCompositionMode(QPainter::CompositionMode_Clear);
    p.drawEllipse(QPointF(s * 0.5, s * 0.63), s * 0.06, s * 0.06);
    p.drawRect(QRectF(s * 0.475, s * 0.65, s * 0.05, s * 0.15));
    return pixmap;
}

} // namespace

LockScreen::LockScreen(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::LockScreen>())
    , m_session(session)
{
    m_ui->setupUi(this);
    setAutoFillBackground(true);
    m_ui->lockGlyph->setPixmap(padlock(96, devicePixelRatioF(), palette().color(QPalette::WindowText)));
    m_ui->otpEdit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,3} ?[0-9]{0,3}")), this));
    for (QWidget* w : { static_cast<QWidget*>(m_ui->errorLabel), static_cast<QWidget*>(m_ui->busyLabel) }) {
        QSizePolicy policy = w->sizePolicy();
        policy.setRetainSizeWhenHidden(true); // the centred panel must not jump when a message appears
        w->setSizePolicy(policy);
        w->setVisible(false);
    }
    connect(m_ui->unlockButton, &QPushButton::clicked, this, &LockScreen::startUnlock);
    connect(m_ui->passwordEdit, &QLineEdit::returnPressed, this, &LockScreen::startUnlock);
    connect(m_ui->otpEdit, &QLineEdit::returnPressed, this, &LockScreen::startUnlock);
    connect(m_ui->signOutButton, &QPushButton::clicked, this, &LockScreen::signOutRequested);
}

LockScreen::~LockScreen() = default;

void LockScreen::prepare(const QString& reason)
{
    const UserRecord& user = m_session.user();
    m_ui->reasonLabel->setText(reason.isEmpty() ? tr("Locked") : tr("Locked: %1").arg(reason));
    m_ui->userLabel->setText(user.fullName.isEmpty() ? tr("Signed in as %1").arg(user.name)
                                                     : tr("Signed in as %1 (%2)").arg(user.fullName, user.name));
    m_ui->passwordEdit->clear();
    m_ui->otpEdit->clear();
    m_ui->errorLabel->clear();
    m_ui->errorLabel->setVisible(false);
    auto secret = m_session.store().totpSecret(user.name);
    // When the secret cannot be read, ask for the code anyway: Session::unlock decides, and a needless field is
    // better than a missing one.
    m_needsOtp = !secret || !secret.value().isEmpty();
    m_ui->otpLabel->setVisible(m_needsOtp);
    m_ui->otpEdit->setVisible(m_needsOtp);
    setBusy(false);
    m_ui->passwordEdit->setFocus();
}

void LockScreen::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->passwordEdit->setEnabled(!busy);
    m_ui->otpEdit->setEnabled(!busy);
    m_ui->unlockButton->setEnabled(!busy);
    m_ui->signOutButton->setEnabled(!busy);
    m_ui->busyLabel->setVisible(busy);
    if (busy)
        QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    else if (QGuiApplication::overrideCursor())
        QGuiApplication::restoreOverrideCursor();
}

void LockScreen::startUnlock()
{
    if (m_busy)
        return;
    if (m_ui->passwordEdit->text().isEmpty()) {
        m_ui->errorLabel->setText(tr("Enter your password."));
        m_ui->errorLabel->setVisible(true);
        m_ui->passwordEdit->setFocus();
        return;
    }
    if (m_needsOtp && m_ui->otpEdit->text().trimmed().isEmpty()) {
        m_ui->errorLabel->setText(tr("Enter the 6-digit code from your authenticator app."));
        m_ui->errorLabel->setVisible(true);
        m_ui->otpEdit->setFocus();
        return;
    }
    m_ui->errorLabel->setVisible(false);
    setBusy(true);
    // Let "Checking…" and the cursor paint before the key derivation blocks the GUI thread for half a second.
    QTimer::singleShot(30, this, &LockScreen::finishUnlock);
}

void LockScreen::finishUnlock()
{
    const Status s = m_session.unlock(m_ui->passwordEdit->text(), m_ui->otpEdit->text().trimmed());
    m_ui->passwordEdit->clear();
    m_ui->otpEdit->clear();
    setBusy(false);
    if (!s) {
        m_ui->errorLabel->setText(s.error().message);
        m_ui->errorLabel->setVisible(true);
        m_ui->passwordEdit->setFocus();
        return;
    }
    emit unlocked();
}

} // namespace alpr
