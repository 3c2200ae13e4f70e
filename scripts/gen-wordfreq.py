#!/usr/bin/env python3
"""Generate assets/words/ar-general.tsv: how often each Arabic word is written in general text.

Source (fetched with the ordinary client): the PyPI package wordfreq 3.1.1 (code Apache-2.0; its
word lists CC BY-SA 4.0, built by Robyn Speer from Wikipedia, OpenSubtitles, news, web text and
Twitter), file wordfreq/data/large_ar.msgpack.gz. Reading it needs the msgpack package
(`python3 -m pip install msgpack`).

Usage: scripts/gen-wordfreq.py [--wordfreq DIR] [--max-centibels N]   (run from the crate root)
  --wordfreq:      an unpacked wordfreq wheel (default: `pip download --no-deps wordfreq==3.1.1`
                   into a temp dir, then unzip).
  --max-centibels: the rarest words kept (default 700: a frequency of one in ten million).

Output: one word a line, `WORD <TAB> CENTIBELS`, the word as wordfreq writes it (Arabic letters
only: no digits, Latin or punctuation), CENTIBELS its frequency as -100 * log10, commonest first.
The Arabic tagger's trainer (`bitext-train`) folds the words as bitext folds them and derives what
its features use: how common a word is, and how often it is written with an attached pronoun, the
article or a plural ending (`entities::tagger::features::general_codes`). Only those codes, keyed
by fingerprints, reach the model; none of the text does.
"""

import argparse
import gzip
import pathlib
import re
import sys

from pypi_wheel import unpacked

VERSION = "3.1.1"
ARABIC = re.compile(r"^[\u0621-\u064a\u0671-\u06d3]+$")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wordfreq")
    ap.add_argument("--max-centibels", type=int, default=700)
    a = ap.parse_args()
    import msgpack

    src = unpacked(a.wordfreq, "wordfreq", VERSION) / "wordfreq" / "data" / "large_ar.msgpack.gz"
    data = msgpack.unpackb(gzip.open(src).read(), raw=False)
    header, buckets = data[0], data[1:]
    if header.get("format") != "cB":
        sys.exit(f"{src}: unknown format {header!r}")
    out = pathlib.Path("assets/words/ar-general.tsv")
    n = 0
    with out.open("w", encoding="utf-8", newline="\n") as f:
        # Bucket i (from 0) holds the words of frequency 10^(-i/100).
        for cb, words in enumerate(buckets):
            if cb > a.max_centibels:
                break
            for w in sorted(words):
                if ARABIC.match(w):
                    f.write(f"{w}\t{cb}\n")
                    n += 1
    print(f"{out}: {n} words", file=sys.stderr)


if __name__ == "__main__":
    main()
