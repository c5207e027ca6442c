/*
 * yaml_writer: the writing half of the YAML files banditmap saves (specs,
 * profiles), so that what is saved loads again unchanged through
 * yaml_reader.h.
 *
 * Invariant: for any NUL-free UTF-8 text s, yaml_write_quoted(out, s)
 * writes a double-quoted scalar that libyaml reads back as exactly s. The
 * characters YAML 1.1/1.2 does not allow raw in a stream, or that a
 * double-quoted scalar would fold as line breaks, are written as escapes
 * (YAML 1.2, section 5.7): C0 controls, DEL, the C1 controls
 * U+0080-U+009F (U+0085 is NEL, a line break), U+2028 and U+2029 (line
 * and paragraph separators), U+FEFF (a byte order mark) and the
 * non-characters U+FFFE and U+FFFF. Everything else passes through; bytes
 * that are not UTF-8 pass through unchanged (they cannot load again).
 * Stateless; thread-safe as long as out is not shared.
 */
#ifndef BM_YAML_WRITER_H
#define BM_YAML_WRITER_H

#include <stdio.h>

/* Write s as a YAML double-quoted scalar, quotes included, no newline. */
void yaml_write_quoted(FILE *out, const char *s);

#endif
