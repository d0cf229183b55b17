/* The C API over libxapian: the only C++ file, and the only one that sees Xapian. */
#include "wa_xapian.h"

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "wa_date.h"
#include "wa_german.h"
#include "wa_schema.h"
#include "wa_utf8.h"

namespace
{

const char STEMMER[] = "german2";
const unsigned MAX_WORD_LENGTH = 128;
const unsigned MAX_WILDCARD_EXPANSION = 200;
const size_t ERRMSG_SIZE = 512;
/* Totals up to this many matches are counted exactly, not estimated. */
const Xapian::doccount EXACT_UP_TO = 1000;
/* Below this many hits a spelling suggestion is worth showing. */
const unsigned long FEW_HITS = 3;

/* Where a handle keeps the text of its last error. */
struct errbuf {
    char msg[ERRMSG_SIZE];
    errbuf()
    {
        msg[0] = '\0';
    }
    void set(const char *a, const char *b = "", const char *c = "", const char *d = "")
    {
        std::snprintf(msg, sizeof msg, "%s%s%s%s", a, b, c, d);
    }
};

/*
 * Sort the exception in flight into a status; must be called from a catch
 * block. Derived classes are caught before their bases. Never allocates on
 * the bad_alloc path.
 */
/* Record "Type: message" of a Xapian error in e and return st. */
wa_status note(errbuf &e, const Xapian::Error &x, wa_status st)
{
    e.set(x.get_type(), ": ", x.get_msg().c_str());
    return st;
}

wa_status classify(errbuf &e)
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &x) {
        return note(e, x, WA_ERR_LOCKED);
    } catch (const Xapian::DatabaseModifiedError &x) {
        return note(e, x, WA_ERR_MODIFIED);
    } catch (const Xapian::DatabaseNotFoundError &x) {
        return note(e, x, WA_ERR_NOT_FOUND);
    } catch (const Xapian::DatabaseCorruptError &x) {
        return note(e, x, WA_ERR_CORRUPT);
    } catch (const Xapian::DatabaseOpeningError &x) {
        return note(e, x, WA_ERR_NOT_FOUND);
    } catch (const Xapian::DatabaseError &x) {
        return note(e, x, WA_ERR_CORRUPT); /* e.g. "EOF reading block": damaged */
    } catch (const Xapian::QueryParserError &x) {
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

/* Boolean field values are folded, so "Protokoll", "protokoll" and "PROTOKOLL" match. */
class FoldedBooleanProcessor : public Xapian::FieldProcessor
{
    std::string prefix;

  public:
    explicit FoldedBooleanProcessor(const std::string &p) : prefix(p)
    {
    }
    Xapian::Query operator()(const std::string &str) override
    {
        return Xapian::Query(prefix + fold(str));
    }
};

bool parse_bound(const std::string &s, bool end, std::string &out)
{
    struct wa_date d;
    char b[9];
    if (wa_date_parse(s.data(), s.size(), &d) != 0)
        return false;
    wa_date_bound(&d, end ? 1 : 0, b);
    out.assign(b, 8);
    return true;
}

Xapian::Query date_range(const std::string &a, const std::string &b)
{
    std::string lo, hi;
    if (!a.empty() && !parse_bound(a, false, lo))
        throw Xapian::QueryParserError("invalid date '" + a + "'");
    if (!b.empty() && !parse_bound(b, true, hi))
        throw Xapian::QueryParserError("invalid date '" + b + "'");
    if (lo.empty() && hi.empty())
        throw Xapian::QueryParserError("empty date range");
    if (lo.empty())
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, WA_SLOT_DATE, hi);
    if (hi.empty())
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, WA_SLOT_DATE, lo);
    if (lo > hi)
        throw Xapian::QueryParserError("date range ends before it starts");
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, WA_SLOT_DATE, lo, hi);
}

/* datum:12.3.2021, datum:2021, jahr:2020 — a single date covers its whole day/month/year. */
/*
 * The first error of a field processor during a parse. An exception thrown
 * from a FieldProcessor leaks the parser's current term inside Xapian 1.4, so
 * the processor records the error and run_search raises it after parsing.
 */
thread_local std::string field_error;

class DateFieldProcessor : public Xapian::FieldProcessor
{
  public:
    Xapian::Query operator()(const std::string &str) override
    {
        try {
            size_t dots = str.find("..");
            if (dots != std::string::npos)
                return date_range(str.substr(0, dots), str.substr(dots + 2));
            return date_range(str, str);
        } catch (const Xapian::QueryParserError &e) {
            if (field_error.empty())
                field_error = e.get_msg();
            return Xapian::Query::MatchNothing;
        }
    }
};

