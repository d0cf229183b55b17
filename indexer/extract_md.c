/* Markdown: cmark for the text, a "---" front matter block for metadata. */
#include <cmark.h>
#include <string.h>

#include "extract.h"
#include "wa_utf8.h"
#include "xml_util.h"

/* Strip spaces, surrounding quotes and YAML list brackets from a value. */
static void clean_value(const char **v, size_t *n)
{
    while (*n && (**v == ' ' || **v == '\t'))
        (*v)++, (*n)--;
    while (*n && ((*v)[*n - 1] == ' ' || (*v)[*n - 1] == '\t' || (*v)[*n - 1] == '\r'))
        (*n)--;
    if (*n >= 2 &&
        (((*v)[0] == '"' && (*v)[*n - 1] == '"') || ((*v)[0] == '\'' && (*v)[*n - 1] == '\'') ||
         ((*v)[0] == '[' && (*v)[*n - 1] == ']'))) {
        (*v)++;
        *n -= 2;
    }
}

static wa_status set_meta(struct wa_record *rec, const char *key, struct wa_buf *val,
                          struct wa_buf *reason)
{
    wa_status st;

    if (!key[0] || !val->len)
        return WA_OK;
    st = wa_record_set(rec, key, val->p, val->len);
    if (st == WA_ERR_NOT_FOUND)
        return WA_OK; /* other front matter keys (layout, slug, ...) are not ours */
    if (st == WA_ERR_FORMAT && strcmp(key, "date") != 0 && strcmp(key, "datum") != 0) {
        /* a visibility we cannot read must not silently become public */
        wa_buf_addf(reason, "front matter: bad value '%s' for '%s'", val->p, key);
        return st;
    }
    return st == WA_ERR_FORMAT ? WA_OK : st;
}

/*
 * Parse the front matter at the start of text (after "---\n", up to a
 * line "---" or "..."). Returns the number of bytes it spans (0: none).
 * "key: value" lines set fields; "- item" lines continue a list value.
 */
static size_t front_matter(const char *text, size_t len, struct wa_record *rec, wa_status *st,
                           struct wa_buf *reason)
{
    const char *p, *end = text + len;
    char key[64] = "";
    struct wa_buf val;

    *st = WA_OK;
    if (len < 4 || memcmp(text, "---", 3) != 0 || (text[3] != '\n' && text[3] != '\r'))
        return 0;
    p = memchr(text, '\n', len);
    p = p ? p + 1 : end;
    wa_buf_init(&val, 64 * 1024);
    while (p < end && *st == WA_OK) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *q = eol ? eol : end;
        size_t n = (size_t)(q - p);
        const char *colon;
        while (n && p[n - 1] == '\r')
            n--;
        if ((n == 3 && (memcmp(p, "---", 3) == 0 || memcmp(p, "...", 3) == 0))) {
            *st = set_meta(rec, key, &val, reason);
            wa_buf_release(&val);
            return (size_t)((eol ? eol + 1 : end) - text);
        }
        colon = memchr(p, ':', n);
        if (n && (p[0] == ' ' || p[0] == '\t' || p[0] == '-') && key[0]) {
            /* continuation: "  - item" adds to a list */
            const char *v = p;
            size_t vn = n;
            while (vn && (*v == ' ' || *v == '\t'))
                v++, vn--;
            if (vn && *v == '-') {
                v++, vn--;
                clean_value(&v, &vn);
                if (vn) {
                    if (val.len)
                        wa_buf_addch(&val, ';');
                    wa_buf_add(&val, v, vn);
                }
            }
        } else if (colon && colon > p) {
            size_t kl = (size_t)(colon - p);
            const char *v = colon + 1;
            size_t vn = n - kl - 1;
            int bracket;
            *st = set_meta(rec, key, &val, reason);
            wa_buf_reset(&val);
            while (kl && (p[kl - 1] == ' ' || p[kl - 1] == '\t'))
                kl--;
            if (kl >= sizeof key)
                kl = 0;
            memcpy(key, p, kl);
            key[kl] = '\0';
            while (vn && (*v == ' ' || *v == '\t'))
                v++, vn--;
            bracket = vn && *v == '[';
            clean_value(&v, &vn);
            /* inline YAML lists "[a, b]" separate with commas; authors need ';' */
            if (vn && (!strcmp(key, "autoren") || !strcmp(key, "authors") ||
                       !strcmp(key, "autor") || !strcmp(key, "author"))) {
                size_t i;
                wa_buf_add(&val, v, vn);
                if (bracket)
                    for (i = 0; i < val.len; i++)
                        if (val.p[i] == ',')
                            val.p[i] = ';';
            } else if (vn) {
                wa_buf_add(&val, v, vn);
            }
        }
        p = eol ? eol + 1 : end;
    }
    wa_buf_release(&val);
    return 0; /* no closing line: not front matter, the whole file is text */
}

