# Makefile for the stance extension (PGXS), plus the plain-C targets that
# link the same engine: the command-line tool, the unit tests and the fuzzer.
#
#	make				build stance.so
#	make install		install it into the PostgreSQL found by $(PG_CONFIG)
#	make installcheck	pg_regress against a running server (see scripts/env.sh)
#	make cli			bin/stance-cli
#	make unit			build bin/stance-unit and run it
#	make fuzz			short libFuzzer run (bash test/fuzz/run.sh)

EXTENSION = stance
EXTVERSION = $(shell sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" stance.control)

PG_CONFIG ?= pg_config

# The engine: every src/core/*.c plus the lexicon tables generated from
# lexicon/*.txt (listed once even if a stale generated file is present).
LEXICON_GEN = src/core/lexicon_gen.c
CORE_SRCS = $(filter-out $(LEXICON_GEN),$(wildcard src/core/*.c)) $(LEXICON_GEN)
CORE_OBJS = $(CORE_SRCS:.c=.o)
PG_SRCS = $(wildcard src/pg/*.c)
PG_OBJS = $(PG_SRCS:.c=.o)

MODULE_big = stance
OBJS = $(CORE_OBJS) $(PG_OBJS)
DATA = $(wildcard extension/stance--*.sql)

# One pg_regress test per file in sql/, in this order.
REGRESS = sentences quotes attribution reported statements_edge offsets speakers latin1 stance_type classify targets model
REGRESS_OPTS = --encoding=UTF8

ICU_CFLAGS := $(shell pkg-config --cflags icu-uc icu-i18n)
ICU_LIBS := $(shell pkg-config --libs icu-uc icu-i18n)

PG_CPPFLAGS = -I$(srcdir)/src/core $(ICU_CFLAGS) -DSTANCE_EXT_VERSION=\"$(EXTVERSION)\"
# PostgreSQL's own headers have unused parameters in inline functions, so the
# glue (only) needs -Wno-unused-parameter under -Wextra.
PG_CFLAGS += -Wall -Wextra -Wno-unused-parameter
SHLIB_LINK += $(ICU_LIBS) -lm

EXTRA_CLEAN = $(LEXICON_GEN) bin results regression.diffs regression.out test/fuzz/build

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The engine is plain C99 and not PostgreSQL code: inside the extension it is
# compiled with the same flags as in the standalone builds below (PostgreSQL's
# own style warnings, such as -Wdeclaration-after-statement, are not its rules).
CORE_CFLAGS = -std=c99 -O2 -g -Wall -Wextra
# Inside the shared library the engine's functions are hidden: only the SQL
# glue calls them, so calls between them need not go through the PLT, nor
# may another library interpose them, and the compiler may inline them.
$(CORE_OBJS): override CFLAGS = $(CFLAGS_SL) $(CORE_CFLAGS) -fvisibility=hidden

# PGXS does not track header dependencies unless configured to.
$(OBJS): $(wildcard src/core/*.h src/pg/*.h)
# the extension's version is compiled in (stance_version())
$(PG_OBJS): stance.control

# Lexicon tables, generated at build time from the plain-text sources.
$(LEXICON_GEN): $(wildcard lexicon/*.txt) tools/genlex.sh
	sh tools/genlex.sh lexicon > $@.tmp && mv $@.tmp $@

# ---------------------------------------------------------------------------
# Standalone builds of the engine with plain $(CC), not PGXS.
# ---------------------------------------------------------------------------

STANDALONE_CFLAGS = $(CORE_CFLAGS) -Isrc/core $(ICU_CFLAGS)
STANDALONE_LIBS = $(ICU_LIBS) -lm

CLI_SRCS = $(wildcard tools/cli/*.c)
UNIT_SRCS = $(wildcard test/unit/*.c)

bin/stance-cli: $(CLI_SRCS) $(CORE_SRCS) src/core/*.h
	@mkdir -p bin
	$(CC) $(STANDALONE_CFLAGS) -o $@ $(CLI_SRCS) $(CORE_SRCS) $(STANDALONE_LIBS)

bin/stance-cue-dump: $(CLI_SRCS) $(CORE_SRCS) src/core/*.h
	@mkdir -p bin
	$(CC) $(STANDALONE_CFLAGS) -DST_CUE_DUMP -o $@ $(CLI_SRCS) $(CORE_SRCS) $(STANDALONE_LIBS)

# the learned cue filter, from PolNeAR train (see README)
train-cue:
	python3 tools/train_cue.py

bin/stance-unit: $(UNIT_SRCS) $(CORE_SRCS) src/core/*.h
	@mkdir -p bin
	$(CC) $(STANDALONE_CFLAGS) -o $@ $(UNIT_SRCS) $(CORE_SRCS) $(STANDALONE_LIBS)

.PHONY: cli unit fuzz train-cue

cli: bin/stance-cli

unit: bin/stance-unit
	./bin/stance-unit

fuzz: $(LEXICON_GEN)
	bash test/fuzz/run.sh