/* Raise the error a field processor recorded during the last parse. */
void raise_field_error()
{
    if (!field_error.empty()) {
        std::string msg;
        msg.swap(field_error);
        throw Xapian::QueryParserError(msg);
    }
}

/* datum:1.3.2020..31.12.2021, jahr:2019..2021, open ends allowed. */
class DateRangeProcessor : public Xapian::RangeProcessor
{
  public:
    explicit DateRangeProcessor(const std::string &field)
        : Xapian::RangeProcessor(WA_SLOT_DATE, field + ":")
    {
    }
    Xapian::Query operator()(const std::string &b, const std::string &e) override
    {
        return date_range(b, e);
    }
};

/*
 * Counts values of a slot that may hold several values joined by WA_VALUE_SEP.
 * A match spy sees documents before collapsing; when collapsing, a value
 * counts once per group of documents with the same text, so that each count
 * is the number of hits a filter on that value would give.
 */
class MultiValueCountSpy : public Xapian::MatchSpy
{
  public:
    Xapian::valueno slot;
    bool collapse;
    std::map<std::string, Xapian::doccount> counts;
    std::set<std::pair<std::string, std::string>> seen; /* (text hash, value) */

    MultiValueCountSpy(Xapian::valueno s, bool c) : slot(s), collapse(c)
    {
    }
    void operator()(const Xapian::Document &doc, double) override
    {
        const std::string v = doc.get_value(slot);
        const std::string key = collapse ? doc.get_value(WA_SLOT_HASH) : std::string();
        size_t start = 0;
        while (start < v.size()) {
            size_t sep = v.find(WA_VALUE_SEP, start);
            if (sep == std::string::npos)
                sep = v.size();
            if (sep > start) {
                std::string one = v.substr(start, sep - start);
                if (key.empty() || seen.emplace(key, one).second)
                    ++counts[one];
            }
            start = sep + 1;
        }
    }
    std::string name() const override
    {
        return "WerkarchivMultiValueCountSpy";
    }
};

/*
 * Counts the hits that remain after collapsing: Xapian's estimate is not
 * exact with a collapse key unless the page holds every match.
 */
class GroupCountSpy : public Xapian::MatchSpy
{
  public:
    std::set<std::string> keys;
    Xapian::doccount unkeyed = 0;

    void operator()(const Xapian::Document &doc, double) override
    {
        const std::string key = doc.get_value(WA_SLOT_HASH);
        if (key.empty())
            ++unkeyed;
        else
            keys.insert(key);
    }
    void clear()
    {
        keys.clear();
        unkeyed = 0;
    }
    std::string name() const override
    {
        return "WerkarchivGroupCountSpy";
    }
};

/* For "more like this": only unprefixed word terms of reasonable length. */
class WordDecider : public Xapian::ExpandDecider
{
  public:
    bool operator()(const std::string &t) const override
    {
        if (t.size() < 3)
            return false;
        unsigned char c = static_cast<unsigned char>(t[0]);
        if (c >= 'A' && c <= 'Z')
            return false;
        return !(c >= '0' && c <= '9');
    }
};

} // namespace

struct wa_facet {
    unsigned slot;
    std::vector<std::pair<std::string, unsigned long>> values;
};

struct wa_db {
    Xapian::Database db;
    errbuf err;
    std::unique_ptr<Xapian::SimpleStopper> stopper;
};

struct wa_mset {
    Xapian::MSet mset;
    Xapian::Stem stem;
    std::vector<std::string> data;
    std::vector<wa_facet> facets;
    std::string suggestion;
    bool has_suggestion = false;
    bool relaxed = false;
    unsigned long total = 0;
    bool exact = false; /* total counted, not estimated */
    std::unique_ptr<Xapian::Enquire> enq;
    std::vector<std::string> words;   /* query words without prefixes, for snippet windows */
    std::vector<std::string> stopped; /* stopwords left out of the query */
    bool have_words = false;
    Xapian::Database db; /* for wa_mset_duplicates */
};

struct wa_wdb {
    Xapian::WritableDatabase db;
    errbuf err;
};

struct wa_doc {
    Xapian::Document doc;
    Xapian::TermGenerator tg;
    errbuf err;
    bool spelling = false; /* feed the writer's spelling data on replace */
};

