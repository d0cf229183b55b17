/* Removing documents: planned first, recorded in the audit log, then deleted. */
#ifndef WA_REMOVAL_H
#define WA_REMOVAL_H

#include <stddef.h>

#include "known.h"

struct indexer;

/* One document a command is about to remove (all strings owned). */
struct removal {
    char *idterm;
    char *id;         /* document id ("" if only its hash is known) */
    char *path;       /* absolute source path, or "" */
    char *title;      /* "" if it has none */
    char *visibility; /* "öffentlich" or "intern" */
    int withdrawn;    /* in the withdrawn database */
};

/* The documents a command removes, in the order they were planned. */
struct removal_plan {
    struct removal *v;
    size_t n, cap;
    struct wa_known docs; /* the databases' documents (removal_plan_load) */
    int loaded;
    /* set before planning: withdrawn documents are planned too (remove);
     * sync leaves them, as the office keeps them on purpose */
    int withdrawn_too;
};

/* An empty plan. Cannot fail. */
void removal_plan_init(struct removal_plan *p);
/* Free the plan's contents. Accepts a released plan. */
void removal_plan_release(struct removal_plan *p);

/* Read ids and source paths of the public and internal databases of the open
 * archive, and of the withdrawn one with withdrawn_too (once per plan).
 * Prints the error and returns -1 on failure. */
int removal_plan_load(struct indexer *ix, struct removal_plan *p);

/*
 * Plan the removal of the documents whose source path is path, or lies below
 * it when dir is set, except the paths in keep (sorted, indexer_cmp_str) and
 * those below a folder in spare (paths without a trailing '/'): the walk
 * could not read those folders. A document planned before is not added
 * twice (removal_plan_count). Loads the plan first if needed. *added (may be NULL) receives the
 * number of documents added. Prints the error and returns -1 on failure.
 */
int removal_plan_paths(struct indexer *ix, struct removal_plan *p, const char *path, int dir,
                       char **keep, size_t nkeep, char **spare, size_t nspare, size_t *added);

/* Plan the removal of the document idterm if a database holds it; *added
 * (may be NULL) receives 1 if so. Prints the error and returns -1 on failure. */
int removal_plan_idterm(struct indexer *ix, struct removal_plan *p, const char *idterm,
                        size_t *added);

/*
 * Carry the plan out: first one line per document in the audit log (action
 * "remove", with reason), written and synced before anything is deleted,
 * then delete each document from the archive (counted in ix->removed).
 * Nothing is deleted when the log cannot be written. Prints the error and
 * returns -1 on failure.
 */
int removal_plan_apply(struct indexer *ix, struct removal_plan *p, const char *reason);

/*
 * A file that was indexed before now fails or asks not to be indexed: remove
 * its earlier version idterm (if the public or internal database holds it)
 * the same way, logged with reason, but not counted as removed (the file is
 * counted as failed or skipped). Prints the error and returns -1 on failure.
 */
int removal_of_stale(struct indexer *ix, const char *idterm, const char *reason);

/* The number of documents planned (each counted once: the plan is sorted by
 * path and documents planned twice are dropped). Cannot fail. */
size_t removal_plan_count(struct removal_plan *p);

/* A dry run: list the plan's documents as changes of the summary (indexer_note). */
void removal_plan_note(struct indexer *ix, struct removal_plan *p);

#endif
