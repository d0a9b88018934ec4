#include "PasswordPolicy.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QtDebug>
#include <algorithm>

// clang-format off
#include <cstddef> // crack.h uses size_t without including it: keep this first
#include <crack.h>
// clang-format on

namespace alpr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("PasswordPolicy", text);
}

const QString kMinLengthKey = QStringLiteral("password.minLength");
const QString kMaxAgeDaysKey = QStringLiteral("password.maxAgeDays");
const QString kRequireMfaKey = QStringLiteral("mfa.required");
constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

/** Leading and trailing code points that are not letters (digits, symbols, punctuation, spaces) removed. */
QString stripNonLetterEnds(const QString& text)
{
    const QList<uint> codePoints = text.toUcs4();
    qsizetype first = 0;
    qsizetype last = codePoints.size();
    while (first < last && !QChar::isLetter(char32_t(codePoints[first])))
        ++first;
    while (last > first && !QChar::isLetter(char32_t(codePoints[last - 1])))
        --last;
    return QString::fromUcs4(reinterpret_cast<const char32_t*>(codePoints.constData()) + first, last - first);
}

QString withoutSpaces(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (!c.isSpace())
            out.append(c);
    }
    return out;
}

/** The banned list, case-folded, with each entry's letter core added, loaded once from the resource. */
const QSet<QString>& bannedSet()
{
    static const QSet<QString> banned = [] {
        QSet<QString> set;
        QFile file(QStringLiteral(":/security/banned-passwords.txt"));
        if (!file.open(QIODevice::ReadOnly)) {
            // Without the resource only the length, user name, distinct-character and cracklib checks remain; the
            // test suite asserts the list is linked in, so this is a packaging bug, not a user's problem.
            qWarning("PasswordPolicy: the banned password list resource is missing");
            return set;
        }
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        for (const QString& line : lines) {
            const QString entry = line.trimmed();
            if (entry.isEmpty() || entry.startsWith(QLatin1Char('#')))
                continue;
            const QString folded = entry.normalized(QString::NormalizationForm_C).toCaseFolded();
            set.insert(folded);
            set.insert(withoutSpaces(folded));
            const QString core = stripNonLetterEnds(folded);
            if (!core.isEmpty())
                set.insert(core);
        }
        set.remove(QString());
        return set;
    }();
    return banned;
}

bool isBanned(const QString& normalisedPassword)
{
    const QSet<QString>& banned = bannedSet();
    const QString folded = normalisedPassword.toCaseFolded();
    const QString compact = withoutSpaces(folded);
    for (const QString& candidate : { folded, compact, stripNonLetterEnds(folded), stripNonLetterEnds(compact) }) {
        if (!candidate.isEmpty() && banned.contains(candidate))
            return true;
    }
    return false;
}

bool containsUserName(const QString& foldedPassword, const QString& userName)
{
    const QString user = userName.normalized(QString::NormalizationForm_C).toCaseFolded().trimmed();
    // Below three characters a user name ("jo") would match by chance in many good passwords.
    if (user.size() < 3)
        return false;
    QString reversed = user;
    std::reverse(reversed.begin(), reversed.end());
    if (foldedPassword.contains(user) || foldedPassword.contains(reversed))
        return true;
    // "j.smith", "smith_j" or "jsmith@wcpd": the surname alone gives the password away as much as the whole name.
    QString part;
    for (qsizetype i = 0; i <= user.size(); ++i) {
        if (i < user.size() && user.at(i).isLetterOrNumber()) {
            part.append(user.at(i));
            continue;
        }
        if (part.size() >= 4 && foldedPassword.contains(part))
            return true;
        part.clear();
    }
    return false;
}

/** cracklib's English verdicts, made translatable; an unknown one is shown as cracklib gave it. */
QString crackVerdict(const char* verdict)
{
    static const char* const known[] = {
        QT_TRANSLATE_NOOP("PasswordPolicy", "it is WAY too short"),
        QT_TRANSLATE_NOOP("PasswordPolicy", "it is too short"),
        QT_TRANSLATE_NOOP("PasswordPolicy", "it does not contain enough DIFFERENT characters"),
        QT_TRANSLATE_NOOP("PasswordPolicy", "it is all whitespace"),
        QT_TRANSLATE_NOOP("PasswordPolicy", "it is too simplistic/systematic"),
        QT_TRANSLATE_NOOP("PasswordPolicy", "it looks like a National Insurance number."),
        QT_TRANSLATE_NOOP("PasswordPolicy", "it is based on your username"),
        QT_TRANSLATE_NOOP("PasswordPolicy", "it is based on a dictionary word"),
        QT_TRANSLATE_NOOP("PasswordPolicy", "it is based on a (reversed) dictionary word"),
    };
    for (const char* text : known) {
        if (qstrcmp(text, verdict) == 0)
            return tr(text);
    }
    return QString::fromUtf8(verdict);
}

