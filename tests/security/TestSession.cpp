// Access control as the policy states it: banner, lockout, inactivity, MFA, roles x permissions, training, the case
// gate, access-log records, idle lock and the 12-hour re-authentication. Real stores, a fake clock.
#include "AuditLog.h"
#include "Authenticator.h"
#include "Crypto.h"
#include "FakeClock.h"
#include "LockoutFile.h"
#include "PasswordPolicy.h"
#include "Session.h"
#include "TempDir.h"
#include "Totp.h"
#include "Vault.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>

using namespace alpr;

namespace {

const QString kAdminPw = QStringLiteral("administrator passphrase 1");
const QString kUserPw = QStringLiteral("investigator passphrase 2");

/** A store with an administrator and one user of the given role, MFA not required unless asked. */
struct Fixture
{
    test::TempDir dir;
    test::FakeClock clock;
    QString path = dir.path(QStringLiteral("s.alpr"));

    explicit Fixture(Role role = Role::Detective, bool requireMfa = false, QDate trained = QDate(2026, 5, 1))
    {
        UserRecord admin;
        admin.name = QStringLiteral("admin");
        admin.role = Role::Admin;
        auto vault = Vault::create(path, admin, kAdminPw, clock, kMinimumPbkdf2Iterations);
        REQUIRE(vault);
        UserRecord u;
        u.name = QStringLiteral("user");
        u.role = role;
        u.agency = QStringLiteral("West Covina PD");
        u.trainedOn = trained;
        u.refresherDue = trained.isValid() ? trained.addYears(1) : QDate();
        u.cletsAuthorised = true;
        REQUIRE(vault.value()->addUser(u, kUserPw));
        PasswordRules rules;
        rules.requireMfa = requireMfa;
        auto settings = PasswordPolicy(rules).toSettings();
        if (!requireMfa) // only demonstration stores may go without MFA
            settings.insert(QStringLiteral("store.kind"), QStringLiteral("demo"));
        for (auto it = settings.begin(); it != settings.end(); ++it)
            REQUIRE(vault.value()->store().setSetting(it.key(), it.value()));
    }

    Credentials creds(const QString& user = QStringLiteral("user"), const QString& pw = kUserPw) const
    {
        return {path, user, pw, QString(), true};
    }

    std::unique_ptr<Session> signIn(const QString& user = QStringLiteral("user"), const QString& pw = kUserPw)
    {
        auto s = Authenticator(clock).signIn(creds(user, pw), QStringLiteral("test"));
        INFO((s ? QString() : s.error().message).toStdString());
        REQUIRE(s);
        return std::move(s.value());
    }
};

QList<AuditRow> auditRows(Session& s)
{
    QList<AuditRow> rows;
    REQUIRE(s.store().forEachAudit([&](const AuditRow& r) {
        rows.append(r);
        return true;
    }));
    return rows;
}

} // namespace

TEST_CASE("no sign-in without the acknowledged banner")
{
    Fixture f;
    Credentials c = f.creds();
    c.bannerAcknowledged = false;
    auto s = Authenticator(f.clock).signIn(c, QStringLiteral("test"));
    REQUIRE_FALSE(s);
    CHECK(s.error().kind == ErrorKind::Policy);
    CHECK(Authenticator::bannerText().contains(QStringLiteral("monitored")));
}

