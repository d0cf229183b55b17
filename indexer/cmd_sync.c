/* werkarchiv-index sync: add, then remove the documents whose files have vanished. */
#include <limits.h>
#include <stdlib.h>

#include "command.h"
#include "indexer.h"
#include "purge.h"
#include "walk.h"

int cmd_sync(struct indexer *ix, int argc, char **argv)
{
    int i, rc, first;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first >= argc) {
        fprintf(stderr, "%s: sync needs at least one folder\ntry '%s sync --help'\n", PROG, PROG);
        return 2;
    }
    /* the operands are argv[1..argc) from here on (argv[0] is not used) */
    argv += first - 1;
    argc -= first - 1;
    /* index first; the summary of both steps is printed at the end */
    rc = indexer_add_paths(ix, argc, argv);
    if (rc == 2)
        return 2;
    if (rc == WA_EXIT_INTERRUPTED)
        return indexer_summary(ix); /* no purge after an incomplete walk */
    if (indexer_open(ix))
        return 2;
    for (i = 1; i < argc && rc != 2; i++) {
        struct wa_filelist files = {0};
        char root[PATH_MAX];
        char **keep;
        size_t k;
        if (!realpath(argv[i], root) || wa_walk(root, &files, NULL, NULL) != WA_OK) {
            wa_filelist_release(&files);
            continue;
        }
        keep = malloc((files.n + 1) * sizeof *keep);
        if (!keep) {
            wa_filelist_release(&files);
            rc = 2;
            break;
        }
        for (k = 0; k < files.n; k++)
            keep[k] = files.v[k].path;
        qsort(keep, files.n, sizeof *keep, indexer_cmp_str);
        if (indexer_purge(ix, WA_SIDE_PUBLIC, root, 1, keep, files.n) ||
            indexer_purge(ix, WA_SIDE_INTERNAL, root, 1, keep, files.n) ||
            indexer_forget_vanished_failures(ix, root, keep, files.n))
            rc = 2;
        free(keep);
        wa_filelist_release(&files);
    }
    if (indexer_close(ix))
        return 2;
    if (rc == 2)
        return 2;
    return indexer_summary(ix);
}
