/* The archive's open export format: writing and reading JSON Lines. */
#include "wa_export.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static wa_status emit(struct wa_buf *out, json_t *o)
{
    char *s;
    wa_status st;

    if (!o)
        return WA_ERR_NOMEM;
    s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    if (!s)
        return WA_ERR_NOMEM;
    st = wa_buf_adds(out, s);
    if (st == WA_OK)
        st = wa_buf_addch(out, '\n');
    free(s);
    return st;
}

wa_status wa_export_header(struct wa_buf *out)
{
    return emit(out, json_pack("{s:s, s:s, s:i}", "type", "header", "format", WA_EXPORT_FORMAT,
                               "version", WA_EXPORT_VERSION));
}

wa_status wa_export_synonyms(struct wa_buf *out, const char *p, size_t len)
{
    json_t *o = json_object();
    if (!o)
        return WA_ERR_NOMEM;
    json_object_set_new(o, "type", json_string("synonyms"));
    json_object_set_new(o, "text", json_stringn(p, len));
    if (!json_object_get(o, "text")) {
        json_decref(o);
        return WA_ERR_FORMAT; /* not UTF-8 */
    }
    return emit(out, o);
}

wa_status wa_export_alias(struct wa_buf *out, const char *field, const char *variant,
                          const char *canonical)
{
    return emit(out, json_pack("{s:s, s:s, s:s, s:s}", "type", "alias", "field", field, "variant",
                               variant, "canonical", canonical));
}

static void put_str(json_t *o, const char *key, const char *v)
{
    if (v)
        json_object_set_new(o, key, json_string(v));
}

static void put_list(json_t *o, const char *key, const struct wa_strlist *l)
{
    json_t *a;
    size_t i;
    if (!l->n)
        return;
    a = json_array();
    for (i = 0; a && i < l->n; i++)
        json_array_append_new(a, json_string(l->v[i]));
    json_object_set_new(o, key, a);
}

wa_status wa_export_document(struct wa_buf *out, const struct wa_record *r, const char *original,
                             const char *source_hash, const char *database, unsigned long docid,
                             const wa_curation *c)
{
    json_t *o = json_object(), *m = json_object(), *src = json_object(), *ov = json_object();
    const char *when, *reason;
    size_t i, n = wa_curation_count(c);
    struct wa_curation_entry e;

    if (!o || !m || !src || !ov) {
        json_decref(o);
        json_decref(m);
        json_decref(src);
        json_decref(ov);
        return WA_ERR_NOMEM;
    }
    json_object_set_new(o, "type", json_string("document"));
    put_str(o, "id", r->id);
    put_str(m, "title", r->title);
    put_str(m, "date", r->date);
    put_str(m, "type", r->type);
    put_str(m, "werkstatt", r->werkstatt);
    put_list(m, "authors", &r->authors);
    put_list(m, "tags", &r->tags);
    put_str(m, "visibility", r->visibility);
    put_str(m, "language", r->language);
    put_str(m, "format", r->format);
    put_str(m, "summary", r->summary);
    json_object_set_new(o, "metadata", m);
    json_object_set_new(o, "visibility",
                        json_string(wa_record_is_internal(r) ? "intern" : "öffentlich"));
    json_object_set_new(o, "database", json_string(database));
    if (docid)
        json_object_set_new(o, "docid", json_integer((json_int_t)docid));
    if (original && *original) {
        json_error_t jerr;
        json_t *orig = json_loads(original, 0, &jerr);
        if (json_is_object(orig))
            json_object_set_new(o, "original", orig);
        else
            json_decref(orig);
    }
    put_str(src, "path", r->path);
    json_object_set_new(src, "size", json_integer(r->size));
    json_object_set_new(src, "mtime", json_integer(r->mtime));
    put_str(src, "hash", source_hash && *source_hash ? source_hash : NULL);
    json_object_set_new(o, "source", src);
    /* this document's overrides: a contiguous run of the sorted entries */
    for (i = 0; r->id && i < n; i++)
        if (wa_curation_entry(c, i, &e) && e.kind == WA_CUR_META && strcmp(e.a, r->id) == 0)
            json_object_set_new(ov, e.b, json_string(e.c));
    if (json_object_size(ov))
        json_object_set_new(o, "overrides", ov);
    else
        json_decref(ov);
    if (wa_curation_withdrawn(c, r->id, &when, &reason))
        json_object_set_new(o, "withdrawn",
                            json_pack("{s:s, s:s}", "when", when, "reason", reason));
    json_object_set_new(o, "text", json_stringn(r->text ? r->text : "", r->text ? r->text_len : 0));
    return emit(out, o);
}

