/* The Xapian wrapper's base: errors, the stemmer, term encoding, opening databases for reading. */
#include <cstring>
#include <new>
#include <unordered_map>

#include "wa_german.h"
#include "wa_schema.h"
#include "wa_utf8.h"
#include "wa_xapian_private.h"

namespace wa_xapian
{

/* Record "Type: message" of a Xapian error in e and return st. */
static wa_status note(errbuf &e, const Xapian::Error &x, wa_status st)
{
    e.set(x.get_type(), ": ", x.get_msg().c_str());
    return st;
}

wa_status classify(errbuf &e)
{
    try {
        throw;
    } catch (const Xapian::NetworkTimeoutError &x) {
        /* the words reach the user as they are: a shard's server hangs */
        e.set("ein Suchserver des Archivs antwortet nicht rechtzeitig (", x.get_msg().c_str(), ")");
        return WA_ERR_TIMEOUT;
    } catch (const Xapian::NetworkError &x) {
        e.set("ein Suchserver des Archivs ist nicht erreichbar (", x.get_msg().c_str(), ")");
        return WA_ERR_UNREACHABLE;
    } catch (const Xapian::DatabaseLockError &x) {
        return note(e, x, WA_ERR_LOCKED);
    } catch (const Xapian::DatabaseModifiedError &x) {
        return note(e, x, WA_ERR_MODIFIED);
    } catch (const Xapian::DatabaseNotFoundError &x) {
        return note(e, x, WA_ERR_NOT_FOUND);
    } catch (const Xapian::DatabaseCorruptError &x) {
        return note(e, x, WA_ERR_CORRUPT);
    } catch (const Xapian::DatabaseClosedError &x) {
        return note(e, x, WA_ERR_INVALID); /* a call after close: API misuse */
    } catch (const Xapian::DatabaseOpeningError &x) {
        return note(e, x, WA_ERR_NOT_FOUND);
    } catch (const Xapian::DatabaseError &x) {
        return note(e, x, WA_ERR_CORRUPT); /* e.g. "EOF reading block": damaged */
    } catch (const Xapian::QueryParserError &x) {
        /* the library's own syntax messages are English; ours are German */
        if (x.get_msg().compare(0, 7, "Syntax:") == 0)
            e.set("Operatoren (UND, ODER, NICHT, NAHE) brauchen auf beiden Seiten ein Wort, "
                  "Klammern und Anführungszeichen ihr Gegenstück");
        else
            e.set(x.get_msg().c_str());
        return WA_ERR_QUERY;
    } catch (const Xapian::WildcardError &) {
        e.set("a wildcard matches too many words");
        return WA_ERR_QUERY;
    } catch (const Xapian::InvalidArgumentError &x) {
        return note(e, x, WA_ERR_INVALID);
    } catch (const Xapian::Error &x) {
        return note(e, x, WA_ERR_INDEX);
    } catch (const std::bad_alloc &) {
        std::memcpy(e.msg, "out of memory", sizeof "out of memory");
        return WA_ERR_NOMEM;
    } catch (const std::exception &x) {
        e.set(x.what());
        return WA_ERR_INTERNAL;
    } catch (...) {
        e.set("unknown exception");
        return WA_ERR_INTERNAL;
    }
}

std::string fold(const std::string &s)
{
    struct wa_buf b;
    wa_buf_init(&b, 0);
    std::string r;
    if (wa_utf8_fold(s.data(), s.size(), &b) == WA_OK)
        r.assign(b.p, b.len);
    else
        r = s;
    wa_buf_release(&b);
    /* trim */
    size_t a = r.find_first_not_of(" \t");
    size_t z = r.find_last_not_of(" \t");
    return a == std::string::npos ? std::string() : r.substr(a, z - a + 1);
}

/*
 * The german2 stemmer with a memo: German text repeats its words (der, die,
 * Verwaltung ...), and a hash lookup is far cheaper than running Snowball
 * again. It also applies the stem exceptions (Bürger is not Burg). Used for
 * indexing, queries and snippets alike, so that all three agree.
 */
class CachingStem : public Xapian::StemImplementation
{
    Xapian::Stem stem{STEMMER};
    std::unordered_map<std::string, std::string> memo;

