#!/usr/bin/env python3
"""Validate the annotated evaluation articles (tests/eval/NN-topic.txt).

Usage: python3 tests/eval/check.py [FILE...]   (default: every tests/eval/[0-9]*.txt)

Checks, per file (the format is described in tests/eval/README.md):
  - header lines (`%% topic: T`, `%% discrepancy <pair> <kind>: <detail>`), then one blank line, then the
    Arabic paragraphs, ONE blank line, the English paragraphs, a final newline, `\\n` line endings only;
  - the same number of paragraphs on both sides (5 to 10), Arabic paragraphs written in Arabic script and
    English ones in Latin script;
  - markup `[[KIND id|surface]]`: balanced, known kinds, ASCII ids, one kind per id, a surface without
    outer spaces; removing the markup leaves clean text (no brackets, no bars, no doubled spaces);
  - span conventions: an Arabic mention starts at a word start or right after proclitics (و ف ب ل ك), never
    with لل; it ends at a word end; English mentions sit on word boundaries ('s may follow);
  - cross-language consistency: in every pair the Arabic and the English side mention the same set of ids,
    except for ids of the kind named by a `%% discrepancy` line of that pair (which must then differ);
  - nothing left unmarked: month names (all Arabic families, Hijri, English), weekdays and four-digit
    years (Western or Arabic-Indic digits) must lie inside a DATE span.
Exit status 0 when every file is clean, 1 otherwise. Prints a summary of the whole set.
"""

import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

KINDS = {"PER", "LOC", "DATE", "ORG"}
DISCREPANCY_KINDS = {"person": "PER", "place": "LOC", "number": None, "date": "DATE"}
TOPICS = {"politics", "economy", "sport", "weather", "religion", "holidays", "culture", "science",
          "regional", "health", "technology", "society"}
PROCLITICS = set("وفبلك")

MARK = re.compile(r"\[\[([A-Z]+) ([^|\[\]\s]+)\|([^\[\]|]*)\]\]")
HEADER_TOPIC = re.compile(r"^%% topic: ([a-z]+)$")
HEADER_DISC = re.compile(r"^%% discrepancy (\d+) ([a-z]+): (\S.*)$")
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

AR_MONTHS = (
    "يناير فبراير مارس أبريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
    "شباط آذار نيسان أيار حزيران تموز آب أيلول "
    "جانفي فيفري أفريل جوان جويلية أوت ماي يوليوز غشت شتنبر نونبر دجنبر "
    "محرم جمادى رجب شعبان رمضان شوال"
).split()
AR_MULTI = ["كانون الثاني", "كانون الأول", "تشرين الأول", "تشرين الثاني"]
AR_DAYS = "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت".split()
EN_MONTHS = ("January February March April May June July August September October November December "
             "Muharram Safar Rajab Sha'ban Shaaban Ramadan Shawwal").split()
EN_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
YEAR = re.compile(r"(?<![\d٠-٩.,٫٬])(?:1[89]|20|١[٨٩]|٢٠)[\d٠-٩]{2}(?![\d٠-٩%٪]|[.,٫٬][\d٠-٩])")
AR_CLITICS = "(?:[وف]?[بلك]?|[وف]?ال|[وف]?[بك]ال)"  # optional proclitics before a calendar word


def arabic_letters(s):
    return sum(1 for c in s if unicodedata.category(c).startswith("L") and "\u0600" <= c <= "\u08ff")


def latin_letters(s):
    return sum(1 for c in s if unicodedata.category(c).startswith("L") and c.isascii())


def is_letter(c):
    return unicodedata.category(c).startswith("L") or unicodedata.category(c) == "Mn"


def strip_markup(line):
    """Plain text and the mentions [(kind, id, start, end, surface)] with char offsets in the plain text."""
    out, mentions, pos = [], [], 0
    plain_len = 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        plain_len += m.start() - pos
        kind, ident, surface = m.groups()
        mentions.append((kind, ident, plain_len, plain_len + len(surface), surface))
        out.append(surface)
        plain_len += len(surface)
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), mentions


