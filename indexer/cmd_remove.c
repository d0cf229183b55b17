/* werkarchiv-index remove: delete documents by id or by source path. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "failed.h"
#include "indexer.h"
#include "purge.h"
#include "wa_schema.h"

int cmd_remove(struct indexer *ix, int argc, char **argv)
{
    int i, rc, first;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first >= argc) {
        fprintf(stderr, "%s: remove needs a document id or path\ntry '%s remove --help'\n", PROG,
                PROG);
        return 2;
    }
    /* the operands are argv[1..argc) from here on (argv[0] is not used) */
    argv += first - 1;
    argc -= first - 1;
    rc = 0;
    if (indexer_open(ix))
        return 2;
    for (i = 1; i < argc && rc == 0; i++) {
        char idterm[256], abs[PATH_MAX];
        unsigned long before = ix->removed;
        unsigned n = 0;
        wa_schema_idterm(argv[i], idterm, sizeof idterm);
        if (indexer_delete(ix, idterm, &n) != 0) {
            rc = 2;
            break;
        }
        ix->removed += n;
        wa_failed_forget(ix->internal, idterm); /* a removed file is not retried either */
        if (ix->removed == before) {
            /* not an id: a source path (the file may be gone already) */
            if (argv[i][0] == '/') {
                snprintf(abs, sizeof abs, "%s", argv[i]);
            } else {
                char cwd[PATH_MAX];
                if (!realpath(argv[i], abs)) {
                    if (!getcwd(cwd, sizeof cwd))
                        cwd[0] = '\0';
                    snprintf(abs, sizeof abs, "%s/%s", cwd, argv[i]);
                }
            }
            if (indexer_purge(ix, WA_SIDE_PUBLIC, abs, 0, NULL, 0) ||
                indexer_purge(ix, WA_SIDE_INTERNAL, abs, 0, NULL, 0) ||
                indexer_purge(ix, WA_SIDE_PUBLIC, abs, 1, NULL, 0) ||
                indexer_purge(ix, WA_SIDE_INTERNAL, abs, 1, NULL, 0)) {
                rc = 2;
                break;
            }
        }
        if (ix->removed == before)
            indexer_fail(ix, argv[i], "no such document in the archive");
    }
    if (indexer_close(ix))
        return 2;
    return rc ? rc : indexer_summary(ix);
}
