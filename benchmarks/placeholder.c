/* Removed once the harness has real sources. */
int bench_placeholder_unused(void);
int bench_placeholder_unused(void) { return 0; }