class Checker:
    def __init__(self, path):
        self.path = path
        self.errors = []
        self.stats = Counter()
        self.discrepancies = 0

    def err(self, where, msg):
        self.errors.append(f"{self.path.name}:{where}: {msg}")

    def run(self):
        raw = self.path.read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):
            self.err(1, "UTF-8 BOM")
        if b"\r" in raw:
            self.err(1, "CR in file: use \\n line endings")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.err(1, f"not UTF-8: {e}")
            return
        if not text.endswith("\n") or text.endswith("\n\n"):
            self.err("end", "file must end with exactly one newline")
        lines = text.rstrip("\n").split("\n")
        i, topic, discs = 0, None, []
        while i < len(lines) and lines[i].startswith("%%"):
            line = lines[i]
            if m := HEADER_TOPIC.match(line):
                if topic is not None:
                    self.err(i + 1, "second topic line")
                topic = m.group(1)
                if topic not in TOPICS:
                    self.err(i + 1, f"unknown topic {topic!r}")
            elif m := HEADER_DISC.match(line):
                pair, kind, detail = int(m.group(1)), m.group(2), m.group(3)
                if kind not in DISCREPANCY_KINDS:
                    self.err(i + 1, f"unknown discrepancy kind {kind!r}")
                discs.append((i + 1, pair, kind, detail))
            else:
                self.err(i + 1, f"bad header line {line!r}")
            i += 1
        if topic is None:
            self.err(1, "no %% topic line")
        if i >= len(lines) or lines[i] != "":
            self.err(i + 1, "a blank line must follow the header")
            return
        body = lines[i + 1:]
        first = i + 2  # 1-based line number of body[0]
        if "" not in body:
            self.err(first, "no blank line between the Arabic and the English block")
            return
        sep = body.index("")
        ar, en = body[:sep], body[sep + 1:]
        if "" in en:
            self.err(first + sep + 1 + en.index(""), "more than one blank line in the body")
            return
        if len(ar) != len(en):
            self.err(first, f"{len(ar)} Arabic paragraphs but {len(en)} English ones")
        if not 5 <= len(ar) <= 10:
            self.err(first, f"{len(ar)} paragraphs: expected 5 to 10 per language")
        for lineno, pair, kind, _ in discs:
            if pair >= min(len(ar), len(en)):
                self.err(lineno, f"discrepancy pair {pair} out of range")
        self.discrepancies = len(discs)

        kind_of_id = {}
        ids_by = {"ar": [], "en": []}
        for lang, block, offset in (("ar", ar, first), ("en", en, first + sep + 1)):
            for n, line in enumerate(block):
                ids_by[lang].append(self.check_paragraph(lang, line, offset + n, kind_of_id))

        disc_kinds = defaultdict(set)
        for _, pair, kind, _ in discs:
            disc_kinds[pair].add(kind)
        for p in range(min(len(ar), len(en))):
            a, e = ids_by["ar"][p], ids_by["en"][p]
            differ = {kind_of_id[x] for x in a ^ e}
            allowed = {DISCREPANCY_KINDS[k] for k in disc_kinds[p]} - {None}
            if differ - allowed:
                only_ar = sorted(x for x in a - e if kind_of_id[x] in differ - allowed)
                only_en = sorted(x for x in e - a if kind_of_id[x] in differ - allowed)
                self.err(f"pair {p}", f"ids on one side only: ar {only_ar} en {only_en}")
            for k in disc_kinds[p]:
                want = DISCREPANCY_KINDS.get(k)
                if want and want not in differ:
                    self.err(f"pair {p}", f"{k} discrepancy declared but the {want} ids agree")

    def check_paragraph(self, lang, line, lineno, kind_of_id):
        ids = set()
        if line != line.strip():
            self.err(lineno, "leading or trailing space")
        plain, mentions = strip_markup(line)
        for bad in ("[[", "]]", "|", "  "):
            if bad in plain:
                self.err(lineno, f"{bad!r} left after removing markup (unbalanced or malformed markup?)")
        ar_l, la_l = arabic_letters(plain), latin_letters(plain)
        if lang == "ar" and ar_l < 2 * la_l:
            self.err(lineno, "Arabic paragraph is not mostly Arabic script")
        if lang == "en" and (ar_l > la_l / 4):
            self.err(lineno, "English paragraph is not mostly Latin script")
        date_spans = []
        for kind, ident, start, end, surface in mentions:
            where = f"{lineno} [[{kind} {ident}|{surface}]]"
            if kind not in KINDS:
                self.err(where, f"unknown kind {kind}")
            if not ID.match(ident):
                self.err(where, "id must be lowercase ASCII letters, digits and '-'")
            if kind_of_id.setdefault(ident, kind) != kind:
                self.err(where, f"id {ident} used as {kind_of_id[ident]} elsewhere")
            if not surface or surface != surface.strip():
                self.err(where, "empty surface or surface with outer spaces")
                continue
            ids.add(ident)
            self.stats[(lang, kind)] += 1
            if kind == "DATE":
                date_spans.append((start, end))
            before = plain[start - 1] if start else " "
            after = plain[end] if end < len(plain) else " "
            if lang == "ar":
                # walk back over proclitics; what precedes them must not be a letter
                j = start
                while j > 0 and plain[j - 1] in PROCLITICS and start - j < 2:
                    j -= 1
                if j > 0 and is_letter(plain[j - 1]):
                    self.err(where, "Arabic mention does not start at a word start (after proclitics)")
                if surface.startswith("لل"):
                    self.err(where, "a mention starting with لل cannot be marked cleanly; reword")
                if is_letter(after) and not surface.isascii():
                    self.err(where, "Arabic mention does not end at a word end")
            else:
                if is_letter(before) or before.isdigit():
                    self.err(where, "English mention does not start at a word boundary")
                if (is_letter(after) or after.isdigit()) and not plain.startswith("'s", end):
                    self.err(where, "English mention does not end at a word boundary")
        self.check_unmarked_dates(lang, plain, date_spans, lineno)
        return ids

    def check_unmarked_dates(self, lang, plain, spans, lineno):
        def covered(s, e):
            return any(a <= s and e <= b for a, b in spans)

        hits = []
        if lang == "ar":
            for word in AR_MULTI:
                hits += [(m.start(), m.end(), word) for m in re.finditer(re.escape(word), plain)]
            for word in AR_MONTHS + AR_DAYS:
                pat = rf"(?<![\w\u064B-\u0652]){AR_CLITICS}({re.escape(word)})(?![\w\u064B-\u0652])"
                hits += [(m.start(1), m.end(1), word) for m in re.finditer(pat, plain)]
        else:
            for word in EN_MONTHS + EN_DAYS:
                hits += [(m.start(), m.end(), word) for m in re.finditer(rf"\b{re.escape(word)}\b", plain)]
        hits += [(m.start(), m.end(), m.group()) for m in YEAR.finditer(plain)]
        for s, e, word in hits:
            if not covered(s, e):
                self.err(lineno, f"{word!r} at char {s} is not inside a DATE span")


def main(argv):
    here = Path(__file__).resolve().parent
    files = [Path(a) for a in argv[1:]] or sorted(here.glob("[0-9]*.txt"))
    if not files:
        print("no files to check", file=sys.stderr)
        return 1
    total, errors, discs, topics = Counter(), [], 0, Counter()
    for f in files:
        c = Checker(f)
        c.run()
        errors += c.errors
        total.update(c.stats)
        discs += c.discrepancies
        status = "ok" if not c.errors else f"{len(c.errors)} error(s)"
        print(f"{f.name}: {status}")
    for e in errors:
        print("  " + e)
    print(f"\n{len(files)} files, {discs} planted discrepancies")
    for kind in ("PER", "LOC", "DATE", "ORG"):
        print(f"  {kind:4}  ar {total[('ar', kind)]:4}  en {total[('en', kind)]:4}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