#define WA_TRY(handle_err, ...)                                                                    \
    try {                                                                                          \
        __VA_ARGS__                                                                                \
    } catch (...) {                                                                                \
        return classify(handle_err);                                                               \
    }

extern "C" {

const char *wa_xapian_version(void)
{
    return Xapian::version_string();
}

/* ---- reading ------------------------------------------------------------ */

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

void wa_db_close(wa_db *db)
{
    delete db;
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

static wa_status get_data_by_term(Xapian::Database &db, const char *idterm, struct wa_buf *out,
                                  errbuf &err)
{
    Xapian::PostingIterator p = db.postlist_begin(idterm);
    if (p == db.postlist_end(idterm)) {
        err.set("no document \'", idterm + 1, "\'");
        return WA_ERR_NOT_FOUND;
    }
    std::string d = db.get_document(*p).get_data();
    return wa_buf_add(out, d.data(), d.size());
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

void wa_search_opts_init(struct wa_search_opts *o)
{
    std::memset(o, 0, sizeof *o);
    o->limit = 10;
    o->sort = WA_SORT_RELEVANCE;
    o->relax = 1;
    o->compounds = 1;
    o->exact_boost = 1;
}

static void setup_parser(Xapian::QueryParser &qp, wa_db *db, bool stemmed, bool compounds)
{
    qp.set_database(db->db);
    qp.set_default_op(Xapian::Query::OP_AND);
    if (stemmed) {
        qp.set_stemmer(cached_stemmer());
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    } else {
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    }
    if (db->stopper)
        qp.set_stopper(db->stopper.get());
    qp.set_max_expansion(MAX_WILDCARD_EXPANSION, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                         Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
    qp.add_prefix("", "");
    if (compounds && stemmed)
        qp.add_prefix("", WA_PREFIX_COMPOUND);
    /* a quoted word without compound parts, and identifiers (§ 34, 12-345/2021) */
    qp.add_prefix(WA_GERMAN_EXACT_FIELD, "");
    qp.add_prefix(WA_GERMAN_CONCEPT_FIELD,
                  (new FoldedBooleanProcessor(WA_PREFIX_CONCEPT))->release());
    qp.add_boolean_prefix(WA_GERMAN_IDENT_FIELD,
                          (new FoldedBooleanProcessor(WA_PREFIX_IDENT))->release());
    for (const struct wa_field *f = wa_schema_fields(); f->key; f++) {
        if (!(f->flags & WA_F_QUERY))
            continue;
        const char *names[] = {f->name_de, f->name_en};
        for (const char *name : names) {
            if (name == names[1] && std::strcmp(names[0], names[1]) == 0)
                continue;
            if (f->slot == WA_SLOT_DATE || f->slot == WA_SLOT_YEAR) {
                /* release(): the parser owns and frees them (no leak per query) */
                qp.add_rangeprocessor((new DateRangeProcessor(name))->release());
                qp.add_boolean_prefix(name, (new DateFieldProcessor)->release());
            } else if (f->flags & WA_F_TEXT) {
                qp.add_prefix(name, f->text_prefix);
            } else if (f->flags & WA_F_BOOL) {
                qp.add_boolean_prefix(name,
                                      (new FoldedBooleanProcessor(f->bool_prefix))->release());
            }
        }
    }
}

static unsigned parse_flags(bool spelling)
{
    unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                     Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                     Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
    if (spelling)
        flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
    return flags;
}

static Xapian::Query filter_query(const struct wa_search_opts *o)
{
    std::map<std::string, std::vector<Xapian::Query>> by_prefix;
    for (size_t i = 0; i < o->nfilters; i++) {
        const struct wa_filter &f = o->filters[i];
        const struct wa_field *fd = wa_schema_field(f.field, std::strlen(f.field));
        if (!fd || !fd->bool_prefix)
            throw Xapian::InvalidArgumentError(std::string("unknown filter field '") + f.field +
                                               "'");
        by_prefix[fd->bool_prefix].push_back(Xapian::Query(fd->bool_prefix + fold(f.value)));
    }
    Xapian::Query result;
    for (auto &kv : by_prefix) {
        Xapian::Query q(Xapian::Query::OP_OR, kv.second.begin(), kv.second.end());
        result = result.empty() ? q : Xapian::Query(Xapian::Query::OP_AND, result, q);
    }
    if (o->date_from || o->date_to) {
        Xapian::Query r;
        if (o->date_from && o->date_to)
            r = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, WA_SLOT_DATE, o->date_from,
                              o->date_to);
        else if (o->date_from)
            r = Xapian::Query(Xapian::Query::OP_VALUE_GE, WA_SLOT_DATE, o->date_from);
        else
            r = Xapian::Query(Xapian::Query::OP_VALUE_LE, WA_SLOT_DATE, o->date_to);
        result = result.empty() ? r : Xapian::Query(Xapian::Query::OP_AND, result, r);
    }
    return result;
}

static bool find_docid(Xapian::Database &db, const char *idterm, Xapian::docid &id)
{
    Xapian::PostingIterator p = db.postlist_begin(idterm);
    if (p == db.postlist_end(idterm))
        return false;
    id = *p;
    return true;
}

/*
 * The spelling correction of what the user typed (not of its German
 * rewrite): words the archive has stay, capitals are restored.
 */
static std::string german_correction(wa_db *db, const std::string &orig, Xapian::QueryParser *qp)
{
    std::string c;
    try {
        if (qp) {
            c = qp->get_corrected_query_string();
        } else {
            Xapian::QueryParser sp;
            setup_parser(sp, db, true, false);
            sp.parse_query(orig, parse_flags(true));
            c = sp.get_corrected_query_string();
        }
    } catch (const Xapian::Error &) {
        return std::string();
    }
    if (c.empty())
        return c;
    struct wa_buf b;
    wa_buf_init(&b, 0);
    auto exists = [](void *ctx, const char *w, size_t n) -> int {
        try {
            return static_cast<wa_db *>(ctx)->db.term_exists(std::string(w, n)) ? 1 : 0;
        } catch (...) {
            return 0;
        }
    };
    std::string r;
    if (wa_german_fix_correction(orig.c_str(), c.c_str(), exists, db, &b) == WA_OK)
        r.assign(b.p, b.len);
    wa_buf_release(&b);
    return r;
}

static Xapian::Query user_query(wa_db *db, const struct wa_search_opts *o, bool any,
                                std::string *corrected, std::vector<std::string> *stopped = nullptr)
{
    const std::string orig = o->query ? o->query : "";
    std::string qs = orig;
    if (qs.find_first_not_of(" \t\r\n") == std::string::npos)
        return Xapian::Query::MatchAll;
    {
        /* German query syntax, gender forms, compounds (lib/wa_german.c) */
        struct wa_buf g;
        wa_buf_init(&g, 0);
        if (wa_german_query(qs.data(), qs.size(), &g) == WA_OK)
            qs.assign(g.p, g.len);
        wa_buf_release(&g);
    }
    Xapian::QueryParser qp;
    setup_parser(qp, db, true, o->compounds != 0);
    if (any)
        qp.set_default_op(Xapian::Query::OP_OR);
    Xapian::Query q = qp.parse_query(qs, parse_flags(corrected && o->spelling));
    if (stopped)
        for (Xapian::TermIterator t = qp.stoplist_begin(); t != qp.stoplist_end(); ++t)
            if (std::find(stopped->begin(), stopped->end(), *t) == stopped->end())
                stopped->push_back(*t);
    if (corrected && o->spelling)
        *corrected = german_correction(db, orig, qs == orig ? &qp : nullptr);
    if (o->exact_boost) {
        /* Unstemmed parse: adds weight for the exact word forms only. */
        try {
            Xapian::QueryParser ep;
            setup_parser(ep, db, false, false);
            ep.set_default_op(Xapian::Query::OP_OR);
            Xapian::Query e = ep.parse_query(qs, Xapian::QueryParser::FLAG_DEFAULT |
                                                     Xapian::QueryParser::FLAG_WILDCARD);
            /* Muenchen also boosts the exact form München, at half weight */
            struct wa_buf u;
            wa_buf_init(&u, 0);
            if (wa_german_umlaut_variant(qs.data(), qs.size(), &u) == WA_OK && u.len) {
                Xapian::Query ue =
                    ep.parse_query(std::string(u.p, u.len), Xapian::QueryParser::FLAG_DEFAULT);
                if (!ue.empty())
                    e = Xapian::Query(Xapian::Query::OP_OR, e,
                                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, ue, 0.5));
            }
            wa_buf_release(&u);
            if (!e.empty())
                q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, e);
        } catch (const Xapian::Error &) {
            /* the stemmed parse succeeded; skipping the boost is harmless */
        }
    }
    return q;
}

static wa_status run_search(wa_db *db, const struct wa_search_opts *o, wa_mset *m)
{
    Xapian::Enquire enq(db->db);
    Xapian::Query filt = filter_query(o);
    Xapian::Query q;
    std::string corrected;

    if (o->similar) {
        Xapian::docid id;
        if (!find_docid(db->db, o->similar, id)) {
            db->err.set("no document \'", o->similar + 1, "\'");
            return WA_ERR_NOT_FOUND;
        }
        Xapian::RSet rs;
        rs.add_document(id);
        Xapian::Enquire e2(db->db);
        e2.set_query(Xapian::Query(o->similar));
        WordDecider dec;
        Xapian::ESet es = e2.get_eset(40, rs, &dec);
        std::vector<Xapian::Query> terms;
        for (Xapian::ESetIterator t = es.begin(); t != es.end(); ++t)
            terms.push_back(Xapian::Query(*t));
        q = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
        q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(o->similar));
        if (o->query && *o->query) {
            field_error.clear();
            Xapian::Query uq = user_query(db, o, false, nullptr);
            raise_field_error();
            q = Xapian::Query(Xapian::Query::OP_FILTER, q, uq);
        }
    } else {
        field_error.clear();
        q = user_query(db, o, false, nullptr, &m->stopped);
        raise_field_error();
    }
    if (!filt.empty())
        q = Xapian::Query(Xapian::Query::OP_FILTER, q, filt);

    std::vector<std::unique_ptr<MultiValueCountSpy>> spies;
    if (o->facets) {
        for (const struct wa_field *f = wa_schema_fields(); f->key; f++) {
            if (!(f->flags & WA_F_FACET) || f->slot < 0)
                continue;
            spies.emplace_back(new MultiValueCountSpy(f->slot, o->collapse != 0));
            enq.add_matchspy(spies.back().get());
        }
    }
    GroupCountSpy groups;
    if (o->collapse)
        enq.add_matchspy(&groups); /* counts hits after collapsing (see below) */
    if (o->collapse)
        enq.set_collapse_key(WA_SLOT_HASH);
    /* undated documents come last in either order */
    Xapian::MultiValueKeyMaker by_date;
    if (o->sort == WA_SORT_NEWEST)
        by_date.add_value(WA_SLOT_DATE, true, "");
    else if (o->sort == WA_SORT_OLDEST)
        by_date.add_value(WA_SLOT_DATE, false, "99999999");
    if (o->sort == WA_SORT_NEWEST || o->sort == WA_SORT_OLDEST)
        enq.set_sort_by_key_then_relevance(&by_date, false);
    enq.set_docid_order(Xapian::Enquire::ASCENDING);

    /* Facets count every match. Otherwise look at up to EXACT_UP_TO matches,
     * so that the total is exact for all but very broad queries. */
    Xapian::doccount check = o->facets
                                 ? db->db.get_doccount()
                                 : std::max<Xapian::doccount>(EXACT_UP_TO, o->offset + o->limit);
    enq.set_query(q);
    /* a page of 0 would only be estimated: ask for one result to get exact counts */
    Xapian::doccount page = o->limit ? o->limit : (check ? 1 : 0);
    m->mset = enq.get_mset(o->offset, page, check);

    /* no match at all, not just none on this page: later pages relax as the first does */
    bool none = m->mset.get_matches_upper_bound() == 0 || (m->mset.empty() && o->offset == 0);
    if (none && o->relax && !o->similar && o->query) {
        /* No document has all the words: rank documents by any of them. */
        Xapian::Query any = user_query(db, o, true, nullptr);
        if (!filt.empty())
            any = Xapian::Query(Xapian::Query::OP_FILTER, any, filt);
        if (any.get_num_subqueries() > 0 || !any.empty()) {
            for (auto &s : spies) {
                s->counts.clear();
                s->seen.clear();
            }
            groups.clear();
            enq.set_query(any);
            Xapian::MSet r = enq.get_mset(o->offset, page, check);
            if (!r.empty()) {
                m->mset = r;
                m->relaxed = true;
            }
        }
    }

    m->total = o->facets ? m->mset.get_matches_lower_bound() : m->mset.get_matches_estimated();
    if (o->facets && m->mset.get_matches_lower_bound() < m->mset.get_matches_upper_bound())
        m->total = m->mset.get_matches_estimated();
    /* Fewer matches than were to be checked: the match ran to the end, so
     * every match was seen (also by the spies) and the lower bound is the count. */
    bool all_seen = m->mset.get_uncollapsed_matches_lower_bound() < check;
    m->exact = m->mset.get_matches_lower_bound() == m->mset.get_matches_upper_bound();
    if (all_seen && !o->collapse) {
        m->total = m->mset.get_matches_lower_bound();
        m->exact = true;
    } else if (all_seen || (o->collapse && o->facets)) {
        /* the distinct texts among all matches */
        m->total = groups.keys.size() + groups.unkeyed;
        m->exact = true;
    }
    m->data.clear();
    for (Xapian::MSetIterator it = m->mset.begin();
         it != m->mset.end() && m->data.size() < o->limit; ++it)
        m->data.push_back(it.get_document().get_data());
    m->facets.clear();
    for (auto &s : spies) {
        wa_facet f;
        f.slot = s->slot;
        for (auto &kv : s->counts)
            f.values.emplace_back(kv.first, kv.second);
        std::stable_sort(
            f.values.begin(), f.values.end(),
            [](const std::pair<std::string, unsigned long> &a,
               const std::pair<std::string, unsigned long> &b) { return a.second > b.second; });
        m->facets.push_back(std::move(f));
    }
    if (o->spelling && !o->similar && m->total < FEW_HITS) {
        /* Spelling correction is costly: only where there are few hits. */
        struct wa_search_opts os = *o;
        os.exact_boost = 0;
        user_query(db, &os, false, &corrected);
    }
    if (!corrected.empty() && m->total < FEW_HITS) {
        /* Offer the correction only if it finds more than the query did. */
        struct wa_search_opts o2 = *o;
        o2.query = corrected.c_str();
        o2.spelling = 0;
        o2.relax = 0;
        o2.facets = 0;
        Xapian::Enquire e2(db->db);
        Xapian::Query q2 = user_query(db, &o2, false, nullptr);
        if (!filt.empty())
            q2 = Xapian::Query(Xapian::Query::OP_FILTER, q2, filt);
        e2.set_query(q2);
        Xapian::MSet r2 = e2.get_mset(0, 0, FEW_HITS);
        if (r2.get_matches_estimated() > m->total) {
            m->suggestion = corrected;
            m->has_suggestion = true;
        }
    }
    m->enq.reset(new Xapian::Enquire(enq));
    m->db = db->db;
    return WA_OK;
}

