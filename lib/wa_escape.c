/* HTML, attribute and URL escaping: one function per output context. */
#include "wa_escape.h"

#include <string.h>

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* The entity for byte c in HTML text, or NULL if c stays as it is. */
static const char *html_entity(unsigned char c, int attr)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    case '\n':
        return attr ? "&#10;" : NULL;
    case '\t':
        return attr ? "&#9;" : NULL;
    default:
        return c < 0x20 || c == 0x7f ? REPLACEMENT : NULL;
    }
}

static wa_status escape(struct wa_buf *out, const char *p, size_t len, int attr, int marks, char ms,
                        char me)
{
    size_t keep = out->len, i, run = 0;
    int open = 0;
    wa_status st = WA_OK;

    for (i = 0; i < len && st == WA_OK; i++) {
        unsigned char c = (unsigned char)p[i];
        const char *rep;
        if (marks && (p[i] == ms || p[i] == me)) {
            rep = p[i] == ms ? (open ? "" : "<mark>") : (open ? "</mark>" : "");
            open = p[i] == ms;
        } else {
            rep = html_entity(c, attr);
        }
        if (!rep)
            continue;
        /* flush the run of plain bytes before this one */
        st = wa_buf_add(out, p + run, i - run);
        if (st == WA_OK)
            st = wa_buf_adds(out, rep);
        run = i + 1;
    }
    if (st == WA_OK)
        st = wa_buf_add(out, p + run, len - run);
    if (st == WA_OK && open)
        st = wa_buf_adds(out, "</mark>");
    if (st != WA_OK)
        wa_buf_truncate(out, keep);
    return st;
}

wa_status wa_escape_html(struct wa_buf *out, const char *p, size_t len)
{
    return escape(out, p, len, 0, 0, 0, 0);
}

wa_status wa_escape_attr(struct wa_buf *out, const char *p, size_t len)
{
    return escape(out, p, len, 1, 0, 0, 0);
}

wa_status wa_escape_html_marked(struct wa_buf *out, const char *p, size_t len, char mark_start,
                                char mark_end)
{
    return escape(out, p, len, 0, 1, mark_start, mark_end);
}

wa_status wa_escape_url(struct wa_buf *out, const char *p, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t keep = out->len, i;
    wa_status st = WA_OK;

    for (i = 0; i < len && st == WA_OK; i++) {
        unsigned char c = (unsigned char)p[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            st = wa_buf_addch(out, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            st = wa_buf_add(out, e, 3);
        }
    }
    if (st != WA_OK)
        wa_buf_truncate(out, keep);
    return st;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

wa_status wa_unescape_url(struct wa_buf *out, const char *p, size_t len)
{
    size_t keep = out->len, i;
    wa_status st = WA_OK;

    for (i = 0; i < len && st == WA_OK; i++) {
        char c = p[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi, lo;
            if (i + 2 >= len) {
                st = WA_ERR_FORMAT;
                break;
            }
            hi = hexval(p[i + 1]);
            lo = hexval(p[i + 2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                st = WA_ERR_FORMAT;
                break;
            }
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '\0') {
            st = WA_ERR_FORMAT;
            break;
        }
        st = wa_buf_addch(out, c);
    }
    if (st != WA_OK)
        wa_buf_truncate(out, keep);
    return st;
}
