#pragma once

#include "Result.h"

#include <QMap>
#include <QString>

namespace alpr {

/** The tunable part of the password policy; the defaults are the CJIS 5.9.5 figures of POLICY.md (stricter: 12). */
struct PasswordRules
{
    int minLength = 12; ///< in Unicode code points after NFC normalisation
    int maxAgeDays = 365; ///< a password must be changed at least this often
    bool requireMfa = true; ///< TOTP as second factor for every user

    bool operator==(const PasswordRules&) const = default;
};

/**
 * Checks new passwords and password age against the store's rules (CJIS 5.9.5, NIST SP 800-63B 3.1.1.2).
 *
 * A password is checked as the user typed it, NFC-normalised like the KDF does (Crypto.h), and never truncated or
 * reshaped: spaces, punctuation and any Unicode are allowed, only control characters are refused. It is refused when
 * it is too short, contains the user name, is on the banned list shipped as :/security/banned-passwords.txt (compared
 * case-insensitively, also with digits, symbols and spaces stripped from both ends, so "Password2024!" is banned), has
 * fewer than kMinDistinct different characters, or - below kPassphraseLength code points - fails cracklib's check
 * against the system dictionary (cracklib-runtime). Passphrases of kPassphraseLength code points or more skip
 * cracklib: its composition rules were made for 8-character passwords and reject good long passphrases, while NIST
 * SP 800-63B advises length and a blocklist over composition rules.
 *
 * check() may be called from any thread (cracklib, which is not reentrant, is serialised internally).
 */
class PasswordPolicy
{
public:
    static constexpr int kFloorMinLength = 8; ///< CJIS floor: no store may go below it
    static constexpr int kMaxMinLength = 64; ///< tightening is one-way, so a typo like 120 must not lock out changes
    static constexpr int kMaxAgeDaysCeiling = 365; ///< CJIS: change at least yearly
    static constexpr int kPassphraseLength = 20; ///< from here on, length replaces cracklib's composition rules
    static constexpr int kMinDistinct = 5; ///< different code points a password needs (cracklib's MINDIFF)

    explicit PasswordPolicy(PasswordRules rules = {});

    /**
     * Replaces the rules with proposed if that only tightens them: minLength between kFloorMinLength and
     * kMaxMinLength and not below the current value; maxAgeDays between 1 and kMaxAgeDaysCeiling and not above the
     * current value; requireMfa cannot be switched off once on. Otherwise ErrorKind::Policy naming the field, and the
     * rules are unchanged.
     */
    Status tighten(const PasswordRules& proposed);

    const PasswordRules& rules() const;

    /**
     * Ok, or ErrorKind::Usage whose message says exactly why, one reason at a time in this order: control character
     * (with its position), too short (counting code points, saying how many are needed), contains the user name (or
     * its reverse, or a part of four or more letters of it), on the banned list, too few different characters,
     * cracklib's verdict (e.g. "it is based on a dictionary word"). The password is never logged or put in the
     * message. The user name may be empty (no user name check).
     */
    Status check(const QString& password, const QString& userName) const;

    /**
     * True when the password changed at passwordChangedMs (UTC ms) is maxAgeDays or more old at nowMs, or when the
     * change time is unknown (<= 0): a password of unknown age must be changed.
     */
    bool expired(qint64 passwordChangedMs, qint64 nowMs) const;

    /** The rules as store settings: "password.minLength", "password.maxAgeDays", "mfa.required" ("true"/"false"). */
    QMap<QString, QString> toSettings() const;

    /**
     * Rules from store settings written by toSettings(); missing keys keep their defaults, other keys are ignored.
     * A value that is not a number (or true/false) is ErrorKind::BadInput; a value looser than the CJIS floor
     * (minLength < kFloorMinLength or > kMaxMinLength, maxAgeDays outside 1..365, mfa.required false) is
     * ErrorKind::Policy, since only a hand-edited store can hold one. Both name the key and the value.
     */
    static Result<PasswordRules> fromSettings(const QMap<QString, QString>& settings);

    /** True when cracklib's dictionary is installed; without it check() relies on the shipped banned list alone. */
    static bool dictionaryAvailable();

    /** The cracklib dictionary path prefix (as passed to FascistCheck, without .pwd/.pwi/.hwm). */
    static QString dictionaryPath();

    /** Size of the banned set built from the shipped list (0 means the resource was not linked in: a build error). */
    static int bannedListSize();

private:
    PasswordRules m_rules;
};

} // namespace alpr
