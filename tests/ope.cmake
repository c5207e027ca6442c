# Off-policy evaluation (benchmarks/ope/ as the library bm_ope, cli/cmd_ope.c).
bm_add_test(test_ope SOURCES test_ope.c LIBS bm_ope)
bm_add_test(test_ope_coverage SOURCES test_ope_coverage.c LIBS bm_ope)
bm_add_test(test_ope_obd SOURCES test_ope_obd.c LIBS bm_ope)
bm_add_script_test(cli_ope e2e/cli_ope.sh)
