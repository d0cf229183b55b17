/* Maintenance over Xapian databases by path: walking documents, check, compact, spelling rebuild.
 */
#include "wa_xapian_admin.h"

#include <dirent.h>
#include <sys/stat.h>
#include <xapian.h>

#include <cstdio>
#include <cstring>
#include <new>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace
{

void seterr(char *err, size_t errlen, const char *a, const char *b = "")
{
    if (errlen)
        std::snprintf(err, errlen, "%s%s", a, b);
}

/* The exception in flight as a status; called from a catch block only. */
wa_status classify(char *err, size_t errlen)
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &x) {
        seterr(err, errlen, "DatabaseLockError: ", x.get_msg().c_str());
        return WA_ERR_LOCKED;
    } catch (const Xapian::DatabaseModifiedError &x) {
        seterr(err, errlen, "DatabaseModifiedError: ", x.get_msg().c_str());
        return WA_ERR_MODIFIED;
    } catch (const Xapian::DatabaseNotFoundError &x) {
        seterr(err, errlen, "DatabaseNotFoundError: ", x.get_msg().c_str());
        return WA_ERR_NOT_FOUND;
    } catch (const Xapian::DatabaseOpeningError &x) {
        seterr(err, errlen, "DatabaseOpeningError: ", x.get_msg().c_str());
        return WA_ERR_NOT_FOUND;
    } catch (const Xapian::DatabaseError &x) {
        seterr(err, errlen, x.get_type(), (": " + x.get_msg()).c_str());
        return WA_ERR_CORRUPT;
    } catch (const Xapian::Error &x) {
        seterr(err, errlen, x.get_type(), (": " + x.get_msg()).c_str());
        return WA_ERR_INDEX;
    } catch (const std::bad_alloc &) {
        seterr(err, errlen, "out of memory");
        return WA_ERR_NOMEM;
    } catch (const std::exception &x) {
        seterr(err, errlen, x.what());
        return WA_ERR_INTERNAL;
    } catch (...) {
        seterr(err, errlen, "unknown exception");
        return WA_ERR_INTERNAL;
    }
}

bool exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Words whose spelling data indexing keeps (as wa_wdb_replace does): no
 * prefixed terms, no numbers, nothing longer than 64 bytes. */
bool spelling_word(const std::string &t)
{
    unsigned char c = t.empty() ? 'A' : static_cast<unsigned char>(t[0]);
    return !((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || t.size() > 64);
}

wa_status add(struct wa_buf *b, const std::string &s)
{
    return wa_buf_add(b, s.data(), s.size());
}

int each_doc(Xapian::Database &db, const unsigned *slots, size_t n, wa_admin_doc_cb cb, void *ctx,
             struct wa_buf *values)
{
    for (Xapian::TermIterator t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) {
        const std::string idterm = *t;
        Xapian::PostingIterator p = db.postlist_begin(idterm);
        if (p == db.postlist_end(idterm))
            continue;
        Xapian::Document doc = db.get_document(*p);
        const std::string data = doc.get_data();
        for (size_t i = 0; i < n; i++) {
            wa_buf_reset(&values[i]);
            if (add(&values[i], doc.get_value(slots[i])) != WA_OK)
                throw std::bad_alloc();
        }
        if (cb(idterm.c_str(), data.data(), data.size(), values, ctx))
            return 1;
    }
    return 0;
}

} // namespace

struct wa_admin_reader {
    Xapian::Database db;
};

extern "C" {

wa_status wa_admin_reader_open(wa_admin_reader **out, const char *path, char *err, size_t errlen)
{
    *out = nullptr;
    try {
        *out = new wa_admin_reader{Xapian::Database(path)};
        return WA_OK;
    } catch (...) {
        return classify(err, errlen);
    }
}

void wa_admin_reader_free(wa_admin_reader *r)
{
    delete r;
}

wa_status wa_admin_reader_each_id(wa_admin_reader *r, wa_admin_id_cb cb, void *ctx, char *err,
                                  size_t errlen)
{
    try {
        Xapian::Database &db = r->db;
        for (Xapian::TermIterator t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) {
            const std::string idterm = *t;
            Xapian::PostingIterator p = db.postlist_begin(idterm);
            if (p != db.postlist_end(idterm) && cb(idterm.c_str(), *p, ctx))
                break;
        }
        return WA_OK;
    } catch (...) {
        return classify(err, errlen);
    }
}

wa_status wa_admin_reader_get(wa_admin_reader *r, unsigned docid, struct wa_buf *data,
                              const unsigned *slots, size_t n, struct wa_buf *values, char *err,
                              size_t errlen)
{
    try {
        Xapian::Document doc = r->db.get_document(docid);
        if (add(data, doc.get_data()) != WA_OK)
            return WA_ERR_NOMEM;
        for (size_t i = 0; i < n; i++)
            if (add(&values[i], doc.get_value(slots[i])) != WA_OK)
                return WA_ERR_NOMEM;
        return WA_OK;
    } catch (const Xapian::DocNotFoundError &) {
        seterr(err, errlen, "no such document");
        return WA_ERR_NOT_FOUND;
    } catch (...) {
        return classify(err, errlen);
    }
}

wa_status wa_admin_each_doc(const char *path, const unsigned *slots, size_t n, wa_admin_doc_cb cb,
                            void *ctx, char *err, size_t errlen)
{
    struct wa_buf *values = nullptr;
    wa_status st = WA_OK;

    if (!exists(path))
        return WA_OK;
    values = new (std::nothrow) wa_buf[n ? n : 1];
    if (!values)
        return WA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        wa_buf_init(&values[i], 0);
    try {
        Xapian::Database db(path);
        each_doc(db, slots, n, cb, ctx, values);
    } catch (...) {
        st = classify(err, errlen);
    }
    for (size_t i = 0; i < n; i++)
        wa_buf_release(&values[i]);
    delete[] values;
    return st;
}

wa_status wa_admin_find_doc(const char *path, const char *term, struct wa_buf *idterm,
                            struct wa_buf *data, const unsigned *slots, size_t n,
                            struct wa_buf *values, char *err, size_t errlen)
{
    if (!exists(path))
        return WA_ERR_NOT_FOUND;
    for (int attempt = 0;; attempt++) {
        try {
            Xapian::Database db(path);
            Xapian::PostingIterator p = db.postlist_begin(term);
            if (p == db.postlist_end(term))
                return WA_ERR_NOT_FOUND;
            Xapian::Document doc = db.get_document(*p);
            for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                const std::string s = *t;
                if (s.compare(0, 1, "Q") == 0) {
                    if (idterm && add(idterm, s) != WA_OK)
                        return WA_ERR_NOMEM;
                    break;
                }
            }
            if (data && add(data, doc.get_data()) != WA_OK)
                return WA_ERR_NOMEM;
            for (size_t i = 0; i < n; i++)
                if (add(&values[i], doc.get_value(slots[i])) != WA_OK)
                    return WA_ERR_NOMEM;
            return WA_OK;
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt)
                return classify(err, errlen);
        } catch (...) {
            return classify(err, errlen);
        }
    }
}

