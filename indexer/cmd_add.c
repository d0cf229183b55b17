/* werkarchiv-index add: index files and folders incrementally into the archive. */
#include <stdio.h>

#include "command.h"
#include "indexer.h"

int cmd_add(struct indexer *ix, int argc, char **argv)
{
    int rc, first;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first >= argc) {
        fprintf(stderr, "%s: add needs at least one file or folder\ntry '%s add --help'\n", PROG,
                PROG);
        return 2;
    }
    /* the operands are argv[1..argc) from here on (argv[0] is not used) */
    argv += first - 1;
    argc -= first - 1;
    rc = indexer_add_paths(ix, argc, argv);
    /* after Ctrl-C the summary shows what was done before it */
    return rc && rc != WA_EXIT_INTERRUPTED ? rc : indexer_summary(ix);
}
