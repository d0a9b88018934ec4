#pragma once

#include <QObject>

namespace alpr {

/**
 * Watches the application's input events (keys, mouse, wheel, touch) and reports activity, at most once a second,
 * so the session's idle lock counts from the user's last real interaction with any window.
 */
class IdleMonitor : public QObject
{
    Q_OBJECT

public:
    explicit IdleMonitor(QObject* parent = nullptr);
    ~IdleMonitor() override;

Q_SIGNALS:
    void activity();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    qint64 m_lastReportMs = 0;
};

} // namespace alpr
