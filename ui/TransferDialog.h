#pragma once

#include <QDialog>
#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace alpr {

class Session;

/**
 * "End of shift: transfer and purge…" (policy 462.4(b)): the signed-in user moves this laptop's local store to the
 * department's server (URI and CA file, the server password and TOTP code of the same user), with a progress bar and
 * Cancel, then sees the receipt. The work is TransferService; it runs in batches on this thread (the stores belong to
 * it) and the window is kept responsive between batches.
 */
class TransferDialog : public QDialog
{
    Q_OBJECT

public:
    TransferDialog(Session& local, QWidget* parent = nullptr);
    ~TransferDialog() override;

    /** Starts the transfer with the fields as filled (the Transfer button). */
    void start();
    bool isRunning() const { return m_running; }
    /** The receipt or the error shown at the end. */
    QString outcome() const;

    void reject() override;

Q_SIGNALS:
    /** The local store changed (reads purged): views over it should reload. */
    void storePurged();

private:
    void chooseCa();
    void updateState();
    QString serverUri() const;

    Session& m_local;
    QLineEdit* m_server = nullptr;
    QLineEdit* m_ca = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_otp = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPlainTextEdit* m_receipt = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancel = nullptr;
    std::atomic<bool> m_cancelRequested { false };
    bool m_running = false;
};

} // namespace alpr
