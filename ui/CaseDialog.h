#pragma once

#include <QDialog>
#include <QRegularExpression>
#include <memory>

namespace Ui {
class CaseDialog;
}

namespace alpr {

class Session;

/**
 * The case gate (policy 462.5(b)): case number in the administrator's format, purpose category and purpose, entered
 * before any access to ALPR data and when switching cases. The number is checked as it is typed (a prefix of a
 * valid number is fine, anything else is flagged); OK calls Session::openCase and the dialog is accepted only when
 * the session took the case. Switching pre-fills the active case.
 */
class CaseDialog : public QDialog
{
    Q_OBJECT

public:
    CaseDialog(Session& session, QWidget* parent = nullptr);
    ~CaseDialog() override;

    void accept() override;

    /** An example number for the format shown as placeholder: "26-001234" (this year) for the default pattern. */
    static QString exampleNumber(const QString& pattern, int year);

private:
    void validateNumber();
    int currentYear() const;

    std::unique_ptr<Ui::CaseDialog> m_ui;
    Session& m_session;
    QRegularExpression m_pattern;
};

} // namespace alpr