wa_status wa_db_search(wa_db *db, const struct wa_search_opts *o, wa_mset **out)
{
    *out = nullptr;
    wa_mset *m = new (std::nothrow) wa_mset;
    if (!m) {
        std::memcpy(db->err.msg, "out of memory", sizeof "out of memory");
        return WA_ERR_NOMEM;
    }
    m->stem = cached_stemmer();
    for (int attempt = 0;; attempt++) {
        try {
            wa_status st = run_search(db, o, m);
            if (st != WA_OK) {
                delete m;
                return st;
            }
            *out = m;
            return WA_OK;
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt == 0) {
                try {
                    db->db.reopen();
                    continue;
                } catch (...) {
                }
            }
            delete m;
            return classify(db->err);
        } catch (...) {
            delete m;
            return classify(db->err);
        }
    }
}

wa_status wa_db_spelling(wa_db *db, const char *query, struct wa_buf *out)
{
    WA_TRY(db->err, {
        Xapian::QueryParser qp;
        setup_parser(qp, db, true, false);
        qp.parse_query(query, parse_flags(true));
        std::string c = qp.get_corrected_query_string();
        return wa_buf_add(out, c.data(), c.size());
    });
}

void wa_mset_free(wa_mset *m)
{
    delete m;
}

size_t wa_mset_size(const wa_mset *m)
{
    return m->data.size();
}

