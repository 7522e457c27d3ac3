# coopkb — two commands: `make run` and `make test`.
SWIFT      ?= swift
KB         ?= kb
DEBUG_BIN   = .build/debug/coopkb
RELEASE_BIN = .build/release/coopkb
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps build release run test test-hostile test-sanitize fuzz kb kb-check bench bench-data bench-deps clean

# Debian packages the tests need (one list: add a name here, not a new install step).
TEST_APT  = less graphviz
# Python packages the tests need, in a virtual environment (Tests/requirements.txt: add a line there).
TEST_VENV = .venv-test
TEST_PY   = $(CURDIR)/$(TEST_VENV)/bin/python

all: build

# Installs what a fresh Debian machine with the Swift toolchain lacks.
deps:
	@if ! pkg-config --exists libedit 2>/dev/null || [ ! -f /usr/include/histedit.h ]; then \
	  echo "installing libedit-dev (and pkg-config)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libedit-dev pkg-config >/dev/null; \
	fi
	@command -v python3 >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3 >/dev/null; }
	@command -v dot >/dev/null || { echo "installing graphviz (for .render)"; $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; }

# Installs what the tests need beyond `deps`: TEST_APT packages and a venv with Tests/requirements.txt.
test-deps: deps
	@missing=""; for p in $(TEST_APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing$$missing"; $(SUDO) apt-get update -qq && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	@if ! [ -x $(TEST_VENV)/bin/python ] || ! cmp -s Tests/requirements.txt $(TEST_VENV)/requirements.txt; then \
	  echo "installing Tests/requirements.txt into $(TEST_VENV)"; rm -rf $(TEST_VENV); \
	  python3 -m venv $(TEST_VENV) || { $(SUDO) apt-get update -qq && \
	    $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null && python3 -m venv $(TEST_VENV); }; \
	  $(TEST_VENV)/bin/pip install -q -r Tests/requirements.txt && cp Tests/requirements.txt $(TEST_VENV)/requirements.txt; fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	$(RELEASE_BIN) --kb $(KB)

# Every test: unit and golden tests (Swift Testing), end-to-end tests of the binary, kb/ up to date.
test: test-deps
	$(SWIFT) build
	COOPKB_BIN=$(CURDIR)/$(DEBUG_BIN) $(SWIFT) test
	$(TEST_PY) Tests/kb/test_facts.py $(DEBUG_BIN)
	$(TEST_PY) Tests/hostile/test_hostile.py $(DEBUG_BIN)
	$(TEST_PY) Tests/pty/test_shell.py $(DEBUG_BIN)
	$(MAKE) --no-print-directory kb-check

# The hostile-input suite alone (also part of `make test`).
test-hostile: build
	python3 Tests/hostile/test_hostile.py $(DEBUG_BIN)

# The whole Swift test suite under the address sanitizer.
test-sanitize: deps
	$(SWIFT) build --build-tests -Xswiftc -sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/sanitize/lsan.supp COOPKB_BIN=$(CURDIR)/.build-asan/debug/coopkb \
	  $(SWIFT) test -Xswiftc -sanitize=address --scratch-path .build-asan

# libFuzzer on the KB loader and on the query language, SECONDS each (default 60); fails on a crash.
fuzz: deps
	fuzz/run.sh $(or $(SECONDS),60)

kb:
	python3 tools/genkb.py --out $(KB)

kb-check:
	python3 tools/genkb.py --check --out $(KB)

# Benchmarks side by side with sqlite3 and DuckDB (see BENCHMARKS.md); SCALE=100 is 1.5M authorities.
SCALE ?= 100
BENCH_DIR = bench/data/s$(SCALE)
bench-data:
	python3 bench/gen.py --scale $(SCALE) --out $(BENCH_DIR)

bench-deps:
	@{ command -v sqlite3 >/dev/null && [ -x /usr/bin/time ]; } || { echo "installing sqlite3 and time"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 time >/dev/null; }
	@bench/.venv/bin/python -c 'import duckdb' 2>/dev/null || { echo "installing duckdb into bench/.venv"; \
	  rm -rf bench/.venv; python3 -m venv bench/.venv || { $(SUDO) apt-get update -qq && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null && python3 -m venv bench/.venv; }; \
	  bench/.venv/bin/pip install -q duckdb; }

bench: release bench-deps
	@[ -f $(BENCH_DIR)/csv/members.csv ] || $(MAKE) --no-print-directory bench-data SCALE=$(SCALE)
	python3 bench/run.py --scale $(SCALE)

clean:
	rm -rf .build