TEST_CASE("five failures within 15 minutes lock the account until an administrator unlocks it")
{
    Fixture f;
    Authenticator auth(f.clock);
    // Four failures spread so that the first falls out of the window before the fifth: no lock.
    for (int i = 0; i < 4; ++i) {
        CHECK_FALSE(auth.signIn(f.creds(QStringLiteral("user"), QStringLiteral("wrong passphrase xx")), {}));
        f.clock.advance(4 * 60 * 1000);
    }
    f.clock.advance(60 * 1000); // the first failure is now 17 minutes old
    CHECK_FALSE(auth.signIn(f.creds(QStringLiteral("user"), QStringLiteral("wrong passphrase xx")), {}));
    CHECK(f.signIn()); // not locked: only 4 failures inside any 15-minute window

    for (int i = 0; i < 5; ++i) {
        auto r = auth.signIn(f.creds(QStringLiteral("user"), QStringLiteral("wrong passphrase xx")), {});
        REQUIRE_FALSE(r);
        CHECK(r.error().kind == ErrorKind::Auth);
        f.clock.advance(1000);
    }
    // Locked: the correct password does not get past it, even much later.
    f.clock.advance(24 * 60 * 60 * 1000);
    auto locked = auth.signIn(f.creds(), {});
    REQUIRE_FALSE(locked);
    CHECK(locked.error().kind == ErrorKind::Auth);
    CHECK(locked.error().message.contains(QStringLiteral("locked")));

    // The administrator sees the lock and lifts it.
    {
        auto admin = f.signIn(QStringLiteral("admin"), kAdminPw);
        CHECK(Authenticator::lockedAccounts(*admin) == QStringList{QStringLiteral("user")});
        REQUIRE(Authenticator::unlockAccount(*admin, QStringLiteral("user")));
        // The failures made while the store was shut were written to the audit log at this sign-in.
        int failures = 0;
        bool lockRow = false;
        for (const AuditRow& r : auditRows(*admin)) {
            if (r.event == QLatin1String("login") && r.outcome == QLatin1String("failure") && r.username == QLatin1String("user"))
                ++failures;
            lockRow |= r.event == QLatin1String("account.lock");
        }
        CHECK(failures == 10);
        CHECK(lockRow);
    }
    auto ok = f.signIn();
    CHECK(ok->user().name == QStringLiteral("user"));
}

TEST_CASE("an account unused for 90 days is disabled at its next sign-in")
{
    Fixture f;
    { auto s = f.signIn(); }
    f.clock.advance(Session::kInactiveDisableMs - 60 * 1000);
    { auto s = f.signIn(); } // 89 days and change: fine, and it resets the clock
    f.clock.advance(Session::kInactiveDisableMs + 60 * 1000);
    auto r = Authenticator(f.clock).signIn(f.creds(), {});
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::Auth);
    CHECK(r.error().message.contains(QStringLiteral("90 days")));
    // (The administrator, idle just as long, would be disabled too: look at the record through the vault.)
    auto vault = Vault::unlock(f.path, QStringLiteral("admin"), kAdminPw, f.clock);
    REQUIRE(vault);
    CHECK(vault.value()->store().user(QStringLiteral("user"))->disabled);
}

TEST_CASE("TOTP: required when enrolled, enrolment demanded when the policy requires MFA")
{
    Fixture f(Role::Detective, /*requireMfa*/ true);
    QByteArray secret = Totp::newSecret();
    {
        auto s = f.signIn();
        CHECK(s->mustEnrolMfa());
        // Nothing but enrolment is possible until then.
        REQUIRE(s->openCase(QStringLiteral("26-000123"), ActiveCase::categories().first(), QStringLiteral("burglary")));
        CHECK(s->authorise(Permission::Search, QStringLiteral("search")).error().kind == ErrorKind::Policy);
        const QString wrongCode = Totp::code(secret, f.clock.nowMs()) == QLatin1String("000000")
            ? QStringLiteral("111111")
            : QStringLiteral("000000");
        CHECK_FALSE(s->enrolMfa(secret, wrongCode));
        REQUIRE(s->enrolMfa(secret, Totp::code(secret, f.clock.nowMs())));
        CHECK_FALSE(s->mustEnrolMfa());
        CHECK(s->authorise(Permission::Search, QStringLiteral("search")));
    }
    f.clock.advance(120 * 1000);
    Authenticator auth(f.clock);
    CHECK_FALSE(auth.signIn(f.creds(), {})); // no code
    Credentials wrong = f.creds();
    wrong.otp = Totp::code(secret, f.clock.nowMs() - 5 * 60 * 1000); // an old code
    CHECK_FALSE(auth.signIn(wrong, {}));
    Credentials right = f.creds();
    right.otp = Totp::code(secret, f.clock.nowMs());
    auto s = auth.signIn(right, {});
    REQUIRE(s);
    CHECK_FALSE(s.value()->mustEnrolMfa());
}

