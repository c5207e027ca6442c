# Base layer (base/): one cmocka executable per module, linked with bm_base.
bm_add_test(test_diag SOURCES test_diag.c LIBS bm_base)
bm_add_test(test_jsonw SOURCES test_jsonw.c LIBS bm_base)
bm_add_test(test_arena SOURCES test_arena.c LIBS bm_base)
bm_add_test(test_atomic_file SOURCES test_atomic_file.c LIBS bm_base)
bm_add_test(test_yaml_reader SOURCES test_yaml_reader.c LIBS bm_base)
bm_add_test(test_suggest SOURCES test_suggest.c LIBS bm_base)
