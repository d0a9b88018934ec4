#include "OcrConfusion.h"
#include "PlatePattern.h"

#include <QElapsedTimer>
#include <catch2/catch_test_macros.hpp>

using namespace alpr;

namespace {

PlatePattern parsed(const QString& text, bool misread = false)
{
    auto result = PlatePattern::parse(text, misread);
    INFO(text.toStdString() << ": " << result.error().message.toStdString());
    REQUIRE(result.ok());
    return result.value();
}

QString canonical(const QString& text, bool misread = false)
{
    return parsed(text, misread).toString();
}

/** Position reported for an invalid pattern; also checks the Result error agrees with the ParseError. */
int errorPosition(const QString& text)
{
    PlatePattern::ParseError error;
    auto result = PlatePattern::parse(text, false, &error);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Usage);
    CHECK(result.error().message.contains(QStringLiteral("position %1:").arg(error.position)));
    CHECK_FALSE(error.reason.isEmpty());
    CHECK(result.error().message.contains(error.reason));
    return error.position;
}

QString reasonOf(const QString& text)
{
    PlatePattern::ParseError error;
    auto result = PlatePattern::parse(text, false, &error);
    REQUIRE_FALSE(result.ok());
    return error.reason;
}

} // namespace

TEST_CASE("plate patterns parse to a canonical form")
{
    CHECK(canonical(QStringLiteral("7ABC234")) == QStringLiteral("7ABC234"));
    CHECK(canonical(QStringLiteral("7abc*")) == QStringLiteral("7ABC*"));
    CHECK(canonical(QStringLiteral("7 - a b c")) == QStringLiteral("7ABC"));
    CHECK(canonical(QStringLiteral(" 7*[b8]?2 ")) == QStringLiteral("7*[8B]?2"));
    CHECK(canonical(QStringLiteral("7***2")) == QStringLiteral("7*2"));
    // "?" next to a star goes first: same plates, longer anchored prefix.
    CHECK(canonical(QStringLiteral("7*?2")) == QStringLiteral("7?*2"));
    CHECK(canonical(QStringLiteral("*?*?A")) == QStringLiteral("??*A"));
    CHECK(canonical(QStringLiteral("[ABC]")) == QStringLiteral("[A-C]"));
    CHECK(canonical(QStringLiteral("[a-f]")) == QStringLiteral("[A-F]"));
    CHECK(canonical(QStringLiteral("[ABD]")) == QStringLiteral("[ABD]"));
    CHECK(canonical(QStringLiteral("[3-5 X Y Z 9]")) == QStringLiteral("[3-59X-Z]"));
    CHECK(canonical(QStringLiteral("[8]")) == QStringLiteral("8"));
    CHECK(canonical(QStringLiteral("[!0O]")) == QStringLiteral("[!0O]"));
    CHECK(canonical(QStringLiteral("[^0o]")) == QStringLiteral("[!0O]"));
    CHECK(canonical(QStringLiteral("[0-9A-Z]")) == QStringLiteral("?"));
    CHECK(canonical(QStringLiteral("[A-]")) == QStringLiteral("A"));

    const PlatePattern p = parsed(QStringLiteral("7*[8B]?2"));
    REQUIRE(p.elements().size() == 5);
    CHECK(p.elements()[1].isStar());
    CHECK(p.elements()[2].mask == ((quint64(1) << 8) | (quint64(1) << PlatePattern::symbolOf(u'B'))));
    CHECK(p.elements()[3].isAny());
    CHECK(p.minLength() == 4);
    CHECK(p.maxLength() == 10);
    CHECK_FALSE(p.isExact());

    const PlatePattern exact = parsed(QStringLiteral("7ABC234"));
    CHECK(exact.isExact());
    CHECK(exact.minLength() == 7);
    CHECK(exact.maxLength() == 7);
    CHECK_FALSE(parsed(QStringLiteral("7ABC23?")).isExact());
    // Widening makes a plain plate a set of plates.
    CHECK_FALSE(parsed(QStringLiteral("7ABC234"), true).isExact());
}

TEST_CASE("canonical forms parse back to the same pattern")
{
    for (const char* text :
         { "7*[8B]?2", "[!0O]??[A-F]*", "*A*B*", "[1-3]?[!A-M]*9", "?", "*", "[13579][ACEGIKMOQSUWY]" }) {
        for (bool misread : { false, true }) {
            const PlatePattern p = parsed(QString::fromLatin1(text), misread);
            const PlatePattern again = parsed(p.toString(), misread);
            CHECK(again.elements() == p.elements());
            // The effective form, parsed without widening, searches the same sets.
            const PlatePattern effective = parsed(p.toEffectiveString(), false);
            REQUIRE(effective.elements().size() == p.elements().size());
            for (qsizetype i = 0; i < p.elements().size(); ++i)
                CHECK(effective.elements()[i].mask == p.elements()[i].mask);
        }
    }
}

