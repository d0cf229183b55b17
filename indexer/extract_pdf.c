/* PDF: poppler's pdftotext and pdfinfo as resource-limited child processes. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "extract.h"
#include "wa_utf8.h"

#define PDF_CPU_SECONDS 30
#define PDF_MEMORY      ((rlim_t)1 << 30)
#define PDF_MAX_OUTPUT  ((size_t)16 << 20)

/* Wall-clock seconds a helper program may run (wa_extract_set_timeout). */
static int wall_seconds = WA_EXTRACT_TIMEOUT;

void wa_extract_set_timeout(int seconds)
{
    wall_seconds = seconds > 0 ? seconds : WA_EXTRACT_TIMEOUT;
}

static void set_limit(int resource, rlim_t v)
{
    struct rlimit rl;
    rl.rlim_cur = rl.rlim_max = v;
    setrlimit(resource, &rl);
}

/* In the child: own process group, limits, stdout to the pipe, then exec. */
static void child(char *const argv[], int out_fd, pid_t parent)
{
    int devnull = open("/dev/null", O_RDWR);
    setpgid(0, 0);
    /* when the worker is killed (timeout, Ctrl-C), this child dies with it */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(127);
    set_limit(RLIMIT_CPU, PDF_CPU_SECONDS);
    set_limit(RLIMIT_AS, PDF_MEMORY);
    set_limit(RLIMIT_FSIZE, (rlim_t)PDF_MAX_OUTPUT);
    set_limit(RLIMIT_CORE, 0);
    signal(SIGPIPE, SIG_DFL);
    if (devnull >= 0) {
        dup2(devnull, STDIN_FILENO);
        dup2(devnull, STDERR_FILENO);
    }
    dup2(out_fd, STDOUT_FILENO);
    execvp(argv[0], argv);
    _exit(127);
}

