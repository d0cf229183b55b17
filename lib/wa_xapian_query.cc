/* The Xapian wrapper's queries: parsing Werkarchiv syntax, running a search as the policy says. */
#include <algorithm>
#include <cstring>
#include <map>
#include <new>
#include <set>

#include "wa_date.h"
#include "wa_german.h"
#include "wa_limits.h"
#include "wa_schema.h"
#include "wa_utf8.h"
#include "wa_xapian_private.h"

using namespace wa_xapian;

namespace
{

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
        throw Xapian::QueryParserError("'" + a + "' ist kein Datum");
    if (!b.empty() && !parse_bound(b, true, hi))
        throw Xapian::QueryParserError("'" + b + "' ist kein Datum");
    if (lo.empty() && hi.empty())
        throw Xapian::QueryParserError("der Zeitraum ist leer");
    if (lo.empty())
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, WA_SLOT_DATE, hi);
    if (hi.empty())
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, WA_SLOT_DATE, lo);
    if (lo > hi)
        throw Xapian::QueryParserError("der Zeitraum endet, bevor er beginnt");
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, WA_SLOT_DATE, lo, hi);
}

/*
 * The first error of a field processor during a parse. An exception thrown
 * from a FieldProcessor leaks the parser's current term inside Xapian 1.4, so
 * the processor records the error and run_search raises it after parsing.
 */
thread_local std::string field_error;

/* datum:12.3.2021, datum:2021, jahr:2020 — a single date covers its whole day/month/year. */
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
 * The counting of one match, from Xapian's built-in ValueCountMatchSpy only:
 * the stock xapian-tcpsrv runs it on every remote shard and the counts are
 * merged, while a spy of our own cannot be serialised to a remote server.
 * A spy sees the matches before collapsing; collapse_facets() corrects the
 * counts afterwards.
 */
struct counters {
    std::vector<Xapian::valueno> slots;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> facets;
    std::unique_ptr<Xapian::ValueCountMatchSpy> hashes; /* texts, when collapsing */

    /* Fresh spies for o on enq (replacing earlier ones). */
    void attach(Xapian::Enquire &enq, const struct wa_search_opts *o)
    {
        enq.clear_matchspies();
        slots.clear();
        facets.clear();
        hashes.reset();
        if (o->facets) {
            for (const struct wa_field *f = wa_schema_fields(); f->key; f++) {
                if (!(f->flags & WA_F_FACET) || f->slot < 0)
                    continue;
                slots.push_back(static_cast<Xapian::valueno>(f->slot));
                facets.emplace_back(new Xapian::ValueCountMatchSpy(slots.back()));
                enq.add_matchspy(facets.back().get());
            }
        }
        if (o->collapse) {
            hashes.reset(new Xapian::ValueCountMatchSpy(WA_SLOT_HASH));
            enq.add_matchspy(hashes.get());
        }
    }

    /* The hits left after collapsing: one per distinct text, one per document without. */
    Xapian::doccount groups() const
    {
        Xapian::doccount keyed = 0, distinct = 0;
        for (Xapian::TermIterator v = hashes->values_begin(); v != hashes->values_end(); ++v) {
            keyed += v.get_termfreq();
            distinct++;
        }
        return distinct + (hashes->get_total() - keyed);
    }
};

/* Add count to each of the values joined by WA_VALUE_SEP in v. */
void count_values(std::map<std::string, long> &counts, const std::string &v, long count)
{
    size_t start = 0;
    while (start < v.size()) {
        size_t sep = v.find(WA_VALUE_SEP, start);
        if (sep == std::string::npos)
            sep = v.size();
        if (sep > start)
            counts[v.substr(start, sep - start)] += count;
        start = sep + 1;
    }
}

/*
 * With collapsing, a value counts once per group of documents with the same
 * text, so that each count is the number of hits a filter on that value
 * would give. The spies counted documents: for every text that several
 * matches share, read those matches' values and take back the extra counts.
 */
