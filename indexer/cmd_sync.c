/* werkarchiv-index sync: add, then remove the documents whose files have vanished, safely. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "indexer.h"
#include "purge.h"
#include "removal.h"
#include "walk.h"

enum { OPT_FORCE = 512, OPT_MAX_REMOVE };

struct sync_opts {
    int force;
    int max_remove; /* percent of the archive's documents */
};

static int handle(void *ctx, int c, const char *arg)
{
    struct sync_opts *o = ctx;
    char *end;
    long n;

    if (c == OPT_FORCE) {
        o->force = 1;
        return 0;
    }
    n = strtol(arg, &end, 10);
    if (end != arg && *end == '%')
        end++;
    if (end == arg || *end || n < 0 || n > 100) {
        fprintf(stderr, "%s: --max-remove erwartet einen Prozentwert von 0 bis 100, nicht '%s'\n",
                PROG, arg);
        return 2;
    }
    o->max_remove = (int)n;
    return 0;
}

/* What the folder given to sync looks like before anything is removed below it. */
enum root_state { ROOT_OK, ROOT_MISSING, ROOT_UNREADABLE, ROOT_EMPTY };

struct sync_root {
    const char *arg;
    char root[PATH_MAX]; /* absolute; made by hand when the folder is missing */
    enum root_state state;
    char why[256]; /* why it is unreadable */
    struct wa_filelist files;
    char **keep;  /* the files' paths, sorted */
    char **spare; /* folders below it the walk could not read */
    size_t nspare;
    size_t planned; /* documents below it to remove */
};

/* The walk could not read a folder: the documents below it are not gone. */
static void note_unreadable(void *ctx, const char *path, const char *reason)
{
    struct sync_root *r = ctx;
    char **nv = realloc(r->spare, (r->nspare + 1) * sizeof *nv);

    (void)reason; /* the indexing step reports it */
    if (!nv)
        return;
    r->spare = nv;
    nv[r->nspare] = strdup(path);
    if (nv[r->nspare])
        r->nspare++;
}

static void root_release(struct sync_root *r)
{
    size_t i;

    wa_filelist_release(&r->files);
    free(r->keep);
    for (i = 0; i < r->nspare; i++)
        free(r->spare[i]);
    free(r->spare);
}

/* An absolute form of a path that does not resolve (no trailing '/'). */
static void absolute(const char *arg, char *out, size_t outlen)
{
    char cwd[PATH_MAX];
    size_t n;
    int r;

    if (arg[0] == '/' || !getcwd(cwd, sizeof cwd))
        r = snprintf(out, outlen, "%s", arg);
    else
        r = snprintf(out, outlen, "%s/%s", cwd, arg);
    if (r < 0 || (size_t)r >= outlen)
        snprintf(out, outlen, "%s", arg); /* too long: as given */
    n = strlen(out);
    while (n > 1 && out[n - 1] == '/')
        out[--n] = '\0';
}

/* Look at the folder and walk it. -1 on a fatal error (printed). */
static int prepare_root(struct sync_root *r)
{
    DIR *d;
    size_t k;

    if (!realpath(r->arg, r->root)) {
        int e = errno;
        absolute(r->arg, r->root, sizeof r->root);
        r->state = e == ENOENT || e == ENOTDIR ? ROOT_MISSING : ROOT_UNREADABLE;
        snprintf(r->why, sizeof r->why, "%s", strerror(e));
        return 0;
    }
    d = opendir(r->root);
    if (!d && errno != ENOTDIR) {
        r->state = ROOT_UNREADABLE;
        snprintf(r->why, sizeof r->why, "%s", strerror(errno));
        return 0;
    }
    if (d)
        closedir(d);
    if (wa_walk(r->root, &r->files, note_unreadable, r) != WA_OK) {
        fprintf(stderr, "%s: cannot read '%s': %s\n", PROG, r->arg, strerror(errno));
        return -1;
    }
    if (r->files.n == 0) {
        r->state = ROOT_EMPTY;
        return 0;
    }
    r->keep = malloc(r->files.n * sizeof *r->keep);
    if (!r->keep) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        return -1;
    }
    for (k = 0; k < r->files.n; k++)
        r->keep[k] = r->files.v[k].path;
    qsort(r->keep, r->files.n, sizeof *r->keep, indexer_cmp_str);
    return 0;
}

static const char *docs(size_t n)
{
    return n == 1 ? "Dokument" : "Dokumente";
}

/* Say why sync removes nothing below r (German; the user fixes the mount). */
static void refuse_root(const struct sync_root *r)
{
    const char *would = r->planned == 1 ? "würde" : "würden";

    if (r->state == ROOT_MISSING)
        fprintf(stderr,
                "%s: der Ordner '%s' fehlt (ist das Netzlaufwerk nicht eingebunden?); "
                "%zu %s darunter %s entfernt\n",
                PROG, r->arg, r->planned, docs(r->planned), would);
    else if (r->state == ROOT_UNREADABLE)
        fprintf(stderr, "%s: der Ordner '%s' ist nicht lesbar (%s); %zu %s darunter %s entfernt\n",
                PROG, r->arg, r->why, r->planned, docs(r->planned), would);
    else
        fprintf(stderr,
                "%s: der Ordner '%s' ist leer (ist das Netzlaufwerk nicht eingebunden?); "
                "%zu %s darunter %s entfernt\n",
                PROG, r->arg, r->planned, docs(r->planned), would);
}

