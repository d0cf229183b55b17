/* Deleting documents by source path, and forgetting the failures of vanished files. */
#ifndef WA_PURGE_H
#define WA_PURGE_H

#include <stddef.h>

#include "wa_archive.h"

struct indexer;

/*
 * Delete every document of side's database whose source path matches: equal
 * to path, or below it when dir is set; with keep (sorted by
 * indexer_cmp_str), paths in keep are spared. The archive deletes it from
 * both databases; each deletion is counted in ix. Prints the error and returns
 * -1 on failure.
 */
int indexer_purge(struct indexer *ix, enum wa_side side, const char *path, int dir, char **keep,
                  size_t nkeep);

/* Forget remembered failures of files below root that no longer exist (not
 * in keep, sorted). Prints the error and returns -1 on failure. */
int indexer_forget_vanished_failures(struct indexer *ix, const char *root, char **keep,
                                     size_t nkeep);

/* qsort/bsearch comparison of two char * (strcmp order). */
int indexer_cmp_str(const void *a, const void *b);

#endif
