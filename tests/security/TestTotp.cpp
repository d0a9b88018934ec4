// TOTP (RFC 6238) and base32 (RFC 4648): the RFC test vectors, a bit-by-bit base32 reference, the verification
// window, malformed codes, and the enrolment URI an authenticator app scans.
#include "Totp.h"

#include <QRandomGenerator>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>
#include <catch2/catch_test_macros.hpp>
#include <catch2/catch_tostring.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <cstdlib>
#include <string>

template<> struct Catch::StringMaker<QByteArray>
{
    static std::string convert(const QByteArray& bytes) { return "hex:" + bytes.toHex().toStdString(); }
};

using namespace alpr;

namespace {

const QByteArray kRfcSecret("12345678901234567890"); // RFC 6238 Appendix B, SHA-1

/** Base32 the slow, obvious way: write every bit out, cut into groups of five, look each up. */
QString referenceBase32(const QByteArray& data)
{
    std::string bits;
    for (const char byte : data) {
        for (int bit = 7; bit >= 0; --bit)
            bits.push_back(((quint8(byte) >> bit) & 1) ? '1' : '0');
    }
    while (bits.size() % 5 != 0)
        bits.push_back('0');
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    QString out;
    for (size_t i = 0; i < bits.size(); i += 5)
        out.append(QLatin1Char(alphabet[std::stoi(bits.substr(i, 5), nullptr, 2)]));
    return out;
}

QByteArray decoded(const QString& text)
{
    const Result<QByteArray> result = Totp::base32Decode(text);
    INFO(result.error().message.toStdString());
    REQUIRE(result.ok());
    return result.value();
}

} // namespace

TEST_CASE("base32 matches the RFC 4648 test vectors, without padding on output")
{
    const auto [plain, encoded] = GENERATE(table<const char*, const char*>({
        { "", "" },
        { "f", "MY" },
        { "fo", "MZXQ" },
        { "foo", "MZXW6" },
        { "foob", "MZXW6YQ" },
        { "fooba", "MZXW6YTB" },
        { "foobar", "MZXW6YTBOI" },
    }));
    CAPTURE(plain);
    CHECK(Totp::base32Encode(QByteArray(plain)) == QLatin1String(encoded));
    CHECK(decoded(QLatin1String(encoded)) == QByteArray(plain));
}

TEST_CASE("base32 decoding tolerates lower case, spaces and padding the way secrets get typed")
{
    CHECK(decoded(QStringLiteral("MZXW6YTBOI======")) == QByteArray("foobar"));
    CHECK(decoded(QStringLiteral("mzxw 6ytb oi")) == QByteArray("foobar"));
    CHECK(decoded(QStringLiteral("MY======")) == QByteArray("f"));
    CHECK(decoded(QStringLiteral("  ")).isEmpty());
}

TEST_CASE("base32 decoding names the bad character and its position")
{
    const Result<QByteArray> digitOne = Totp::base32Decode(QStringLiteral("MZ1W6"));
    REQUIRE_FALSE(digitOne.ok());
    CHECK(digitOne.error().kind == ErrorKind::BadInput);
    CHECK(digitOne.error().message.contains(QStringLiteral("'1' at position 3")));

    const Result<QByteArray> eight = Totp::base32Decode(QStringLiteral("mzxw8"));
    REQUIRE_FALSE(eight.ok());
    CHECK(eight.error().message.contains(QStringLiteral("'8' at position 5")));

    const Result<QByteArray> afterPadding = Totp::base32Decode(QStringLiteral("MY==MZXQ"));
    REQUIRE_FALSE(afterPadding.ok());
    CHECK(afterPadding.error().message.contains(QStringLiteral("position 5")));
    CHECK(afterPadding.error().message.contains(QStringLiteral("padding")));

    // 1, 3 or 6 leftover symbols are impossible lengths: a secret cut short, not a secret.
    for (const QString& text : { QStringLiteral("M"), QStringLiteral("MZX"), QStringLiteral("MZXW6Y") }) {
        CAPTURE(text.toStdString());
        const Result<QByteArray> result = Totp::base32Decode(text);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.contains(QStringLiteral("cannot encode whole bytes")));
    }
}