wa_status wa_export_entry(struct wa_buf *out, const struct wa_curation_entry *e)
{
    if (e->kind == WA_CUR_META)
        return emit(out, json_pack("{s:s, s:s, s:s, s:s}", "type", "override", "id", e->a, "key",
                                   e->b, "value", e->c));
    if (e->kind == WA_CUR_WITHDRAWN)
        return emit(out, json_pack("{s:s, s:s, s:s, s:s}", "type", "withdrawal", "id", e->a, "when",
                                   e->b, "reason", e->c));
    return wa_export_alias(out, e->a, e->b, e->c);
}

wa_status wa_export_end(struct wa_buf *out, unsigned long documents)
{
    return emit(out, json_pack("{s:s, s:I}", "type", "end", "documents", (json_int_t)documents));
}

/* ---- reading ------------------------------------------------------------------ */

void wa_export_doc_init(struct wa_export_doc *d)
{
    wa_record_init(&d->rec);
    wa_buf_init(&d->original, 0);
    wa_buf_init(&d->source_hash, 0);
    wa_buf_init(&d->synonyms, 0);
    d->database[0] = '\0';
    d->docid = 0;
}

void wa_export_doc_release(struct wa_export_doc *d)
{
    if (!d)
        return;
    wa_record_release(&d->rec);
    wa_buf_release(&d->original);
    wa_buf_release(&d->source_hash);
    wa_buf_release(&d->synonyms);
}

static void seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* Copy string member key of o into *field; WA_ERR_FORMAT if present but not a string. */
static wa_status get_str(json_t *o, const char *key, char **field)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return WA_OK;
    if (!json_is_string(v))
        return WA_ERR_FORMAT;
    return wa_record_set_str(field, json_string_value(v), json_string_length(v));
}

static wa_status get_list(json_t *o, const char *key, struct wa_strlist *l)
{
    json_t *a = json_object_get(o, key), *v;
    size_t i;
    wa_status st = WA_OK;
    if (!a)
        return WA_OK;
    if (!json_is_array(a))
        return WA_ERR_FORMAT;
    json_array_foreach(a, i, v)
    {
        if (!json_is_string(v))
            return WA_ERR_FORMAT;
        if (st == WA_OK)
            st = wa_strlist_add(l, json_string_value(v), json_string_length(v));
    }
    return st;
}

