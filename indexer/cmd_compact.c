/* werkarchiv-index compact: rewrite the databases compactly and switch to them atomically. */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive_files.h"
#include "command.h"
#include "indexer.h"
#include "wa_audit.h"
#include "wa_xapian_admin.h"

struct side_result {
    unsigned long docs;
    unsigned long long before, after; /* bytes */
};

/*
 * Compact one database into tmp and check the copy: the same documents, no
 * errors. Prints the error and returns -1 on failure.
 */
static int compact_side(const char *live, const char *tmp, struct side_result *r)
{
    char err[512] = "";
    unsigned long docs = 0, problems = 0;
    unsigned long long bytes = 0;
    struct wa_buf report;
    wa_status st;

    if (wa_admin_size(live, &r->docs, &r->before, err, sizeof err) != WA_OK ||
        (st = wa_admin_compact(live, tmp, err, sizeof err)) != WA_OK) {
        fprintf(stderr, "%s: '%s' lässt sich nicht verdichten: %s\n", PROG, live, err);
        return -1;
    }
    wa_buf_init(&report, 1 << 20);
    st = wa_admin_check(tmp, &report, &problems, err, sizeof err);
    wa_buf_release(&report);
    if (st == WA_OK && !problems)
        st = wa_admin_size(tmp, &docs, &bytes, err, sizeof err);
    if (st != WA_OK || problems || docs != r->docs) {
        fprintf(stderr,
                "%s: die verdichtete Kopie von '%s' ist nicht in Ordnung (%s); nichts geändert\n",
                PROG, live,
                st != WA_OK ? err
                : problems  ? "Xapians Prüfung meldet Fehler"
                            : "andere Dokumentzahl");
        return -1;
    }
    r->after = bytes;
    return 0;
}

int cmd_compact(struct indexer *ix, int argc, char **argv)
{
    char live[WA_SIDES][PATH_MAX], tmp[WA_SIDES][PATH_MAX + 32];
    struct side_result res[WA_SIDES];
    struct wa_audit_entry e = {0};
    char note[256];
    int rc, first, side, atomic = 1, swapped = 0;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first < argc) {
        fprintf(stderr, "%s: compact nimmt keine Operanden ('%s')\ntry '%s compact --help'\n", PROG,
                argv[first], PROG);
        return 2;
    }
    if (!wa_archive_is_archive(ix->archive)) {
        fprintf(stderr, "%s: '%s' ist kein Archiv\n", PROG, ix->archive);
        return 2;
    }
    memset(res, 0, sizeof res);
    for (side = 0; side < WA_SIDES; side++) {
        snprintf(live[side], sizeof live[side], "%s/%s", ix->archive,
                 wa_archive_side_dir((enum wa_side)side));
        snprintf(tmp[side], sizeof tmp[side], "%s/.%s.verdichtet-%ld", ix->archive,
                 wa_archive_side_dir((enum wa_side)side), (long)getpid());
    }
    /* the lock keeps writers out until the new databases are in place */
    if (indexer_open(ix))
        return 2;
    rc = 0;
    for (side = 0; side < 2 && rc == 0; side++)
        rc = compact_side(live[side], tmp[side], &res[side]);
    /* one exchange per database: a reader opening it finds the old or the new one */
    for (side = 0; side < 2 && rc == 0; side++) {
        int a = 1;
        if (archive_swap_dirs(tmp[side], live[side], &a) != 0) {
            fprintf(stderr, "%s: '%s' lässt sich nicht austauschen: %s\n", PROG, live[side],
                    strerror(errno));
            rc = -1;
        } else {
            swapped++;
            atomic &= a;
        }
    }
    if (rc == 0 && archive_sync_dir(ix->archive) != 0)
        rc = -1;
    /* nothing was written through the lock holder: closing commits nothing */
    if (indexer_close(ix))
        rc = -1;
    /* after a swap tmp holds the old database, else the unfinished copy */
    for (side = 0; side < WA_SIDES; side++)
        archive_remove_tree(tmp[side]);
    if (rc != 0)
        return 2;
    snprintf(note, sizeof note,
             "öffentlich %llu → %llu Bytes, intern %llu → %llu Bytes, zurückgezogen %llu → %llu "
             "Bytes",
             res[0].before, res[0].after, res[1].before, res[1].after, res[2].before, res[2].after);
    e.who = ix->by;
    e.action = "compact";
    e.new_value = note;
    if (wa_audit_append(ix->archive, &e) != WA_OK)
        fprintf(stderr, "%s: warning: das Protokoll '%s/%s' lässt sich nicht schreiben: %s\n", PROG,
                ix->archive, WA_AUDIT_FILE, strerror(errno));
    if (ix->json) {
        json_t *o = json_object();
        char *s;
        json_object_set_new(o, "format_version", json_integer(1));
        for (side = 0; side < WA_SIDES; side++) {
            json_t *d = json_object();
            json_object_set_new(d, "documents", json_integer((json_int_t)res[side].docs));
            json_object_set_new(d, "bytes_before", json_integer((json_int_t)res[side].before));
            json_object_set_new(d, "bytes_after", json_integer((json_int_t)res[side].after));
            json_object_set_new(o, wa_archive_side_dir((enum wa_side)side), d);
        }
        json_object_set_new(o, "atomic", json_boolean(atomic));
        s = json_dumps(o, JSON_INDENT(2));
        if (s)
            puts(s);
        free(s);
        json_decref(o);
    } else if (!ix->quiet) {
        printf("Archiv verdichtet und geprüft: %s\n", note);
    }
    if (!atomic)
        fprintf(stderr,
                "%s: warning: das Dateisystem kann Ordner nicht in einem Schritt tauschen; "
                "Suchen im selben Augenblick konnten fehlschlagen\n",
                PROG);
    (void)swapped;
    return 0;
}
