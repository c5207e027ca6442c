/*
 * doc: a scrollable block of word-wrapped text lines, what every detail
 * pane (an algorithm, a question's help, a recommendation) is built as.
 *
 * A view builds a doc for the pane's width, draws the lines from the
 * model's scroll offset, and the geometry pass counts the lines so the
 * model can bound its scrolling. Lines may start with a label in its own
 * role ("Guarantee: "); wrapped continuation lines are indented under the
 * text. A doc owns copies of all its text. Not thread-safe.
 */
#ifndef BM_TUI_DOC_H
#define BM_TUI_DOC_H

#include <stddef.h>

#include "tui/canvas.h"
#include "tui/roles.h"

struct tui_doc_line {
    char *label;                 /* owned; may be NULL */
    enum tui_role label_role;
    char *text;                  /* owned; never NULL */
    enum tui_role role;
    int indent;                  /* columns before the label or text */
};

struct tui_doc {
    int width;                   /* wrap width in columns (at least 8) */
    struct tui_doc_line *lines;  /* owned */
    size_t count, alloc;
};

void tui_doc_init(struct tui_doc *d, int width);
void tui_doc_release(struct tui_doc *d);

/* Append text wrapped at word boundaries to the doc's width, every line
 * indented by indent columns. '\n' in text starts a new line; an empty
 * text adds one blank line. NULL adds nothing. */
void tui_doc_add(struct tui_doc *d, enum tui_role role, int indent, const char *text);
void tui_doc_addf(struct tui_doc *d, enum tui_role role, int indent, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Append "label text": the label in label_role, the text wrapped after it,
 * continuation lines indented to where the text started. NULL text adds
 * nothing. */
void tui_doc_field(struct tui_doc *d, int indent, enum tui_role label_role, const char *label,
                   enum tui_role role, const char *text);

/* A blank line, unless the doc is empty or already ends with one. */
void tui_doc_blank(struct tui_doc *d);

/* Draw lines [scroll, scroll + h) into the rectangle (y, x, h, d->width). */
void tui_doc_draw(const struct tui_doc *d, struct tui_canvas *c, int y, int x, int h, int scroll);

/* A number as people write it: whole numbers in full ("100000000"), others
 * with up to 6 significant digits ("0.02"). Returns buf. */
const char *tui_number_text(double v, char *buf, size_t size);

/* Split text into lines of at most width columns at spaces (hard-breaking
 * longer words), calling fn(start, len, ctx) for each; '\n' forces a break.
 * Exposed for views that wrap into their own layout. */
void tui_wrap(const char *text, int width,
              void (*fn)(const char *start, size_t len, void *ctx), void *ctx);

#endif
