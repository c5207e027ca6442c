/*
 * script: the script runner (grammar and limits in script.h).
 */
#include "tui/script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/atomic_file.h"
#include "base/xalloc.h"
#include "base/yaml_reader.h"
#include "tui/actions.h"
#include "tui/canvas.h"
#include "tui/view.h"

int tui_parse_size(const char *s, int *cols, int *rows)
{
    char *end;
    long c = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X'))
        return -1;
    const char *r0 = end + 1;
    long r = strtol(r0, &end, 10);
    if (end == r0 || *end || c < 1 || c > 1000 || r < 1 || r > 1000)
        return -1;
    *cols = (int)c;
    *rows = (int)r;
    return 0;
}

struct runner {
    struct tui_model *m;
    struct tui_canvas canvas;
    const char *path;
    int line;
    struct diag_list *diags;
    bool quit;
};

static unsigned press(struct runner *r, int key)
{
    struct tui_geom g;
    view_geom(r->m, r->canvas.rows, r->canvas.cols, &g);
    unsigned react = tui_model_key(r->m, key, &g);
    react |= tui_model_tick(r->m);
    if (react & TUI_REACT_QUIT)
        r->quit = true;
    return react;
}

static int save_display(struct runner *r, const char *path)
{
    view_render(r->m, &r->canvas);
    char *text = tui_canvas_dump(&r->canvas);
    struct atomic_file af;
    int rc = atomic_file_open(&af, path, r->diags);
    if (rc == 0) {
        fputs(text, af.fp);
        rc = atomic_file_commit(&af, r->diags);
    }
    free(text);
    return rc;
}

static int keys(struct runner *r, char *args, int col)
{
    char *save = NULL;
    for (char *k = strtok_r(args, " \t", &save); k && !r->quit; k = strtok_r(NULL, " \t", &save)) {
        int key = tui_key_parse(k);
        if (key < 0) {
            diag_add(r->diags, DIAG_ERROR, r->path, r->line, col + (int)(k - args),
                     "unknown key '%s'", k);
            return -1;
        }
        press(r, key);
    }
    return 0;
}

static int command(struct runner *r, char *line)
{
    char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p || *p == '#')
        return 0;
    int col = (int)(p - line) + 1;
    char *args = p;
    while (*args && *args != ' ' && *args != '\t')
        args++;
    if (*args)
        *args++ = '\0';
    while (*args == ' ' || *args == '\t')
        args++;
    int args_col = (int)(args - line) + 1;

    if (!strcmp(p, "key"))
        return keys(r, args, args_col);
    if (!strcmp(p, "type")) {
        const char *s = args;
        while (*s && !r->quit) {
            uint32_t cp;
            s += tui_utf8_decode(s, strlen(s), &cp);
            press(r, (int)cp);
        }
        return 0;
    }
    if (!strcmp(p, "resize")) {
        int cols, rows;
        if (tui_parse_size(args, &cols, &rows) < 0) {
            diag_add(r->diags, DIAG_ERROR, r->path, r->line, args_col,
                     "expected COLSxROWS, e.g. 80x24, not '%s'", args);
            return -1;
        }
        tui_canvas_resize(&r->canvas, rows, cols);
        return 0;
    }
    if (!strcmp(p, "wait")) {
        tui_model_wait(r->m);
        tui_model_tick(r->m);
        return 0;
    }
    if (!strcmp(p, "save-display")) {
        if (!*args) {
            diag_add(r->diags, DIAG_ERROR, r->path, r->line, args_col, "save-display needs a path");
            return -1;
        }
        return save_display(r, args);
    }
    enum tui_action a = tui_action_find(p);
    if (a == TUI_ACTION_NONE) {
        diag_add(r->diags, DIAG_ERROR, r->path, r->line, col, "unknown script command '%s'", p);
        return -1;
    }
    struct tui_geom g;
    view_geom(r->m, r->canvas.rows, r->canvas.cols, &g);
    unsigned react = tui_apply(r->m, a, 0, &g) | tui_model_tick(r->m);
    if (react & TUI_REACT_QUIT)
        r->quit = true;
    return 0;
}

/* The whole script into memory: *len bytes, NUL-terminated. NULL with a
 * diagnostic when it cannot be read, is a directory or is larger than
 * TUI_SCRIPT_MAX_BYTES (reading stops one byte past it, so /dev/zero ends). */
static char *read_script(const char *path, size_t *len, struct diag_list *diags)
{
    FILE *f = yr_open_input(path);
    struct stat st;
    int err = !f ? errno : fstat(fileno(f), &st) < 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    if (err) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read the script: %s", strerror(err));
        if (f)
            fclose(f);
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (cap > TUI_SCRIPT_MAX_BYTES)
                break;
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    err = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (err || n > TUI_SCRIPT_MAX_BYTES) {
        if (err)
            diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read the script: %s", strerror(err));
        else
            diag_add(diags, DIAG_ERROR, path, 0, 0, "script is larger than %d bytes",
                     TUI_SCRIPT_MAX_BYTES);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int tui_script_run(struct tui_model *m, const char *path, int rows, int cols,
                   struct diag_list *diags)
{
    size_t len;
    char *text = read_script(path, &len, diags);
    if (!text)
        return -1;
    /* Every line is checked before any runs, so a bad script saves nothing. */
    int line_no = 0;
    for (size_t at = 0; at < len; line_no++) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
        const char *nul = memchr(text + at, '\0', n);
        if (n > TUI_SCRIPT_MAX_LINE || nul) {
            if (nul)
                diag_add(diags, DIAG_ERROR, path, line_no + 1, (int)(nul - (text + at)) + 1,
                         "the script contains a NUL byte");
            else
                diag_add(diags, DIAG_ERROR, path, line_no + 1, TUI_SCRIPT_MAX_LINE + 1,
                         "line longer than %d bytes", TUI_SCRIPT_MAX_LINE);
            free(text);
            return -1;
        }
        text[at + n] = '\0';   /* the newline, or the terminating NUL */
        at += n + 1;
    }
    struct runner r = {m, {0, 0, NULL}, path, 0, diags, false};
    tui_canvas_init(&r.canvas);
    tui_canvas_resize(&r.canvas, rows, cols);
    int rc = 0;
    for (size_t at = 0; rc == 0 && !r.quit && at < len;) {
        char *line = text + at;
        at += strlen(line) + 1;
        r.line++;
        line[strcspn(line, "\r")] = '\0';
        rc = command(&r, line);
    }
    free(text);
    tui_canvas_release(&r.canvas);
    return rc;
}
