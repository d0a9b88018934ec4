// The password policy: every rejection reason with its message, passwords and passphrases that must pass, code-point
// counting, no truncation, one-way tightening, expiry and settings. Uses the real cracklib dictionary, which the
// installer provides (cracklib-runtime).
#include "PasswordPolicy.h"

#include <QStringList>
#include <atomic>
#include <catch2/catch_test_macros.hpp>
#include <thread>
#include <vector>

using namespace alpr;

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

QString rejection(const PasswordPolicy& policy, const QString& password, const QString& user = QStringLiteral("jdoe"))
{
    const Status status = policy.check(password, user);
    if (status.ok())
        return {};
    // Every rejection is a usage error: the user typed something the policy does not accept.
    CHECK(status.error().kind == ErrorKind::Usage);
    CHECK_FALSE(status.error().message.isEmpty());
    return status.error().message;
}

void requireAccepted(const PasswordPolicy& policy, const QString& password,
                     const QString& user = QStringLiteral("jdoe"))
{
    const Status status = policy.check(password, user);
    INFO("password: " << password.toStdString());
    INFO("rejected: " << status.error().message.toStdString());
    REQUIRE(status.ok());
}

void requireRejected(const PasswordPolicy& policy, const QString& password, const QString& expectedPart,
                     const QString& user = QStringLiteral("jdoe"))
{
    const QString message = rejection(policy, password, user);
    INFO("password: " << password.toStdString());
    INFO("message: " << message.toStdString());
    REQUIRE_FALSE(message.isEmpty());
    CHECK(message.contains(expectedPart));
}

qsizetype codePoints(const QString& text)
{
    return text.toUcs4().size();
}

} // namespace

TEST_CASE("the banned list resource is linked in and the cracklib dictionary is installed")
{
    // Both are packaging facts the policy depends on: the list comes from alpr_resources, the dictionary from
    // cracklib-runtime (installer). If either fails here, check() silently loses a layer of protection.
    CHECK(PasswordPolicy::bannedListSize() > 300);
    INFO("cracklib dictionary: " << PasswordPolicy::dictionaryPath().toStdString());
    REQUIRE(PasswordPolicy::dictionaryAvailable());
}

TEST_CASE("good passwords and passphrases pass")
{
    const PasswordPolicy policy;
    requireAccepted(policy, QStringLiteral("x9#Kq2!vLm4Z")); // 12 random-looking characters
    requireAccepted(policy, QStringLiteral("correct horse battery staple"));

    const QString unicode = QStringLiteral("Grüße aus Köln, señor! 🚓 día 7");
    CHECK(codePoints(unicode) == 30);
    requireAccepted(policy, unicode);
    requireAccepted(policy, QStringLiteral("гроза над Ковиной, ночь"));
    // Symbols of every kind are allowed, the password is not reshaped.
    requireAccepted(policy, QStringLiteral(" ~`!@#$%^&*()_+-={}[]|\\:;\"'<>,.?/ "));
}

TEST_CASE("too short: counts Unicode code points and says how many are needed")
{
    PasswordPolicy policy;
    const QString message = rejection(policy, QStringLiteral("x9#Kq2!vLm"));
    CHECK(message.contains(QStringLiteral("too short")));
    CHECK(message.contains(QStringLiteral("10 characters")));
    CHECK(message.contains(QStringLiteral("at least 12")));
    CHECK(rejection(policy, QString()).contains(QStringLiteral("too short")));

    // 12 ASCII characters and one emoji: 13 code points but 14 UTF-16 units.
    const QString withEmoji = QStringLiteral("x9#Kq2!vLm4Z🚔");
    REQUIRE(withEmoji.size() == 14);
    REQUIRE(policy.tighten({ 13, 365, true }).ok());
    requireAccepted(policy, withEmoji);
    REQUIRE(policy.tighten({ 14, 365, true }).ok());
    requireRejected(policy, withEmoji, QStringLiteral("it has 13 characters, at least 14 are needed"));

    // e + combining acute is one character after NFC, as the KDF sees it.
    const PasswordPolicy defaults;
    const QString combining = QStringLiteral("x9#Kq2!vLm4") + QChar(u'e') + QChar(0x0301); // 13 units, 12 after NFC
    requireAccepted(defaults, combining);
    requireRejected(defaults, QStringLiteral("x9#Kq2!vLm") + QChar(u'e') + QChar(0x0301), QStringLiteral("11 "));
}

