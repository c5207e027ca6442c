# Tests of the benchmark harness (benchmarks/, advisor/spec.c) and `banditmap bench`.
bm_add_test(test_rng SOURCES test_rng.c LIBS bm_benchmarks)
bm_add_test(test_stats SOURCES test_stats.c LIBS bm_benchmarks)
bm_add_test(test_spec SOURCES test_spec.c LIBS bm_benchmarks)
bm_add_test(test_policies SOURCES test_policies.c LIBS bm_benchmarks)
bm_add_test(test_workloads SOURCES test_workloads.c LIBS bm_benchmarks)
bm_add_test(test_runner SOURCES test_runner.c LIBS bm_benchmarks)
bm_add_script_test(e2e_cli_bench e2e/cli_bench.sh)
