# Presentation layer: the terminal UI. One cmocka executable per tui module
# where a test exercises one (canvas, doc, chart, actions, model); the
# golden screens and the live benchmark view go through several.
bm_add_test(test_tui_canvas SOURCES test_tui_canvas.c LIBS bm_tui)
bm_add_test(test_tui_doc SOURCES test_tui_doc.c LIBS bm_tui)
bm_add_test(test_tui_chart SOURCES test_tui_chart.c LIBS bm_tui)
bm_add_test(test_tui_actions SOURCES test_tui_actions.c LIBS bm_tui)
bm_add_test(test_tui_model SOURCES test_tui_model.c LIBS bm_tui)
bm_add_test(test_tui_golden SOURCES test_tui_golden.c LIBS bm_tui)
bm_add_test(test_tui_bench SOURCES test_tui_bench.c LIBS bm_tui)
bm_add_script_test(tui_tmux e2e/tui_tmux.sh)
