#!/usr/bin/env python3
"""Generate a large bilingual test document from the project's own articles.

Builds a file of (at least) the requested size by repeating the bundled sample and the aligned test
fixtures, article by article, with every number varied per copy (the same new number on both sides, so
the copies still agree and the aligner's anchors still work), so the result is not one paragraph
repeated. Forms: `blocks` (all Arabic, blank line, all English), `interleaved`, `tsv`, `tmx` (a TMX 1.4
memory, one `<tu>` per pair; its text is the size asked for, its markup comes on top).

    python3 scripts/gen-large.py --size 50M --form blocks -o /tmp/big.txt
"""
import argparse
import glob
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIGITS = re.compile(r"[0-9]+")


def articles():
    """(arabic paragraphs, english paragraphs) of every 1-1 two-block article in the repo."""
    paths = [os.path.join(ROOT, "assets", "sample.txt")]
    paths += sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "formats", "blocks-ar-first.txt")))
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            blocks = [b for b in f.read().split("\n\n") if b.strip()]
        if len(blocks) != 2:
            continue
        ar, en = (b.strip().split("\n") for b in blocks)
        if len(ar) == len(en):
            out.append((ar, en))
    if not out:
        sys.exit("gen-large: no two-block articles found")
    return out


def vary(ar, en, rng):
    """Replace each distinct number with a new one of the same length, the same on both sides."""
    mapping = {}

    def sub(m):
        old = m.group(0)
        if old not in mapping:
            lo = 10 ** (len(old) - 1) if len(old) > 1 else 0
            mapping[old] = str(rng.randint(lo, 10 ** len(old) - 1))
        return mapping[old]

    return [DIGITS.sub(sub, p) for p in ar], [DIGITS.sub(sub, p) for p in en]


def parse_size(s):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    s = s.strip().upper().rstrip("B")
    if s and s[-1] in units:
        return int(float(s[:-1]) * units[s[-1]])
    return int(s)


def tmx(ar_all, en_all):
    """A TMX 1.4 memory of the pairs, as a CAT tool writes one (properties, inline codes)."""
    from xml.sax.saxutils import escape
    units = []
    for i, (x, y) in enumerate(zip(ar_all, en_all)):
        y = escape(y)
        if i % 3 == 0:
            y = y.replace(" ", ' <ph x="1">&lt;br/&gt;</ph>', 1)
        units.append(f'<tu tuid="{i}"><prop type="x-origin">gen-large</prop>\n'
                     f'  <tuv xml:lang="ar-SA"><seg>{escape(x)}</seg></tuv>\n'
                     f'  <tuv xml:lang="en-US"><seg>{y}</seg></tuv>\n</tu>\n')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header srclang="ar-SA" '
            'adminlang="en" segtype="paragraph" o-tmf="gen" creationtool="gen-large.py" '
            'creationtoolversion="1" datatype="plaintext"/>\n<body>\n' + "".join(units) + "</body>\n</tmx>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="1M", help="target size, e.g. 50K, 20M (default 1M)")
    ap.add_argument("--form", choices=["blocks", "interleaved", "tsv", "tmx"], default="blocks")
    ap.add_argument("--only", choices=["ar", "en"], help="write one language only")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    target = parse_size(a.size)
    rng = random.Random(a.seed)
    base = articles()
    ar_all, en_all, size, k = [], [], 0, 0
    while size < target:
        ar, en = vary(*base[k % len(base)], rng)
        k += 1
        ar_all += ar
        en_all += en
        # With --only, the size is that of the language written.
        written = ar if a.only == "ar" else en if a.only == "en" else ar + en
        size += sum(len(p.encode()) + 1 for p in written)
    if a.only == "ar":
        text = "\n".join(ar_all) + "\n"
    elif a.only == "en":
        text = "\n".join(en_all) + "\n"
    elif a.form == "blocks":
        text = "\n".join(ar_all) + "\n\n" + "\n".join(en_all) + "\n"
    elif a.form == "interleaved":
        text = "".join(f"{x}\n{y}\n" for x, y in zip(ar_all, en_all))
    elif a.form == "tsv":
        text = "".join(f"{x}\t{y}\n" for x, y in zip(ar_all, en_all))
    else:
        text = tmx(ar_all, en_all)
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    out.write(text)
    if out is not sys.stdout:
        out.close()
        print(f"gen-large: {len(text.encode())} bytes, {len(ar_all)} paragraphs a side, {k} articles",
              file=sys.stderr)


if __name__ == "__main__":
    main()
