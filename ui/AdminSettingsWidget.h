#pragma once

#include <QWidget>

class QLabel;
class QTableWidget;

namespace alpr {

class Session;

/**
 * The administrator's settings: idle lock, case-number format and the password rules (which only tighten). Edited in
 * a table; Apply sends each changed value through Session::changeSetting, which checks and audits it.
 */
class AdminSettingsWidget : public QWidget
{
    Q_OBJECT

public:
    explicit AdminSettingsWidget(Session& session, QWidget* parent = nullptr);
    void reload();
    void apply();

private:
    Session& m_session;
    QTableWidget* m_table = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace alpr
