# Presentation layer: the terminal UI.
bm_add_test(test_tui_canvas SOURCES test_tui_canvas.c LIBS bm_tui)
bm_add_test(test_tui_model SOURCES test_tui_model.c LIBS bm_tui)
bm_add_test(test_tui_golden SOURCES test_tui_golden.c LIBS bm_tui)
bm_add_test(test_tui_bench SOURCES test_tui_bench.c LIBS bm_tui)
bm_add_script_test(tui_tmux e2e/tui_tmux.sh)
