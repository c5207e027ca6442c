# Advisor tests (layer 1): profile, rules, recommend, advice, presets and the
# literature scenarios, plus the CLI end-to-end script for recommend/presets.
# Test names start with adv_ so `ctest -R adv` runs exactly these.
bm_add_test(adv_profile SOURCES test_profile.c LIBS bm_advisor)
bm_add_test(adv_rules SOURCES test_rules.c LIBS bm_advisor)
bm_add_test(adv_recommend SOURCES test_recommend.c LIBS bm_report)
bm_add_test(adv_advice SOURCES test_advice.c LIBS bm_advisor)
bm_add_test(adv_scenarios SOURCES test_scenarios.c LIBS bm_report)
bm_add_test(adv_presets SOURCES test_presets.c LIBS bm_report)
bm_add_script_test(adv_cli_recommend e2e/cli_recommend.sh)
