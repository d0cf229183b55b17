/* werkarchiv-index remove: delete documents by id or by source path. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "failed.h"
#include "indexer.h"
#include "office.h"
#include "removal.h"
#include "wa_schema.h"

enum { OPT_REASON = 512 };

static int handle(void *ctx, int c, const char *arg)
{
    (void)c;
    *(const char **)ctx = arg;
    return 0;
}

/* The absolute form of a source path (the file may be gone already). */
static void source_path(const char *arg, char *out, size_t outlen)
{
    char cwd[PATH_MAX];

    if (arg[0] == '/')
        snprintf(out, outlen, "%s", arg);
    else if (!realpath(arg, out)) {
        if (!getcwd(cwd, sizeof cwd))
            cwd[0] = '\0';
        snprintf(out, outlen, "%s/%s", cwd, arg);
    }
}

int cmd_remove(struct indexer *ix, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"reason", required_argument, NULL, OPT_REASON},
        {NULL, 0, NULL, 0},
    };
    const char *reason = NULL;
    const struct command_options own = {longopts, "", handle, &reason};
    struct removal_plan p;
    int i, rc, first;

    rc = command_parse_options(ix, argc, argv, &own, &first);
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
    removal_plan_init(&p);
    p.withdrawn_too = 1; /* remove deletes for good, withdrawn or not */
    for (i = 1; i < argc && rc == 0; i++) {
        char idterm[256], abs[PATH_MAX];
        size_t n = 0, m = 0;
        wa_schema_idterm(argv[i], idterm, sizeof idterm);
        if (removal_plan_idterm(ix, &p, idterm, &n)) {
            rc = 2;
            break;
        }
        if (!ix->dry_run)
            wa_failed_forget(ix->internal, idterm); /* a removed file is not retried either */
        if (n)
            continue;
        /* not an id: a source path, of a file or of a folder */
        source_path(argv[i], abs, sizeof abs);
        if (removal_plan_paths(ix, &p, abs, 0, NULL, 0, NULL, 0, &n) ||
            removal_plan_paths(ix, &p, abs, 1, NULL, 0, NULL, 0, &m)) {
            rc = 2;
            break;
        }
        if (n + m == 0)
            indexer_fail(ix, argv[i], "no such document in the archive");
    }
    if (rc == 0 && ix->dry_run)
        removal_plan_note(ix, &p);
    else if (rc == 0 && removal_plan_apply(ix, &p, reason))
        rc = 2;
    if (rc == 0 && !ix->dry_run) {
        /* removed for good: their overrides and withdrawals go too */
        char **ids = calloc(p.n + 1, sizeof *ids);
        size_t k;
        for (k = 0; ids && k < p.n; k++)
            ids[k] = p.v[k].id;
        if (!ids || office_forget(ix, ids, p.n) != 0)
            rc = 2;
        free(ids);
    }
    removal_plan_release(&p);
    if (indexer_close(ix))
        return 2;
    return rc ? rc : indexer_summary(ix);
}
