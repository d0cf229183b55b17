/* What the parts of the Xapian wrapper share: handles, error sorting, the stemmer, term encoding.
 */
#ifndef WA_XAPIAN_PRIVATE_H
#define WA_XAPIAN_PRIVATE_H

#ifndef __cplusplus
#error "wa_xapian_private.h is C++: include it only from lib/wa_xapian*.cc"
#endif

#include <xapian.h>

#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "wa_search_policy.h"
#include "wa_xapian.h"

namespace wa_xapian
{

const char STEMMER[] = "german2";
const unsigned MAX_WORD_LENGTH = 128;
const size_t ERRMSG_SIZE = 512;
/* Xapian refuses terms longer than this many bytes. */
const size_t MAX_TERM = 245;

/* Where a handle keeps the text of its last error. Writing it cannot fail. */
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
 * Sort the exception in flight into a status and record its message in e;
 * must be called from a catch block. Derived classes are caught before their
 * bases. Never allocates on the bad_alloc path.
 */
wa_status classify(errbuf &e);

/* The German search fold of s (wa_utf8_fold), trimmed of blanks. */
std::string fold(const std::string &s);

/* The shared memoised german2 stemmer with the stem exceptions. */
Xapian::Stem cached_stemmer();

/* The first document with term, in id; false if none. */
bool find_docid(Xapian::Database &db, const char *term, Xapian::docid &id);

/* Append the stored record of the document with idterm to out; on
 * WA_ERR_NOT_FOUND the message goes to err. */
wa_status get_data_by_term(Xapian::Database &db, const char *idterm, struct wa_buf *out,
                           errbuf &err);

/* 1 if term carries a prefix (Xapian's convention: starts with A-Z). */
inline bool prefixed(const std::string &term)
{
    return !term.empty() && term[0] >= 'A' && term[0] <= 'Z';
}

/* Decode one query term into a query word (wa_mset_query_words). */
struct wa_qword decode_term(const std::string &term);

} // namespace wa_xapian

struct wa_facet {
    unsigned slot;
    std::vector<std::pair<std::string, unsigned long>> values;
};

struct wa_db {
    Xapian::Database db;
    Xapian::Database dict; /* spelling and synonyms, when not db (wa_db_add_dictionary) */
    bool has_dict = false;
    wa_xapian::errbuf err;
    std::unique_ptr<Xapian::SimpleStopper> stopper;
};

/* One hit of a result page. */
struct wa_hit_info {
    Xapian::docid id;
    double weight;
    Xapian::doccount collapsed; /* documents folded into this one (a lower bound) */
    std::string collapse_key;
};

struct wa_mset {
    Xapian::MSet mset; /* of the query that was run: its terms and statistics for snippets */
    Xapian::Stem stem;
    wa_xapian::errbuf err;
    std::vector<wa_hit_info> hits;
    std::vector<std::string> data;
    std::vector<wa_facet> facets;
    std::string suggestion;
    bool has_suggestion = false;
    int relaxed = 0; /* 1: no hit has all words; 2: those that have come first */
    unsigned long total = 0;
    bool exact = false; /* total counted, not estimated */
    std::unique_ptr<Xapian::Enquire> enq;
    std::vector<std::string> terms;     /* the query's distinct terms (wa_mset_query_words) */
    std::vector<struct wa_qword> words; /* the same decoded, pointing into terms */
    bool have_words = false;
    std::vector<std::string> stopped; /* stopwords left out of the query */
    Xapian::Database db;              /* for wa_mset_duplicates */
};

struct wa_wdb {
    Xapian::WritableDatabase db;                 /* all shards, for reading */
    std::vector<Xapian::WritableDatabase> shard; /* each shard of a stub file, for writing */
    wa_xapian::errbuf err;
    bool closed = false;
};

struct wa_doc {
    Xapian::Document doc;
    Xapian::TermGenerator tg;
    wa_xapian::errbuf err;
    bool spelling = false; /* feed the writer's spelling data on replace */
};

/* The body of every extern "C" function: no exception crosses into C. */
#define WA_TRY(handle_err, ...)                                                                    \
    try {                                                                                          \
        __VA_ARGS__                                                                                \
    } catch (...) {                                                                                \
        return wa_xapian::classify(handle_err);                                                    \
    }

#endif
