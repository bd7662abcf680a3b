#!/bin/bash
# test/fuzz/run.sh [SECONDS]
#
# Builds the libFuzzer target fuzz_analyze (the engine in src/core/*.c with
# ASan + UBSan) into test/fuzz/build/, replays the saved reproducers in
# test/fuzz/crashes/, then fuzzes for SECONDS (default 30, or $FUZZ_SECONDS;
# 0 only builds and replays) starting from a scratch copy of
# test/fuzz/corpus/ and test/fuzz/stance.dict.  Any crash, leak,
# timeout (10 s per input) or memory blow-up (2 GB) is a failure; its input
# is written to test/fuzz/crashes/ (commit it, fix the engine, rerun).
#
# The last line is "fuzz: 1 passed, 0 failed" or "fuzz: 0 passed, 1 failed",
# and the exit status says the same.
#
# Environment: CC (default clang, else clang-14), FUZZ_SECONDS, FUZZ_ARGS
# (extra libFuzzer flags), FUZZ_KEEP=1 keeps the scratch directory,
# STANCE_FUZZ_INJECT=0 turns off the injected allocation failures.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
build=$here/build
crashes=$here/crashes
secs=${1:-${FUZZ_SECONDS:-30}}

result() {
	if [ "$1" = 0 ]; then
		echo "fuzz: 1 passed, 0 failed"
	else
		echo "fuzz: 0 passed, 1 failed"
	fi
	exit "$1"
}

case $secs in
'' | *[!0-9]*)
	echo "usage: $0 [SECONDS]" >&2
	exit 2
	;;
esac

# ---- toolchain -------------------------------------------------------------

find_cc() {
	local c
	for c in ${CC:-} clang clang-14; do
		if command -v "$c" >/dev/null 2>&1 &&
			echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void) d; (void) n; return 0; }' |
			"$c" -x c -fsanitize=fuzzer,address,undefined -o "$build/.probe.$$" - >/dev/null 2>&1; then
			echo "$c"
			return 0
		fi
	done
	return 1
}

mkdir -p "$build"
if ! cc=$(find_cc); then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "fuzz: installing clang and its libFuzzer runtime (apt)" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q clang libclang-rt-14-dev >&2 ||
			{ apt-get update -q >&2 &&
				DEBIAN_FRONTEND=noninteractive apt-get install -y -q clang libclang-rt-14-dev >&2; }
	fi
	cc=$(find_cc) || {
		echo "fuzz: no clang with -fsanitize=fuzzer (apt-get install clang libclang-rt-14-dev)" >&2
		result 1
	}
fi
rm -f "$build/.probe.$$"

if ! icu_cflags=$(pkg-config --cflags icu-uc icu-i18n) ||
	! icu_libs=$(pkg-config --libs icu-uc icu-i18n); then
	echo "fuzz: pkg-config cannot find ICU (apt-get install libicu-dev pkg-config)" >&2
	result 1
fi

# ---- build -----------------------------------------------------------------

# The lexicon tables are generated into the build directory, always fresh;
# a src/core/lexicon_gen.c left by the Makefile is not used.
(cd "$repo" && sh tools/genlex.sh lexicon) >"$build/lexicon_gen.c.$$" &&
	mv -f "$build/lexicon_gen.c.$$" "$build/lexicon_gen.c" || {
	echo "fuzz: tools/genlex.sh failed" >&2
	result 1
}

srcs=()
for f in "$repo"/src/core/*.c; do
	[ "$(basename "$f")" = lexicon_gen.c ] || srcs+=("$f")
done
srcs+=("$build/lexicon_gen.c")

# Several runs may share the build directory: each writes its own files and
# renames them into place, and fuzzes with its own copy of the binary.
bin=$build/fuzz_analyze
echo "fuzz: building $bin with $cc" >&2
# shellcheck disable=SC2086
"$cc" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-std=c99 -Wall -Wextra -DST_ARENA_DEBUG -I"$repo/src/core" $icu_cflags \
	-Wl,--wrap=st_arena_alloc,--wrap=st_arena_alloc_raw,--wrap=st_arena_strndup \
	-o "$bin.$$" "$here/fuzz_analyze.c" "${srcs[@]}" $icu_libs || {
	rm -f "$bin.$$"
	echo "fuzz: build failed" >&2
	result 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/stance-fuzz.XXXXXX")
cleanup() {
	if [ "${FUZZ_KEEP:-0}" = 1 ]; then
		echo "fuzz: scratch directory kept: $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
cp "$bin.$$" "$work/fuzz_analyze"
mv -f "$bin.$$" "$bin"
exe=$work/fuzz_analyze

# ---- run -------------------------------------------------------------------

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mkdir -p "$crashes"
status=0

# 1. Reproducers saved by earlier runs must no longer fail.
repro=()
for f in "$crashes"/*; do
	[ -f "$f" ] && [ "$(basename "$f")" != README.md ] && repro+=("$f")
done
if [ ${#repro[@]} -gt 0 ]; then
	echo "fuzz: replaying ${#repro[@]} saved reproducer(s) from test/fuzz/crashes/" >&2
	if ! "$exe" -rss_limit_mb=2048 -timeout=10 "${repro[@]}" >"$work/replay.log" 2>&1; then
		cat "$work/replay.log" >&2
		echo "fuzz: a saved reproducer still fails" >&2
		status=1
	fi
fi

# 2. Fuzz from a scratch copy of the seed corpus (0 seconds: build and
#    replay only; libFuzzer itself would take 0 as "no time limit").
if [ "$secs" = 0 ]; then
	result $status
fi
cp -R "$here/corpus" "$work/corpus"

echo "fuzz: fuzzing for $secs s (log: $build/fuzz.log when done)" >&2
# shellcheck disable=SC2086
"$exe" "$work/corpus" \
	-dict="$here/stance.dict" \
	-max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
	-print_final_stats=1 -artifact_prefix="$crashes/" \
	${FUZZ_ARGS:-} >"$work/fuzz.log" 2>&1
rc=$?
cp "$work/fuzz.log" "$build/fuzz.log.$$" && mv -f "$build/fuzz.log.$$" "$build/fuzz.log"
if [ $rc -ne 0 ]; then
	cat "$work/fuzz.log" >&2
	echo "fuzz: libFuzzer exited with status $rc; reproducer(s):" >&2
	ls -1 "$crashes" >&2
	status=1
else
	grep -E '^(stat::|Done )' "$work/fuzz.log" >&2 || tail -n 3 "$work/fuzz.log" >&2
fi

result $status