TEST_CASE("contains the user name, its reverse, or a distinctive part of it")
{
    const PasswordPolicy policy;
    const QString why = QStringLiteral("user name");
    requireRejected(policy, QStringLiteral("Xk9jsmith#Q2v"), why, QStringLiteral("jsmith"));
    requireRejected(policy, QStringLiteral("Xk9JSMITH#Q2v"), why, QStringLiteral("jsmith"));
    requireRejected(policy, QStringLiteral("Q8!htimsj#vK2p"), why, QStringLiteral("jsmith"));
    requireRejected(policy, QStringLiteral("Q8!Smith#vK2pz"), why, QStringLiteral("j.smith"));
    requireRejected(policy, QStringLiteral("the long ride home with jdoe at dawn"), why, QStringLiteral("jdoe"));
    // Short parts and unrelated names do not trigger it.
    requireAccepted(policy, QStringLiteral("x9#Kq2!vLm4Z"), QStringLiteral("j.lm"));
    requireAccepted(policy, QStringLiteral("x9#Kq2!vLm4Z"), QString());
}

TEST_CASE("on the banned list, also with case changed and digits or symbols at the ends")
{
    const PasswordPolicy policy;
    const QString why = QStringLiteral("list of common");
    for (const char* password :
         { "Password2024!", "password1234", "PASSWORD1234", "P@ssw0rd2024!", "!!Password!!", "WestCovina2024",
           "West Covina 2024!", "police123456", "Police1234!!", "alprworkstation", "ALPR Workstation 1", "Welcome2024!",
           "qwertyuiop123", "Thin Blue Line 2024", "123456789012" }) {
        requireRejected(policy, QString::fromUtf8(password), why);
    }
}

TEST_CASE("too few different characters, however long")
{
    const PasswordPolicy policy;
    requireRejected(policy, QStringLiteral("abababababab"), QStringLiteral("only 2 different characters"));
    requireRejected(policy, QString(30, QChar(u'z')), QStringLiteral("only 1 different"));
    requireRejected(policy, QStringLiteral("🚓").repeated(24), QStringLiteral("only 1 different"));
    requireRejected(policy, QStringLiteral("AbCdaBcDAbCd"), QStringLiteral("only 4 different")); // case folded
}

TEST_CASE("cracklib's verdict is shown for short passwords built on dictionary words")
{
    REQUIRE(PasswordPolicy::dictionaryAvailable());
    const PasswordPolicy policy;
    for (const char* password : { "Butterflies!", "elephants123", "nightingale1" }) {
        const QString message = rejection(policy, QString::fromUtf8(password));
        INFO(password << ": " << message.toStdString());
        CHECK(message.contains(QStringLiteral("it is based on a dictionary word")));
    }
    requireRejected(policy, QStringLiteral("1234567890ab"), QStringLiteral("too simplistic/systematic"));
    // The same words in a passphrase of 20+ characters are fine: length replaces composition rules.
    requireAccepted(policy, QStringLiteral("butterflies elephants nightingale"));
}

TEST_CASE("never truncated: what comes after the 72nd character still counts")
{
    const PasswordPolicy policy;
    // 79 characters from only four letters are refused; the 80th character makes a fifth.
    const QString four = QStringLiteral("abcd").repeated(20).left(79);
    requireRejected(policy, four, QStringLiteral("only 4 different"));
    requireAccepted(policy, four + QChar(u'e'));
    // A user name far beyond bcrypt's 72 bytes is still found.
    const QString longPrefix = QStringLiteral("abcdefghij").repeated(8);
    requireRejected(policy, longPrefix + QStringLiteral("jsmith"), QStringLiteral("user name"),
                    QStringLiteral("jsmith"));
}

TEST_CASE("control characters are refused with their position (NUL would cut the password in C code)")
{
    const PasswordPolicy policy;
    requireRejected(policy, QStringLiteral("x9#Kq2!vLm4Z\n"), QStringLiteral("position 13"));
    requireRejected(policy, QStringLiteral("x9#Kq2") + QChar(0) + QStringLiteral("!vLm4Zq"),
                    QStringLiteral("position 7"));
    requireRejected(policy, QStringLiteral("x9#Kq2\t!vLm4Z"), QStringLiteral("control character"));
}

