#!/bin/bash
# scripts/deps.sh -- install, with apt, whatever the build and the tests need
# and this Debian 12 machine lacks.  Does nothing when all is there.
set -euo pipefail

PACKAGES=(
	postgresql-15			# server, pg_ctl, initdb
	postgresql-server-dev-15	# PGXS, server headers
	libicu-dev			# ICU, for sentence breaking
	pkg-config
	make
	gcc
	libc6-dev
	clang				# libFuzzer target
	libclang-rt-14-dev		# libFuzzer and sanitizer runtimes
	python3				# evaluation and benchmark tools
)

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for p in "${PACKAGES[@]}"; do
	if ! installed "$p"; then
		missing+=("$p")
	fi
done

if [ "${#missing[@]}" -eq 0 ]; then
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "stance: missing packages: ${missing[*]}" >&2
	echo "stance: run as root, or: sudo apt-get install ${missing[*]}" >&2
	exit 1
fi

echo "stance: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