wa_status wa_admin_each_metadata(const char *path, const char *prefix, wa_admin_meta_cb cb,
                                 void *ctx, char *err, size_t errlen)
{
    if (!exists(path))
        return WA_OK;
    try {
        Xapian::Database db(path);
        for (Xapian::TermIterator k = db.metadata_keys_begin(prefix);
             k != db.metadata_keys_end(prefix); ++k) {
            const std::string key = *k;
            const std::string val = db.get_metadata(key);
            if (cb(key.c_str(), val.c_str(), val.size(), ctx))
                break;
        }
        return WA_OK;
    } catch (...) {
        return classify(err, errlen);
    }
}

wa_status wa_admin_get_metadata(const char *path, const char *key, struct wa_buf *out, char *err,
                                size_t errlen)
{
    if (!exists(path))
        return WA_OK;
    try {
        Xapian::Database db(path);
        return add(out, db.get_metadata(key));
    } catch (...) {
        return classify(err, errlen);
    }
}

wa_status wa_admin_size(const char *path, unsigned long *docs, unsigned long long *bytes, char *err,
                        size_t errlen)
{
    *docs = 0;
    *bytes = 0;
    if (!exists(path))
        return WA_OK;
    try {
        Xapian::Database db(path);
        *docs = db.get_doccount();
    } catch (...) {
        return classify(err, errlen);
    }
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != nullptr) {
            std::string f = std::string(path) + "/" + e->d_name;
            struct stat sb;
            if (stat(f.c_str(), &sb) == 0 && S_ISREG(sb.st_mode))
                *bytes += static_cast<unsigned long long>(sb.st_size);
        }
        closedir(d);
    }
    return WA_OK;
}

wa_status wa_admin_check(const char *path, struct wa_buf *report, unsigned long *errors, char *err,
                         size_t errlen)
{
    *errors = 0;
    try {
        std::ostringstream out;
        *errors = static_cast<unsigned long>(Xapian::Database::check(path, 0, &out));
        return add(report, out.str());
    } catch (...) {
        wa_status st = classify(err, errlen);
        *errors = 1;
        return st;
    }
}

wa_status wa_admin_compact(const char *src, const char *dst, char *err, size_t errlen)
{
    try {
        Xapian::Database db(src);
        db.compact(dst, Xapian::DBCOMPACT_NO_RENUMBER);
        return WA_OK;
    } catch (...) {
        return classify(err, errlen);
    }
}

wa_status wa_admin_respell(const char *path, int wait, unsigned long *removed, unsigned long *words,
                           char *err, size_t errlen)
{
    *removed = *words = 0;
    try {
        Xapian::WritableDatabase db(path, Xapian::DB_OPEN | (wait ? Xapian::DB_RETRY_LOCK : 0));
        /* first collect, then change: iterators over a table being changed are undefined */
        std::vector<std::pair<std::string, Xapian::termcount>> old;
        for (Xapian::TermIterator t = db.spellings_begin(); t != db.spellings_end(); ++t)
            old.emplace_back(*t, t.get_termfreq());
        for (const auto &w : old)
            db.remove_spelling(w.first, w.second);
        std::vector<std::pair<std::string, Xapian::doccount>> now;
        for (Xapian::TermIterator t = db.allterms_begin(); t != db.allterms_end(); ++t)
            if (spelling_word(*t))
                now.emplace_back(*t, t.get_termfreq());
        for (const auto &w : now)
            db.add_spelling(w.first, w.second);
        db.commit();
        *words = static_cast<unsigned long>(now.size());
        *removed =
            old.size() > now.size() ? static_cast<unsigned long>(old.size() - now.size()) : 0;
        return WA_OK;
    } catch (...) {
        return classify(err, errlen);
    }
}

wa_status wa_admin_stale_spellings(const char *path, unsigned long *stale, char *err, size_t errlen)
{
    *stale = 0;
    if (!exists(path))
        return WA_OK;
    try {
        Xapian::Database db(path);
        for (Xapian::TermIterator t = db.spellings_begin(); t != db.spellings_end(); ++t)
            if (db.get_termfreq(*t) == 0)
                (*stale)++;
        return WA_OK;
    } catch (...) {
        return classify(err, errlen);
    }
}

} // extern "C"