unsigned long wa_mset_total(const wa_mset *m)
{
    return m->total;
}

int wa_mset_total_exact(const wa_mset *m)
{
    return m->exact ? 1 : 0;
}

size_t wa_mset_stopped_count(const wa_mset *m)
{
    return m->stopped.size();
}

const char *wa_mset_stopped(const wa_mset *m, size_t i)
{
    return i < m->stopped.size() ? m->stopped[i].c_str() : nullptr;
}

int wa_mset_relaxed(const wa_mset *m)
{
    return m->relaxed ? 1 : 0;
}

const char *wa_mset_suggestion(const wa_mset *m)
{
    return m->has_suggestion ? m->suggestion.c_str() : nullptr;
}

const char *wa_mset_data(const wa_mset *m, size_t i, size_t *len)
{
    if (i >= m->data.size())
        return nullptr;
    if (len)
        *len = m->data[i].size();
    return m->data[i].c_str();
}

double wa_mset_weight(const wa_mset *m, size_t i)
{
    try {
        return m->mset[static_cast<Xapian::doccount>(i)].get_weight();
    } catch (...) {
        return 0.0;
    }
}

unsigned long wa_mset_collapsed(const wa_mset *m, size_t i)
{
    try {
        return m->mset[static_cast<Xapian::doccount>(i)].get_collapse_count();
    } catch (...) {
        return 0;
    }
}