static wa_status read_document(json_t *o, wa_curation *c, struct wa_export_doc *d, char *err,
                               size_t errlen)
{
    json_t *m = json_object_get(o, "metadata"), *src = json_object_get(o, "source");
    json_t *ov = json_object_get(o, "overrides"), *wd = json_object_get(o, "withdrawn");
    json_t *orig = json_object_get(o, "original"), *t = json_object_get(o, "text"), *v;
    const char *key, *db;
    json_t *dn;
    wa_status st = WA_OK;

    wa_export_doc_release(d);
    wa_export_doc_init(d);
    if (!json_is_string(json_object_get(o, "id")) || !json_is_object(m) || !json_is_object(src) ||
        !json_is_string(t) || (ov && !json_is_object(ov)) || (wd && !json_is_object(wd)) ||
        (orig && !json_is_object(orig))) {
        seterr(err, errlen, "Dokumentzeile ohne id, metadata, source oder text");
        return WA_ERR_FORMAT;
    }
    db = str(o, "database");
    dn = json_object_get(o, "docid");
    if (db && strcmp(db, "public") != 0 && strcmp(db, "internal") != 0 &&
        strcmp(db, "withdrawn") != 0) {
        seterr(err, errlen, "database ist nicht public, internal oder withdrawn");
        return WA_ERR_FORMAT;
    }
    if (dn && (!json_is_integer(dn) || json_integer_value(dn) < 1 ||
               json_integer_value(dn) > 0xffffffffLL)) {
        seterr(err, errlen, "docid ist keine Zahl von 1 bis 4294967295");
        return WA_ERR_FORMAT;
    }
    snprintf(d->database, sizeof d->database, "%s", db ? db : "");
    d->docid = dn ? (unsigned long)json_integer_value(dn) : 0;
    st = get_str(o, "id", &d->rec.id);
    if (st == WA_OK)
        st = get_str(m, "title", &d->rec.title);
    if (st == WA_OK)
        st = get_str(m, "date", &d->rec.date);
    if (st == WA_OK)
        st = get_str(m, "type", &d->rec.type);
    if (st == WA_OK)
        st = get_str(m, "werkstatt", &d->rec.werkstatt);
    if (st == WA_OK)
        st = get_list(m, "authors", &d->rec.authors);
    if (st == WA_OK)
        st = get_list(m, "tags", &d->rec.tags);
    if (st == WA_OK)
        st = get_str(m, "visibility", &d->rec.visibility);
    if (st == WA_OK)
        st = get_str(m, "language", &d->rec.language);
    if (st == WA_OK)
        st = get_str(m, "format", &d->rec.format);
    if (st == WA_OK)
        st = get_str(m, "summary", &d->rec.summary);
    if (st == WA_OK && !d->database[0]) /* not stated: where its visibility puts it */
        snprintf(d->database, sizeof d->database, "%s",
                 wa_record_is_internal(&d->rec) ? "internal" : "public");
    if (st == WA_OK)
        st = get_str(src, "path", &d->rec.path);
    if (st == WA_OK && json_is_integer(json_object_get(src, "size")))
        d->rec.size = json_integer_value(json_object_get(src, "size"));
    if (st == WA_OK && json_is_integer(json_object_get(src, "mtime")))
        d->rec.mtime = json_integer_value(json_object_get(src, "mtime"));
    if (st == WA_OK && json_is_string(json_object_get(src, "hash")))
        st = wa_buf_adds(&d->source_hash, str(src, "hash"));
    if (st == WA_OK && json_string_length(t)) {
        st = wa_record_set_str(&d->rec.text, json_string_value(t), json_string_length(t));
        d->rec.text_len = json_string_length(t);
    }
    if (st == WA_OK && orig && json_object_size(orig)) {
        char *s = json_dumps(orig, JSON_COMPACT | JSON_SORT_KEYS);
        st = s ? wa_buf_adds(&d->original, s) : WA_ERR_NOMEM;
        free(s);
    }
    if (st == WA_ERR_FORMAT) {
        seterr(err, errlen, "Dokument '%s': ein Feld hat den falschen Typ",
               d->rec.id ? d->rec.id : "");
        return st;
    }
    json_object_foreach(ov, key, v)
    {
        if (st == WA_OK &&
            (!json_is_string(v) ||
             (st = wa_curation_set_meta(c, d->rec.id, key, json_string_value(v))) != WA_OK)) {
            seterr(err, errlen, "Dokument '%s': %s", d->rec.id,
                   json_is_string(v) ? wa_curation_errmsg(c) : "Korrektur ist kein Text");
            st = WA_ERR_FORMAT;
        }
    }
    if (st == WA_OK && wd &&
        wa_curation_withdraw(c, d->rec.id, str(wd, "when"), str(wd, "reason")) != WA_OK) {
        seterr(err, errlen, "Dokument '%s': %s", d->rec.id, wa_curation_errmsg(c));
        st = WA_ERR_FORMAT;
    }
    return st;
}