QMutex& crackMutex()
{
    static QMutex mutex;
    return mutex;
}

/** cracklib's verdict, or an empty string when it accepts the password or cannot run. */
QString crackCheck(const QString& normalisedPassword, const QString& userName)
{
    if (!PasswordPolicy::dictionaryAvailable())
        return {};
    // cracklib works on C strings: a NUL would cut the password short, which is why check() refuses control
    // characters first. Below kPassphraseLength code points the UTF-8 is at most 76 bytes, far under cracklib's own
    // 256-byte limit, so cracklib also sees the whole password.
    const QByteArray password = normalisedPassword.toUtf8();
    const QByteArray user = userName.normalized(QString::NormalizationForm_C).toUtf8();
    const QByteArray dictionary = PasswordPolicy::dictionaryPath().toLocal8Bit();
    QString verdict;
    {
        // FascistCheckUser keeps state in static buffers (Mangle, FindPW): one caller at a time.
        QMutexLocker lock(&crackMutex());
        // An explicit user (even empty) keeps cracklib from looking up the OS account running the app.
        const char* result = FascistCheckUser(password.constData(), dictionary.constData(), user.constData(), nullptr);
        if (result)
            verdict = QString::fromUtf8(result);
    }
    if (verdict == QLatin1String("error loading dictionary")) {
        // Removed between dictionaryAvailable() and the check (package upgrade): fall back like a missing dictionary.
        qWarning("PasswordPolicy: cracklib could not load its dictionary; using the banned list only");
        return {};
    }
    return verdict.isEmpty() ? verdict : crackVerdict(verdict.toUtf8().constData());
}

Error fieldError(const QString& field, const QString& key, const QString& why)
{
    return policyError(tr("%1 (%2): %3").arg(field, key, why));
}

} // namespace

PasswordPolicy::PasswordPolicy(PasswordRules rules)
    : m_rules(rules)
{
}

const PasswordRules& PasswordPolicy::rules() const
{
    return m_rules;
}

Status PasswordPolicy::tighten(const PasswordRules& proposed)
{
    const QString minField = tr("Minimum password length");
    if (proposed.minLength < kFloorMinLength) {
        return fieldError(
            minField, kMinLengthKey,
            tr("%1 characters is below the CJIS minimum of %2.").arg(proposed.minLength).arg(kFloorMinLength));
    }
    if (proposed.minLength > kMaxMinLength) {
        return fieldError(
            minField, kMinLengthKey,
            tr("%1 characters is more than the largest allowed, %2.").arg(proposed.minLength).arg(kMaxMinLength));
    }
    if (proposed.minLength < m_rules.minLength) {
        return fieldError(minField, kMinLengthKey,
                          tr("it can only be raised (now %1, proposed %2): an administrator may only tighten the "
                             "password policy.")
                              .arg(m_rules.minLength)
                              .arg(proposed.minLength));
    }
    const QString ageField = tr("Maximum password age");
    if (proposed.maxAgeDays < 1 || proposed.maxAgeDays > kMaxAgeDaysCeiling) {
        return fieldError(ageField, kMaxAgeDaysKey,
                          tr("%1 days is outside 1 to %2 days (CJIS requires a change at least yearly).")
                              .arg(proposed.maxAgeDays)
                              .arg(kMaxAgeDaysCeiling));
    }
    if (proposed.maxAgeDays > m_rules.maxAgeDays) {
        return fieldError(ageField, kMaxAgeDaysKey,
                          tr("it can only be shortened (now %1 days, proposed %2): an administrator may only tighten "
                             "the password policy.")
                              .arg(m_rules.maxAgeDays)
                              .arg(proposed.maxAgeDays));
    }
    if (m_rules.requireMfa && !proposed.requireMfa) {
        return fieldError(tr("Multi-factor authentication"), kRequireMfaKey,
                          tr("it cannot be switched off once required (CJIS requires it for every user)."));
    }
    m_rules = proposed;
    return {};
}

