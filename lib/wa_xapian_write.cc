/* The Xapian wrapper's writing: databases opened for writing, and documents. */
#include <sys/stat.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <string>

#include "wa_schema.h"
#include "wa_xapian_private.h"

using namespace wa_xapian;

/* ---- writing ------------------------------------------------------------ */

namespace
{

/* Blanks at both ends of s removed. */
std::string trim(const std::string &s)
{
    size_t a = s.find_first_not_of(" \t\r");
    size_t z = s.find_last_not_of(" \t\r");
    return a == std::string::npos ? std::string() : s.substr(a, z - a + 1);
}

/*
 * Open each shard a stub file names, one handle each, so that a document
 * can be written into the shard the archive's rule picks: Xapian's own
 * stub handling gives one combined handle that routes by document number.
 * The lines are those of Xapian's stub format; a line this writer cannot
 * open is an error, never skipped.
 */
void open_stub_shards(wa_wdb *w, const std::string &path, int flags)
{
    std::ifstream in(path);
    if (!in)
        throw Xapian::DatabaseOpeningError("cannot read the stub file '" + path + "'");
    std::string dir;
    size_t slash = path.rfind('/');
    if (slash != std::string::npos)
        dir = path.substr(0, slash + 1);
    std::string line;
    unsigned lineno = 0;
    while (std::getline(in, line)) {
        lineno++;
        line = trim(line);
        if (line.empty() || line[0] == '#')
            continue;
        size_t sp = line.find_first_of(" \t");
        std::string kind = line.substr(0, sp);
        std::string arg = sp == std::string::npos ? std::string() : trim(line.substr(sp));
        Xapian::WritableDatabase db;
        if ((kind == "auto" || kind == "glass") && !arg.empty()) {
            db = Xapian::WritableDatabase(arg[0] == '/' ? arg : dir + arg, flags);
        } else if (kind == "remote" && !arg.empty() && arg[0] == ':') {
            size_t a = arg.find_first_of(" \t");
            std::string prog = arg.substr(1, a == std::string::npos ? a : a - 1);
            std::string args = a == std::string::npos ? std::string() : trim(arg.substr(a));
            db = Xapian::Remote::open_writable(prog, args, WA_WDB_REMOTE_TIMEOUT_MS);
        } else if (kind == "remote" && arg.rfind(':') != std::string::npos) {
            size_t colon = arg.rfind(':');
            char *end = nullptr;
            unsigned long port = std::strtoul(arg.c_str() + colon + 1, &end, 10);
            if (colon == 0 || !end || *end || port == 0 || port > 65535)
                throw Xapian::DatabaseOpeningError(path + ":" + std::to_string(lineno) +
                                                   ": bad remote address '" + arg + "'");
            db = Xapian::Remote::open_writable(arg.substr(0, colon), static_cast<unsigned>(port),
                                               WA_WDB_REMOTE_TIMEOUT_MS);
        } else {
            throw Xapian::DatabaseOpeningError(path + ":" + std::to_string(lineno) +
                                               ": cannot write to '" + line + "'");
        }
        w->shard.push_back(db);
        w->db.add_database(db);
    }
    if (w->shard.empty())
        throw Xapian::DatabaseOpeningError("the stub file '" + path + "' names no database");
}

/* Feed the words of doc into db's spelling data (wa_wdb_replace). */
void add_spellings(Xapian::WritableDatabase &db, const wa_doc *doc)
{
    const struct wa_search_policy *pol = wa_search_policy_default();
    for (Xapian::TermIterator t = doc->doc.termlist_begin(); t != doc->doc.termlist_end(); ++t) {
        const std::string term = *t;
        /* words only: no prefixed terms, and what the policy accepts */
        if (!prefixed(term) && wa_search_policy_spelling_word(pol, term.data(), term.size()))
            db.add_spelling(term, 1);
    }
}

} // namespace

extern "C" {

wa_status wa_wdb_open(wa_wdb **out, const char *path, int create)
{
    wa_wdb *w = new (std::nothrow) wa_wdb;
    *out = w;
    if (!w)
        return WA_ERR_NOMEM;
    WA_TRY(w->err, {
        int flags = create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
            open_stub_shards(w, path, flags);
        } else {
            w->db = Xapian::WritableDatabase(path, flags);
            w->shard.push_back(w->db);
        }
        return WA_OK;
    });
}

size_t wa_wdb_shards(const wa_wdb *w)
{
    return w->shard.empty() ? 1 : w->shard.size();
}

wa_status wa_wdb_replace_in(wa_wdb *w, size_t shard, const char *idterm, wa_doc *doc)
{
    WA_TRY(w->err, {
        size_t n = w->shard.size();
        if (shard >= n) {
            w->err.set("no such shard");
            return WA_ERR_INVALID;
        }
        /* Xapian numbers the documents of n shards in turn: number d lives in
         * shard (d - 1) % n. Copies elsewhere came from another layout. */
        std::vector<Xapian::docid> elsewhere;
        if (n > 1)
            for (Xapian::PostingIterator p = w->db.postlist_begin(idterm);
                 p != w->db.postlist_end(idterm); ++p)
                if ((*p - 1) % n != shard)
                    elsewhere.push_back(*p);
        for (Xapian::docid d : elsewhere)
            w->db.delete_document(d);
        doc->doc.add_boolean_term(idterm);
        w->shard[shard].replace_document(idterm, doc->doc);
        if (doc->spelling)
            add_spellings(w->shard[shard], doc);
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
        if (doc->spelling)
            add_spellings(w->db, doc);
        return WA_OK;
    });
}

wa_status wa_wdb_replace_at(wa_wdb *w, unsigned docid, const char *idterm, wa_doc *doc)
{
    WA_TRY(w->err, {
        if (w->shard.size() > 1) {
            w->err.set("document numbers cannot be kept in a sharded database");
            return WA_ERR_UNSUPPORTED;
        }
        Xapian::PostingIterator p = w->db.postlist_begin(idterm);
        bool free_number = docid != 0 && (p == w->db.postlist_end(idterm) || *p == docid);
        if (free_number && (p == w->db.postlist_end(idterm) || *p != docid)) {
            /* the number must be unused, or used by this very document */
            try {
                Xapian::Document old = w->db.get_document(docid);
                Xapian::TermIterator t = old.termlist_begin();
                t.skip_to(idterm);
                free_number = t != old.termlist_end() && *t == idterm;
            } catch (const Xapian::DocNotFoundError &) {
            }
        }
        if (!free_number) {
            w->err.set("document number not free for '", idterm, "'");
            return WA_ERR_INVALID;
        }
        drop_exact_positions(doc->doc);
        doc->doc.add_boolean_term(idterm);
        w->db.replace_document(static_cast<Xapian::docid>(docid), doc->doc);
        if (doc->spelling)
            add_spellings(w->db, doc);
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

size_t wa_doc_term_count(const wa_doc *doc)
{
    try {
        return doc->doc.termlist_count();
    } catch (...) {
        return 0;
    }
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
