# Thin wrapper over CMake: make demo / make check / make bench / make fuzz.
# Each target installs what is missing (Debian packages) first.

BUILD     ?= build
BUILD_SAN ?= build-san
BUILD_FUZZ ?= build-fuzz
FUZZ_TIME ?= 300
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DIR  ?= out/demo

# Debian 12 packages tally needs to build, test and look at its output.
PACKAGES = build-essential cmake pkg-config clang libclang-rt-14-dev \
	libsqlite3-dev libcairo2-dev libpango1.0-dev zlib1g-dev libcsv-dev liburing-dev \
	libcmocka-dev libxlsxwriter-dev valgrind util-linux patch fonts-noto-cjk poppler-utils sqlite3 unzip time

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps bench-deps sqlite-lib build build-san build-fuzz build-release demo check test bench bench-check bench-ablate fuzz format clean

all: build

deps:
	@missing=""; for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

# The test builds link the normal build's SQLite (third_party/sqlite,
# optimised and not instrumented in every build): compiled once.
SQLITE_LIB = $(abspath $(BUILD))/libtl_sqlite3.a

$(BUILD_SAN)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DTALLY_SANITIZE=ON \
		-DTALLY_SQLITE_LIBRARY=$(SQLITE_LIB)

# SQLite first, as a target of its own: with make -j the test builds
# wait for it, and no two builds run in $(BUILD) at once.
sqlite-lib: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS) --target tl_sqlite3

build: deps sqlite-lib $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

build-san: deps sqlite-lib $(BUILD_SAN)/Makefile
	cmake --build $(BUILD_SAN) -j $(JOBS)

# libFuzzer targets (clang): `make check` runs each for 10 s over its
# corpus, `make fuzz` for FUZZ_TIME seconds.
build-fuzz: deps sqlite-lib
	CC=clang cmake -S . -B $(BUILD_FUZZ) -DTALLY_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DTALLY_SQLITE_LIBRARY=$(SQLITE_LIB)
	cmake --build $(BUILD_FUZZ) -j $(JOBS)

fuzz: build-fuzz
	cmake -S . -B $(BUILD_FUZZ) -DTL_FUZZ_TIME=$(FUZZ_TIME)
	cd $(BUILD_FUZZ) && ctest -L fuzz --output-on-failure
	cmake -S . -B $(BUILD_FUZZ) -DTL_FUZZ_TIME=10

# The main job on the bundled fixtures: ingest the series, print counts,
# draw charts, write the monthly report and the spreadsheet exports.
demo: build
	@mkdir -p $(DEMO_DIR)
	@rm -f $(DEMO_DIR)/tally.db*
	./$(BUILD)/tally ingest --db $(DEMO_DIR)/tally.db fixtures/series
	./$(BUILD)/tally stats --db $(DEMO_DIR)/tally.db --by department
	./$(BUILD)/tally stats --db $(DEMO_DIR)/tally.db --by month
	./$(BUILD)/tally stats --db $(DEMO_DIR)/tally.db --by keyword
	./$(BUILD)/tally chart bar --db $(DEMO_DIR)/tally.db -o $(DEMO_DIR)/departments.png
	./$(BUILD)/tally chart timeline --db $(DEMO_DIR)/tally.db --by week -o $(DEMO_DIR)/timeline.svg
	./$(BUILD)/tally chart heatmap --db $(DEMO_DIR)/tally.db -o $(DEMO_DIR)/heatmap.pdf
	./$(BUILD)/tally report monthly --db $(DEMO_DIR)/tally.db --month 2022-11 -o $(DEMO_DIR)/2022-11.pdf
	./$(BUILD)/tally export --db $(DEMO_DIR)/tally.db --by department,month --wide -o $(DEMO_DIR)/department-month.csv
	./$(BUILD)/tally export --db $(DEMO_DIR)/tally.db --by department,month -o $(DEMO_DIR)/department-month.xlsx
	./$(BUILD)/tally export --db $(DEMO_DIR)/tally.db activities -o $(DEMO_DIR)/activities.csv
	@echo "demo: wrote $(DEMO_DIR)/: tally.db, departments.png, timeline.svg, heatmap.pdf, 2022-11.pdf, department-month.csv/.xlsx, activities.csv"

# Unit and CLI tests, in a normal and in a sanitizer build.
check: build build-san build-fuzz
	cd $(BUILD) && ctest --output-on-failure
	cd $(BUILD_SAN) && ctest --output-on-failure
	cd $(BUILD_FUZZ) && ctest -L fuzz --output-on-failure

test: check

# Benchmarks in an optimised build; BENCH_FULL=1 adds the 100k series.
BENCH_PACKAGES = hyperfine gnuplot-nox time python3-pandas
bench-deps: deps
	@missing=""; for p in $(BENCH_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build-release: deps
	cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release
	cmake --build build-release -j $(JOBS)

bench: bench-deps build-release
	sh tests/bench/run.sh build-release

# Issue 6's check on the series written apart (gen_apart.py, 100k
# articles; CHECK_N=... for another size): one column of the README's
# check table.
CHECK_N ?= 100000
bench-check: bench-deps build-release
	sh tests/bench/check.sh build-release $(CHECK_N)

# Where the ingest's time goes: parts of the work left out in a patched
# copy (tests/bench/ablate.sh), on bench-check's series.
bench-ablate: bench-deps build-release
	sh tests/bench/ablate.sh $(CHECK_N)

format:
	clang-format -i analyze/*.[ch] charts/*.[ch] reports/*.[ch] cli/*.[ch] tests/unit/*.[ch] tests/score/*.c tests/bench/*.c tests/fuzz/*.c

clean:
	rm -rf $(BUILD) $(BUILD_SAN) $(BUILD_FUZZ) build-release out
