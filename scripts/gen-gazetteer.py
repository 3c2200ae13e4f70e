#!/usr/bin/env python3
"""Generate the entity gazetteers in assets/ from registry packages.

Sources (fetched with the ordinary clients, nothing else):
  - npm: cldr-localenames-full, cldr-dates-full, cldr-cal-islamic-full (Unicode-3.0)
      -> assets/gazetteer-cldr.tsv
  - Debian: iso-codes (LGPL-2.1+), Arabic country names from iso_3166-1.mo via msgunfmt
      -> assets/gazetteer-iso.tsv

Usage: scripts/gen-gazetteer.py [--work DIR]   (run from the crate root)
Needs: npm, msgunfmt (gettext), the iso-codes package (apt-get install -y iso-codes gettext).

Output format, one entry a line, UTF-8, tab-separated:
    kind <TAB> id <TAB> English forms joined by | <TAB> Arabic forms joined by |
kind is one of country, region, city, month, hmonth, weekday. Lines starting with # are comments.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

PACKAGES = ["cldr-localenames-full", "cldr-dates-full", "cldr-cal-islamic-full"]
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
ISO_MO = "/usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo"

# M49 regions worth naming in news text (continents and large regions).
REGIONS = ["002", "005", "009", "013", "014", "015", "017", "018", "019", "021", "029", "030",
           "034", "035", "039", "053", "142", "143", "145", "150", "151", "154", "155", "419"]
# Tz zones that are not cities (or whose exemplar is a station, or duplicates a country).
SKIP_ZONES = {"Etc", "Antarctica"}


def fetch(work):
    for pkg in PACKAGES:
        if glob.glob(os.path.join(work, pkg + "-*.tgz")):
            continue
        subprocess.run(["npm", "pack", pkg, "--silent"], cwd=work, check=True,
                       stdout=subprocess.DEVNULL)
    for tgz in glob.glob(os.path.join(work, "*.tgz")):
        dest = tgz[: -len(".tgz")]
        if not os.path.isdir(dest):
            os.makedirs(dest)
            subprocess.run(["tar", "xzf", tgz, "-C", dest], check=True)


def pkg_dir(work, name):
    found = [d for d in glob.glob(os.path.join(work, name + "-*")) if os.path.isdir(d)]
    if not found:
        sys.exit(f"package {name} not unpacked in {work}")
    return os.path.join(sorted(found)[-1], "package", "main")


def arabic_locales(base):
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(base, "ar*"))
                  if os.path.basename(p) == "ar" or os.path.basename(p).startswith("ar-"))


def load(path, locale, *keys):
    with open(path, encoding="utf-8") as f:
        node = json.load(f)["main"][locale]
    for k in keys:
        node = node[k]
    return node


def add(table, kind, ident, en=(), ar=()):
    entry = table.setdefault((kind, ident), ([], []))
    for lst, forms in ((entry[0], en), (entry[1], ar)):
        for form in forms:
            form = form.strip()
            if form and form not in lst:
                lst.append(form)


def cldr(work):
    table = {}
    names = pkg_dir(work, "cldr-localenames-full")
    dates = pkg_dir(work, "cldr-dates-full")
    islamic = pkg_dir(work, "cldr-cal-islamic-full")

    # Countries and regions.
    en_terr = load(os.path.join(names, "en", "territories.json"), "en",
                   "localeDisplayNames", "territories")
    for loc in arabic_locales(names):
        ar_terr = load(os.path.join(names, loc, "territories.json"), loc,
                       "localeDisplayNames", "territories")
        for key, ar in ar_terr.items():
            code = key.split("-alt-")[0]
            if code in REGIONS:
                kind = "region"
            elif len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"):
                kind = "country"
            else:
                continue
            en = [v for k, v in en_terr.items() if k.split("-alt-")[0] == code]
            add(table, kind, code, en, [ar])

    # Cities: exemplar cities of the time zones.
    en_zones = load(os.path.join(dates, "en", "timeZoneNames.json"), "en",
                    "dates", "timeZoneNames", "zone")
    for loc in arabic_locales(dates):
        zones = load(os.path.join(dates, loc, "timeZoneNames.json"), loc,
                     "dates", "timeZoneNames", "zone")
        for area, cities in zones.items():
            if area in SKIP_ZONES:
                continue
            stack = [(area, cities)]
            while stack:
                prefix, node = stack.pop()
                for name, value in node.items():
                    if not isinstance(value, dict):
                        continue
                    tzid = prefix + "/" + name
                    if "exemplarCity" in value:
                        en_node = en_zones
                        for part in tzid.split("/"):
                            en_node = en_node.get(part, {}) if isinstance(en_node, dict) else {}
                        en = [name.replace("_", " ")]
                        if isinstance(en_node, dict) and "exemplarCity" in en_node:
                            en.insert(0, en_node["exemplarCity"])
                        add(table, "city", tzid, en, [value["exemplarCity"]])
                    else:
                        stack.append((tzid, value))

    # Gregorian months and weekdays in every Arabic locale (all regional families).
    en_greg = load(os.path.join(dates, "en", "ca-gregorian.json"), "en",
                   "dates", "calendars", "gregorian")
    for loc in arabic_locales(dates):
        greg = load(os.path.join(dates, loc, "ca-gregorian.json"), loc,
                    "dates", "calendars", "gregorian")
        for ctx in ("format", "stand-alone"):
            for n, ar in greg["months"][ctx]["wide"].items():
                en = [en_greg["months"][ctx]["wide"][n], en_greg["months"][ctx]["abbreviated"][n]]
                add(table, "month", n, en, [ar])
            for d, ar in greg["days"][ctx]["wide"].items():
                add(table, "weekday", d, [en_greg["days"][ctx]["wide"][d]], [ar])

    # Hijri months.
    en_isl = load(os.path.join(islamic, "en", "ca-islamic.json"), "en",
                  "dates", "calendars", "islamic")
    for loc in arabic_locales(islamic):
        isl = load(os.path.join(islamic, loc, "ca-islamic.json"), loc,
                   "dates", "calendars", "islamic")
        for ctx in ("format", "stand-alone"):
            for n, ar in isl["months"][ctx]["wide"].items():
                add(table, "hmonth", n, [en_isl["months"][ctx]["wide"][n]], [ar])
    return table


def iso():
    table = {}
    with open(ISO_JSON, encoding="utf-8") as f:
        countries = json.load(f)["3166-1"]
    out = subprocess.run(["msgunfmt", ISO_MO], check=True, capture_output=True, text=True).stdout
    msgs = {}
    key, cur, field = None, "", None
    for line in out.splitlines() + [""]:
        if line.startswith('"') and field:
            cur += json.loads(line)
            continue
        if field == "msgstr" and key:
            msgs[key] = cur
        if line.startswith("msgid "):
            field, cur = "msgid", json.loads(line[6:])
        elif line.startswith("msgstr "):
            key, field, cur = cur, "msgstr", json.loads(line[7:])
        else:
            field = None
    for c in countries:
        # Official names ("Sultanate of Oman") carry a cue noun that annotators keep outside
        # the name; the short names are what running text says.
        en = [c[k] for k in ("common_name", "name") if k in c]
        ar = [msgs[c[k]] for k in ("name", "common_name") if k in c and msgs.get(c[k])]
        # Drop inverted catalogue forms ("Korea, Republic of"); text never says them.
        en = [x for x in en if "," not in x]
        ar = [x for x in ar if "،" not in x and "," not in x]
        if ar and en:
            add(table, "country", c["alpha_2"], en, ar)
    return table


# Subdivisions (provinces, governorates, wilayas) of the Arab states and their neighbours, in
# English only: the Arabic form is found in the text by transliteration when linking.
SUBDIVISION_COUNTRIES = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE "
                            "IR TR IL EH".split())
# Subdivision names that are also ordinary words or common given names in English text.
SUBDIVISION_STOP = {"capital", "central", "northern", "southern", "eastern", "western", "north",
                    "south", "east", "west", "middle", "centre", "center", "mascara", "batna",
                    "mila", "adrar", "arta", "naama", "saida", "dubayy", "alger", "islands",
                    "coast", "valley", "gulf", "sea", "lake", "river", "mountain", "city",
                    "governorate", "province", "region", "district", "the"}
ARTICLES = ("Al ", "Ad ", "Adh ", "Ar ", "As ", "Ash ", "At ", "Ath ", "Az ", "Aş ", "Ad-", "Al-",
            "El ", "El-")


def ascii_fold(s):
    import unicodedata
    s = s.replace("’", "").replace("‘", "").replace("'", "").replace("ʻ", "")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return s if all(ord(c) < 128 for c in s) else ""


def subdivisions():
    table = {}
    with open("/usr/share/iso-codes/json/iso_3166-2.json", encoding="utf-8") as f:
        subs = json.load(f)["3166-2"]
    for sub in subs:
        if sub["code"][:2] not in SUBDIVISION_COUNTRIES:
            continue
        forms = []
        for part in [sub["name"]] + sub["name"].split("-"):
            name = ascii_fold(part.strip())
            if not name:
                continue
            variants = [name]
            for art in ARTICLES:
                if name.startswith(art) and len(name) > len(art) + 3:
                    variants.append(name[len(art):])
            for v in variants:
                if len(v) >= 4 and v.lower() not in SUBDIVISION_STOP and v not in forms:
                    forms.append(v)
        if forms:
            table[("region", sub["code"])] = (forms, [])
    return table


def write(path, table, header, allow_no_arabic=False):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for (kind, ident), (en, ar) in sorted(table.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            if not en or (not ar and not allow_no_arabic):
                continue
            clean = lambda xs: "|".join(x.replace("|", " ").replace("\t", " ") for x in xs)
            f.write(f"{kind}\t{ident}\t{clean(en)}\t{clean(ar)}\n")


def licences(work):
    import shutil
    cldr_licence = os.path.join(os.path.dirname(pkg_dir(work, "cldr-dates-full")), "LICENSE")
    shutil.copyfile(cldr_licence, "assets/LICENSES/Unicode-3.0.txt")
    with open("assets/LICENSES/iso-codes-LGPL-2.1.txt", "w", encoding="utf-8") as out:
        out.write("assets/gazetteer-iso.tsv is derived from iso-codes (Debian package iso-codes),\n"
                  "licensed under the GNU Lesser General Public License, version 2.1 or later.\n"
                  "Its copyright notice and the licence text follow.\n\n")
        with open("/usr/share/doc/iso-codes/copyright", encoding="utf-8") as f:
            out.write(f.read())
        out.write("\n\n")
        with open("/usr/share/common-licenses/LGPL-2.1", encoding="utf-8") as f:
            out.write(f.read())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", help="directory for the downloaded packages (default: a temp dir)")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="gazetteer-")
    os.makedirs(work, exist_ok=True)
    fetch(work)
    licences(work)
    write("assets/gazetteer-cldr.tsv", cldr(work),
          "# Generated by scripts/gen-gazetteer.py from Unicode CLDR 48 JSON (npm cldr-*-full).\n"
          "# Licence: Unicode-3.0, see assets/LICENSES/Unicode-3.0.txt\n")
    iso_table = iso()
    iso_table.update(subdivisions())
    write("assets/gazetteer-iso.tsv", iso_table,
          "# Generated by scripts/gen-gazetteer.py from Debian iso-codes (ISO 3166-1 Arabic, ISO 3166-2).\n"
          "# Licence: LGPL-2.1-or-later, see assets/LICENSES/iso-codes-LGPL-2.1.txt\n"
          "# Subdivisions (ISO 3166-2) of the Arab states and neighbours are English only.\n",
          allow_no_arabic=True)


if __name__ == "__main__":
    main()
