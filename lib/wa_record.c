/* Document records: metadata fields, JSON storage and Xapian documents. */
#include "wa_record.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wa_date.h"
#include "wa_german.h"
#include "wa_schema.h"
#include "wa_utf8.h"

void wa_record_init(struct wa_record *r)
{
    memset(r, 0, sizeof *r);
}

void wa_strlist_release(struct wa_strlist *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

void wa_record_release(struct wa_record *r)
{
    if (!r)
        return;
    free(r->id);
    free(r->path);
    free(r->title);
    free(r->date);
    free(r->type);
    free(r->werkstatt);
    free(r->visibility);
    free(r->language);
    free(r->format);
    free(r->summary);
    free(r->text);
    wa_strlist_release(&r->authors);
    wa_strlist_release(&r->tags);
    wa_record_init(r);
}

static void trim(const char **p, size_t *len)
{
    while (*len && (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')) {
        (*p)++;
        (*len)--;
    }
    while (*len && ((*p)[*len - 1] == ' ' || (*p)[*len - 1] == '\t' || (*p)[*len - 1] == '\n' ||
                    (*p)[*len - 1] == '\r'))
        (*len)--;
}

wa_status wa_record_set_str(char **field, const char *val, size_t len)
{
    char *c = NULL;

    if (val && len) {
        c = malloc(len + 1);
        if (!c)
            return WA_ERR_NOMEM;
        memcpy(c, val, len);
        c[len] = '\0';
    }
    free(*field);
    *field = c;
    return WA_OK;
}

wa_status wa_strlist_add(struct wa_strlist *l, const char *val, size_t len)
{
    char **nv;
    char *c = NULL;
    size_t i;

    trim(&val, &len);
    if (!len)
        return WA_OK;
    for (i = 0; i < l->n; i++)
        if (strlen(l->v[i]) == len && memcmp(l->v[i], val, len) == 0)
            return WA_OK;
    nv = realloc(l->v, (l->n + 1) * sizeof *nv);
    if (!nv)
        return WA_ERR_NOMEM;
    l->v = nv;
    if (wa_record_set_str(&c, val, len) != WA_OK)
        return WA_ERR_NOMEM;
    l->v[l->n++] = c;
    return WA_OK;
}

static wa_status set_list(struct wa_strlist *l, const char *val, size_t len, const char *seps)
{
    const char *end = val + len;
    wa_status st = WA_OK;

    wa_strlist_release(l);
    while (val < end && st == WA_OK) {
        const char *q = val;
        while (q < end && !strchr(seps, *q))
            q++;
        st = wa_strlist_add(l, val, (size_t)(q - val));
        val = q + 1;
    }
    return st;
}

wa_status wa_record_set(struct wa_record *r, const char *key, const char *val, size_t len)
{
    const struct wa_field *f = wa_schema_field(key, strlen(key));

    trim(&val, &len);
    if (!f)
        return WA_ERR_NOT_FOUND;
    if (!len)
        return WA_OK;
    if (!strcmp(f->key, "title"))
        return wa_record_set_str(&r->title, val, len);
    if (!strcmp(f->key, "type"))
        return wa_record_set_str(&r->type, val, len);
    if (!strcmp(f->key, "werkstatt"))
        return wa_record_set_str(&r->werkstatt, val, len);
    if (!strcmp(f->key, "language"))
        return wa_record_set_str(&r->language, val, len);
    if (!strcmp(f->key, "format"))
        return wa_record_set_str(&r->format, val, len);
    if (!strcmp(f->key, "summary"))
        return wa_record_set_str(&r->summary, val, len);
    if (!strcmp(f->key, "authors"))
        return set_list(&r->authors, val, len, ";");
    if (!strcmp(f->key, "tags"))
        return set_list(&r->tags, val, len, ",;");
    if (!strcmp(f->key, "date") || !strcmp(f->key, "year")) {
        struct wa_date d;
        char iso[11];
        if (wa_date_parse(val, len, &d) != 0)
            return WA_ERR_FORMAT;
        wa_date_iso(&d, iso);
        return wa_record_set_str(&r->date, iso, strlen(iso));
    }
    if (!strcmp(f->key, "visibility")) {
        static const char *const internal[] = {"intern",  "internal",         "privat",
                                               "private", "nicht öffentlich", "vertraulich"};
        static const char *const public_[] = {"öffentlich", "oeffentlich", "public", "offen"};
        size_t i;
        for (i = 0; i < sizeof internal / sizeof internal[0]; i++)
            if (strlen(internal[i]) == len && strncasecmp(internal[i], val, len) == 0)
                return wa_record_set_str(&r->visibility, "intern", 6);
        for (i = 0; i < sizeof public_ / sizeof public_[0]; i++)
            if (strlen(public_[i]) == len && strncasecmp(public_[i], val, len) == 0)
                return wa_record_set_str(&r->visibility, "öffentlich", strlen("öffentlich"));
        return WA_ERR_FORMAT;
    }
    return WA_ERR_NOT_FOUND;
}

int wa_record_is_internal(const struct wa_record *r)
{
    return r->visibility && strcmp(r->visibility, "intern") == 0;
}

/* ---- JSON ---------------------------------------------------------------- */

static int json_str(json_t *o, const char *key, const char *v)
{
    return v ? json_object_set_new(o, key, json_string(v)) : 0;
}

static int json_list(json_t *o, const char *key, const struct wa_strlist *l)
{
    json_t *a = json_array();
    size_t i;

    if (!a)
        return -1;
    for (i = 0; i < l->n; i++)
        json_array_append_new(a, json_string(l->v[i]));
    return json_object_set_new(o, key, a);
}

static wa_status record_json(const struct wa_record *r, int with_text, struct wa_buf *out);

wa_status wa_record_to_json(const struct wa_record *r, struct wa_buf *out)
{
    return record_json(r, 1, out);
}

/* Longest prefix of text that fits the stored-text cap and ends on a character boundary. */
static size_t stored_text_len(const struct wa_record *r)
{
    size_t tl = r->text_len < WA_MAX_STORED_TEXT ? r->text_len : WA_MAX_STORED_TEXT;
    while (tl > 0 && tl < r->text_len && ((unsigned char)r->text[tl] & 0xC0) == 0x80)
        tl--;
    return tl;
}

wa_status wa_record_to_data(const struct wa_record *r, struct wa_buf *out)
{
    wa_status st = record_json(r, 0, out);
    if (st == WA_OK && r->text) {
        st = wa_buf_addch(out, '\0');
        if (st == WA_OK)
            st = wa_buf_add(out, r->text, stored_text_len(r));
    }
    return st;
}

static wa_status record_json(const struct wa_record *r, int with_text, struct wa_buf *out)
{
    json_t *o = json_object();
    char *s;
    wa_status st;
    if (!o)
        return WA_ERR_NOMEM;
    json_str(o, "id", r->id);
    json_str(o, "path", r->path);
    json_str(o, "title", r->title);
    json_str(o, "date", r->date);
    json_str(o, "type", r->type);
    json_str(o, "werkstatt", r->werkstatt);
    json_list(o, "authors", &r->authors);
    json_list(o, "tags", &r->tags);
    json_str(o, "visibility", r->visibility);
    json_str(o, "language", r->language);
    json_str(o, "format", r->format);
    json_str(o, "summary", r->summary);
    json_object_set_new(o, "size", json_integer(r->size));
    json_object_set_new(o, "mtime", json_integer(r->mtime));
    if (r->text && with_text)
        json_object_set_new(o, "text", json_stringn(r->text, stored_text_len(r)));
    s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (!s)
        return WA_ERR_NOMEM;
    st = wa_buf_adds(out, s);
    free(s);
    return st;
}

static wa_status from_str(json_t *o, const char *key, char **field)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        return WA_OK;
    return wa_record_set_str(field, json_string_value(v), json_string_length(v));
}

static wa_status from_list(json_t *o, const char *key, struct wa_strlist *l)
{
    json_t *a = json_object_get(o, key), *v;
    size_t i;
    wa_status st = WA_OK;

    if (!json_is_array(a))
        return WA_OK;
    json_array_foreach(a, i, v)
    {
        if (json_is_string(v) && st == WA_OK)
            st = wa_strlist_add(l, json_string_value(v), json_string_length(v));
    }
    return st;
}

wa_status wa_record_from_json(struct wa_record *r, const char *p, size_t len)
{
    json_error_t err;
    const char *nul = memchr(p, '\0', len);
    json_t *o = json_loadb(p, nul ? (size_t)(nul - p) : len, 0, &err);
    wa_status st = WA_OK;
    json_t *t;

    if (!json_is_object(o)) {
        json_decref(o);
        return WA_ERR_FORMAT;
    }
    if (st == WA_OK)
        st = from_str(o, "id", &r->id);
    if (st == WA_OK)
        st = from_str(o, "path", &r->path);
    if (st == WA_OK)
        st = from_str(o, "title", &r->title);
    if (st == WA_OK)
        st = from_str(o, "date", &r->date);
    if (st == WA_OK)
        st = from_str(o, "type", &r->type);
    if (st == WA_OK)
        st = from_str(o, "werkstatt", &r->werkstatt);
    if (st == WA_OK)
        st = from_str(o, "visibility", &r->visibility);
    if (st == WA_OK)
        st = from_str(o, "language", &r->language);
    if (st == WA_OK)
        st = from_str(o, "format", &r->format);
    if (st == WA_OK)
        st = from_str(o, "summary", &r->summary);
    if (st == WA_OK)
        st = from_list(o, "authors", &r->authors);
    if (st == WA_OK)
        st = from_list(o, "tags", &r->tags);
    if (st == WA_OK && nul) {
        /* stored data: the text follows the JSON after a NUL byte, unescaped */
        size_t tl = len - (size_t)(nul + 1 - p);
        st = wa_record_set_str(&r->text, nul + 1, tl);
        r->text_len = r->text ? tl : 0;
    } else if (st == WA_OK) {
        t = json_object_get(o, "text");
        if (json_is_string(t)) {
            st = wa_record_set_str(&r->text, json_string_value(t), json_string_length(t));
            r->text_len = r->text ? json_string_length(t) : 0;
        }
    }
    t = json_object_get(o, "size");
    if (json_is_integer(t))
        r->size = json_integer_value(t);
    t = json_object_get(o, "mtime");
    if (json_is_integer(t))
        r->mtime = json_integer_value(t);
    json_decref(o);
    return st;
}

/* ---- Xapian document ----------------------------------------------------- */

/* wa_text_hash of a text without letters or digits */
#define WA_EMPTY_TEXT_HASH "cbf29ce484222325"

void wa_text_hash(const char *text, size_t len, char out[17])
{
    unsigned long long h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        else if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            continue;
        h ^= c;
        h *= 1099511628211ULL;
    }
    snprintf(out, 17, "%016llx", h);
}

