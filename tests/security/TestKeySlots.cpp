// Key slots and the crypto under them, with real OpenSSL and real files. Each PBKDF2 derivation at the minimum
// 600,000 iterations costs ~0.35 s here, so most slot tests start from one stored key file and each test spends
// only the derivations its point needs (22 in all).
#include "Crypto.h"
#include "KeySlotFile.h"
#include "TempDir.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch_test_macros.hpp>
#include <catch2/catch_tostring.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <csignal>
#include <functional>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

// Byte strings print as hex in failure messages.
template<> struct Catch::StringMaker<QByteArray>
{
    static std::string convert(const QByteArray& bytes) { return "hex:" + bytes.toHex().toStdString(); }
};

using namespace alpr;
using alpr::test::TempDir;

namespace {

const QString kStoreId = QStringLiteral("5b0c2f4e-8d7a-4f63-9a51-2e7d4c9b1f08");
const QString kOtherStoreId = QStringLiteral("c4a1e9d2-3b6f-4e08-b7c5-91f2a0d63e47");
const QString kAlice = QStringLiteral("alice");
const QString kBob = QStringLiteral("bob");
const QString kAlicePassword = QStringLiteral("correct horse battery staple");
const QString kBobPassword = QStringLiteral("Tr0ub4dor&3");
const QString kWrongCredentials = QStringLiteral("Wrong user name or password.");

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(QByteArray(text));
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

void writeAll(const QString& path, const QByteArray& data)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(file.write(data) == data.size());
}

/**
 * A key file written by this code (alice and bob, both wrapping kGoldenDataKey at 600,000 iterations). Kept as text so
 * the tests need no derivation to make it, and so a change to the format or to the associated data that would lock
 * existing users out of their stores fails here.
 */
const char kGoldenKeyFile[] = R"json({
    "format": "alpr-workstation-keyslots",
    "slots": [
        {
            "iterations": 600000,
            "kdf": "pbkdf2-hmac-sha512",
            "nonce": "WyebY+lPhM4girXA",
            "salt": "s6sSFK5l+o4+mkeccMldMg==",
            "tag": "+b4Lo5apXeZ9VCA3BFeTOQ==",
            "user": "alice",
            "wrapped_key": "Q3Cm7e03VtCyTbKuFV7Ny3sYi9jgx434qeELQrD/6yc="
        },
        {
            "iterations": 600000,
            "kdf": "pbkdf2-hmac-sha512",
            "nonce": "K4kN9iwvWGp6mCbf",
            "salt": "GnwmyyW0OWm+UmK+y8lbrg==",
            "tag": "HMzR1ttrMQQC1gnJRJ/vMQ==",
            "user": "bob",
            "wrapped_key": "+9auhLGvJdHuModQcL2V3+QKqzpE0LjEG+V8TkQm0c0="
        }
    ],
    "store_id": "5b0c2f4e-8d7a-4f63-9a51-2e7d4c9b1f08",
    "version": 1
}
)json";
const char kGoldenDataKey[] = "7bfa423566ec9b7d5b7e219af42a60bcc099857bc0ae1c5e24e095e44c0e059a";

struct SharedSlots
{
    QByteArray dataKey;
    QByteArray json;
};

const SharedSlots& sharedSlots()
{
    static const SharedSlots shared { QByteArray::fromHex(kGoldenDataKey), QByteArray(kGoldenKeyFile) };
    return shared;
}

/** The shared key file's JSON after edit(root), written to path. */
void writeEdited(const QString& path, const std::function<void(QJsonObject&)>& edit)
{
    QJsonObject root = QJsonDocument::fromJson(sharedSlots().json).object();
    edit(root);
    writeAll(path, QJsonDocument(root).toJson());
}

/** Applies edit to the JSON object of slot index in root. */
void editSlot(QJsonObject& root, int index, const std::function<void(QJsonObject&)>& edit)
{
    QJsonArray slotList = root.value(QStringLiteral("slots")).toArray();
    QJsonObject slot = slotList.at(index).toObject();
    edit(slot);
    slotList.replace(index, slot);
    root.insert(QStringLiteral("slots"), slotList);
}

void flipFirstBit(QJsonObject& slot, const QString& field)
{
    QByteArray raw = QByteArray::fromBase64(slot.value(field).toString().toLatin1());
    raw[0] = char(raw.at(0) ^ 0x01);
    slot.insert(field, QLatin1String(raw.toBase64()));
}

