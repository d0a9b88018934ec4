#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace alpr {

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) for the second factor CJIS 5.9.5 asks of every user:
 * HMAC-SHA-1, 30-second steps, 6 digits, the parameters every authenticator app understands. The HMAC is OpenSSL's.
 *
 * Replay: a code stays valid for up to three steps (window 1), so verify() reports which step matched. The caller keeps
 * the last accepted step per user and refuses any code whose step is not greater than it, e.g.
 *     qint64 step = 0;
 *     if (Totp::verify(secret, typed, now, 1, &step) && step > user.lastTotpStep) { user.lastTotpStep = step; ... }
 * Secrets are raw bytes; keep them out of logs and wipe copies with secureZero() when done.
 */
class Totp
{
public:
    static constexpr int kDefaultDigits = 6;
    static constexpr int kDefaultStepSeconds = 30;
    static constexpr int kSecretBytes = 20; ///< 160 bits, the HMAC-SHA-1 block-size recommendation of RFC 4226
    static constexpr int kMaxWindow = 10; ///< verify() clamps larger windows to this

    /** RFC 4648 base32 (A-Z, 2-7), upper case, without '=' padding (as otpauth:// URIs want it). */
    static QString base32Encode(const QByteArray& data);

    /**
     * Decodes RFC 4648 base32. Tolerates lower case, spaces (secrets are shown in groups) and trailing '=' padding.
     * Anything else fails with ErrorKind::BadInput naming the character and its position (1-based, in the text as
     * given), and so does a length no encoder can produce (1, 3 or 6 characters left over after groups of 8).
     */
    static Result<QByteArray> base32Decode(const QString& text);

    /** A fresh kSecretBytes secret from OpenSSL's CSPRNG; empty if the generator fails. */
    static QByteArray newSecret();

    /**
     * The code for the step containing unixMs (step = floor(unixMs / 1000 / stepSeconds)), zero-padded to digits.
     * Empty when the secret is empty, digits is outside 6..8, stepSeconds < 1 or unixMs < 0 (the HOTP counter is
     * unsigned).
     */
    static QString code(const QByteArray& secret, qint64 unixMs, int digits = kDefaultDigits,
                        int stepSeconds = kDefaultStepSeconds);

    /** The code for one step counter (the HOTP value of RFC 4226); same rules as code(), empty for step < 0. */
    static QString codeForStep(const QByteArray& secret, qint64 step, int digits = kDefaultDigits);

    /**
     * True when code is the 6-digit, 30-second code of a step within window steps of the one containing unixMs
     * (window 1 accepts the previous, current and next step, for clock drift and typing time). ASCII spaces in code
     * are ignored ("123 456" as apps show it); any other non-digit or a length other than 6 is rejected. Codes are
     * compared in constant time. On success *matchedStep (if given) receives the step that matched, nearest the
     * current step first; see the class comment for refusing replays with it.
     */
    static bool verify(const QByteArray& secret, const QString& code, qint64 unixMs, int window = 1,
                       qint64* matchedStep = nullptr);

    /** The step counter containing unixMs for stepSeconds (floor division; negative before 1970). */
    static qint64 stepAt(qint64 unixMs, int stepSeconds = kDefaultStepSeconds);

    /**
     * The enrolment URI authenticator apps scan (Google Authenticator key-URI format):
     * otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30
     * Issuer and account are percent-encoded (UTF-8; spaces as %20, ':' as %3A) so neither can break the label.
     * The URI contains the secret: show it only to the user enrolling, never log it.
     */
    static QString provisioningUri(const QByteArray& secret, const QString& account, const QString& issuer);
};

} // namespace alpr