TEST_CASE("base32 agrees with a bit-by-bit reference and round-trips on random data")
{
    QRandomGenerator random(20240601);
    for (int length = 0; length <= 64; ++length) {
        QByteArray data(length, Qt::Uninitialized);
        for (char& byte : data)
            byte = char(random.bounded(256));
        const QString encoded = Totp::base32Encode(data);
        CAPTURE(length);
        REQUIRE(encoded == referenceBase32(data));
        REQUIRE(decoded(encoded) == data);
        REQUIRE(decoded(encoded.toLower()) == data);
    }
}

TEST_CASE("TOTP codes match the RFC 6238 Appendix B SHA-1 vectors")
{
    const auto [seconds, expected] = GENERATE(table<qint64, const char*>({
        { 59, "94287082" },
        { 1111111109, "07081804" },
        { 1111111111, "14050471" },
        { 1234567890, "89005924" },
        { 2000000000, "69279037" },
        { 20000000000, "65353130" },
    }));
    CAPTURE(seconds);
    const QString eight = QLatin1String(expected);
    CHECK(Totp::code(kRfcSecret, seconds * 1000, 8) == eight);
    // 6 digits is the same 31-bit value mod 10^6: the last six digits.
    CHECK(Totp::code(kRfcSecret, seconds * 1000) == eight.right(6));
    CHECK(Totp::verify(kRfcSecret, eight.right(6), seconds * 1000));
}

TEST_CASE("TOTP steps are 30 seconds long and the code changes at the boundary")
{
    CHECK(Totp::stepAt(0) == 0);
    CHECK(Totp::stepAt(29999) == 0);
    CHECK(Totp::stepAt(30000) == 1);
    CHECK(Totp::stepAt(-1) == -1);
    CHECK(Totp::code(kRfcSecret, 30000) == Totp::code(kRfcSecret, 59999));
    CHECK(Totp::code(kRfcSecret, 59999) != Totp::code(kRfcSecret, 60000));
    CHECK(Totp::code(kRfcSecret, 59000) == Totp::codeForStep(kRfcSecret, 1));
}

TEST_CASE("TOTP refuses parameters it cannot honour instead of producing a weak code")
{
    CHECK(Totp::code(QByteArray(), 59000).isEmpty());
    CHECK(Totp::code(kRfcSecret, 59000, 5).isEmpty());
    CHECK(Totp::code(kRfcSecret, 59000, 9).isEmpty());
    CHECK(Totp::code(kRfcSecret, 59000, 6, 0).isEmpty());
    CHECK(Totp::code(kRfcSecret, -1).isEmpty());
    CHECK_FALSE(Totp::verify(QByteArray(), QStringLiteral("000000"), 59000));
}

TEST_CASE("verify accepts the previous, current and next step, rejects two steps off, and reports the step")
{
    const qint64 now = 1700000000123; // some time in 2023, mid-step
    const qint64 current = Totp::stepAt(now);
    QStringList codes; // steps current-2 .. current+2
    for (qint64 step = current - 2; step <= current + 2; ++step)
        codes.append(Totp::codeForStep(kRfcSecret, step));
    // The test only means something if the five codes differ (they do for this secret and time).
    REQUIRE(QSet<QString>(codes.begin(), codes.end()).size() == 5);

    for (int offset = -2; offset <= 2; ++offset) {
        CAPTURE(offset);
        qint64 matched = -999;
        const bool accepted = Totp::verify(kRfcSecret, codes.at(offset + 2), now, 1, &matched);
        CHECK(accepted == (std::abs(offset) <= 1));
        if (accepted)
            CHECK(matched == current + offset);
        else
            CHECK(matched == -999);
    }
    // A wider window takes ±2; window 0 only the current step.
    CHECK(Totp::verify(kRfcSecret, codes.at(0), now, 2));
    CHECK(Totp::verify(kRfcSecret, codes.at(4), now, 2));
    CHECK_FALSE(Totp::verify(kRfcSecret, codes.at(1), now, 0));
    CHECK(Totp::verify(kRfcSecret, codes.at(2), now, 0));
}