Result<KeySlotFile> loadOrFail(const QString& path)
{
    Result<KeySlotFile> loaded = KeySlotFile::load(path);
    INFO((loaded ? QString() : loaded.error().message).toStdString());
    REQUIRE(loaded.ok());
    return loaded;
}

void requireWrongCredentials(const Result<QByteArray>& result)
{
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Auth);
    CHECK(result.error().message == kWrongCredentials);
}

} // namespace

// ---- Known answers: the primitives agree with published vectors, not just with themselves ----

TEST_CASE("SHA-256 of \"abc\" matches FIPS 180-2")
{
    CHECK(sha256(QByteArrayLiteral("abc")) == hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    CHECK(sha256(QByteArray()) == hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

TEST_CASE("AES-256-GCM matches the GCM specification's test cases 13, 14 and 16")
{
    const QByteArray zeroKey(32, '\0');
    const QByteArray zeroNonce(12, '\0');

    // Test case 13: empty plaintext, so only the tag.
    Result<GcmSealed> tc13 = aes256GcmEncryptWithNonce(zeroKey, zeroNonce, QByteArray(), QByteArray());
    REQUIRE(tc13.ok());
    CHECK(tc13->ciphertext.isEmpty());
    CHECK(tc13->tag == hex("530f8afbc74536b9a963b4f1c4cb738b"));

    // Test case 14: one zero block.
    Result<GcmSealed> tc14 = aes256GcmEncryptWithNonce(zeroKey, zeroNonce, QByteArray(16, '\0'), QByteArray());
    REQUIRE(tc14.ok());
    CHECK(tc14->ciphertext == hex("cea7403d4d606b6e074ec5d3baf39d18"));
    CHECK(tc14->tag == hex("d0d1c8a799996bf0265b98b5d48ab919"));

    // Test case 16: associated data and a plaintext that is not a whole number of blocks.
    const QByteArray key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    const QByteArray nonce = hex("cafebabefacedbaddecaf888");
    const QByteArray plaintext = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                                     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    const QByteArray aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    const QByteArray ciphertext = hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                      "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662");
    const QByteArray tag = hex("76fc6ece0f4e1768cddf8853bb2d551b");
    Result<GcmSealed> tc16 = aes256GcmEncryptWithNonce(key, nonce, plaintext, aad);
    REQUIRE(tc16.ok());
    CHECK(tc16->ciphertext == ciphertext);
    CHECK(tc16->tag == tag);

    Result<QByteArray> opened = aes256GcmDecrypt(key, GcmSealed { nonce, ciphertext, tag }, aad);
    REQUIRE(opened.ok());
    CHECK(opened.value() == plaintext);

    // The tag covers the associated data, the ciphertext and the key.
    QByteArray otherAad = aad;
    otherAad[0] = char(otherAad.at(0) ^ 0x80);
    CHECK_FALSE(aes256GcmDecrypt(key, GcmSealed { nonce, ciphertext, tag }, otherAad).ok());
    QByteArray otherCiphertext = ciphertext;
    otherCiphertext[59] = char(otherCiphertext.at(59) ^ 0x01);
    CHECK_FALSE(aes256GcmDecrypt(key, GcmSealed { nonce, otherCiphertext, tag }, aad).ok());
    CHECK_FALSE(aes256GcmDecrypt(zeroKey, GcmSealed { nonce, ciphertext, tag }, aad).ok());
    CHECK_FALSE(aes256GcmDecrypt(key, GcmSealed { nonce, ciphertext, tag.left(15) }, aad).ok());
    CHECK_FALSE(aes256GcmEncrypt(key.left(16), plaintext, aad).ok());
}

TEST_CASE("AES-256-GCM encryption uses a fresh nonce each time and round-trips")
{
    const QByteArray key = randomBytes(32);
    const QByteArray message = QByteArrayLiteral("the data key goes here");
    Result<GcmSealed> first = aes256GcmEncrypt(key, message, QByteArrayLiteral("aad"));
    Result<GcmSealed> second = aes256GcmEncrypt(key, message, QByteArrayLiteral("aad"));
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    CHECK(first->nonce.size() == 12);
    CHECK(first->tag.size() == 16);
    CHECK(first->nonce != second->nonce);
    CHECK(first->ciphertext != second->ciphertext);
    Result<QByteArray> opened = aes256GcmDecrypt(key, second.value(), QByteArrayLiteral("aad"));
    REQUIRE(opened.ok());
    CHECK(opened.value() == message);
}

TEST_CASE("PBKDF2-HMAC-SHA512 matches published and OpenSSL-computed vectors")
{
    // RFC 6070's inputs with SHA-512 (the widely published vectors), full 64-byte outputs.
    CHECK(pbkdf2Sha512(QStringLiteral("password"), QByteArrayLiteral("salt"), 1, 64)
          == hex("867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"
                 "c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce"));
    CHECK(pbkdf2Sha512(QStringLiteral("password"), QByteArrayLiteral("salt"), 2, 64)
          == hex("e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53c"
                 "f76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e"));
    // The default length is the first 32 bytes of the same stream.
    CHECK(pbkdf2Sha512(QStringLiteral("password"), QByteArrayLiteral("salt"), 2)
          == hex("e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53c"));
    // `openssl kdf -keylen 32 -kdfopt digest:SHA512 -kdfopt hexpass:6372c3a86d65 -kdfopt salt:NaCl -kdfopt iter:3
    // PBKDF2`, the password being "crème" as NFC UTF-8. Given here in NFD (e + combining grave accent), it must be
    // normalised before encoding to give the same bytes.
    const QString nfd = QStringLiteral("cre\u0300me");
    CHECK(pbkdf2Sha512(nfd, QByteArrayLiteral("NaCl"), 3)
          == hex("b4e9fa1b2075f488566f1d33e51c044b43d7e28e16b4c4ec07b9b09443b87f3a"));
    CHECK(pbkdf2Sha512(QStringLiteral("password"), QByteArrayLiteral("salt"), 0).isEmpty());
}

TEST_CASE("PBKDF2 never truncates a long passphrase")
{
    const QString long1000 = QString(1000, QLatin1Char('x'));
    const QByteArray salt = QByteArrayLiteral("salt");
    CHECK(pbkdf2Sha512(long1000, salt, 1) != pbkdf2Sha512(long1000.chopped(1), salt, 1));
}

TEST_CASE("random bytes are the length asked for and differ")
{
    CHECK(randomBytes(32).size() == 32);
    CHECK(randomBytes(32) != randomBytes(32));
    CHECK(randomBytes(0).isEmpty());
}

TEST_CASE("secureZero empties the array and leaves other copies alone")
{
    QByteArray secret = randomBytes(32);
    secureZero(secret);
    CHECK(secret.isEmpty());

    // Implicit sharing: wiping one handle must not corrupt a key another owner still holds.
    const QByteArray kept = randomBytes(32);
    const QByteArray before(kept.constData(), kept.size()); // a deep copy to compare with
    QByteArray shared = kept;
    secureZero(shared);
    CHECK(shared.isEmpty());
    CHECK(kept == before);
}

TEST_CASE("calibrated PBKDF2 iterations are never below 600,000 and track the time asked for")
{
    CHECK(calibratePbkdf2Iterations() >= kMinimumPbkdf2Iterations);
    CHECK(calibratePbkdf2Iterations(1) == kMinimumPbkdf2Iterations);

    // Without the floor, the count for 100 ms must really take about 100 ms (generous bounds for a loaded machine).
    const int iterations = calibratePbkdf2Iterations(100, 1);
    REQUIRE(iterations > 1000);
    QElapsedTimer timer;
    timer.start();
    CHECK(pbkdf2Sha512(QStringLiteral("p"), QByteArrayLiteral("salt"), iterations).size() == 32);
    const qint64 ms = timer.elapsed();
    CHECK(ms >= 30);
    CHECK(ms <= 400);
}

// ---- Key slots ----

TEST_CASE("key file path sits beside the store")
{
    CHECK(KeySlotFile::pathForStore(QStringLiteral("/data/alpr/local.db"))
          == QStringLiteral("/data/alpr/local.db.keys"));
}

TEST_CASE("a stored key file loads and each user's slot unwraps the same data key")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("store.db.keys"));
    writeAll(path, sharedSlots().json);

    Result<KeySlotFile> loaded = loadOrFail(path);
    CHECK(loaded->storeId() == kStoreId);
    CHECK(loaded->users() == QStringList { kAlice, kBob });
    CHECK(loaded->hasSlot(kAlice));
    CHECK_FALSE(loaded->hasSlot(QStringLiteral("mallory")));
    CHECK(loaded->iterations(kAlice) == kMinimumPbkdf2Iterations);
    CHECK(loaded->iterations(QStringLiteral("mallory")) == 0);

    Result<QByteArray> alice = loaded->unwrap(kAlice, kAlicePassword);
    Result<QByteArray> bob = loaded->unwrap(kBob, kBobPassword);
    REQUIRE(alice.ok());
    REQUIRE(bob.ok());
    CHECK(alice.value() == sharedSlots().dataKey);
    CHECK(bob.value() == sharedSlots().dataKey);

    // Saving what was loaded reproduces the file exactly, so nothing is lost on a load/save cycle.
    const QString resaved = dir.path(QStringLiteral("resaved.keys"));
    REQUIRE(loaded->save(resaved).ok());
    CHECK(readAll(resaved) == sharedSlots().json);

    // Neither the password nor the data key is in the file in any usual encoding.
    const QByteArray json = sharedSlots().json;
    CHECK_FALSE(json.contains(kAlicePassword.toUtf8()));
    CHECK_FALSE(json.contains(sharedSlots().dataKey.toBase64()));
    CHECK_FALSE(json.contains(sharedSlots().dataKey.toHex()));
    CHECK_FALSE(json.contains(sharedSlots().dataKey));
}