wa_status wa_mset_query_terms(wa_mset *m, struct wa_buf *out)
{
    errbuf err;
    WA_TRY(err, {
        if (!m->enq)
            return WA_ERR_INVALID;
        Xapian::Query q = m->enq->get_query();
        for (Xapian::TermIterator t = q.get_unique_terms_begin(); t != q.get_terms_end(); ++t) {
            const std::string term = *t;
            wa_status st = WA_OK;
            if (out->len)
                st = wa_buf_addch(out, ' ');
            if (st == WA_OK)
                st = wa_buf_add(out, term.data(), term.size());
            if (st != WA_OK)
                return st;
        }
        return WA_OK;
    });
}

/* Byte offset of the first ASCII-case-insensitive occurrence of w in text, or len. */
static size_t find_folded(const char *text, size_t len, const std::string &w)
{
    if (w.empty() || w.size() > len)
        return len;
    unsigned char c0 = static_cast<unsigned char>(w[0]);
    for (size_t i = 0; i + w.size() <= len; i++) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c != c0 && !(c >= 'A' && c <= 'Z' && c + 32 == c0))
            continue;
        size_t k = 1;
        while (k < w.size()) {
            unsigned char a = static_cast<unsigned char>(text[i + k]);
            if (a >= 'A' && a <= 'Z')
                a = static_cast<unsigned char>(a + 32);
            if (a != static_cast<unsigned char>(w[k]))
                break;
            k++;
        }
        if (k == w.size())
            return i;
    }
    return len;
}

