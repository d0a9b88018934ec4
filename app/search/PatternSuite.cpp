#include "PatternSuite.h"

namespace alpr {

QList<PatternSuite::Case> PatternSuite::cases()
{
    // Names are stable identifiers for benchmark output, so they are not translated.
    return {
        {QStringLiteral("prefix-3"), QStringLiteral("7ABC*"), false},
        {QStringLiteral("infix-4"), QStringLiteral("*BC23*"), false},
        {QStringLiteral("positions-3"), QStringLiteral("?A?B??2"), false},
        {QStringLiteral("ends-and-class"), QStringLiteral("7*[8B]*2"), false},
        {QStringLiteral("suffix-3"), QStringLiteral("*234"), false},
        {QStringLiteral("class-prefix"), QStringLiteral("[0O]*"), false},
        {QStringLiteral("misread-exact"), QStringLiteral("8BC"), true},
        {QStringLiteral("misread-infix-3"), QStringLiteral("*8BC*"), true},
        {QStringLiteral("witness-scattered"), QStringLiteral("7*A*B*2"), false},
        {QStringLiteral("two-letters-anywhere"), QStringLiteral("*A*B*"), false},
        {QStringLiteral("misread-positions"), QStringLiteral("?[8B]??5?0"), true},
        {QStringLiteral("infix-with-gap"), QStringLiteral("*C?4*"), false},
        {QStringLiteral("range-negation"), QStringLiteral("[1-3]?[!A-M]*9"), false},
        {QStringLiteral("vanity-word"), QStringLiteral("*LOVE*"), false},
        {QStringLiteral("broad-prefix"), QStringLiteral("1*"), false},
        {QStringLiteral("broad-length"), QStringLiteral("???????"), false},
        {QStringLiteral("everything"), QStringLiteral("*"), false},
    };
}

} // namespace alpr
