#include "Plate.h"
#include "Role.h"

#include <catch2/catch_test_macros.hpp>

using namespace alpr;

TEST_CASE("plates are normalised to upper-case letters and digits")
{
    CHECK(normalisePlate(QStringLiteral("7abc-234")) == QStringLiteral("7ABC234"));
    CHECK(normalisePlate(QStringLiteral(" 1 a 2.3 ")) == QStringLiteral("1A23"));
    CHECK(normalisePlate(QStringLiteral("é7ü")) == QStringLiteral("7"));
    CHECK(normalisePlate(QString()).isEmpty());
    CHECK(isValidNormalisedPlate(QStringLiteral("7ABC234")));
    CHECK_FALSE(isValidNormalisedPlate(QStringLiteral("7abc234")));
    CHECK_FALSE(isValidNormalisedPlate(QString()));
    CHECK_FALSE(isValidNormalisedPlate(QStringLiteral("ABCDEFGHIJK")));
}

TEST_CASE("states are two letters or nothing")
{
    CHECK(normaliseState(QStringLiteral(" ca ")) == QStringLiteral("CA"));
    CHECK(normaliseState(QStringLiteral("CAL")).isEmpty());
    CHECK(normaliseState(QStringLiteral("C1")).isEmpty());
}

TEST_CASE("role names round-trip")
{
    for (Role r : {Role::Detective, Role::Clerk, Role::Supervisor, Role::Admin}) {
        Role parsed = Role::Admin;
        REQUIRE(parseRole(roleName(r), &parsed));
        CHECK(parsed == r);
    }
    Role unused;
    CHECK_FALSE(parseRole(QStringLiteral("janitor"), &unused));
}