TEST_CASE("a code used twice reports the same step, so the caller can refuse the replay")
{
    const qint64 now = 1700000010000;
    const QString code = Totp::code(kRfcSecret, now);
    qint64 first = 0;
    qint64 second = 0;
    REQUIRE(Totp::verify(kRfcSecret, code, now, 1, &first));
    REQUIRE(Totp::verify(kRfcSecret, code, now + 20000, 1, &second)); // still inside the window 20 s later
    CHECK(first == second);
    CHECK(first == Totp::stepAt(now));
}

TEST_CASE("verify rejects codes of the wrong length or with non-digits, and ignores spaces")
{
    const qint64 t = 59000;
    CHECK(Totp::verify(kRfcSecret, QStringLiteral("287082"), t));
    CHECK(Totp::verify(kRfcSecret, QStringLiteral("287 082"), t));
    CHECK(Totp::verify(kRfcSecret, QStringLiteral(" 287082 "), t));
    CHECK_FALSE(Totp::verify(kRfcSecret, QStringLiteral("94287082"), t)); // the 8-digit form
    CHECK_FALSE(Totp::verify(kRfcSecret, QStringLiteral("87082"), t));
    CHECK_FALSE(Totp::verify(kRfcSecret, QStringLiteral("2870821"), t));
    CHECK_FALSE(Totp::verify(kRfcSecret, QString(), t));
    CHECK_FALSE(Totp::verify(kRfcSecret, QStringLiteral("28708a"), t));
    CHECK_FALSE(Totp::verify(kRfcSecret, QStringLiteral("287-082"), t));
    CHECK_FALSE(Totp::verify(kRfcSecret, QStringLiteral("+87082"), t));
    // Full-width and Arabic-Indic digits look like digits but are not what any authenticator shows.
    CHECK_FALSE(Totp::verify(kRfcSecret, QStringLiteral("２８７０８２"), t));
    CHECK_FALSE(Totp::verify(kRfcSecret, QStringLiteral("٢٨٧٠٨٢"), t));
    // Wrong secret, right shape.
    CHECK_FALSE(Totp::verify(QByteArray("another secret of 20"), QStringLiteral("287082"), t));
}

TEST_CASE("new secrets are 20 random bytes")
{
    const QByteArray a = Totp::newSecret();
    const QByteArray b = Totp::newSecret();
    CHECK(a.size() == 20);
    CHECK(b.size() == 20);
    CHECK(a != b);
}

TEST_CASE("the provisioning URI carries the base32 secret and percent-encodes the label")
{
    const QString uri
        = Totp::provisioningUri(kRfcSecret, QStringLiteral("Jane Doe:WCPD"), QStringLiteral("ALPR Workstation"));
    CHECK(uri
          == QStringLiteral("otpauth://totp/ALPR%20Workstation:Jane%20Doe%3AWCPD"
                            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ALPR%20Workstation"
                            "&algorithm=SHA1&digits=6&period=30"));

    // What an authenticator app does with it: parse, decode the label and the secret.
    const QUrl url(uri, QUrl::StrictMode);
    REQUIRE(url.isValid());
    CHECK(url.scheme() == QStringLiteral("otpauth"));
    CHECK(url.host() == QStringLiteral("totp"));
    CHECK(url.path(QUrl::FullyDecoded) == QStringLiteral("/ALPR Workstation:Jane Doe:WCPD"));
    const QUrlQuery query(url);
    CHECK(decoded(query.queryItemValue(QStringLiteral("secret"))) == kRfcSecret);
    CHECK(query.queryItemValue(QStringLiteral("issuer"), QUrl::FullyDecoded) == QStringLiteral("ALPR Workstation"));

    // Characters that would end the label or the query are encoded; non-ASCII goes as UTF-8.
    const QString tricky
        = Totp::provisioningUri(kRfcSecret, QStringLiteral("o'brien&co?x=1#y"), QStringLiteral("Polícia"));
    CHECK(tricky.startsWith(QStringLiteral("otpauth://totp/Pol%C3%ADcia:o%27brien%26co%3Fx%3D1%23y?secret=")));
    CHECK(tricky.contains(QStringLiteral("&issuer=Pol%C3%ADcia&")));
    CHECK(Totp::provisioningUri(kRfcSecret, QStringLiteral("jdoe@wcpd"), QStringLiteral("WCPD"))
              .startsWith(QStringLiteral("otpauth://totp/WCPD:jdoe@wcpd?")));
}
