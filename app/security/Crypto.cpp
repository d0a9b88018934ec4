#include "Crypto.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Crypto", text);
}

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

unsigned char* bytes(QByteArray& array)
{
    return reinterpret_cast<unsigned char*>(array.data());
}

const unsigned char* bytes(const QByteArray& array)
{
    return reinterpret_cast<const unsigned char*>(array.constData());
}

} // namespace

QByteArray randomBytes(int count)
{
    if (count <= 0)
        return {};
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(bytes(out), count) != 1)
        return {};
    return out;
}

QByteArray pbkdf2Sha512(const QString& password, const QByteArray& salt, int iterations, int keyLength)
{
    if (iterations < 1 || keyLength < 1)
        return {};
    // NFC so that "é" typed as one code point or as e + combining accent is the same password; the whole UTF-8
    // string goes to OpenSSL (its length is an int, so nothing is cut short the way bcrypt cuts at 72 bytes).
    QString normalised = password.normalized(QString::NormalizationForm_C);
    QByteArray utf8 = normalised.toUtf8();
    if (normalised.isDetached() && !normalised.isEmpty())
        OPENSSL_cleanse(normalised.data(), size_t(normalised.size()) * sizeof(QChar));
    QByteArray key(keyLength, Qt::Uninitialized);
    const int ok = PKCS5_PBKDF2_HMAC(utf8.constData(), int(utf8.size()), bytes(salt), int(salt.size()), iterations,
                                     EVP_sha512(), keyLength, bytes(key));
    secureZero(utf8);
    if (ok != 1) {
        secureZero(key);
        return {};
    }
    return key;
}

int calibratePbkdf2Iterations(int targetMs, int minimum)
{
    minimum = std::max(minimum, 1);
    if (targetMs <= 0)
        return minimum;
    // A probe of ~10-30 ms is long enough for the timer and short enough to call before every slot write. The fastest
    // of three runs is the one least disturbed by scheduling, and the attacker's hardware is at least that fast.
    constexpr int kProbeIterations = 30000;
    const QByteArray salt(16, '\x5a');
    const QString password = QStringLiteral("calibration");
    qint64 bestNs = LLONG_MAX;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        QByteArray key = pbkdf2Sha512(password, salt, kProbeIterations);
        bestNs = std::min(bestNs, std::max<qint64>(timer.nsecsElapsed(), 1));
        if (key.isEmpty())
            return minimum;
    }
    const double scaled = double(kProbeIterations) * (double(targetMs) * 1e6) / double(bestNs);
    const double capped = std::min(scaled, double(INT_MAX - 1000));
    const int rounded = int(std::round(capped / 1000.0)) * 1000;
    return std::max(rounded, minimum);
}

Result<GcmSealed> aes256GcmEncrypt(const QByteArray& key, const QByteArray& plaintext, const QByteArray& aad)
{
    const QByteArray nonce = randomBytes(kGcmNonceBytes);
    if (nonce.size() != kGcmNonceBytes)
        return failure(tr("The system random number generator failed."));
    return aes256GcmEncryptWithNonce(key, nonce, plaintext, aad);
}

Result<GcmSealed> aes256GcmEncryptWithNonce(const QByteArray& key, const QByteArray& nonce, const QByteArray& plaintext,
                                            const QByteArray& aad)
{
    if (key.size() != kAes256KeyBytes)
        return failure(tr("AES-256-GCM needs a 32-byte key, got %1 bytes.").arg(key.size()));
    if (nonce.size() != kGcmNonceBytes)
        return failure(tr("AES-256-GCM needs a 12-byte nonce, got %1 bytes.").arg(nonce.size()));

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    GcmSealed sealed;
    sealed.nonce = nonce;
    sealed.ciphertext = QByteArray(plaintext.size(), Qt::Uninitialized);
    sealed.tag = QByteArray(kGcmTagBytes, Qt::Uninitialized);
    int length = 0;
    int finalLength = 0;
    const bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(nonce)) == 1
        && (aad.isEmpty() || EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(aad), int(aad.size())) == 1)
        && (plaintext.isEmpty()
            || EVP_EncryptUpdate(ctx.get(), bytes(sealed.ciphertext), &length, bytes(plaintext), int(plaintext.size()))
                == 1)
        && EVP_EncryptFinal_ex(ctx.get(), bytes(sealed.ciphertext) + (plaintext.isEmpty() ? 0 : length), &finalLength)
            == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, sealed.tag.data()) == 1;
    if (!ok)
        return failure(tr("AES-256-GCM encryption failed in OpenSSL."));
    return sealed;
}

