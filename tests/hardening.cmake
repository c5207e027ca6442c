# Hardening, a suite across modules: hostile inputs with exact messages,
# replay of the fuzz seed corpora and crash regression fixtures, and the CLI and the TUI
# end to end on hostile input. The fuzzers themselves, the sanitizer run
# and valgrind are Makefile targets (make fuzz-smoke, sanitize, valgrind);
# `make test` runs them all.
bm_add_test(test_hostile SOURCES test_hostile.c LIBS bm_benchmarks)
bm_add_test(test_hostile_io SOURCES test_hostile_io.c LIBS bm_ope)
bm_add_script_test(cli_hostile e2e/cli_hostile.sh)
# The TUI resized to 10x5 and back, SIGINT/SIGTERM during a benchmark (tmux).
bm_add_script_test(tui_hostile e2e/tui_hostile.sh)
set_tests_properties(tui_hostile PROPERTIES SKIP_RETURN_CODE 77 RUN_SERIAL ON)

# replay_<harness>: the libFuzzer harness linked with a plain main() that
# feeds it every seed and regression fixture once. Under `make sanitize`
# these run with ASan+UBSan.
set(BM_FUZZ_DIR ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
set(BM_HOSTILE ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/hostile/fuzz)
function(bm_add_replay harness lib)
  add_executable(replay_${harness} ${BM_FUZZ_DIR}/${harness}.c ${BM_FUZZ_DIR}/replay_main.c)
  target_link_libraries(replay_${harness} PRIVATE ${lib} bm_options m)
  target_compile_definitions(replay_${harness} PRIVATE
    BM_SOURCE_ROOT="${PROJECT_SOURCE_DIR}" _GNU_SOURCE)
  add_test(NAME replay_${harness} COMMAND replay_${harness}
    ${BM_FUZZ_DIR}/corpus/${harness} ${BM_HOSTILE}/${harness} ${ARGN})
endfunction()
bm_add_replay(fuzz_yaml bm_base
  ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/yaml/good ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/yaml/bad)
bm_add_replay(fuzz_taxonomy bm_taxonomy
  ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/yaml/good ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/yaml/bad)
bm_add_replay(fuzz_profile bm_advisor ${PROJECT_SOURCE_DIR}/taxonomy/presets)
bm_add_replay(fuzz_spec bm_benchmarks ${PROJECT_SOURCE_DIR}/benchmarks/specs
  ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/spec/good ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/spec/bad)
bm_add_replay(fuzz_log_csv bm_ope)
bm_add_replay(fuzz_ope_target bm_ope)
bm_add_replay(fuzz_sweep bm_report)
bm_add_test(test_hostile_ope SOURCES test_hostile_ope.c LIBS bm_ope)
bm_add_test(test_hostile_tui SOURCES test_hostile_tui.c LIBS bm_tui)
# The two faces' harnesses replay their seeds with the same wrapped entry
# points as under libFuzzer (tests/fuzz/fuzz_face.h): the taxonomy loaded
# once, writes kept inside a scratch directory, runs capped.
bm_add_replay(fuzz_cli bm_cli)
target_link_options(replay_fuzz_cli PRIVATE
  -Wl,--wrap=bench_load_taxonomy,--wrap=tax_free,--wrap=atomic_file_open,--wrap=mkdir,--wrap=bench_run)
bm_add_replay(fuzz_tui bm_tui)
target_link_options(replay_fuzz_tui PRIVATE
  -Wl,--wrap=bench_load_taxonomy,--wrap=tax_free,--wrap=atomic_file_open,--wrap=mkdir,--wrap=bench_run,--wrap=tui_job_start)
