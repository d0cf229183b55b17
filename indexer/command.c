/* The subcommand table of werkarchiv-index, its option parsing and its --help. */
#include "command.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"
#include "indexer.h"
#include "wa_archive.h"

/* Options of the office's changing commands. */
#define BY_HELP     "      --by NAME    who made the change, for the log (default: the OS user)\n"
#define REASON_HELP "      --reason TEXT  why, for the log\n"
static const char office_help[] = BY_HELP REASON_HELP;
static const char meta_help[] =
    "      --set KEY=VALUE  override a field (repeatable); KEY: titel, datum, typ,\n"
    "                   werkstatt, autoren, schlagworte, sichtbarkeit, sprache,\n"
    "                   zusammenfassung (English names too)\n"
    "      --unset KEY  drop the override of a field (repeatable)\n" BY_HELP REASON_HELP;
static const char alias_help[] =
    "      --list       list the aliases (of FIELD if given); also without operands\n"
    "      --remove     remove the aliases of the VARIANTs: alias --remove FIELD VARIANT...\n"
    "                   FIELD is werkstatt or typ\n" BY_HELP REASON_HELP;
static const char list_help[] =
    "      --werkstatt W  only documents of Werkstatt W (after the aliases)\n"
    "      --type T     only documents of type T\n"
    "      --year YYYY  only documents dated in that year\n"
    "      --visibility V  only öffentlich or intern documents\n"
    "      --withdrawn  only withdrawn documents; --active: none of them\n"
    "      --missing F  only documents without F: datum, titel or werkstatt (repeatable)\n"
    "Text: one line per document: id, date, state (öffentlich, intern,\n"
    "zurückgezogen), Werkstatt, type, title, separated by TABs; exit 1 if none.\n";
static const char withdraw_help[] =
    "      --reason TEXT  why the document is withdrawn (required; shown by show)\n" BY_HELP;

/*
 * A new command is a row here plus a cmd_<name>.c with its function
 * (declared in indexer.h); see docs/design-notes.md.
 */
const struct command command_table[] = {
    {"add", cmd_add, "PATH...",
     "index files and folders; unchanged files are skipped, changed ones replaced",
     CMD_NEEDS_WRITER_LOCK | CMD_WALKS_FOLDER | CMD_DRY_RUN, NULL},
    {"sync", cmd_sync, "DIR...",
     "like add, and remove documents whose files below DIR have vanished",
     CMD_NEEDS_WRITER_LOCK | CMD_WALKS_FOLDER | CMD_DRY_RUN, SYNC_OPTIONS_HELP},
    {"remove", cmd_remove, "ID|PATH...", "remove documents by id or by source path",
     CMD_NEEDS_WRITER_LOCK | CMD_DRY_RUN, REMOVE_OPTIONS_HELP},
    {"backup", cmd_backup, "DEST",
     "copy the archive consistently into the new folder DEST while searches go on",
     CMD_NEEDS_WRITER_LOCK, NULL},
    {"compact", cmd_compact, "", "rewrite the databases compactly and switch to them in one step",
     CMD_NEEDS_WRITER_LOCK, NULL},
    {"log", cmd_log, "", "print the audit log: who removed or changed what, when and why", 0,
     LOG_OPTIONS_HELP},
    {"stats", cmd_stats, "",
     "count documents by Werkstatt, type, year, format and visibility; index size, last run", 0,
     NULL},
    {"failures", cmd_failures, "", "list the remembered failures with their reasons", 0, NULL},
    {"check", cmd_check, "",
     "check both databases and the archive; exit 1 naming each problem found", 0, NULL},
    {"export", cmd_export, "FILE",
     "write the whole archive (metadata, curation, text) as JSON Lines to FILE (- for stdout)", 0,
     NULL},
    {"import", cmd_import, "FILE",
     "build a new archive from an export (- for stdin), without the source files",
     CMD_NEEDS_WRITER_LOCK, NULL},
    {"respell", cmd_respell, "",
     "rebuild the spelling data: no words of deleted or internal documents suggested publicly",
     CMD_NEEDS_WRITER_LOCK, NULL},
    {"synonyms", cmd_synonyms,
     "list | add CONCEPT VARIANT... | remove CONCEPT [VARIANT...] | import FILE",
     "show or change the archive's abbreviation and synonym list; searches use it at once",
     CMD_NEEDS_WRITER_LOCK, NULL},
    {"meta", cmd_meta, "ID|PATH --set KEY=VALUE... --unset KEY...",
     "correct a document's metadata; kept in the curation file, applied on every run",
     CMD_NEEDS_WRITER_LOCK, meta_help},
    {"withdraw", cmd_withdraw, "ID|PATH... --reason TEXT",
     "withdraw documents from every search; they stay listed and stay withdrawn",
     CMD_NEEDS_WRITER_LOCK, withdraw_help},
    {"restore", cmd_restore, "ID|PATH...", "bring withdrawn documents back (no source needed)",
     CMD_NEEDS_WRITER_LOCK, office_help},
    {"alias", cmd_alias, "FIELD VARIANT... CANONICAL",
     "merge spellings of a werkstatt or typ into one facet value (--list, --remove)",
     CMD_NEEDS_WRITER_LOCK, alias_help},
    {"list", cmd_list, "", "list the documents with their state; filters below, --json", 0,
     list_help},
    {"show", cmd_show, "ID|PATH",
     "show a document's metadata, overrides, database and withdrawal (--json)", 0, NULL},
};
const size_t command_count = sizeof command_table / sizeof command_table[0];