TEST_CASE("a new slot survives save and load, and setting it again replaces the password")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("store.db.keys"));
    const QByteArray key = randomBytes(32);
    const QString oldPassword = QStringLiteral("first password");
    const QString newPassword = QStringLiteral("second password");
    KeySlotFile file = KeySlotFile::createNew(kStoreId);
    REQUIRE(file.setSlot(kAlice, oldPassword, key, kMinimumPbkdf2Iterations + 1).ok());
    REQUIRE(file.setSlot(kAlice, newPassword, key, kMinimumPbkdf2Iterations).ok());
    CHECK(file.users() == QStringList { kAlice });
    REQUIRE(file.save(path).ok());

    Result<KeySlotFile> loaded = loadOrFail(path);
    CHECK(loaded->storeId() == kStoreId);
    CHECK(loaded->iterations(kAlice) == kMinimumPbkdf2Iterations);
    Result<QByteArray> unwrapped = loaded->unwrap(kAlice, newPassword);
    REQUIRE(unwrapped.ok());
    CHECK(unwrapped.value() == key);
    requireWrongCredentials(loaded->unwrap(kAlice, oldPassword));
}

TEST_CASE("key files are written with mode 0600")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("store.db.keys"));
    writeAll(path, sharedSlots().json);
    Result<KeySlotFile> loaded = loadOrFail(path);
    const QString fresh = dir.path(QStringLiteral("fresh.keys"));
    REQUIRE(loaded->save(fresh).ok());
    // An existing file that was world-readable is narrowed too.
    REQUIRE(QFile::setPermissions(
        path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther | QFileDevice::ReadGroup));
    REQUIRE(loaded->save(path).ok());
    for (const QString& written : { fresh, path }) {
        struct stat info = {};
        REQUIRE(::stat(QFile::encodeName(written).constData(), &info) == 0);
        CHECK((info.st_mode & 07777) == 0600);
    }
}

