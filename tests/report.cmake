# Report layer (report/): renderings of recommendations and results.
bm_add_test(test_recommendation SOURCES test_recommendation.c LIBS bm_report)
bm_add_test(test_results SOURCES test_results.c LIBS bm_report)