Status PasswordPolicy::check(const QString& password, const QString& userName) const
{
    // The same NFC form the KDF hashes (Crypto.h), so "é" counts as one character however it was typed.
    const QString normalised = password.normalized(QString::NormalizationForm_C);
    const QList<uint> codePoints = normalised.toUcs4();

    for (qsizetype i = 0; i < codePoints.size(); ++i) {
        if (QChar::category(char32_t(codePoints[i])) == QChar::Other_Control) {
            return usageError(tr("The password contains a control character (such as a tab or line break) at "
                                 "position %1; use letters, digits, spaces and symbols.")
                                  .arg(i + 1));
        }
    }

    const qsizetype length = codePoints.size();
    if (length < m_rules.minLength) {
        return usageError(tr("The password is too short: it has %1 characters, at least %2 are needed.")
                              .arg(length)
                              .arg(m_rules.minLength));
    }

    const QString folded = normalised.toCaseFolded();
    if (containsUserName(folded, userName))
        return usageError(tr("The password contains the user name; choose one that does not."));

    if (isBanned(normalised)) {
        return usageError(tr("The password is on the list of common and easily guessed passwords (with digits or "
                             "symbols added at the ends it still is); choose another."));
    }

    const QList<uint> foldedCodePoints = folded.toUcs4();
    const qsizetype distinct = QSet<uint>(foldedCodePoints.begin(), foldedCodePoints.end()).size();
    if (distinct < kMinDistinct) {
        return usageError(tr("The password uses only %1 different characters; at least %2 are needed.")
                              .arg(distinct)
                              .arg(kMinDistinct));
    }

    if (length < kPassphraseLength) {
        const QString verdict = crackCheck(normalised, userName);
        if (!verdict.isEmpty()) {
            return usageError(tr("The password is too easy to guess: %1. A passphrase of %2 or more characters, "
                                 "such as a few unrelated words, avoids this check.")
                                  .arg(verdict)
                                  .arg(kPassphraseLength));
        }
    }
    return {};
}

bool PasswordPolicy::expired(qint64 passwordChangedMs, qint64 nowMs) const
{
    if (passwordChangedMs <= 0)
        return true;
    return nowMs - passwordChangedMs >= qint64(m_rules.maxAgeDays) * kDayMs;
}

QMap<QString, QString> PasswordPolicy::toSettings() const
{
    return {
        { kMinLengthKey, QString::number(m_rules.minLength) },
        { kMaxAgeDaysKey, QString::number(m_rules.maxAgeDays) },
        { kRequireMfaKey, m_rules.requireMfa ? QStringLiteral("true") : QStringLiteral("false") },
    };
}

Result<PasswordRules> PasswordPolicy::fromSettings(const QMap<QString, QString>& settings)
{
    PasswordRules rules;
    const auto readInt = [&](const QString& key, int& out) -> Status {
        const auto it = settings.constFind(key);
        if (it == settings.constEnd())
            return {};
        bool ok = false;
        const int value = it.value().trimmed().toInt(&ok);
        if (!ok)
            return badInput(tr("Store setting %1: \"%2\" is not a whole number.").arg(key, it.value()));
        out = value;
        return {};
    };
    if (Status status = readInt(kMinLengthKey, rules.minLength); !status)
        return status.error();
    if (Status status = readInt(kMaxAgeDaysKey, rules.maxAgeDays); !status)
        return status.error();
    if (const auto it = settings.constFind(kRequireMfaKey); it != settings.constEnd()) {
        const QString value = it.value().trimmed();
        if (value == QLatin1String("true"))
            rules.requireMfa = true;
        else if (value == QLatin1String("false"))
            rules.requireMfa = false;
        else
            return badInput(tr("Store setting %1: \"%2\" is neither true nor false.").arg(kRequireMfaKey, value));
    }

    // Only a hand-edited store can hold rules looser than the floor: refuse them rather than quietly weaken logins.
    if (rules.minLength < kFloorMinLength || rules.minLength > kMaxMinLength) {
        return policyError(tr("Store setting %1: %2 is outside %3 to %4 characters.")
                               .arg(kMinLengthKey, QString::number(rules.minLength), QString::number(kFloorMinLength),
                                    QString::number(kMaxMinLength)));
    }
    if (rules.maxAgeDays < 1 || rules.maxAgeDays > kMaxAgeDaysCeiling) {
        return policyError(
            tr("Store setting %1: %2 days is outside 1 to %3 days.")
                .arg(kMaxAgeDaysKey, QString::number(rules.maxAgeDays), QString::number(kMaxAgeDaysCeiling)));
    }
    // Demonstration stores (alpr-cli demo, marked store.kind=demo at creation) are used without authenticator apps.
    const bool demoStore = settings.value(QStringLiteral("store.kind")) == QLatin1String("demo");
    if (!rules.requireMfa && !demoStore) {
        return policyError(
            tr("Store setting %1: false is not allowed; CJIS requires multi-factor authentication for every user.")
                .arg(kRequireMfaKey));
    }
    return rules;
}

QString PasswordPolicy::dictionaryPath()
{
    return QString::fromLocal8Bit(GetDefaultCracklibDict());
}

bool PasswordPolicy::dictionaryAvailable()
{
    // cracklib needs the .pwd and .pwi files (the .hwm index is optional). Checked on each call: the package can be
    // installed or removed while the app runs.
    const QString path = dictionaryPath();
    return QFileInfo(path + QStringLiteral(".pwd")).isReadable()
        && QFileInfo(path + QStringLiteral(".pwi")).isReadable();
}

int PasswordPolicy::bannedListSize()
{
    return int(bannedSet().size());
}

} // namespace alpr