void collapse_facets(Xapian::Database &db, const Xapian::Query &q, const counters &c,
                     std::vector<std::map<std::string, long>> &counts)
{
    std::vector<Xapian::Query> shared;
    for (Xapian::TermIterator v = c.hashes->values_begin(); v != c.hashes->values_end(); ++v)
        if (v.get_termfreq() > 1)
            shared.push_back(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, WA_SLOT_HASH, *v, *v));
    if (shared.empty())
        return;
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q,
                              Xapian::Query(Xapian::Query::OP_OR, shared.begin(), shared.end())));
    e.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet all = e.get_mset(0, db.get_doccount());
    all.fetch(); /* one round trip per remote shard, not one per document */
    /* per facet: (text, value) → how often the matches count it */
    std::vector<std::map<std::pair<std::string, std::string>, long>> seen(c.slots.size());
    for (Xapian::MSetIterator d = all.begin(); d != all.end(); ++d) {
        Xapian::Document doc = d.get_document();
        const std::string key = doc.get_value(WA_SLOT_HASH);
        for (size_t i = 0; i < c.slots.size(); i++) {
            std::map<std::string, long> one;
            count_values(one, doc.get_value(c.slots[i]), 1);
            for (auto &kv : one)
                seen[i][std::make_pair(key, kv.first)] += kv.second;
        }
    }
    for (size_t i = 0; i < c.slots.size(); i++)
        for (auto &kv : seen[i])
            if (kv.second > 1)
                counts[i][kv.first.second] -= kv.second - 1;
}

/* For "more like this": the word terms the policy accepts. */
/* "More like this" takes content words: not stopwords, not people's names
 * (words of any author field) and not boilerplate (words in more than the
 * policy's share of all documents). */
class WordDecider : public Xapian::ExpandDecider
{
    const struct wa_search_policy *pol;
    wa_db *db;
    double max_docs;

  public:
    WordDecider(const struct wa_search_policy *p, wa_db *d) : pol(p), db(d)
    {
        max_docs = p->similar_max_share * static_cast<double>(d->db.get_doccount());
    }
    bool operator()(const std::string &t) const override
    {
        if (prefixed(t) || !wa_search_policy_similar_word(pol, t.data(), t.size()))
            return false;
        if (db->stopper && (*db->stopper)(t))
            return false;
        if (db->db.term_exists(author_prefix() + t))
            return false;
        return static_cast<double>(db->db.get_termfreq(t)) <= max_docs;
    }
    static const std::string &author_prefix()
    {
        static const std::string p = wa_schema_field("authors", 7)->text_prefix;
        return p;
    }
};