/*
 * Long texts: hand MSet::snippet() only a window around the first place a
 * query word (or its stem) occurs, so that snippet cost does not grow with
 * the document. Short texts are passed whole.
 */
static void snippet_window(wa_mset *m, const char *text, size_t len, size_t *off, size_t *n)
{
    const size_t WINDOW = 1280, BEFORE = 320;
    *off = 0;
    *n = len;
    if (len <= WINDOW || !m->enq)
        return;
    if (!m->have_words) {
        m->have_words = true;
        Xapian::Query q = m->enq->get_query();
        for (Xapian::TermIterator t = q.get_terms_begin(); t != q.get_terms_end(); ++t) {
            std::string w = *t;
            size_t k = 0;
            while (k < w.size() && w[k] >= 'A' && w[k] <= 'Z')
                k++; /* strip prefixes such as Z, ZXC, S */
            if (w.size() - k >= 3)
                m->words.push_back(w.substr(k));
        }
    }
    size_t first = len;
    for (const std::string &w : m->words)
        first = std::min(first, find_folded(text, first, w));
    if (first == len)
        first = 0;
    size_t start = first > BEFORE ? first - BEFORE : 0;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
        start--;
    size_t end = std::min(len, start + WINDOW);
    while (end < len && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        end++;
    *off = start;
    *n = end - start;
}

wa_status wa_mset_snippet(wa_mset *m, const char *text, size_t len, size_t maxlen,
                          const char *hl_start, const char *hl_end, int html, struct wa_buf *out)
{
    errbuf err;
    if (!hl_start || !hl_end || !*hl_start || !*hl_end)
        return WA_ERR_INVALID;
    WA_TRY(err, {
        /* not SNIPPET_EXHAUSTIVE: stopping at a good passage keeps long texts cheap */
        unsigned flags = Xapian::MSet::SNIPPET_BACKGROUND_MODEL;
        size_t off = 0, n = len;
        snippet_window(m, text, len, &off, &n);
        std::string s = m->mset.snippet(std::string(text + off, n), maxlen, m->stem, flags,
                                        hl_start, hl_end, "…");
        if (!html) {
            /* MSet::snippet always escapes for HTML; undo that for plain text. */
            std::string r;
            r.reserve(s.size());
            for (size_t k = 0; k < s.size(); k++) {
                if (s[k] == '&') {
                    static const char *const ents[][2] = {{"&amp;", "&"},
                                                          {"&lt;", "<"},
                                                          {"&gt;", ">"},
                                                          {"&quot;", "\""},
                                                          {"&#39;", "'"}};
                    bool done = false;
                    for (auto &e : ents) {
                        size_t elen = std::strlen(e[0]);
                        if (s.compare(k, elen, e[0]) == 0) {
                            r += e[1];
                            k += elen - 1;
                            done = true;
                            break;
                        }
                    }
                    if (!done)
                        r += '&';
                } else {
                    r += s[k];
                }
            }
            s.swap(r);
        }
        return wa_buf_add(out, s.data(), s.size());
    });
}

wa_status wa_mset_duplicates(wa_mset *m, size_t i, wa_each_cb cb, void *ctx)
{
    errbuf err;
    WA_TRY(err, {
        if (!m->enq || i >= m->data.size())
            return WA_ERR_INVALID;
        Xapian::MSetIterator it = m->mset[static_cast<Xapian::doccount>(i)];
        const std::string key = it.get_collapse_key();
        if (key.empty() || it.get_collapse_count() == 0)
            return WA_OK; /* nothing was collapsed into this hit */
        /* The collapsed documents are those that match the same query and
         * share the collapse key; list them in docid order. */
        Xapian::Enquire e(m->db);
        e.set_query(
            Xapian::Query(Xapian::Query::OP_FILTER, m->enq->get_query(),
                          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, WA_SLOT_HASH, key, key)));
        e.set_weighting_scheme(Xapian::BoolWeight());
        e.set_docid_order(Xapian::Enquire::ASCENDING);
        Xapian::MSet all = e.get_mset(0, m->db.get_doccount());
        for (Xapian::MSetIterator d = all.begin(); d != all.end(); ++d) {
            if (*d == *it)
                continue;
            const std::string data = d.get_document().get_data();
            if (cb(data.data(), data.size(), ctx))
                break;
        }
        return WA_OK;
    })
}