TEST_CASE("invalid patterns name the position and the reason")
{
    CHECK(errorPosition(QString()) == 1);
    CHECK(errorPosition(QStringLiteral(" - -  ")) == 1);
    CHECK(reasonOf(QString()).contains(QStringLiteral("empty")));
    CHECK(errorPosition(QStringLiteral("7AB[C")) == 4);
    CHECK(reasonOf(QStringLiteral("7AB[C")).contains(QStringLiteral("never closed")));
    CHECK(errorPosition(QStringLiteral("7[]")) == 2);
    CHECK(errorPosition(QStringLiteral("7[ ]2")) == 2);
    CHECK(reasonOf(QStringLiteral("7[]")).contains(QStringLiteral("empty")));
    CHECK(errorPosition(QStringLiteral("[!0-9A-Z]")) == 1);
    CHECK(reasonOf(QStringLiteral("[!0-9A-Z]")).contains(QStringLiteral("every character")));
    CHECK(errorPosition(QStringLiteral("AB[!]")) == 3);
    CHECK(errorPosition(QStringLiteral("AB[-]")) == 3);
    CHECK(errorPosition(QStringLiteral("7%")) == 2);
    CHECK(reasonOf(QStringLiteral("7%")).contains(QStringLiteral("\"%\"")));
    CHECK(errorPosition(QStringLiteral("7.ABC")) == 2);
    CHECK(errorPosition(QStringLiteral("7AB\u00c9")) == 4);
    CHECK(errorPosition(QStringLiteral("A[B[C]]")) == 4);
    CHECK(reasonOf(QStringLiteral("A[B[C]]")).contains(QStringLiteral("nested")));
    CHECK(errorPosition(QStringLiteral("AB]")) == 3);
    CHECK(errorPosition(QStringLiteral("[A?]")) == 3);
    CHECK(errorPosition(QStringLiteral("[A%]")) == 3);
    CHECK(errorPosition(QStringLiteral("[Z-A]")) == 3);
    CHECK(reasonOf(QStringLiteral("[Z-A]")).contains(QStringLiteral("backwards")));
    CHECK(errorPosition(QStringLiteral("[1-C]")) == 3);
    CHECK(errorPosition(QStringLiteral("ABC!")) == 4);
    // More than ten characters: reported where the eleventh starts (spaces and stars do not count).
    CHECK(errorPosition(QStringLiteral("ABCDEFGHIJK")) == 11);
    CHECK(errorPosition(QStringLiteral("AB*CDEFGH IJ[KL]")) == 13);
    CHECK(reasonOf(QStringLiteral("ABCDEFGHIJK")).contains(QStringLiteral("10")));
    CHECK(parsed(QStringLiteral("ABCDE*FGHIJ")).minLength() == 10);
}

TEST_CASE("SQL-looking and huge inputs are rejected as plain text")
{
    CHECK(errorPosition(QStringLiteral("' OR 1=1 --")) == 1);
    CHECK(errorPosition(QStringLiteral("7ABC' OR '1'='1")) == 5);
    CHECK(errorPosition(QStringLiteral("%")) == 1);
    CHECK(errorPosition(QStringLiteral("7AB%")) == 4);
    CHECK(errorPosition(QStringLiteral(";DROP TABLE reads")) == 1);
    CHECK(errorPosition(QStringLiteral("7ABC; DROP TABLE reads")) == 5);
    CHECK(errorPosition(QStringLiteral("7ABC\u0000")) == 5);
    CHECK(reasonOf(QStringLiteral("7ABC\u0000")).contains(QStringLiteral("U+0000")));

    QElapsedTimer timer;
    timer.start();
    CHECK(errorPosition(QString(100000, u'A')) == 11);
    CHECK(errorPosition(QString(100000, u'*')) == PlatePattern::kMaxPatternText + 1);
    CHECK(errorPosition(QStringLiteral("[") + QString(100000, u'A')) == PlatePattern::kMaxPatternText + 1);
    CHECK(errorPosition(QString(100000, u' ')) == PlatePattern::kMaxPatternText + 1);
    CHECK(timer.elapsed() < 1000);
}