void setup_parser(Xapian::QueryParser &qp, wa_db *db, bool stemmed, bool compounds,
                  const char *text_prefix = "")
{
    /* the remote backend serves no spelling or synonym data: a local dictionary can */
    qp.set_database(db->has_dict ? db->dict : db->db);
    qp.set_default_op(Xapian::Query::OP_AND);
    if (stemmed) {
        qp.set_stemmer(cached_stemmer());
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    } else {
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    }
    if (db->stopper)
        qp.set_stopper(db->stopper.get());
    qp.set_max_expansion(WA_MAX_WILDCARD_EXPANSION, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                         Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
    qp.add_prefix("", text_prefix);
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

unsigned parse_flags(bool spelling)
{
    unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                     Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                     Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
    if (spelling)
        flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
    return flags;
}

Xapian::Query filter_query(const struct wa_search_opts *o)
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

/*
 * The spelling correction of what the user typed (not of its German
 * rewrite): words the archive has stay, capitals are restored.
 */
/* Does the archive have this lower-case word (wa_german_fix_correction's test)? */
int word_exists(void *ctx, const char *w, size_t n)
{
    try {
        return static_cast<wa_db *>(ctx)->db.term_exists(std::string(w, n)) ? 1 : 0;
    } catch (...) {
        return 0;
    }
}

std::string german_correction(wa_db *db, const std::string &orig, Xapian::QueryParser *qp)
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
    std::string r;
    if (wa_german_fix_correction(orig.c_str(), c.c_str(), word_exists, db, &b) == WA_OK)
        r.assign(b.p, b.len);
    wa_buf_release(&b);
    return r;
}

static bool is_stopword(wa_db *db, const std::string &w)
{
    if (!db->stopper)
        return false;
    std::string lw;
    struct wa_buf b;
    wa_buf_init(&b, 0);
    if (wa_utf8_lower(w.data(), w.size(), &b) == WA_OK)
        lw.assign(b.p, b.len);
    wa_buf_release(&b);
    return (*db->stopper)(lw);
}

/*
 * Other forms of w whose stem Snowball does not merge with w's: a plural in
 * -s after a vowel (Fotos, Menüs → Foto, Menü), a verb in -eln/-ern and its
 * stem (spiegeln ↔ spiegel, ändern ↔ änder).
 */
static std::vector<std::string> other_forms(const std::string &w)
{
    std::vector<std::string> out;
    size_t n = w.size();
    auto ends = [&](const char *e) {
        size_t k = std::strlen(e);
        return n >= k && w.compare(n - k, k, e) == 0;
    };
    if (n < 4)
        return out;
    if (w[n - 1] == 's' || w[n - 1] == 'S') {
        unsigned char v = static_cast<unsigned char>(w[n - 2]);
        bool vowel = std::strchr("aeiouyAEIOUY", v) != nullptr;
        if (n >= 3 && static_cast<unsigned char>(w[n - 3]) == 0xC3 &&
            (v == 0xA4 || v == 0xB6 || v == 0xBC))
            vowel = true; /* ä ö ü */
        if (vowel && !ends("es"))
            out.push_back(w.substr(0, n - 1));
    }
    if (ends("el") || ends("er"))
        out.push_back(w + "n");
    if (n >= 5 && (ends("eln") || ends("ern")))
        out.push_back(w.substr(0, n - 1));
    return out;
}

/*
 * The content words of a plain query (no operators, quotes, brackets or
 * fields), each parsed as the matching parse parses it, with the stems of
 * its other forms (other_forms) as alternatives; empty when the query is not
 * plain. *variants is set when any word has such a form.
 */
static std::vector<Xapian::Query> plain_words(wa_db *db, const std::string &qs, bool compounds,
                                              bool *variants = nullptr)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    std::vector<Xapian::Query> out;
    if (qs.find_first_of("\"():*+~") != std::string::npos)
        return out;
    size_t i = 0;
    while (i < qs.size()) {
        size_t j = qs.find_first_of(" \t\r\n", i);
        if (j == std::string::npos)
            j = qs.size();
        std::string w = qs.substr(i, j - i);
        i = j + 1;
        if (w.empty())
            continue;
        if (w[0] == '-')
            return std::vector<Xapian::Query>();
        for (const char *op : ops)
            if (w == op)
                return std::vector<Xapian::Query>();
        Xapian::QueryParser wp;
        setup_parser(wp, db, true, compounds);
        /* the word as the matching parse reads it: a compound also by its parts */
        std::string wq = w;
        if (compounds) {
            struct wa_buf g;
            wa_buf_init(&g, 0);
            if (wa_german_query(w.data(), w.size(), &g) == WA_OK)
                wq.assign(g.p, g.len);
            wa_buf_release(&g);
        }
        Xapian::Query q = wp.parse_query(wq, parse_flags(false));
        /* a word alone is kept even when it is a stopword: drop those here */
        if (q.empty() || wp.stoplist_begin() != wp.stoplist_end() || is_stopword(db, w))
            continue;
        if (variants && w.find('-') == std::string::npos) {
            std::string lw;
            struct wa_buf b;
            wa_buf_init(&b, 0);
            if (wa_utf8_lower(w.data(), w.size(), &b) == WA_OK)
                lw.assign(b.p, b.len);
            wa_buf_release(&b);
            const Xapian::Stem &stem = cached_stemmer();
            const std::string own = stem(lw);
            for (const std::string &f : other_forms(lw)) {
                const std::string st = stem(f);
                if (st == own || !db->db.term_exists("Z" + st))
                    continue;
                q = Xapian::Query(Xapian::Query::OP_OR, q, Xapian::Query("Z" + st));
                *variants = true;
            }
        }
        out.push_back(q);
    }
    return out;
}