/* Options of every command (also before the command). */
static const struct option common_opts[] = {
    {"db", required_argument, NULL, 'd'},
    {"quiet", no_argument, NULL, 'q'},
    {"json", no_argument, NULL, COMMAND_OPT_JSON},
    {"help", no_argument, NULL, 'h'},
};
#define COMMON_SHORT "d:qh"

/* Options of commands that walk folders. */
static const struct option walk_opts[] = {
    {"jobs", required_argument, NULL, 'j'},
    {"retry-failed", no_argument, NULL, COMMAND_OPT_RETRY_FAILED},
    {"timeout", required_argument, NULL, COMMAND_OPT_TIMEOUT},
};
#define WALK_SHORT "j:"

/* Options of commands that take the writer lock. */
static const struct option writer_opts[] = {
    {"wait", optional_argument, NULL, COMMAND_OPT_WAIT},
    {"by", required_argument, NULL, COMMAND_OPT_BY},
};

/* The option of commands that can show what they would change. */
static const struct option dry_run_opts[] = {
    {"dry-run", no_argument, NULL, COMMAND_OPT_DRY_RUN},
};

#define NOPTS(a) (sizeof(a) / sizeof((a)[0]))
/* Room for the options of one command: common, walking and its own. */
#define MAX_OPTS 64

const struct command *command_find(const char *name)
{
    size_t i;

    for (i = 0; i < command_count; i++)
        if (strcmp(command_table[i].name, name) == 0)
            return &command_table[i];
    return NULL;
}

void command_list(FILE *out)
{
    size_t i;

    fputs("Commands:\n", out);
    for (i = 0; i < command_count; i++)
        fprintf(out, "  %-9s %s\n", command_table[i].name, command_table[i].summary);
}

static const char common_help[] =
    "  -d, --db DIR     archive directory (default: $" WA_ARCHIVE_ENV ", else " WA_ARCHIVE_DEFAULT
    ")\n"
    "  -q, --quiet      no progress and no summary (failures are still shown)\n"
    "      --json       print the summary as JSON\n"
    "  -h, --help       show this help and exit\n";

static const char walk_help[] =
    "  -j, --jobs N     extraction workers (default: number of cores + 1)\n"
    "      --retry-failed  retry files that failed before even if unchanged\n"
    "      --timeout S  seconds pdftotext/pdfinfo may run per file (default 60);\n"
    "                   a worker stuck on one file for 2*S+5 s is replaced\n";

static const char writer_help[] =
    "      --wait[=S]   wait (at most S seconds) while another run writes the\n"
    "                   archive, instead of failing at once\n"
    "      --by NAME    who makes the change, for the audit log (default: the\n"
    "                   user running the program)\n";

static const char dry_run_help[] =
    "  -n, --dry-run    list what would be added, replaced and removed; change nothing\n";

void command_usage(const struct command *cmd, FILE *out)
{
    fprintf(out, "Usage: %s %s [OPTION]... %s\n%c%s.\n\nOptions:\n", PROG, cmd->name, cmd->args,
            cmd->summary[0] >= 'a' && cmd->summary[0] <= 'z' ? cmd->summary[0] - 'a' + 'A'
                                                             : cmd->summary[0],
            cmd->summary + 1);
    if (cmd->options_help)
        fputs(cmd->options_help, out);
    if (cmd->flags & CMD_DRY_RUN)
        fputs(dry_run_help, out);
    if (cmd->flags & CMD_WALKS_FOLDER)
        fputs(walk_help, out);
    if (cmd->flags & CMD_NEEDS_WRITER_LOCK)
        fputs(writer_help, out);
    fputs(common_help, out);
    fputs("\nOptions may also stand before the command; \"--\" ends them.\n", out);
    if (cmd->flags & CMD_NEEDS_WRITER_LOCK)
        fputs("The command changes the archive and fails while another run writes it\n"
              "(unless --wait).\n",
              out);
}

