#!/usr/bin/env python3
"""Generate assets/words/ar-person-names.tsv: the words of people's names written in Arabic letters.

Source (fetched with the ordinary client): the PyPI package arabic-name-romanizer 0.2.0 (code MIT),
file arabic_name_romanizer/resources/names.sqlite3, table `units`: the given names and family
names of people on Wikidata (CC0 1.0) with a citizenship of an Arabic-speaking country (and of
Afghanistan, Iran and Pakistan), their Arabic labels split into name units, each with its role
(given name or family name) and how many people carry it. Only the rows whose source is Wikidata
are read; the package's other rows (the DziriNames benchmark) are left out.

Usage: scripts/gen-person-names.py [--romanizer DIR]   (run from the crate root)
  --romanizer: an unpacked arabic-name-romanizer wheel (default: `pip download --no-deps
               arabic-name-romanizer==0.2.0` into a temp dir, then unzip).

Output: one word a line, `WORD <TAB> GIVEN <TAB> FAMILY`: a word of a name unit as the package
writes it (its own folding: alef forms unified, teh marbuta as heh), and how many people carry a
given name and a family name with that word. Sorted by word. The Arabic tagger's trainer
(`bitext-train`) folds the words as bitext folds them and derives a code per word
(`entities::tagger::features::person_name_codes`); only those codes, keyed by fingerprints, reach
the model; none of the text does.
"""

import argparse
import collections
import pathlib
import re
import sqlite3
import sys

from pypi_wheel import unpacked

VERSION = "0.2.0"
ARABIC = re.compile(r"^[\u0621-\u064a\u0671-\u06d3]+$")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--romanizer")
    a = ap.parse_args()
    romanizer = unpacked(a.romanizer, "arabic-name-romanizer", VERSION)
    db = romanizer / "arabic_name_romanizer" / "resources" / "names.sqlite3"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    counts = collections.defaultdict(lambda: [0, 0])
    rows = con.execute("SELECT arabic_key, role, count FROM units WHERE source = 'wikidata'")
    for key, role, n in rows:
        slot = {"given": 0, "surname": 1}.get(role)
        if slot is None:
            continue
        for w in key.split():
            if ARABIC.match(w):
                counts[w][slot] += n
    out = pathlib.Path("assets/words/ar-person-names.tsv")
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for w in sorted(counts):
            g, s = counts[w]
            f.write(f"{w}\t{g}\t{s}\n")
    print(f"{out}: {len(counts)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
