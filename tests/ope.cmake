# Off-policy evaluation (benchmarks/ope/ as the library bm_ope, cli/cmd_ope.c):
# one cmocka executable per module, the pipeline on the Open Bandit Dataset,
# and `banditmap ope` end to end. test_log_writer tests benchmarks/log_writer.c
# here because it reads what it writes through the OPE reader.
bm_add_test(test_log_csv SOURCES test_log_csv.c LIBS bm_ope)
bm_add_test(test_target SOURCES test_target.c LIBS bm_ope)
bm_add_test(test_reward_model SOURCES test_reward_model.c LIBS bm_ope)
bm_add_test(test_estimators SOURCES test_estimators.c LIBS bm_ope)
bm_add_test(test_ope SOURCES test_ope.c LIBS bm_ope)
bm_add_test(test_ope_obd SOURCES test_ope_obd.c LIBS bm_ope)
bm_add_test(test_log_writer SOURCES test_log_writer.c LIBS bm_ope)
bm_add_script_test(cli_ope e2e/cli_ope.sh)
