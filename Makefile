# Thin wrapper over CMake (as neovim does). The two commands a user needs:
#   make run    install missing Debian packages, build, open the TUI
#   make test   install missing Debian packages, build, run every test,
#               then the hardening suite: the tests again under ASan+UBSan,
#               a short fuzz run of every loader, valgrind on the CLI, and
#               the sweep tests under Open MPI
#               (make test QUICK=1 stops after the plain tests)
BUILD    ?= build
ASAN     ?= build-asan
FUZZ     ?= build-fuzz
MPI_BUILD ?= build-mpi
FUZZ_SECONDS ?= 20
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
WERROR   := $(if $(CI),ON,OFF)
CMAKE_FLAGS ?=

.PHONY: all deps configure build run test bench sanitize fuzz fuzz-smoke valgrind mpi-test clean

all: build

deps:
	@sh scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DBANDITMAP_WERROR=$(WERROR) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@./$(BUILD)/banditmap

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(if $(QUICK),true,$(MAKE) --no-print-directory -j1 sanitize fuzz-smoke valgrind mpi-test)

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