wa_status wa_export_read(const char *p, size_t len, wa_curation *c, struct wa_export_doc *doc,
                         enum wa_export_line *kind, unsigned long *count, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *o;
    const char *type;
    wa_status st = WA_OK;

    if (len > WA_EXPORT_MAX_LINE) {
        seterr(err, errlen, "Zeile länger als %zu Bytes", WA_EXPORT_MAX_LINE);
        return WA_ERR_TOOBIG;
    }
    o = json_loadb(p, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!json_is_object(o)) {
        seterr(err, errlen, "kein JSON-Objekt: %s", o ? "anderer Typ" : jerr.text);
        json_decref(o);
        return WA_ERR_FORMAT;
    }
    type = str(o, "type");
    if (!type) {
        seterr(err, errlen, "Zeile ohne \"type\"");
        st = WA_ERR_FORMAT;
    } else if (strcmp(type, "header") == 0) {
        json_t *v = json_object_get(o, "version");
        *kind = WA_EXPORT_HEADER;
        if (!str(o, "format") || strcmp(str(o, "format"), WA_EXPORT_FORMAT) != 0 ||
            !json_is_integer(v)) {
            seterr(err, errlen, "kein Werkarchiv-Export (format \"%s\" erwartet)",
                   WA_EXPORT_FORMAT);
            st = WA_ERR_FORMAT;
        } else if (json_integer_value(v) != WA_EXPORT_VERSION) {
            seterr(err, errlen, "Exportversion %lld wird nicht unterstützt (nur %d)",
                   (long long)json_integer_value(v), WA_EXPORT_VERSION);
            st = WA_ERR_FORMAT;
        }
    } else if (strcmp(type, "alias") == 0) {
        *kind = WA_EXPORT_ALIAS;
        if (wa_curation_alias_add(c, str(o, "field"), str(o, "variant"), str(o, "canonical")) !=
            WA_OK) {
            seterr(err, errlen, "Alias: %s", wa_curation_errmsg(c));
            st = WA_ERR_FORMAT;
        }
    } else if (strcmp(type, "override") == 0) {
        *kind = WA_EXPORT_OVERRIDE;
        if (wa_curation_set_meta(c, str(o, "id"), str(o, "key"), str(o, "value")) != WA_OK) {
            seterr(err, errlen, "Korrektur: %s", wa_curation_errmsg(c));
            st = WA_ERR_FORMAT;
        }
    } else if (strcmp(type, "withdrawal") == 0) {
        *kind = WA_EXPORT_WITHDRAWAL;
        if (wa_curation_withdraw(c, str(o, "id"), str(o, "when"), str(o, "reason")) != WA_OK) {
            seterr(err, errlen, "Rücknahme: %s", wa_curation_errmsg(c));
            st = WA_ERR_FORMAT;
        }
    } else if (strcmp(type, "synonyms") == 0) {
        json_t *t = json_object_get(o, "text");
        *kind = WA_EXPORT_SYNONYMS;
        wa_buf_reset(&doc->synonyms);
        if (!json_is_string(t)) {
            seterr(err, errlen, "Synonymzeile ohne \"text\"");
            st = WA_ERR_FORMAT;
        } else {
            st = wa_buf_add(&doc->synonyms, json_string_value(t), json_string_length(t));
        }
    } else if (strcmp(type, "document") == 0) {
        *kind = WA_EXPORT_DOCUMENT;
        st = read_document(o, c, doc, err, errlen);
    } else if (strcmp(type, "end") == 0) {
        json_t *v = json_object_get(o, "documents");
        *kind = WA_EXPORT_END;
        if (!json_is_integer(v) || json_integer_value(v) < 0) {
            seterr(err, errlen, "Schlusszeile ohne Anzahl der Dokumente");
            st = WA_ERR_FORMAT;
        } else {
            *count = (unsigned long)json_integer_value(v);
        }
    } else {
        seterr(err, errlen, "unbekannte Zeilenart \"%.40s\"", type);
        st = WA_ERR_FORMAT;
    }
    json_decref(o);
    return st;
}
