#!/usr/bin/env python3
"""Writes assets/privacy/lexicon/common-words.txt: the common (lower-case) words of OpenTaal's Dutch spelling dictionary
(Debian package hunspell-nl) and of Debian's American English word list (package wamerican), for the scrubber's
address rule that reads a capitalised word before a house number as a village only when it is no common word ("op
Lokaal 12", "at Gate 5" stay; "at Ittersum 21b" is an address; sync/privacy/address.cpp, issue 14).

Both were written without the kiosk's labelled texts in view. Words of three letters or more, letters and hyphens
only, as the dictionaries write them (stems; the scrubber also tries a word without a plural or genitive ending).

    scripts/privacy-common-words.py [/usr/share/hunspell/nl.dic] [/usr/share/dict/american-english] \\
        > assets/privacy/lexicon/common-words.txt
"""
import re
import sys

WORD = re.compile(r"^[a-zà-öø-ÿ][a-zà-öø-ÿ-]*[a-zà-öø-ÿ]$")


def main(nl_dic, en_words):
    words = set()
    with open(nl_dic, encoding="utf-8") as f:
        next(f)  # the entry count
        for line in f:
            word = line.strip().split("/")[0]
            if len(word) >= 3 and WORD.match(word):
                words.add(word)
    nl = len(words)
    with open(en_words, encoding="utf-8") as f:
        for line in f:
            word = line.strip()
            if len(word) >= 3 and WORD.match(word):
                words.add(word)
    out = sys.stdout
    out.write("# Common (lower-case) words of OpenTaal's Dutch spelling dictionary (hunspell-nl 2.20.19, Debian 12) and of\n")
    out.write("# Debian's American English word list (wamerican 2020.12.07), for the scrubber's village rule\n")
    out.write("# (sync/privacy/address.cpp). source: OpenTaal, https://opentaal.org (c) 2020 OpenTaal (Simon Brouwer, Sander\n")
    out.write("# van Geloven), (c) 2006-2010 OpenTaal (Ruud Baars, Simon Brouwer), (c) 2001-2005 Simon Brouwer and others,\n")
    out.write("# (c) 1996 Nederlandstalige TeX Gebruikersgroep; licence: Revised BSD License (3-clause) and/or CC BY 3.0, at the\n")
    out.write("# user's choice. SCOWL (wamerican), http://wordlist.aspell.net, (c) 2000-2020 Kevin Atkinson and others, with parts\n")
    out.write("# from WordNet (c) Princeton University; licence: SCOWL's and WordNet's (permissive; /usr/share/doc/wamerican/copyright).\n")
    out.write("# Written by scripts/privacy-common-words.py (do not edit by hand).\n")
    out.write(f"# {nl} Dutch words, {len(words) - nl} more English ones.\n")
    for w in sorted(words):
        out.write(w + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hunspell/nl.dic",
         sys.argv[2] if len(sys.argv) > 2 else "/usr/share/dict/american-english")
