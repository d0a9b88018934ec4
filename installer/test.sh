#!/usr/bin/env bash
# Install what is missing, build with tests, run the whole suite. Tests start the throwaway services they need
# themselves (a PostgreSQL cluster on a loopback port, Qt's offscreen platform for the GUI).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

alpr_install_dependencies
alpr_build ON
cd "$ALPR_BUILD"
ctest --output-on-failure -j "$(nproc)" "$@"
