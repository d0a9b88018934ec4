#pragma once
// Catch2 checks for Result<T> and Status: stop the test with the error's own message when a step fails.

#include "Result.h"

#include <catch2/catch_test_macros.hpp>

namespace alpr::test {

template<typename T> T require(Result<T> r)
{
    INFO((r ? QString() : r.error().message).toStdString());
    REQUIRE(r.ok());
    return std::move(r.value());
}

inline void require(const Status& s)
{
    INFO((s ? QString() : s.error().message).toStdString());
    REQUIRE(s.ok());
}

} // namespace alpr::test