static long elapsed_ms(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/*
 * Run argv (no shell) and collect its stdout into out, at most cap bytes,
 * within wall seconds. On any failure returns a status and a reason
 * naming the program; the whole process group is killed on a timeout or
 * an oversized output.
 */
static wa_status run_capture(char *const argv[], int wall, size_t cap, struct wa_buf *out,
                             struct wa_buf *reason)
{
    int fds[2], status = 0;
    pid_t pid, parent;
    struct timespec start;
    wa_status st = WA_OK;
    char chunk[65536];

    if (pipe(fds) != 0) {
        wa_buf_addf(reason, "cannot create a pipe: %s", strerror(errno));
        return WA_ERR_IO;
    }
    parent = getpid();
    pid = fork();
    if (pid < 0) {
        wa_buf_addf(reason, "cannot start %s: %s", argv[0], strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return WA_ERR_IO;
    }
    if (pid == 0) {
        close(fds[0]);
        child(argv, fds[1], parent);
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    setpgid(pid, pid); /* also here, so the kill below cannot race the child */
    close(fds[1]);
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        struct pollfd pfd = {fds[0], POLLIN, 0};
        long left = (long)wall * 1000 - elapsed_ms(&start);
        ssize_t n;
        int r;
        if (left <= 0) {
            wa_buf_addf(reason, "%s timed out after %d s", argv[0], wall);
            st = WA_ERR_TIMEOUT;
            break;
        }
        r = poll(&pfd, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            continue;
        n = read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (out->len + (size_t)n > cap) {
            wa_buf_addf(reason, "%s output exceeds %zu MiB", argv[0], cap >> 20);
            st = WA_ERR_TOOBIG;
            break;
        }
        st = wa_buf_add(out, chunk, (size_t)n);
        if (st != WA_OK)
            break;
    }
    close(fds[0]);
    if (st != WA_OK)
        kill(-pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (st != WA_OK)
        return st;
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        if (sig == SIGXCPU)
            wa_buf_addf(reason, "%s exceeded its CPU time limit", argv[0]);
        else
            wa_buf_addf(reason, "%s killed by signal %d", argv[0], sig);
        return WA_ERR_FORMAT;
    }
    if (WEXITSTATUS(status) == 127) {
        wa_buf_addf(reason, "cannot run %s (poppler-utils installed?)", argv[0]);
        return WA_ERR_UNSUPPORTED;
    }
    if (WEXITSTATUS(status) == 3) {
        wa_buf_addf(reason, "%s: PDF is encrypted or copying is not permitted", argv[0]);
        return WA_ERR_FORMAT;
    }
    if (WEXITSTATUS(status) != 0) {
        wa_buf_addf(reason, "%s cannot read the PDF (damaged?), exit %d", argv[0],
                    WEXITSTATUS(status));
        return WA_ERR_FORMAT;
    }
    return WA_OK;
}

/* "Key:   value" lines of pdfinfo into record fields. */
static wa_status apply_info(const char *p, size_t len, struct wa_record *rec)
{
    static const struct {
        const char *label, *key;
    } map[] = {{"Title", "title"},
               {"Author", "authors"},
               {"Subject", "summary"},
               {"Keywords", "tags"},
               {"CreationDate", "date"}};
    const char *end = p + len;
    wa_status st = WA_OK;

    while (p < end && st == WA_OK) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *q = eol ? eol : end;
        const char *colon = memchr(p, ':', (size_t)(q - p));
        size_t i;
        if (colon) {
            for (i = 0; i < sizeof map / sizeof map[0]; i++) {
                size_t kl = strlen(map[i].label);
                if ((size_t)(colon - p) == kl && memcmp(p, map[i].label, kl) == 0) {
                    struct wa_buf v;
                    wa_buf_init(&v, 0);
                    st = wa_utf8_normalize(colon + 1, (size_t)(q - colon - 1), &v);
                    if (st == WA_OK)
                        st = wa_record_set(rec, map[i].key, v.p, v.len);
                    if (st == WA_ERR_FORMAT)
                        st = WA_OK; /* an odd date in the info dictionary is ignored */
                    wa_buf_release(&v);
                }
            }
        }
        p = q + 1;
    }
    return st;
}

static int blank(const char *p, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (p[i] != ' ' && p[i] != '\n' && p[i] != '\r' && p[i] != '\t' && p[i] != '\f')
            return 0;
    return 1;
}

wa_status wa_pdf_finish(const char *text, size_t len, const char *info, size_t info_len,
                        struct wa_record *rec, struct wa_buf *reason)
{
    struct wa_buf norm;
    wa_status st = WA_OK;

    if (blank(text, len)) {
        wa_buf_adds(reason, "no text extracted (scanned PDF?)");
        return WA_ERR_FORMAT;
    }
    wa_buf_init(&norm, 0);
    if (info_len)
        st = apply_info(info, info_len, rec);
    if (st == WA_OK)
        st = wa_utf8_normalize(text, len, &norm);
    if (st == WA_OK) {
        rec->text = wa_buf_detach(&norm, &rec->text_len);
        if (!rec->text)
            st = WA_ERR_NOMEM;
    }
    wa_buf_release(&norm);
    return st;
}

static wa_status extract_pdf(const char *path, const char *data, size_t len, struct wa_record *rec,
                             struct wa_buf *reason)
{
    struct wa_buf raw, info, why, file;
    wa_status st;
    char *text_argv[] = {"pdftotext", "-q", "-enc", "UTF-8", NULL, "-", NULL};
    char *info_argv[] = {"pdfinfo", "-enc", "UTF-8", "-isodates", NULL, NULL};

    /* a relative name starting with '-' would be read as an option */
    wa_buf_init(&file, 0);
    if (wa_buf_addf(&file, "%s%s", path[0] == '-' ? "./" : "", path) != WA_OK)
        return WA_ERR_NOMEM;
    text_argv[4] = info_argv[4] = file.p;

    if (len < 5 || memcmp(data, "%PDF-", 5) != 0) {
        wa_buf_adds(reason, len ? "not a PDF file (no %PDF- header)" : "empty file");
        wa_buf_release(&file);
        return WA_ERR_FORMAT;
    }
    wa_buf_init(&raw, 0);
    wa_buf_init(&info, 0);
    wa_buf_init(&why, 1024);
    st = run_capture(text_argv, wall_seconds, PDF_MAX_OUTPUT, &raw, reason);
    if (st != WA_OK)
        goto cleanup;
    /* the metadata is a bonus: a failing pdfinfo does not lose the text */
    if (!blank(raw.p, raw.len) &&
        run_capture(info_argv, wall_seconds, (size_t)1 << 20, &info, &why) != WA_OK)
        wa_buf_truncate(&info, 0);
    st = wa_pdf_finish(raw.p, raw.len, info.p, info.len, rec, reason);
cleanup:
    if (st != WA_OK && !reason->len)
        wa_buf_adds(reason, wa_strerror(st));
    wa_buf_release(&raw);
    wa_buf_release(&info);
    wa_buf_release(&why);
    wa_buf_release(&file);
    return st;
}

static const char *const pdf_exts[] = {"pdf", NULL};
const struct wa_extractor wa_extractor_pdf = {"pdf", pdf_exts, extract_pdf};
