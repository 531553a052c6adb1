#!/usr/bin/env python3
"""Writes assets/privacy/names/<lang>-faker.txt: the scrubber's second name gazetteer, from the person providers of
Faker 0.9.3 (Debian package python3-fake-factory 0.9.3; copyright 2012 Daniele Faraglia, licence Expat): nl_NL,
en_GB (first names), tr_TR, pl_PL (first names), uk_UA, ar_AA, ar_PS and ar_SA (family names); filtered
by rule so that no everyday word, place, street word or word the kiosk already lists as something else becomes a
name (issue 14).

    scripts/privacy-faker-names.py FAKER_PERSON_DIR [HUNSPELL_DIR]

FAKER_PERSON_DIR: .../dist-packages/faker/providers/person (the tuples are read with ast, nothing is imported);
HUNSPELL_DIR: /usr/share/hunspell (Debian packages hunspell-nl, -en-gb, -tr, -pl, -uk, -ar).

An entry is left out when (the rules, applied in this order; the header of each file counts them):
  1. it is not one word of at least three letters and nothing but letters, hyphens and apostrophes (no spaces: "آل
     سعود"; the Faker data's "اسماءبناتمختلفةومعانيها:"); a Dutch surname with a tussenvoegsel counts without it
     ("de Vries": Vries), unless the tussenvoegsel has "van", "ter", "ten" or "te", after which a place follows
     ("van Hemert", "ter Horst", "'s Gravensande");
  2. it is already in names/<lang>.txt (the hand-compiled gazetteer) or in another language's Faker file;
  3. its fold is an entry of any list of words.txt or cues/*.txt, or of [ambiguous] in names/*.txt (stop words,
     [not_a_name], towns, titles, months, relatives, cue words ...);
  4. it ends in a street ending of [street_suffix] ("Verlaan", "Hofstraat") or is a street word;
  5. its fold is a word that a spelling dictionary of one of the kiosk's languages (nl, en-GB, tr, pl, uk, ar) lists in
     lower case, or its lower-case form (each part of a hyphenated name) is a word that `hunspell -G` accepts with a
     dictionary of its script, inflected forms included (Latin: nl, en-GB, tr, pl; Cyrillic: uk; Arabic: ar).
     Dictionaries write names capitalised: a lower-case entry is an everyday word ("Roos", "Deniz", "Kalina",
     "أمل"); the scrubber does not know a text's language, so every dictionary of the script counts for every name.
     Arabic has no case: its dictionary lists every word in one form, so rule 5 drops each Arabic name that is also
     an Arabic word (most given names are: كريم "generous", نور "light").
"""
import ast
import os
import subprocess
import sys
import unicodedata

LOCALES = {  # kiosk language -> Faker locales and the tuples read
    "nl": [("nl_NL", "first", ["first_names_male", "first_names_female"]), ("nl_NL", "surname", ["last_names"])],
    "en": [("en_GB", "first", ["first_names_male", "first_names_female"])],
    "tr": [("tr_TR", "first", ["first_names_male", "first_names_female"]), ("tr_TR", "surname", ["last_names"])],
    "pl": [("pl_PL", "first", ["first_names_male", "first_names_female"])],
    "uk": [("uk_UA", "first", ["first_names_male", "first_names_female"]), ("uk_UA", "surname", ["last_names"])],
    "ar": [("ar_AA", "first", ["first_names_male", "first_names_female"]), ("ar_AA", "surname", ["last_names"]),
           ("ar_PS", "surname", ["last_names"]), ("ar_SA", "surname", ["last_names"])],
}
SCRIPT_DICTS = {"latin": ["nl", "en_GB", "tr_TR", "pl_PL"], "cyrillic": ["uk_UA"], "arabic": ["ar"]}
DICTS = {"nl": ("nl.dic", "utf-8"), "en": ("en_GB.dic", "utf-8-sig"), "tr": ("tr_TR.dic", "utf-8"),
         "pl": ("pl_PL.dic", "iso-8859-2"), "uk": ("uk_UA.dic", "utf-8"), "ar": ("ar.dic", "utf-8")}
ASSETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "privacy")
SPECIAL = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
           "آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا", "ى": "ي", "’": "'", "‘": "'", "ʼ": "'"}


def fold(s):  # as kiosk::fold_str (sync/model/fold.cpp), near enough for matching lists
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c) and c != "\u0640")
    return "".join(SPECIAL.get(c, c) for c in s.lower()).strip()


def read_sections(path, only=None):
    out, section = set(), None
    with open(path, encoding="utf-8") as f:
        for line in f:
            t = line.strip()
            if not t or t.startswith("#"):
                continue
            if t.startswith("[") and t.endswith("]"):
                section = t[1:-1]
                continue
            if section and (only is None or section in only):
                out.add(fold(t))
    return out


