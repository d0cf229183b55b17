/* Measure compound splitting speed (words per second) with and without the memo cache. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wa_buf.h"
#include "wa_compound.h"
#include "wa_german.h"
#include "wa_utf8.h"

#define PROG "wa_compound_bench"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Lower-cased words of the file, NUL-separated in arena; returns the count. */
static size_t read_words(const char *path, struct wa_buf *arena)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    size_t n = 0;

    if (!f) {
        perror(path);
        exit(2);
    }
    while (fgets(line, sizeof line, f)) {
        char *p = line;
        while (*p) {
            size_t k = 0;
            while (p[k] && p[k] != ' ' && p[k] != '\n' && p[k] != '\t' && p[k] != ',' &&
                   p[k] != '.')
                k++;
            if (k && wa_utf8_valid(p, k)) {
                if (wa_utf8_lower(p, k, arena) != WA_OK || wa_buf_addch(arena, '\0') != WA_OK)
                    exit(2);
                n++;
            }
            p += k;
            if (*p)
                p++;
        }
    }
    fclose(f);
    return n;
}

static double run(wa_splitter *s, const struct wa_buf *arena, size_t n, int rounds, int cached,
                  size_t *split)
{
    struct wa_part parts[WA_COMPOUND_MAXPARTS];
    double t0 = now();
    int r;

    *split = 0;
    for (r = 0; r < rounds; r++) {
        size_t i, o = 0;
        for (i = 0; i < n; i++) {
            size_t len = strlen(arena->p + o);
            size_t k = cached ? wa_splitter_split(s, arena->p + o, len, parts)
                              : wa_splitter_split_nocache(s, arena->p + o, len, parts);
            *split += k > 1;
            o += len + 1;
        }
    }
    return (double)n * rounds / (now() - t0);
}

int main(int argc, char **argv)
{
    struct wa_buf arena;
    wa_splitter *s = wa_german_splitter();
    double t0, open_ms, a, b;
    size_t n, split_a, split_b;
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 5;

    if (argc < 2) {
        fprintf(stderr, "usage: " PROG " TEXTFILE [ROUNDS]\n");
        return 2;
    }
    if (!s) {
        fprintf(stderr, PROG ": no compound dictionary in '%s': %s\n", wa_german_data_dir(),
                wa_strerror(wa_german_status()));
        return 2;
    }
    wa_splitter_free(NULL);
    t0 = now();
    {
        char path[4096];
        wa_splitter *s2;
        snprintf(path, sizeof path, "%s/%s", wa_german_data_dir(), WA_DICT_FILE);
        if (wa_splitter_open(&s2, path) != WA_OK)
            return 2;
        open_ms = (now() - t0) * 1000.0;
        wa_splitter_free(s2);
    }
    wa_buf_init(&arena, 0);
    n = read_words(argv[1], &arena);
    if (rounds < 1)
        rounds = 1;
    a = run(s, &arena, n, 1, 0, &split_a);
    b = run(s, &arena, n, rounds, 1, &split_b);
    printf("dictionary: %zu words, opened (mmap) in %.3f ms\n", wa_splitter_words(s), open_ms);
    printf("text: %zu words from %s\n", n, argv[1]);
    printf("uncached: %.0f words/s (%zu compounds split)\n", a, split_a);
    printf("memoised: %.0f words/s over %d rounds (%zu compounds split per round)\n", b, rounds,
           split_b / (size_t)rounds);
    wa_buf_release(&arena);
    return 0;
}
