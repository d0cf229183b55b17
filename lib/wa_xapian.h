/* The C API over libxapian: databases, documents, queries and results. */
#ifndef WA_XAPIAN_H
#define WA_XAPIAN_H

#include <stddef.h>

#include "wa_buf.h"
#include "wa_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Opaque handles. Each keeps the message of its last error, readable with
 * its _errmsg function until the next call on the same handle: every call
 * that fails on a handle leaves its message there. No C++ type or exception
 * ever crosses this interface. Databases are closed (a status, the message
 * still readable) apart from being destroyed (freed), as notmuch does.
 */
typedef struct wa_db wa_db;     /* one or several databases opened for reading */
typedef struct wa_wdb wa_wdb;   /* one database opened for writing */
typedef struct wa_doc wa_doc;   /* a document being built for a writer */
typedef struct wa_mset wa_mset; /* one page of search results */

struct wa_search_policy; /* wa_search_policy.h */

/* Versions of the libraries behind this API, e.g. "1.4.22". Cannot fail. */
const char *wa_xapian_version(void);

/* ---- reading --------------------------------------------------------- */

/*
 * Open the databases at paths[0..n) as one (a path may be a database
 * directory or a Xapian stub file naming local or remote databases).
 * On success and on most errors *out receives a handle (free it with
 * wa_db_destroy) whose wa_db_errmsg explains a failure; *out is NULL only
 * when out of memory.
 */
wa_status wa_db_open(wa_db **out, const char *const *paths, size_t n);
/*
 * Parse queries with the spelling data, synonyms and word list of the local
 * database at path (a database directory or stub file; call again to add
 * more) instead of those of the databases searched. For remote shards,
 * which serve none of these: path is a local copy of the shards (for
 * example kept by xapian-replicate), for a public search of the public
 * shards only, so that no internal word is ever suggested.
 */
wa_status wa_db_add_dictionary(wa_db *db, const char *path);
/* Close the databases (and remote connections); the handle stays valid for
 * wa_db_errmsg and wa_db_destroy, other calls then fail. Accepts NULL. */
wa_status wa_db_close(wa_db *db);
/* Close if still open and free; accepts NULL. */
void wa_db_destroy(wa_db *db);
/* Message of the last error on db; never NULL, valid until the next call on db. */
const char *wa_db_errmsg(const wa_db *db);
/* Number of documents in all databases. */
wa_status wa_db_doccount(wa_db *db, unsigned long *out);
/* Append the stored record of the document with unique term idterm to out;
 * WA_ERR_NOT_FOUND if there is none. */
wa_status wa_db_get_data(wa_db *db, const char *idterm, struct wa_buf *out);
/* Use words[0..n) as query-time stopwords (copied). */
wa_status wa_db_set_stopwords(wa_db *db, const char *const *words, size_t n);
/* Append the correction that the spelling data suggests for query to out
 * (empty if none). */
wa_status wa_db_spelling(wa_db *db, const char *query, struct wa_buf *out);

enum wa_sort { WA_SORT_RELEVANCE = 0, WA_SORT_NEWEST, WA_SORT_OLDEST };

/* A boolean filter: the exact value of a schema field (matched case- and
 * umlaut-insensitively). Filters of the same field OR, different ones AND. */
struct wa_filter {
    const char *field; /* schema key, German or English name */
    const char *value;
};

struct wa_search_opts {
    const char *query; /* user query in Werkarchiv syntax; NULL or "" matches all */
    unsigned offset;   /* first result (0-based) */
    unsigned limit;    /* page size */
    enum wa_sort sort;
    const struct wa_filter *filters; /* may be NULL */
    size_t nfilters;
    const char *date_from; /* "YYYYMMDD" inclusive, or NULL */
    const char *date_to;   /* "YYYYMMDD" inclusive, or NULL */
    int facets;            /* count facets over all matches */
    int collapse;          /* collapse documents with identical text */
    const char *similar;   /* idterm of a document: find documents like it */
    int spelling;          /* compute a spelling suggestion */
    int relax;             /* no hit with all words: retry with any word */
    int compounds;         /* also match compound parts (prefix XC) */
    int exact_boost;       /* rank exact word forms above stem matches */
    /* thresholds and weights of the search; NULL: wa_search_policy_default() */
    const struct wa_search_policy *policy;
};

