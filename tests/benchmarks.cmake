# Benchmarks layer (benchmarks/): one cmocka executable per module, per
# policy family (test_pol_<family>) and per workload (test_wl_<name>), plus
# `banditmap bench` and sweeps end to end. A test links bm_report when it
# compares results through their JSON rendering.
bm_add_test(test_rng SOURCES test_rng.c LIBS bm_benchmarks)
bm_add_test(test_stats SOURCES test_stats.c LIBS bm_benchmarks)
bm_add_test(test_verdict SOURCES test_verdict.c LIBS bm_benchmarks)
bm_add_test(test_spec SOURCES test_spec.c LIBS bm_benchmarks)
bm_add_test(test_plan SOURCES test_plan.c LIBS bm_report)
bm_add_test(test_linalg SOURCES test_linalg.c LIBS bm_benchmarks)
bm_add_test(test_runner SOURCES test_runner.c LIBS bm_report)
bm_add_test(test_run SOURCES test_run.c LIBS bm_benchmarks)
# Policies: the registry and every-policy properties, then one file per family.
bm_add_test(test_policies SOURCES test_policies.c LIBS bm_benchmarks)
bm_add_test(test_pol_common SOURCES test_pol_common.c LIBS bm_benchmarks)
bm_add_test(test_pol_simple SOURCES test_pol_simple.c LIBS bm_benchmarks)
bm_add_test(test_pol_ucb SOURCES test_pol_ucb.c LIBS bm_benchmarks)
bm_add_test(test_pol_klucb SOURCES test_pol_klucb.c LIBS bm_benchmarks)
bm_add_test(test_lazy_index SOURCES test_lazy_index.c LIBS bm_benchmarks)
bm_add_test(test_pol_thompson SOURCES test_pol_thompson.c LIBS bm_benchmarks)
bm_add_test(test_pol_papers SOURCES test_pol_papers.c LIBS bm_benchmarks)
bm_add_test(test_pol_claims SOURCES test_pol_claims.c LIBS bm_benchmarks)
bm_add_test(test_pol_chernoff_ucb SOURCES test_pol_chernoff_ucb.c LIBS bm_benchmarks)
bm_add_test(test_pol_nonstationary SOURCES test_pol_nonstationary.c LIBS bm_benchmarks)
bm_add_test(test_pol_identification SOURCES test_pol_identification.c LIBS bm_benchmarks)
bm_add_test(test_pol_linear SOURCES test_pol_linear.c LIBS bm_benchmarks)
bm_add_test(test_pol_glm SOURCES test_pol_glm.c LIBS bm_benchmarks)
bm_add_test(test_pol_linucb_hybrid SOURCES test_pol_linucb_hybrid.c LIBS bm_benchmarks)
bm_add_test(test_pol_cascade SOURCES test_pol_cascade.c LIBS bm_benchmarks)
bm_add_test(test_pol_pricing SOURCES test_pol_pricing.c LIBS bm_benchmarks)
bm_add_test(test_pol_bwk SOURCES test_pol_bwk.c LIBS bm_benchmarks)
# Workloads: the registry and every-workload properties, then one file per workload.
bm_add_test(test_workloads SOURCES test_workloads.c LIBS bm_benchmarks)
bm_add_test(test_wl_bernoulli SOURCES test_wl_bernoulli.c LIBS bm_benchmarks)
bm_add_test(test_wl_continuous SOURCES test_wl_continuous.c LIBS bm_benchmarks)
bm_add_test(test_wl_nonstationary SOURCES test_wl_nonstationary.c LIBS bm_benchmarks)
bm_add_test(test_wl_contextual SOURCES test_wl_contextual.c LIBS bm_benchmarks)
bm_add_test(test_wl_slates SOURCES test_wl_slates.c LIBS bm_benchmarks)
bm_add_test(test_wl_pricing SOURCES test_wl_pricing.c LIBS bm_benchmarks)
bm_add_test(test_wl_knapsack SOURCES test_wl_knapsack.c LIBS bm_benchmarks)
bm_add_script_test(e2e_cli_bench e2e/cli_bench.sh)
# `banditmap bench` as a process (cli/cmd_bench.c): default policies, --param.
bm_add_test(test_cli_bench SOURCES test_cli_bench.c LIBS bm_benchmarks)
add_dependencies(test_cli_bench banditmap)
# Sweeps (benchmarks/sweep*.c, cli/cmd_sweep.c): `bench --sweep`,
# --shard/--merge, resume, and MPI ranks (skipped, exit 77, without mpirun
# or without -DBANDITMAP_MPI=ON).
bm_add_test(test_sweep SOURCES test_sweep.c LIBS bm_benchmarks)
bm_add_test(test_sweep_exec SOURCES test_sweep_exec.c LIBS bm_report)
bm_add_script_test(e2e_cli_sweep e2e/cli_sweep.sh)
bm_add_script_test(e2e_mpi_sweep e2e/mpi_sweep.sh)
set_tests_properties(e2e_mpi_sweep PROPERTIES SKIP_RETURN_CODE 77)
