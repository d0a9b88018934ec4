#include "AdminSettingsWidget.h"

#include "Session.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace alpr {

namespace {

QString describe(const QString& key)
{
    if (key == QLatin1String("idle_lock_minutes"))
        return AdminSettingsWidget::tr("Minutes without input before the screen locks (1–30)");
    if (key == QLatin1String("case_number_pattern"))
        return AdminSettingsWidget::tr("Case-number format (regular expression)");
    if (key == QLatin1String("password.minLength"))
        return AdminSettingsWidget::tr("Minimum password length (may only rise)");
    if (key == QLatin1String("password.maxAgeDays"))
        return AdminSettingsWidget::tr("Days before a password must be changed (may only fall)");
    if (key == QLatin1String("mfa.required"))
        return AdminSettingsWidget::tr("Multi-factor authentication required (true/false)");
    return key;
}

} // namespace

AdminSettingsWidget::AdminSettingsWidget(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("settingsTable"));
    m_table->setHorizontalHeaderLabels({ tr("Setting"), tr("Value") });
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    layout->addWidget(m_table);
    auto* row = new QHBoxLayout;
    auto* applyButton = new QPushButton(tr("Apply changes"), this);
    applyButton->setObjectName(QStringLiteral("applySettingsButton"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("settingsStatusLabel"));
    m_status->setWordWrap(true);
    row->addWidget(applyButton);
    row->addWidget(m_status, 1);
    layout->addLayout(row);
    connect(applyButton, &QPushButton::clicked, this, &AdminSettingsWidget::apply);
    reload();
}

void AdminSettingsWidget::reload()
{
    const QMap<QString, QString> settings = m_session.adminSettings();
    m_table->setRowCount(int(settings.size()));
    int r = 0;
    for (auto it = settings.begin(); it != settings.end(); ++it, ++r) {
        auto* name = new QTableWidgetItem(describe(it.key()));
        name->setData(Qt::UserRole, it.key());
        name->setFlags(Qt::ItemIsEnabled);
        auto* value = new QTableWidgetItem(it.value());
        value->setData(Qt::UserRole, it.value());
        m_table->setItem(r, 0, name);
        m_table->setItem(r, 1, value);
    }
    // As tall as its rows: a handful of settings should not float in an empty grid.
    m_table->setFixedHeight(m_table->horizontalHeader()->height() + m_table->verticalHeader()->length()
                            + 2 * m_table->frameWidth());
}

void AdminSettingsWidget::apply()
{
    QStringList done;
    QStringList errors;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString key = m_table->item(r, 0)->data(Qt::UserRole).toString();
        const QString value = m_table->item(r, 1)->text().trimmed();
        if (value == m_table->item(r, 1)->data(Qt::UserRole).toString())
            continue;
        if (Status s = m_session.changeSetting(key, value); s)
            done.append(describe(key));
        else
            errors.append(s.error().message);
    }
    reload();
    if (!errors.isEmpty()) {
        m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_status->setText(errors.join(u'\n'));
    } else {
        m_status->setStyleSheet(QString());
        m_status->setText(done.isEmpty() ? tr("Nothing changed.")
                                         : tr("Changed: %1.").arg(done.join(QStringLiteral("; "))));
    }
}

} // namespace alpr
