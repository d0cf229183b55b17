/* werkarchiv-index: build and curate the Werkarchiv full-text index. */
#include <getopt.h>
#include <libxml/xmlversion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "extract.h"
#include "indexer.h"
#include "wa_archive.h"

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: %s [OPTION]... COMMAND [OPTION]... [ARG]...\n"
            "Index documents into a Werkarchiv archive.\n"
            "\n",
            PROG);
    command_list(out);
    fprintf(out,
            "\n"
            "Options (before or after the command; '%s COMMAND --help' shows\n"
            "which ones a command takes):\n"
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
            "Exit status: 0 all done, 1 done but some files failed (check: a problem\n"
            "found), 2 fatal error or a sync refused for safety (nothing changed),\n"
            "130 interrupted (what was done is committed; the next run continues).\n",
            PROG, WA_ARCHIVE_ENV, WA_ARCHIVE_DEFAULT);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"jobs", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"json", no_argument, NULL, COMMAND_OPT_JSON},
        {"retry-failed", no_argument, NULL, COMMAND_OPT_RETRY_FAILED},
        {"timeout", required_argument, NULL, COMMAND_OPT_TIMEOUT},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const struct command *cmd;
    struct indexer ix;
    int c, r;

    memset(&ix, 0, sizeof ix);
    /* one worker more than cores: while the writer stores a document, a
     * queued file keeps every core busy (measured: 20 % faster on 2 cores) */
    ix.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN) + 1;
    if (ix.jobs < 2)
        ix.jobs = 2;
    ix.timeout = WA_EXTRACT_TIMEOUT;
    /* "+": the program's options end at the command, which parses its own */
    while ((c = getopt_long(argc, argv, "+d:j:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("%s %s (Xapian %s, libxml2 %s)\n", PROG, WA_VERSION, wa_xapian_version(),
                   LIBXML_DOTTED_VERSION);
            return 0;
        case '?':
        case ':':
            fprintf(stderr, "try '%s --help'\n", PROG);
            return 2;
        default:
            r = command_common_option(&ix, c, optarg);
            if (r != 0) {
                if (r == 1)
                    fprintf(stderr, "try '%s --help'\n", PROG);
                return 2;
            }
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "%s: no command given\ntry '%s --help'\n", PROG, PROG);
        return 2;
    }
    cmd = command_find(argv[optind]);
    if (!cmd) {
        fprintf(stderr, "%s: unknown command '%s'\ntry '%s --help'\n", PROG, argv[optind], PROG);
        return 2;
    }
    ix.cmd = cmd;
    r = cmd->fn(&ix, argc - optind, argv + optind);
    indexer_release(&ix);
    return r;
}
