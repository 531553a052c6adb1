#!/usr/bin/env python3
"""Applies the address convention (tests/data/privacy/README.md, settled after part 11 was measured) to a labelled
part: an address span runs over the postcode and the town that follow it as part of the same address. Merges a street
label and the postcode label right after it; extends a label over ", Town" or " Town" (+ ", 1234 AB") when the town
closes the clause (punctuation, the end, text in another script after a Latin town, or a Turkish case ending
after an apostrophe, which stays outside) or, after a comma right after the house number, goes on with the sentence, and over " in Town, 1234 AB" (after a preposition only when a postcode follows); never over a word
labelled a name. Prints each change; --write rewrites the file. Run by hand when a held-out part becomes a development
part (never on a part still held out):

    python3 tests/data/privacy/address_convention.py tests/data/privacy/heldoutN.jsonl [--write]

(Postcode + "huisnummer N" labels were extended by hand, seven of them, in parts 5, 6 and 8.)

It also applies the one date convention (settled in writers-brief.md after part 33 was measured): a Turkish case
ending after an apostrophe at the end of a date of birth stays outside ("22 Ekim 2024'te" becomes "22 Ekim 2024")."""
import json, re, sys
TOWN = r"(?:'s-)?[A-ZА-ЯІЇЄҐ][\w'’-]*(?: (?:aan|op|bij|over|ter)(?: de| den)? [A-Z][\w-]*)*"
# ", Town" or " Town" closing the clause, with a postcode after it or not; after a preposition ("in Town") only
# when a postcode follows (the address goes on): "Kerkstraat 5 in Venlo" keeps the town outside.
AFTER = re.compile(r"((?:,? " + TOWN + r"(?:,? \d{4} ?[A-Z]{2})?|,? (?:in|te|w|we|у|в|في|ኣብ) " + TOWN +
                   r",? \d{4} ?[A-Z]{2}))(?=\s*(?:$|[.,;:!?)\n،።፡—–])|\s+[\u0400-\u04FF\u0600-\u06FF\u1200-\u137F]|['’][a-zçğıöşü])")
# ", Town" going on with the sentence after a street and number ("Gorsselseweg 2a, Wilp naar …", "27 Dorpsstraat,
# Ewijk has been …"; settled after the thirteenth part was measured): the town is still part of the address.
AFTER_COMMA = re.compile(r"(, " + TOWN + r")(?= [a-zçğıöşüąćęłńóśźż])")
# "Town, Street 12" or "Town፣ Street 12" (Ge'ez comma): the town, its comma, then a street word that is no number word.
BEFORE = re.compile(r"((?:'s-)?[A-Z\u1200-\u137F][\w'’-]*)[,፣،] (?=(?!(?:nr|no|nummer|nambarka|number|ቁጽሪ)\b)[A-Za-z\u1200-\u137F][\w'’. -]*? \d)")
def main(path, write):
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    changes = 0
    for r in rows:
        t = r["text"]; names = {v for k, v in r["pii"] if k == "name"}
        pii = [list(p) for p in r["pii"]]
        # merge "street 7b" + ", 1234 AB"
        i = 0
        while i < len(pii):
            k, v = pii[i]
            if k == "address":
                for j, (k2, v2) in enumerate(pii):
                    if j != i and k2 == "address" and (v + ", " + v2) in t and re.fullmatch(r"\d{4} ?[A-Z]{2}", v2):
                        print(f"{r['id']}: merge [{v}] + [{v2}]"); pii[i][1] = v + ", " + v2; del pii[j]; changes += 1
                        if j < i: i -= 1
                        break
            i += 1
        for p in pii:
            m = re.search(r"\d['’][a-zçğıöşü]{1,4}$", p[1]) if p[0] == "dob" and r["lang"] == "tr" else None
            if m:
                print(f"{r['id']}: [{p[1]}] -> [{p[1][:m.start() + 1]}]"); p[1] = p[1][:m.start() + 1]; changes += 1
            if p[0] != "address": continue
            # A town written before the street stays outside (settled in writers-brief.md before part 29 was
            # written): "Exloërveen, Middenweg 14" becomes "Middenweg 14". Only when a street word and a number
            # follow the town, so "Friens, nr. 6" (a village and a number) keeps its town.
            m = BEFORE.match(p[1])
            if m and m.group(1) not in names:
                print(f"{r['id']}: [{p[1]}] -> [{p[1][m.end():]}]"); p[1] = p[1][m.end():]; changes += 1
            v = p[1]; at = t.find(v)
            if at < 0: continue
            m = AFTER.match(t, at + len(v))
            if not m and re.search(r"\d[a-zA-Z]?$", v): m = AFTER_COMMA.match(t, at + len(v))
            if not m: continue
            town = m.group(1)
            word = re.sub(r"^,? (?:(?:in|te|w|we|у|в|في|ኣብ) )?", "", town).split(",")[0].split(" ")[0]
            if word in names or any(word in n for n in names) or len(word) < 2: continue
            if word.lower().rstrip(".:") in {"tel", "telefoon", "telefon", "phone", "mob", "bsn", "email", "e-mail", "mail", "iban"}:
                continue  # a contact label, no town
            if t[at + len(v) + len(town):].startswith(":"):
                continue  # a form's next field label, no town ("… 8334 PK Witte Paarden Geboortedatum: …", part 36)
            print(f"{r['id']}: [{v}] + [{town}]   ...{t[at+len(v)+len(town):at+len(v)+len(town)+25]!r}")
            p[1] = v + town; changes += 1
        r["pii"] = pii
    print(path, changes, "changes")
    if write:
        open(path, "w", encoding="utf-8").write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
if __name__ == "__main__":
    main(sys.argv[1], "--write" in sys.argv)
