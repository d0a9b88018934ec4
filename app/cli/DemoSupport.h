#pragma once

#include "Result.h"

#include <QString>

#include <memory>

namespace alpr {

class Clock;
class Session;
struct DemoOptions;
struct DemoScene;

/** Shared by `demo` and the benchmarks: demo stores, their accounts and their data. */
namespace demo {

/** The demo detective's credentials (public, printed by `demo`). */
QString detectiveName();
QString detectivePassword();

/** A new demo store with its four accounts (trained; MFA not required on demo stores), signed in as admin. */
Result<std::unique_ptr<Session>> createStore(const QString& path, const Clock& clock);
/** Generates demo reads into the session's store; progress on stderr when it is a terminal. */
Status fill(Session& session, const DemoOptions& options, qint64* inserted, DemoScene* scene);
/** Prints the demo accounts. */
void printAccounts();

} // namespace demo
} // namespace alpr
