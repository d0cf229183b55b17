/* werkarchiv-search show ID: one document's metadata and full text. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "render.h"
#include "wa_record.h"
#include "wa_schema.h"

/* 1 if a document has the unique term term; its record JSON goes to data. */
static int has_doc(wa_db *db, const char *term, struct wa_buf *data)
{
    wa_buf_reset(data);
    return wa_db_get_data(db, term, data) == WA_OK;
}

int wa_cmd_resolve_doc(wa_db *db, char **ref)
{
    char term[256], abs[PATH_MAX];
    struct wa_buf data;
    struct wa_record rec;
    int found, rc = 0;

    if (!*ref)
        return 0;
    wa_buf_init(&data, 0);
    wa_record_init(&rec);
    wa_schema_idterm(*ref, term, sizeof term);
    if (has_doc(db, term, &data))
        goto cleanup; /* an id */
    wa_schema_pathterm(*ref, term, sizeof term);
    found = has_doc(db, term, &data);
    if (!found && realpath(*ref, abs)) {
        wa_schema_pathterm(abs, term, sizeof term);
        found = has_doc(db, term, &data);
    }
    if (found && wa_record_from_json(&rec, data.p, data.len) == WA_OK && rec.id) {
        char *id = strdup(rec.id);
        if (!id) {
            rc = -1;
            goto cleanup;
        }
        free(*ref);
        *ref = id;
    }
cleanup:
    wa_record_release(&rec);
    wa_buf_release(&data);
    return rc;
}

int wa_cmd_show(wa_db *db, const struct wa_request *c, int color)
{
    char idterm[256];
    struct wa_buf data;
    struct wa_record rec;
    wa_status st;
    int rc = 2;

    wa_buf_init(&data, 0);
    wa_record_init(&rec);
    wa_schema_idterm(c->show, idterm, sizeof idterm);
    st = wa_db_get_data(db, idterm, &data);
    if (st == WA_ERR_NOT_FOUND) {
        fprintf(stderr,
                "%s: kein Dokument '%s' (die Kennungen sind die Pfade, die eine Suche zeigt, "
                "z. B. mit --json)\n",
                WA_SEARCH_PROG, c->show);
        goto cleanup;
    }
    if (st != WA_OK) {
        fprintf(stderr, "%s: das Dokument '%s' lässt sich nicht lesen (Archiv beschädigt?): %s\n",
                WA_SEARCH_PROG, c->show, wa_db_errmsg(db));
        goto cleanup;
    }
    st = wa_record_from_json(&rec, data.p, data.len);
    if (st != WA_OK) {
        fprintf(stderr,
                "%s: das Dokument '%s' lässt sich nicht lesen: der gespeicherte Datensatz ist "
                "beschädigt (%s)\n",
                WA_SEARCH_PROG, c->show, wa_strerror(st));
        goto cleanup;
    }
    if (c->format == WA_FORMAT_JSON) {
        if (wa_render_record_json(stdout, &rec) != 0) {
            fprintf(stderr, "%s: out of memory\n", WA_SEARCH_PROG);
            goto cleanup;
        }
    } else if (c->format == WA_FORMAT_CSV || c->format == WA_FORMAT_EXCEL) {
        fprintf(stderr, "%s: show prints text or JSON, not CSV\n", WA_SEARCH_PROG);
        goto cleanup;
    } else {
        wa_render_record_text(stdout, &rec, color ? WA_TEXT_COLOR : 0);
    }
    rc = 0;
cleanup:
    wa_record_release(&rec);
    wa_buf_release(&data);
    return rc;
}