static wa_status add_bool(wa_doc *doc, const char *prefix, const char *val)
{
    struct wa_buf b;
    wa_status st;

    wa_buf_init(&b, 240);
    st = wa_buf_adds(&b, prefix);
    if (st == WA_OK)
        st = wa_utf8_fold(val, strlen(val), &b);
    if (st == WA_OK)
        st = wa_doc_add_term(doc, b.p, b.len, 0);
    wa_buf_release(&b);
    /* a value too long for a term is still searchable by its words */
    return st == WA_ERR_TOOBIG ? WA_OK : st;
}

static wa_status add_text(wa_doc *doc, const char *text, unsigned wdf, const char *prefix)
{
    if (!text || !*text)
        return WA_OK;
    return wa_german_index_text(doc, text, strlen(text), wdf, prefix);
}

static wa_status set_joined(wa_doc *doc, unsigned slot, const struct wa_strlist *l)
{
    struct wa_buf b;
    wa_status st = WA_OK;
    size_t i;

    if (!l->n)
        return WA_OK;
    wa_buf_init(&b, 0);
    for (i = 0; i < l->n && st == WA_OK; i++) {
        if (i)
            st = wa_buf_addch(&b, WA_VALUE_SEP);
        if (st == WA_OK)
            st = wa_buf_adds(&b, l->v[i]);
    }
    if (st == WA_OK)
        st = wa_doc_set_value(doc, slot, b.p, b.len);
    wa_buf_release(&b);
    return st;
}

