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
// ImageCommands.cpp
Status benchImages(CliContext& ctx);
// ImportCommands.cpp
Status importFiles(CliContext& ctx);
Status benchIngest(CliContext& ctx);
// CanvassCommands.cpp, CanvassBench.cpp
Status canvass(CliContext& ctx);
Status benchCanvass(CliContext& ctx);
// ServerCommands.cpp
Status server(CliContext& ctx);
// MapCommands.cpp
Status benchMap(CliContext& ctx);
// AuditCommands.cpp
Status audit(CliContext& ctx);
Status access(CliContext& ctx);
// TransferCommands.cpp, TransferBench.cpp
Status transfer(CliContext& ctx);
Status benchTransfer(CliContext& ctx);
} // namespace commands

} // namespace alpr
