#pragma once

#include "Result.h"

namespace alpr {

class CliContext;

/** The alpr-cli commands of CLI.md. Each returns a Status whose kind main() maps to the exit status. */
namespace commands {
// UserCommands.cpp
Status init(CliContext& ctx);
Status user(CliContext& ctx);
Status mfa(CliContext& ctx);
Status settings(CliContext& ctx);
// DataCommands.cpp
Status demo(CliContext& ctx);
Status stats(CliContext& ctx);
Status reads(CliContext& ctx);
// SearchCommands.cpp
Status search(CliContext& ctx);
Status candidates(CliContext& ctx);
Status bench(CliContext& ctx);
// AuditCommands.cpp
Status audit(CliContext& ctx);
Status access(CliContext& ctx);
} // namespace commands

} // namespace alpr
