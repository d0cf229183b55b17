/* What a file needs before extraction: its id, the unchanged check, a refresh, remembered failures.
 */
#ifndef WA_CHANGE_H
#define WA_CHANGE_H

#include <stddef.h>

struct indexer;
struct wa_file;

/* Reason shown (and remembered) for a document that asks not to be indexed. */
#define NOINDEX_REASON "the document asks not to be indexed (robots noindex)"

/* The state of one file between the unchanged check and the write. */
struct file_state {
    long long size, mtime; /* mtime covers the sidecar too */
};

/*
 * Read what both databases hold in one pass when many files (nfiles) will
 * be checked; a few files in a large archive are looked up one by one
 * instead. Falls back to lookups on any error. Cannot fail.
 */
void indexer_load_known(struct indexer *ix, size_t nfiles);

/* A file the archive already holds under another id keeps that id (f->id is
 * replaced), so that adding any folder never makes a second copy. */
void indexer_adopt_id(struct indexer *ix, struct wa_file *f);

enum precheck { PRE_DONE, PRE_EXTRACT, PRE_FATAL };

/*
 * Everything that needs no extraction: the file type, unchanged files, a
 * changed mtime with the same content (the stored record is refreshed),
 * remembered failures. Fills *pf. PRE_DONE when the file is dealt with,
 * PRE_EXTRACT when a worker must extract it, PRE_FATAL on a fatal error
 * (printed).
 */
enum precheck indexer_precheck(struct indexer *ix, const struct wa_file *f, struct file_state *pf);

/* Remember a failed file, so that it is not tried again until it changes
 * (not fatal when that fails: the file is merely tried again). */
void indexer_remember_failure(struct indexer *ix, const char *idterm, const char *path,
                              const struct file_state *pf, const char *reason);

#endif
