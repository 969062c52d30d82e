# Thin wrapper over CMake: `make` builds and runs the default suite (ci profile),
# `make test` builds and runs every test through CTest.
BUILD_DIR ?= build
PRESET    ?= release
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps test-deps configure build run test bench clean

all: run

deps:
	@scripts/install-deps

# The packages only the tests need (Arb for tests/arb), on top of the build ones.
test-deps:
	@scripts/install-deps --test

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/ropecheck run --profile ci --report-dir reports

test: test-deps build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j 1

bench: build
	@for b in $(BUILD_DIR)/bench/bench_*; do [ -x "$$b" ] && "$$b"; done

clean:
	rm -rf $(BUILD_DIR)