static int number(const char *opt, const char *arg, long lo, long hi, const char *what, int *out)
{
    char *end;
    long n = strtol(arg, &end, 10);

    if (end == arg || *end || n < lo || n > hi) {
        fprintf(stderr, "%s: --%s wants %s from %ld to %ld, not '%s'\n", PROG, opt, what, lo, hi,
                arg);
        return 2;
    }
    *out = (int)n;
    return 0;
}

int command_common_option(struct indexer *ix, int c, const char *arg)
{
    switch (c) {
    case 'd':
        ix->db_arg = arg;
        return 0;
    case 'q':
        ix->quiet = 1;
        return 0;
    case COMMAND_OPT_JSON:
        ix->json = 1;
        return 0;
    case 'j':
        return number("jobs", arg, 1, 256, "a number", &ix->jobs);
    case COMMAND_OPT_RETRY_FAILED:
        ix->retry_failed = 1;
        return 0;
    case COMMAND_OPT_TIMEOUT:
        return number("timeout", arg, 1, 86400, "seconds", &ix->timeout);
    case COMMAND_OPT_WAIT:
        ix->wait = 1;
        ix->wait_timeout = 0;
        return arg ? number("wait", arg, 1, 86400, "seconds", &ix->wait_timeout) : 0;
    case COMMAND_OPT_BY:
        if (!*arg) {
            fprintf(stderr, "%s: --by erwartet einen Namen\n", PROG);
            return 2;
        }
        ix->by = arg;
        return 0;
    case 'n':
    case COMMAND_OPT_DRY_RUN:
        ix->dry_run = 1;
        return 0;
    default:
        return 1;
    }
}

/* Append n options to v (at *k), keeping room for the terminating row. */
static int add_opts(struct option *v, size_t *k, const struct option *o, size_t n)
{
    if (*k + n >= MAX_OPTS)
        return -1;
    memcpy(v + *k, o, n * sizeof *o);
    *k += n;
    return 0;
}

int command_parse_options(struct indexer *ix, int argc, char **argv,
                          const struct command_options *own, int *first)
{
    const struct command *cmd = ix->cmd;
    struct option opts[MAX_OPTS];
    char shortopts[128], name[64], *saved;
    size_t k = 0, nown = 0;
    int c, rc = COMMAND_CONTINUE;

    if (own && own->longopts)
        while (own->longopts[nown].name)
            nown++;
    /* the table is static: too many options is a programming error */
    if (add_opts(opts, &k, common_opts, NOPTS(common_opts)) ||
        ((cmd->flags & CMD_WALKS_FOLDER) && add_opts(opts, &k, walk_opts, NOPTS(walk_opts))) ||
        ((cmd->flags & CMD_NEEDS_WRITER_LOCK) &&
         add_opts(opts, &k, writer_opts, NOPTS(writer_opts))) ||
        ((cmd->flags & CMD_DRY_RUN) && add_opts(opts, &k, dry_run_opts, NOPTS(dry_run_opts))) ||
        (nown && add_opts(opts, &k, own->longopts, nown)))
        abort();
    memset(&opts[k], 0, sizeof opts[k]);
    snprintf(shortopts, sizeof shortopts, "%s%s%s%s", COMMON_SHORT,
             cmd->flags & CMD_WALKS_FOLDER ? WALK_SHORT : "", cmd->flags & CMD_DRY_RUN ? "n" : "",
             own && own->shortopts ? own->shortopts : "");
    /* getopt names argv[0] in its messages: "werkarchiv-index add: ..." */
    snprintf(name, sizeof name, "%s %s", PROG, cmd->name);
    saved = argv[0];
    argv[0] = name;
    optind = 0; /* glibc: start afresh (the program's options were parsed before) */
    opterr = 1;
    while (rc == COMMAND_CONTINUE && (c = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
        int r;
        if (c == 'h') {
            command_usage(cmd, stdout);
            rc = 0;
        } else if (c == '?' || c == ':') {
            fprintf(stderr, "try '%s %s --help'\n", PROG, cmd->name);
            rc = 2;
        } else {
            r = command_common_option(ix, c, optarg);
            if (r == 1)
                r = own && own->handle ? own->handle(own->ctx, c, optarg) : 2;
            if (r != 0)
                rc = r;
        }
    }
    argv[0] = saved;
    if (rc != COMMAND_CONTINUE)
        return rc;
    *first = optind;
    ix->archive = wa_archive_default(ix->db_arg);
    ix->progress = !ix->quiet && !ix->json && isatty(STDERR_FILENO);
    return COMMAND_CONTINUE;
}