static int is_block(cmark_node_type t)
{
    return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_ITEM ||
           t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_CODE_BLOCK ||
           t == CMARK_NODE_THEMATIC_BREAK || t == CMARK_NODE_LIST;
}

/* Walk the document (cmark's iterator, no recursion) collecting text and the first heading. */
static wa_status walk(cmark_node *doc, struct wa_buf *text, struct wa_buf *heading)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    wa_status st = WA_OK;
    int in_heading = 0;

    if (!it)
        return WA_ERR_NOMEM;
    while (st == WA_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        const char *lit;
        if (ev == CMARK_EVENT_ENTER && t == CMARK_NODE_HEADING && !heading->len)
            in_heading = 1;
        if (ev == CMARK_EVENT_EXIT && t == CMARK_NODE_HEADING)
            in_heading = 0;
        if (is_block(t)) {
            st = wa_buf_addch(text, '\n');
            if (t != CMARK_NODE_CODE_BLOCK)
                continue;
        }
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (t) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_CODE_BLOCK:
            lit = cmark_node_get_literal(n);
            if (lit) {
                st = wa_buf_adds(text, lit);
                if (in_heading && wa_buf_adds(heading, lit) != WA_OK)
                    in_heading = 0; /* an overlong heading is cut, not an error */
            }
            break;
        case CMARK_NODE_SOFTBREAK:
            st = wa_buf_addch(text, ' ');
            if (in_heading && wa_buf_addch(heading, ' ') != WA_OK)
                in_heading = 0;
            break;
        case CMARK_NODE_LINEBREAK:
            st = wa_buf_addch(text, '\n');
            break;
        case CMARK_NODE_IMAGE:
        case CMARK_NODE_LINK:
            /* the link text is a child; the target is not text */
            st = wa_buf_addch(text, ' ');
            break;
        default:
            /* raw HTML is not text; containers add nothing themselves */
            break;
        }
    }
    cmark_iter_free(it);
    return st;
}

static wa_status extract_md(const char *path, const char *data, size_t len, struct wa_record *rec,
                            struct wa_buf *reason)
{
    struct wa_buf utf8, text, heading, norm;
    cmark_node *doc = NULL;
    size_t fm;
    wa_status st;

    (void)path;
    wa_buf_init(&utf8, 0);
    wa_buf_init(&text, 0);
    wa_buf_init(&heading, 1024);
    wa_buf_init(&norm, 0);
    st = wa_decode_text(data, len, NULL, &utf8);
    if (st != WA_OK)
        goto cleanup;
    if (memchr(utf8.p, '\0', utf8.len)) {
        wa_buf_adds(reason, "binary content, not Markdown");
        st = WA_ERR_FORMAT;
        goto cleanup;
    }
    fm = front_matter(utf8.p, utf8.len, rec, &st, reason);
    if (st != WA_OK)
        goto cleanup;
    doc = cmark_parse_document(utf8.p + fm, utf8.len - fm, CMARK_OPT_DEFAULT);
    if (!doc) {
        wa_buf_adds(reason, "Markdown parser failed");
        st = WA_ERR_NOMEM;
        goto cleanup;
    }
    st = walk(doc, &text, &heading);
    if (st != WA_OK)
        goto cleanup;
    wa_xml_collapse_space(&text);
    wa_xml_collapse_space(&heading);
    if (!rec->title && heading.len) {
        st = wa_utf8_normalize(heading.p, heading.len, &norm);
        if (st == WA_OK)
            st = wa_record_set_str(&rec->title, norm.p, norm.len);
        wa_buf_reset(&norm);
    }
    if (st == WA_OK)
        st = wa_utf8_normalize(text.p, text.len, &norm);
    if (st == WA_OK) {
        rec->text = wa_buf_detach(&norm, &rec->text_len);
        if (!rec->text)
            st = WA_ERR_NOMEM;
    }
cleanup:
    if (st != WA_OK && !reason->len)
        wa_buf_adds(reason, wa_strerror(st));
    if (doc)
        cmark_node_free(doc);
    wa_buf_release(&utf8);
    wa_buf_release(&text);
    wa_buf_release(&heading);
    wa_buf_release(&norm);
    return st;
}

static const char *const md_exts[] = {"md", "markdown", "mkd", NULL};
const struct wa_extractor wa_extractor_markdown = {"md", md_exts, extract_md};
