#!/usr/bin/env bash
# Runs 200 queries drawn from real headlines (apostrophes, quotes, hyphens, names such as O'Neill
# and Ocasio-Cortez, numbers, non-ASCII) against an index of the AllSides corpus, and prints how
# many answered, how many found something (whole headlines and their first words apart), and
# every error exit. Exits 1 if any query ended in an error (exit 2) or a crash.
#
#   scripts/headline_queries.sh [INDEX] [CORPUS]
#
# INDEX defaults to /tmp/allsides-idx (built first when missing, about a minute), CORPUS to
# ../shared/corpora/allsides. The headlines are read from the corpus at run time; nothing of it
# is kept in the project. Needs python3 (to read the gzip'd JSON Lines).
set -euo pipefail
cd "$(dirname "$0")/.."
INDEX="${1:-/tmp/allsides-idx}"
CORPUS="${2:-../shared/corpora/allsides}"
BIN=target/release/whosaid
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS (see ../shared/README.md)" >&2; exit 2; }
cargo build --release --quiet
if [ ! -f "$INDEX/meta.json" ]; then
    "$BIN" index "$CORPUS" --index "$INDEX" --quiet
fi
QUERIES="$(mktemp)"
trap 'rm -f "$QUERIES"' EXIT
python3 - "$CORPUS" > "$QUERIES" <<'PY'
import glob, gzip, json, random, re, sys
titles = []
for path in sorted(glob.glob(sys.argv[1] + "/*.jsonl.gz")):
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                t = json.loads(line).get("title") or ""
            except ValueError:
                continue
            t = " ".join(t.split())
            if 3 <= len(t) <= 120:
                titles.append(t)
rng = random.Random(17)
kinds = [
    lambda t: "'" in t or "’" in t,             # apostrophes: Trump's, don't, O'Neill
    lambda t: '"' in t or "“" in t or "‘" in t,   # quotes, balanced or not
    lambda t: re.search(r"\w-\w", t),            # hyphens: Ocasio-Cortez, anti-Trump
    lambda t: re.search(r"\d", t),               # numbers: 9/11, $1.5 trillion, 2020
    lambda t: re.search(r"[^\x00-\x7f]", t),     # non-ASCII: accents, dashes, curly marks
    lambda t: re.search(r"[:/?!&()]", t),        # colons, slashes, operators' characters
]
picked = ["O'Neill", "Ocasio-Cortez", "Trump's wall", "don't", "9/11", "U.S.-China trade war"]
for k in kinds:
    pool = [t for t in titles if k(t) and t not in picked]
    rng.shuffle(pool)
    picked += pool[: (200 - 6) // len(kinds) + 1]
for t in picked[:200]:
    # A headline as a user would paste it, or its first words (a shorter query); the form first,
    # then a tab.
    words = t.split()
    if rng.random() < 0.5:
        print("headline\t" + t)
    else:
        print("words\t" + " ".join(words[: rng.randint(2, 5)]))
PY
total=0; found=0; none=0; errors=0
declare -A asked=() answered=()
while IFS=$'\t' read -r form q; do
    total=$((total + 1))
    asked[$form]=$(( ${asked[$form]:-0} + 1 ))
    set +e
    "$BIN" search --index "$INDEX" -n 1 --json -- "$q" > /dev/null 2> /tmp/headline_err.$$
    rc=$?
    set -e
    case $rc in
        0) found=$((found + 1)); answered[$form]=$(( ${answered[$form]:-0} + 1 )) ;;
        1) none=$((none + 1)) ;;
        *) errors=$((errors + 1)); echo "exit $rc: $q: $(head -c 300 /tmp/headline_err.$$)" ;;
    esac
done < "$QUERIES"
rm -f /tmp/headline_err.$$
echo "$total queries: $found with hits ($((100 * found / total))%), $none without, $errors error exits"
for form in headline words; do
    n=${asked[$form]:-0}; k=${answered[$form]:-0}
    [ "$n" -gt 0 ] && echo "  $form: $k of $n with hits ($((100 * k / n))%)"
done
[ "$errors" -eq 0 ]
