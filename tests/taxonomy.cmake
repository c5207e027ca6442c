# Taxonomy layer (taxonomy/): the loader and validator, and `banditmap
# taxonomy` end to end.
bm_add_test(test_taxonomy SOURCES test_taxonomy.c LIBS bm_taxonomy)
bm_add_script_test(cli_taxonomy e2e/cli_taxonomy.sh)
