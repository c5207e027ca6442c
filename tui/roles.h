/*
 * roles: the semantic colour roles views paint with.
 *
 * One X-macro table: X(id, foreground, background, colour attribute,
 * monochrome attribute). The colour and attribute words are plain tokens
 * here; only term.c gives them curses meaning (COLOR_<fg>, A_<attr>), so
 * this header stays curses-free. Under NO_COLOR (or a terminal without
 * colours) term.c uses the monochrome attribute alone, which is chosen so
 * every role that carries meaning (selection, errors, the active tab)
 * stays visible.
 */
#ifndef BM_TUI_ROLES_H
#define BM_TUI_ROLES_H

#define TUI_ROLES(X)                                              \
    X(NORMAL,       DEFAULT, DEFAULT, NORMAL,    NORMAL)          \
    X(DIM,          DEFAULT, DEFAULT, DIM,       DIM)             \
    X(TITLE,        CYAN,    DEFAULT, BOLD,      BOLD)            \
    X(HEADING,      YELLOW,  DEFAULT, BOLD,      UNDERLINE)       \
    X(TAB,          DEFAULT, DEFAULT, NORMAL,    NORMAL)          \
    X(TAB_ACTIVE,   BLACK,   CYAN,    BOLD,      REVERSE)         \
    X(SELECTED,     BLACK,   CYAN,    NORMAL,    REVERSE)         \
    X(SELECTED_DIM, DEFAULT, DEFAULT, UNDERLINE, UNDERLINE)       \
    X(KEY,          CYAN,    DEFAULT, BOLD,      BOLD)            \
    X(STATUS,       DEFAULT, DEFAULT, NORMAL,    NORMAL)          \
    X(OK,           GREEN,   DEFAULT, BOLD,      BOLD)            \
    X(WARN,         YELLOW,  DEFAULT, BOLD,      BOLD)            \
    X(ERROR,        RED,     DEFAULT, BOLD,      BOLD)            \
    X(MATCH,        MAGENTA, DEFAULT, BOLD,      UNDERLINE)       \
    X(BAR,          BLACK,   GREEN,   NORMAL,    REVERSE)         \
    X(BORDER,       BLUE,    DEFAULT, NORMAL,    NORMAL)          \
    X(SERIES1,      GREEN,   DEFAULT, BOLD,      BOLD)            \
    X(SERIES2,      YELLOW,  DEFAULT, NORMAL,    NORMAL)          \
    X(SERIES3,      MAGENTA, DEFAULT, NORMAL,    NORMAL)          \
    X(SERIES4,      BLUE,    DEFAULT, NORMAL,    NORMAL)          \
    X(SERIES5,      RED,     DEFAULT, NORMAL,    NORMAL)

enum tui_role {
#define TUI_ROLE_ENUM(id, fg, bg, attr, mono) TUI_ROLE_##id,
    TUI_ROLES(TUI_ROLE_ENUM)
#undef TUI_ROLE_ENUM
    TUI_ROLE_COUNT
};

#endif