/*
 * Plan the removals and decide whether sync may make them: never below a
 * folder that is missing, unreadable or empty, never more than max_remove
 * percent of the archive, unless forced. 0 to go on, 2 when refused
 * (printed), -1 on a fatal error.
 */
static int plan(struct indexer *ix, const struct sync_opts *o, struct sync_root *roots, size_t n,
                struct removal_plan *p)
{
    unsigned long pub = 0, internal = 0, total;
    size_t i, planned;
    int refused = 0;

    if (wa_wdb_doccount(ix->pub, &pub) != WA_OK ||
        wa_wdb_doccount(ix->internal, &internal) != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_wdb_errmsg(ix->pub));
        return -1;
    }
    total = pub + internal;
    for (i = 0; i < n; i++) {
        struct sync_root *r = &roots[i];
        if (prepare_root(r))
            return -1;
        if (removal_plan_paths(ix, p, r->root, 1, r->keep, r->keep ? r->files.n : 0,
                               r->state == ROOT_OK ? r->spare : NULL,
                               r->state == ROOT_OK ? r->nspare : 0, &r->planned))
            return -1;
        if (r->state == ROOT_MISSING && r->planned == 0) {
            fprintf(stderr, "%s: '%s' gibt es nicht, und das Archiv hat keine Dokumente darunter\n",
                    PROG, r->arg);
            return 2;
        }
        if (r->state != ROOT_OK && r->planned && !o->force) {
            refuse_root(r);
            refused = 1;
        }
    }
    planned = removal_plan_count(p);
    if (!refused && !o->force && planned && (double)planned * 100 > (double)o->max_remove * total) {
        fprintf(stderr,
                "%s: sync würde %zu von %lu Dokumenten des Archivs entfernen (%lu %%), mehr als "
                "--max-remove %d %% erlaubt\n",
                PROG, planned, total, (unsigned long)((planned * 100 + total / 2) / total),
                o->max_remove);
        refused = 1;
    }
    if (refused) {
        fprintf(stderr,
                "%s: nichts geändert; --force --dry-run listet auf, was entfernt würde, --force "
                "entfernt es trotzdem\n",
                PROG);
        return 2;
    }
    return 0;
}

int cmd_sync(struct indexer *ix, int argc, char **argv)
{
    struct sync_opts o = {0, WA_SYNC_MAX_REMOVE};
    static const struct option longopts[] = {
        {"force", no_argument, NULL, OPT_FORCE},
        {"max-remove", required_argument, NULL, OPT_MAX_REMOVE},
        {NULL, 0, NULL, 0},
    };
    const struct command_options own = {longopts, "", handle, &o};
    struct removal_plan p;
    struct sync_root *roots;
    char **add_argv;
    int i, rc, first, nroots, nadd = 1, forced_empty = 0;

    rc = command_parse_options(ix, argc, argv, &own, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first >= argc) {
        fprintf(stderr, "%s: sync needs at least one folder\ntry '%s sync --help'\n", PROG, PROG);
        return 2;
    }
    nroots = argc - first;
    roots = calloc((size_t)nroots, sizeof *roots);
    add_argv = calloc((size_t)nroots + 2, sizeof *add_argv);
    if (!roots || !add_argv) {
        free(roots);
        free(add_argv);
        fprintf(stderr, "%s: out of memory\n", PROG);
        return 2;
    }
    for (i = 0; i < nroots; i++)
        roots[i].arg = argv[first + i];
    removal_plan_init(&p);
    if (indexer_open(ix)) {
        rc = 2;
        goto cleanup;
    }
    /* everything is planned and checked before the first change */
    rc = plan(ix, &o, roots, (size_t)nroots, &p);
    if (rc != 0) {
        rc = rc < 0 ? 2 : rc;
        goto close;
    }
    /* index the folders that are there; the summary of both steps comes at the end */
    add_argv[0] = argv[0];
    for (i = 0; i < nroots; i++) {
        if (roots[i].state != ROOT_MISSING)
            add_argv[nadd++] = (char *)roots[i].arg;
        forced_empty |= roots[i].state != ROOT_OK && roots[i].planned;
    }
    rc = nadd > 1 ? indexer_add_open(ix, nadd, add_argv) : 0;
    if (rc != 0)
        goto close; /* fatal, or interrupted: no removal after an incomplete run */
    if (ix->dry_run) {
        removal_plan_note(ix, &p);
        goto close;
    }
    if (removal_plan_apply(ix, &p,
                           forced_empty ? "sync --force: der Quellordner fehlt, ist leer oder "
                                          "nicht lesbar"
                                        : "sync: die Quelldatei ist nicht mehr vorhanden")) {
        rc = 2;
        goto close;
    }
    for (i = 0; i < nroots && rc == 0; i++)
        if (roots[i].state == ROOT_OK &&
            indexer_forget_vanished_failures(ix, roots[i].root, roots[i].keep, roots[i].files.n))
            rc = 2;
close:
    if (indexer_close(ix))
        rc = 2;
    if (rc == 0 || rc == WA_EXIT_INTERRUPTED)
        rc = indexer_summary(ix);
cleanup:
    removal_plan_release(&p);
    for (i = 0; i < nroots; i++)
        root_release(&roots[i]);
    free(roots);
    free(add_argv);
    return rc;
}