Result<QByteArray> aes256GcmDecrypt(const QByteArray& key, const GcmSealed& sealed, const QByteArray& aad)
{
    if (key.size() != kAes256KeyBytes)
        return failure(tr("AES-256-GCM needs a 32-byte key, got %1 bytes.").arg(key.size()));
    if (sealed.nonce.size() != kGcmNonceBytes || sealed.tag.size() != kGcmTagBytes)
        return failure(tr("AES-256-GCM data is malformed: nonce must be 12 bytes and tag 16 bytes."));

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    QByteArray plaintext(sealed.ciphertext.size(), Qt::Uninitialized);
    // OpenSSL's ctrl takes a non-const pointer for the tag it only reads.
    QByteArray tag = sealed.tag;
    int length = 0;
    int finalLength = 0;
    const bool ok = ctx
        && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(sealed.nonce)) == 1
        && (aad.isEmpty() || EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(aad), int(aad.size())) == 1)
        && (sealed.ciphertext.isEmpty()
            || EVP_DecryptUpdate(ctx.get(), bytes(plaintext), &length, bytes(sealed.ciphertext),
                                 int(sealed.ciphertext.size()))
                == 1)
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, tag.data()) == 1
        // The tag is checked here; a failure means the data, nonce, aad or key differ from what was sealed.
        && EVP_DecryptFinal_ex(ctx.get(), bytes(plaintext) + (sealed.ciphertext.isEmpty() ? 0 : length), &finalLength)
            == 1;
    if (!ok) {
        secureZero(plaintext);
        return failure(tr("AES-256-GCM authentication failed: wrong key, or the data was altered."));
    }
    return plaintext;
}

QByteArray sha256(const QByteArray& data)
{
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int length = 0;
    if (EVP_Digest(data.constData(), size_t(data.size()), bytes(digest), &length, EVP_sha256(), nullptr) != 1
        || length != 32)
        return {};
    return digest;
}

QByteArray hmacSha256(const QByteArray& key, const QByteArray& data)
{
    // One-shot EVP_Q_mac (OpenSSL 3): HMAC_CTX is deprecated there. An empty key is legal HMAC (RFC 2104 pads it
    // with zeros), but a null pointer is not accepted, so point at a dummy byte.
    static const unsigned char kNoKey = 0;
    QByteArray mac(32, Qt::Uninitialized);
    size_t length = 0;
    char digest[] = "SHA256";
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, digest, nullptr, key.isEmpty() ? &kNoKey : bytes(key), size_t(key.size()),
                   bytes(data), size_t(data.size()), bytes(mac), size_t(mac.size()), &length)
        || length != 32)
        return {};
    return mac;
}

QByteArray hkdfSha256(const QByteArray& key, const QByteArray& info, int length, const QByteArray& salt)
{
    if (key.isEmpty() || length < 1 || length > 255 * 32)
        return {};
    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr), &EVP_KDF_free);
    if (!kdf)
        return {};
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()), &EVP_KDF_CTX_free);
    if (!ctx)
        return {};
    // OSSL_PARAM wants non-const pointers for buffers it only reads.
    QByteArray keyCopy = key;
    QByteArray infoCopy = info;
    QByteArray saltCopy = salt;
    char digest[] = "SHA256";
    OSSL_PARAM params[5];
    int n = 0;
    params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, keyCopy.data(), size_t(keyCopy.size()));
    if (!saltCopy.isEmpty())
        params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, saltCopy.data(), size_t(saltCopy.size()));
    // An empty info is legal (RFC 5869 test case 3); OpenSSL just needs a non-null pointer.
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, infoCopy.isEmpty() ? digest : infoCopy.data(),
                                                    size_t(infoCopy.size()));
    params[n] = OSSL_PARAM_construct_end();
    QByteArray out(length, Qt::Uninitialized);
    const bool ok = EVP_KDF_derive(ctx.get(), bytes(out), size_t(length), params) == 1;
    secureZero(keyCopy);
    if (!ok) {
        secureZero(out);
        return {};
    }
    return out;
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

void secureZero(QByteArray& bytes)
{
    // data() on a shared array would first copy the secret into a new buffer just to wipe that copy.
    if (bytes.isDetached() && !bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

} // namespace alpr
