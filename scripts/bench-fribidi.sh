#!/usr/bin/env bash
# Throughput of bitext's layout engine against `fribidi --nobreak --nopad --rtl`, side by side on
# exactly the same Arabic text (the corpus benches/layout.rs builds from the project's Arabic
# paragraphs, about 4 MB, one paragraph per line).
#
# bitext: shape + wrap at 80 columns + reorder, in process on one thread, best of 5 runs: with
#   the cell maps (`layout_paragraph`, what the reader uses) and as plain text (`layout_plain`,
#   what `--print --only ar` writes).
# fribidi: shape + reorder each line (no wrapping), whole process, best of 5 runs.
# Prints the figures in MB/s and the ratios bitext / fribidi (the target is at least 2; the
# whole-process comparison is `python3 scripts/bench-scale.py --only fribidi`).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v fribidi >/dev/null || { echo "fribidi not found: apt-get install libfribidi-bin" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

BITEXT_CORPUS_OUT="$tmp/corpus.txt" cargo bench --quiet --bench layout >/dev/null
bytes=$(wc -c <"$tmp/corpus.txt")

best=""
for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    COLUMNS=100000 fribidi --nobreak --nopad --rtl <"$tmp/corpus.txt" >/dev/null
    end=$(date +%s%N)
    ns=$((end - start))
    if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
done
fribidi_mbs=$(awk -v b="$bytes" -v ns="$best" 'BEGIN { printf "%.2f", b / (ns / 1e9) / 1e6 }')

figures=$(BITEXT_CORPUS_IN="$tmp/corpus.txt" cargo bench --quiet --bench layout)
bitext_mbs=$(awk '/^bitext_mb_per_s/ { print $2 }' <<<"$figures")
plain_mbs=$(awk '/^bitext_plain_mb_per_s/ { print $2 }' <<<"$figures")

echo "corpus:  $bytes bytes of Arabic text"
echo "fribidi: $fribidi_mbs MB/s (fribidi --nobreak --nopad --rtl)"
echo "bitext:  $bitext_mbs MB/s (layout_paragraph: cells, RTL, width 80, one thread)"
echo "bitext:  $plain_mbs MB/s (layout_plain: text, RTL, width 80, one thread)"
awk -v a="$bitext_mbs" -v p="$plain_mbs" -v b="$fribidi_mbs" \
    'BEGIN { printf "ratio:   %.2f with cells, %.2f plain (bitext / fribidi)\n", a / b, p / b }'