/* Documents with at least k of words (k <= words.size()): an OR of every k-combination. */
static Xapian::Query at_least(const std::vector<Xapian::Query> &words, size_t k)
{
    std::vector<Xapian::Query> combos;
    std::vector<size_t> idx(k);
    for (size_t j = 0; j < k; j++)
        idx[j] = j;
    const size_t n = words.size();
    for (;;) {
        std::vector<Xapian::Query> c;
        for (size_t j : idx)
            c.push_back(words[j]);
        combos.push_back(Xapian::Query(Xapian::Query::OP_AND, c.begin(), c.end()));
        size_t j = k;
        while (j > 0 && idx[j - 1] == n - k + j - 1)
            j--;
        if (j == 0)
            break;
        idx[j - 1]++;
        for (size_t l = j; l < k; l++)
            idx[l] = idx[l - 1] + 1;
    }
    return Xapian::Query(Xapian::Query::OP_OR, combos.begin(), combos.end());
}

/* Long questions consider at most this many content words (the combinations grow fast). */
#define MAX_QUESTION_WORDS 12

/* The Xapian query for o->query: all words (any words with any), stems with
 * compound parts, exact forms and their umlaut variants added as the policy
 * weighs them. */
Xapian::Query user_query(wa_db *db, const struct wa_search_opts *o, bool any,
                         std::string *corrected, std::vector<std::string> *stopped = nullptr,
                         bool *long_question = nullptr)
{
    const struct wa_search_policy *pol = wa_search_policy_of(o);
    const std::string orig = o->query ? o->query : "";
    std::string qs = orig, whole = orig;
    if (qs.find_first_not_of(" \t\r\n") == std::string::npos)
        return Xapian::Query::MatchAll;
    {
        /* German query syntax, gender forms, compounds (lib/wa_german.c); the
         * ranking parses below see compounds whole, so that a compound found
         * only through its parts ranks below the whole word */
        struct wa_buf g;
        wa_buf_init(&g, 0);
        if (wa_german_query(qs.data(), qs.size(), &g) == WA_OK)
            qs.assign(g.p, g.len);
        wa_buf_reset(&g);
        if (wa_german_query_whole(orig.data(), orig.size(), &g) == WA_OK)
            whole.assign(g.p, g.len);
        else
            whole = qs;
        wa_buf_release(&g);
    }
    /* The correction keeps every word the archive has, so when it has them
     * all none can remain: skip Xapian's spelling suggestion, the costliest
     * part of a request with few hits. */
    bool spell = corrected && o->spelling && !wa_german_known_words(orig.c_str(), word_exists, db);
    Xapian::QueryParser qp;
    setup_parser(qp, db, true, o->compounds != 0);
    Xapian::Query q = qp.parse_query(qs, parse_flags(spell));
    /* Documents with every word: the query itself, unless fewer are required
     * (relaxed, or a long question); then they come first. */
    Xapian::Query all = q;
    bool fewer = any;
    if (any) {
        Xapian::QueryParser ap;
        setup_parser(ap, db, true, o->compounds != 0);
        ap.set_default_op(Xapian::Query::OP_OR);
        q = ap.parse_query(qs, parse_flags(false));
    } else {
        bool variants = false;
        std::vector<Xapian::Query> words = plain_words(db, whole, o->compounds != 0, &variants);
        size_t n = words.size();
        if (n > MAX_QUESTION_WORDS)
            n = MAX_QUESTION_WORDS;
        size_t k = wa_search_policy_required_words(pol, n);
        if (k < n) {
            words.resize(n);
            all = Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
            q = at_least(words, k);
            fewer = true;
        } else if (variants) {
            q = all = Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
        }
    }
    if (long_question)
        *long_question = fewer && !any;
    if (stopped)
        for (Xapian::TermIterator t = qp.stoplist_begin(); t != qp.stoplist_end(); ++t)
            if (std::find(stopped->begin(), stopped->end(), *t) == stopped->end())
                stopped->push_back(*t);
    if (spell)
        *corrected = german_correction(db, orig, qs == orig ? &qp : nullptr);
    if (o->compounds) {
        /* The parse above decides what matches; its compound parts weigh as the
         * policy says. BM25 over the stems of the whole words carries the score. */
        try {
            Xapian::QueryParser sp;
            setup_parser(sp, db, true, false);
            sp.set_default_op(Xapian::Query::OP_OR);
            Xapian::Query st = sp.parse_query(whole, parse_flags(false));
            if (!st.empty())
                q = Xapian::Query(
                    Xapian::Query::OP_AND_MAYBE,
                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, pol->compound_weight), st);
        } catch (const Xapian::Error &) {
            /* keep the matching parse: it weighs compound parts like words */
        }
    }
    if (pol->title_weight > 0) {
        /* query words in the title add a little (title stems, S prefix) */
        try {
            Xapian::QueryParser tp;
            setup_parser(tp, db, true, false, "S");
            tp.set_default_op(Xapian::Query::OP_OR);
            Xapian::Query t = tp.parse_query(whole, parse_flags(false));
            if (!t.empty())
                q = Xapian::Query(
                    Xapian::Query::OP_AND_MAYBE, q,
                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, t, pol->title_weight));
        } catch (const Xapian::Error &) {
        }
    }
    if (fewer && !all.empty())
        q = Xapian::Query(
            Xapian::Query::OP_AND_MAYBE, q,
            Xapian::Query(
                Xapian::Query::OP_FILTER,
                Xapian::Query(
                    (new Xapian::FixedWeightPostingSource(pol->all_words_boost))->release()),
                all));
    if (o->exact_boost) {
        /* Unstemmed parse: adds weight for the exact word forms only. */
        try {
            Xapian::QueryParser ep;
            setup_parser(ep, db, false, false);
            ep.set_default_op(Xapian::Query::OP_OR);
            Xapian::Query e = ep.parse_query(whole, Xapian::QueryParser::FLAG_DEFAULT |
                                                        Xapian::QueryParser::FLAG_WILDCARD);
            /* Muenchen also boosts the exact form München, as the policy weighs it */
            struct wa_buf u;
            wa_buf_init(&u, 0);
            if (wa_german_umlaut_variant(whole.data(), whole.size(), &u) == WA_OK && u.len) {
                Xapian::Query ue =
                    ep.parse_query(std::string(u.p, u.len), Xapian::QueryParser::FLAG_DEFAULT);
                if (!ue.empty())
                    e = Xapian::Query(
                        Xapian::Query::OP_OR, e,
                        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, ue, pol->umlaut_weight));
            }
            wa_buf_release(&u);
            if (!e.empty())
                q = Xapian::Query(
                    Xapian::Query::OP_AND_MAYBE, q,
                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, e, pol->exact_weight));
        } catch (const Xapian::Error &) {
            /* the stemmed parse succeeded; skipping the boost is harmless */
        }
    }
    return q;
}

