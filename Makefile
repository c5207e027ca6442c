# Thin wrapper over CMake (as neovim does). The two commands a user needs:
#   make run    install missing Debian packages, build, open the TUI
#   make test   install missing Debian packages, build, run every test,
#               then the hardening suite: the tests again under ASan+UBSan,
#               a short fuzz run of every loader, valgrind on the CLI, and
#               the sweep tests under Open MPI
#               (make test QUICK=1 stops after the plain tests)
# make test runs every stage even after one fails, prints a summary of all
# of them and fails at the end if any failed (scripts/test-stages.sh).
# On a machine without make, `sh bootstrap.sh run|test` installs it first.
BUILD    ?= build
ASAN     ?= build-asan
FUZZ     ?= build-fuzz
MPI_BUILD ?= build-mpi
FUZZ_SECONDS ?= 20
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
WERROR   := $(if $(CI),ON,OFF)
CMAKE_FLAGS ?=

.PHONY: all deps configure build run test test-plain bench sanitize fuzz fuzz-smoke valgrind mpi-test clean

# The stages of make test, in order.
TEST_STAGES := test-plain $(if $(QUICK),,sanitize fuzz-smoke valgrind mpi-test)

all: build

deps:
	@sh scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DBANDITMAP_WERROR=$(WERROR) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@./$(BUILD)/banditmap

test: deps
	@sh scripts/test-stages.sh "$(MAKE) -j1" $(TEST_STAGES)

# The unit and end-to-end tests of the plain build (make test's first stage).
test-plain: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@sh benchmarks/run-bench.sh $(BUILD)

sanitize: deps
	@cmake -S . -B $(ASAN) -DBANDITMAP_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
		-DBANDITMAP_WERROR=$(WERROR) >/dev/null
	@cmake --build $(ASAN) -j $(JOBS)
	@cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS)

# libFuzzer: every loader's harness (tests/fuzz/), seeds and regression
# fixtures replayed first. fuzz-smoke is CI's bounded run; fuzz runs longer.
fuzz-smoke: deps
	@FUZZ_BUILD=$(FUZZ) JOBS=$(JOBS) sh tests/fuzz/run.sh smoke $(FUZZ_SECONDS)

fuzz: deps
	@FUZZ_BUILD=$(FUZZ) JOBS=$(JOBS) sh tests/fuzz/run.sh fuzz $(if $(filter command line,$(origin FUZZ_SECONDS)),$(FUZZ_SECONDS),300)

# valgrind memcheck of the main CLI commands: no errors, no leaks.
valgrind: build
	@sh scripts/valgrind-check.sh $(BUILD)

# The sweep tests again in an Open MPI build (mpirun -np 2 and -np 4).
mpi-test: deps
	@cmake -S . -B $(MPI_BUILD) -DBANDITMAP_MPI=ON -DBANDITMAP_WERROR=$(WERROR) >/dev/null
	@cmake --build $(MPI_BUILD) -j $(JOBS)
	@cd $(MPI_BUILD) && BM_REQUIRE_MPI=1 ctest --output-on-failure -R sweep

clean:
	@rm -rf $(BUILD) $(ASAN) $(FUZZ) $(MPI_BUILD)
