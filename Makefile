# Thin wrapper over CMake (as neovim does). The two commands a user needs:
#   make run    install missing Debian packages, build, open the TUI
#   make test   install missing Debian packages, build, run every test
BUILD    ?= build
ASAN     ?= build-asan
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
WERROR   := $(if $(CI),ON,OFF)
CMAKE_FLAGS ?=

.PHONY: all deps configure build run test bench sanitize fuzz clean

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

bench: build
	@sh benchmarks/run-bench.sh $(BUILD)

sanitize: deps
	@cmake -S . -B $(ASAN) -DBANDITMAP_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
		-DBANDITMAP_WERROR=$(WERROR) >/dev/null
	@cmake --build $(ASAN) -j $(JOBS)
	@cd $(ASAN) && ctest --output-on-failure -j $(JOBS)

clean:
	@rm -rf $(BUILD) $(ASAN)
