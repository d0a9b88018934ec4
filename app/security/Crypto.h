#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

/*
 * The few cryptographic primitives the app needs, all done by OpenSSL's libcrypto (DESIGN.md: write none of it by
 * hand). OpenSSL headers stay out of this header. Every function is reentrant and may run on any thread; the KDF ones
 * are slow on purpose and must not run on the GUI thread.
 */

namespace alpr {

/** PBKDF2 iterations below which no key slot is written or accepted. */
constexpr int kMinimumPbkdf2Iterations = 600000;

/** AES-256-GCM sizes used throughout: 32-byte key, 96-bit nonce, 128-bit tag. */
constexpr int kAes256KeyBytes = 32;
constexpr int kGcmNonceBytes = 12;
constexpr int kGcmTagBytes = 16;

/** count bytes from OpenSSL's CSPRNG (RAND_bytes). Returns an empty array on failure or when count <= 0. */
QByteArray randomBytes(int count);

/**
 * PBKDF2-HMAC-SHA512 of the password, NFC-normalised and then UTF-8 encoded, so the same passphrase typed with
 * precomposed or combining accents derives the same key. The password is never truncated. Returns keyLength bytes,
 * or an empty array when iterations < 1, keyLength < 1 or OpenSSL fails.
 */
QByteArray pbkdf2Sha512(const QString& password, const QByteArray& salt, int iterations, int keyLength = 32);

/**
 * Iterations of pbkdf2Sha512 that take about targetMs on this machine, never below minimum. Times a short run
 * (a few tens of milliseconds) and scales, so it is cheap to call; the result is rounded to a multiple of 1000.
 */
int calibratePbkdf2Iterations(int targetMs = 500, int minimum = kMinimumPbkdf2Iterations);

/** AES-256-GCM output: the 12-byte nonce, the ciphertext (as long as the plaintext) and the 16-byte tag. */
struct GcmSealed
{
    QByteArray nonce;
    QByteArray ciphertext;
    QByteArray tag;
};

/**
 * AES-256-GCM with a fresh random nonce. aad is authenticated, not encrypted. Fails (ErrorKind::Failure) when the key
 * is not 32 bytes or OpenSSL fails.
 */
Result<GcmSealed> aes256GcmEncrypt(const QByteArray& key, const QByteArray& plaintext, const QByteArray& aad);

/**
 * AES-256-GCM with a caller-chosen 12-byte nonce. Only for known-answer tests: reusing a nonce under one key
 * destroys GCM's security. Everything else calls aes256GcmEncrypt.
 */
Result<GcmSealed> aes256GcmEncryptWithNonce(const QByteArray& key, const QByteArray& nonce, const QByteArray& plaintext,
                                            const QByteArray& aad);

/**
 * Decrypts and checks the tag against key and aad. Any mismatch (wrong key, changed nonce, ciphertext, tag or aad)
 * and malformed sizes give ErrorKind::Failure; no plaintext is returned unless the tag verifies.
 */
Result<QByteArray> aes256GcmDecrypt(const QByteArray& key, const GcmSealed& sealed, const QByteArray& aad);

/** SHA-256 digest (32 bytes). */
QByteArray sha256(const QByteArray& data);

/** HMAC-SHA256 of data under key (32 bytes; RFC 2104). Any key length works. Empty array if OpenSSL fails. */
QByteArray hmacSha256(const QByteArray& key, const QByteArray& data);

/**
 * HKDF-SHA256 (RFC 5869, extract then expand): length bytes of key material for one purpose, named by info, from a
 * key that is already uniformly random (the store's data key), so the purposes' keys are independent of each other
 * and of the key itself. salt is optional (RFC 5869: an empty salt is a block of zeros). Returns an empty array when
 * key is empty, length is not in 1..8160 (255 * 32) or OpenSSL fails.
 */
QByteArray hkdfSha256(const QByteArray& key, const QByteArray& info, int length = 32, const QByteArray& salt = {});

/** a == b in time that depends only on the lengths (CRYPTO_memcmp), for comparing MACs and tags. */
bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

/**
 * Overwrites the bytes with OPENSSL_cleanse (which the compiler may not optimise away), then clears the array.
 * Only this array's own buffer is wiped: if it shares data with another QByteArray (implicit sharing), that copy is
 * left alone, so keep secrets in unshared arrays.
 */
void secureZero(QByteArray& bytes);

} // namespace alpr