static wa_status set_str_value(wa_doc *doc, unsigned slot, const char *v)
{
    return v ? wa_doc_set_value(doc, slot, v, strlen(v)) : WA_OK;
}

/* Gap between fields so that phrases never span two of them. */
#define FIELD_GAP 100

wa_status wa_record_to_doc(const struct wa_record *r, wa_doc *doc)
{
    wa_status st = WA_OK;
    struct wa_buf data;
    char num[32], hash[17];
    size_t i;

    /* free text: the title counts more than the body */
    if (st == WA_OK)
        st = add_text(doc, r->title, 1, "S");
    if (st == WA_OK && r->title) {
        wa_doc_increase_termpos(doc, FIELD_GAP);
        st = add_text(doc, r->title, 3, "");
        wa_doc_increase_termpos(doc, FIELD_GAP);
    }
    if (st == WA_OK)
        st = add_text(doc, r->summary, 1, "");
    if (st == WA_OK && r->text) {
        wa_doc_increase_termpos(doc, FIELD_GAP);
        st = wa_german_index_text(doc, r->text, r->text_len, 1, "");
    }

    /* fields: words under their prefix, exact values as boolean terms */
    for (i = 0; i < r->authors.n && st == WA_OK; i++) {
        wa_doc_increase_termpos(doc, FIELD_GAP);
        st = add_text(doc, r->authors.v[i], 1, "A");
        if (st == WA_OK)
            st = add_bool(doc, "XAU", r->authors.v[i]);
    }
    for (i = 0; i < r->tags.n && st == WA_OK; i++) {
        wa_doc_increase_termpos(doc, FIELD_GAP);
        st = add_text(doc, r->tags.v[i], 1, "K");
        if (st == WA_OK)
            st = add_text(doc, r->tags.v[i], 1, "");
        if (st == WA_OK)
            st = add_bool(doc, "XTAG", r->tags.v[i]);
    }
    if (st == WA_OK && r->werkstatt) {
        wa_doc_increase_termpos(doc, FIELD_GAP);
        st = add_text(doc, r->werkstatt, 1, "XW");
        if (st == WA_OK)
            st = add_bool(doc, "XWE", r->werkstatt);
    }
    if (st == WA_OK && r->type) {
        st = add_text(doc, r->type, 1, "XT");
        if (st == WA_OK)
            st = add_bool(doc, "XTE", r->type);
    }
    if (st == WA_OK && r->visibility)
        st = add_bool(doc, "XV", r->visibility);
    if (st == WA_OK && r->language)
        st = add_bool(doc, "L", r->language);
    if (st == WA_OK && r->path) {
        char pt[256];
        wa_schema_pathterm(r->path, pt, sizeof pt);
        st = wa_doc_add_term(doc, pt, strlen(pt), 0);
        if (st == WA_OK)
            st = wa_doc_set_value(doc, WA_SLOT_PATH, r->path, strlen(r->path));
    }
    if (st == WA_OK && r->format)
        st = add_bool(doc, "T", r->format);

    /* values */
    if (st == WA_OK && r->date) {
        struct wa_date d;
        char day[9];
        if (wa_date_parse(r->date, strlen(r->date), &d) == 0) {
            wa_date_bound(&d, 0, day);
            st = wa_doc_set_value(doc, WA_SLOT_DATE, day, 8);
            if (st == WA_OK)
                st = wa_doc_set_value(doc, WA_SLOT_YEAR, day, 4);
            if (st == WA_OK) {
                char yt[8];
                snprintf(yt, sizeof yt, "XY%.4s", day);
                st = wa_doc_add_term(doc, yt, strlen(yt), 0);
            }
        }
    }
    if (st == WA_OK)
        st = set_str_value(doc, WA_SLOT_TYPE, r->type);
    if (st == WA_OK)
        st = set_str_value(doc, WA_SLOT_WERKSTATT, r->werkstatt);
    if (st == WA_OK)
        st = set_str_value(doc, WA_SLOT_FORMAT, r->format);
    if (st == WA_OK)
        st = set_joined(doc, WA_SLOT_TAGS, &r->tags);
    if (st == WA_OK)
        st = set_joined(doc, WA_SLOT_AUTHORS, &r->authors);
    if (st == WA_OK && r->text) {
        wa_text_hash(r->text, r->text_len, hash);
        /* texts without letters or digits (the hash of "") are not duplicates of each other */
        if (strcmp(hash, WA_EMPTY_TEXT_HASH) != 0)
            st = wa_doc_set_value(doc, WA_SLOT_HASH, hash, 16);
    }
    if (st == WA_OK) {
        snprintf(num, sizeof num, "%lld", r->mtime);
        st = wa_doc_set_value(doc, WA_SLOT_MTIME, num, strlen(num));
    }
    if (st == WA_OK) {
        snprintf(num, sizeof num, "%lld", r->size);
        st = wa_doc_set_value(doc, WA_SLOT_SIZE, num, strlen(num));
    }

    /* stored record */
    if (st == WA_OK) {
        wa_buf_init(&data, 0);
        st = wa_record_to_data(r, &data);
        if (st == WA_OK)
            st = wa_doc_set_data(doc, data.p, data.len);
        wa_buf_release(&data);
    }
    return st;
}
