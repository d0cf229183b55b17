/* Document records: metadata fields, JSON storage and Xapian documents. */
#include "wa_record.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wa_date.h"
#include "wa_german.h"
#include "wa_limits.h"
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

/* Members through the schema's member column (the table guarantees the type). */
static char **str_member(struct wa_record *r, const struct wa_field *f)
{
    return (char **)(void *)((char *)r + f->member);
}

static struct wa_strlist *list_member(struct wa_record *r, const struct wa_field *f)
{
    return (struct wa_strlist *)(void *)((char *)r + f->member);
}

static long long *int_member(struct wa_record *r, const struct wa_field *f)
{
    return (long long *)(void *)((char *)r + f->member);
}

static int is_str_type(enum wa_field_type t)
{
    return t == WA_TYPE_STR || t == WA_TYPE_DATE || t == WA_TYPE_VISIBILITY;
}

const char *wa_record_str(const struct wa_record *r, const struct wa_field *f)
{
    if (!is_str_type(f->type) && f->type != WA_TYPE_YEAR)
        return NULL;
    return *(char *const *)(const void *)((const char *)r + f->member);
}

const struct wa_strlist *wa_record_list(const struct wa_record *r, const struct wa_field *f)
{
    if (f->type != WA_TYPE_LIST)
        return NULL;
    return (const struct wa_strlist *)(const void *)((const char *)r + f->member);
}

long long wa_record_int(const struct wa_record *r, const struct wa_field *f)
{
    if (f->type != WA_TYPE_INT)
        return 0;
    return *(const long long *)(const void *)((const char *)r + f->member);
}

