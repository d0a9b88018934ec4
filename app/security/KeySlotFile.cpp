#include "KeySlotFile.h"

#include "AtomicFile.h"

#include "Crypto.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QtEndian>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace alpr {

namespace {

constexpr auto kFormat = "alpr-workstation-keyslots";
constexpr int kVersion = 1;
constexpr auto kKdf = "pbkdf2-hmac-sha512";
constexpr int kSaltBytes = 16;
// A key file holds a few hundred bytes per user; anything this large is not one, and is not read into memory.
constexpr qint64 kMaximumFileBytes = 16 * 1024 * 1024;

QString tr(const char* text)
{
    return QCoreApplication::translate("KeySlotFile", text);
}

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

Error invalidFile(const QString& path, const QString& reason)
{
    return badInput(tr("Key file %1 is not valid: %2").arg(native(path), reason));
}

QString wrongCredentials()
{
    return tr("Wrong user name or password.");
}

void appendField(QByteArray& out, const QByteArray& field)
{
    // Length-prefixed so that no choice of store id or user name can make two different (store, user) pairs
    // produce the same associated data.
    char length[4];
    qToBigEndian<quint32>(quint32(field.size()), length);
    out.append(length, 4);
    out.append(field);
}

/** Reads a base64 field of an exact decoded length; on error sets *reason. */
QByteArray base64Field(const QJsonObject& object, const char* name, int expectedBytes, QString* reason)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (!value.isString()) {
        *reason = value.isUndefined() ? tr("field \"%1\" is missing").arg(QLatin1String(name))
                                      : tr("field \"%1\" is not a string").arg(QLatin1String(name));
        return {};
    }
    const auto decoded
        = QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *reason = tr("field \"%1\" is not valid base64").arg(QLatin1String(name));
        return {};
    }
    if (decoded.decoded.size() != expectedBytes) {
        *reason = tr("field \"%1\" is %2 bytes long, expected %3")
                      .arg(QLatin1String(name))
                      .arg(decoded.decoded.size())
                      .arg(expectedBytes);
        return {};
    }
    return decoded.decoded;
}


} // namespace

QString KeySlotFile::pathForStore(const QString& storePath)
{
    return storePath + QStringLiteral(".keys");
}

KeySlotFile KeySlotFile::createNew(const QString& storeId)
{
    KeySlotFile file;
    file.m_storeId = storeId;
    return file;
}