  public:
    std::string operator()(const std::string &word) override
    {
        const char *exc = wa_german_stem_exception(word.data(), word.size());
        if (exc)
            return exc;
        auto it = memo.find(word);
        if (it != memo.end())
            return it->second;
        std::string r = stem(word);
        if (memo.size() > 200000)
            memo.clear(); /* bound the memory on huge vocabularies */
        memo.emplace(word, r);
        return r;
    }
    std::string get_description() const override
    {
        return "german2 (cached)";
    }
};

/* One memoised stemmer per process (the programs are single-threaded): the
 * query, the snippets and the compound marking then stem each word once. */
Xapian::Stem cached_stemmer()
{
    static Xapian::Stem shared(new CachingStem);
    return shared;
}

bool find_docid(Xapian::Database &db, const char *term, Xapian::docid &id)
{
    Xapian::PostingIterator p = db.postlist_begin(term);
    if (p == db.postlist_end(term))
        return false;
    id = *p;
    return true;
}

wa_status get_data_by_term(Xapian::Database &db, const char *idterm, struct wa_buf *out,
                           errbuf &err)
{
    Xapian::docid id;
    if (!find_docid(db, idterm, id)) {
        err.set("no document '", idterm + 1, "'");
        return WA_ERR_NOT_FOUND;
    }
    std::string d = db.get_document(id).get_data();
    return wa_buf_add(out, d.data(), d.size());
}

/*
 * Omega's convention: a term starting with A-Z carries a prefix; a stemmed
 * term is "Z" + the prefix + the stem; compound parts are WA_PREFIX_COMPOUND.
 */
struct wa_qword decode_term(const std::string &term)
{
    static const std::string part = std::string("Z") + WA_PREFIX_COMPOUND;
    static const std::string ident = WA_PREFIX_IDENT, concept = WA_PREFIX_CONCEPT;
    struct wa_qword w = {WA_QWORD_OTHER, term.data(), term.size()};
    size_t k = 0;
    if (term.size() > ident.size() && term.compare(0, ident.size(), ident) == 0) {
        w.kind = WA_QWORD_IDENT;
        k = ident.size();
    } else if (term.size() > concept.size() && term.compare(0, concept.size(), concept) == 0) {
        w.kind = WA_QWORD_CONCEPT;
        k = concept.size();
    } else if (term.size() > part.size() && term.compare(0, part.size(), part) == 0) {
        w.kind = WA_QWORD_PART;
        k = part.size();
    } else if (term.size() > 1 && term[0] == 'Z' && !prefixed(term.substr(1, 1))) {
        w.kind = WA_QWORD_STEM;
        k = 1;
    } else if (!prefixed(term)) {
        w.kind = WA_QWORD_WORD;
    } else {
        while (k < term.size() && term[k] >= 'A' && term[k] <= 'Z')
            k++; /* strip prefixes such as S, XT */
    }
    w.p += k;
    w.len -= k;
    return w;
}

} // namespace wa_xapian

using namespace wa_xapian;

extern "C" {

const char *wa_xapian_version(void)
{
    return Xapian::version_string();
}

const char *wa_idterm_id(const char *idterm)
{
    /* wa_schema_idterm hashes ids too long for a term into "Q#" + hex digits */
    size_t n = std::strlen(WA_PREFIX_ID);
    if (std::strncmp(idterm, WA_PREFIX_ID, n) != 0 || idterm[n] == '#')
        return nullptr;
    return idterm + n;
}

wa_status wa_db_open(wa_db **out, const char *const *paths, size_t n)
{
    wa_db *db = new (std::nothrow) wa_db;
    *out = db;
    if (!db)
        return WA_ERR_NOMEM;
    if (n == 0) {
        db->err.set("no database given");
        return WA_ERR_INVALID;
    }
    WA_TRY(db->err, {
        for (size_t i = 0; i < n; i++)
            db->db.add_database(Xapian::Database(paths[i]));
        size_t nstop;
        const char *const *stop = wa_german_stopwords(&nstop);
        return wa_db_set_stopwords(db, stop, nstop);
    });
}

wa_status wa_db_add_dictionary(wa_db *db, const char *path)
{
    WA_TRY(db->err, {
        db->dict.add_database(Xapian::Database(path));
        db->has_dict = true;
        return WA_OK;
    });
}

wa_status wa_db_close(wa_db *db)
{
    if (!db)
        return WA_OK;
    WA_TRY(db->err, {
        db->db.close();
        return WA_OK;
    });
}

void wa_db_destroy(wa_db *db)
{
    delete db; /* Xapian closes what is still open */
}

const char *wa_db_errmsg(const wa_db *db)
{
    return db ? db->err.msg : "out of memory";
}

wa_status wa_db_doccount(wa_db *db, unsigned long *out)
{
    WA_TRY(db->err, {
        *out = db->db.get_doccount();
        return WA_OK;
    });
}

wa_status wa_db_get_data(wa_db *db, const char *idterm, struct wa_buf *out)
{
    for (int attempt = 0;; attempt++) {
        try {
            return get_data_by_term(db->db, idterm, out, db->err);
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt == 0) {
                try {
                    db->db.reopen();
                    continue;
                } catch (...) {
                    return classify(db->err);
                }
            }
            return classify(db->err);
        } catch (...) {
            return classify(db->err);
        }
    }
}

wa_status wa_db_set_stopwords(wa_db *db, const char *const *words, size_t n)
{
    WA_TRY(db->err, {
        std::unique_ptr<Xapian::SimpleStopper> st(new Xapian::SimpleStopper);
        for (size_t i = 0; i < n; i++)
            st->add(words[i]);
        db->stopper = n ? std::move(st) : nullptr;
        return WA_OK;
    });
}

wa_status wa_stem(const char *word, size_t len, struct wa_buf *out)
{
    try {
        std::string s = cached_stemmer()(std::string(word, len));
        return wa_buf_add(out, s.data(), s.size());
    } catch (const std::bad_alloc &) {
        return WA_ERR_NOMEM;
    } catch (...) {
        return WA_ERR_INTERNAL; /* the stemmer throws nothing else */
    }
}

} /* extern "C" */