/* "More like this": the document's best word terms, the document itself excluded. */
Xapian::Query similar_query(wa_db *db, const struct wa_search_opts *o, Xapian::docid id)
{
    const struct wa_search_policy *pol = wa_search_policy_of(o);
    Xapian::RSet rs;
    rs.add_document(id);
    Xapian::Enquire e2(db->db);
    e2.set_query(Xapian::Query(o->similar));
    WordDecider dec(pol, db);
    Xapian::ESet es = e2.get_eset(pol->similar_terms, rs, &dec);
    std::vector<Xapian::Query> terms;
    for (Xapian::ESetIterator t = es.begin(); t != es.end(); ++t)
        terms.push_back(Xapian::Query(*t));
    Xapian::Query q(Xapian::Query::OP_OR, terms.begin(), terms.end());
    return Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(o->similar));
}

/* 1 if a hit of the page lacks some of the words (its weight has no all-words boost). */
/* How a relaxed page relates to the words: 0 every hit has all of them, 1 none
 * has, 2 some do (they come first). Hits with all words carry the boost. */
static int partial_kind(const Xapian::MSet &r, const struct wa_search_policy *pol)
{
    bool some = false, partial = false;
    for (Xapian::MSetIterator i = r.begin(); i != r.end(); ++i) {
        if (i.get_weight() < pol->all_words_boost)
            partial = true;
        else
            some = true;
    }
    return partial ? (some ? 2 : 1) : 0;
}

