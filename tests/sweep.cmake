# Tests of sweeps (benchmarks/sweep*.c, cli/cmd_sweep.c): `bench --sweep`,
# --shard/--merge, resume, and MPI ranks (skipped, exit 77, without mpirun
# or without -DBANDITMAP_MPI=ON).
bm_add_test(test_sweep SOURCES test_sweep.c LIBS bm_report)
bm_add_script_test(e2e_cli_sweep e2e/cli_sweep.sh)
bm_add_script_test(e2e_mpi_sweep e2e/mpi_sweep.sh)
set_tests_properties(e2e_mpi_sweep PROPERTIES SKIP_RETURN_CODE 77)
