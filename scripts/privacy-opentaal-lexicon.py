#!/usr/bin/env python3
"""Writes assets/privacy/lexicon/nl-opentaal.txt: the capitalised one-word entries of OpenTaal's Dutch spelling
dictionary (Debian package hunspell-nl 2.20.18; copyright OpenTaal, Simon Brouwer and others; licence Revised BSD
and/or CC BY 3.0, see the file's header), in two lists the scrubber's name tagger reads as features (issue 14):

  [dic_person]  entries with OpenTaal's flag PN (the genitive of a person's name: "Henks", "Anke's"): given names
                and surnames ("Jelte", "Bulterman", "Hilgenkamp");
  [dic_proper]  the other capitalised entries: places, streets, waters, brands, organisations ("Graft",
                "Milsbeek", "Floralaan", "Blaupunkt"; a few surnames of famous people too).

The dictionary was written without the kiosk's labelled texts in view, so these lists tell the tagger about words of
new text as much as of its training parts (the hand-compiled gazetteers were written with the parts in view).

    scripts/privacy-opentaal-lexicon.py [/usr/share/hunspell/nl.dic] > assets/privacy/lexicon/nl-opentaal.txt
"""
import re
import sys

WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿA-ZÀ-ÖØ-Þ]*(-[A-ZÀ-ÖØ-Þ]?[a-zà-öø-ÿ]+)*$")


def main(path):
    person, proper = set(), set()
    with open(path, encoding="utf-8") as f:
        next(f)  # the entry count
        for line in f:
            word, _, rest = line.strip().partition("/")
            flags = re.findall("..", rest.split()[0]) if rest else []
            if len(word) < 3 or not WORD.match(word) or word.isupper():
                continue
            (person if "PN" in flags else proper).add(word)
    proper -= person
    out = sys.stdout
    out.write("# Capitalised one-word entries of OpenTaal's Dutch spelling dictionary (hunspell-nl 2.20.18, Debian 12),\n")
    out.write("# for the scrubber's name tagger (features dic_person, dic_proper; sync/privacy/name_tagger.cpp).\n")
    out.write("# source: OpenTaal, https://opentaal.org (c) 2020 OpenTaal (Simon Brouwer, Sander van Geloven), (c) 2006-2010\n")
    out.write("# OpenTaal (Ruud Baars, Simon Brouwer), (c) 2001-2005 Simon Brouwer and others, (c) 1996 Nederlandstalige\n")
    out.write("# TeX Gebruikersgroep; licence: Revised BSD License (3-clause) and/or CC BY 3.0, at the user's choice.\n")
    out.write("# Written by scripts/privacy-opentaal-lexicon.py (do not edit by hand).\n")
    out.write(f"# {len(person)} entries with the flag PN (persons), {len(proper)} other capitalised entries.\n\n")
    out.write("[dic_person]\n")
    out.writelines(w + "\n" for w in sorted(person))
    out.write("\n[dic_proper]\n")
    out.writelines(w + "\n" for w in sorted(proper))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hunspell/nl.dic")
