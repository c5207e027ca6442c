# Tests of the benchmark harness (benchmarks/, advisor/spec.c) and `banditmap bench`.
bm_add_test(test_rng SOURCES test_rng.c LIBS bm_report)
bm_add_test(test_stats SOURCES test_stats.c LIBS bm_report)
bm_add_test(test_spec SOURCES test_spec.c LIBS bm_report)
bm_add_test(test_policies SOURCES test_policies.c LIBS bm_report)
bm_add_test(test_workloads SOURCES test_workloads.c LIBS bm_report)
bm_add_test(test_runner SOURCES test_runner.c LIBS bm_report)
bm_add_script_test(e2e_cli_bench e2e/cli_bench.sh)
bm_add_test(test_policy_speedups SOURCES test_policy_speedups.c LIBS bm_report)
# Issue 5: contextual, ranking, pricing and budgeted workloads and policies.
bm_add_test(test_contextual SOURCES test_contextual.c LIBS bm_report)
bm_add_test(test_slates SOURCES test_slates.c LIBS bm_report)
bm_add_test(test_pricing SOURCES test_pricing.c LIBS bm_report)
bm_add_test(test_knapsack SOURCES test_knapsack.c LIBS bm_report)
