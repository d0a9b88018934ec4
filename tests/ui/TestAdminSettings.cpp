// The administrator's settings table: edits go through Session::changeSetting, refusals are shown, nothing looser
// than the policy in force is written.
#include "AdminSettingsWidget.h"
#include "Authenticator.h"
#include "Crypto.h"
#include "FakeClock.h"
#include "PasswordPolicy.h"
#include "Session.h"
#include "TempDir.h"
#include "Vault.h"

#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

void setValue(QTableWidget* table, const QString& key, const QString& value)
{
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0)->data(Qt::UserRole).toString() == key)
            table->item(r, 1)->setText(value);
}

QString valueOf(QTableWidget* table, const QString& key)
{
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0)->data(Qt::UserRole).toString() == key)
            return table->item(r, 1)->text();
    return {};
}

} // namespace

TEST_CASE("the settings table applies valid changes and shows why others are refused")
{
    test::TempDir dir;
    test::FakeClock clock;
    const QString path = dir.path(QStringLiteral("s.alpr"));
    const QString pw = QStringLiteral("administrator passphrase 1");
    {
        UserRecord admin;
        admin.name = QStringLiteral("admin");
        admin.role = Role::Admin;
        auto vault = Vault::create(path, admin, pw, clock, kMinimumPbkdf2Iterations);
        REQUIRE(vault);
        PasswordRules rules;
        rules.requireMfa = false;
        auto settings = PasswordPolicy(rules).toSettings();
        settings.insert(QStringLiteral("store.kind"), QStringLiteral("demo"));
        for (auto it = settings.begin(); it != settings.end(); ++it)
            REQUIRE(vault.value()->store().setSetting(it.key(), it.value()));
    }
    auto session = Authenticator(clock).signIn({ path, QStringLiteral("admin"), pw, QString(), true }, {});
    REQUIRE(session);
    AdminSettingsWidget widget(*session.value());
    widget.show();
    auto* table = widget.findChild<QTableWidget*>(QStringLiteral("settingsTable"));
    auto* apply = widget.findChild<QPushButton*>(QStringLiteral("applySettingsButton"));
    auto* status = widget.findChild<QLabel*>(QStringLiteral("settingsStatusLabel"));
    REQUIRE(table);
    REQUIRE(apply);
    REQUIRE(status);
    CHECK(valueOf(table, QStringLiteral("idle_lock_minutes")) == QStringLiteral("15"));

    setValue(table, QStringLiteral("idle_lock_minutes"), QStringLiteral("10"));
    setValue(table, QStringLiteral("password.minLength"), QStringLiteral("14"));
    QTest::mouseClick(apply, Qt::LeftButton);
    CHECK(status->text().startsWith(QStringLiteral("Changed")));
    CHECK(session.value()->idleLimitMs() == 10 * 60 * 1000);
    CHECK(session.value()->passwordPolicy().rules().minLength == 14);

    setValue(table, QStringLiteral("idle_lock_minutes"), QStringLiteral("60"));
    setValue(table, QStringLiteral("password.minLength"), QStringLiteral("9"));
    QTest::mouseClick(apply, Qt::LeftButton);
    CHECK(status->text().contains(QStringLiteral("30")));
    CHECK(session.value()->idleLimitMs() == 10 * 60 * 1000);
    CHECK(session.value()->passwordPolicy().rules().minLength == 14);
    CHECK(valueOf(table, QStringLiteral("password.minLength")) == QStringLiteral("14")); // reloaded from the store
}
