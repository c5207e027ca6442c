# Layer 0 tests.
bm_add_test(test_taxonomy SOURCES test_taxonomy.c LIBS bm_taxonomy)
bm_add_test(test_base SOURCES test_base.c LIBS bm_base)
bm_add_script_test(cli_taxonomy e2e/cli_taxonomy.sh)
