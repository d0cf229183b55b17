/* Forgetting the failures of vanished files, and the path comparison of sync and remove. */
#ifndef WA_PURGE_H
#define WA_PURGE_H

#include <stddef.h>

struct indexer;

/* Forget remembered failures of files below root that no longer exist (not
 * in keep, sorted). Prints the error and returns -1 on failure. */
int indexer_forget_vanished_failures(struct indexer *ix, const char *root, char **keep,
                                     size_t nkeep);

/* qsort/bsearch comparison of two char * (strcmp order). */
int indexer_cmp_str(const void *a, const void *b);

#endif
