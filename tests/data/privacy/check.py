#!/usr/bin/env python3
"""Checks a labelled privacy set (tests/data/privacy/*.jsonl): format, labels, checksums, coverage."""
import json, re, sys, collections

KINDS = {"name", "address", "email", "phone", "bsn", "iban", "dob", "plate", "handle"}
LANGS = ["nl", "en", "tr", "pl", "uk", "ar", "so", "ti"]

def bsn_ok(s):
    d = [int(c) for c in re.sub(r"\D", "", s)]
    if len(d) != 9: return True  # spaced/other forms: not checked
    return (sum(w * x for w, x in zip(range(9, 1, -1), d[:8])) - d[8]) % 11 == 0 and any(d)

def iban_ok(s):
    t = re.sub(r"[^0-9A-Za-z]", "", s).upper()
    if not re.match(r"^[A-Z]{2}\d{2}[A-Z0-9]+$", t): return True  # obfuscated: not checked
    r = t[4:] + t[:4]
    n = "".join(str(int(c, 36)) for c in r)
    return int(n) % 97 == 1

def main(path):
    errors, ids = [], set()
    per_lang = collections.Counter(); clean = collections.Counter()
    kind_lang = collections.Counter(); spans = 0
    for no, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip(): continue
        try: o = json.loads(line)
        except Exception as e: errors.append(f"{no}: not JSON ({e})"); continue
        for k in ("id", "lang", "text", "pii"):
            if k not in o: errors.append(f"{no}: missing {k}")
        if o.get("id") in ids: errors.append(f"{no}: duplicate id {o.get('id')}")
        ids.add(o.get("id"))
        lang = o.get("lang")
        if lang not in LANGS: errors.append(f"{no}: lang {lang}")
        per_lang[lang] += 1
        if not o.get("pii"): clean[lang] += 1
        for item in o.get("pii", []):
            if not (isinstance(item, list) and len(item) == 2): errors.append(f"{no}: bad pii item {item}"); continue
            kind, s = item
            if kind not in KINDS: errors.append(f"{no}: kind {kind}")
            if not s or s not in o["text"]: errors.append(f"{no}: {kind} {s!r} not in text")
            if s != s.strip() : errors.append(f"{no}: {kind} {s!r} has surrounding space")
            if kind == "bsn" and not bsn_ok(s): errors.append(f"{no}: bsn {s!r} fails the 11-proef")
            if kind == "iban" and not iban_ok(s): errors.append(f"{no}: iban {s!r} fails mod-97")
            kind_lang[(kind, lang)] += 1; spans += 1
    for e in errors: print("ERROR", e)
    print(f"{sum(per_lang.values())} snippets, {spans} spans")
    print("lang  snippets clean  " + " ".join(f"{k:>7}" for k in sorted(KINDS)))
    for l in LANGS:
        print(f"{l:4} {per_lang[l]:9} {clean[l]:5}  " + " ".join(f"{kind_lang[(k, l)]:7}" for k in sorted(KINDS)))
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
