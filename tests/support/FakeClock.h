#pragma once

#include "Clock.h"

namespace alpr::test {

/** A clock the test moves by hand: lockout windows, idle lock, re-authentication and inactivity in milliseconds. */
class FakeClock final : public Clock
{
public:
    explicit FakeClock(qint64 startMs = 1'780'000'000'000) : m_now(startMs) {}
    qint64 nowMs() const override { return m_now; }
    void advance(qint64 ms) { m_now += ms; }
    void set(qint64 ms) { m_now = ms; }

private:
    qint64 m_now;
};

} // namespace alpr::test
