# attest: the two README commands (make run, make check) and the
# developer targets.  Meson does the building; this file only installs
# what a fresh Debian 12 machine lacks and calls it.

# Debian packages attest needs to build, test and run.
PKGS = gcc meson ninja-build pkg-config python3 \
	libsqlite3-dev sqlite3 libpq-dev postgresql libmicrohttpd-dev \
	libjansson-dev libsodium-dev libcsv-dev libical-dev libcairo2-dev \
	libpango1.0-dev libcurl4-openssl-dev libcmocka-dev zlib1g-dev \
	fonts-dejavu-core poppler-utils jq \
	chromium libssl-dev wrk
# libssl-dev: SHA-256 of imported files with the CPU's SHA instructions
# (libcrypto; libsodium's portable SHA-256 costs a second per 150 MB).
# wrk: the 30-second load test that make check runs (tests/soak/soak.sh).
# chromium: the browser tests (tests/browser) drive Debian's build headless
# through playwright-core; no browser is ever downloaded.
# Node.js and npm fetch us-atlas (and drive the browser tests); a machine
# may have them from elsewhere (e.g. NodeSource), so only the command counts.
NODE_PKGS = nodejs npm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ATLAS = build/npm/node_modules/us-atlas/counties-albers-10m.json
PLAYWRIGHT = build/npm/node_modules/playwright-core/package.json

.PHONY: all deps run check bench bench-web fuzz soak clean

all: deps build/build.ninja $(ATLAS)
	ninja -C build

deps:
	@missing=$$(for p in $(PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q 'ok installed' || echo $$p; done); \
	command -v npm >/dev/null 2>&1 || missing="$$missing $(NODE_PKGS)"; \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
			--no-install-recommends $$missing; \
	fi

build/build.ninja:
	meson setup build

# us-atlas: Census cartographic boundaries as TopoJSON, the source of the
# national list of states and counties and of the map.
$(ATLAS):
	mkdir -p build/npm
	npm install --silent --no-audit --no-fund --prefix build/npm us-atlas@3.0.1

# playwright-core: the browser tests' driver, without a browser of its own.
$(PLAYWRIGHT):
	mkdir -p build/npm
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit \
		--no-fund --prefix build/npm playwright-core@1.65.1

# Load the demo and serve it; open the address it prints.
run: all
	./build/attest --db demo.db demo --force
	./build/attest --db demo.db summary
	./build/attest --db demo.db serve --listen 127.0.0.1:8080

build-check/build.ninja:
	meson setup build-check -Db_sanitize=address,undefined -Db_lundef=false

# The suite runs twice: on SQLite, then against a throw-away PostgreSQL
# cluster (tests/pg/run.sh sets ATTEST_TEST_DB_URL; tests that create a
# database take it from there) into testlog-pg.json.  The closing line
# counts both runs.
CHECK_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
CHECK_TEST = meson test -C build-check --print-errorlogs --no-rebuild \
	--num-processes 2

check: deps $(ATLAS) $(PLAYWRIGHT) build-check/build.ninja
	ninja -C build-check
	rm -f build-check/meson-logs/testlog-pg.json
	$(CHECK_ENV) $(CHECK_TEST); status=$$?; \
	echo "== the suite again on PostgreSQL"; \
	$(CHECK_ENV) tests/pg/run.sh $(CHECK_TEST) --logbase testlog-pg \
		|| status=1; \
	python3 tools/test_summary.py build-check/meson-logs/testlog.json \
		build-check/meson-logs/testlog-pg.json; exit $$status

# Benchmarks (never part of make check); bench/README.md says what each
# measures and against which peer.
bench: all
	bash bench/bench_import.sh
	build/bench/bench_audit 1000000
	build/bench/bench_rules /tmp/attest-bench-rules.db rules
	bash bench/bench_backends.sh

# The web server against its peers (Node, nginx) with wrk, side by side.
bench-web: all
	bash bench/bench_web.sh

# The reliability harness (fuzz/, tests/crash/, tests/security/).  Its
# tools install on first use, so make check needs none of them.
HARNESS_PKGS = clang cppcheck clang-tidy valgrind wrk
FUZZ_SECONDS ?= 60

.PHONY: harness-deps lint valgrind security

harness-deps:
	@$(MAKE) --no-print-directory deps PKGS="$(HARNESS_PKGS)"

build-fuzz/build.ninja:
	CC=clang meson setup build-fuzz -Db_sanitize=address,undefined \
		-Db_lundef=false -Dwerror=false -Dc_args=-fsanitize=fuzzer-no-link

# Every libFuzzer target for FUZZ_SECONDS seconds (fuzz/run.sh).
fuzz: deps harness-deps build-fuzz/build.ninja
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh fuzz/run.sh build-fuzz

build-lint/build.ninja:
	CC=clang meson setup build-lint -Dwerror=false

# checksrc (STYLE.md), cppcheck and clang-tidy (.clang-tidy): tools/lint.sh.
lint: deps harness-deps build-lint/build.ninja
	ninja -C build-lint
	sh tools/lint.sh build-lint

build-valgrind/build.ninja:
	meson setup build-valgrind -Dbuildtype=debug

# Unit tests, fuzz corpora and CLI tests under valgrind: tools/valgrind.sh.
valgrind: deps harness-deps build-valgrind/build.ninja
	ninja -C build-valgrind
	sh tools/valgrind.sh build-valgrind

# wrk against the release build at 80% of its measured capacity for
# SOAK_SECONDS (default 10 minutes): 0 errors, flat memory, p99 reported.
SOAK_SECONDS ?= 600
soak: all
	ATTEST=$(CURDIR)/build/attest AT_SRC=$(CURDIR) AT_BUILD=$(CURDIR)/build \
		SOAK_SECONDS=$(SOAK_SECONDS) bash tests/soak/soak.sh

# sqlmap against every parameter of a running server (127.0.0.1).
SECURITY_PKGS = sqlmap
security: all
	@$(MAKE) --no-print-directory deps PKGS="$(SECURITY_PKGS)"
	ATTEST=$(CURDIR)/build/attest AT_SRC=$(CURDIR) AT_BUILD=$(CURDIR)/build \
		ATTEST_SQLMAP=1 SECURITY_FULL=1 bash tests/security/sqlmap.sh
	ATTEST=$(CURDIR)/build/attest AT_SRC=$(CURDIR) AT_BUILD=$(CURDIR)/build \
		SECURITY_FULL=1 bash tests/security/cli-hostile.sh

clean:
	rm -rf build build-check