TEST_CASE("every role x permission pair follows the table")
{
    struct Expect
    {
        Role role;
        Permission permission;
        bool allowed;
    };
    // The README's role table, written out independently of Permissions.cpp.
    const auto row = GENERATE(
        Expect{Role::Detective, Permission::Search, true}, Expect{Role::Clerk, Permission::Search, true},
        Expect{Role::Supervisor, Permission::Search, true}, Expect{Role::Admin, Permission::Search, false},
        Expect{Role::Detective, Permission::Canvass, true}, Expect{Role::Clerk, Permission::Canvass, false},
        Expect{Role::Supervisor, Permission::Canvass, true}, Expect{Role::Admin, Permission::Canvass, false},
        Expect{Role::Detective, Permission::ViewImages, true}, Expect{Role::Clerk, Permission::ViewImages, true},
        Expect{Role::Supervisor, Permission::ViewImages, true}, Expect{Role::Admin, Permission::ViewImages, false},
        Expect{Role::Detective, Permission::ExportShare, true}, Expect{Role::Clerk, Permission::ExportShare, true},
        Expect{Role::Supervisor, Permission::ExportShare, true}, Expect{Role::Admin, Permission::ExportShare, false},
        Expect{Role::Detective, Permission::ReviewHits, true}, Expect{Role::Clerk, Permission::ReviewHits, false},
        Expect{Role::Supervisor, Permission::ReviewHits, true}, Expect{Role::Admin, Permission::ReviewHits, false},
        Expect{Role::Detective, Permission::VerifyInClets, true}, Expect{Role::Clerk, Permission::VerifyInClets, false},
        Expect{Role::Supervisor, Permission::VerifyInClets, true},
        Expect{Role::Admin, Permission::VerifyInClets, false},
        Expect{Role::Detective, Permission::CorrectMisreads, false},
        Expect{Role::Clerk, Permission::CorrectMisreads, false},
        Expect{Role::Supervisor, Permission::CorrectMisreads, true},
        Expect{Role::Admin, Permission::CorrectMisreads, false},
        Expect{Role::Detective, Permission::ReviewAudit, false}, Expect{Role::Clerk, Permission::ReviewAudit, false},
        Expect{Role::Supervisor, Permission::ReviewAudit, true}, Expect{Role::Admin, Permission::ReviewAudit, true},
        Expect{Role::Detective, Permission::ManageUsers, false}, Expect{Role::Clerk, Permission::ManageUsers, false},
        Expect{Role::Supervisor, Permission::ManageUsers, false}, Expect{Role::Admin, Permission::ManageUsers, true},
        Expect{Role::Detective, Permission::SetRetention, false}, Expect{Role::Clerk, Permission::SetRetention, false},
        Expect{Role::Supervisor, Permission::SetRetention, false}, Expect{Role::Admin, Permission::SetRetention, true},
        Expect{Role::Detective, Permission::ImportData, false}, Expect{Role::Clerk, Permission::ImportData, true},
        Expect{Role::Supervisor, Permission::ImportData, true}, Expect{Role::Admin, Permission::ImportData, false});
    CAPTURE(roleName(row.role).toStdString(), Permissions::label(row.permission).toStdString());
    CHECK(Permissions::allows(row.role, row.permission) == row.allowed);
}

