#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace alpr {

class DemoRandom;

/** A demo vehicle's plate, packed: shape (bits 40-47), state (48-55) and index in the shape's space (0-39). */
using PlateKey = quint64;

/**
 * Licence-plate shapes for the demo population and the OCR confusions between their characters.
 *
 * The mix follows what a Southern California camera sees: California passenger plates 1ABC234 (first digit
 * weighted towards the recent 5-9 series), commercial 1A23456, a few legacy ABC123 / 123ABC and vanity plates,
 * and 8 % from other states in their own shapes (AZ ABC1234, NV 12A345, OR 123ABC, UT A123BC, CO/FL ABCD12, ...).
 * Sequential series skip I, O and Q as the DMVs do. States sharing a shape share its serial space, so a plate
 * string is never issued twice.
 *
 * allocate() never returns the same plate twice for one instance, nor a reserve()d plate: each shape walks its
 * space through a seeded permutation, so plates look random yet stay unique without a set of issued plates.
 */
class PlateFormats
{
public:
    /** What the population draws, with its share (see kinds()). */
    enum class Kind {
        CaliforniaPassenger,
        CaliforniaCommercial,
        CaliforniaLegacyLettersFirst,
        CaliforniaLegacyDigitsFirst,
        CaliforniaVanity,
        Arizona,
        Nevada,
        Texas,
        Oregon,
        Washington,
        Utah,
        Colorado,
        Florida,
        NewYork,
    };
    static constexpr int MaxLength = 8;
    /** The OCR confusion groups the demo misreads come from (a subset of the search's misread-tolerant groups). */
    static constexpr const char* ConfusionGroups[] = { "8B", "0OD", "1I", "5S", "2Z", "6G" };

    explicit PlateFormats(quint64 seed);

    /** A new plate of a kind drawn by the population mix. */
    PlateKey allocate(DemoRandom& random);
    /** A new plate of the given kind (vanity falls back to passenger when the list is used up). */
    PlateKey allocate(Kind kind, DemoRandom& random);
    /** allocate() will never return this plate (the scripted suspect and hotlist plates). */
    void reserve(const QString& plate);

    /** Writes the plate's characters (A-Z0-9) to out (MaxLength chars) and returns how many. */
    int render(PlateKey key, char16_t* out) const;
    QString plate(PlateKey key) const;
    /** The two-letter issuing state; the returned QString shares one buffer per state. */
    const QString& state(PlateKey key) const;
    bool isCalifornia(PlateKey key) const;

    /** The other members of c's confusion group; empty when c is not confusable. */
    static QStringView confusions(QChar c);
    /** True when a and b are equal or in one confusion group. */
    static bool confusable(QChar a, QChar b);
    /**
     * Writes plate with `substitutions` distinct confusable positions replaced by another member of their
     * group (as an OCR misreads) and returns the length, or 0 when the plate has no confusable character.
     */
    static int misread(QStringView plate, char16_t* out, int substitutions, DemoRandom& random);
    /** The vanity plates the population uses (none has a sequential plate's shape). */
    static QList<QString> vanityPlates();
    /** True when plate has the shape of one of the sequential series above (not vanity). */
    static bool matchesSequentialShape(QStringView plate);

private:
    struct Space
    {
        quint64 size = 0;
        int halfBits = 0;
        quint64 keys[4] = {};
        quint64 next = 0;
    };
    quint64 permute(const Space& space, quint64 index) const;
    PlateKey allocateShape(int shape, int state, DemoRandom& random);
    bool isReserved(const char16_t* chars, int length) const;

    QList<QString> m_states;
    QList<QString> m_vanity;
    QList<QString> m_reserved;
    QList<Space> m_spaces;
};

} // namespace alpr
