#include "Totp.h"

#include "Crypto.h"

#include <QCoreApplication>
#include <QUrl>
#include <algorithm>
#include <array>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Totp", text);
}

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int base32Value(char16_t c)
{
    if (c >= u'A' && c <= u'Z')
        return c - u'A';
    if (c >= u'a' && c <= u'z')
        return c - u'a';
    if (c >= u'2' && c <= u'7')
        return c - u'2' + 26;
    return -1;
}

qint64 powerOfTen(int digits)
{
    qint64 value = 1;
    for (int i = 0; i < digits; ++i)
        value *= 10;
    return value;
}

} // namespace

QString Totp::base32Encode(const QByteArray& data)
{
    QString out;
    out.reserve((data.size() * 8 + 4) / 5);
    quint32 buffer = 0;
    int bits = 0;
    for (const char byte : data) {
        buffer = (buffer << 8) | quint8(byte);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.append(QLatin1Char(kBase32Alphabet[(buffer >> bits) & 0x1f]));
        }
    }
    // The last group is padded with zero bits on the right (RFC 4648 section 6); '=' padding is left off.
    if (bits > 0)
        out.append(QLatin1Char(kBase32Alphabet[(buffer << (5 - bits)) & 0x1f]));
    return out;
}

Result<QByteArray> Totp::base32Decode(const QString& text)
{
    QByteArray out;
    out.reserve(text.size() * 5 / 8);
    quint32 buffer = 0;
    int bits = 0;
    int symbols = 0;
    bool inPadding = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == u' ')
            continue;
        if (c == u'=') {
            inPadding = true;
            continue;
        }
        const int value = base32Value(c);
        if (value < 0 || inPadding) {
            const QString shown = QChar::isPrint(char32_t(c))
                ? QString(QChar(c))
                : QStringLiteral("U+%1").arg(int(c), 4, 16, QLatin1Char('0')).toUpper();
            const QString why = inPadding && value >= 0
                ? tr("'%1' at position %2 follows '=' padding, which may only come at the end.")
                : tr("'%1' at position %2 is not a base32 character (A-Z and 2-7).");
            return badInput(tr("The TOTP secret is not valid base32: %1").arg(why.arg(shown, QString::number(i + 1))));
        }
        buffer = (buffer << 5) | quint32(value);
        bits += 5;
        ++symbols;
        if (bits >= 8) {
            bits -= 8;
            out.append(char((buffer >> bits) & 0xff));
        }
    }
    // 8 symbols carry 5 bytes; a last partial group of 2, 4, 5 or 7 symbols carries 1-4 bytes. 1, 3 or 6 symbols
    // cannot come from any byte string, so the text was cut or mistyped.
    const int rest = symbols % 8;
    if (rest == 1 || rest == 3 || rest == 6) {
        return badInput(tr("The TOTP secret is not valid base32: %1 characters cannot encode whole bytes "
                           "(the secret looks cut short or mistyped).")
                            .arg(symbols));
    }
    return out;
}

QByteArray Totp::newSecret()
{
    return randomBytes(kSecretBytes);
}

qint64 Totp::stepAt(qint64 unixMs, int stepSeconds)
{
    const qint64 stepMs = qint64(std::max(stepSeconds, 1)) * 1000;
    qint64 step = unixMs / stepMs;
    if (unixMs % stepMs != 0 && unixMs < 0)
        --step;
    return step;
}

QString Totp::codeForStep(const QByteArray& secret, qint64 step, int digits)
{
    if (secret.isEmpty() || digits < 6 || digits > 8 || step < 0)
        return {};
    std::array<unsigned char, 8> counter {};
    for (int i = 7; i >= 0; --i) {
        counter[size_t(i)] = static_cast<unsigned char>(step & 0xff);
        step >>= 8;
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac {};
    unsigned int macLength = 0;
    if (!HMAC(EVP_sha1(), secret.constData(), int(secret.size()), counter.data(), counter.size(), mac.data(),
              &macLength)
        || macLength != 20) {
        return {};
    }
    // Dynamic truncation, RFC 4226 section 5.3: 31 bits starting at the offset named by the last nibble.
    const unsigned offset = mac[19] & 0x0f;
    const quint32 binary = (quint32(mac[offset] & 0x7f) << 24) | (quint32(mac[offset + 1]) << 16)
        | (quint32(mac[offset + 2]) << 8) | quint32(mac[offset + 3]);
    OPENSSL_cleanse(mac.data(), mac.size());
    const qint64 value = qint64(binary) % powerOfTen(digits);
    return QStringLiteral("%1").arg(value, digits, 10, QLatin1Char('0'));
}

QString Totp::code(const QByteArray& secret, qint64 unixMs, int digits, int stepSeconds)
{
    if (stepSeconds < 1 || unixMs < 0)
        return {};
    return codeForStep(secret, stepAt(unixMs, stepSeconds), digits);
}

bool Totp::verify(const QByteArray& secret, const QString& code, qint64 unixMs, int window, qint64* matchedStep)
{
    if (secret.isEmpty() || unixMs < 0)
        return false;
    QByteArray typed;
    typed.reserve(kDefaultDigits);
    for (const QChar c : code) {
        if (c == u' ')
            continue;
        // Only ASCII digits: QChar::isDigit() would also take Arabic-Indic and other digits no app shows.
        if (c < u'0' || c > u'9')
            return false;
        typed.append(char(c.unicode()));
    }
    if (typed.size() != kDefaultDigits)
        return false;

    window = std::clamp(window, 0, kMaxWindow);
    const qint64 current = stepAt(unixMs, kDefaultStepSeconds);
    bool matched = false;
    qint64 matchedAt = 0;
    // Every step of the window is computed and compared even after a match, so the time taken does not depend on
    // which step (or whether any) matched. Nearest steps come first so that the reported step is the most likely one
    // if two steps happen to share a code.
    for (int distance = 0; distance <= window; ++distance) {
        for (const int sign : { -1, 1 }) {
            if (distance == 0 && sign == 1)
                continue;
            const qint64 step = current + sign * distance;
            const QByteArray expected = codeForStep(secret, step, kDefaultDigits).toLatin1();
            if (expected.size() != typed.size())
                continue;
            const bool equal = CRYPTO_memcmp(expected.constData(), typed.constData(), size_t(typed.size())) == 0;
            if (equal && !matched) {
                matched = true;
                matchedAt = step;
            }
        }
    }
    if (matched && matchedStep)
        *matchedStep = matchedAt;
    return matched;
}

QString Totp::provisioningUri(const QByteArray& secret, const QString& account, const QString& issuer)
{
    // '@' is a legal pchar and authenticator apps show "alice@agency" more readably unencoded; everything else
    // outside RFC 3986's unreserved set is encoded, so a ':' or '&' in a name cannot split the label or the query.
    const QByteArray keep("@");
    const QString issuerEncoded = QString::fromLatin1(QUrl::toPercentEncoding(issuer, keep));
    const QString accountEncoded = QString::fromLatin1(QUrl::toPercentEncoding(account, keep));
    return QStringLiteral("otpauth://totp/%1:%2?secret=%3&issuer=%1&algorithm=SHA1&digits=%4&period=%5")
        .arg(issuerEncoded, accountEncoded, base32Encode(secret), QString::number(kDefaultDigits),
             QString::number(kDefaultStepSeconds));
}

} // namespace alpr
