#pragma once

#include <QtGlobal>

namespace alpr {

/**
 * The source of "now" for every time-dependent rule (lockout windows, idle lock, retention).
 * Services take a Clock& so tests can substitute a fake one; nothing calls the system time directly.
 */
class Clock
{
public:
    virtual ~Clock() = default;
    /** Milliseconds since the Unix epoch, UTC. */
    virtual qint64 nowMs() const = 0;
};

/** The real wall clock. */
class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
};

} // namespace alpr