TEST_CASE("a wrong password and an unknown user fail alike")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("store.db.keys"));
    writeAll(path, sharedSlots().json);
    Result<KeySlotFile> loaded = loadOrFail(path);

    requireWrongCredentials(loaded->unwrap(kAlice, kBobPassword));
    requireWrongCredentials(loaded->unwrap(QStringLiteral("mallory"), kAlicePassword));
    // User names are compared exactly: normalising case is the caller's job.
    requireWrongCredentials(loaded->unwrap(QStringLiteral("Alice"), kAlicePassword));
}

TEST_CASE("removing a slot locks that user out and leaves the others")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("store.db.keys"));
    writeAll(path, sharedSlots().json);
    Result<KeySlotFile> loaded = loadOrFail(path);

    REQUIRE(loaded->removeSlot(kBob).ok());
    CHECK_FALSE(loaded->removeSlot(kBob).ok());
    CHECK(loaded->removeSlot(QStringLiteral("mallory")).error().kind == ErrorKind::BadInput);
    REQUIRE(loaded->save(path).ok());

    Result<KeySlotFile> reloaded = loadOrFail(path);
    CHECK(reloaded->users() == QStringList { kAlice });
    requireWrongCredentials(reloaded->unwrap(kBob, kBobPassword));
    Result<QByteArray> alice = reloaded->unwrap(kAlice, kAlicePassword);
    REQUIRE(alice.ok());
    CHECK(alice.value() == sharedSlots().dataKey);
}

