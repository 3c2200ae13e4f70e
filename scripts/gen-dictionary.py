#!/usr/bin/env python3
"""Generate assets/words/ar-not-in-dictionary.txt: the words of general Arabic text that an Arabic
dictionary of ordinary words does not know.

Source: the Arabic spelling dictionary Ayaspell 3.2 by Mohamed Kebdani (GPL 2.0 / LGPL 2.1 /
MPL 1.1), as Debian's package hunspell-ar installs it (/usr/share/hunspell/ar.aff and ar.dic),
checked with Debian's hunspell. The words checked are those of assets/words/ar-general.tsv
(scripts/gen-wordfreq.py). Needs the Debian packages hunspell and hunspell-ar.

Usage: scripts/gen-dictionary.py [--dict DIR]   (run from the crate root)
  --dict: the folder of ar.aff and ar.dic (default /usr/share/hunspell).

What is checked against: the dictionary without its proper names. Its ar.dic joins several files;
the one of nouns (names.dic) opens with a section of proper names (the forms of الله, the names
of the letters, continents, countries and their adjectives, capitals and some eighty given
names), from the line `###أسماء` to the line `####الأسماء####`, where its common nouns start.
That section is left out, so that a word the dictionary knows is an ordinary word (noun, verb,
adjective, particle, with their clitics and endings, as its affix rules expand them): زياد and
واشنطن are not known, حزب, الكرة and كتابها are. A name that is also an ordinary word (كريم
"generous", محمد "praised") is known.

Output: one word a line, the words of ar-general.tsv (as written there) that hunspell does not
accept, in that file's order. The Arabic tagger's trainer (`bitext-train`) folds them and marks
their general-text codes (`entities::tagger::features::general_codes`); only those codes, keyed
by fingerprints, reach the model.
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dict", default="/usr/share/hunspell")
    a = ap.parse_args()
    src = pathlib.Path(a.dict)
    lines = (src / "ar.dic").read_text(encoding="utf-8").split("\n")
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith("###أسماء"))
        end = lines.index("####الأسماء####", start)
    except (StopIteration, ValueError):
        sys.exit(f"{src / 'ar.dic'}: no section of proper names where Ayaspell 3.2 has it")
    body = lines[1:start] + lines[end:]
    body = [l for l in body if l]
    tmp = pathlib.Path(tempfile.mkdtemp())
    (tmp / "ar.dic").write_text(f"{len(body)}\n" + "\n".join(body) + "\n", encoding="utf-8")
    (tmp / "ar.aff").write_bytes((src / "ar.aff").read_bytes())
    general = pathlib.Path("assets/words/ar-general.tsv")
    words = [l.split("\t", 1)[0] for l in general.read_text(encoding="utf-8").splitlines() if l]
    run = subprocess.run(
        ["hunspell", "-d", str(tmp / "ar"), "-l"],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    unknown = set(run.stdout.split())
    out = pathlib.Path("assets/words/ar-not-in-dictionary.txt")
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for w in words:
            if w in unknown:
                f.write(f"{w}\n")
    print(f"{out}: {len(unknown)} of {len(words)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