def faker_tuple(path, names):
    tree = ast.parse(open(path, encoding="utf-8").read())
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Tuple, ast.List)):
            if any(isinstance(t, ast.Name) and t.id in names for t in node.targets):
                out += [e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return out


def dictionary_words(hunspell):
    words = set()
    for name, enc in DICTS.values():
        path = os.path.join(hunspell, name)
        if not os.path.exists(path):
            sys.exit("missing " + path + " (apt-get install hunspell-nl hunspell-en-gb hunspell-tr hunspell-pl "
                     "hunspell-uk hunspell-ar)")
        with open(path, encoding=enc, errors="replace") as f:
            next(f)  # the count
            for line in f:
                w = line.split("/")[0].split("\t")[0].strip()
                if w and w == w.lower():  # lower case: an everyday word (caseless Arabic: every word)
                    words.add(fold(w))
    return words


def script(name):
    for c in name:
        if "\u0400" <= c <= "\u04ff":
            return "cyrillic"
        if "\u0600" <= c <= "\u06ff":
            return "arabic"
    return "latin"


def lower(name, lang):
    if lang == "tr":
        name = name.replace("I", "ı").replace("İ", "i")
    return name.lower()


def accepted(words, hunspell):
    """The words (lower case) that a hunspell dictionary of their script accepts, inflected forms included."""
    out = set()
    for sc, dicts in SCRIPT_DICTS.items():
        batch = [w for w in words if script(w) == sc]
        for d in dicts:
            r = subprocess.run(["hunspell", "-d", os.path.join(hunspell, d), "-i", "utf-8", "-G"],
                               input="\n".join(batch) + "\n", capture_output=True, text=True, check=True)
            out |= {w for w in r.stdout.split("\n") if w}
    return out


def main():
    person = sys.argv[1]
    hunspell = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/hunspell"
    known = read_sections(os.path.join(ASSETS, "words.txt"))
    for d in ("cues", "names"):
        for f in sorted(os.listdir(os.path.join(ASSETS, d))):
            if f.endswith(".txt") and not f.endswith("-faker.txt"):
                path = os.path.join(ASSETS, d, f)
                known |= read_sections(path) if d == "cues" else read_sections(path, {"ambiguous"})
    streets = read_sections(os.path.join(ASSETS, "words.txt"), {"street_suffix"})
    everyday = dictionary_words(hunspell)
    tussenvoegsel = read_sections(os.path.join(ASSETS, "words.txt"), {"tussenvoegsel"})
    entries = {}
    for lang, sources in LOCALES.items():
        for locale, section, tuples in sources:
            for name in faker_tuple(os.path.join(person, locale, "__init__.py"), tuples):
                parts = name.split()
                if len(parts) > 1 and all(fold(p) in tussenvoegsel for p in parts[:-1]):
                    # "de Vries": the surname without its tussenvoegsel; after "van", "ter", "ten", "te" it names a
                    # place ("van Hemert", "ter Horst"): left out (rule 1)
                    if any(fold(p) in ("van", "ter", "ten", "te", "von", "vom", "zu") for p in parts[:-1]):
                        name = "-"
                    else:
                        name = parts[-1]
                entries.setdefault(lang, []).append((section, name))
    words = {lower(p, l) for l, e in entries.items() for _, n in e for p in n.split("-")}
    spelled = accepted(words, hunspell)
    taken = set()
    for lang, sources in LOCALES.items():
        hand = read_sections(os.path.join(ASSETS, "names", lang + ".txt"), {"first", "surname"})
        kept = {"first": [], "surname": []}
        dropped = [0, 0, 0, 0, 0]
        read = 0
        for section, name in entries[lang]:
            read += 1
            f = fold(name)
            if not all(c.isalpha() or c in "-'ʼ’" for c in name) or len(f.replace("-", "")) < 3:
                dropped[0] += 1
            elif f in hand or f in taken:
                dropped[1] += 1
            elif f in known:
                dropped[2] += 1
            elif any(f.endswith(s) for s in streets):
                dropped[3] += 1
            elif f in everyday or any(fold(p) in everyday or lower(p, lang) in spelled for p in name.split("-")):
                dropped[4] += 1
            else:
                taken.add(f)
                kept[section].append(name)
        locales = ", ".join(sorted({loc for loc, _, _ in sources}))
        with open(os.path.join(ASSETS, "names", lang + "-faker.txt"), "w", encoding="utf-8") as out:
            out.write(
                f"# Name gazetteer, second source ({lang}): first names and surnames from the person providers of Faker\n"
                f"# 0.9.3 (faker/providers/person/{{{locales}}}; Debian package python3-fake-factory 0.9.3).\n"
                "# source: Faker, copyright 2012 Daniele Faraglia; licence: Expat (MIT): permission is hereby granted, free of\n"
                "# charge, to any person obtaining a copy of this software and associated documentation files (the\n"
                "# \"Software\"), to deal in the Software without restriction, including without limitation the rights to\n"
                "# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, subject to\n"
                "# the copyright notice and this permission notice being included in all copies or substantial portions of\n"
                "# the Software. THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND.\n"
                "# Written by scripts/privacy-faker-names.py (do not edit by hand; add names to <lang>.txt instead), which\n"
                f"# read {read} entries and left out {sum(dropped)}: {dropped[0]} not one word of three letters or more, {dropped[1]} already\n"
                f"# in {lang}.txt or another Faker file, {dropped[2]} in a list of words.txt, cues/ or [ambiguous], {dropped[3]} ending in a\n"
                f"# street word, {dropped[4]} an everyday word (lower case in a hunspell dictionary of nl, en-GB, tr, pl, uk or ar).\n")
            for section in ("first", "surname"):
                if kept[section]:
                    out.write(f"\n[{section}]\n")
                    out.writelines(n + "\n" for n in kept[section])
        print(lang, "read", read, "kept", len(kept["first"]), len(kept["surname"]), "dropped", dropped)


if __name__ == "__main__":
    main()
