/* wa_shard_gen: write N generated German documents into an archive, for the shard benchmark. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wa_archive.h"
#include "wa_buf.h"
#include "wa_document.h"
#include "wa_record.h"
#include "wa_schema.h"

/* Commit after this many documents, as the indexer batches. */
#define BATCH 2000
/* Longest word list line. */
#define MAX_WORD 128

static const char *const werkstaetten[] = {"Chatbot-Community",
                                           "Künstliche Intelligenz",
                                           "Open Source",
                                           "Datenschutz",
                                           "Barrierefreiheit",
                                           "Social Media",
                                           "Agiles Projektmanagement",
                                           "Neue Technologien und Cloud"};
static const char *const types[] = {"Protokoll", "Ergebnis", "Notiz", "Artikel"};

/* xorshift64*: the same documents on every run */
static unsigned long long rnd_state = 20261203ULL;
static unsigned long long rnd(void)
{
    rnd_state ^= rnd_state >> 12;
    rnd_state ^= rnd_state << 25;
    rnd_state ^= rnd_state >> 27;
    return rnd_state * 2685821657736338717ULL;
}

/* A word index skewed towards the frequent words (the list comes sorted by
 * frequency): the smaller of two uniform draws, squared in effect. */
static size_t pick(size_t n)
{
    size_t a = (size_t)(rnd() % n), b = (size_t)(rnd() % n);
    return a < b ? a : b;
}

static char **read_words(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    char line[MAX_WORD], **v = NULL;
    size_t cap = 0;

    *n = 0;
    if (!f)
        return NULL;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!*line)
            continue;
        if (*n == cap) {
            char **nv = realloc(v, (cap = cap ? 2 * cap : 1024) * sizeof *v);
            if (!nv)
                break;
            v = nv;
        }
        if (!(v[*n] = strdup(line)))
            break;
        (*n)++;
    }
    fclose(f);
    return v;
}

int main(int argc, char **argv)
{
    size_t nwords = 0, i, k, ntitle;
    char **words;
    wa_archive *a = NULL;
    long n;
    int rc = 1;

    if (argc != 4) {
        fprintf(stderr, "usage: wa_shard_gen WORDS ARCHIVE N\n");
        return 2;
    }
    words = read_words(argv[1], &nwords);
    n = strtol(argv[3], NULL, 10);
    if (!words || nwords < 100 || n <= 0) {
        fprintf(stderr, "wa_shard_gen: need a word list of 100 words or more and N > 0\n");
        return 2;
    }
    if (wa_archive_open_write(&a, argv[2]) != WA_OK) {
        fprintf(stderr, "wa_shard_gen: %s\n", wa_archive_errmsg(a));
        goto out;
    }
    ntitle = nwords < 2000 ? nwords : 2000; /* titles of common words */
    for (i = 0; i < (size_t)n; i++) {
        struct wa_record rec;
        struct wa_buf text, title;
        char id[64], idterm[256], date[16];
        size_t len = 60 + (size_t)(rnd() % 140);
        wa_doc *doc = NULL;
        wa_status st = WA_OK;

        wa_record_init(&rec);
        wa_buf_init(&text, 0);
        wa_buf_init(&title, 0);
        for (k = 0; k < 4 && st == WA_OK; k++)
            st = wa_buf_addf(&title, "%s%s", k ? " " : "", words[pick(ntitle)]);
        for (k = 0; k < len && st == WA_OK; k++)
            st = wa_buf_addf(&text, "%s%s", k ? " " : "", words[pick(nwords)]);
        snprintf(id, sizeof id, "gen/%03zu/dok%06zu.txt", i / 1000, i);
        snprintf(date, sizeof date, "%d-%02d-%02d", 2015 + (int)(rnd() % 12), 1 + (int)(rnd() % 12),
                 1 + (int)(rnd() % 28));
        if (st == WA_OK)
            st = wa_record_set_str(&rec.id, id, strlen(id));
        if (st == WA_OK)
            st = wa_record_set_str(&rec.title, title.p, title.len);
        if (st == WA_OK)
            st = wa_record_set(&rec, "datum", date, strlen(date));
        if (st == WA_OK) {
            const char *w = werkstaetten[rnd() % 8];
            st = wa_record_set(&rec, "werkstatt", w, strlen(w));
        }
        if (st == WA_OK)
            st = wa_record_set(&rec, "typ", types[i % 4], strlen(types[i % 4]));
        if (st == WA_OK)
            st = wa_record_set_str(&rec.format, "txt", 3);
        if (st == WA_OK)
            st = wa_archive_default_visibility(&rec);
        if (st == WA_OK) {
            rec.text = text.p;
            rec.text_len = text.len;
            wa_buf_init(&text, 0); /* the record owns the text now */
            rec.size = (long long)rec.text_len;
            st = wa_document_build(&rec, NULL, 0, NULL, &doc);
        }
        if (st == WA_OK)
            st =
                wa_archive_put(a, wa_schema_idterm(id, idterm, sizeof idterm), WA_SIDE_PUBLIC, doc);
        if (st == WA_OK && (i + 1) % BATCH == 0)
            st = wa_archive_commit(a);
        wa_doc_free(doc);
        wa_buf_release(&text);
        wa_buf_release(&title);
        wa_record_release(&rec);
        if (st != WA_OK) {
            fprintf(stderr, "wa_shard_gen: document %zu: %s\n", i, wa_archive_errmsg(a));
            goto out;
        }
    }
    rc = wa_archive_close(a) == WA_OK ? 0 : 1;
    if (rc)
        fprintf(stderr, "wa_shard_gen: %s\n", wa_archive_errmsg(a));
out:
    wa_archive_destroy(a);
    for (i = 0; i < nwords; i++)
        free(words[i]);
    free(words);
    return rc;
}