/* Fill o with defaults (limit 10, relevance, relax/compounds/exact_boost on,
 * the default policy). */
void wa_search_opts_init(struct wa_search_opts *o);

/*
 * Run a search. On success *out is a result page to free with wa_mset_free.
 * WA_ERR_QUERY: the query is malformed (message in wa_db_errmsg); a
 * DatabaseModifiedError is retried once after reopening.
 */
wa_status wa_db_search(wa_db *db, const struct wa_search_opts *o, wa_mset **out);

/* Free a result page; accepts NULL. */
void wa_mset_free(wa_mset *m);
/* Message of the last failed call on m; never NULL, valid until the next call on m. */
const char *wa_mset_errmsg(const wa_mset *m);
/* Number of results on this page. */
size_t wa_mset_size(const wa_mset *m);
/* Estimated total number of matches (exact when facets were requested). */
unsigned long wa_mset_total(const wa_mset *m);
/* 1 if wa_mset_total is a count, 0 if it is Xapian's estimate. */
int wa_mset_total_exact(const wa_mset *m);
/* Words of the query left out as stopwords ("die", "der"): their number, and
 * word i (borrowed from m; NULL if out of range). */
size_t wa_mset_stopped_count(const wa_mset *m);
const char *wa_mset_stopped(const wa_mset *m, size_t i);
/* Whether the hits lack some of the query's words (opts.relax, long questions):
 * 0 no, 1 no hit has all words, 2 hits with all words come first, then others. */
int wa_mset_relaxed(const wa_mset *m);
/* The spelling suggestion for the query, or NULL. Borrowed from m. */
const char *wa_mset_suggestion(const wa_mset *m);
/* Record stored with result i (borrowed from m; *len receives its length). */
const char *wa_mset_data(const wa_mset *m, size_t i, size_t *len);
/* Relevance weight of result i. */
double wa_mset_weight(const wa_mset *m, size_t i);
/* Number of other documents collapsed into result i (a lower bound). */
unsigned long wa_mset_collapsed(const wa_mset *m, size_t i);
/* What a query word is (the index's term encoding stays inside the wrapper). */
enum wa_qword_kind {
    WA_QWORD_WORD = 0, /* an unstemmed word of the text */
    WA_QWORD_STEM,     /* the stem of a word of the text */
    WA_QWORD_PART,     /* the stem of a compound part */
    WA_QWORD_OTHER,    /* a field value, filter or other term (its text without prefix) */
    WA_QWORD_IDENT,    /* an identifier term (XID: "§34", "12-345/2021") */
    WA_QWORD_CONCEPT   /* a concept term (XK: "ki") */
};
struct wa_qword {
    enum wa_qword_kind kind;
    const char *p; /* lower case, not NUL-terminated */
    size_t len;
};
/*
 * The distinct terms of the query that was run, decoded into words: *words
 * receives an array of *n (borrowed from m, valid until wa_mset_free).
 */
wa_status wa_mset_query_words(wa_mset *m, const struct wa_qword **words, size_t *n);
/*
 * Append Xapian's best passage of text[0..len) for the query, at most maxlen
 * bytes, with matches between hl_start and hl_end (both non-empty, or
 * WA_ERR_INVALID), escaped for HTML as Xapian always escapes it. The text is
 * taken as given: choosing the window of a long text and undoing the
 * escaping for plain text is wa_search_snippet's job (wa_search_policy.h).
 */
wa_status wa_mset_snippet(wa_mset *m, const char *text, size_t len, size_t maxlen,
                          const char *hl_start, const char *hl_end, struct wa_buf *out);
/* Number of facet values counted for the value slot (0 if not counted). */
size_t wa_mset_facet_size(const wa_mset *m, unsigned slot);
/* Value j of the facet on slot, most frequent first; *count its count.
 * Borrowed from m; NULL if out of range. */
const char *wa_mset_facet(const wa_mset *m, unsigned slot, size_t j, unsigned long *count);

/* ---- writing --------------------------------------------------------- */

