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

static int remove_id(struct indexer *ix, wa_wdb *w, const char *idterm)
{
    struct wa_buf v;
    int found;

    wa_buf_init(&v, 0);
    found = wa_wdb_get_data(w, idterm, &v) == WA_OK;
    wa_buf_release(&v);
    if (!found)
        return 0;
    if (wa_wdb_delete(w, idterm) != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_wdb_errmsg(w));
        return -1;
    }
    ix->removed++;
    return indexer_changed(ix) ? -1 : 1;
}

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
        int a, b;
        wa_schema_idterm(argv[i], idterm, sizeof idterm);
        a = remove_id(ix, ix->pub, idterm);
        b = remove_id(ix, ix->internal, idterm);
        wa_failed_forget(ix->internal, idterm); /* a removed file is not retried either */
        if (a < 0 || b < 0) {
            rc = 2;
            break;
        }
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
            if (indexer_purge(ix, ix->pub, abs, 0, NULL, 0) ||
                indexer_purge(ix, ix->internal, abs, 0, NULL, 0) ||
                indexer_purge(ix, ix->pub, abs, 1, NULL, 0) ||
                indexer_purge(ix, ix->internal, abs, 1, NULL, 0)) {
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
