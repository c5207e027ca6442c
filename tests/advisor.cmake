# Advisor layer (advisor/): one cmocka executable per module, the bundled
# taxonomy's recommendations against the literature, and the CLI end-to-end
# script for recommend/presets. A test links bm_benchmarks when it builds a
# benchmark plan and bm_report when it renders the recommendation.
bm_add_test(test_profile SOURCES test_profile.c LIBS bm_advisor)
bm_add_test(test_rules SOURCES test_rules.c LIBS bm_advisor)
bm_add_test(test_recommend SOURCES test_recommend.c LIBS bm_report)
bm_add_test(test_sensitivity SOURCES test_sensitivity.c LIBS bm_advisor)
bm_add_test(test_advice SOURCES test_advice.c LIBS bm_advisor)
bm_add_test(test_presets SOURCES test_presets.c LIBS bm_benchmarks)
bm_add_test(test_recommend_literature SOURCES test_recommend_literature.c LIBS bm_advisor)
bm_add_script_test(adv_cli_recommend e2e/cli_recommend.sh)