Result<KeySlotFile> KeySlotFile::load(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return failure(tr("Key file %1 does not exist.").arg(native(path)));
    if (!file.open(QIODevice::ReadOnly))
        return failure(tr("Cannot read key file %1: %2").arg(native(path), file.errorString()));
    if (file.size() > kMaximumFileBytes)
        return invalidFile(path, tr("it is %1 bytes long, far too large for a key file").arg(file.size()));
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return failure(tr("Cannot read key file %1: %2").arg(native(path), file.errorString()));
    if (data.trimmed().isEmpty())
        return invalidFile(path, tr("the file is empty"));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalidFile(
            path, tr("not JSON, or truncated (at byte %1: %2)").arg(parseError.offset).arg(parseError.errorString()));
    if (!document.isObject())
        return invalidFile(path, tr("the top level is not a JSON object"));
    const QJsonObject root = document.object();

    if (root.value(QLatin1String("format")).toString() != QLatin1String(kFormat))
        return invalidFile(path, tr("field \"format\" is not \"%1\"").arg(QLatin1String(kFormat)));
    const QJsonValue version = root.value(QLatin1String("version"));
    if (!version.isDouble() || version.toDouble() != kVersion)
        return invalidFile(path, tr("field \"version\" is not %1 (unsupported version)").arg(kVersion));
    const QJsonValue storeId = root.value(QLatin1String("store_id"));
    if (!storeId.isString() || storeId.toString().isEmpty())
        return invalidFile(path, tr("field \"store_id\" is missing or not a non-empty string"));
    const QJsonValue slotList = root.value(QLatin1String("slots"));
    if (!slotList.isArray())
        return invalidFile(path, tr("field \"slots\" is missing or not an array"));

    KeySlotFile result;
    result.m_storeId = storeId.toString();
    const QJsonArray slotArray = slotList.toArray();
    for (qsizetype i = 0; i < slotArray.size(); ++i) {
        const QString where = tr("slot %1: ").arg(i + 1);
        if (!slotArray.at(i).isObject())
            return invalidFile(path, where + tr("not a JSON object"));
        const QJsonObject object = slotArray.at(i).toObject();

        Slot slot;
        const QJsonValue user = object.value(QLatin1String("user"));
        if (!user.isString() || user.toString().isEmpty())
            return invalidFile(path, where + tr("field \"user\" is missing or not a non-empty string"));
        slot.user = user.toString();
        if (result.hasSlot(slot.user))
            return invalidFile(path, where + tr("user \"%1\" has more than one slot").arg(slot.user));
        if (object.value(QLatin1String("kdf")).toString() != QLatin1String(kKdf))
            return invalidFile(path, where + tr("field \"kdf\" is not \"%1\"").arg(QLatin1String(kKdf)));
        const QJsonValue iterations = object.value(QLatin1String("iterations"));
        const double count = iterations.toDouble(-1);
        if (!iterations.isDouble() || count != std::floor(count) || count > INT_MAX)
            return invalidFile(path, where + tr("field \"iterations\" is missing or not a whole number"));
        if (count < kMinimumPbkdf2Iterations)
            return invalidFile(path,
                               where
                                   + tr("%1 PBKDF2 iterations is below the minimum of %2")
                                         .arg(qint64(count))
                                         .arg(kMinimumPbkdf2Iterations));
        slot.iterations = int(count);

        QString reason;
        slot.salt = base64Field(object, "salt", kSaltBytes, &reason);
        if (reason.isEmpty())
            slot.nonce = base64Field(object, "nonce", kGcmNonceBytes, &reason);
        if (reason.isEmpty())
            slot.wrappedKey = base64Field(object, "wrapped_key", kAes256KeyBytes, &reason);
        if (reason.isEmpty())
            slot.tag = base64Field(object, "tag", kGcmTagBytes, &reason);
        if (!reason.isEmpty())
            return invalidFile(path, where + reason);
        result.m_slots.push_back(std::move(slot));
    }
    return result;
}

Status KeySlotFile::save(const QString& path) const
{
    QJsonArray slotList;
    for (const Slot& slot : m_slots) {
        slotList.append(QJsonObject {
            { QStringLiteral("user"), slot.user },
            { QStringLiteral("kdf"), QLatin1String(kKdf) },
            { QStringLiteral("iterations"), slot.iterations },
            { QStringLiteral("salt"), QLatin1String(slot.salt.toBase64()) },
            { QStringLiteral("nonce"), QLatin1String(slot.nonce.toBase64()) },
            { QStringLiteral("wrapped_key"), QLatin1String(slot.wrappedKey.toBase64()) },
            { QStringLiteral("tag"), QLatin1String(slot.tag.toBase64()) },
        });
    }
    const QJsonObject root {
        { QStringLiteral("format"), QLatin1String(kFormat) },
        { QStringLiteral("version"), kVersion },
        { QStringLiteral("store_id"), m_storeId },
        { QStringLiteral("slots"), slotList },
    };
    const QByteArray data = QJsonDocument(root).toJson(QJsonDocument::Indented);

    return writeFileAtomically(path, data, tr("key file"));
}

QStringList KeySlotFile::users() const
{
    QStringList names;
    names.reserve(qsizetype(m_slots.size()));
    for (const Slot& slot : m_slots)
        names.append(slot.user);
    return names;
}

bool KeySlotFile::hasSlot(const QString& user) const
{
    return findSlot(user) != nullptr;
}

