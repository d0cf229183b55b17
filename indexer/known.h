/* What the archive already holds: id, mtime, size and indexing time of every document. */
#ifndef WA_KNOWN_H
#define WA_KNOWN_H

#include <stddef.h>

#include "wa_xapian.h"

struct wa_known_doc {
    char *idterm;
    char *path; /* absolute source path, or "" */
    long long mtime, size;
    long long indexed_at; /* when it was indexed (from the source-hash slot), or 0 */
};

/* A sorted table, read once per run instead of one lookup per file. */
struct wa_known {
    struct wa_known_doc *v;
    size_t n, cap;
    struct wa_known_doc **by_path; /* the same entries sorted by path */
};

/* Add the documents of w to k (call once per database, then wa_known_sort). */
wa_status wa_known_load(struct wa_known *k, wa_wdb *w);
/* Sort the table for the lookups. WA_ERR_NOMEM if the path index cannot be made. */
wa_status wa_known_sort(struct wa_known *k);
/* The entry for idterm, or NULL. Cannot fail. */
const struct wa_known_doc *wa_known_find(const struct wa_known *k, const char *idterm);
/* The entry whose source is path, or NULL. Cannot fail. */
const struct wa_known_doc *wa_known_find_path(const struct wa_known *k, const char *path);
void wa_known_release(struct wa_known *k);

#endif