/*
 * Open (creating it if create is set) the database at path for writing.
 * path may also be a Xapian stub file naming shards: local databases
 * ("auto PATH", relative to the stub's folder), remote ones served by
 * "xapian-tcpsrv --writable" ("remote HOST:PORT") or "xapian-progsrv -w"
 * ("remote :PROGRAM ARGS"). Reading calls see all shards as one database;
 * wa_wdb_replace_in writes into one of them. A remote shard that does not
 * answer an operation within WA_WDB_REMOTE_TIMEOUT_MS is WA_ERR_TIMEOUT.
 * WA_ERR_LOCKED if another writer has it. *out as for wa_db_open (free it
 * with wa_wdb_destroy).
 */
wa_status wa_wdb_open(wa_wdb **out, const char *path, int create);
/* How long a remote writable shard may take for one operation (a commit
 * of a batch included), in milliseconds. */
#define WA_WDB_REMOTE_TIMEOUT_MS 120000
/* The number of shards of w (1 for a database; at least 1). Cannot fail. */
size_t wa_wdb_shards(const wa_wdb *w);
/*
 * Add or replace the document idterm in shard (< wa_wdb_shards(w)), after
 * deleting it from every other shard that holds it (where an earlier
 * layout put it). Spelling data goes to the same shard. doc keeps its
 * contents. On error the message is on w.
 */
wa_status wa_wdb_replace_in(wa_wdb *w, size_t shard, const char *idterm, wa_doc *doc);
/*
 * Commit pending changes and close, releasing the lock. Returns the commit's
 * status; on error wa_wdb_errmsg(w) says why. w stays valid for
 * wa_wdb_errmsg and wa_wdb_destroy; other calls then fail. Accepts NULL.
 */
wa_status wa_wdb_close(wa_wdb *w);
/* Close if still open (discarding an error: call wa_wdb_close first to see
 * it) and free; accepts NULL. */
void wa_wdb_destroy(wa_wdb *w);
/* Message of the last error on w; never NULL, valid until the next call on w. */
const char *wa_wdb_errmsg(const wa_wdb *w);
/* Add or replace the document whose unique term is idterm (doc keeps its contents). */
wa_status wa_wdb_replace(wa_wdb *w, const char *idterm, wa_doc *doc);
/*
 * The same under document number docid (> 0), which decides the order of
 * equally ranked hits: import keeps the numbers of the exported archive.
 * WA_ERR_INVALID if idterm is held by another document number or docid by
 * another document; the document idterm already at docid is replaced.
 */
wa_status wa_wdb_replace_at(wa_wdb *w, unsigned docid, const char *idterm, wa_doc *doc);
/* Delete the document with unique term idterm; not an error if absent. */
wa_status wa_wdb_delete(wa_wdb *w, const char *idterm);
/* Make all changes durable and visible. */
wa_status wa_wdb_commit(wa_wdb *w);
wa_status wa_wdb_doccount(wa_wdb *w, unsigned long *out);
/* Append value slot of the document with idterm to out; WA_ERR_NOT_FOUND if no such doc. */
wa_status wa_wdb_get_value(wa_wdb *w, const char *idterm, unsigned slot, struct wa_buf *out);
/* Append value slots[i] of the document with idterm to out[i], for i < n, with
 * one lookup; WA_ERR_NOT_FOUND if there is no such document. */
wa_status wa_wdb_get_values(wa_wdb *w, const char *idterm, const unsigned *slots, size_t n,
                            struct wa_buf *out);
/* Append the unique-id term (wa_schema_idterm) of the first document that has
 * term (for example its path term) to out; WA_ERR_NOT_FOUND if no document
 * has it. */
wa_status wa_wdb_find_idterm(wa_wdb *w, const char *term, struct wa_buf *out);
/* The document id inside the unique-id term idterm (borrowed from it), or
 * NULL when the id was too long for a term and was hashed: it cannot be
 * recovered from the term. Cannot fail. */
const char *wa_idterm_id(const char *idterm);
/* Append the stored record of the document with idterm; WA_ERR_NOT_FOUND if none. */
wa_status wa_wdb_get_data(wa_wdb *w, const char *idterm, struct wa_buf *out);
/* Callback of wa_wdb_each_values: term[0..len) and the n values (borrowed,
 * read-only, valid during the call). Return non-zero to stop. */
