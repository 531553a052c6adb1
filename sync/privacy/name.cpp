// Names: after cues (self-introductions, sign-offs, forms of address, relatives and neighbours) in the eight
// kiosk languages, a full name before other personal data, and names of the gazetteer without a cue.
#include <algorithm>
#include <cctype>
#include <array>
#include <string>

#include "lists.hpp"
#include "scanners.hpp"

namespace kiosk::privacy {
bool is_institution(std::string_view folded) {
  static const WordSet& exact = word_list("institution");
  static const WordSet& stems = word_list("institution_stem");
  return exact.contains(folded) || stems.any_inside(folded);
}

bool name_stop(std::string_view folded) {
  static const WordSet& stop = word_list("name_stop");
  static const WordSet& not_a_name = word_list("not_a_name");
  static const WordSet& signoff = word_list("signoff");
  static const WordSet& honorific = word_list("honorific");
  if (stop.contains(folded) || not_a_name.contains(folded) || signoff.contains(folded) || honorific.contains(folded) ||
      is_institution(folded))
    return true;
  // "Wilhelminastraat": a street, not a name
  for (std::string_view e : {"straat", "laan", "weg", "plein", "gracht", "kade", "singel", "street", "road"})
    if (folded.size() > e.size() + 2 && folded.substr(folded.size() - e.size()) == e) return true;
  return false;
}

bool capitalised(const Word& w) { return w.upper || w.initial; }

// Tussenvoegsels ("van", "de", "van der" …) starting at w and the surname after them; returns the
// end of the surname.
std::optional<std::size_t> tv_surname(std::string_view s, const Word& w, bool lower_ok) {
  std::size_t j = w.end;
  for (int n = 0; n < 3; ++n) {
    const std::size_t k = skip_hspace(s, j);
    if (k == j) return std::nullopt;
    const auto y = read_word(s, k);
    if (!y) return std::nullopt;
    const std::string fy = fold_word(s, *y);
    if (word_list("tussenvoegsel").contains(fy) && !y->initial) {
      j = y->end;
      continue;
    }
    if ((capitalised(*y) || (lower_ok && !y->caseless && !y->cyrillic)) && !name_stop(fy)) return y->end;
    return std::nullopt;
  }
  return std::nullopt;
}

namespace {
bool in_gazetteer(std::string_view folded);

// Whether the clause ends at e: punctuation, the end of the text or a Tigrinya copula ("ኣነ ሳባ እየ").
bool closes_clause(std::string_view s, std::size_t e) {
  const std::size_t k = skip_hspace(s, e);
  if (k >= s.size()) return true;
  const char32_t c = at(s, k).cp;
  if (c == ',' || c == '.' || c == '!' || c == '?' || c == 0x60C || c == 0x61F || c == 0x1361 || c == 0x1362 ||
      c == 0x1363 || c == 0x1364 || is_line_break(c))
    return true;
  const auto w = read_word(s, k);
  return w && word_list("copula").contains(fold_word(s, *w));
}

// Arabic family names that are also titles ("عمر السيد", "أحمد الشيخ"): a title with the article after a first
// name is the family name.
bool arabic_title_surname(const Word& w, std::string_view folded) {
  return w.arabic && folded.rfind("\u0627\u0644", 0) == 0 && word_list("honorific").contains(folded);
}
}  // namespace

// A person's name starting at pos: 1–3 capitalised words (initials and tussenvoegsels allowed),
// or — where the rules allow it — one or two lower-case / caseless words.
std::optional<Range> take_name(std::string_view s, std::size_t pos, const NameRules& r) {
  const auto first = read_word(s, pos);
  if (!first) return std::nullopt;
  const std::string f0 = fold_word(s, *first);
  const bool tv0 = word_list("tussenvoegsel").contains(f0) && !first->initial;
  if (capitalised(*first) || (tv0 && !first->caseless)) {
    int caps = 0;
    std::size_t end = pos;
    std::size_t j = pos;
    for (bool first_token = true;; first_token = false) {
      std::size_t k = j;
      if (!first_token) {
        k = skip_hspace(s, j);
        if (k == j) break;
      }
      const auto w = read_word(s, k);
      if (!w) break;
      const std::string fw = fold_word(s, *w);
      if (word_list("tussenvoegsel").contains(fw) && !w->initial) {
        if (const auto e = tv_surname(s, *w, false)) {
          end = *e;
          ++caps;
        }
        break;
      }
      if (!capitalised(*w) || name_stop(fw)) break;
      end = w->end;
      j = w->end;
      if (++caps >= r.max_caps) break;
    }
    if (caps < r.min_caps) return std::nullopt;
    return Range{pos, end};
  }
  const auto allowed = [&](const Word& w) {
    if (w.caseless ? r.caseless : w.cyrillic ? r.lower_cyrillic : r.lower_latin) return true;
    const std::string fw = fold_word(s, w);
    return r.known_lower && (!w.caseless || r.closed_surname) && in_gazetteer(fw) &&
           !word_list("ambiguous").contains(fw);
  };
  if (!allowed(*first) || r.min_caps > 1) return std::nullopt;
  int count = 0;
  std::size_t end = pos;
  std::size_t j = pos;
  for (;;) {
    std::size_t k = j;
    if (count > 0) {
      k = skip_hspace(s, j);
      if (k == j) break;
    }
    const auto w = read_word(s, k);
    if (!w) break;
    const std::string fw = fold_word(s, *w);
    if (count > 0 && !w->caseless && !w->cyrillic && word_list("tussenvoegsel").contains(fw)) {
      if (const auto e = tv_surname(s, *w, r.lower_latin)) end = *e;
      break;
    }
    // After a self-introduction a second caseless word that closes the clause (a comma, a sentence end, the
    // copula "እየ") is the family name, known or not.
    const bool closed = r.closed_surname && count == 1 && w->caseless && closes_clause(s, w->end);
    if ((name_stop(fw) && !(count == 1 && arabic_title_surname(*w, fw))) || !(capitalised(*w) || allowed(*w) || closed))
      break;
    if (count == 1 && w->arabic && at(s, w->begin).cp == 0x648) break;  // "و…" is "and …"
    end = w->end;
    j = w->end;
    if (++count == 2) break;
  }
  if (count == 0) return std::nullopt;
  return Range{pos, end};
}

namespace {

// "…, Kerkstraat 12" right after a person's name.
void address_after_name(std::string_view s, std::size_t name_end, Spans& out) {
  const auto k = after_separator(s, name_end, false);
  if (!k) return;
  if (const auto a = street_address(s, *k, kPersonStreet)) add(out, a->begin, a->end, PiiKind::address);
}

bool in_gazetteer(std::string_view folded);

void find_cue_names(std::string_view s, const Folded& f, Spans& out) {
  // Where a caseless word after the cue is not a known name, only a name that ends the text counts (Arabic
  // and Ge'ez have no capitals: "ابني مريض" is "my son is sick").
  const auto ends_text = [&](std::size_t e) {
    while (e < s.size() && (is_space(at(s, e).cp) || at(s, e).cp == '.' || at(s, e).cp == 0x1362)) e += at(s, e).len;
    return e >= s.size();
  };
  // After a sign-off a name closes the text, a line or a clause, or is a known name: "Thanks, Tom",
  // "mvg karin"; not "thank you! Only 2 bins", "İyi günler, Hengelo'da …", "Mahadsanid Duqa Magaalada iyo …".
  const auto closes = [&](const Range& n) {
    const std::size_t k = skip_hspace(s, n.end);
    if (k >= s.size() || is_line_break(at(s, k).cp) || clause_break(at(s, k).cp)) return true;
    const auto w = read_word(s, n.begin);
    if (w && w->cyrillic && w->upper) return true;  // "Дякую Марині з центру …": thanks and a name in the dative
    return w && in_gazetteer(fold_word(s, *w)) && !word_list("ambiguous").contains(fold_word(s, *w));
  };
  const auto run = [&](const CueList& cues, const NameRules& rules, bool newline, std::u32string_view punct,
                       bool known_caseless = false, bool must_close = false) {
    for_each_cue(f, cues, [&](std::size_t, std::size_t e) {
      std::size_t k = skip_after_cue(s, e, newline, punct);
      if (const auto w = read_word(s, k); w && fold_word(s, *w) == fold_str("هو")) k = skip_hspace(s, w->end);
      auto n = take_name(s, k, rules);
      if (n && must_close && !closes(*n)) n.reset();
      if (n && known_caseless) {
        const auto w = read_word(s, n->begin);
        if (w && w->caseless && !in_gazetteer(fold_word(s, *w)) && !ends_text(n->end)) n.reset();
      }
      // "de buurvrouw van Vogelenzang 9": a street and number, not a name
      if (n && is_digit(at(s, skip_hspace(s, n->end)).cp) && skip_hspace(s, n->end) > n->end &&
          !capitalised(*read_word(s, n->begin)))
        n.reset();
      if (n) {
        add(out, n->begin, n->end, PiiKind::name);
        address_after_name(s, n->end, out);
        // "Sophie & Mark", "Jeroen en Esther", "Yuusuf iyo Bilaal": a second name joined by a conjunction
        const std::size_t c = skip_hspace(s, n->end);
        std::size_t k2 = c;
        if (at(s, c).cp == '&') {
          k2 = skip_hspace(s, c + 1);
        } else if (const auto w = read_word(s, c); w && word_list("name_and").contains(fold_word(s, *w))) {
          k2 = skip_hspace(s, w->end);
        }
        if (k2 > c)
          if (const auto n2 = take_name(s, k2, NameRules{false, false, rules.caseless}))
            add(out, n2->begin, n2->end, PiiKind::name);
      }
    });
  };
  run(word_list("name"), NameRules{true, true, true, false, 1, 3, true}, false,
      U":,-\u2013\u2014\u060C\u1361\u1363\u1364");
  run(word_list("name_weak"), NameRules{false, false, false, true, 1, 3, true}, false, U":,-\u2013\u2014");
  run(word_list("signoff"), NameRules{false, false, true, true}, true,
      U":,-!.\u2013\u2014\u060C\u1361\u1362\u1363\u1364", true, true);
  run(word_list("honorific"), NameRules{false, false, true}, false, U".");
  // "mijn buurman Kees", "my neighbour (Tom)", "komşum Ayşe": a capitalised name, or a caseless one.
  run(word_list("relation"), NameRules{false, false, true, true, 1, 3}, false, U":,(-–—،\u1361\u1363\u1364", true);

  // "Ahmet Bey", "Ayşe Hanım"
  for_each_cue(f, word_list("honorific_after"), [&](std::size_t b, std::size_t) {
    const std::size_t k = skip_hspace_back(s, b);
    if (k == b) return;
    const auto w = word_ending_at(s, k);
    if (!w || !w->upper || name_stop(fold_word(s, *w))) return;
    std::size_t start = w->begin;
    const std::size_t k2 = skip_hspace_back(s, start);
    if (k2 < start) {
      const auto w2 = word_ending_at(s, k2);
      if (w2 && w2->upper && !name_stop(fold_word(s, *w2))) start = w2->begin;
    }
    add(out, start, w->end, PiiKind::name);
  });
}

bool in_gazetteer_exact(std::string_view folded) {
  return word_list("first").contains(folded) || word_list("surname").contains(folded);
}

// Whether the word is in the gazetteer (first names and surnames of every language community); Cyrillic
// names are also looked up without their case ending ("Оленою" -> Олена, "Максиму" -> Максим), Ge'ez ones
// without the suffix "-ን".
bool in_gazetteer(std::string_view folded) {
  if (in_gazetteer_exact(folded)) return true;
  // Tigrinya "-ን" ("and", object: "ጎረቤተይ ጸጋን", "ንዳዊትን") on a name
  if (is_ethiopic(at(folded, 0).cp)) {
    constexpr std::string_view kN = "\u1295";
    return folded.size() > kN.size() * 2 && folded.substr(folded.size() - kN.size()) == kN &&
           in_gazetteer_exact(folded.substr(0, folded.size() - kN.size()));
  }
  if (!is_cyrillic(at(folded, 0).cp)) return false;
  static const std::array<std::string_view, 14> endings{"ою", "ею", "ом", "ем", "ові", "еві", "у",
                                                        "ю",  "і",  "ї",  "а",  "я",   "и",   "е"};
  for (std::string_view e : endings) {
    if (folded.size() <= e.size() + 4 || folded.substr(folded.size() - e.size()) != e) continue;
    const std::string stem(folded.substr(0, folded.size() - e.size()));
    for (std::string_view add : {"", "а", "я", "й"})
      if (in_gazetteer_exact(stem + std::string(add))) return true;
  }
  // The dative and locative of names in -ка, -га: "Наталці" (Наталка), "Ользі" (Ольга)
  for (const auto& [case_end, nominative] : {std::pair{"ці", "ка"}, std::pair{"зі", "га"}}) {
    const std::string_view e = case_end;
    if (folded.size() > e.size() + 4 && folded.substr(folded.size() - e.size()) == e &&
        in_gazetteer_exact(std::string(folded.substr(0, folded.size() - e.size())) + nominative))
      return true;
  }
  return false;
}

// Arabic family names of origin: "الحمصي", "الحلبي" (al- ... -i).
bool arabic_nisba(std::string_view folded) {
  return folded.size() > 8 && folded.rfind("\u0627\u0644", 0) == 0 && folded.substr(folded.size() - 2) == "\u064A" &&
         !name_stop(folded);
}

// A word of a caseless script may carry the Arabic conjunction or preposition: "وأحمد", "لأحمد".
std::optional<std::size_t> caseless_prefix(std::string_view s, const Word& w) {
  const Cp c = at(s, w.begin);
  if (c.cp == 0x648 || c.cp == 0x644 || c.cp == 0x628) {
    // "للمتطوعين" ("to the volunteers"): the preposition and the article, no name
    if (c.cp == 0x644 && at(s, w.begin + c.len).cp == 0x644) return std::nullopt;
    const std::string rest = fold_str(s.substr(w.begin + c.len, w.end - w.begin - c.len));
    if (in_gazetteer(rest)) return w.begin + c.len;
  }
  return std::nullopt;
}

// An initial ("R. ") right before i, spaces between: where it starts.
std::optional<std::size_t> initial_before(std::string_view s, std::size_t i) {
  const std::size_t k = skip_hspace_back(s, i);
  if (k < i && k >= 2 && s[k - 1] == '.' && std::isupper(static_cast<unsigned char>(s[k - 2])) &&
      (k == 2 || !is_letter(before(s, k - 2).cp)))
    return k - 2;
  return std::nullopt;
}

// Names without a cue: a word of the gazetteer, capitalised (Latin, Cyrillic; lower-case Cyrillic too) or
// in a caseless script, not a common word ([ambiguous]), not before a street or institution word ("Anne
// Frankstraat", "Johan Cruijff ArenA") and not after a public title ("burgemeester Halsema", [title]).
// The name extends over the following capitalised words, tussenvoegsels and gazetteer words.
void find_gazetteer_names(std::string_view s, Spans& out) {
  const WordSet& ambiguous = word_list("ambiguous");
  const WordSet& titles = word_list("title");
  const WordSet& suffixes = word_list("street_suffix");
  for_each_word(s, [&](const Word& w) -> std::size_t {
    const std::string fw = fold_word(s, w);
    std::size_t begin = w.begin;
    bool hit = false;
    if (in_gazetteer(fw) && !ambiguous.contains(fw)) {
      // lower-case Cyrillic only as written in the list: "люди" (people) is no case of "Люда"
      hit = w.upper || w.caseless || (w.cyrillic && in_gazetteer_exact(fw));
    } else if (w.caseless) {
      if (const auto b = caseless_prefix(s, w)) {
        begin = *b;
        hit = true;
      }
    }
    if (hit && word_list("month").contains(fw)) {  // "12 Jan", "Jan 12"
      const std::size_t k = skip_hspace_back(s, w.begin);
      if (is_digit(before(s, k).cp) || is_digit(at(s, skip_hspace(s, w.end)).cp)) hit = false;
    }
    if (hit) {
      // "burgemeester Halsema", "wethouder K. Smit"
      const auto initial = initial_before(s, w.begin);
      if (const auto title = word_before(s, initial ? *initial : w.begin);
          title && titles.contains(fold_word(s, *title)))
        hit = false;
      // "في إيمن" ("in Emmen"): a word after a place preposition is a place, however much it looks like a name
      if (const auto p = word_ending_at(s, skip_hspace_back(s, w.begin));
          w.caseless && p && p->end < w.begin && word_list("place_preposition").contains(fold_word(s, *p)))
        hit = false;
      // "أبو فادي", "أم وليد": the kunya is the name
      if (const auto p = word_before(s, w.begin);
          hit && p && p->arabic && word_list("kunya").contains(fold_word(s, *p)))
        begin = p->begin;
    }
    if (!hit) return w.end;
    // Extend: capitalised words / tussenvoegsel + surname / gazetteer words of the same script.
    std::size_t end = w.end;
    bool street = suffixes.any_suffix_of(fw) && fw.size() > 6;
    for (int n = 0; n < 3; ++n) {
      const std::size_t k = skip_hspace(s, end);
      if (k == end) break;
      const auto y = read_word(s, k);
      if (!y) break;
      const std::string fy = fold_word(s, *y);
      if (word_list("honorific_after").contains(fy)) break;
      if (suffixes.any_suffix_of(fy) || is_institution(fy) || fy == "arena") {
        street = street || capitalised(*y);
        break;
      }
      if (word_list("tussenvoegsel").contains(fy) && !y->caseless) {
        // "Johan de Wittlaan": the word after the tussenvoegsels is a street
        std::optional<Word> z = y;
        while (z && word_list("tussenvoegsel").contains(fold_word(s, *z))) z = read_word(s, skip_hspace(s, z->end));
        if (z && suffixes.any_suffix_of(fold_word(s, *z))) street = true;
        if (const auto e = tv_surname(s, *y, false)) end = *e;
        break;
      }
      const bool same_kind = (capitalised(*y) && !y->caseless && !name_stop(fy)) ||
                             ((y->caseless || y->cyrillic) && in_gazetteer(fy)) ||
                             (y->arabic && (arabic_nisba(fy) || arabic_title_surname(*y, fy)));
      if (!same_kind) break;
      end = y->end;
    }
    // "Lindelaan 4": a word before a house number is a street (address.cpp), not a name.
    const std::size_t k = skip_hspace(s, end);
    if (!street && is_digit(at(s, k).cp) && k > end && suffixes.any_suffix_of(fw)) street = true;
    if (street) return end;
    add(out, begin, end, PiiKind::name);
    // "Ria en Joop", "Sophie and Mark": a capitalised word joined to a known name by a conjunction
    const std::size_t c = skip_hspace(s, end);
    const auto conj = c > end ? read_word(s, c) : std::nullopt;
    if (!conj || !word_list("name_and").contains(fold_word(s, *conj))) return end;
    const std::size_t k2 = skip_hspace(s, conj->end);
    const auto y = k2 > conj->end ? read_word(s, k2) : std::nullopt;
    if (!y || !capitalised(*y) || y->caseless) return end;
    const std::string fy = fold_word(s, *y);
    if (name_stop(fy) || ambiguous.contains(fy) || suffixes.any_suffix_of(fy) || word_list("town").contains(fy) ||
        word_list("month").contains(fy))
      return end;
    add(out, y->begin, y->end, PiiKind::name);
    return end;  // the walk goes on at the second name: its surname may follow ("… i Ewa Szymańscy")
  });
}

// "عبد الرحمن", "عبد الله": "Abd" and a word with the article are one given name, known or not.
void find_abd_names(std::string_view s, Spans& out) {
  for_each_word(s, [&](const Word& w) -> std::size_t {
    if (!w.arabic || !word_list("abd").contains(fold_word(s, w))) return w.end;
    const std::size_t k = skip_hspace(s, w.end);
    const auto y = k > w.end ? read_word(s, k) : std::nullopt;
    if (!y || !y->arabic || fold_word(s, *y).rfind("\u0627\u0644", 0) != 0) return w.end;
    add(out, w.begin, y->end, PiiKind::name);
    return y->end;
  });
}

// An initial and a surname anywhere ("(D. Mensah)", "contact J. Bakker"): the surname capitalised, not a stop
// word, street, institution, town or title; not after a public title ("burgemeester J. Jansen").
void find_initial_names(std::string_view s, Spans& out) {
  for_each_word(s, [&](const Word& w) {
    if (!w.initial || w.caseless) return w.end;
    if (const auto p = word_before(s, w.begin); p && word_list("title").contains(fold_word(s, *p))) return w.end;
    const std::size_t k = skip_hspace(s, w.end);
    const auto y = k > w.end ? read_word(s, k) : std::nullopt;
    if (!y) return w.end;
    std::size_t end = y->end;
    const std::string fy = fold_word(s, *y);
    if (word_list("tussenvoegsel").contains(fy)) {
      const auto e = tv_surname(s, *y, false);
      if (!e) return w.end;
      end = *e;
    } else if (!capitalised(*y) || y->initial || name_stop(fy) || word_list("ambiguous").contains(fy) ||
               word_list("street_suffix").any_suffix_of(fy) || is_institution(fy) || word_list("town").contains(fy) ||
               word_list("title").contains(fy) || word_list("month").contains(fy)) {
      return w.end;
    }
    add(out, w.begin, end, PiiKind::name);
    return end;
  });
}

// A signature: the text ends with one or two name words after a sentence end, a dash or a line break
// ("… kapot. Ірина", "… - منى", "Sevgiler, Nur"), capitalised or caseless, not a cue, stop word or place.
void find_signature(std::string_view s, Spans& out) {
  const auto end_punct = [](char32_t c) { return is_space(c) || c == '.' || c == ')' || c == 0x1362; };
  std::size_t e = s.size();
  while (e > 0 && end_punct(before(s, e).cp)) e -= before(s, e).len;  // "Acil!", "Pilne!": an exclamation
  std::size_t b = e;
  // One or two name words, a tussenvoegsel between them ("M. el Idrissi").
  for (int words = 0, names = 0; words < 3; ++words) {
    const auto w = word_ending_at(s, b);
    if (!w) return;
    const std::string fw = fold_word(s, *w);
    const bool tv = names > 0 && !w->caseless && word_list("tussenvoegsel").contains(fw);
    const bool hard_stop = !(capitalised(*w) || w->caseless) || word_list("signoff").contains(fw) ||
                           word_list("town").contains(fw) || word_list("title").contains(fw);
    // A first name that is also a word somewhere ("Ben", "Gül") still signs a text when it stands alone.
    const bool lone_first = words == 0 && !hard_stop && word_list("first").contains(fw);
    if (!tv && !lone_first &&
        (hard_stop || name_stop(fw) || word_list("ambiguous").contains(fw) ||
         (w->caseless && !in_gazetteer(fw) && !(w->arabic && arabic_nisba(fw)))))
      return;
    if (!tv) ++names;
    b = w->begin;
    const std::size_t k = skip_hspace_back(s, b);
    if (k == b || k == 0 || !is_letter(before(s, k).cp)) break;
    if (lone_first && (name_stop(fw) || word_list("ambiguous").contains(fw))) return;
    if (names == 2 || words == 2) return;  // three words or more: a sentence, not a signature
    b = k;
  }
  // An initial before the name ("R. Blake"): with it the name may also follow a colon.
  bool initial = false;
  if (const auto i = initial_before(s, b)) {
    b = *i;
    initial = true;
  }
  const std::size_t k = skip_hspace_back(s, b);
  if (k == 0) return;  // the whole text
  const char32_t c = before(s, k).cp;
  const bool signature_sep = c == '-' || c == 0x2013 || c == 0x2014 || c == ',' || c == 0x60C || c == 0x1361 ||
                             c == 0x1363 || is_line_break(c) || (initial && (c == ':' || c == '('));
  const bool sentence_end = c == '.' || c == '!' || c == '?' || c == 0x61F || c == 0x1362;
  // After a sentence end a capitalised word may be any word ("… kapot. Help"): only a known name counts there.
  const auto first = read_word(s, b);
  const bool known = first && in_gazetteer(fold_word(s, *first));
  // In Arabic, Cyrillic or Ge'ez text a capitalised Latin word closing it is a name ("… ምዕሻግ። Senait"), unless
  // it is a street or an institution (towns are left out above).
  const bool latin_in_other = first && !initial && capitalised(*first) && !first->caseless && !first->cyrillic &&
                              e == first->end && mostly_other_script(s) && !name_stop(fold_word(s, *first)) &&
                              !word_list("street_suffix").any_suffix_of(fold_word(s, *first));
  if (signature_sep || (sentence_end && (known || initial || latin_in_other))) add(out, b, e, PiiKind::name);
}

// "Jan de Vries, Kerkstraat 12" (a full name then a street), "Karin de Wit, IBAN …" (a full
// name then personal data found by the other scanners) and "Kerkstraat 12'de oturuyorum".
void find_person_addresses(std::string_view s, Spans& out) {
  std::vector<std::size_t> detail_starts;
  for (const PiiSpan& sp : out)
    if (sp.kind != PiiKind::name) detail_starts.push_back(sp.begin);
  std::sort(detail_starts.begin(), detail_starts.end());
  for_each_word(s, [&](const Word& w) -> std::size_t {
    const std::size_t i = w.begin;
    if (capitalised(w) || word_list("tussenvoegsel").contains(fold_word(s, w))) {
      if (const auto n = take_name(s, i, NameRules{false, false, false, false, 2, 3})) {
        if (const auto k = after_separator(s, n->end, false)) {
          if (const auto a = street_address(s, *k, kPersonStreet)) {
            add(out, n->begin, n->end, PiiKind::name);
            add(out, a->begin, a->end, PiiKind::address);
            return a->end;
          }
        }
        if (auto k = after_separator(s, n->end, true)) {
          for (int labels = 0; labels < 2; ++labels) {
            const auto label = read_word(s, *k);
            if (!label || !word_list("contact_label").contains(fold_word(s, *label))) break;
            k = skip_after_cue(s, label->end, false, U".:");
          }
          if (std::binary_search(detail_starts.begin(), detail_starts.end(), *k)) {
            add(out, n->begin, n->end, PiiKind::name);
            return n->end;
          }
        }
      }
    }
    return w.end;
  });
}

// A word of the text that is also a part of an e-mail address's local part or of a handle ("Farhan,
// farhan.abdi@live.nl", "Groeten, Sanne (@sanne_bakker)"): a name, whatever its community. Capitalised, three
// letters or more, not a stop word, institution, town or role mailbox ("Gemeente … gemeente@…").
void find_names_in_addresses(std::string_view s, Spans& out) {
  std::vector<std::string> parts;
  for (const PiiSpan& sp : out) {
    if (sp.kind != PiiKind::email && sp.kind != PiiKind::handle) continue;
    std::string_view v = s.substr(sp.begin, sp.end - sp.begin);
    if (sp.kind == PiiKind::email) {
      v = v.substr(0, v.find('@'));
    } else if (const std::size_t k = v.find_last_of("/@"); k != std::string_view::npos) {
      v = v.substr(k + 1);  // "tiktok.com/@sam_vos": the account, not the site
    }
    std::string cur;
    for (const char c : v) {
      if (is_ascii_alpha(static_cast<unsigned char>(c))) {
        cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        continue;
      }
      if (cur.size() >= 3) parts.push_back(cur);
      cur.clear();
    }
    if (cur.size() >= 3) parts.push_back(cur);
  }
  if (parts.empty()) return;
  for_each_word(s, [&](const Word& w) -> std::size_t {
    const std::string fw = fold_word(s, w);
    if (w.upper && !w.initial && fw.size() >= 3 && std::find(parts.begin(), parts.end(), fw) != parts.end() &&
        !name_stop(fw) && !word_list("town").contains(fw) && !word_list("role_mailbox").contains(fw) &&
        !word_list("title").contains(fw))
      add(out, w.begin, w.end, PiiKind::name);
    return w.end;
  });
}

}  // namespace

void find_names(const Input& in, Spans& out) {
  find_names_in_addresses(in.s, out);
  find_cue_names(in.s, in.f, out);
  find_person_addresses(in.s, out);
  find_gazetteer_names(in.s, out);
  find_initial_names(in.s, out);
  find_abd_names(in.s, out);
  find_signature(in.s, out);
}

}  // namespace kiosk::privacy
