/*
 * actions: the one table of everything a user can do in the TUI.
 *
 * Each row of TUI_ACTIONS is X(id, name, contexts, keys, help):
 *   id        the enum tui_action constant TUI_ACTION_<id>
 *   name      what script mode and the README call it ("down", "search")
 *   contexts  the TUI_CTX_* bits where it applies
 *   keys      its default keys, space separated, as tui_key_parse() reads
 *   help      the line the `?` screen shows
 * The help screen, the key lookup and script mode are all generated from
 * it, so a key cannot do something the help does not list. Within one
 * context no key may be bound twice (test_tui_model checks this).
 * Keys are plain ints, curses-free: a Unicode code point for a printable
 * key or a control character (C-b is 2), or one of the TUI_KEY_* values
 * above the Unicode range; term.c translates curses keys into these.
 * Everything here is constant; thread-safe.
 */
#ifndef BM_TUI_ACTIONS_H
#define BM_TUI_ACTIONS_H

#include <stddef.h>

/* Where an action applies: one bit per screen and per modal layer. */
enum {
    TUI_CTX_MAP = 1 << 0,
    TUI_CTX_QUIZ = 1 << 1,
    TUI_CTX_RECS = 1 << 2,
    TUI_CTX_BENCH = 1 << 3,
    TUI_CTX_HELP = 1 << 4,       /* the help overlay */
    TUI_CTX_LIST = 1 << 5,       /* the diagnostics and presets overlays */
    TUI_CTX_PROMPT = 1 << 6,     /* a one-line text prompt (search, path, number) */
    TUI_CTX_SCREENS = TUI_CTX_MAP | TUI_CTX_QUIZ | TUI_CTX_RECS | TUI_CTX_BENCH,
    TUI_CTX_SCROLL = TUI_CTX_SCREENS | TUI_CTX_HELP | TUI_CTX_LIST,
};

#define TUI_ACTIONS(X)                                                                        \
    /* everywhere */                                                                          \
    X(QUIT, "quit", TUI_CTX_SCREENS, "q", "quit banditmap")                                   \
    X(HELP, "help", TUI_CTX_SCREENS, "? F1", "list the keys of this screen")                  \
    X(SCREEN_MAP, "screen-map", TUI_CTX_SCREENS, "F2", "the map of algorithms")               \
    X(SCREEN_QUIZ, "screen-quiz", TUI_CTX_SCREENS, "F3", "the questionnaire")                 \
    X(SCREEN_RECS, "screen-recs", TUI_CTX_SCREENS, "F4", "the recommendations")               \
    X(SCREEN_BENCH, "screen-bench", TUI_CTX_SCREENS, "F5", "the benchmark")                   \
    X(SCREEN_NEXT, "next-screen", TUI_CTX_SCREENS, "]", "next screen")                        \
    X(SCREEN_PREV, "prev-screen", TUI_CTX_SCREENS, "[", "previous screen")                    \
    X(FOCUS_NEXT, "focus-next", TUI_CTX_SCREENS, "Tab", "switch between the panes")           \
    X(FOCUS_PREV, "focus-prev", TUI_CTX_SCREENS, "S-Tab", "switch panes backwards")           \
    X(UP, "up", TUI_CTX_SCROLL, "Up k", "move up (or scroll the details)")                    \
    X(DOWN, "down", TUI_CTX_SCROLL, "Down j", "move down (or scroll the details)")            \
    X(PAGE_UP, "page-up", TUI_CTX_SCROLL, "PgUp C-b", "one page up")                          \
    X(PAGE_DOWN, "page-down", TUI_CTX_SCROLL, "PgDn C-f", "one page down")                    \
    X(FIRST, "first", TUI_CTX_SCROLL, "Home g", "go to the top")                              \
    X(LAST, "last", TUI_CTX_SCROLL, "End G", "go to the bottom")                              \
    X(RELOAD, "reload", TUI_CTX_SCREENS, "r", "reload the taxonomy from its files")           \
    X(REDRAW, "redraw", TUI_CTX_SCREENS, "C-l", "redraw the screen")                          \
    /* map */                                                                                 \
    X(MAP_OPEN, "open", TUI_CTX_MAP, "Enter Space Right l", "open a family, or read an algorithm") \
    X(MAP_CLOSE, "close", TUI_CTX_MAP, "Left h", "close a family, or go back to the list")    \
    X(SEARCH, "search", TUI_CTX_MAP, "/", "search the map as you type (Esc clears)")          \
    X(MAP_CLEAR, "clear-search", TUI_CTX_MAP, "Esc", "clear the search")                      \
    X(MAP_QUIZ, "start-quiz", TUI_CTX_MAP, "a", "answer the questionnaire")                   \
    /* questionnaire */                                                                       \
    X(QUIZ_CHOOSE, "choose", TUI_CTX_QUIZ, "Enter Space", "choose the highlighted answer and go on") \
    X(QUIZ_PICK, "pick", TUI_CTX_QUIZ, "1 2 3 4 5 6 7 8 9",                                   \
      "choose answer N (a number: start typing it)")                                          \
    X(QUIZ_NOT_SURE, "not-sure", TUI_CTX_QUIZ, "0 n", "answer \"not sure\"")                  \
    X(QUIZ_NEXT, "next-question", TUI_CTX_QUIZ, "Right l", "next question, keeping the answer") \
    X(QUIZ_PREV, "prev-question", TUI_CTX_QUIZ, "Left h Backspace", "previous question")      \
    X(QUIZ_PRESET, "preset", TUI_CTX_QUIZ, "p", "start from a preset profile")                \
    X(QUIZ_SAVE, "save-profile", TUI_CTX_QUIZ, "s e", "save the answers as a profile file")   \
    X(QUIZ_RESET, "reset", TUI_CTX_QUIZ, "x", "clear every answer")                           \
    /* recommendations */                                                                     \
    X(RECS_BENCH, "benchmark", TUI_CTX_RECS, "b", "run the benchmark that checks the pick")   \
    X(RECS_EXPORT, "export-recommendation", TUI_CTX_RECS, "e s",                              \
      "export the recommendation (.md Markdown, .json)")                                      \
    /* benchmark */                                                                           \
    X(BENCH_RUN, "run", TUI_CTX_BENCH, "b Enter", "run (or run again) the benchmark")         \
    X(BENCH_CANCEL, "cancel", TUI_CTX_BENCH, "Esc", "stop a running benchmark")               \
    X(BENCH_EXPORT, "export-results", TUI_CTX_BENCH, "e s",                                   \
      "export the results (.json, .csv or .svg by the name)")                                 \
    /* overlays */                                                                            \
    X(LIST_CHOOSE, "accept", TUI_CTX_LIST, "Enter", "use the highlighted item")               \
    X(CLOSE, "close-overlay", TUI_CTX_HELP | TUI_CTX_LIST, "Esc q ?", "close this window")    \
    /* prompts */                                                                             \
    X(PROMPT_ACCEPT, "prompt-accept", TUI_CTX_PROMPT, "Enter", "accept the text")             \
    X(PROMPT_CANCEL, "prompt-cancel", TUI_CTX_PROMPT, "Esc C-g", "cancel the prompt")         \
    X(PROMPT_ERASE, "prompt-erase", TUI_CTX_PROMPT, "Backspace", "erase one character")       \
    X(PROMPT_CLEAR, "prompt-clear", TUI_CTX_PROMPT, "C-u", "erase the whole text")

