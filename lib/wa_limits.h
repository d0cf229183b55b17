/* The limits of a search request, for every front end (CLI and CGI) in one
 * place, and of one document when indexing. */
#ifndef WA_LIMITS_H
#define WA_LIMITS_H

/* Query text in bytes (UTF-8), checked before parsing: a 10,000-word query
 * takes seconds to run even on a tiny database. */
#define WA_MAX_QUERY_BYTES 1024
/* Words (runs of letters and digits) in one query. */
#define WA_MAX_QUERY_TERMS 32
/* Wildcard words ("verwalt*") in one query. */
#define WA_MAX_WILDCARDS 4
/* Terms one wildcard expands to (the most frequent ones are kept). */
#define WA_MAX_WILDCARD_EXPANSION 200
/* Largest window of NEAR/n, NAHE/n (words). */
#define WA_MAX_NEAR_WIDTH 50
/* Filters (field=value pairs) in one request. */
#define WA_MAX_FILTERS 16
/* A document id in bytes (a path relative to the archive). */
#define WA_MAX_ID_BYTES 1024

/* Page size and offset on the command line ... */
#define WA_CLI_MAX_LIMIT  10000
#define WA_CLI_MAX_OFFSET 1000000
#define WA_CLI_MAX_PAGE   100000
/* ... and on the web page (Omega clips its page size to 10..1000 and never
 * caps its offset; ours are clamped, a larger value is an error). */
#define WA_WEB_MAX_LIMIT  100
#define WA_WEB_MAX_OFFSET 1000
#define WA_WEB_MAX_PAGE   1000

/* Characters of an offending input quoted in an error message. */
#define WA_ERR_QUOTE_CHARS 40

/* Searches one request makes while commits keep discarding the revision it
 * reads (each search also reopens and retries once inside). */
#define WA_READ_ATTEMPTS 5

/* CPU seconds one CGI request may use (RLIMIT_CPU), and its wall-clock alarm. */
#define WA_CGI_CPU_SECONDS  10
#define WA_CGI_WALL_SECONDS 20

/* Text of one document that is indexed (bytes; the rest is cut at a word
 * boundary and the indexer reports it), and its distinct terms (the text is
 * indexed in blocks; indexing stops after the block that passes the cap).
 * Together they bound the memory one document takes in a worker. */
#define WA_MAX_INDEX_TEXT ((size_t)16 << 20)
#define WA_MAX_DOC_TERMS  500000
/* The block the text is indexed in between checks of the term count. */
#define WA_INDEX_TEXT_BLOCK ((size_t)256 << 10)

#endif
