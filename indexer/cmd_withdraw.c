/* werkarchiv-index withdraw and restore: take a document out of every search, and bring it back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "indexer.h"
#include "office.h"

static int handle(void *ctx, int c, const char *arg)
{
    struct office_opts *o = ctx;

    if (c == OFFICE_OPT_BY)
        o->by = arg;
    else if (c == OFFICE_OPT_REASON)
        o->reason = arg;
    else
        return 2;
    return 0;
}

static const struct option longopts[] = {
    {"by", required_argument, NULL, OFFICE_OPT_BY},
    {"reason", required_argument, NULL, OFFICE_OPT_REASON},
    {NULL, 0, NULL, 0},
};

/* withdraw (restore = 0) or restore each document of argv[first..argc). */
static int run(struct indexer *ix, int argc, char **argv, int restore)
{
    struct office_opts o = {NULL, NULL};
    struct command_options own = {longopts, "", handle, &o};
    const char *name = restore ? "restore" : "withdraw";
    struct office_doc d;
    struct wa_buf lines;
    char when[21];
    const char *old_when, *old_reason;
    char **terms = NULL;
    int rc, first, i;
    size_t done = 0;

    rc = command_parse_options(ix, argc, argv, &own, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    o.by = ix->by; /* --by is an option of every writing command */
    if (first >= argc) {
        fprintf(stderr, "%s %s: erwartet eine Dokument-ID oder einen Pfad\ntry '%s %s --help'\n",
                PROG, name, PROG, name);
        return 2;
    }
    if (!restore && (!o.reason || !*o.reason)) {
        fprintf(stderr, "%s withdraw: --reason GRUND fehlt (er steht im Protokoll und bei show)\n",
                PROG);
        return 2;
    }
    if (indexer_open(ix))
        return 2;
    wa_buf_init(&lines, 0);
    wa_audit_now(when);
    terms = calloc((size_t)(argc - first), sizeof *terms);
    if (!terms) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        indexer_close(ix);
        return 2;
    }
    rc = 0;
    /* all changes to the curation first, then one save, one log write, the index */
    for (i = first; i < argc && rc != 2; i++) {
        int r = office_find(ix, argv[i], &d);
        if (r != 0) {
            rc = r < 0 ? 2 : 1;
            office_doc_release(&d);
            continue;
        }
        if (restore) {
            char *why = NULL;
            if (wa_curation_withdrawn(ix->curation, d.id, NULL, &old_reason))
                why = strdup(old_reason);
            if (wa_curation_restore(ix->curation, d.id) != WA_OK) {
                fprintf(stderr, "%s restore: %s\n", PROG, wa_curation_errmsg(ix->curation));
                rc = 1;
            } else {
                office_audit(&lines, &o, "restore", d.id, "", "zurückgezogen", "",
                             o.reason ? o.reason : why);
                terms[done++] = strdup(d.idterm);
            }
            free(why);
        } else {
            char *prev = NULL;
            if (wa_curation_withdrawn(ix->curation, d.id, &old_when, &old_reason))
                prev = strdup(old_reason);
            if (wa_curation_withdraw(ix->curation, d.id, when, o.reason) != WA_OK) {
                fprintf(stderr, "%s withdraw: %s\n", PROG, wa_curation_errmsg(ix->curation));
                rc = 2;
            } else {
                office_audit(&lines, &o, "withdraw", d.id, "", prev ? "zurückgezogen" : "",
                             "zurückgezogen", NULL);
                terms[done++] = strdup(d.idterm);
            }
            free(prev);
        }
        office_doc_release(&d);
    }
    if (rc != 2 && done && (office_save(ix) != 0 || office_audit_write(ix, &lines) != 0))
        rc = 2;
    if (rc != 2 && done) {
        if (office_apply_close(ix, terms, done) != 0)
            rc = 2;
    } else {
        indexer_close(ix);
    }
    if (rc != 2 && done && !ix->quiet)
        printf("%zu %s\n", done, restore ? "wiederhergestellt" : "zurückgezogen");
    wa_buf_release(&lines);
    for (i = 0; i < (int)done; i++)
        free(terms[i]);
    free(terms);
    return rc;
}

int cmd_withdraw(struct indexer *ix, int argc, char **argv)
{
    return run(ix, argc, argv, 0);
}

int cmd_restore(struct indexer *ix, int argc, char **argv)
{
    return run(ix, argc, argv, 1);
}