Status KeySlotFile::setSlot(const QString& user, const QString& password, const QByteArray& dataKey, int iterations)
{
    if (user.isEmpty())
        return badInput(tr("A key slot needs a user name."));
    if (password.isEmpty())
        return badInput(tr("The password for user %1 is empty.").arg(user));
    if (dataKey.size() != kAes256KeyBytes)
        return badInput(tr("The data key must be %1 bytes, got %2.").arg(kAes256KeyBytes).arg(dataKey.size()));
    if (iterations < kMinimumPbkdf2Iterations)
        return badInput(
            tr("%1 PBKDF2 iterations is below the minimum of %2.").arg(iterations).arg(kMinimumPbkdf2Iterations));

    Slot slot;
    slot.user = user;
    slot.iterations = iterations;
    slot.salt = randomBytes(kSaltBytes);
    if (slot.salt.size() != kSaltBytes)
        return failure(tr("The system random number generator failed."));
    QByteArray wrappingKey = pbkdf2Sha512(password, slot.salt, iterations, kAes256KeyBytes);
    if (wrappingKey.size() != kAes256KeyBytes)
        return failure(tr("Deriving the key for user %1 failed in OpenSSL.").arg(user));
    Result<GcmSealed> sealed = aes256GcmEncrypt(wrappingKey, dataKey, associatedData(user));
    secureZero(wrappingKey);
    if (!sealed)
        return sealed.error();
    slot.nonce = sealed->nonce;
    slot.wrappedKey = sealed->ciphertext;
    slot.tag = sealed->tag;

    for (Slot& existing : m_slots) {
        if (existing.user == user) {
            existing = std::move(slot);
            return {};
        }
    }
    m_slots.push_back(std::move(slot));
    return {};
}

Result<QByteArray> KeySlotFile::unwrap(const QString& user, const QString& password) const
{
    const Slot* slot = findSlot(user);
    if (!slot) {
        // Spend the same work as a real attempt, so that timing does not tell an unknown user from a wrong password.
        const int iterations = m_slots.empty() ? kMinimumPbkdf2Iterations : m_slots.front().iterations;
        QByteArray discarded = pbkdf2Sha512(password, QByteArray(kSaltBytes, '\0'), iterations, kAes256KeyBytes);
        secureZero(discarded);
        return authError(wrongCredentials());
    }
    QByteArray wrappingKey = pbkdf2Sha512(password, slot->salt, slot->iterations, kAes256KeyBytes);
    if (wrappingKey.size() != kAes256KeyBytes)
        return failure(tr("Deriving the key for user %1 failed in OpenSSL.").arg(user));
    Result<QByteArray> dataKey
        = aes256GcmDecrypt(wrappingKey, GcmSealed { slot->nonce, slot->wrappedKey, slot->tag }, associatedData(user));
    secureZero(wrappingKey);
    if (!dataKey || dataKey->size() != kAes256KeyBytes) {
        if (dataKey)
            secureZero(dataKey.value());
        return authError(wrongCredentials());
    }
    return dataKey;
}

Status KeySlotFile::removeSlot(const QString& user)
{
    for (auto it = m_slots.begin(); it != m_slots.end(); ++it) {
        if (it->user == user) {
            m_slots.erase(it);
            return {};
        }
    }
    return badInput(tr("User %1 has no key slot.").arg(user));
}

int KeySlotFile::iterations(const QString& user) const
{
    const Slot* slot = findSlot(user);
    return slot ? slot->iterations : 0;
}

const KeySlotFile::Slot* KeySlotFile::findSlot(const QString& user) const
{
    for (const Slot& slot : m_slots) {
        if (slot.user == user)
            return &slot;
    }
    return nullptr;
}

QByteArray KeySlotFile::associatedData(const QString& user) const
{
    QByteArray aad;
    appendField(aad, QByteArray(kFormat));
    appendField(aad, QByteArray::number(kVersion));
    appendField(aad, m_storeId.toUtf8());
    appendField(aad, user.toUtf8());
    return aad;
}

} // namespace alpr