TEST_CASE("a slot renamed to another user does not open")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("store.db.keys"));
    // Someone edits the file so that alice's slot is carol's: carol must not log in with it, not even with
    // alice's password.
    writeEdited(path, [](QJsonObject& root) {
        editSlot(root, 0, [](QJsonObject& slot) { slot.insert(QStringLiteral("user"), QStringLiteral("carol")); });
    });
    Result<KeySlotFile> loaded = loadOrFail(path);
    REQUIRE(loaded->hasSlot(QStringLiteral("carol")));
    requireWrongCredentials(loaded->unwrap(QStringLiteral("carol"), kAlicePassword));
}

TEST_CASE("a slot copied into another store's key file does not open")
{
    TempDir dir;
    const QString otherPath = dir.path(QStringLiteral("other.db.keys"));
    KeySlotFile other = KeySlotFile::createNew(kOtherStoreId);
    REQUIRE(other.save(otherPath).ok());

    // Paste alice's slot from our file into the other store's file.
    QJsonObject otherRoot = QJsonDocument::fromJson(readAll(otherPath)).object();
    const QJsonArray ourSlots
        = QJsonDocument::fromJson(sharedSlots().json).object().value(QStringLiteral("slots")).toArray();
    otherRoot.insert(QStringLiteral("slots"), QJsonArray { ourSlots.at(0) });
    writeAll(otherPath, QJsonDocument(otherRoot).toJson());

    Result<KeySlotFile> loaded = loadOrFail(otherPath);
    CHECK(loaded->storeId() == kOtherStoreId);
    REQUIRE(loaded->hasSlot(kAlice));
    requireWrongCredentials(loaded->unwrap(kAlice, kAlicePassword));
}

TEST_CASE("a flipped bit in any part of a slot stops it opening")
{
    const QString field = QString::fromStdString(GENERATE(as<std::string> {}, "wrapped_key", "tag", "nonce", "salt"));
    INFO(field.toStdString());
    TempDir dir;
    const QString path = dir.path(QStringLiteral("store.db.keys"));
    writeEdited(path,
                [&](QJsonObject& root) { editSlot(root, 0, [&](QJsonObject& slot) { flipFirstBit(slot, field); }); });
    Result<KeySlotFile> loaded = loadOrFail(path);
    requireWrongCredentials(loaded->unwrap(kAlice, kAlicePassword));
}

TEST_CASE("setSlot refuses weak or malformed input without touching the file")
{
    KeySlotFile file = KeySlotFile::createNew(kStoreId);
    const QByteArray key = randomBytes(32);
    CHECK(file.setSlot(kAlice, kAlicePassword, key, 1000).error().kind == ErrorKind::BadInput);
    CHECK(file.setSlot(kAlice, QString(), key, kMinimumPbkdf2Iterations).error().kind == ErrorKind::BadInput);
    CHECK(file.setSlot(QString(), kAlicePassword, key, kMinimumPbkdf2Iterations).error().kind == ErrorKind::BadInput);
    CHECK(file.setSlot(kAlice, kAlicePassword, key.left(31), kMinimumPbkdf2Iterations).error().kind
          == ErrorKind::BadInput);
    CHECK(file.users().isEmpty());
}

TEST_CASE("a 200-character passphrase is used whole")
{
    QString passphrase;
    while (passphrase.size() < 200)
        passphrase += QStringLiteral("the quick brown fox jumps over the lazy dog ");
    passphrase.truncate(199);
    passphrase += QLatin1Char('!');
    REQUIRE(passphrase.size() == 200);

    KeySlotFile file = KeySlotFile::createNew(kStoreId);
    const QByteArray key = randomBytes(32);
    REQUIRE(file.setSlot(kAlice, passphrase, key, kMinimumPbkdf2Iterations).ok());
    requireWrongCredentials(file.unwrap(kAlice, passphrase.chopped(1)));
    Result<QByteArray> unwrapped = file.unwrap(kAlice, passphrase);
    REQUIRE(unwrapped.ok());
    CHECK(unwrapped.value() == key);
}

