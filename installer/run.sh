#!/usr/bin/env bash
# Install what is missing, build (Release, Ninja), create the demo store if there is none, start the workstation.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

alpr_install_dependencies
alpr_build OFF

DEMO_DIR="${ALPR_DEMO_DIR:-$ALPR_ROOT/build/demo}"
DEMO_STORE="$DEMO_DIR/westcovina.alpr"
DEMO_READS="${ALPR_DEMO_READS:-500000}"
if [ ! -f "$DEMO_STORE" ]; then
    mkdir -p "$DEMO_DIR"
    echo "==> Creating the demo store $DEMO_STORE ($DEMO_READS reads)"
    "$ALPR_BUILD/app/cli/alpr-cli" demo --store "$DEMO_STORE" --reads "$DEMO_READS" | tee "$DEMO_DIR/accounts.txt"
else
    echo "==> Demo store: $DEMO_STORE (accounts in $DEMO_DIR/accounts.txt)"
fi
exec "$ALPR_BUILD/app/main/alpr-workstation" --store "$DEMO_STORE" "$@"
