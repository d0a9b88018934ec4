#pragma once

#include <QByteArray>
#include <QDialog>
#include <memory>

namespace Ui {
class MfaEnrolmentDialog;
}

namespace alpr {

class Session;

/**
 * Enrols the signed-in user in TOTP multi-factor authentication (CJIS 5.9.5): a fresh secret shown as a QR code of
 * its otpauth:// URI (issuer "ALPR Workstation") and as base32 for typing by hand. The dialog is accepted only when
 * Session::enrolMfa() accepted a code from the user's app; a wrong code leaves it open with the reason. The secret is
 * wiped from memory when the dialog goes.
 */
class MfaEnrolmentDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr const char* kIssuer = "ALPR Workstation";

    MfaEnrolmentDialog(Session& session, QWidget* parent = nullptr);
    ~MfaEnrolmentDialog() override;

    void accept() override;

private:
    std::unique_ptr<Ui::MfaEnrolmentDialog> m_ui;
    Session& m_session;
    QByteArray m_secret;
};

} // namespace alpr
