/*
 * yaml_writer: double-quoted YAML scalars that load back exactly (see
 * yaml_writer.h).
 */
#include "base/yaml_writer.h"

/* Code point of the UTF-8 sequence at s and its length in *len, or -1
 * (and *len = 1) when s does not start a well-formed sequence. */
static long utf8_decode(const unsigned char *s, int *len)
{
    *len = 1;
    if (s[0] < 0x80)
        return s[0];
    int n = s[0] < 0xc2 ? 0 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : s[0] <= 0xf4 ? 4 : 0;
    if (n == 0)
        return -1;
    long cp = s[0] & (0x7f >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return -1;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    *len = n;
    return cp;
}

/* Must this code point be escaped (yaml_writer.h lists them)? */
static int needs_escape(long cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0xfeff || cp == 0xfffe || cp == 0xffff;
}

void yaml_write_quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *c = (const unsigned char *)s; *c;) {
        int len;
        long cp = utf8_decode(c, &len);
        if (*c == '"' || *c == '\\')
            fprintf(out, "\\%c", *c);
        else if (*c == '\n')
            fputs("\\n", out);
        else if (*c == '\t')
            fputs("\\t", out);
        else if (cp >= 0 && cp < 0x80 && needs_escape(cp))
            fprintf(out, "\\x%02lx", cp);
        else if (cp >= 0 && needs_escape(cp))
            fprintf(out, "\\u%04lX", cp);
        else
            fwrite(c, 1, (size_t)len, out);
        c += len;
    }
    fputc('"', out);
}