/* Take the hits of r, at most limit in all, onto m's page. */
void take_hits(wa_mset *m, Xapian::MSet &r, unsigned limit)
{
    /* The documents of the page in one round trip per remote shard.
     * fetch(begin, end), not fetch(): in libxapian 1.4.22 MSet::fetch()
     * without arguments crashes on a page that does not start at 0 (local
     * and remote alike); the range form reads the same documents. */
    if (!r.empty())
        r.fetch(r.begin(), r.end());
    for (Xapian::MSetIterator it = r.begin(); it != r.end() && m->hits.size() < limit; ++it) {
        wa_hit_info h;
        h.id = *it;
        h.weight = it.get_weight();
        h.collapsed = it.get_collapse_count();
        h.collapse_key = it.get_collapse_key();
        m->hits.push_back(h);
        m->data.push_back(it.get_document().get_data());
    }
}

/*
 * Oldest first, undated documents last. A KeyMaker would do it in one
 * match, but the remote backend cannot run one: the dated matches sorted by
 * their date, then the undated ones by relevance, as two matches.
 */
void oldest_page(Xapian::Database &db, const Xapian::Query &q, const struct wa_search_opts *o,
                 wa_mset *m)
{
    const Xapian::Query dated(Xapian::Query::OP_VALUE_GE, WA_SLOT_DATE, "0");
    Xapian::Enquire enq(db);
    if (o->collapse)
        enq.set_collapse_key(WA_SLOT_HASH);
    enq.set_docid_order(Xapian::Enquire::ASCENDING);
    enq.set_sort_by_value_then_relevance(WA_SLOT_DATE, false);
    enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, dated));
    /* every dated match is counted: where the undated ones start must be exact */
    Xapian::MSet a = enq.get_mset(o->offset, o->limit, db.get_doccount());
    take_hits(m, a, o->limit);
    if (m->hits.size() >= o->limit)
        return;
    Xapian::doccount ndated = a.get_matches_lower_bound();
    enq.set_sort_by_relevance();
    enq.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, q, dated));
    Xapian::doccount skip = o->offset > ndated ? o->offset - ndated : 0;
    Xapian::MSet b = enq.get_mset(skip, o->limit - static_cast<unsigned>(m->hits.size()));
    take_hits(m, b, o->limit);
}