TEST_CASE("the services' gate: role, training, CLETS flag and case, each refusal audited")
{
    SECTION("a clerk may search but not canvass")
    {
        Fixture f(Role::Clerk);
        auto s = f.signIn();
        REQUIRE(s->openCase(QStringLiteral("26-000001"), ActiveCase::categories().at(4), QStringLiteral("PRA request")));
        CHECK(s->authorise(Permission::Search, QStringLiteral("search")));
        auto r = s->authorise(Permission::Canvass, QStringLiteral("canvass"));
        REQUIRE_FALSE(r);
        CHECK(r.error().kind == ErrorKind::Policy);
        CHECK(auditRows(*s).last().event == QStringLiteral("access.denied"));
    }
    SECTION("no training on record: no data access")
    {
        Fixture f(Role::Detective, false, QDate());
        auto s = f.signIn();
        REQUIRE(s->openCase(QStringLiteral("26-000001"), ActiveCase::categories().first(), QStringLiteral("robbery")));
        auto r = s->authorise(Permission::Search, QStringLiteral("search"));
        REQUIRE_FALSE(r);
        CHECK(r.error().message.contains(QStringLiteral("training")));
    }
    SECTION("an overdue refresher: no data access")
    {
        Fixture f(Role::Detective, false, QDate(2024, 1, 1));
        auto s = f.signIn();
        REQUIRE(s->openCase(QStringLiteral("26-000001"), ActiveCase::categories().first(), QStringLiteral("robbery")));
        CHECK_FALSE(s->authorise(Permission::Search, QStringLiteral("search")));
    }
    SECTION("no case: every data permission is refused")
    {
        Fixture f(Role::Supervisor);
        auto s = f.signIn();
        for (Permission p : Permissions::all()) {
            if (!Permissions::isDataAccess(p))
                continue;
            auto r = s->authorise(p, QStringLiteral("x"));
            REQUIRE_FALSE(r);
            CHECK(r.error().kind == ErrorKind::Policy);
            CHECK(r.error().message.contains(QStringLiteral("case")));
        }
        // Audit review needs no case.
        CHECK(s->authorise(Permission::ReviewAudit, QStringLiteral("audit")));
    }
    SECTION("case numbers must have the administrator's format; switching is audited")
    {
        Fixture f;
        auto s = f.signIn();
        CHECK_FALSE(s->openCase(QStringLiteral("12345"), ActiveCase::categories().first(), QStringLiteral("robbery")));
        CHECK_FALSE(s->openCase(QStringLiteral("26-000001"), ActiveCase::categories().first(), QStringLiteral("")));
        CHECK_FALSE(s->openCase(QStringLiteral("26-000001"), QStringLiteral("curiosity"), QStringLiteral("robbery")));
        REQUIRE(s->openCase(QStringLiteral("26-000001"), ActiveCase::categories().first(), QStringLiteral("robbery")));
        REQUIRE(s->openCase(QStringLiteral("26-000002"), ActiveCase::categories().first(), QStringLiteral("arson")));
        CHECK(s->activeCase()->title() == QStringLiteral("case 26-000002 (arson)"));
        const AuditRow last = auditRows(*s).last();
        CHECK(last.event == QStringLiteral("case.switch"));
        CHECK(last.detail.contains(QStringLiteral("26-000001")));
        REQUIRE(s->store().setSetting(QStringLiteral("case_number_pattern"), QStringLiteral("^WC[0-9]{4}$")));
        CHECK(s->openCase(QStringLiteral("WC1234"), ActiveCase::categories().first(), QStringLiteral("arson")));
    }
}

TEST_CASE("an access record holds every field the law asks for")
{
    Fixture f;
    auto s = f.signIn();
    REQUIRE(s->openCase(QStringLiteral("26-004321"), ActiveCase::categories().first(), QStringLiteral("hit and run")));
    REQUIRE(s->authorise(Permission::Search, QStringLiteral("search")));
    const QJsonObject elements{{QStringLiteral("plate_pattern"), QStringLiteral("7?B*2")},
                               {QStringLiteral("from"), QStringLiteral("2026-03-01T14:00:00Z")}};
    f.clock.advance(1234);
    REQUIRE(s->recordAccess(Permission::Search, elements, 17));
    auto log = s->store().accessLog(QString(), 10);
    REQUIRE(log);
    REQUIRE(log->size() == 1);
    const AccessRecord& r = log->first();
    CHECK(r.timeMs == f.clock.nowMs()); // to the millisecond
    CHECK(r.username == QStringLiteral("user"));
    CHECK(r.agency == QStringLiteral("West Covina PD"));
    CHECK(r.caseNumber == QStringLiteral("26-004321"));
    CHECK(r.purpose.contains(QStringLiteral("hit and run")));
    CHECK(QJsonDocument::fromJson(r.elements.toUtf8()).object() == elements);
    CHECK(r.resultCount == 17);
    CHECK(s->store().accessLog(QStringLiteral("7?B*2"), 10)->size() == 1);
    CHECK(s->store().accessLog(QStringLiteral("8XYZ"), 10)->isEmpty());
}

