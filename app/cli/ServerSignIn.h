#pragma once

#include "Result.h"

#include <QString>

#include <memory>

namespace alpr {

class CliContext;
class Session;

namespace commands {

/**
 * The password of the user's server role: ALPR_SERVER_PASSWORD when it differs from the local store's, else the
 * local one (ALPR_PASSWORD, --password-file or the prompt).
 */
Result<QString> serverPassword(CliContext& ctx, const QString& user);

/**
 * Signs `user` in to the server of --server for a transfer (TransferService::kServerConnections connections). TOTP: --server-otp, else --otp (a server and a local store keep separate
 * MFA enrolments, so usually both are given). The banner was acknowledged at the start of the same command.
 * `client` names this program in the server's audit rows (e.g. "cli").
 */
Result<std::unique_ptr<Session>> signInToServer(CliContext& ctx, const QString& user, const QString& password,
                                                const QString& client);

/** --batch N of the transfer commands: reads per batch the server confirms (1 to 100,000; default given). */
Result<int> transferBatch(CliContext& ctx, int defaultBatch);

} // namespace commands

} // namespace alpr
