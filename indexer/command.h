/* The subcommand table of werkarchiv-index and the option parsing every command shares. */
#ifndef WA_COMMAND_H
#define WA_COMMAND_H

#include <getopt.h>
#include <stdio.h>

struct indexer;

/* What a command does, so that its options and its --help follow from its row. */
enum command_flags {
    /* changes the archive: opens it for writing and takes the single writer lock
     * (indexer_open refuses a command without this flag) */
    CMD_NEEDS_WRITER_LOCK = 1u << 0,
    /* walks files and folders through the extractors: takes -j, --timeout and
     * --retry-failed */
    CMD_WALKS_FOLDER = 1u << 1,
    /* takes --dry-run: shows what it would change and changes nothing */
    CMD_DRY_RUN = 1u << 2,
};

/*
 * One row per subcommand, as git's git.c has. The dispatcher sets ix->cmd to
 * the row and calls fn with argv[0] = the command name; fn parses its
 * options with command_parse_options.
 */
struct command {
    const char *name;
    int (*fn)(struct indexer *ix, int argc, char **argv);
    const char *args;         /* operands in the usage line, e.g. "PATH..." */
    const char *summary;      /* one line: the command list and the command's --help */
    unsigned flags;           /* enum command_flags */
    const char *options_help; /* the command's own options for its --help, or NULL */
};

/* The table (command.c), in the order --help lists it. */
extern const struct command command_table[];
extern const size_t command_count;

/* The row called name, or NULL. */
const struct command *command_find(const char *name);

/* "Commands:" with one line per row, for the program's --help. */
void command_list(FILE *out);

/*
 * A command's own options beyond those its flags give: getopt_long's long
 * options (terminated by a zero row), their short letters, and the handler
 * each one found is passed to. The handler returns 0, or 2 after printing a
 * usage error.
 */
struct command_options {
    const struct option *longopts;
    const char *shortopts;
    int (*handle)(void *ctx, int c, const char *arg);
    void *ctx;
};

/* Codes of the options without a short letter (the others are their letter). */
enum command_option_code {
    COMMAND_OPT_JSON = 256,
    COMMAND_OPT_RETRY_FAILED,
    COMMAND_OPT_TIMEOUT,
    COMMAND_OPT_WAIT,
    COMMAND_OPT_BY,
    COMMAND_OPT_DRY_RUN,
};

/* Value returned by command_parse_options when the command goes on. */
#define COMMAND_CONTINUE (-1)

/*
 * Parse the options after the running command's name (ix->cmd, set by the
 * dispatcher) in argv: those of every command (--db, --quiet, --json,
 * --help), those the command's flags give (writing commands: --wait and
 * --by; walking commands: -j, --timeout, --retry-failed; --dry-run), and own
 * (may be NULL).
 * Options and operands may be mixed; "--" ends the options, so "add -- -q"
 * indexes a file called "-q". Values are stored in ix. On success returns
 * COMMAND_CONTINUE and sets *first to the index of the first operand in argv
 * (argv is permuted so that the operands come last); otherwise the exit
 * status: 0 after --help (printed to stdout), 2 after a usage error
 * (printed to stderr).
 */
int command_parse_options(struct indexer *ix, int argc, char **argv,
                          const struct command_options *own, int *first);

/* The command's --help: usage line, summary and its options. */
void command_usage(const struct command *cmd, FILE *out);

/*
 * Handle an option the program takes before the command (program-wide: those
 * of every command and of walking commands). 0 when stored, 2 after a usage
 * error (printed), 1 when c is not one of them.
 */
int command_common_option(struct indexer *ix, int c, const char *arg);

#endif