TEST_CASE("an administrator may only tighten the rules")
{
    PasswordPolicy policy;
    const PasswordRules defaults;
    CHECK(policy.rules() == defaults);
    CHECK(defaults.minLength == 12);
    CHECK(defaults.maxAgeDays == 365);
    CHECK(defaults.requireMfa);

    const auto refused = [&](PasswordRules proposed, const char* field) {
        const PasswordRules before = policy.rules();
        const Status status = policy.tighten(proposed);
        INFO(field);
        REQUIRE_FALSE(status.ok());
        CHECK(status.error().kind == ErrorKind::Policy);
        INFO(status.error().message.toStdString());
        CHECK(status.error().message.contains(QString::fromUtf8(field)));
        CHECK(policy.rules() == before);
    };
    refused({ 7, 365, true }, "password.minLength"); // below the CJIS floor
    refused({ 11, 365, true }, "password.minLength"); // above the floor but below the current 12
    refused({ 65, 365, true }, "password.minLength");
    refused({ 12, 400, true }, "password.maxAgeDays");
    refused({ 12, 0, true }, "password.maxAgeDays");
    refused({ 12, 365, false }, "mfa.required");

    REQUIRE(policy.tighten({ 12, 365, true }).ok()); // unchanged is fine
    REQUIRE(policy.tighten({ 14, 90, true }).ok());
    CHECK(policy.rules() == PasswordRules { 14, 90, true });
    refused({ 13, 90, true }, "password.minLength"); // no way back
    refused({ 14, 120, true }, "password.maxAgeDays");
    REQUIRE(policy.tighten({ 16, 30, true }).ok());

    // A policy built without MFA (tests, demo) may switch it on.
    PasswordPolicy noMfa(PasswordRules { 12, 365, false });
    REQUIRE(noMfa.tighten({ 12, 365, true }).ok());
    CHECK(noMfa.rules().requireMfa);
}

TEST_CASE("a password expires after maxAgeDays, or when its age is unknown")
{
    PasswordPolicy policy;
    const qint64 changed = 1700000000000;
    CHECK_FALSE(policy.expired(changed, changed));
    CHECK_FALSE(policy.expired(changed, changed + 365 * kDayMs - 1));
    CHECK(policy.expired(changed, changed + 365 * kDayMs));
    CHECK(policy.expired(0, changed));
    REQUIRE(policy.tighten({ 12, 90, true }).ok());
    CHECK(policy.expired(changed, changed + 100 * kDayMs));
}

TEST_CASE("rules survive a round trip through the store's settings; hand-edited loose values are refused")
{
    PasswordPolicy policy;
    REQUIRE(policy.tighten({ 15, 180, true }).ok());
    const QMap<QString, QString> settings = policy.toSettings();
    CHECK(settings.value(QStringLiteral("password.minLength")) == QStringLiteral("15"));
    CHECK(settings.value(QStringLiteral("password.maxAgeDays")) == QStringLiteral("180"));
    CHECK(settings.value(QStringLiteral("mfa.required")) == QStringLiteral("true"));
    const Result<PasswordRules> back = PasswordPolicy::fromSettings(settings);
    REQUIRE(back.ok());
    CHECK(back.value() == policy.rules());

    const Result<PasswordRules> empty = PasswordPolicy::fromSettings({});
    REQUIRE(empty.ok());
    CHECK(empty.value() == PasswordRules {});

    const auto failsWith = [](QMap<QString, QString> values, ErrorKind kind, const char* part) {
        const Result<PasswordRules> result = PasswordPolicy::fromSettings(values);
        REQUIRE_FALSE(result.ok());
        INFO(result.error().message.toStdString());
        CHECK(result.error().kind == kind);
        CHECK(result.error().message.contains(QString::fromUtf8(part)));
    };
    failsWith({ { QStringLiteral("password.minLength"), QStringLiteral("twelve") } }, ErrorKind::BadInput,
              "password.minLength");
    failsWith({ { QStringLiteral("password.minLength"), QStringLiteral("7") } }, ErrorKind::Policy,
              "password.minLength");
    failsWith({ { QStringLiteral("password.maxAgeDays"), QStringLiteral("400") } }, ErrorKind::Policy,
              "password.maxAgeDays");
    failsWith({ { QStringLiteral("mfa.required"), QStringLiteral("false") } }, ErrorKind::Policy, "mfa.required");
    failsWith({ { QStringLiteral("mfa.required"), QStringLiteral("maybe") } }, ErrorKind::BadInput, "mfa.required");
}

TEST_CASE("check() gives the same answers from several threads at once (cracklib is serialised)")
{
    const PasswordPolicy policy;
    const QStringList passwords
        = { QStringLiteral("x9#Kq2!vLm4Z"), QStringLiteral("Butterflies!"), QStringLiteral("elephants123"),
            QStringLiteral("Q7&rT2#pWz9k"), QStringLiteral("1234567890ab"), QStringLiteral("nightingale1") };
    std::vector<bool> expected;
    for (const QString& password : passwords)
        expected.push_back(policy.check(password, QStringLiteral("jdoe")).ok());
    REQUIRE(expected == std::vector<bool> { true, false, false, true, false, false });

    std::atomic<int> mismatches { 0 };
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int round = 0; round < 10; ++round) {
                for (size_t i = 0; i < size_t(passwords.size()); ++i) {
                    if (policy.check(passwords.at(qsizetype(i)), QStringLiteral("jdoe")).ok() != expected[i])
                        ++mismatches;
                }
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    CHECK(mismatches == 0);
}
