/* werkarchiv-index alias: merge spellings of a Werkstatt or a type into one facet value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "indexer.h"
#include "office.h"

struct alias_opts {
    struct office_opts o;
    int list, remove;
};

enum { OPT_LIST = 320, OPT_REMOVE };

static int handle(void *ctx, int c, const char *arg)
{
    struct alias_opts *a = ctx;

    switch (c) {
    case OPT_LIST:
        a->list = 1;
        return 0;
    case OPT_REMOVE:
        a->remove = 1;
        return 0;
    case OFFICE_OPT_BY:
        a->o.by = arg;
        return 0;
    case OFFICE_OPT_REASON:
        a->o.reason = arg;
        return 0;
    default:
        return 2;
    }
}

/* Print the aliases (of field, or all when NULL); exit status 0, or 1 when there are none. */
static int list(struct indexer *ix, const char *field)
{
    wa_curation *c = wa_curation_new();
    struct wa_curation_entry e;
    const char *fkey = field ? wa_curation_key(field) : NULL;
    size_t i, n = 0;

    if (!c || wa_curation_load(c, ix->archive) != WA_OK) {
        fprintf(stderr, "%s: Kurationsdatei nicht lesbar: %s\n", PROG, wa_curation_errmsg(c));
        wa_curation_free(c);
        return 2;
    }
    for (i = 0; wa_curation_entry(c, i, &e); i++) {
        if (e.kind != WA_CUR_ALIAS || (fkey && strcmp(e.a, fkey) != 0))
            continue;
        printf("%s\t%s\t%s\n", e.a, e.b, e.c);
        n++;
    }
    wa_curation_free(c);
    if (n == 0 && !ix->quiet)
        fprintf(stderr, "%s: keine Aliase\n", PROG);
    return n ? 0 : 1;
}

int cmd_alias(struct indexer *ix, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"list", no_argument, NULL, OPT_LIST},
        {"remove", no_argument, NULL, OPT_REMOVE},
        {"reason", required_argument, NULL, OFFICE_OPT_REASON},
        {NULL, 0, NULL, 0},
    };
    struct alias_opts a;
    struct command_options own = {longopts, "", handle, &a};
    struct wa_buf lines;
    const char *field, *canonical;
    int rc, first, i, last;

    memset(&a, 0, sizeof a);
    rc = command_parse_options(ix, argc, argv, &own, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    a.o.by = ix->by; /* --by is an option of every writing command */
    if (a.list || first >= argc) {
        if (argc - first > 1 || a.remove) {
            fprintf(stderr, "%s alias: --list nimmt höchstens ein Feld\ntry '%s alias --help'\n",
                    PROG, PROG);
            return 2;
        }
        return list(ix, first < argc ? argv[first] : NULL);
    }
    if (argc - first < (a.remove ? 2 : 3)) {
        fprintf(stderr,
                "%s alias: erwartet FELD SCHREIBWEISE... GEMEINSAMER-WERT (oder --remove FELD "
                "SCHREIBWEISE...)\ntry '%s alias --help'\n",
                PROG, PROG);
        return 2;
    }
    field = argv[first];
    if (!wa_curation_key(field) || (strcmp(wa_curation_key(field), "werkstatt") != 0 &&
                                    strcmp(wa_curation_key(field), "typ") != 0)) {
        fprintf(stderr, "%s alias: Aliase gibt es für werkstatt und typ, nicht für '%s'\n", PROG,
                field);
        return 2;
    }
    field = wa_curation_key(field);
    if (indexer_open(ix))
        return 2;
    wa_buf_init(&lines, 0);
    last = a.remove ? argc : argc - 1;
    canonical = a.remove ? NULL : argv[argc - 1];
    rc = 0;
    for (i = first + 1; i < last && rc == 0; i++) {
        const char *old = wa_curation_alias(ix->curation, field, argv[i]);
        char *prev = old ? strdup(old) : NULL;
        wa_status st = a.remove ? wa_curation_alias_remove(ix->curation, field, argv[i])
                                : wa_curation_alias_add(ix->curation, field, argv[i], canonical);
        if (st != WA_OK) {
            fprintf(stderr, "%s alias: %s\n", PROG, wa_curation_errmsg(ix->curation));
            rc = st == WA_ERR_NOT_FOUND && a.remove ? 1 : 2;
        } else {
            office_audit(&lines, &a.o, a.remove ? "alias-remove" : "alias-add", "", field,
                         a.remove ? prev : argv[i], a.remove ? argv[i] : canonical, NULL);
        }
        free(prev);
    }
    /* the file, the log, then every document the aliases touch */
    if (rc == 0 && (office_save(ix) != 0 || office_audit_write(ix, &lines) != 0))
        rc = 2;
    if (rc == 0 ? office_apply_close(ix, NULL, 0) != 0 : (indexer_close(ix), 0))
        rc = 2;
    if (rc == 0 && !ix->quiet)
        printf("%d %s für %s\n", last - first - 1,
               a.remove ? "Alias(e) entfernt" : "Schreibweise(n) zusammengeführt", field);
    wa_buf_release(&lines);
    return rc;
}