TEST_CASE("patterns match normalised plates")
{
    const PlatePattern p = parsed(QStringLiteral("7*[8B]?2"));
    CHECK(p.matches(u"7AB12"));
    CHECK(p.matches(u"78X2"));
    CHECK(p.matches(u"7XYZ8Q2"));
    CHECK_FALSE(p.matches(u"782"));
    CHECK_FALSE(p.matches(u"7A8XX2"));
    CHECK_FALSE(p.matches(u"7ab12")); // not normalised
    CHECK_FALSE(p.matches(u"7 AB12"));
    CHECK_FALSE(p.matches(u""));

    const PlatePattern star = parsed(QStringLiteral("*"));
    CHECK(star.matches(u"A"));
    CHECK(star.matches(u"ABCDEFGHIJ"));
    CHECK_FALSE(star.matches(u"ABCDEFGHIJK")); // longer than any plate

    const PlatePattern aa = parsed(QStringLiteral("A*A"));
    CHECK_FALSE(aa.matches(u"A"));
    CHECK(aa.matches(u"AA"));
    CHECK(aa.matches(u"ABA"));
    CHECK_FALSE(aa.matches(u"ABAB"));

    const PlatePattern notZero = parsed(QStringLiteral("[!0O]*"));
    CHECK(notZero.matches(u"7ABC"));
    CHECK_FALSE(notZero.matches(u"0ABC"));
    CHECK_FALSE(notZero.matches(u"OABC"));
}

TEST_CASE("OCR confusion groups are shown and widen misread searches")
{
    const QStringList groups = OcrConfusion::groups();
    CHECK(groups.contains(QStringLiteral("0ODQ")));
    CHECK(groups.contains(QStringLiteral("8B")));
    CHECK(groups.contains(QStringLiteral("2Z")));
    CHECK(groups.contains(QStringLiteral("5S")));
    CHECK(OcrConfusion::groupOf(u'8') == QStringLiteral("8B"));
    CHECK(OcrConfusion::groupOf(u'b') == QStringLiteral("8B"));
    CHECK(OcrConfusion::groupOf(u'0') == QStringLiteral("0DOQ"));
    CHECK(OcrConfusion::groupOf(u'1') == QStringLiteral("17IL"));
    CHECK(OcrConfusion::groupOf(u'I') == QStringLiteral("1IL")); // not transitively 7
    CHECK(OcrConfusion::groupOf(u'G') == QStringLiteral("6CG"));
    CHECK(OcrConfusion::groupOf(u'X') == QStringLiteral("X"));
    CHECK(OcrConfusion::groupOf(u'%').isEmpty());
    // Every group member widens to at least its group.
    for (const QString& group : groups) {
        for (QChar c : group) {
            for (QChar other : group)
                CHECK(OcrConfusion::groupOf(c).contains(other));
        }
    }

    const PlatePattern eight = parsed(QStringLiteral("8"), true);
    CHECK(eight.matches(u"8"));
    CHECK(eight.matches(u"B"));
    CHECK_FALSE(eight.matches(u"3"));
    CHECK_FALSE(parsed(QStringLiteral("8")).matches(u"B"));
    CHECK(eight.toString() == QStringLiteral("8"));
    CHECK(eight.toEffectiveString() == QStringLiteral("[8B]"));

    const PlatePattern zero = parsed(QStringLiteral("0"), true);
    for (const char16_t* plate : { u"0", u"O", u"D", u"Q" })
        CHECK(zero.matches(QStringView(plate)));
    CHECK_FALSE(zero.matches(u"8"));

    // Class members widen too.
    const PlatePattern cls = parsed(QStringLiteral("[8C]"), true);
    CHECK(cls.matches(u"B"));
    CHECK(cls.matches(u"G"));
    CHECK_FALSE(cls.matches(u"6")); // C widens to C G; G's own group with 6 is not followed
}

TEST_CASE("misread matches are ranked below exact ones")
{
    const PlatePattern p = parsed(QStringLiteral("7*8BC"), true);
    CHECK(p.matches(u"7X8BC"));
    CHECK(p.matchesExactly(u"7X8BC"));
    CHECK(p.misreadCount(u"7X8BC") == 0);
    CHECK(p.matches(u"7XB8C"));
    CHECK_FALSE(p.matchesExactly(u"7XB8C"));
    CHECK(p.misreadCount(u"7XB8C") == 2);
    CHECK(p.misreadCount(u"T8BG") == 2); // 7 read as T, C read as G
    CHECK(p.misreadCount(u"7XXXC") == -1);
    // The best alignment counts: "BB" could be 8B with one misread or B8 with two.
    const PlatePattern floating = parsed(QStringLiteral("*8B*"), true);
    CHECK(floating.misreadCount(u"XBBX") == 1);
    CHECK(floating.misreadCount(u"B8BX") == 0);
    // Without misread mode every match is exact.
    const PlatePattern plain = parsed(QStringLiteral("7*8BC"));
    CHECK(plain.matchesExactly(u"7X8BC"));
    CHECK(plain.misreadCount(u"7XB8C") == -1);
}