void wa_record_release(struct wa_record *r)
{
    const struct wa_field *f;

    if (!r)
        return;
    for (f = wa_schema_fields(); f->key; f++) {
        if (is_str_type(f->type))
            free(*str_member(r, f));
        else if (f->type == WA_TYPE_LIST)
            wa_strlist_release(list_member(r, f));
    }
    free(r->text);
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

static wa_status set_visibility(char **field, const char *val, size_t len)
{
    static const char *const internal[] = {"intern",  "internal",         "privat",
                                           "private", "nicht öffentlich", "vertraulich"};
    static const char *const public_[] = {"öffentlich", "oeffentlich", "public", "offen"};
    size_t i;

    for (i = 0; i < sizeof internal / sizeof internal[0]; i++)
        if (strlen(internal[i]) == len && strncasecmp(internal[i], val, len) == 0)
            return wa_record_set_str(field, "intern", 6);
    for (i = 0; i < sizeof public_ / sizeof public_[0]; i++)
        if (strlen(public_[i]) == len && strncasecmp(public_[i], val, len) == 0)
            return wa_record_set_str(field, "öffentlich", strlen("öffentlich"));
    return WA_ERR_FORMAT;
}

static wa_status set_date(char **field, const char *val, size_t len)
{
    struct wa_date d;
    char iso[11];

    if (wa_date_parse(val, len, &d) != 0)
        return WA_ERR_FORMAT;
    wa_date_iso(&d, iso);
    return wa_record_set_str(field, iso, strlen(iso));
}

wa_status wa_record_set(struct wa_record *r, const char *key, const char *val, size_t len)
{
    const struct wa_field *f = wa_schema_field(key, strlen(key));

    trim(&val, &len);
    if (!f)
        return WA_ERR_NOT_FOUND;
    if (!len)
        return WA_OK;
    switch (f->type) {
    case WA_TYPE_STR:
        return wa_record_set_str(str_member(r, f), val, len);
    case WA_TYPE_LIST:
        return set_list(list_member(r, f), val, len, f->seps);
    case WA_TYPE_DATE:
    case WA_TYPE_YEAR:
        return set_date(str_member(r, f), val, len);
    case WA_TYPE_VISIBILITY:
        return set_visibility(str_member(r, f), val, len);
    case WA_TYPE_INT:
        break;
    }
    return WA_ERR_NOT_FOUND;
}

int wa_record_is_internal(const struct wa_record *r)
{
    return r->visibility && strcmp(r->visibility, "intern") == 0;
}

/* ---- JSON ---------------------------------------------------------------- */

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

/* The stored-record value of f, or NULL when it has none (it is left out). */
static json_t *stored_value(const struct wa_record *r, const struct wa_field *f)
{
    const struct wa_strlist *l = wa_record_list(r, f);
    const char *v;
    json_t *a;
    size_t i;

    if (f->type == WA_TYPE_INT)
        return json_integer(wa_record_int(r, f));
    if (!l) {
        v = wa_record_str(r, f);
        return v ? json_string(v) : NULL;
    }
    a = json_array();
    for (i = 0; a && i < l->n; i++) {
        if (json_array_append_new(a, json_string(l->v[i])) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static wa_status record_json(const struct wa_record *r, int with_text, struct wa_buf *out)
{
    json_t *o = json_object();
    const struct wa_field *f;
    char *s;
    wa_status st = WA_OK;
    size_t i;

    if (!o)
        return WA_ERR_NOMEM;
    for (i = 0; (f = wa_schema_output(WA_OUT_STORED, i)) != NULL && st == WA_OK; i++) {
        json_t *v = stored_value(r, f);
        /* an empty string is left out; a list or number is always there */
        int needed = v || f->type == WA_TYPE_LIST || f->type == WA_TYPE_INT;
        if (needed && (!v || json_object_set_new(o, f->key, v) != 0))
            st = WA_ERR_NOMEM;
    }
    if (st == WA_OK && r->text && with_text &&
        json_object_set_new(o, "text", json_stringn(r->text, stored_text_len(r))) != 0)
        st = WA_ERR_NOMEM;
    s = st == WA_OK ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s)
        return st == WA_OK ? WA_ERR_NOMEM : st;
    st = wa_buf_adds(out, s);
    free(s);
    return st;
}

static wa_status from_list(json_t *a, struct wa_strlist *l)
{
    json_t *v;
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
    json_t *o = json_loadb(p, nul ? (size_t)(nul - p) : len, JSON_ALLOW_NUL, &err);
    const struct wa_field *f;
    wa_status st = WA_OK;
    json_t *t;
    size_t i;

    if (!json_is_object(o)) {
        json_decref(o);
        return WA_ERR_FORMAT;
    }
    for (i = 0; (f = wa_schema_output(WA_OUT_STORED, i)) != NULL && st == WA_OK; i++) {
        t = json_object_get(o, f->key);
        if (f->type == WA_TYPE_INT) {
            if (json_is_integer(t))
                *int_member(r, f) = json_integer_value(t);
        } else if (f->type == WA_TYPE_LIST) {
            st = from_list(t, list_member(r, f));
        } else if (json_is_string(t)) {
            st = wa_record_set_str(str_member(r, f), json_string_value(t), json_string_length(t));
        }
    }
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

/* Gap between fields so that phrases never span two of them. */
#define FIELD_GAP 100

/* Words, body words, exact and unique terms of one value of f. */
static wa_status add_field_value(wa_doc *doc, const struct wa_field *f, const char *v)
{
    wa_status st = WA_OK;

    if (f->text_prefix) {
        wa_doc_increase_termpos(doc, FIELD_GAP);
        st = add_text(doc, v, 1, f->text_prefix);
    }
    if (st == WA_OK && f->body_wdf) {
        wa_doc_increase_termpos(doc, FIELD_GAP);
        st = add_text(doc, v, f->body_wdf, "");
    }
    if (st == WA_OK && f->bool_prefix)
        st = add_bool(doc, f->bool_prefix, v);
    if (st == WA_OK && f->unique_prefix && !(f->flags & WA_F_KEY)) {
        char term[256];
        if (strcmp(f->unique_prefix, WA_PREFIX_PATH) == 0)
            wa_schema_pathterm(v, term, sizeof term);
        else
            wa_schema_idterm(v, term, sizeof term);
        st = wa_doc_add_term(doc, term, strlen(term), 0);
    }
    return st;
}

/* The date fields: the day (slot), or the year (slot and exact term). */
static wa_status add_date(wa_doc *doc, const struct wa_field *f, const char *date)
{
    struct wa_date d;
    char day[9], term[16];
    wa_status st;

    if (wa_date_parse(date, strlen(date), &d) != 0)
        return WA_OK;
    wa_date_bound(&d, 0, day);
    if (f->type == WA_TYPE_DATE)
        return f->slot >= 0 ? wa_doc_set_value(doc, (unsigned)f->slot, day, 8) : WA_OK;
    st = f->slot >= 0 ? wa_doc_set_value(doc, (unsigned)f->slot, day, 4) : WA_OK;
    if (st == WA_OK && f->bool_prefix) {
        snprintf(term, sizeof term, "%s%.4s", f->bool_prefix, day);
        st = wa_doc_add_term(doc, term, strlen(term), 0);
    }
    return st;
}

static wa_status add_field(wa_doc *doc, const struct wa_field *f, const struct wa_record *r)
{
    const struct wa_strlist *l = wa_record_list(r, f);
    const char *v = wa_record_str(r, f);
    wa_status st = WA_OK;
    char num[32];
    size_t i;

    switch (f->type) {
    case WA_TYPE_INT:
        snprintf(num, sizeof num, "%lld", wa_record_int(r, f));
        return f->slot >= 0 ? wa_doc_set_value(doc, (unsigned)f->slot, num, strlen(num)) : WA_OK;
    case WA_TYPE_DATE:
    case WA_TYPE_YEAR:
        return v ? add_date(doc, f, v) : WA_OK;
    case WA_TYPE_LIST:
        for (i = 0; i < l->n && st == WA_OK; i++)
            st = add_field_value(doc, f, l->v[i]);
        if (st == WA_OK && f->slot >= 0)
            st = set_joined(doc, (unsigned)f->slot, l);
        return st;
    case WA_TYPE_STR:
    case WA_TYPE_VISIBILITY:
        if (!v)
            return WA_OK;
        st = add_field_value(doc, f, v);
        if (st == WA_OK && f->slot >= 0)
            st = wa_doc_set_value(doc, (unsigned)f->slot, v, strlen(v));
        return st;
    }
    return WA_OK;
}

/* Where a block of text[0..len) that should end near want may end: after
 * the last space or line break before want (want itself if there is none),
 * never inside a UTF-8 sequence. */
static size_t block_end(const char *t, size_t len, size_t want)
{
    size_t e = want, floor = want / 2;

    if (want >= len)
        return len;
    while (e > floor && t[e - 1] != ' ' && t[e - 1] != '\n' && t[e - 1] != '\t')
        e--;
    if (e == floor)
        e = want;
    while (e > 0 && ((unsigned char)t[e] & 0xc0) == 0x80)
        e--;
    return e;
}

/* Index the text in blocks until the text or the term cap is reached. */
static wa_status index_text_capped(wa_doc *doc, const struct wa_record *r, struct wa_index_cut *cut)
{
    size_t done = 0, limit = r->text_len;
    wa_status st = WA_OK;

    if (limit > WA_MAX_INDEX_TEXT) {
        limit = block_end(r->text, r->text_len, WA_MAX_INDEX_TEXT);
        cut->text_cap = 1;
    }
    while (done < limit && st == WA_OK) {
        size_t e = block_end(r->text, limit, done + WA_INDEX_TEXT_BLOCK);
        if (e <= done)
            e = limit;
        st = wa_german_index_text(doc, r->text + done, e - done, 1, "");
        done = e;
        if (done < limit && wa_doc_term_count(doc) >= WA_MAX_DOC_TERMS) {
            cut->term_cap = 1;
            cut->text_cap = 0;
            break;
        }
    }
    cut->indexed_len = done;
    cut->terms = wa_doc_term_count(doc);
    return st;
}

wa_status wa_record_to_doc(const struct wa_record *r, wa_doc *doc)
{
    return wa_record_to_doc_capped(r, doc, NULL);
}

wa_status wa_record_to_doc_capped(const struct wa_record *r, wa_doc *doc, struct wa_index_cut *cut)
{
    const struct wa_field *f;
    wa_status st = WA_OK;
    struct wa_buf data;
    struct wa_index_cut mine;
    char hash[17];

    if (!cut)
        cut = &mine;
    memset(cut, 0, sizeof *cut);
    cut->text_len = r->text ? r->text_len : 0;

    /* fields in table order; each value starts after a gap */
    for (f = wa_schema_fields(); f->key && st == WA_OK; f++)
        st = add_field(doc, f, r);

    /* the text, then the hash of its letters and digits for collapsing */
    if (st == WA_OK && r->text) {
        wa_doc_increase_termpos(doc, FIELD_GAP);
        st = index_text_capped(doc, r, cut);
    }
    if (st == WA_OK && r->text) {
        wa_text_hash(r->text, r->text_len, hash);
        /* texts without letters or digits (the hash of "") are not duplicates of each other */
        if (strcmp(hash, WA_EMPTY_TEXT_HASH) != 0)
            st = wa_doc_set_value(doc, WA_SLOT_HASH, hash, 16);
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
