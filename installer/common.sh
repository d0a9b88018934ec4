# Shared by run.sh and test.sh: install what is missing, then configure and build incrementally.
# Debian 12 (bookworm, with bookworm-backports for SQLCipher 4 and Catch2 3) and Ubuntu 24.04 (noble).
set -euo pipefail

ALPR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALPR_BUILD="${ALPR_BUILD:-$ALPR_ROOT/build/release}"

alpr_sudo() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Packages the build, the app and the tests need. Versions that must come from backports are pinned below.
ALPR_PACKAGES=(
    cmake ninja-build g++ ccache pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-positioning-dev
    libqt6sql6-psql libgl-dev libvulkan-dev libxkbcommon-dev
    libsqlcipher-dev sqlcipher libcatch2-dev
    libopencv-core-dev libopencv-imgproc-dev libopencv-photo-dev
    openssl libssl-dev libqrencode-dev libcrack2-dev cracklib-runtime
    postgresql postgresql-contrib libpq-dev
    libtesseract-dev tesseract-ocr-eng
    fonts-dejavu-core xvfb xauth
)

# The server's field tools (PostGIS, pg_partman, pgAudit) are packaged per PostgreSQL major version.
ALPR_PG_MAJOR="$(. /etc/os-release && case "${VERSION_CODENAME:-}" in noble) echo 16 ;; *) echo 15 ;; esac)"
ALPR_PACKAGES+=("postgresql-$ALPR_PG_MAJOR-postgis-3" "postgresql-$ALPR_PG_MAJOR-partman" "postgresql-$ALPR_PG_MAJOR-pgaudit")

alpr_missing_packages() {
    local missing=()
    for p in "${ALPR_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    # SQLCipher 3 (bookworm main) lacks what the store needs; Catch2 2 is not Catch2 3.
    if dpkg-query -W -f='${Version}' libsqlcipher-dev 2>/dev/null | grep -q '^3\.'; then missing+=(libsqlcipher-dev); fi
    if dpkg-query -W -f='${Version}' libcatch2-dev 2>/dev/null | grep -q '^2\.'; then missing+=(libcatch2-dev); fi
    echo "${missing[@]:-}"
}

alpr_install_dependencies() {
    local missing
    missing="$(alpr_missing_packages)"
    [ -z "$missing" ] && return 0
    echo "==> Installing: $missing"
    local codename=""
    codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
    if [ "$codename" = "bookworm" ]; then
        if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
            echo "==> Adding bookworm-backports (SQLCipher 4.6, Catch2 3)"
            alpr_sudo tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
        fi
        # These must come from backports; name the suite for each so apt does not pick bookworm's old ones.
        local pinned=() p
        for p in $missing; do
            case "$p" in
                libsqlcipher-dev|sqlcipher|libcatch2-dev) pinned+=("$p/bookworm-backports") ;;
                *) pinned+=("$p") ;;
            esac
        done
        case " $missing " in
            *" libsqlcipher-dev "*|*" sqlcipher "*) pinned+=(libsqlcipher1/bookworm-backports) ;;
        esac
        missing="${pinned[*]}"
    fi
    alpr_sudo apt-get update -q
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive alpr_sudo apt-get install -y -q --no-install-recommends $missing
}

alpr_build() {
    local build_tests="${1:-OFF}"
    if [ ! -f "$ALPR_BUILD/build.ninja" ] || ! grep -q "ALPR_BUILD_TESTS:BOOL=$build_tests" "$ALPR_BUILD/CMakeCache.txt"; then
        cmake -S "$ALPR_ROOT" -B "$ALPR_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DALPR_BUILD_TESTS="$build_tests"
    fi
    cmake --build "$ALPR_BUILD" -j "$(nproc)"
}
