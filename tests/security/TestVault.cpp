// Vault: creating a store with its key file, unlocking by unwrapping a user's slot, users sharing one store,
// disabling a user, and refusing damaged or foreign key files without touching the store.
#include "Clock.h"
#include "Crypto.h"
#include "KeySlotFile.h"
#include "TempDir.h"
#include "Vault.h"

#include <QCryptographicHash>
#include <QFile>

#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

class FixedClock final : public Clock
{
public:
    qint64 nowMs() const override { return 1'780'000'000'000; }
};

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

UserRecord adminRecord()
{
    UserRecord u;
    u.name = QStringLiteral("alice");
    u.role = Role::Admin;
    u.trainedOn = QDate(2026, 1, 1);
    return u;
}

const QString kAlicePw = QStringLiteral("correct horse battery staple");
const QString kBobPw = QStringLiteral("Bob's long passphrase, with spaces");

} // namespace

TEST_CASE("a created store unlocks for each user with a slot, and only for them")
{
    FixedClock clock;
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("s.alpr"));
    {
        auto vault = Vault::create(path, adminRecord(), kAlicePw, clock, kMinimumPbkdf2Iterations);
        INFO((vault ? QString() : vault.error().message).toStdString());
        REQUIRE(vault);
        CHECK(QFile::exists(path + QStringLiteral(".keys")));
        UserRecord bob;
        bob.name = QStringLiteral("bob");
        bob.role = Role::Detective;
        REQUIRE(vault.value()->addUser(bob, kBobPw));
        Read r;
        r.plate = QStringLiteral("7ABC123");
        r.timeMs = 5;
        REQUIRE(vault.value()->store().addReads({r}));
    }

    SECTION("both users' slotFile open the same store")
    {
        auto a = Vault::unlock(path, QStringLiteral("alice"), kAlicePw, clock);
        REQUIRE(a);
        CHECK(a.value()->user().role == Role::Admin);
        CHECK(a.value()->store().stats()->reads == 1);
        a.value().reset();
        auto b = Vault::unlock(path, QStringLiteral("bob"), kBobPw, clock);
        REQUIRE(b);
        CHECK(b.value()->user().name == QStringLiteral("bob"));
        CHECK(b.value()->store().stats()->reads == 1);
    }
    SECTION("a wrong password is refused with an authentication error and the store is untouched")
    {
        const QByteArray before = fileHash(path);
        const QByteArray keysBefore = fileHash(path + QStringLiteral(".keys"));
        auto v = Vault::unlock(path, QStringLiteral("alice"), kBobPw, clock);
        REQUIRE_FALSE(v);
        CHECK(v.error().kind == ErrorKind::Auth);
        auto unknown = Vault::unlock(path, QStringLiteral("mallory"), kBobPw, clock);
        REQUIRE_FALSE(unknown);
        CHECK(unknown.error().kind == ErrorKind::Auth);
        CHECK(unknown.error().message == v.error().message);
        CHECK(fileHash(path) == before);
        CHECK(fileHash(path + QStringLiteral(".keys")) == keysBefore);
    }
    SECTION("a disabled user's password no longer opens the store")
    {
        {
            auto a = Vault::unlock(path, QStringLiteral("alice"), kAlicePw, clock);
            REQUIRE(a);
            REQUIRE(a.value()->disableUser(QStringLiteral("bob")));
            CHECK(a.value()->store().user(QStringLiteral("bob"))->disabled);
            CHECK_FALSE(a.value()->disableUser(QStringLiteral("alice"))); // not yourself
        }
        auto slotFile = KeySlotFile::load(path + QStringLiteral(".keys"));
        REQUIRE(slotFile);
        CHECK_FALSE(slotFile->hasSlot(QStringLiteral("bob")));
        auto b = Vault::unlock(path, QStringLiteral("bob"), kBobPw, clock);
        REQUIRE_FALSE(b);
        CHECK(b.error().kind == ErrorKind::Auth);
        CHECK(Vault::unlock(path, QStringLiteral("alice"), kAlicePw, clock));
    }
    SECTION("a changed password replaces the old one")
    {
        {
            auto a = Vault::unlock(path, QStringLiteral("alice"), kAlicePw, clock);
            REQUIRE(a);
            REQUIRE(a.value()->changePassword(QStringLiteral("bob"), QStringLiteral("a brand new passphrase 42")));
        }
        CHECK_FALSE(Vault::unlock(path, QStringLiteral("bob"), kBobPw, clock));
        CHECK(Vault::unlock(path, QStringLiteral("bob"), QStringLiteral("a brand new passphrase 42"), clock));
    }
    SECTION("a missing key file is named and nothing is created")
    {
        REQUIRE(QFile::rename(path + QStringLiteral(".keys"), path + QStringLiteral(".keys.bak")));
        auto v = Vault::unlock(path, QStringLiteral("alice"), kAlicePw, clock);
        REQUIRE_FALSE(v);
        CHECK(v.error().message.contains(path + QStringLiteral(".keys")));
        CHECK_FALSE(QFile::exists(path + QStringLiteral(".keys")));
    }
    SECTION("a truncated key file is named and the store is untouched")
    {
        const QByteArray before = fileHash(path);
        QFile keys(path + QStringLiteral(".keys"));
        REQUIRE(keys.resize(keys.size() / 2));
        auto v = Vault::unlock(path, QStringLiteral("alice"), kAlicePw, clock);
        REQUIRE_FALSE(v);
        CHECK(v.error().message.contains(path + QStringLiteral(".keys")));
        CHECK(fileHash(path) == before);
    }
    SECTION("a missing store is named even when its key file is there")
    {
        REQUIRE(QFile::rename(path, path + QStringLiteral(".moved")));
        auto v = Vault::unlock(path, QStringLiteral("alice"), kAlicePw, clock);
        REQUIRE_FALSE(v);
        CHECK(v.error().message.contains(path));
        CHECK_FALSE(QFile::exists(path));
    }
    SECTION("another store's key file does not open this store")
    {
        const QString other = dir.path(QStringLiteral("other.alpr"));
        REQUIRE(Vault::create(other, adminRecord(), kAlicePw, clock, kMinimumPbkdf2Iterations));
        QFile::remove(path + QStringLiteral(".keys"));
        REQUIRE(QFile::copy(other + QStringLiteral(".keys"), path + QStringLiteral(".keys")));
        auto v = Vault::unlock(path, QStringLiteral("alice"), kAlicePw, clock);
        REQUIRE_FALSE(v);
        CHECK(v.error().message.contains(path));
    }
}

TEST_CASE("create refuses to overwrite an existing store or key file")
{
    FixedClock clock;
    test::TempDir dir;
    const QString path = dir.path(QStringLiteral("s.alpr"));
    REQUIRE(Vault::create(path, adminRecord(), kAlicePw, clock, kMinimumPbkdf2Iterations));
    const QByteArray before = fileHash(path);
    auto again = Vault::create(path, adminRecord(), kBobPw, clock, kMinimumPbkdf2Iterations);
    REQUIRE_FALSE(again);
    CHECK(again.error().message.contains(path));
    CHECK(fileHash(path) == before);
    CHECK(Vault::unlock(path, QStringLiteral("alice"), kAlicePw, clock));

    UserRecord notAdmin = adminRecord();
    notAdmin.role = Role::Clerk;
    CHECK_FALSE(Vault::create(dir.path(QStringLiteral("t.alpr")), notAdmin, kAlicePw, clock));
    CHECK_FALSE(QFile::exists(dir.path(QStringLiteral("t.alpr"))));
}
