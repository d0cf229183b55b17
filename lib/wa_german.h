/* German text analysis shared by indexing and querying: gender forms, e-words,
 * compounds, concept terms, identifiers, stopwords and query syntax. */
#ifndef WA_GERMAN_H
#define WA_GERMAN_H

#include <stddef.h>

#include "wa_buf.h"
#include "wa_compound.h"
#include "wa_schema.h"
#include "wa_status.h"
#include "wa_xapian.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Identifier terms (WA_PREFIX_IDENT, lib/wa_schema.h) are queried as kennung:VALUE. */
/* Query field name of the identifier terms. */
#define WA_GERMAN_IDENT_FIELD "kennung"
/* Query field for one word without compound parts (what a quoted word becomes). */
#define WA_GERMAN_EXACT_FIELD "exakt"
/* Query field of concept terms (konzept:ki); multi-word synonyms become it. */
#define WA_GERMAN_CONCEPT_FIELD "konzept"
/* Environment variable naming the data directory (dictionary, synonyms). */
#define WA_GERMAN_DATA_ENV "WERKARCHIV_DATA"
/* Synonym table file in the data directory. */
#define WA_GERMAN_SYNONYMS_FILE "synonyms.txt"

/*
 * The directory holding the compound dictionary and the synonym table:
 * $WERKARCHIV_DATA if set, else the build tree's data/ folder if it holds a
 * dictionary, else the installed share/werkarchiv. Never NULL, static.
 */
const char *wa_german_data_dir(void);

/*
 * The process-wide compound splitter, mapped from the data directory on
 * first use; NULL if no dictionary is available (compounds are then not
 * split; wa_german_status tells why). Not thread-safe.
 */
wa_splitter *wa_german_splitter(void);

/* Status of loading the German data (dictionary); WA_OK if loaded or not tried yet. */
wa_status wa_german_status(void);

/* The query stopwords (Snowball German list minus negations and sein/weg/hin),
 * NULL-terminated, static; *n receives the count. Cannot fail. */
const char *const *wa_german_stopwords(size_t *n);

/*
 * The stem to use instead of german2's for a lower-case word whose Snowball
 * stem would merge it with an unrelated word (Bürger/Burg, Müller/Müll,
 * Wähler/Wahl, Bauer/Bau, Akte/Akt, Verwalter/Verwaltung), or NULL for any
 * other word. Used by indexing and queries alike. Cannot fail.
 */
const char *wa_german_stem_exception(const char *word, size_t len);

/*
 * Rewrite a user query in German syntax into Xapian QueryParser syntax,
 * appended to out: UND/ODER/NICHT/NAHE become AND/OR/NOT/NEAR (upper case,
 * outside quotes), gender forms become (Bürgerinnen OR Bürger) (inside
 * quotes only the feminine plain form), E-Akte/e-Akte become EAkte,
 * paragraph and file numbers become kennung: filters, hyphenated
 * abbreviations also match their joined form, and unquoted compounds also
 * match all their parts (Löschfristen: (Löschfristen OR (lösch AND
 * fristen))). On error out may hold a partial result.
 */
wa_status wa_german_query(const char *q, size_t len, struct wa_buf *out);
/* The same without the parts of compounds: what ranks the whole words. */
wa_status wa_german_query_whole(const char *q, size_t len, struct wa_buf *out);

/*
 * Index text into doc like wa_doc_index_text, with German normalisation:
 * gender forms are indexed as the feminine plain form plus the masculine
 * form at the same position, E-Akte as eakte. For the body (prefix "")
 * also adds compound parts (ZXC<stem>, wdf 1, no positions), concept
 * terms (XK<concept>) of synonym variants found in the text, and
 * identifier terms (XID...). On error the message is in wa_doc_errmsg.
 */
wa_status wa_german_index_text(wa_doc *doc, const char *text, size_t len, unsigned wdf_inc,
                               const char *prefix);

/* The synonym table: concepts with their variants, from synonyms.txt. */
struct wa_synonyms;

/*
 * Parse a synonym table: one concept per line "id = Variant; Variant; ...",
 * '#' comments. On a syntax error returns WA_ERR_FORMAT with the line
 * number in *bad_line. *out is freed with wa_synonyms_free.
 */
wa_status wa_synonyms_load(struct wa_synonyms **out, const char *path, long *bad_line);
void wa_synonyms_free(struct wa_synonyms *s);
/* The table used for indexing and query rewriting: loaded once from the
 * file wa_german_use_synonyms named, else from the data directory; NULL if
 * absent or unreadable. */
const struct wa_synonyms *wa_german_synonyms(void);
/*
 * Use the synonym table in the file path (copied) instead of the data
 * directory's, as an archive with its own list does (docs/synonyms.md);
 * NULL goes back to the data directory's. The table is read again at the
 * next wa_german_synonyms call; pointers it returned before are freed.
 * WA_ERR_NOMEM when out of memory (nothing changes).
 */
wa_status wa_german_use_synonyms(const char *path);
/* The file wa_german_synonyms reads (borrowed, valid until the next
 * wa_german_use_synonyms). Cannot fail. */
const char *wa_german_synonyms_path(void);

/*
 * Register every variant of the data directory's synonym table as a
 * synonym key for XK<concept> in w (and drop keys of an older table).
 * WA_ERR_NOT_FOUND if there is no table. Call once per writable database.
 */
wa_status wa_german_register_synonyms(wa_wdb *w);

/*
 * The query with transliterated spellings turned into umlauts (Muenchen →
 * München; not after a vowel or "q": Bauer, Quelle stay), appended to out;
 * nothing is appended if no word changes. Used as a lower-weighted
 * alternative for the unstemmed exact-form boost.
 */
wa_status wa_german_umlaut_variant(const char *q, size_t len, struct wa_buf *out);

/*
 * Clean a spelling correction of the query orig: words the archive has
 * (exists(ctx, lower-case word) != 0) are kept as typed, and corrected
 * words of capitalised query words are capitalised again. Appends the
 * result to out, or nothing if no correction remains.
 */
wa_status wa_german_fix_correction(const char *orig, const char *corrected,
                                   int (*exists)(void *ctx, const char *w, size_t len), void *ctx,
                                   struct wa_buf *out);

/*
 * 1 if the archive has every word of the query orig (exists(ctx, lower-case
 * word) != 0, the words taken as wa_german_fix_correction takes them), so
 * that no correction could remain: the costly spelling suggestion can be
 * skipped. 0 otherwise. Cannot fail (out of memory answers 0).
 */
int wa_german_known_words(const char *orig, int (*exists)(void *ctx, const char *w, size_t len),
                          void *ctx);

/*
 * Append the ids of the concepts of s whose variants occur in text,
 * space-separated in table order, to out (what indexing adds as XK terms).
 */
wa_status wa_german_concepts(const struct wa_synonyms *s, const char *text, size_t len,
                             struct wa_buf *out);

#ifdef __cplusplus
}
#endif
#endif