size_t wa_mset_facet_size(const wa_mset *m, unsigned slot)
{
    for (const wa_facet &f : m->facets)
        if (f.slot == slot)
            return f.values.size();
    return 0;
}

const char *wa_mset_facet(const wa_mset *m, unsigned slot, size_t j, unsigned long *count)
{
    for (const wa_facet &f : m->facets) {
        if (f.slot == slot && j < f.values.size()) {
            if (count)
                *count = f.values[j].second;
            return f.values[j].first.c_str();
        }
    }
    return nullptr;
}

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
    wa_status st = WA_OK;
    if (!w)
        return WA_OK;
    try {
        w->db.commit();
        w->db.close();
    } catch (...) {
        st = classify(w->err);
    }
    delete w;
    return st;
}

const char *wa_wdb_errmsg(const wa_wdb *w)
{
    return w ? w->err.msg : "out of memory";
}

wa_status wa_wdb_replace(wa_wdb *w, const char *idterm, wa_doc *doc)
{
    WA_TRY(w->err, {
        doc->doc.add_boolean_term(idterm);
        w->db.replace_document(idterm, doc->doc);
        if (doc->spelling) {
            for (Xapian::TermIterator t = doc->doc.termlist_begin(); t != doc->doc.termlist_end();
                 ++t) {
                const std::string term = *t;
                unsigned char c = static_cast<unsigned char>(term[0]);
                /* words only: no prefixed terms, no numbers */
                if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || term.size() > 64)
                    continue;
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
            w->err.set("no document \'", idterm + 1, "\'");
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
            w->err.set("no document \'", idterm + 1, "\'");
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
        if (!find_docid(w->db, term, id))
            return WA_ERR_NOT_FOUND;
        Xapian::TermIterator t = w->db.termlist_begin(id);
        t.skip_to(WA_PREFIX_ID);
        if (t == w->db.termlist_end(id) || (*t).compare(0, 1, WA_PREFIX_ID) != 0)
            return WA_ERR_NOT_FOUND;
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
        if (len == 0 || len > 245) {
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
        if (len == 0 || len > 245) {
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

/* ---- stemming ----------------------------------------------------------- */

wa_status wa_stem(const char *word, size_t len, struct wa_buf *out)
{
    errbuf err;
    WA_TRY(err, {
        std::string s = cached_stemmer()(std::string(word, len));
        return wa_buf_add(out, s.data(), s.size());
    });
}

} /* extern "C" */