enum tui_action {
    TUI_ACTION_NONE,
#define TUI_ACTION_ENUM(id, name, ctx, keys, help) TUI_ACTION_##id,
    TUI_ACTIONS(TUI_ACTION_ENUM)
#undef TUI_ACTION_ENUM
    TUI_ACTION_COUNT
};

struct tui_action_info {
    enum tui_action id;
    const char *name;
    unsigned ctx;
    const char *keys;
    const char *help;
};

/* Special keys, above the Unicode range. */
enum {
    TUI_KEY_UP = 0x110000,
    TUI_KEY_DOWN,
    TUI_KEY_LEFT,
    TUI_KEY_RIGHT,
    TUI_KEY_PGUP,
    TUI_KEY_PGDN,
    TUI_KEY_HOME,
    TUI_KEY_END,
    TUI_KEY_ENTER,
    TUI_KEY_ESC,
    TUI_KEY_TAB,
    TUI_KEY_BACKTAB,
    TUI_KEY_BACKSPACE,
    TUI_KEY_DELETE,
    TUI_KEY_RESIZE,
    TUI_KEY_F1,                  /* F1..F12 follow */
    TUI_KEY_F12 = TUI_KEY_F1 + 11,
};

/* The row of an action (NULL for NONE or out of range). */
const struct tui_action_info *tui_action_info(enum tui_action a);
/* The action called name, or TUI_ACTION_NONE. */
enum tui_action tui_action_find(const char *name);
/* The action key triggers in context ctx (one TUI_CTX_* bit), or NONE. */
enum tui_action tui_action_for_key(unsigned ctx, int key);

/* Parse a key name: a single character ("j", "/", "é"), "Space", "Enter",
 * "Esc", "Tab", "S-Tab", "Backspace", "Del", "Up", "Down", "Left", "Right",
 * "PgUp", "PgDn", "Home", "End", "F1".."F12", "C-a".."C-z". Returns the
 * key, or -1 if the name is not a key. */
int tui_key_parse(const char *name);
/* Parse the n bytes at name (not NUL-terminated). */
int tui_key_parsen(const char *name, size_t n);
/* The name of a key into buf (at least 16 bytes); returns buf. */
const char *tui_key_name(int key, char *buf, size_t size);
/* Is the key a printable character (what a prompt inserts)? */
int tui_key_is_text(int key);

#endif