typedef int (*wa_values_cb)(const char *term, size_t len, const struct wa_buf *values, void *ctx);
/*
 * Call cb for every term starting with prefix (the unique ids: "Q") with the
 * values slots[0..n) of its document, reading the value streams in one
 * sequential pass: far cheaper than one lookup per document when most
 * documents are needed.
 */
wa_status wa_wdb_each_values(wa_wdb *w, const char *prefix, const unsigned *slots, size_t n,
                             wa_values_cb cb, void *ctx);
/* User metadata (empty value deletes the key). */
wa_status wa_wdb_set_metadata(wa_wdb *w, const char *key, const char *val, size_t len);
wa_status wa_wdb_get_metadata(wa_wdb *w, const char *key, struct wa_buf *out);

/* Callback for iterations: return non-zero to stop early. */
typedef int (*wa_each_cb)(const char *s, size_t len, void *ctx);
/*
 * Call cb with the stored record of every other document that was collapsed
 * into result i (same text, same query), in docid order; nothing if the
 * search did not collapse (opts.collapse) or result i has no text hash.
 */
wa_status wa_mset_duplicates(wa_mset *m, size_t i, wa_each_cb cb, void *ctx);
/* Call cb for every term starting with prefix, in sorted order. */
wa_status wa_wdb_each_term(wa_wdb *w, const char *prefix, wa_each_cb cb, void *ctx);
/* Call cb for every metadata key starting with prefix. */
wa_status wa_wdb_each_metadata_key(wa_wdb *w, const char *prefix, wa_each_cb cb, void *ctx);
/* Synonym table: key (lowercase word or space-joined words) → term. */
wa_status wa_wdb_add_synonym(wa_wdb *w, const char *key, const char *term);
wa_status wa_wdb_clear_synonyms(wa_wdb *w, const char *key);

/* ---- documents ------------------------------------------------------- */

/*
 * Start a new document. Words indexed with wa_doc_index_text also feed the
 * spelling data of spelling_db when it is not NULL.
 */
wa_status wa_doc_new(wa_doc **out, wa_wdb *spelling_db);
void wa_doc_free(wa_doc *doc);
const char *wa_doc_errmsg(const wa_doc *doc);
/*
 * Index free text: German stemming (german2), unstemmed terms with positions
 * and stemmed Z terms with positions, words up to 128 bytes. prefix may be
 * "" for the body. Positions continue across calls.
 */
wa_status wa_doc_index_text(wa_doc *doc, const char *text, size_t len, unsigned wdf_inc,
                            const char *prefix);
/* Leave a gap in term positions (so phrases do not span fields). */
void wa_doc_increase_termpos(wa_doc *doc, unsigned delta);
/* Number of distinct terms in doc so far. Cannot fail (0 if unknown). */
size_t wa_doc_term_count(const wa_doc *doc);
/* Current term position (the next word gets the one after it). */
unsigned wa_doc_termpos(const wa_doc *doc);
/* Add a term; wdf 0 makes a boolean term that does not affect ranking. */
wa_status wa_doc_add_term(wa_doc *doc, const char *term, size_t len, unsigned wdf);
/* Add a term at a position (for extra terms that phrases should see). */
wa_status wa_doc_add_posting(wa_doc *doc, const char *term, size_t len, unsigned pos);
wa_status wa_doc_set_value(wa_doc *doc, unsigned slot, const char *v, size_t len);
wa_status wa_doc_set_data(wa_doc *doc, const char *data, size_t len);
/*
 * Append the document in Xapian's serialised form (terms with positions,
 * values, data) to out, so that another process can write it.
 */
wa_status wa_doc_serialise(wa_doc *doc, struct wa_buf *out);
/*
 * A document from wa_doc_serialise's bytes, ready for wa_wdb_replace; with
 * spelling set, its words feed the spelling data of the database it is
 * written to. *out as for wa_doc_new (free it with wa_doc_free); on a
 * malformed input WA_ERR_FORMAT or another error with a message.
 */
wa_status wa_doc_unserialise(wa_doc **out, const char *p, size_t len, int spelling);

/* ---- stemming -------------------------------------------------------- */

/* Append the german2 stem of the lower-case word to out. Fails only when out
 * of memory or over out's cap, which the status says (there is no handle
 * to hold a message). */
wa_status wa_stem(const char *word, size_t len, struct wa_buf *out);

#ifdef __cplusplus
}
#endif
#endif
