#!/usr/bin/env bash
# werkarchiv-search ranking: BM25 over stems carries the score, boosts only break
# ties; compound parts rank below whole words; long questions need most words.
. "$(dirname "$0")/lib.sh"
D="$TMP/docs"
mkdir -p "$D"
# every query word only in other forms, versus the exact forms of one word in the title
printf 'Auswahlen erstellen\n\nWie Sie Auswahlen erstellen und Auswahlen benutzen: erstellen, benutzen.\n' >"$D/a-stems.txt"
printf 'Erstellung\n\nErstellung, Erstellung. Ein Text ueber etwas anderes mit einer Auswahl am Rand.\n' >"$D/b-exact.txt"
# a compound that holds the query word versus the whole word
printf 'Gebühren\n\nDie Gebühren der Stadt.\n' >"$D/c-whole.txt"
printf 'Satzung\n\nDie Abwassergebühren der Stadt.\n' >"$D/d-compound.txt"
# long question: one document lacks a single word
printf 'Einführung\n\nSo führe ich Scrum in der Verwaltung ein: Sprints, Teams und Rollen.\n' >"$D/e-most.txt"
printf 'Scrum Verwaltung\n\nSo führe ich Scrum mit Schulung in der Verwaltung ein.\n' >"$D/f-all.txt"
# a plural in -s after a vowel, which the stemmer keeps apart from the singular
printf 'Bildarchiv\n\nEin altes Foto aus dem Archiv.\n' >"$D/g-foto.txt"
DB="$TMP/db"
"$WA_INDEX" --db "$DB" -q add "$D" >/dev/null 2>"$TMP/index.err" || { fail "indexing"; finish; }

first() { ids "$DB" "$@" | head -1; }
[ "$(first 'Auswahl Erstellung')" = a-stems.txt ] && ok ||
  fail "every word's stem beats one exact form: $(ids "$DB" 'Auswahl Erstellung' | tr '\n' ' ')"
got=$(ids "$DB" 'Gebühren' | tr '\n' ' ')
[ "$got" = "c-whole.txt d-compound.txt " ] && ok || fail "compound part found, below the whole word: $got"
got=$(ids "$DB" 'Wie führe ich Scrum mit Schulung in der Verwaltung ein' | tr '\n' ' ')
[ "$got" = "f-all.txt e-most.txt " ] && ok || fail "long question: all words first, then most: $got"
expect_exit 0 "long question as text" -- "$WA_SEARCH" --db "$DB" 'Wie führe ich Scrum mit Schulung in der Verwaltung ein'
expect_grep "long question says not all words matched" "Zuerst Treffer mit allen Wörtern" "$TMP/out"
got=$(ids "$DB" 'Scrum Schulung Verwaltung' | tr '\n' ' ')
[ "$got" = "f-all.txt " ] && ok || fail "three words are all required: $got"
[ "$(first 'Fotos')" = g-foto.txt ] && ok || fail "Fotos finds Foto"
finish
