#!/usr/bin/env bash
# Compounds both ways: a query compound found as the tail of a longer compound
# (Überwachungsliste → Haushaltsüberwachungsliste) and through its parts
# standing apart (Löschfristen → "Löschung der Fristen"), both below the
# documents that have the whole word, with the matches marked in the snippet.
. "$(dirname "$0")/lib.sh"
D="$TMP/docs"
mkdir -p "$D"
printf 'Notiz\n\nDie Überwachungsliste wird monatlich geprüft.\n' >"$D/a-ganz.txt"
printf 'Haushalt\n\nDie Haushaltsüberwachungsliste des Kämmerers wird fortgeschrieben.\n' >"$D/b-laenger.txt"
printf 'Regeln\n\nDie Löschfristen gelten für alle Akten.\n' >"$D/c-ganz.txt"
printf 'Hinweise\n\nZur Löschung der Unterlagen gelten feste Fristen.\n' >"$D/d-getrennt.txt"
printf 'Anderes\n\nEine Liste der Termine und eine Frist für Rückfragen.\n' >"$D/e-nichts.txt"
DB="$TMP/db"
"$WA_INDEX" --db "$DB" -q add "$D" >/dev/null 2>"$TMP/index.err" || { fail "indexing"; finish; }

got=$(ids "$DB" 'Überwachungsliste' | tr '\n' ' ')
[ "$got" = "a-ganz.txt b-laenger.txt " ] && ok ||
  fail "tail of a longer compound found, below the whole word: $got"
got=$(ids "$DB" 'Löschfristen' | tr '\n' ' ')
[ "$got" = "c-ganz.txt d-getrennt.txt " ] && ok ||
  fail "parts standing apart found, below the whole word: $got"
# lower case and inflected forms too
got=$(ids "$DB" 'Löschfrist' | tr '\n' ' ')
[ "$got" = "c-ganz.txt d-getrennt.txt " ] && ok || fail "Löschfrist: $got"
# quoted: the word exactly, no parts
got=$(ids "$DB" '"Löschfristen"' | tr '\n' ' ')
[ "$got" = "c-ganz.txt " ] && ok || fail "quoted compound stays whole: $got"

# the snippets mark what matched
"$WA_SEARCH" --db "$DB" --json 'Überwachungsliste' >"$TMP/j1" 2>/dev/null
expect_grep "longer compound marked" '<mark>Haushaltsüberwachungsliste</mark>' "$TMP/j1"
"$WA_SEARCH" --db "$DB" --json 'Löschfristen' >"$TMP/j2" 2>/dev/null
expect_grep "parts marked" '<mark>Löschung</mark> der Unterlagen gelten feste <mark>Fristen</mark>' "$TMP/j2"
finish
