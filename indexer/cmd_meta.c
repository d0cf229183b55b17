/* werkarchiv-index meta: the office's metadata overrides of one document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "indexer.h"
#include "office.h"

struct meta_opts {
    struct office_opts o;
    const char *set[OFFICE_MAX_CHANGES];
    size_t nset;
    const char *unset[OFFICE_MAX_CHANGES];
    size_t nunset;
};

enum { OPT_SET = 310, OPT_UNSET };

static int handle(void *ctx, int c, const char *arg)
{
    struct meta_opts *m = ctx;

    switch (c) {
    case OPT_SET:
    case OPT_UNSET:
        if ((c == OPT_SET ? m->nset : m->nunset) == OFFICE_MAX_CHANGES) {
            fprintf(stderr, "%s meta: höchstens %d Änderungen auf einmal\n", PROG,
                    OFFICE_MAX_CHANGES);
            return 2;
        }
        if (c == OPT_SET && !strchr(arg, '=')) {
            fprintf(stderr, "%s meta: --set erwartet FELD=WERT, nicht '%s'\n", PROG, arg);
            return 2;
        }
        if (c == OPT_SET)
            m->set[m->nset++] = arg;
        else
            m->unset[m->nunset++] = arg;
        return 0;
    case OFFICE_OPT_BY:
        m->o.by = arg;
        return 0;
    case OFFICE_OPT_REASON:
        m->o.reason = arg;
        return 0;
    default:
        return 2;
    }
}

static void print_overrides(struct indexer *ix, const char *id)
{
    size_t i, n = wa_curation_count(ix->curation);
    struct wa_curation_entry e;
    int any = 0;

    for (i = 0; i < n; i++)
        if (wa_curation_entry(ix->curation, i, &e) && e.kind == WA_CUR_META &&
            strcmp(e.a, id) == 0) {
            if (!any)
                printf("Korrekturen von '%s':\n", id);
            printf("  %s = %s\n", e.b, e.c);
            any = 1;
        }
    if (!any)
        printf("'%s' hat keine Korrekturen mehr\n", id);
}

int cmd_meta(struct indexer *ix, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"set", required_argument, NULL, OPT_SET},
        {"unset", required_argument, NULL, OPT_UNSET},
        {"reason", required_argument, NULL, OFFICE_OPT_REASON},
        {NULL, 0, NULL, 0},
    };
    struct meta_opts m;
    struct command_options own = {longopts, "", handle, &m};
    struct office_doc d;
    struct wa_buf lines, oldv;
    int rc, first;
    size_t i;

    memset(&m, 0, sizeof m);
    rc = command_parse_options(ix, argc, argv, &own, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    m.o.by = ix->by; /* --by is an option of every writing command */
    if (argc - first != 1 || (m.nset == 0 && m.nunset == 0)) {
        fprintf(stderr,
                "%s meta: erwartet eine Dokument-ID (oder einen Pfad) und --set FELD=WERT oder "
                "--unset FELD\ntry '%s meta --help'\n",
                PROG, PROG);
        return 2;
    }
    if (indexer_open(ix))
        return 2;
    rc = office_find(ix, argv[first], &d);
    if (rc != 0) {
        indexer_close(ix);
        return rc < 0 ? 2 : 1;
    }
    wa_buf_init(&lines, 0);
    wa_buf_init(&oldv, 0);
    for (i = 0; i < m.nset + m.nunset && rc == 0; i++) {
        int set = i < m.nset;
        const char *arg = set ? m.set[i] : m.unset[i - m.nset];
        const char *eq = set ? strchr(arg, '=') : NULL;
        char *key = set ? strndup(arg, (size_t)(eq - arg)) : strdup(arg);
        const char *fkey = key ? wa_curation_key(key) : NULL;
        wa_status st;

        wa_buf_reset(&oldv);
        if (fkey)
            office_field_value(&d.rec, fkey, &oldv);
        st = !key  ? WA_ERR_NOMEM
             : set ? wa_curation_set_meta(ix->curation, d.id, key, eq + 1)
                   : wa_curation_unset_meta(ix->curation, d.id, key);
        if (st != WA_OK) {
            fprintf(stderr, "%s meta: %s\n", PROG, wa_curation_errmsg(ix->curation));
            rc = 2;
        } else {
            office_audit(&lines, &m.o, set ? "meta-set" : "meta-unset", d.id, fkey, oldv.p,
                         set ? wa_curation_meta(ix->curation, d.id, fkey) : NULL, NULL);
        }
        free(key);
    }
    wa_buf_release(&oldv);
    /* the file first, then the log, then the index: a crash after the file
     * leaves the index behind it, and the next run applies the file */
    if (rc == 0 && (office_save(ix) != 0 || office_audit_write(ix, &lines) != 0))
        rc = 2;
    if (rc == 0) {
        char *one = d.idterm;
        if (office_apply_close(ix, &one, 1) != 0)
            rc = 2;
    } else {
        indexer_close(ix); /* nothing was changed */
    }
    if (rc == 0 && !ix->quiet)
        print_overrides(ix, d.id);
    wa_buf_release(&lines);
    office_doc_release(&d);
    return rc;
}