TEST_CASE("idle lock, manual lock and the 12-hour re-authentication")
{
    Fixture f;
    auto s = f.signIn();
    REQUIRE(s->openCase(QStringLiteral("26-000001"), ActiveCase::categories().first(), QStringLiteral("robbery")));
    CHECK(s->idleLimitMs() == Session::kDefaultIdleMs);

    f.clock.advance(Session::kDefaultIdleMs - 1000);
    CHECK_FALSE(s->checkTimers());
    s->noteActivity();
    f.clock.advance(Session::kDefaultIdleMs - 1000);
    CHECK_FALSE(s->checkTimers());
    f.clock.advance(2000);
    CHECK(s->checkTimers());
    CHECK(s->isLocked());
    CHECK(s->msUntilLock() == 0);
    CHECK_FALSE(s->authorise(Permission::Search, QStringLiteral("search")));

    CHECK_FALSE(s->unlock(QStringLiteral("wrong passphrase here"), {}));
    CHECK(s->isLocked());
    REQUIRE(s->unlock(kUserPw, {}));
    CHECK_FALSE(s->isLocked());
    CHECK(s->authorise(Permission::Search, QStringLiteral("search")));

    // Staying busy does not avoid re-authenticating every 12 hours.
    for (int i = 0; i < 12 * 6; ++i) {
        f.clock.advance(10 * 60 * 1000);
        s->noteActivity();
        if (s->checkTimers())
            break;
    }
    CHECK(s->isLocked());
    REQUIRE(s->unlock(kUserPw, {}));

    s->lock(QStringLiteral("manual"));
    CHECK(s->isLocked());
    bool sawLock = false;
    for (const AuditRow& r : auditRows(*s))
        sawLock |= r.event == QLatin1String("lock") && r.detail.contains(QStringLiteral("manual"));
    CHECK(sawLock);

    // The administrator's idle limit is honoured but never above 30 minutes.
    REQUIRE(s->store().setSetting(QStringLiteral("idle_lock_minutes"), QStringLiteral("90")));
    auto again = f.signIn();
    CHECK(again->idleLimitMs() == Session::kMaxIdleMs);
}

TEST_CASE("a password past its yearly change date must be changed before anything else")
{
    Fixture f;
    // Regular use (a sign-in every 60 days) keeps the account active while the password ages.
    for (int i = 0; i < 6; ++i) {
        f.clock.advance(qint64(60) * 24 * 60 * 60 * 1000);
        auto s = f.signIn();
        CHECK_FALSE(s->mustChangePassword());
    }
    f.clock.advance(qint64(10) * 24 * 60 * 60 * 1000); // 370 days since it was set
    auto s = f.signIn();
    CHECK(s->mustChangePassword());
    REQUIRE(s->openCase(QStringLiteral("26-000001"), ActiveCase::categories().first(), QStringLiteral("robbery")));
    CHECK_FALSE(s->authorise(Permission::Search, QStringLiteral("search")));
    CHECK_FALSE(s->changePassword(QStringLiteral("short")));
    CHECK_FALSE(s->changePassword(kUserPw)); // the same one again
    REQUIRE(s->changePassword(QStringLiteral("a fresh investigator passphrase")));
    // The yearly training refresher is due too by now; with both duties met, data access is back.
    CHECK_FALSE(s->authorise(Permission::Search, QStringLiteral("search")));
    CHECK(s->user().passwordChangedMs == f.clock.nowMs());
    UserRecord refreshed = s->store().user(QStringLiteral("user")).value();
    refreshed.trainedOn = QDateTime::fromMSecsSinceEpoch(f.clock.nowMs()).date();
    refreshed.refresherDue = refreshed.trainedOn.addYears(1);
    REQUIRE(s->store().updateUser(refreshed));
    auto again = f.signIn(QStringLiteral("user"), QStringLiteral("a fresh investigator passphrase"));
    CHECK_FALSE(again->mustChangePassword());
    REQUIRE(again->openCase(QStringLiteral("26-000001"), ActiveCase::categories().first(), QStringLiteral("robbery")));
    CHECK(again->authorise(Permission::Search, QStringLiteral("search")));
}