TEST_CASE("a passphrase with spaces and accents opens whichever Unicode form it is typed in")
{
    const QString nfc = QStringLiteral("  Ma crème brûlée, déjà vu à Noël  ");
    const QString nfd = nfc.normalized(QString::NormalizationForm_D);
    REQUIRE(nfc != nfd); // the two forms really are different strings
    REQUIRE(nfc.toUtf8() != nfd.toUtf8());

    TempDir dir;
    const QString path = dir.path(QStringLiteral("store.db.keys"));
    KeySlotFile file = KeySlotFile::createNew(kStoreId);
    const QByteArray key = randomBytes(32);
    REQUIRE(file.setSlot(QStringLiteral("zoë"), nfc, key, kMinimumPbkdf2Iterations).ok());
    REQUIRE(file.save(path).ok());
    Result<KeySlotFile> loaded = loadOrFail(path);
    Result<QByteArray> unwrapped = loaded->unwrap(QStringLiteral("zoë"), nfd);
    REQUIRE(unwrapped.ok());
    CHECK(unwrapped.value() == key);
}

TEST_CASE("broken key files are refused with an error naming the file and the reason")
{
    struct Case
    {
        const char* name;
        std::function<void(const QString&)> write; // empty: no file at all
        ErrorKind kind;
        QString reason; // a word the message must contain
    };
    const auto slotEdit = [](std::function<void(QJsonObject&)> edit) {
        return [edit](const QString& path) { writeEdited(path, [&](QJsonObject& root) { editSlot(root, 0, edit); }); };
    };
    const auto rootEdit = [](std::function<void(QJsonObject&)> edit) {
        return [edit](const QString& path) { writeEdited(path, edit); };
    };
    const QByteArray json = sharedSlots().json;
    const std::vector<Case> cases = {
        { "missing", {}, ErrorKind::Failure, QStringLiteral("does not exist") },
        { "empty", [](const QString& p) { writeAll(p, QByteArray()); }, ErrorKind::BadInput, QStringLiteral("empty") },
        { "truncated", [json](const QString& p) { writeAll(p, json.left(json.size() / 2)); }, ErrorKind::BadInput,
          QStringLiteral("JSON") },
        { "not JSON", [](const QString& p) { writeAll(p, "PK\x03\x04 this is a zip"); }, ErrorKind::BadInput,
          QStringLiteral("JSON") },
        { "JSON array", [](const QString& p) { writeAll(p, "[1,2]"); }, ErrorKind::BadInput, QStringLiteral("object") },
        { "wrong format", rootEdit([](QJsonObject& r) { r.insert(QStringLiteral("format"), QStringLiteral("luks2")); }),
          ErrorKind::BadInput, QStringLiteral("format") },
        { "wrong version", rootEdit([](QJsonObject& r) { r.insert(QStringLiteral("version"), 2); }),
          ErrorKind::BadInput, QStringLiteral("version") },
        { "no store id", rootEdit([](QJsonObject& r) { r.remove(QStringLiteral("store_id")); }), ErrorKind::BadInput,
          QStringLiteral("store_id") },
        { "slots not an array", rootEdit([](QJsonObject& r) { r.insert(QStringLiteral("slots"), 3); }),
          ErrorKind::BadInput, QStringLiteral("slots") },
        { "iterations 1000", slotEdit([](QJsonObject& s) { s.insert(QStringLiteral("iterations"), 1000); }),
          ErrorKind::BadInput, QStringLiteral("600000") },
        { "iterations a string",
          slotEdit([](QJsonObject& s) { s.insert(QStringLiteral("iterations"), QStringLiteral("600000")); }),
          ErrorKind::BadInput, QStringLiteral("iterations") },
        { "iterations fractional", slotEdit([](QJsonObject& s) { s.insert(QStringLiteral("iterations"), 600000.5); }),
          ErrorKind::BadInput, QStringLiteral("iterations") },
        { "unknown kdf", slotEdit([](QJsonObject& s) { s.insert(QStringLiteral("kdf"), QStringLiteral("argon2id")); }),
          ErrorKind::BadInput, QStringLiteral("kdf") },
        { "missing tag", slotEdit([](QJsonObject& s) { s.remove(QStringLiteral("tag")); }), ErrorKind::BadInput,
          QStringLiteral("tag") },
        { "user not a string", slotEdit([](QJsonObject& s) { s.insert(QStringLiteral("user"), 7); }),
          ErrorKind::BadInput, QStringLiteral("user") },
        { "bad base64",
          slotEdit([](QJsonObject& s) { s.insert(QStringLiteral("salt"), QStringLiteral("@@not base64@@")); }),
          ErrorKind::BadInput, QStringLiteral("base64") },
        { "short salt", slotEdit([](QJsonObject& s) {
              s.insert(QStringLiteral("salt"), QLatin1String(QByteArray(15, 'x').toBase64()));
          }),
          ErrorKind::BadInput, QStringLiteral("salt") },
        { "long nonce", slotEdit([](QJsonObject& s) {
              s.insert(QStringLiteral("nonce"), QLatin1String(QByteArray(16, 'x').toBase64()));
          }),
          ErrorKind::BadInput, QStringLiteral("nonce") },
        { "short wrapped key", slotEdit([](QJsonObject& s) {
              s.insert(QStringLiteral("wrapped_key"), QLatin1String(QByteArray(31, 'x').toBase64()));
          }),
          ErrorKind::BadInput, QStringLiteral("wrapped_key") },
        { "short tag", slotEdit([](QJsonObject& s) {
              s.insert(QStringLiteral("tag"), QLatin1String(QByteArray(12, 'x').toBase64()));
          }),
          ErrorKind::BadInput, QStringLiteral("tag") },
        { "duplicate user", slotEdit([](QJsonObject& s) { s.insert(QStringLiteral("user"), kBob); }),
          ErrorKind::BadInput, QStringLiteral("bob") },
    };

    TempDir dir;
    for (const Case& c : cases) {
        INFO(c.name);
        const QString path = dir.path(
            QStringLiteral("broken-%1.keys").arg(QLatin1String(c.name)).replace(QLatin1Char(' '), QLatin1Char('-')));
        if (c.write)
            c.write(path);
        Result<KeySlotFile> loaded = KeySlotFile::load(path);
        REQUIRE_FALSE(loaded.ok());
        INFO(loaded.error().message.toStdString());
        CHECK(loaded.error().kind == c.kind);
        CHECK(loaded.error().message.contains(QDir::toNativeSeparators(path)));
        CHECK(loaded.error().message.contains(c.reason));
    }
}

