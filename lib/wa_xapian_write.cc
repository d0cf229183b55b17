/* The Xapian wrapper's writing: databases opened for writing, and documents. */
#include <cstring>
#include <new>

#include "wa_schema.h"
#include "wa_xapian_private.h"

using namespace wa_xapian;

extern "C" {

/* ---- writing ------------------------------------------------------------ */

wa_status wa_wdb_open(wa_wdb **out, const char *path, int create)
{
    wa_wdb *w = new (std::nothrow) wa_wdb;
    *out = w;
    if (!w)
        return WA_ERR_NOMEM;
    WA_TRY(w->err, {
        w->db =
            Xapian::WritableDatabase(path, create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN);
        return WA_OK;
    });
}

wa_status wa_wdb_close(wa_wdb *w)
{
    if (!w || w->closed)
        return WA_OK;
    /* closed even when the commit fails: the lock is released either way */
    w->closed = true;
    try {
        w->db.commit();
    } catch (...) {
        wa_status st = classify(w->err);
        try {
            w->db.close();
        } catch (...) {
        }
        return st;
    }
    WA_TRY(w->err, {
        w->db.close();
        return WA_OK;
    });
}

void wa_wdb_destroy(wa_wdb *w)
{
    delete w; /* Xapian commits and closes what is still open, errors ignored */
}

const char *wa_wdb_errmsg(const wa_wdb *w)
{
    return w ? w->err.msg : "out of memory";
}

/*
 * Positions are kept once per word occurrence, on its stem (Z terms, also of
 * the fields): phrases and NEAR are parsed over stems (STEM_ALL_Z), so the
 * positions of the exact forms would never be read. They keep their wdf.
 */
static void drop_exact_positions(Xapian::Document &doc)
{
    std::vector<std::string> words;
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        if ((*t)[0] != 'Z' && t.positionlist_count() > 0)
            words.push_back(*t);
    for (const std::string &t : words)
        doc.remove_postings(t, 0, static_cast<Xapian::termpos>(-1), 0);
}

wa_status wa_wdb_replace(wa_wdb *w, const char *idterm, wa_doc *doc)
{
    WA_TRY(w->err, {
        drop_exact_positions(doc->doc);
        doc->doc.add_boolean_term(idterm);
        w->db.replace_document(idterm, doc->doc);
        if (doc->spelling) {
            const struct wa_search_policy *pol = wa_search_policy_default();
            for (Xapian::TermIterator t = doc->doc.termlist_begin(); t != doc->doc.termlist_end();
                 ++t) {
                const std::string term = *t;
                /* words only: no prefixed terms, and what the policy accepts */
                if (!prefixed(term) &&
                    wa_search_policy_spelling_word(pol, term.data(), term.size()))
                    w->db.add_spelling(term, 1);
            }
        }
        return WA_OK;
    });
}

wa_status wa_wdb_delete(wa_wdb *w, const char *idterm)
{
    WA_TRY(w->err, {
        w->db.delete_document(idterm);
        return WA_OK;
    });
}

wa_status wa_wdb_commit(wa_wdb *w)
{
    WA_TRY(w->err, {
        w->db.commit();
        return WA_OK;
    });
}

wa_status wa_wdb_doccount(wa_wdb *w, unsigned long *out)
{
    WA_TRY(w->err, {
        *out = w->db.get_doccount();
        return WA_OK;
    });
}

wa_status wa_wdb_get_value(wa_wdb *w, const char *idterm, unsigned slot, struct wa_buf *out)
{
    WA_TRY(w->err, {
        Xapian::docid id;
        if (!find_docid(w->db, idterm, id)) {
            w->err.set("no document '", idterm + 1, "'");
            return WA_ERR_NOT_FOUND;
        }
        std::string v = w->db.get_document(id).get_value(slot);
        return wa_buf_add(out, v.data(), v.size());
    });
}

wa_status wa_wdb_get_values(wa_wdb *w, const char *idterm, const unsigned *slots, size_t n,
                            struct wa_buf *out)
{
    WA_TRY(w->err, {
        Xapian::docid id;
        if (!find_docid(w->db, idterm, id)) {
            w->err.set("no document '", idterm + 1, "'");
            return WA_ERR_NOT_FOUND;
        }
        Xapian::Document doc = w->db.get_document(id);
        for (size_t i = 0; i < n; i++) {
            std::string v = doc.get_value(slots[i]);
            wa_status st = wa_buf_add(&out[i], v.data(), v.size());
            if (st != WA_OK)
                return st;
        }
        return WA_OK;
    });
}

wa_status wa_wdb_each_values(wa_wdb *w, const char *prefix, const unsigned *slots, size_t n,
                             wa_values_cb cb, void *ctx)
{
    WA_TRY(w->err, {
        /* the value streams in docid order, then the id terms: sequential reads */
        Xapian::docid last = w->db.get_lastdocid();
        std::vector<std::vector<std::string>> vals(n);
        for (size_t i = 0; i < n; i++) {
            vals[i].resize(last + 1);
            for (Xapian::ValueIterator v = w->db.valuestream_begin(slots[i]);
                 v != w->db.valuestream_end(slots[i]); ++v)
                if (v.get_docid() <= last)
                    vals[i][v.get_docid()] = *v;
        }
        std::vector<struct wa_buf> bufs(n);
        for (Xapian::TermIterator t = w->db.allterms_begin(prefix); t != w->db.allterms_end(prefix);
             ++t) {
            const std::string term = *t;
            Xapian::PostingIterator p = w->db.postlist_begin(term);
            if (p == w->db.postlist_end(term) || *p > last)
                continue;
            for (size_t i = 0; i < n; i++) {
                const std::string &v = vals[i][*p];
                bufs[i].p = const_cast<char *>(v.c_str());
                bufs[i].len = v.size();
                bufs[i].cap = 0; /* borrowed: never freed or grown */
                bufs[i].max = v.size();
            }
            if (cb(term.data(), term.size(), bufs.data(), ctx))
                break;
        }
        return WA_OK;
    });
}

wa_status wa_wdb_find_idterm(wa_wdb *w, const char *term, struct wa_buf *out)
{
    WA_TRY(w->err, {
        Xapian::docid id;
        if (!find_docid(w->db, term, id)) {
            w->err.set("no document has the term '", term, "'");
            return WA_ERR_NOT_FOUND;
        }
        Xapian::TermIterator t = w->db.termlist_begin(id);
        t.skip_to(WA_PREFIX_ID);
        if (t == w->db.termlist_end(id) || (*t).compare(0, 1, WA_PREFIX_ID) != 0) {
            w->err.set("a document with the term '", term, "' has no id");
            return WA_ERR_NOT_FOUND;
        }
        const std::string q = *t;
        return wa_buf_add(out, q.data(), q.size());
    });
}

wa_status wa_wdb_get_data(wa_wdb *w, const char *idterm, struct wa_buf *out)
{
    WA_TRY(w->err, { return get_data_by_term(w->db, idterm, out, w->err); });
}

wa_status wa_wdb_set_metadata(wa_wdb *w, const char *key, const char *val, size_t len)
{
    WA_TRY(w->err, {
        w->db.set_metadata(key, std::string(val, len));
        return WA_OK;
    });
}

wa_status wa_wdb_get_metadata(wa_wdb *w, const char *key, struct wa_buf *out)
{
    WA_TRY(w->err, {
        std::string v = w->db.get_metadata(key);
        return wa_buf_add(out, v.data(), v.size());
    });
}

wa_status wa_wdb_each_term(wa_wdb *w, const char *prefix, wa_each_cb cb, void *ctx)
{
    WA_TRY(w->err, {
        for (Xapian::TermIterator t = w->db.allterms_begin(prefix); t != w->db.allterms_end(prefix);
             ++t) {
            const std::string term = *t;
            if (cb(term.data(), term.size(), ctx))
                break;
        }
        return WA_OK;
    });
}

wa_status wa_wdb_each_metadata_key(wa_wdb *w, const char *prefix, wa_each_cb cb, void *ctx)
{
    WA_TRY(w->err, {
        for (Xapian::TermIterator t = w->db.metadata_keys_begin(prefix);
             t != w->db.metadata_keys_end(prefix); ++t) {
            const std::string key = *t;
            if (cb(key.data(), key.size(), ctx))
                break;
        }
        return WA_OK;
    });
}

wa_status wa_wdb_add_synonym(wa_wdb *w, const char *key, const char *term)
{
    WA_TRY(w->err, {
        w->db.add_synonym(key, term);
        return WA_OK;
    });
}

wa_status wa_wdb_clear_synonyms(wa_wdb *w, const char *key)
{
    WA_TRY(w->err, {
        w->db.clear_synonyms(key);
        return WA_OK;
    });
}

/* ---- documents ---------------------------------------------------------- */

wa_status wa_doc_new(wa_doc **out, wa_wdb *spelling_db)
{
    wa_doc *d = new (std::nothrow) wa_doc;
    *out = d;
    if (!d)
        return WA_ERR_NOMEM;
    WA_TRY(d->err, {
        d->tg.set_stemmer(cached_stemmer());
        d->tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
        d->tg.set_max_word_length(MAX_WORD_LENGTH);
        d->tg.set_document(d->doc);
        if (spelling_db) {
            /* Spelling data is added once per distinct word and document in
             * wa_wdb_replace, much cheaper than TermGenerator::FLAG_SPELLING's
             * call per occurrence; suggestions then rank by document frequency. */
            d->spelling = true;
        }
        return WA_OK;
    });
}

void wa_doc_free(wa_doc *doc)
{
    delete doc;
}

const char *wa_doc_errmsg(const wa_doc *doc)
{
    return doc ? doc->err.msg : "out of memory";
}

wa_status wa_doc_index_text(wa_doc *doc, const char *text, size_t len, unsigned wdf_inc,
                            const char *prefix)
{
    WA_TRY(doc->err, {
        doc->tg.index_text(Xapian::Utf8Iterator(text, len), wdf_inc, prefix ? prefix : "");
        return WA_OK;
    });
}

void wa_doc_increase_termpos(wa_doc *doc, unsigned delta)
{
    try {
        doc->tg.increase_termpos(delta);
    } catch (...) {
    }
}

unsigned wa_doc_termpos(const wa_doc *doc)
{
    try {
        return doc->tg.get_termpos();
    } catch (...) {
        return 0;
    }
}

wa_status wa_doc_add_term(wa_doc *doc, const char *term, size_t len, unsigned wdf)
{
    WA_TRY(doc->err, {
        if (len == 0 || len > MAX_TERM) {
            doc->err.set("term empty or too long");
            return WA_ERR_INVALID;
        }
        if (wdf == 0)
            doc->doc.add_boolean_term(std::string(term, len));
        else
            doc->doc.add_term(std::string(term, len), wdf);
        return WA_OK;
    });
}

wa_status wa_doc_add_posting(wa_doc *doc, const char *term, size_t len, unsigned pos)
{
    WA_TRY(doc->err, {
        if (len == 0 || len > MAX_TERM) {
            doc->err.set("term empty or too long");
            return WA_ERR_INVALID;
        }
        doc->doc.add_posting(std::string(term, len), pos);
        return WA_OK;
    });
}

wa_status wa_doc_set_value(wa_doc *doc, unsigned slot, const char *v, size_t len)
{
    WA_TRY(doc->err, {
        doc->doc.add_value(slot, std::string(v, len));
        return WA_OK;
    });
}

wa_status wa_doc_set_data(wa_doc *doc, const char *data, size_t len)
{
    WA_TRY(doc->err, {
        doc->doc.set_data(std::string(data, len));
        return WA_OK;
    });
}

wa_status wa_doc_serialise(wa_doc *doc, struct wa_buf *out)
{
    WA_TRY(doc->err, {
        const std::string s = doc->doc.serialise();
        return wa_buf_add(out, s.data(), s.size());
    });
}

wa_status wa_doc_unserialise(wa_doc **out, const char *p, size_t len, int spelling)
{
    wa_doc *d = new (std::nothrow) wa_doc;
    *out = d;
    if (!d)
        return WA_ERR_NOMEM;
    WA_TRY(d->err, {
        d->doc = Xapian::Document::unserialise(std::string(p, len));
        d->spelling = spelling != 0;
        return WA_OK;
    });
}

} /* extern "C" */
