#!/usr/bin/env bash
# Install the Debian 12 packages Werkarchiv needs, only those that are missing.
# Usage: scripts/deps.sh [build|test|bench]   (test adds what the test suite needs, bench
#   what bench/speed compares against and indexes)
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake pkg-config
  libxapian-dev          # the search engine library
  libxml2-dev            # HTML and XML parsing
  libjansson-dev         # JSON output and stored records
  libutf8proc-dev        # Unicode normalisation (NFC) and case folding
  libuchardet-dev        # charset detection of legacy text files
  libzip-dev             # ODT and DOCX containers
  libcmark-dev           # Markdown
  poppler-utils          # pdftotext/pdfinfo, run as resource-limited children
  wngerman hunspell-de-de  # German word lists for compound splitting
  liblingua-stopwords-perl # Snowball German stopword list
  python3
)
TEST_PKGS=(
  libcmocka-dev          # unit tests
  clang clang-format libclang-rt-14-dev  # sanitizer build, format check
  xapian-omega xapian-tools  # reference system for the relevance benchmark
  python3-jsonschema     # validates werkarchiv-search --json against docs/search-output.schema.json
  lighttpd curl          # serves werkarchiv.cgi for the browser tests (and scripts/serve.sh)
  apache2 nginx fcgiwrap # the docs/web/ snippets for Apache (mod_cgi) and nginx + fcgiwrap, tested
  apache2-utils          # htpasswd for the members' test through lighttpd's authentication
  chromium               # headless browser driven by playwright-core (tests/browser)
  nodejs                 # runs the browser tests (its npm runs npm ci for the pinned packages)
)

BENCH_PKGS=(
  xapian-omega xapian-tools  # Omega: omindex, quest, the omega CGI
  recoll                 # Recoll: recollindex, recollq
  gimp-help-de libreoffice-help-de manpages-de debian-reference-de texlive-lang-german
                         # German documentation: the benchmark corpus
  groff                  # renders manpages-de to HTML and PDF
)

want=("${BUILD_PKGS[@]}")
if [ "${1:-build}" = test ]; then
  want+=("${TEST_PKGS[@]}")
elif [ "${1:-build}" = bench ]; then
  want+=("${BENCH_PKGS[@]}")
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