TEST_CASE("every audit row written during these flows chains and verifies")
{
    Fixture f;
    CHECK_FALSE(Authenticator(f.clock).signIn(f.creds(QStringLiteral("user"), QStringLiteral("wrong passphrase xx")), {}));
    auto s = f.signIn();
    REQUIRE(s->openCase(QStringLiteral("26-000001"), ActiveCase::categories().first(), QStringLiteral("robbery")));
    REQUIRE(s->authorise(Permission::Search, QStringLiteral("search")));
    REQUIRE(s->recordAccess(Permission::Search, {{QStringLiteral("plate"), QStringLiteral("7ABC123")}}, 3));
    s->lock(QStringLiteral("manual"));
    auto v = s->audit().verify();
    REQUIRE(v);
    CHECK(v->ok);
    CHECK(v->rowsChecked >= 5);
}

TEST_CASE("administrators change settings; password rules only tighten; others may not")
{
    Fixture f;
    {
        auto user = f.signIn();
        auto r = user->changeSetting(QStringLiteral("idle_lock_minutes"), QStringLiteral("5"));
        REQUIRE_FALSE(r);
        CHECK(r.error().kind == ErrorKind::Policy);
    }
    auto admin = f.signIn(QStringLiteral("admin"), kAdminPw);
    CHECK_FALSE(admin->changeSetting(QStringLiteral("idle_lock_minutes"), QStringLiteral("45")));
    REQUIRE(admin->changeSetting(QStringLiteral("idle_lock_minutes"), QStringLiteral("5")));
    CHECK(admin->idleLimitMs() == 5 * 60 * 1000);
    CHECK_FALSE(admin->changeSetting(QStringLiteral("case_number_pattern"), QStringLiteral("([0-9")));
    REQUIRE(admin->changeSetting(QStringLiteral("case_number_pattern"), QStringLiteral("^WC-[0-9]{5}$")));
    REQUIRE(admin->changeSetting(QStringLiteral("password.minLength"), QStringLiteral("16")));
    CHECK_FALSE(admin->changeSetting(QStringLiteral("password.minLength"), QStringLiteral("10"))); // looser
    CHECK_FALSE(admin->changeSetting(QStringLiteral("password.maxAgeDays"), QStringLiteral("400")));
    REQUIRE(admin->changeSetting(QStringLiteral("password.maxAgeDays"), QStringLiteral("180")));
    CHECK_FALSE(admin->changeSetting(QStringLiteral("no.such.setting"), QStringLiteral("1")));
    const auto settings = admin->adminSettings();
    CHECK(settings.value(QStringLiteral("password.minLength")) == QStringLiteral("16"));
    CHECK(settings.value(QStringLiteral("case_number_pattern")) == QStringLiteral("^WC-[0-9]{5}$"));

    // A new session of the user sees the new rules.
    auto user = f.signIn();
    CHECK(user->idleLimitMs() == 5 * 60 * 1000);
    CHECK(user->passwordPolicy().rules().minLength == 16);
    CHECK_FALSE(user->openCase(QStringLiteral("26-000001"), ActiveCase::categories().first(), QStringLiteral("x y z")));
    CHECK(user->openCase(QStringLiteral("WC-12345"), ActiveCase::categories().first(), QStringLiteral("x y z")));
    int changes = 0;
    for (const AuditRow& r : auditRows(*user))
        changes += r.event == QLatin1String("setting.change");
    CHECK(changes == 4);
}