wa_status run_search(wa_db *db, const struct wa_search_opts *o, wa_mset *m)
{
    bool long_question = false;
    const struct wa_search_policy *pol = wa_search_policy_of(o);
    Xapian::Enquire enq(db->db);
    Xapian::Query filt = filter_query(o);
    Xapian::Query q;
    std::string corrected;

    if (o->similar) {
        Xapian::docid id;
        if (!find_docid(db->db, o->similar, id)) {
            db->err.set("no document '", o->similar + 1, "'");
            return WA_ERR_NOT_FOUND;
        }
        q = similar_query(db, o, id);
        if (o->query && *o->query) {
            field_error.clear();
            Xapian::Query uq = user_query(db, o, false, nullptr);
            raise_field_error();
            q = Xapian::Query(Xapian::Query::OP_FILTER, q, uq);
        }
    } else {
        field_error.clear();
        q = user_query(db, o, false, nullptr, &m->stopped, &long_question);
        raise_field_error();
    }
    if (!filt.empty())
        q = Xapian::Query(Xapian::Query::OP_FILTER, q, filt);

    counters spies;
    spies.attach(enq, o);
    if (o->collapse)
        enq.set_collapse_key(WA_SLOT_HASH);
    /* Undated documents come last in either order: an empty value sorts
     * lowest, last when newest come first; oldest_page does the other. */
    if (o->sort == WA_SORT_NEWEST)
        enq.set_sort_by_value_then_relevance(WA_SLOT_DATE, true);
    enq.set_docid_order(Xapian::Enquire::ASCENDING);

    /* Facets count every match. Otherwise look at up to exact_up_to matches,
     * so that the total is exact for all but very broad queries. */
    Xapian::doccount check =
        o->facets ? db->db.get_doccount()
                  : std::max<Xapian::doccount>(static_cast<Xapian::doccount>(pol->exact_up_to),
                                               o->offset + o->limit);
    enq.set_query(q);
    /* a page of 0 would only be estimated: ask for one result to get exact counts */
    Xapian::doccount page = o->limit ? o->limit : (check ? 1 : 0);
    m->mset = enq.get_mset(o->offset, page, check);

    /* no match at all, not just none on this page: later pages relax as the first does */
    bool none = m->mset.get_matches_upper_bound() == 0 || (m->mset.empty() && o->offset == 0);
    if (long_question)
        m->relaxed = partial_kind(m->mset, pol);
    bool relaxed_any = false; /* hits with some of the words only */
    /* a long question with too few of its words relaxes as any other query */
    if (wa_search_policy_relax(pol, o, none)) {
        Xapian::Query any = user_query(db, o, true, nullptr);
        if (!filt.empty())
            any = Xapian::Query(Xapian::Query::OP_FILTER, any, filt);
        if (any.get_num_subqueries() > 0 || !any.empty()) {
            spies.attach(enq, o);
            enq.set_query(any);
            Xapian::MSet r = enq.get_mset(o->offset, page, check);
            if (!r.empty()) {
                m->mset = r;
                m->relaxed = 1;
                relaxed_any = true;
                q = any;
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
        m->total = spies.groups();
        m->exact = true;
    }
    m->hits.clear();
    m->data.clear();
    if (o->sort == WA_SORT_OLDEST && o->limit) {
        oldest_page(db->db, q, o, m);
    } else {
        take_hits(m, m->mset, o->limit);
    }
    m->facets.clear();
    std::vector<std::map<std::string, long>> counts(spies.slots.size());
    for (size_t i = 0; i < spies.slots.size(); i++)
        for (Xapian::TermIterator v = spies.facets[i]->values_begin();
             v != spies.facets[i]->values_end(); ++v)
            count_values(counts[i], *v, static_cast<long>(v.get_termfreq()));
    if (o->collapse && o->facets)
        collapse_facets(db->db, q, spies, counts);
    for (size_t i = 0; i < spies.slots.size(); i++) {
        wa_facet f;
        f.slot = spies.slots[i];
        for (auto &kv : counts[i])
            if (kv.second > 0)
                f.values.emplace_back(kv.first, static_cast<unsigned long>(kv.second));
        std::stable_sort(
            f.values.begin(), f.values.end(),
            [](const std::pair<std::string, unsigned long> &a,
               const std::pair<std::string, unsigned long> &b) { return a.second > b.second; });
        m->facets.push_back(std::move(f));
    }
    /* a correction is weighed against what had all the words: none, when relaxed */
    const unsigned long strict_total = relaxed_any ? 0 : m->total;
    if (wa_search_policy_wants_correction(pol, o, strict_total)) {
        struct wa_search_opts os = *o;
        os.exact_boost = 0;
        user_query(db, &os, false, &corrected);
    }
    if (!corrected.empty()) {
        /* count what the correction finds, up to the policy's threshold */
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
        Xapian::MSet r2 = e2.get_mset(0, 0, static_cast<Xapian::doccount>(pol->few_hits));
        if (wa_search_policy_offers_correction(pol, strict_total, r2.get_matches_estimated())) {
            m->suggestion = corrected;
            m->has_suggestion = true;
        }
    }
    enq.clear_matchspies(); /* they live on this stack frame */
    m->enq.reset(new Xapian::Enquire(enq));
    m->db = db->db;
    return WA_OK;
}

} // namespace

extern "C" {

void wa_search_opts_init(struct wa_search_opts *o)
{
    std::memset(o, 0, sizeof *o);
    o->limit = 10;
    o->sort = WA_SORT_RELEVANCE;
    o->relax = 1;
    o->compounds = 1;
    o->exact_boost = 1;
    o->policy = nullptr;
}

wa_status wa_db_search(wa_db *db, const struct wa_search_opts *o, wa_mset **out)
{
    *out = nullptr;
    wa_mset *m = new (std::nothrow) wa_mset;
    if (!m) {
        std::memcpy(db->err.msg, "out of memory", sizeof "out of memory");
        return WA_ERR_NOMEM;
    }
    for (int attempt = 0;; attempt++) {
        try {
            m->stem = cached_stemmer();
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

} /* extern "C" */
