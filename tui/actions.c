#include "tui/actions.h"

#include <stdio.h>
#include <string.h>

#include "tui/canvas.h"

static const struct tui_action_info actions[] = {
    {TUI_ACTION_NONE, "none", 0, "", ""},
#define TUI_ACTION_ROW(id, name, ctx, keys, help) {TUI_ACTION_##id, name, ctx, keys, help},
    TUI_ACTIONS(TUI_ACTION_ROW)
#undef TUI_ACTION_ROW
};

const struct tui_action_info *tui_action_info(enum tui_action a)
{
    if (a <= TUI_ACTION_NONE || a >= TUI_ACTION_COUNT)
        return NULL;
    return &actions[a];
}

enum tui_action tui_action_find(const char *name)
{
    for (size_t i = 1; i < TUI_ACTION_COUNT; i++)
        if (!strcmp(actions[i].name, name))
            return actions[i].id;
    return TUI_ACTION_NONE;
}

static const struct {
    const char *name;
    int key;
} named_keys[] = {
    {"Space", ' '},
    {"Enter", TUI_KEY_ENTER},
    {"Esc", TUI_KEY_ESC},
    {"Tab", TUI_KEY_TAB},
    {"S-Tab", TUI_KEY_BACKTAB},
    {"Backspace", TUI_KEY_BACKSPACE},
    {"Del", TUI_KEY_DELETE},
    {"Up", TUI_KEY_UP},
    {"Down", TUI_KEY_DOWN},
    {"Left", TUI_KEY_LEFT},
    {"Right", TUI_KEY_RIGHT},
    {"PgUp", TUI_KEY_PGUP},
    {"PgDn", TUI_KEY_PGDN},
    {"Home", TUI_KEY_HOME},
    {"End", TUI_KEY_END},
    {"Resize", TUI_KEY_RESIZE},
};

int tui_key_parsen(const char *name, size_t n)
{
    if (n == 0)
        return -1;
    for (size_t i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++)
        if (strlen(named_keys[i].name) == n && !memcmp(named_keys[i].name, name, n))
            return named_keys[i].key;
    if (n == 3 && name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z')
        return name[2] - 'a' + 1;
    if ((n == 2 || n == 3) && name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
        int f = name[1] - '0';
        if (n == 3) {
            if (name[2] < '0' || name[2] > '9')
                return -1;
            f = f * 10 + (name[2] - '0');
        }
        return f >= 1 && f <= 12 ? TUI_KEY_F1 + f - 1 : -1;
    }
    uint32_t cp;
    size_t used = tui_utf8_decode(name, n, &cp);
    if (used == n && cp >= 0x21 && cp != 0x7F && cp != 0xFFFD)
        return (int)cp;
    return -1;
}

int tui_key_parse(const char *name)
{
    return tui_key_parsen(name, strlen(name));
}

const char *tui_key_name(int key, char *buf, size_t size)
{
    for (size_t i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++)
        if (named_keys[i].key == key) {
            snprintf(buf, size, "%s", named_keys[i].name);
            return buf;
        }
    if (key >= 1 && key <= 26)
        snprintf(buf, size, "C-%c", 'a' + key - 1);
    else if (key >= TUI_KEY_F1 && key <= TUI_KEY_F12)
        snprintf(buf, size, "F%d", key - TUI_KEY_F1 + 1);
    else if (tui_key_is_text(key) && size > 4) {
        size_t n = tui_utf8_encode((uint32_t)key, buf);
        buf[n] = '\0';
    } else
        snprintf(buf, size, "key-%d", key);
    return buf;
}

int tui_key_is_text(int key)
{
    return key >= 0x20 && key < 0x110000 && key != 0x7F && !(key >= 0x80 && key < 0xA0);
}

/* Does the space-separated list keys contain key? */
static int has_key(const char *keys, int key)
{
    const char *p = keys;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e > p && tui_key_parsen(p, (size_t)(e - p)) == key)
            return 1;
        p = e;
    }
    return 0;
}

enum tui_action tui_action_for_key(unsigned ctx, int key)
{
    for (size_t i = 1; i < TUI_ACTION_COUNT; i++)
        if ((actions[i].ctx & ctx) && has_key(actions[i].keys, key))
            return actions[i].id;
    return TUI_ACTION_NONE;
}