TEST_CASE("a failed save leaves the previous key file as it was")
{
    TempDir dir;
    const QString path = dir.path(QStringLiteral("store.db.keys"));
    writeAll(path, sharedSlots().json);
    Result<KeySlotFile> loaded = loadOrFail(path);
    REQUIRE(loaded->removeSlot(kBob).ok()); // the version that must not land

    SECTION("into a directory that does not exist")
    {
        const QString nowhere = dir.path(QStringLiteral("no-such-dir/store.db.keys"));
        Status saved = loaded->save(nowhere);
        REQUIRE_FALSE(saved.ok());
        CHECK(saved.error().message.contains(QDir::toNativeSeparators(nowhere)));
        CHECK_FALSE(QFileInfo::exists(nowhere));
    }

    SECTION("when the disk refuses the write part-way")
    {
        // A file-size limit makes the write fail after the temporary file is created, as a full disk would;
        // unlike directory permissions it also holds for root, which CI runs as.
        struct rlimit old = {};
        REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit tiny = old;
        tiny.rlim_cur = 64;
        REQUIRE(::setrlimit(RLIMIT_FSIZE, &tiny) == 0);
        Status saved = loaded->save(path);
        ::setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, oldHandler);
        REQUIRE_FALSE(saved.ok());
        CHECK(saved.error().message.contains(QDir::toNativeSeparators(path)));
    }

    SECTION("into a read-only directory")
    {
        // Root ignores directory permissions, so this part only proves something for other users.
        if (::geteuid() != 0) {
            REQUIRE(QFile::setPermissions(dir.root(), QFileDevice::ReadOwner | QFileDevice::ExeOwner));
            Status saved = loaded->save(path);
            REQUIRE(QFile::setPermissions(dir.root(),
                                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
            REQUIRE_FALSE(saved.ok());
        }
    }

    CHECK(readAll(path) == sharedSlots().json);
    // No temporary file is left beside it.
    CHECK(QDir(dir.root()).entryList(QDir::Files) == QStringList { QStringLiteral("store.db.keys") });
}
