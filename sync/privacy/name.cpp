// Names: after cues (self-introductions, sign-offs, forms of address, relatives and neighbours) in the eight
// kiosk languages, a full name before other personal data, and names of the gazetteer without a cue.
#include <algorithm>
#include <cctype>
#include <array>
#include <string>

#include "kiosk/sync/edit_distance.hpp"
#include "lists.hpp"
#include "scanners.hpp"

namespace kiosk::privacy {
bool is_institution(std::string_view folded) {
  static const WordSet& exact = word_list("institution");
  static const WordSet& stems = word_list("institution_stem");
  return exact.contains(folded) || stems.any_inside(folded);
}

bool name_stop(std::string_view folded) {
  if (listed_name_stop(folded)) return true;
  // "Wilhelminastraat": a street, not a name
  for (std::string_view e : {"straat", "laan", "weg", "plein", "gracht", "kade", "singel", "street", "road"})
    if (folded.size() > e.size() + 2 && folded.substr(folded.size() - e.size()) == e) return true;
  return false;
}

bool listed_name_stop(std::string_view folded) {
  static const WordSet& stop = word_list("name_stop");
  static const WordSet& not_a_name = word_list("not_a_name");
  static const WordSet& signoff = word_list("signoff");
  static const WordSet& honorific = word_list("honorific");
  // a cue word: a relative or "my address" ("Komşumuz Halil Bey", "Kayınvalidem Hanım Akdağ"; added after the ninth
  // part was measured: none is in a gazetteer)
  static const WordSet& relation = word_list("relation");
  static const WordSet& address_cue = word_list("address");
  // a word for "written" or "recorded" ([dob_record]: "اسمي مكتوب غلط", my name is written wrongly; added after the
  // fifteenth part was measured)
  static const WordSet& record = word_list("dob_record");
  return stop.contains(folded) || not_a_name.contains(folded) || signoff.contains(folded) ||
         honorific.contains(folded) || relation.contains(folded) || address_cue.contains(folded) ||
         record.contains(folded) || is_institution(folded);
}

bool capitalised(const Word& w) { return w.upper || w.initial; }

std::size_t case_ending_at(std::string_view folded, std::string_view list) {
  const std::size_t a = folded.rfind('\'');
  if (a == npos || a == 0 || utf8_length(folded.substr(0, a)) < 2) return npos;
  return word_list(list).contains(folded.substr(a + 1)) ? a : npos;
}

std::string without_case_ending(std::string_view folded) {
  return std::string(folded.substr(0, std::min(folded.size(), case_ending_at(folded))));
}

bool after_place_preposition(std::string_view s, const Word& w) {
  const auto p = word_before(s, w.begin);
  return p && p->end < w.begin && word_list("town_preposition").contains(fold_word(s, *p)) &&
         skip_hspace_back(s, w.begin) == p->end;
}

bool after_place_noun(std::string_view s, const Word& w) {
  std::optional<Word> p = word_before(s, w.begin);
  std::size_t from = w.begin;
  for (int n = 0; n < 3 && p && skip_hspace_back(s, from) == p->end && p->end < from &&
                  word_list("tussenvoegsel").contains(fold_word(s, *p));
       ++n) {
    from = p->begin;
    p = word_before(s, from);
  }
  return p && p->end < from && skip_hspace_back(s, from) == p->end &&
         word_list("named_place").contains(fold_word(s, *p));
}

std::optional<std::size_t> case_ending_cut(std::string_view s, std::size_t e) {
  const auto w = word_ending_at(s, e);
  if (!w || w->end != e || w->caseless || case_ending_at(fold_word(s, *w)) == npos) return std::nullopt;
  std::optional<std::size_t> cut;
  for (std::size_t i = w->begin; i < w->end; i += std::max<std::size_t>(at(s, i).len, 1))
    if (is_apostrophe(at(s, i).cp)) cut = i;
  // the ending in lower case ("Emirhan'ın"; not "O'Neil")
  if (cut)
    for (std::size_t i = *cut + at(s, *cut).len; i < w->end; i += std::max<std::size_t>(at(s, i).len, 1))
      if (is_upper(at(s, i).cp)) return std::nullopt;
  return cut;
}

// Tussenvoegsels ("van", "de", "van der" …) starting at w and the surname after them; returns the
// end of the surname.
std::optional<std::size_t> tv_surname(std::string_view s, const Word& w, bool lower_ok) {
  std::size_t j = w.end;
  for (int n = 0; n < 3; ++n) {
    const std::size_t k = skip_hspace(s, j);
    if (k == j) return std::nullopt;
    // "'t" with its apostrophe ("Van 't Hek"; added after the fourteenth part was measured)
    if (is_apostrophe(at(s, k).cp))
      if (const auto t = read_word(s, k + at(s, k).len); t && fold_word(s, *t) == "t" && t->begin > k) {
        j = t->end;
        continue;
      }
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
bool in_gazetteer_exact(std::string_view folded);

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
  constexpr std::string_view kAlDin = "\u0627\u0644\u062F\u064A\u0646";  // "الدين"
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
      // a title after a name is no part of it ("komşumuz Halil Bey'in"; added after the ninth part was measured)
      if (!capitalised(*w) || name_stop(fw) ||
          (caps > 0 && word_list("honorific_after").contains(without_case_ending(fw))))
        break;
      end = w->end;
      j = w->end;
      if (++caps >= r.max_caps) break;
    }
    if (caps < r.min_caps) return std::nullopt;
    return Range{pos, end};
  }
  // (a known lower-case name with a Turkish case ending after an apostrophe: "oğlum emre'nin doğum tarihi"; the name
  // ends at the apostrophe; added after the twenty-sixth part was measured)
  const auto known = [&](std::string_view fw) {
    return in_gazetteer(fw) && !word_list("ambiguous").contains(fw) && !name_stop(fw);
  };
  const auto allowed = [&](const Word& w) {
    if (w.caseless ? r.caseless : w.cyrillic ? r.lower_cyrillic : r.lower_latin) return true;
    const std::string fw = fold_word(s, w);
    if (!r.known_lower || (w.caseless && !r.closed_surname)) return false;
    return (in_gazetteer(fw) && !word_list("ambiguous").contains(fw)) ||
           (!w.caseless && case_ending_at(fw) != npos && known(without_case_ending(fw)));
  };
  const auto apostrophe_in = [&](const Word& w) -> std::size_t {
    if (w.caseless || capitalised(w) || case_ending_at(fold_word(s, w)) == npos) return npos;
    for (std::size_t q = w.begin; q < w.end; q += std::max<std::size_t>(at(s, q).len, 1))
      if (is_apostrophe(at(s, q).cp)) return q;
    return npos;
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
    // "نور الدين", "صلاح الدين": "al-Din" after a given name is part of it, not a second name
    if (count >= 1 && w->arabic && fw == fold_str(kAlDin)) {
      end = w->end;
      j = w->end;
      continue;
    }
    // After a self-introduction a second caseless word that closes the clause (a comma, a sentence end, the
    // copula "እየ") is the family name, known or not.
    bool closed = r.closed_surname && count == 1 && w->caseless && closes_clause(s, w->end);
    // A lower-case Latin word after a lower-case first name (known, or after a strong cue), closing the clause or
    // right before a date, a number or a birth cue, is the family name too ("mijn opa karel smeets, …", "babam ali
    // koç 3 mart …", "magacaygu waa axmed cali xuseen,"): a third one only when the second was a name.
    if (!closed && count >= 1 && (r.known_lower || r.lower_latin) && !w->caseless && !w->cyrillic && !w->upper &&
        !w->initial && !capitalised(*first) && w->end - w->begin >= 3 && !word_list("ambiguous").contains(fw) &&
        !word_list("dob").contains(fw) && !word_list("copula").contains(fw)) {
      const std::size_t n = skip_hspace(s, w->end);
      const auto next = read_word(s, n);
      // after a relative only a comma or a line break closes it: "mijn dochter emma slaapt." is a verb
      const char32_t c = at(s, n).cp;
      const bool comma = n >= s.size() || c == ',' || c == ';' || is_line_break(c);
      closed = (r.closed_surname ? closes_clause(s, w->end) : comma) ||
               (count == 1 && ((n > w->end && is_digit_at(s, n)) ||
                               (next && n > w->end && word_list("dob").contains(fold_word(s, *next)))));
    }
    if ((name_stop(fw) && !(count == 1 && arabic_title_surname(*w, fw))) || !(capitalised(*w) || allowed(*w) || closed))
      break;
    if (count == 1 && w->arabic && at(s, w->begin).cp == 0x648) break;  // "و…" is "and …"
    if (count == 2 && !closed && !capitalised(*w)) break;  // a third lower-case word only when it closes the clause
    if (const std::size_t a = apostrophe_in(*w); a != npos) {
      end = a;
      ++count;
      break;
    }
    end = w->end;
    j = w->end;
    if (const auto d = read_word(s, skip_hspace(s, w->end));
        count >= 1 && w->arabic && d && d->begin > w->end && fold_word(s, *d) == fold_str(kAlDin))
      continue;  // "نور" of "نور الدين": one given name with it
    if (++count == 3 || (count == 2 && !((r.known_lower || r.lower_latin) && !capitalised(*first) && !first->caseless &&
                                         !first->cyrillic)))
      break;
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

// Tigrinya puts the verb last: after a relative ("ጓለይ ቢልን ኣብ ቤት ትምህርቲ …", "ጎረቤትና ሶሎሞን ምሸት …") a Ge'ez word
// that does not close the clause is the relative's name, unless it is a function word ([name_stop]) or has the
// shape of a verb (the relative prefix "ዝ-", the infinitive/future "ክ-"). A second word stays only when it is
// known, a compound name or closes the clause ("ዓባየይ ሚኪኤለ ሓጎስ፣").
// A Ge'ez word with the object or addressee suffix of a verb or noun ("ምለሱለይ", "ብኽብረትኩም", "ሓጊዙና"): no name.
bool ethiopic_verb_shape(std::string_view folded) {
  // the negation "ኣይ…ን" ("ኣይኮነን", "ኣይፈልጥን")
  constexpr std::string_view kAy = "\u12A3\u12ED", kN = "\u1295";
  if (folded.size() > kAy.size() + kN.size() && folded.rfind(kAy, 0) == 0 &&
      folded.substr(folded.size() - kN.size()) == kN)
    return true;
  for (std::string_view e : {"\u1208\u12ED", "\u120D\u1293", "\u12A9\u121D", "\u12B9\u121D", "\u12D9\u1293"})
    if (folded.size() > e.size() && folded.substr(folded.size() - e.size()) == e) return true;
  return false;
}

// A Ge'ez verb with an object suffix at its end ("ነኺስዎ" bit him, "ወቒዑዋ" hit her, "ረኺቡኒ" found me): -ዎ, -ዋ, -ዮ,
// -ያ, -ኒ after a word of three letters or more.
bool object_verb_shape(std::string_view folded) {
  if (folded.size() < 9) return false;
  for (std::string_view e : {"\u12CE", "\u12CB", "\u12EE", "\u12EB", "\u1292"})
    if (folded.substr(folded.size() - e.size()) == e) return true;
  return false;
}

std::optional<Range> ethiopic_after_relative(std::string_view s, const Word& w, const Range& n) {
  if (!is_ethiopic(at(s, w.begin).cp) || closes_clause(s, w.end)) return std::nullopt;
  const std::string fw = fold_word(s, w);
  const char32_t c0 = at(s, w.begin).cp;
  // "ኣደይ ዕለተ ልደታ ኣይትፈልጦን" (my mother does not know her birth date): the first word of a cue
  for (const std::string& cue : word_list("dob").items())
    if (cue == fw || cue.rfind(fw + " ", 0) == 0) return std::nullopt;
  if (name_stop(fw) || word_list("ambiguous").contains(fw) || ethiopic_verb_shape(fw) ||
      (c0 >= 0x12D8 && c0 <= 0x12DF) || (c0 >= 0x12A8 && c0 <= 0x12AF) || at(s, w.begin).len == w.end - w.begin)
    return std::nullopt;
  Range r{w.begin, w.end};
  const std::size_t k = skip_hspace(s, w.end);
  if (const auto y = k > w.end && k < n.end ? read_word(s, k) : std::nullopt; y && y->end <= n.end) {
    const std::string fy = fold_word(s, *y);
    if (!name_stop(fy) && !ethiopic_verb_shape(fy) && (in_gazetteer(fy) || closes_clause(s, y->end))) r.end = y->end;
  }
  return r;
}

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
                       bool known_caseless = false, bool must_close = false, bool relative = false) {
    const auto on_cue = [&](std::size_t b, std::size_t e) {
      // a Ge'ez cue glued to "ን" (to, for: "ንጓለይ ናርዶስ ወቒዑዋ", a relative as the object): the verb that follows carries
      // the object's suffix: one name word right before that verb, the verb closing the clause ("ንጎረቤተይ ኣደ ኣረጋሽ
      // ሓግዝዋ" stays to the other rules; added after the fourteenth part was measured)
      const bool glued_ne = before(s, b).cp == 0x1295 && !boundary_before(s, b);
      std::size_t k = skip_after_cue(s, e, newline, punct);
      // "اسمه هو …", "ninkayga waa …": a copula between the cue and the name
      if (const auto w = read_word(s, k); w && word_list("cue_copula").contains(fold_word(s, *w)))
        k = skip_hspace(s, w->end);
      // "ብሽም ሓፍተይ ዓወት" (in the name of my sister Awet): the name follows the relative
      if (const auto w = read_word(s, k); w && !must_close && word_list("relation").contains(fold_word(s, *w)))
        k = skip_hspace(s, w->end);
      auto n = take_name(s, k, rules);
      if (n && must_close && !closes(*n)) n.reset();
      // "أشكر السيد العمدة" (Mr. Mayor): a public title after the cue is no name
      if (const auto w = n ? read_word(s, n->begin) : std::nullopt; w && word_list("title").contains(fold_word(s, *w)))
        n.reset();
      if (n && glued_ne) {
        const auto w = read_word(s, n->begin);
        const auto next = w ? read_word(s, skip_hspace(s, w->end)) : std::nullopt;
        if (!w || !w->caseless || !next || closes_clause(s, w->end) || !closes_clause(s, next->end) ||
            object_verb_shape(fold_word(s, *w)) || name_stop(fold_word(s, *next)) ||
            word_list("relation").contains(fold_word(s, *w)) || word_list("honorific").contains(fold_word(s, *w))) {
          n.reset();
        } else {
          n->end = w->end;
        }
      }
      if (n && known_caseless) {
        const auto w = read_word(s, n->begin);
        if (w && w->caseless && !in_gazetteer(fold_word(s, *w)) && !ends_text(n->end)) {
          if (const auto t = relative ? ethiopic_after_relative(s, *w, *n) : std::nullopt) {
            n = t;
          } else {
            n.reset();
          }
        }
      }
      // "de buurvrouw van Vogelenzang 9": a street and number, not a name; a date after it is the person's
      // ("babam ali koç 3 mart 1950 doğumlu"; of caseless words only one: "ዳዊት ብ 3 …" is "Dawit on 3 …")
      // (but a number of a unit is none: "kızım elif 6 yaşında", my daughter elif, 6 years old; added after the
      // twenty-first part was measured)
      const auto unit_after = [&](std::size_t d) {
        while (is_digit_at(s, d)) ++d;
        const std::size_t u = skip_hspace(s, d);
        const auto w = u > d ? read_word(s, u) : std::nullopt;
        return w && word_list("unit").contains(fold_word(s, *w));
      };
      if (const std::size_t d = n ? skip_hspace(s, n->end) : 0;
          n && is_digit(at(s, d).cp) && d > n->end && !capitalised(*read_word(s, n->begin)) &&
          (!date_extent(s, d) || (read_word(s, n->begin)->caseless && read_word(s, n->begin)->end < n->end)) &&
          !unit_after(d))
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
        // (a caseless second word not in the gazetteer only when it closes the clause: "ትበርህ ከምኡውን ሰለስተ ደቅና" is
        // "and three children")
        if (k2 > c)
          if (const auto n2 = take_name(s, k2, NameRules{false, false, rules.caseless});
              n2 && (!read_word(s, n2->begin)->caseless || in_gazetteer(fold_word(s, *read_word(s, n2->begin))) ||
                     closes_clause(s, n2->end)))
            add(out, n2->begin, n2->end, PiiKind::name);
      }
    };
    for_each_cue(f, cues, on_cue, relative);
  };
  run(word_list("name"), NameRules{true, true, true, false, 1, 3, true}, false,
      U":,-\u2013\u2014\u060C\u1361\u1363\u1364\u1366");
  run(word_list("name_weak"), NameRules{false, false, false, true, 1, 3, true}, false, U":,-\u2013\u2014");
  run(word_list("signoff"), NameRules{false, false, true, true}, true,
      U":,-!.\u2013\u2014\u060C\u1361\u1362\u1363\u1364\u1366", true, true);
  run(word_list("honorific"), NameRules{false, false, true}, false, U".");
  // "mijn buurman Kees", "my neighbour (Tom)", "komşum Ayşe": a capitalised name, or a caseless one.
  run(word_list("relation"), NameRules{false, false, true, true, 1, 3}, false, U":,(-–—،\u1361\u1363\u1364\u1366", true,
      false, true);

  // "ሳሚ ዝበሃል ሰብ", "Kemal adında biri" — a name before a word for "called"
  // ([name_called], after the name in Tigrinya and Turkish): a caseless word that is no function word or verb
  // shape, or one or two capitalised words (added after the eighth part was measured).
  for_each_cue(f, word_list("name_called"), [&](std::size_t b, std::size_t) {
    const std::size_t k = skip_hspace_back(s, b);
    if (k == b) return;
    const auto w = word_ending_at(s, k);
    if (!w) return;
    const std::string fw = fold_word(s, *w);
    if (name_stop(fw) || word_list("relation").contains(fw) || word_list("title").contains(fw)) return;
    if (w->caseless) {
      if (!ethiopic_verb_shape(fw)) add(out, w->begin, w->end, PiiKind::name);
      return;
    }
    if (!capitalised(*w)) return;
    std::size_t start = w->begin;
    const std::size_t k2 = skip_hspace_back(s, start);
    if (const auto w2 = k2 < start ? word_ending_at(s, k2) : std::nullopt;
        w2 && capitalised(*w2) && !name_stop(fold_word(s, *w2)) && !sentence_start(s, w2->begin))
      start = w2->begin;
    add(out, start, w->end, PiiKind::name);
  });

  // "Ahmet Bey", "Ayşe Hanım"
  for_each_cue(f, word_list("honorific_after"), [&](std::size_t b, std::size_t) {
    const std::size_t k = skip_hspace_back(s, b);
    if (k == b) return;
    const auto w = word_ending_at(s, k);
    if (!w || name_stop(fold_word(s, *w))) return;
    // a known name also in lower case ("ayşe teyze düştü"; added after the ninth part was measured), not after an
    // article ("the foster family": a noun; added after the twenty-sixth part was measured)
    if (!w->upper &&
        (w->caseless || !in_gazetteer(fold_word(s, *w)) || word_list("ambiguous").contains(fold_word(s, *w))))
      return;
    if (const auto a = word_before(s, w->begin); !w->upper && a && word_list("article").contains(fold_word(s, *a)))
      return;
    // (and "family" only after a capitalised name: "a foster family", "our foster family")
    if (!w->upper && fold_str(s.substr(b, 6)) == "family") return;
    std::size_t start = w->begin;
    const std::size_t k2 = skip_hspace_back(s, start);
    if (k2 < start) {
      // the first word of a sentence only when it is a known name ("Toplantıya Turgay Abi": "to the meeting"; added
      // after the ninth part was measured)
      const auto w2 = word_ending_at(s, k2);
      if (w2 && w2->upper && !name_stop(fold_word(s, *w2)) &&
          (!sentence_start(s, w2->begin) || in_gazetteer(fold_word(s, *w2))))
        start = w2->begin;
    }
    add(out, start, w->end, PiiKind::name);
  });
}

bool in_gazetteer_exact(std::string_view folded) {
  return word_list("first").contains(folded) || word_list("surname").contains(folded);
}

// Eritrean and Ethiopian compound names ("ወለተማርያም", "ሃይለማርያም", "ወልደገብርኤል", "ገብረእግዚኣብሄር"): a word that
// starts with a name prefix of [ethiopic_name_prefix] ("servant of", "power of", "daughter of" …) or ends in a
// saint's name of [ethiopic_name_suffix], with at least two more letters.
bool ethiopic_compound_name(std::string_view folded) {
  const auto letters = [](std::string_view v) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < v.size(); i += std::max<std::size_t>(at(v, i).len, 1)) ++n;
    return n;
  };
  const std::size_t n = letters(folded);
  for (const std::string& p : word_list("ethiopic_name_prefix").items())
    if (folded.rfind(p, 0) == 0 && n >= letters(p) + 2) return true;
  for (const std::string& e : word_list("ethiopic_name_suffix").items())
    if (folded.size() > e.size() && folded.substr(folded.size() - e.size()) == e && n >= letters(e) + 2) return true;
  return false;
}

// A Polish case form of a name of the gazetteer ("Pawłem", "Rafała", "Kamilem", "Justynie", "Kowalskiego"): the
// ending taken off, the nominative ending put on, a dropped "e" put back ("Pawł-" Paweł, "Jack-" Jacek).
// Capitalised Latin words only (the caller's part): a lower-case word with such an ending is an everyday word.
bool in_gazetteer_inflected(std::string_view folded) {
  static constexpr std::pair<std::string_view, std::string_view> kEndings[] = {// a family: "Nowakowie" (the Nowaks),
                                                                               // "u Nowaków" (added after the
                                                                               // fourteenth part was measured)
                                                                               {"owie", ""},
                                                                               {"ow", ""},
                                                                               {"ów", ""},
                                                                               {"owi", ""},
                                                                               {"iem", ""},
                                                                               {"em", ""},
                                                                               {"ego", ""},
                                                                               {"emu", ""},
                                                                               {"a", ""},
                                                                               {"u", ""},
                                                                               {"ie", ""},
                                                                               {"ie", "a"},
                                                                               {"y", "a"},
                                                                               {"e", "a"},
                                                                               {"i", "a"},
                                                                               {"m", ""},
                                                                               {"ę", "a"},
                                                                               // the consonant before the dative
                                                                               // and locative "-e" alternates:
                                                                               // Agata Agacie, Wanda Wandzie,
                                                                               // Barbara Barbarze, Monika
                                                                               // Monice, Olga Oldze
                                                                               {"cie", "ta"},
                                                                               {"dzie", "da"},
                                                                               {"rze", "ra"},
                                                                               {"ce", "ka"},
                                                                               {"dze", "ga"}};
  const WordSet& ambiguous = word_list("ambiguous");
  const auto known = [&](const std::string& w) { return in_gazetteer_exact(w) && !ambiguous.contains(w); };
  for (const auto& [ending, nominative] : kEndings) {
    // the stem keeps four letters ("Pawł-", "Rafał-"), or three when a nominative ending is put back ("Ew-y")
    if (folded.size() < ending.size() + (nominative.empty() ? 4 : 3) ||
        folded.substr(folded.size() - ending.size()) != ending)
      continue;
    const std::string stem(folded.substr(0, folded.size() - ending.size()));
    // "-m" only after the adjective ending of a surname: "Jankowskim", "Nowickim"
    if (ending == "m" && stem.back() != 'i' && stem.back() != 'y') continue;
    if (known(stem + std::string(nominative))) return true;
    if (nominative.empty() && stem.size() >= 3 && is_ascii_alpha(static_cast<unsigned char>(stem.back()))) {
      std::string with_e = stem;
      with_e.insert(with_e.size() - 1, "e");
      if (known(with_e)) return true;
    }
  }
  return false;
}

// The case endings of Ukrainian names ("Юлією" Юлія, "Андрієм" Андрій: the instrumental after a vowel is written with
// є).
const std::array<std::string_view, 16>& cyrillic_case_endings() {
  static const std::array<std::string_view, 16> endings{"ою", "ею", "єю", "єм", "ом", "ем", "ові", "еві",
                                                        "у",  "ю",  "і",  "ї",  "а",  "я",  "и",   "е"};
  return endings;
}

// Whether the word is in the gazetteer (first names and surnames of every language community); Cyrillic
// names are also looked up without their case ending ("Оленою" -> Олена, "Максиму" -> Максим), Ge'ez ones
// without the suffix "-ን".
bool in_gazetteer(std::string_view folded) {
  if (in_gazetteer_exact(folded)) return true;
  // a double name of known parts: "smit-vos", "Jan-Hendrik", "Bouma-Dijkstra"
  if (const std::size_t h = folded.find('-'); h != npos && h >= 2 && folded.size() - h > 2) {
    bool all = true;
    for (std::size_t b = 0; b <= folded.size() && all;) {
      const std::size_t e = std::min(folded.find('-', b), folded.size());
      all = e - b >= 2 && in_gazetteer_exact(folded.substr(b, e - b));
      b = e + 1;
    }
    if (all) return true;
  }
  // Tigrinya "-ን" ("and", object: "ጎረቤተይ ጸጋን", "ንዳዊትን") on a name
  if (is_ethiopic(at(folded, 0).cp)) {
    constexpr std::string_view kN = "\u1295";
    return (folded.size() > kN.size() * 2 && folded.substr(folded.size() - kN.size()) == kN &&
            in_gazetteer_exact(folded.substr(0, folded.size() - kN.size()))) ||
           ethiopic_compound_name(folded);
  }
  if (!is_cyrillic(at(folded, 0).cp)) return false;
  for (std::string_view e : cyrillic_case_endings()) {
    if (folded.size() <= e.size() + 4 || folded.substr(folded.size() - e.size()) != e) continue;
    const std::string stem(folded.substr(0, folded.size() - e.size()));
    for (std::string_view add : {"", "а", "я", "й", "о"})  // "Петром" (Петро), "Шевченком" (Шевченко)
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
  // the Tigrinya object and addressee prefix "ን" ("ንበረኸት ዮሃንስ", "ንኣማኑኤል ሓተትዎ") before a listed name of three
  // letters or more, not an ambiguous one (added after the twelfth part was measured)
  // Also with "-ን" ("and") after it, as in a list of the addressed ("ንዳዊትን ንሄለንን ንመሓሪን"; added after the thirteenth
  // part was measured): trim_geez_affixes takes the suffix off.
  if (c.cp == 0x1295) {
    std::string rest = fold_str(s.substr(w.begin + c.len, w.end - w.begin - c.len));
    constexpr std::string_view kN = "\u1295";
    if (!in_gazetteer_exact(rest) && rest.size() > kN.size() && rest.substr(rest.size() - kN.size()) == kN)
      rest.resize(rest.size() - kN.size());
    if (utf8_length(rest) >= 3 && in_gazetteer_exact(rest) && !word_list("ambiguous").contains(rest))
      return w.begin + c.len;
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
    // A Turkish case ending after an apostrophe ("Selin'e", "Kerem'in", "Hanife'nin"): the name before it.
    if (w.upper && !w.caseless && !w.cyrillic) {
      if (const std::size_t a = fw.find('\''); a != npos && a >= 3 && fw.size() - a <= 6) {
        const std::string stem = fw.substr(0, a);
        bool lower_tail = true;
        std::size_t cut = w.begin;
        while (cut < w.end && !is_apostrophe(at(s, cut).cp)) cut += at(s, cut).len;
        for (std::size_t k = cut + at(s, cut).len; k < w.end; k += at(s, k).len) lower_tail &= !is_upper(at(s, k).cp);
        // not a month ("14 Eylül'de") nor after a public title ("Belediye başkanı Schouten'in")
        const auto title = word_before(s, w.begin);
        if (lower_tail && in_gazetteer(stem) && !ambiguous.contains(stem) && !name_stop(stem) &&
            !word_list("month").contains(stem) && !(title && titles.contains(fold_word(s, *title)))) {
          add(out, w.begin, cut, PiiKind::name);
          return w.end;
        }
      }
    }
    // (not at the start of a sentence, where any word is capitalised: "Rada gminy …")
    if (w.upper && !w.caseless && !w.cyrillic && !sentence_start(s, w.begin) && in_gazetteer_inflected(fw) &&
        !in_gazetteer(fw) && !ambiguous.contains(fw) && !name_stop(fw)) {
      hit = true;
    } else if (in_gazetteer(fw) && !ambiguous.contains(fw)) {
      // lower-case Cyrillic only as written in the list: "люди" (people) is no case of "Люда"
      hit = w.upper || w.caseless || (w.cyrillic && in_gazetteer_exact(fw));
    } else if (w.caseless) {
      if (const auto b = caseless_prefix(s, w)) {
        begin = *b;
        hit = true;
      }
    }
    // A title before a name ("Bayan Verhoef", Mrs; also a given name in another community) is none itself, nor one
    // after a name ("Şengül Hanım", "Turgay Abi"); "Kayınvalidem Hanım Akdağ" is a given name (added after the ninth
    // part was measured).
    if (hit && !w.caseless && word_list("honorific").contains(fw)) {
      const auto next = read_word(s, skip_hspace(s, w.end));
      if (next && next->begin > w.end && capitalised(*next)) hit = false;
    }
    if (hit && !w.caseless && word_list("honorific_after").contains(without_case_ending(fw))) {
      const auto prev = word_before(s, w.begin);
      if (prev && prev->upper && !name_stop(fold_word(s, *prev)) && skip_hspace_back(s, w.begin) == prev->end)
        hit = false;
    }
    // "in Steenbergen", "ኣብ Steenbergen": a Latin word after a place preposition is a place; "ቤት ትምህርቲ De Linde": a
    // Latin word after a building's noun ([named_place]: "school", "zwembad") names the building (added after the ninth
    // part was measured)
    if (hit && !w.caseless && !w.cyrillic && (after_place_preposition(s, w) || after_place_noun(s, w))) hit = false;
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
      if (word_list("honorific_after").contains(without_case_ending(fy))) break;  // "Halil Bey'in"
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
      // "أحمد الزين" at the end of a clause: a word with the article right after a known first name is the family
      // name ("لصاحبه أحمد الزين").
      const bool al_surname = n == 0 && w.arabic && y->arabic && fy.rfind("\u0627\u0644", 0) == 0 && fy.size() > 6 &&
                              word_list("first").contains(fw) && closes_clause(s, y->end) && !name_stop(fy) &&
                              !ambiguous.contains(fy);
      // "…، وليد كنعان" closing the text (a signature): an Arabic word right after a known first name is the family
      // name, known or not (not in Tigrinya, where the verb closes the text: "ንፍጹም ተስፋሚካኤል ሕተቱ"; added after the
      // ninth part was measured)
      const auto ends_text = [&](std::size_t e) {
        while (e < s.size() && (is_space(at(s, e).cp) || at(s, e).cp == '.' || at(s, e).cp == 0x1362))
          e += at(s, e).len;
        return e >= s.size();
      };
      const bool signed_surname = n == 0 && w.arabic && y->arabic && word_list("first").contains(fw) &&
                                  ends_text(y->end) && !name_stop(fy) && !ambiguous.contains(fy) &&
                                  !ethiopic_verb_shape(fy) && utf8_length(fy) >= 3;
      const bool same_kind = signed_surname || (capitalised(*y) && !y->caseless && !name_stop(fy)) ||
                             ((y->caseless || y->cyrillic) && in_gazetteer(fy)) ||
                             (y->arabic && (arabic_nisba(fy) || arabic_title_surname(*y, fy))) || al_surname;
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
// Written as one word too ("عبدالله", "عبدالرحمن"). A family name after it: a word with the article that closes the
// clause, is a title ("عبد الرحمن السيد") or comes before "و…"/"ب…"/"ل…" (and, about, for); or a known name that
// closes the clause ("عبدالله فارس.", not "عبد الكريم غدا") (added after the eighth part was measured).
void find_abd_names(std::string_view s, Spans& out) {
  constexpr std::string_view kAl = "\u0627\u0644", kAbdAl = "\u0639\u0628\u062F\u0627\u0644";
  const auto proclitic_next = [&](std::size_t e) {
    const std::size_t k = skip_hspace(s, e);
    const auto z = k > e ? read_word(s, k) : std::nullopt;
    const char32_t c = z && z->arabic ? at(s, z->begin).cp : 0;
    return c == 0x648 || c == 0x628 || c == 0x644;
  };
  // "عبد الكريم نصر، DOB: 05/09/1992": after the clause, the person's other personal data (found by the other scanners),
  // a label word and a colon allowed before it (added after the eleventh part was measured)
  const auto detail_after = [&](std::size_t e) {
    std::size_t k = skip_hspace(s, e);
    if (const char32_t c = at(s, k).cp; c == ',' || c == 0x60C || c == '-' || c == 0x2014 || c == ':')
      k = skip_hspace(s, k + at(s, k).len);
    if (const auto label = read_word(s, k); label && at(s, label->end).cp == ':') k = skip_hspace(s, label->end + 1);
    return std::any_of(out.begin(), out.end(),
                       [&](const PiiSpan& sp) { return sp.kind != PiiKind::name && sp.begin == k && k > e; });
  };
  for_each_word(s, [&](const Word& w) -> std::size_t {
    if (!w.arabic) return w.end;
    std::string fw = fold_word(s, w);
    std::size_t end = 0;
    std::size_t begin = w.begin;
    // "ونور وعبد الرحمن": the glued "و" (and) stays outside (added after the eleventh part was measured)
    if (at(s, w.begin).cp == 0x648 && fw.size() > 2 &&
        (word_list("abd").contains(fw.substr(2)) || fw.compare(2, kAbdAl.size(), kAbdAl) == 0)) {
      begin = w.begin + at(s, w.begin).len;
      fw = fw.substr(2);
    }
    if (word_list("abd").contains(fw)) {
      const std::size_t k = skip_hspace(s, w.end);
      const auto y = k > w.end ? read_word(s, k) : std::nullopt;
      if (!y || !y->arabic || fold_word(s, *y).rfind(kAl, 0) != 0) return w.end;
      end = y->end;
    } else if (fw.size() > kAbdAl.size() + 2 && fw.rfind(kAbdAl, 0) == 0) {
      end = w.end;
    } else {
      return w.end;
    }
    const std::size_t k = skip_hspace(s, end);
    if (const auto y = k > end ? read_word(s, k) : std::nullopt; y && y->arabic && at(s, y->begin).cp != 0x648) {
      const std::string fy = fold_word(s, *y);
      const bool al = fy.rfind(kAl, 0) == 0;
      if (!name_stop(fy) || arabic_title_surname(*y, fy)) {
        if ((al && (closes_clause(s, y->end) || arabic_title_surname(*y, fy) || proclitic_next(y->end))) ||
            (!al && closes_clause(s, y->end) && (in_gazetteer(fy) || detail_after(y->end))))
          end = y->end;
      }
    }
    add(out, begin, end, PiiKind::name);
    return end;
  });
}

// A kunya, "father/mother of …" ("أم صبحي", "abu khaled"): the word after it is a name, known or not. Not a word with
// the article or of two letters ("أم لا": "or not"), a stop word or a town ([kunya]; added after the eighth part was
// measured).
void find_kunya_names(std::string_view s, Spans& out) {
  for_each_word(s, [&](const Word& w0) -> std::size_t {
    // also with a glued "ل"/"و"/"ب" ("شكراً لأبو سامر"; added after the ninth part was measured): the name starts
    // after it
    static const WordSet& kunya = word_list("kunya");
    Word w = w0;
    if (!kunya.contains(fold_word(s, w))) {
      const Cp c = at(s, w.begin);
      if (!w.arabic || (c.cp != 0x644 && c.cp != 0x648 && c.cp != 0x628)) return w.end;
      Word rest = w;
      rest.begin += c.len;
      if (!kunya.contains(fold_word(s, rest))) return w.end;
      w = rest;
    }
    const std::size_t k = skip_hspace(s, w.end);
    const auto y = k > w.end ? read_word(s, k) : std::nullopt;
    if (!y || y->arabic != w.arabic || y->cyrillic || (w.caseless && !y->caseless)) return w.end;
    const std::string fy = fold_word(s, *y);
    std::size_t letters = 0;
    for (std::size_t m = y->begin; m < y->end; m += at(s, m).len) ++letters;
    if (letters < 3 || name_stop(fy) || word_list("town").contains(fy) || fy.rfind("\u0627\u0644", 0) == 0)
      return w.end;
    if (!w.caseless && !w.upper && y->upper) return w.end;  // "umm Hello": not a kunya in lower case before a capital
    // a place named after someone ("مسجد أبو بكر", "Abu Bakr Moskee")
    if (const auto p = word_before(s, w.begin);
        p && (is_institution(fold_word(s, *p)) || word_list("named_place").contains(fold_word(s, *p))))
      return w.end;
    if (const auto n = read_word(s, skip_hspace(s, y->end)); n && is_institution(fold_word(s, *n))) return w.end;
    // "أم" is also "or" in a question ("هل … مجانية أم بالدفع؟")
    if (w.arabic && fold_word(s, w).size() == 4) {  // أم, ام
      for (std::size_t b = w.begin; b > 0;) {
        const Cp c = before(s, b);
        if (c.cp == '.' || c.cp == '?' || c.cp == 0x61F || c.cp == '!' || is_line_break(c.cp)) break;
        b -= c.len;
        if (const auto q = read_word(s, b);
            q && q->begin == b && boundary_before(s, b) && fold_word(s, *q) == fold_str("\u0647\u0644"))
          return w.end;
      }
      const std::size_t q = skip_hspace(s, y->end);
      if (at(s, q).cp == '?' || at(s, q).cp == 0x61F) return w.end;
    }
    add(out, w.begin, y->end, PiiKind::name);
    return y->end;
  });
}

// An initial and a surname anywhere ("(D. Mensah)", "contact J. Bakker"): the surname capitalised, not a stop
// word, street, institution, town or title; not after a public title ("burgemeester J. Jansen").
void find_initial_names(std::string_view s, Spans& out) {
  for_each_word(s, [&](const Word& w) {
    if (!w.initial || w.caseless) return w.end;
    // the last letter of a code ("plakası BX-204-T. Dükkanın …": a plate, then the next sentence; added after the
    // thirteenth part was measured)
    if (const Cp c = before(s, w.begin);
        (c.cp == '-' || c.cp == '/') && w.begin > c.len && is_alnum(before(s, w.begin - c.len).cp))
      return w.end;
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
  // No full stop after the last words: they were added after the text's last sentence (a signature).
  const bool bare_end = skip_hspace_back(s, s.size()) == e;
  // A listed first name in lower case alone on the text's last line or after a dash ("… pls\nlukas", "— sanne"):
  // the writer writes names in lower case (added after the sixteenth part was measured). Not a word of
  // [ambiguous], a stop word, a town or a sign-off.
  if (const auto w = word_ending_at(s, e); w && !capitalised(*w) && !w->caseless) {
    const std::string fw = fold_word(s, *w);
    const std::size_t k = skip_hspace_back(s, w->begin);
    const char32_t c = k > 0 ? before(s, k).cp : 0;
    // (also after a sentence end when no full stop follows it: "… of op 06 12 88 40 75. eveline"; added after the
    // twenty-first part was measured)
    const bool after_sentence = bare_end && (c == '.' || c == '!' || c == '?');
    if ((is_line_break(c) || c == '-' || c == 0x2013 || c == 0x2014 || after_sentence) &&
        word_list("first").contains(fw) && !word_list("ambiguous").contains(fw) && !name_stop(fw) &&
        !word_list("town").contains(fw) && !word_list("signoff").contains(fw)) {
      add(out, w->begin, e, PiiKind::name);
      return;
    }
  }
  std::size_t b = e;
  // Caseless words (Arabic, Ge'ez) not in the gazetteer: they sign the text only after a dash or a line break
  // ("… ሓጊዙና። — ሮዛ"); after a sentence end or a comma they are as often a short last clause ("أرجو المساعدة").
  bool unknown_caseless = false;
  bool last_is_first = false;  // the last word is a known first name
  // One or two name words, a tussenvoegsel between them ("M. el Idrissi").
  for (int words = 0, names = 0; words < 3; ++words) {
    const auto w = word_ending_at(s, b);
    if (!w) return;
    const std::string fw = fold_word(s, *w);
    const bool tv = names > 0 && !w->caseless && word_list("tussenvoegsel").contains(fw);
    // (a relative or a cue word before a name is no part of it: "Мама Галина", "باسم ياسر")
    const bool hard_stop = !(capitalised(*w) || w->caseless) || word_list("signoff").contains(fw) ||
                           word_list("town").contains(fw) || word_list("title").contains(fw) ||
                           (words > 0 && (word_list("relation").contains(fw) || word_list("name").contains(fw) ||
                                          word_list("name_weak").contains(fw)));
    // A first name that is also a word somewhere ("Ben", "Gül") still signs a text when it stands alone.
    const bool lone_first = words == 0 && !hard_stop && word_list("first").contains(fw);
    if (!tv && !lone_first && (hard_stop || name_stop(fw) || word_list("ambiguous").contains(fw))) return;
    if (words == 0) last_is_first = word_list("first").contains(fw);
    // an unknown word before a known first name is a kin word or a title ("Мама Галина", "أختكم هالة")
    if (words > 0 && !tv && last_is_first && !in_gazetteer(fw) && !(w->arabic && arabic_nisba(fw))) return;
    if (!tv && !lone_first && w->caseless && !in_gazetteer(fw) && !(w->arabic && arabic_nisba(fw))) {
      // not a verb shape, not "و…" (and …), the article "ال" only on a family name
      if (ethiopic_verb_shape(fw) || (w->arabic && at(s, w->begin).cp == 0x648)) return;
      const std::size_t k = skip_hspace_back(s, w->begin);
      const bool more_before = k < w->begin && k > 0 && is_letter(before(s, k).cp);
      if (w->arabic && fw.rfind("\u0627\u0644", 0) == 0 && (words > 0 || !more_before)) return;
      unknown_caseless = true;
    }
    if (!tv) ++names;
    b = w->begin;
    const std::size_t k = skip_hspace_back(s, b);
    if (k == b || k == 0 || !is_letter(before(s, k).cp)) break;
    if (lone_first && (name_stop(fw) || word_list("ambiguous").contains(fw))) return;
    if (names == 2 || words == 2) return;  // three words or more: a sentence, not a signature
    b = k;
  }
  // "- Sarah & Ben", "Groeten, Ria en Joop": a capitalised name joined by a conjunction signs too.
  if (const std::size_t k = skip_hspace_back(s, b); k < b && k > 0) {
    std::size_t c = k;
    if (before(s, k).cp == '&') {
      c = k - 1;
    } else if (const auto conj = word_ending_at(s, k); conj && word_list("name_and").contains(fold_word(s, *conj))) {
      c = conj->begin;
    }
    if (c < k) {
      const std::size_t k2 = skip_hspace_back(s, c);
      const auto w2 = k2 < c ? word_ending_at(s, k2) : std::nullopt;
      if (w2 && w2->upper && !w2->caseless && !name_stop(fold_word(s, *w2)) &&
          !word_list("town").contains(fold_word(s, *w2)) && !word_list("signoff").contains(fold_word(s, *w2)))
        b = w2->begin;
    }
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
  if (unknown_caseless) {
    if (c == '-' || c == 0x2013 || c == 0x2014 || is_line_break(c)) add(out, b, e, PiiKind::name);
    return;
  }
  // "… біля озера. Ліна": a capitalised Cyrillic word without a full stop after the last sentence
  const bool cyrillic_bare = first && first->cyrillic && first->upper && bare_end;
  if (signature_sep || (sentence_end && (known || initial || latin_in_other || cyrillic_bare)))
    add(out, b, e, PiiKind::name);
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
            // a capitalised cue at a sentence start is no part of the name: "Contactpersoon Dewi Soerjadi, 06 …",
            // "Babam Kadir Özdemir, 4 Şubat 1952'de …"
            std::size_t b = n->begin;
            if (const auto first = read_word(s, b)) {
              const std::string ff = fold_word(s, *first);
              if (word_list("name").contains(ff) || word_list("name_weak").contains(ff) ||
                  word_list("relation").contains(ff))
                b = skip_hspace(s, first->end);
            }
            add(out, b < n->end ? b : n->begin, n->end, PiiKind::name);
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

// A name in parentheses after the person it names: "mijn man Kevin en ik (Naomi)", "my wife's account (Chiara)".
// One capitalised word, right after a first-person pronoun ([self]) or the name after one, or within four words after
// a relative ([relation]); not a stop word, town, month, title or institution.
void find_paren_names(std::string_view s, const Folded& f, Spans& out) {
  if (s.find('(') == npos) return;
  std::vector<std::size_t> relation_ends;
  for_each_cue(f, word_list("relation"), [&](std::size_t, std::size_t e) { relation_ends.push_back(e); });
  for (std::size_t p = s.find('('); p != npos; p = s.find('(', p + 1)) {
    const auto w = read_word(s, p + 1);
    // one word in brackets right after a phone number or e-mail address names whom to reach, in any script
    // ("06 4719 2863 (بوشعيب)"; added after the tenth part was measured)
    // (not after a foreign number: "0032 470 55 18 62 (بلجيكا)", "+91 … (India)" name the country)
    bool after_detail = false;
    for (const PiiSpan& sp : out) {
      if ((sp.kind != PiiKind::phone && sp.kind != PiiKind::email) || sp.end != skip_hspace_back(s, p)) continue;
      std::string digits;
      for (std::size_t k = sp.begin; k < sp.end; k += std::max<std::size_t>(at(s, k).len, 1)) {
        const char32_t c = at(s, k).cp;
        if (c >= '0' && c <= '9') digits += static_cast<char>(c);
        if (c >= 0x660 && c <= 0x669) digits += static_cast<char>('0' + (c - 0x660));
        if (c >= 0x6F0 && c <= 0x6F9) digits += static_cast<char>('0' + (c - 0x6F0));
      }
      const bool plus = at(s, sp.begin).cp == '+';
      const std::string cc = plus ? digits.substr(0, 2) : digits.rfind("00", 0) == 0 ? digits.substr(2, 2) : "31";
      if (sp.kind == PiiKind::email || cc == "31") after_detail = true;
    }
    if (w && after_detail && w->caseless && at(s, w->end).cp == ')') {
      const std::string fw = fold_word(s, *w);
      if (utf8_length(fw) >= 3 && !name_stop(fw) && !word_list("town").contains(fw) &&
          !word_list("ambiguous").contains(fw) && !word_list("title").contains(fw))
        add(out, w->begin, w->end, PiiKind::name);
      continue;
    }
    if (!w || !w->upper || w->caseless || w->initial || at(s, w->end).cp != ')') continue;
    const std::string fw = fold_word(s, *w);
    if (fw.size() < 3 || name_stop(fw) || word_list("town").contains(fw) || word_list("month").contains(fw) ||
        word_list("title").contains(fw) || word_list("ambiguous").contains(fw))
      continue;
    bool person = false;
    if (const auto pw = word_ending_at(s, skip_hspace_back(s, p)); pw && word_list("self").contains(fold_word(s, *pw)))
      person = true;
    // the speaker's nickname after their name ("Ja, Bogdan Kwiatkowski (Bodzio), zgłaszam"; not "Kwame Mensah
    // (Harreveld) vraagt": a place; added after the twenty-sixth part was measured)
    for (const PiiSpan& sp : out) {
      if (sp.kind != PiiKind::name || sp.end != skip_hspace_back(s, p)) continue;
      std::size_t q = skip_hspace_back(s, sp.begin);
      if (before(s, q).cp == ',') q = skip_hspace_back(s, q - 1);
      if (const auto pw = word_ending_at(s, q); pw && word_list("self").contains(fold_word(s, *pw))) person = true;
    }
    for (const std::size_t e : relation_ends) {
      if (e > p) continue;
      int words = 0;
      bool broken = false;
      for (std::size_t k = e; k < p; k += std::max<std::size_t>(at(s, k).len, 1)) {
        const char32_t c = at(s, k).cp;
        if (c == '.' || c == '!' || c == '?' || is_line_break(c)) broken = true;
        if (is_space(c)) ++words;
      }
      if (!broken && words <= 4) person = true;
    }
    if (person || after_detail) add(out, w->begin, w->end, PiiKind::name);
  }
}

// A Ge'ez word right after a labelled phone number, e-mail address or account number ("WhatsApp:
// wa.me/31628840517 ፍሰሃየ፡ …", "ቴሌፎን: 0031 6 1274 9380፡ ስምረት") that closes the clause: the name that goes
// with it. Not after a detail in a sentence ("ናብ NL40ABNA… ምለሱለይ፡": the verb follows it) nor a verb shape.
void find_names_after_details(std::string_view s, Spans& out) {
  const std::size_t n = out.size();
  for (std::size_t i = 0; i < n; ++i) {
    const PiiSpan sp = out[i];
    if (sp.kind != PiiKind::phone && sp.kind != PiiKind::email && sp.kind != PiiKind::iban) continue;
    const std::size_t lb = skip_hspace_back(s, sp.begin);
    if (lb > 0 && before(s, lb).cp != ':' && !is_line_break(before(s, lb).cp)) continue;
    std::size_t k = skip_hspace(s, sp.end);
    const char32_t c = at(s, k).cp;
    if (c == 0x1361 || c == 0x1363 || c == ',' || c == 0x60C || c == '-' || c == 0x2013 || c == 0x2014)
      k = skip_hspace(s, k + at(s, k).len);
    const auto w = read_word(s, k);
    if (!w || !is_ethiopic(at(s, w->begin).cp) || !closes_clause(s, w->end)) continue;
    const std::string fw = fold_word(s, *w);
    if (name_stop(fw) || word_list("ambiguous").contains(fw) || word_list("signoff").contains(fw) ||
        ethiopic_verb_shape(fw))
      continue;
    add(out, w->begin, w->end, PiiKind::name);
  }
}

// Calls f with each whole word inside a name span of out (the words a later scanner looks for again).
template <class F>
void for_each_word_in_names(std::string_view s, const Spans& out, F f) {
  for (const PiiSpan& sp : out) {
    if (sp.kind != PiiKind::name) continue;
    for (std::size_t i = sp.begin; i < sp.end;) {
      const auto w = read_word(s, i);
      if (!w) {
        i += std::max<std::size_t>(at(s, i).len, 1);
        continue;
      }
      i = w->end;
      if (w->end <= sp.end) f(*w);
    }
  }
}

// A name found once names the person wherever it comes back, also in another case ("pan Jankowski … z
// Jankowskim", "Fatima el Amrani … El Amrani"): capitalised Latin or Cyrillic words of four letters or more of
// the names found, again capitalised, with at most three more letters; a capitalised tussenvoegsel before it goes
// with it.
void find_repeated_names(std::string_view s, Spans& out) {
  std::vector<std::string> known;
  std::vector<Range> names;
  for (const PiiSpan& sp : out)
    if (sp.kind == PiiKind::name) names.push_back({sp.begin, sp.end});
  for_each_word_in_names(s, out, [&](const Word& w) {
    if (!w.upper || w.caseless || w.initial) return;
    const std::string fw = fold_word(s, w);
    if (utf8_length(fw) < 4 || name_stop(fw) || word_list("ambiguous").contains(fw) ||
        word_list("tussenvoegsel").contains(fw) || word_list("town").contains(fw))
      return;
    known.push_back(fw);
  });
  // "ipv El Amrani", "meneer De Boer": a capitalised tussenvoegsel right before a name belongs to it
  for (const Range& r : names) {
    const auto t = word_ending_at(s, skip_hspace_back(s, r.begin));
    if (t && t->end < r.begin && t->upper && !t->caseless && word_list("tussenvoegsel").contains(fold_word(s, *t)))
      add(out, t->begin, r.end, PiiKind::name);
  }
  if (known.empty()) return;
  for_each_word(s, [&](const Word& w) -> std::size_t {
    if (!w.upper || w.caseless) return w.end;
    for (const Range& r : names)
      if (w.begin >= r.begin && w.end <= r.end) return w.end;
    const std::string fw = fold_word(s, w);
    for (const std::string& k : known) {
      // (also as the first part of a double name: "було Ковальова, тепер Ковальова-Янсен"; added after the eleventh part
      // was measured)
      const bool double_name = fw.size() > k.size() + 2 && fw[k.size()] == '-';
      // (also a Cyrillic name's stem when it was found in another case: "з Марком … Марк 05.06.1990", a word of four
      // letters or more; added after the fifteenth part was measured)
      bool stem = false;
      if (w.cyrillic && fw.size() < k.size() && utf8_length(fw) >= 4 && k.rfind(fw, 0) == 0)
        for (std::string_view e : cyrillic_case_endings()) stem = stem || k.substr(fw.size()) == e;
      if (!stem && (fw.rfind(k, 0) != 0 || (utf8_length(std::string_view(fw).substr(k.size())) > 3 && !double_name)))
        continue;
      std::size_t b = w.begin;
      if (const auto t = word_ending_at(s, skip_hspace_back(s, w.begin));
          t && t->end < w.begin && t->upper && word_list("tussenvoegsel").contains(fold_word(s, *t)))
        b = t->begin;
      add(out, b, w.end, PiiKind::name);
      break;
    }
    return w.end;
  });
}

}  // namespace

// A caseless name (Arabic, Ge'ez) found once names the person wherever the same word comes back ("ጎረቤተይ ጉዕሽ … ኣኽላባት
// ጉዕሽ"): words of three letters or more of the names found by any scanner or the tagger, not a stop word, cue, title,
// town or gazetteer word marked ambiguous; only the very word (no case in these scripts). Runs after the tagger (added
// after the tenth part was measured).
namespace {

void find_repeated_caseless(const Input& in, Spans& out);

// Names of animals (added after the eleventh part was measured): a name right after a pet noun ([pet]: "mijn hond
// Bello", "pies Reksio"), or after a pet noun and naming words only ([pet_naming]: "a dog named Biscuit", "Pies nazywa
// się Reksio", "كلب اسمه ريكس", "psa? Nazywa się Burek": one sentence end allowed between), is the animal's, not a
// citizen's. Whichever scanner (or the tagger) found it. Any other word between ("the dog of my neighbour Jan") keeps it,
// and so does a caseless name right after the noun (its owner: "ድሙ ዘምህረት", Zemhret's cat).
void drop_pet_names(std::string_view s, Spans& out) {
  const WordSet& pets = word_list("pet");
  const WordSet& naming = word_list("pet_naming");
  // A bracket or a comma right after the pet noun ("2 dogs (Bruno and Luna)", "два собаки, Бім і Лайка, …"), when the
  // bracket closes or the comma's apposition ends right after the name or a list of names joined by "and" (added after
  // the fifteenth part was measured; "the dog, Sarah saw it" keeps Sarah).
  const auto apposition_ends = [&](std::size_t e, char32_t opener) {
    const std::size_t k = skip_hspace(s, e);
    const char32_t c = at(s, k).cp;
    if (const auto w = read_word(s, k); w && word_list("name_and").contains(fold_word(s, *w))) return true;
    if (opener == '(') return c == ')';
    return k >= s.size() || c == ',' || c == '.' || c == '!' || c == '?' || is_line_break(c);
  };
  // 0 when the name is no pet's, 1 when it is, or the bracket or comma after the pet noun
  const auto pet_name = [&](const PiiSpan& sp) -> char32_t {
    if (sp.kind != PiiKind::name) return 0;
    std::size_t k = sp.begin;
    int ends = 0;
    char32_t opener = 0;
    for (int n = 0; n < 5; ++n) {
      std::size_t e = skip_hspace_back(s, k);
      while (e > 0) {
        const Cp c = before(s, e);
        if (c.cp == ':') {
          e = skip_hspace_back(s, e - c.len);
        } else if ((c.cp == '(' || c.cp == ',') && n == 0 && !opener) {
          opener = c.cp;
          e = skip_hspace_back(s, e - c.len);
        } else if (c.cp == '.' || c.cp == '?' || c.cp == '!' || c.cp == 0x61F || c.cp == 0x1362) {
          ++ends;
          e = skip_hspace_back(s, e - c.len);
        } else {
          break;
        }
      }
      if (ends > 1 || e == 0) return 0;
      const auto w = word_ending_at(s, e);
      if (!w || w->end != e) return 0;
      const std::string fw = fold_word(s, *w);
      // (in Arabic and Tigrinya a name right after the noun is its owner: "ድሙ ዘምህረት", "كلب أحمد")
      if (pets.contains(fw)) {
        if (opener) return apposition_ends(sp.end, opener) ? opener : 0;
        const auto first = read_word(s, sp.begin);
        return n > 0 || !(first && first->caseless) ? 1 : 0;
      }
      if (opener || !naming.contains(fw)) return 0;
      k = w->begin;
    }
    return 0;
  };
  std::vector<std::pair<PiiSpan, char32_t>> found;
  Spans names;
  for (const PiiSpan& sp : out)
    if (sp.kind == PiiKind::name) names.push_back(sp);
  std::sort(names.begin(), names.end(), [](const PiiSpan& a, const PiiSpan& b) { return a.begin < b.begin; });
  for (const PiiSpan& sp : names) {
    if (const char32_t p = pet_name(sp)) {
      found.emplace_back(sp, p);
      continue;
    }
    // a name joined by "and" to a pet's name in such a bracket or apposition is another pet's ("Bruno and Luna")
    std::size_t k = skip_hspace_back(s, sp.begin);
    const auto c = word_ending_at(s, k);
    if (!c || c->end != k || !word_list("name_and").contains(fold_word(s, *c))) continue;
    k = skip_hspace_back(s, c->begin);
    // (the pet's name before "and" need not have been taken for a name: "2 cats (Tijger and Mosa)")
    const auto prev = std::find_if(found.begin(), found.end(), [&](const auto& f) { return f.first.end == k; });
    char32_t opener = prev != found.end() ? prev->second : 0;
    if (const auto pw = word_ending_at(s, k); prev == found.end() && pw && pw->end == k && pw->upper)
      opener = pet_name(PiiSpan{pw->begin, pw->end, PiiKind::name});
    if (opener > 1 && apposition_ends(sp.end, opener)) found.emplace_back(sp, opener);
  }
  std::erase_if(out, [&](const PiiSpan& sp) {
    return std::any_of(found.begin(), found.end(), [&](const auto& f) { return f.first == sp; });
  });
}

// A Tigrinya name carries "-ን" ("and", the object: "ሳባን ኣነን", "ትምኒትን ኪዳነን") and a date may carry a proclitic written
// as a word of its own before its digits ("ሉላ ብ13 ሓምለ"): neither is part of the name (added after the eleventh part
// was measured). The suffix goes only where the word without it is a listed name of three letters or more and the word
// is not ("ሚልዮንን", not "ኪዳን"; not "ሮማን", a name of its own beside ሮማ).
void trim_geez_affixes(std::string_view s, Spans& out) {
  Spans pieces;
  for (PiiSpan& sp : out) {
    if (sp.kind != PiiKind::name) continue;
    std::vector<Range> cuts;
    for (std::size_t k = sp.begin; k < sp.end;) {
      const auto w = read_word(s, k);
      if (!w || w->begin >= sp.end) break;
      if (is_ethiopic(at(s, w->begin).cp)) {
        const std::string fw = fold_word(s, *w);
        const Cp last = before(s, w->end);
        const char32_t nx = at(s, w->end).cp;
        if (w->end - w->begin == at(s, w->begin).len && (last.cp == 0x1265 || last.cp == 0x1295) &&
            (is_digit(nx) || (nx >= 0x1369 && nx <= 0x137C)) && w->begin > sp.begin) {
          cuts.push_back({w->begin, w->end});
        } else if (last.cp == 0x1295 && utf8_length(fw) >= 4 && !in_gazetteer_exact(fw) &&
                   in_gazetteer_exact(fold_str(s.substr(w->begin, w->end - w->begin - last.len)))) {
          cuts.push_back({w->end - last.len, w->end});
        }
      }
      k = std::max(w->end, skip_hspace(s, w->end));
    }
    if (cuts.empty()) continue;
    std::size_t b = sp.begin;
    const std::size_t end = sp.end;
    bool first = true;
    for (const Range& c : cuts) {
      const std::size_t e = skip_hspace_back(s, c.begin);
      if (e > b) {
        if (first) {
          sp.end = e;
          first = false;
        } else {
          pieces.push_back({b, e, PiiKind::name});
        }
      }
      b = skip_hspace(s, c.end);
    }
    if (first) {
      sp.end = sp.begin;  // nothing left before the first cut
      first = false;
    }
    if (b < end) pieces.push_back({b, end, PiiKind::name});
  }
  std::erase_if(out, [](const PiiSpan& sp) { return sp.begin >= sp.end; });
  out.insert(out.end(), pieces.begin(), pieces.end());
}

// The edges of a caseless name (added after the eleventh part was measured; the tagger's extension and the chains of
// the rules take a word too many): a name ends before a sentence end inside it ("هبة. الرسالة"), and before a last word
// that is a birth cue or a stop word ("مريم مواليد", "ليلى مولودة", "حليمة ليس"); an Arabic name does not start with a
// word with the article before a listed first name ("صاحب الحساب طارق", "اسمي الحقيقي إبراهيم": family names with the
// article come after the given name), nor with a relative's noun ("وجاري خالد").
void trim_caseless_name_edges(std::string_view s, Spans& out) {
  const WordSet& dob = word_list("dob");
  const WordSet& dob_after = word_list("dob_after");
  for (PiiSpan& sp : out) {
    if (sp.kind != PiiKind::name) continue;
    const auto first = read_word(s, sp.begin);
    if (!first || !first->caseless) continue;
    // the glued "و" (and) before a listed name or "Abd" ("وعبد الله", "ونور"): outside
    const auto without_and = [&] {
      const auto h = read_word(s, sp.begin);
      if (!h || !h->arabic || at(s, h->begin).cp != 0x648 || h->begin != sp.begin) return;
      const std::string fh = fold_word(s, *h);
      if (fh.size() > 4 && !in_gazetteer(fh) &&
          (in_gazetteer(fh.substr(2)) || word_list("abd").contains(fh.substr(2)) ||
           fh.compare(2, 6, "\u0639\u0628\u062F") == 0))
        sp.begin += at(s, h->begin).len;
    };
    without_and();
    if (first->end >= sp.end) continue;
    // a sentence end inside
    for (std::size_t k = first->end; k < sp.end;) {
      const Cp c = at(s, k);
      const auto before_mark = word_ending_at(s, k);  // not after an initial ("ሰ. ምሩጽ")
      if ((c.cp == '.' || c.cp == '!' || c.cp == '?' || c.cp == 0x61F || c.cp == 0x1362) &&
          is_space(at(s, k + c.len).cp) && before_mark && utf8_length(fold_word(s, *before_mark)) > 1) {
        sp.end = k;
        break;
      }
      k += std::max<std::size_t>(c.len, 1);
    }
    // the last word
    while (true) {
      const auto last = word_ending_at(s, skip_hspace_back(s, sp.end));
      if (!last || last->begin <= sp.begin || !last->caseless) break;
      const std::string fl = fold_word(s, *last);
      if (arabic_title_surname(*last, fl) || (!name_stop(fl) && !dob.contains(fl) && !dob_after.contains(fl))) break;
      sp.end = skip_hspace_back(s, last->begin);
    }
    // a relative's noun before the name ("وجاري خالد", "and my neighbour Khalid"), with a glued "و"
    for (int n = 0; n < 2; ++n) {
      const auto h = read_word(s, sp.begin);
      if (!h || !h->caseless || h->end >= sp.end) break;
      std::string fh = fold_word(s, *h);
      if (h->arabic && at(s, h->begin).cp == 0x648 && fh.size() > 4) fh = fh.substr(2);
      if (!word_list("relation").contains(fh) && !word_list("self").contains(fh)) break;
      sp.begin = skip_hspace(s, h->end);
    }
    without_and();
    // the first word
    const auto head = read_word(s, sp.begin);
    const std::size_t k = head ? skip_hspace(s, head->end) : sp.end;
    const auto next = k < sp.end ? read_word(s, k) : std::nullopt;
    if (head && next && head->arabic && next->arabic && fold_word(s, *head).rfind("\u0627\u0644", 0) == 0 &&
        word_list("first").contains(fold_word(s, *next)))
      sp.begin = next->begin;
  }
}

// Words that are no part of a Latin or Cyrillic name (added after the eleventh part was measured): a span inside a cue
// phrase ("Ad Soyad: İbrahim", "Data urodzenia: …": the form's label), a title after the name ("Halil Bey ve …",
// [honorific_after]), an honorific alone ("Mudane/Marwo"), "I'm", and what follows a sentence end inside the span ("Natalią.
// Nasz sąsiad"; not after an initial or a title: "J. Bakker", "Mr. Smith").
void trim_latin_name_edges(std::string_view s, Spans& out) {
  static const std::vector<std::string> cues = [] {
    std::vector<std::string> v;
    for (std::string_view l : {"name", "name_weak", "dob", "dob_after", "bsn", "address", "contact_label"})
      for (const std::string& item : word_list(l).items()) v.push_back(item);
    return v;
  }();
  std::erase_if(out, [&](PiiSpan& sp) {
    if (sp.kind != PiiKind::name) return false;
    const auto first = read_word(s, sp.begin);
    if (!first || first->caseless || first->begin != sp.begin) return false;
    // inside a cue phrase that starts with it
    const std::string span = fold_str(s.substr(sp.begin, sp.end - sp.begin));
    const std::string window = fold_str(s.substr(sp.begin, std::min<std::size_t>(s.size() - sp.begin, 80)));
    // (a cue of one word only as a label before a colon: "Ben" signs a text, "ben" is a Turkish cue)
    const bool colon = at(s, sp.end).cp == ':';
    for (const std::string& c : cues)
      if (c.size() >= span.size() && c.rfind(span, 0) == 0 && window.rfind(c, 0) == 0 &&
          ((c.size() == span.size() && colon) || c[span.size()] == ' ' || c[span.size()] == ':'))
        return true;
    // an honorific alone; a first-person pronoun with a contracted verb ("I'm", "I've")
    if (first->end == sp.end) {
      const std::string fw = fold_word(s, *first);
      if (const std::size_t a = fw.find('\''); a != npos && word_list("self").contains(fw.substr(0, a))) return true;
      // (also a given name — "Marwo" — but not after another honorific and a slash: "Mudane/Marwo", Sir/Madam)
      const Cp slash = before(s, sp.begin);
      const auto other = slash.cp == '/' ? word_ending_at(s, sp.begin - 1) : std::nullopt;
      if (word_list("honorific").contains(fw) &&
          (!in_gazetteer(fw) || (other && word_list("honorific").contains(fold_word(s, *other)))))
        return true;
    }
    // a sentence end inside
    for (std::size_t k = first->end; k < sp.end;) {
      const Cp c = at(s, k);
      if ((c.cp == '.' || c.cp == '!' || c.cp == '?') && is_space(at(s, k + 1).cp)) {
        const auto w = word_ending_at(s, k);
        if (w && w->end == k && utf8_length(fold_word(s, *w)) > 3 &&
            !word_list("honorific").contains(fold_word(s, *w)) && !word_list("title").contains(fold_word(s, *w))) {
          sp.end = k;
          break;
        }
      }
      k += std::max<std::size_t>(c.len, 1);
    }
    // a title after the name
    if (const auto last = word_ending_at(s, sp.end); last && last->begin > sp.begin && last->end == sp.end &&
                                                     last->upper &&
                                                     word_list("honorific_after").contains(fold_word(s, *last)))
      sp.end = skip_hspace_back(s, last->begin);
    return sp.begin >= sp.end;
  });
}

}  // namespace

// A name's misspelt twin across a correction ("Gökhan değil Gökan", "ናሆም ኣይኮነን ናሆሚ", "Iwan? nie, nazywam się
// Iwona": the record's spelling and the right one; added after the thirtieth part was measured). From the first word
// of a name found by any scanner or the tagger, up to four words on either side within the sentence (a question mark
// may come between), a word for "not" or "instead of" ([name_not], [name_instead]) and right next to it (an "of" may
// come between: [name_twin_link]) a word of the same script spelt one or two letters differently (at most half the
// shorter), capitalised where the script has capitals and a known name where it has none, of three letters or more,
// no stop word or town (narrowed after a second reading: "Emma woont niet in Emmen", "محمود مو موجود"). Runs after
// the tagger: it reads the names found so far.
void find_corrected_names(const Input& in, Spans& out) {
  const std::string_view s = in.s;
  const auto correction = [&](const Word& w) {
    const std::string fw = fold_word(s, w);
    return word_list("name_not").contains(fw) || word_list("name_instead").contains(fw);
  };
  const auto letters = [&](const Word& w) {
    std::u32string u;
    for (std::size_t k = w.begin; k < w.end; k += std::max<std::size_t>(at(s, k).len, 1)) u += at(s, k).cp;
    return u;
  };
  const auto twin = [&](const Word& a, const Word& b) {
    // (no town: "Emma woont niet in Emmen"; in a script without capitals a known name only: not "محمود مو موجود")
    const std::string fb = fold_word(s, b);
    if (a.caseless != b.caseless || a.cyrillic != b.cyrillic || a.arabic != b.arabic || (!b.caseless && !b.upper) ||
        b.initial || name_stop(fb) || word_list("town").contains(fb) || (b.caseless && !in_gazetteer(fb)))
      return false;
    const std::u32string ua = letters(a), ub = letters(b);
    const std::size_t shorter = std::min(ua.size(), ub.size());
    if (shorter < 3) return false;
    const std::size_t d = edit_distance(ua, ub);
    return d >= 1 && d <= 2 && 2 * d <= shorter;
  };
  // whether the character between words at k ends the search (a sentence end, but not a question mark: "Iwan? nie")
  const auto stops = [&](char32_t c) { return c != '?' && c != 0x61F && c != 0x1367 && sentence_break(c); };
  Spans found;
  // One word w on the way from the name: a correction word is remembered in seen; after it, w is the twin (taken) or,
  // unless an "of" links them going forward ("instead of", "zamiast"), the end of the search. Whether to stop.
  const auto step = [&](const Word& anchor, const Word& w, bool& seen, bool forward) {
    if (correction(w)) {
      seen = true;
      return false;
    }
    if (!seen) return false;
    if (twin(anchor, w)) {
      add(found, w.begin, w.end, PiiKind::name);
      return true;
    }
    return !(forward && word_list("name_twin_link").contains(fold_word(s, w)));
  };
  for (const PiiSpan& sp : out) {
    if (sp.kind != PiiKind::name) continue;
    const auto anchor = read_word(s, sp.begin);
    if (!anchor || anchor->begin != sp.begin) continue;
    // forward from the name's end
    bool seen = false;
    for (std::size_t k = sp.end, n = 0; n < 4; ++n) {
      for (; k < s.size() && !read_word(s, k); k += std::max<std::size_t>(at(s, k).len, 1))
        if (stops(at(s, k).cp)) break;
      const auto w = k < s.size() ? read_word(s, k) : std::nullopt;
      if (!w) break;
      if (step(*anchor, *w, seen, true)) break;
      k = w->end;
    }
    // back from the name's start
    seen = false;
    for (std::size_t k = sp.begin, n = 0; n < 4; ++n) {
      for (; k > 0 && !word_ending_at(s, k); k -= std::max<std::size_t>(before(s, k).len, 1))
        if (stops(before(s, k).cp)) break;
      const auto w = k > 0 ? word_ending_at(s, k) : std::nullopt;
      if (!w) break;
      if (step(*anchor, *w, seen, false)) break;
      k = w->begin;
    }
  }
  out.insert(out.end(), found.begin(), found.end());
}

void find_repeated_caseless_names(const Input& in, Spans& out) {
  // what no name is, before the names found are looked for again
  drop_pet_names(in.s, out);
  // a month's name next to the noun "month" ([month_noun]: "Eylül ayında", "bisha Juun"), also a given name elsewhere
  // (added after the fifteenth part was measured)
  std::erase_if(out, [&](const PiiSpan& sp) {
    const auto w = read_word(in.s, sp.begin);
    if (sp.kind != PiiKind::name || !w || w->end != sp.end || !word_list("month").contains(fold_word(in.s, *w)))
      return false;
    const auto next = read_word(in.s, skip_hspace(in.s, w->end));
    const auto prev = word_before(in.s, w->begin);
    return (next && next->begin > w->end && word_list("month_noun").contains(fold_word(in.s, *next))) ||
           (prev && prev->end < w->begin && word_list("month_noun").contains(fold_word(in.s, *prev)));
  });
  trim_geez_affixes(in.s, out);
  trim_caseless_name_edges(in.s, out);
  trim_latin_name_edges(in.s, out);
  find_repeated_caseless(in, out);
  find_repeated_names(in.s, out);  // also the names the tagger found (added after the eleventh part was measured)
}

namespace {
void find_repeated_caseless(const Input& in, Spans& out) {
  const std::string_view s = in.s;
  std::vector<std::string> known;
  for_each_word_in_names(s, out, [&](const Word& w) {
    if (!w.caseless) return;
    const std::string fw = fold_word(s, w);
    if (utf8_length(fw) < 3 || name_stop(fw) || word_list("ambiguous").contains(fw) ||
        word_list("title").contains(fw) || word_list("town").contains(fw) || word_list("name_and").contains(fw))
      return;
    known.push_back(fw);
  });
  if (known.empty()) return;
  std::vector<Range> more;
  for_each_word(s, [&](const Word& w) -> std::size_t {
    if (!w.caseless) return w.end;
    const std::string fw = fold_word(s, w);
    if (std::find(known.begin(), known.end(), fw) != known.end()) more.push_back({w.begin, w.end});
    return w.end;
  });
  for (const Range& r : more) add(out, r.begin, r.end, PiiKind::name);
}
}  // namespace

// Names joined by a conjunction to a name found by any scanner or the tagger ("Mirek Chmielarz i Jadwiga Banaś",
// "Ridwaan iyo Sundus"): one or two capitalised Latin or Cyrillic words on the other side of "en", "i", "iyo" …
// ([name_and]) or "&", not a stop word, town, title or month (added after the eighth part was measured). Runs after
// the tagger: it reads the names found so far.
void find_conjoined_names(const Input& in, Spans& out) {
  const std::string_view s = in.s;
  const auto name_word = [&](const Word& w) {
    const std::string fw = fold_word(s, w);
    // (not "I'm": a pronoun with a contracted verb; added after the eleventh part was measured)
    if (const std::size_t a = fw.find('\''); a != npos && word_list("self").contains(fw.substr(0, a))) return false;
    return !w.caseless && w.upper && !w.initial && !name_stop(fw) && !word_list("town").contains(fw) &&
           !word_list("title").contains(fw) && !word_list("month").contains(fw) && !word_list("ambiguous").contains(fw);
  };
  // the position after a conjunction that starts at k, or k
  const auto after_and = [&](std::size_t k) {
    if (at(s, k).cp == '&') return skip_hspace(s, k + 1);
    if (const auto c = read_word(s, k); c && word_list("name_and").contains(fold_word(s, *c)) && !c->caseless)
      return skip_hspace(s, c->end);
    return k;
  };
  // (a caseless word that may be a name: see "Caseless scripts" below; not a noun with the article, also after the
  // glued "و": "والجيران", and the neighbours)
  const auto caseless_name_word = [&](const Word& w) {
    const std::string fw = fold_word(s, w);
    return w.caseless && !name_stop(fw) && !ethiopic_verb_shape(fw) && !word_list("town").contains(fw) &&
           !word_list("ambiguous").contains(fw) &&
           !(w.arabic && (fw.rfind("\u0627\u0644", 0) == 0 || fw.rfind("\u0648\u0627\u0644", 0) == 0)) &&
           !word_list("name_and").contains(fw) && utf8_length(fw) >= 2;
  };
  Spans found;
  for (const PiiSpan& sp : out) {
    if (sp.kind != PiiKind::name) continue;
    // an anchor of two words or more, or a known name: a place taken for a name ("tussen Leek en …") spreads no
    // further
    const auto first = read_word(s, sp.begin);
    if (!first || first->caseless) continue;
    if (first->end >= sp.end && !in_gazetteer(fold_word(s, *first))) continue;
    // forward: "<name> en Piet de Vries"
    const std::size_t c = skip_hspace(s, sp.end);
    if (const std::size_t k = after_and(c); c > sp.end && k > c) {
      if (const auto w = read_word(s, k); w && name_word(*w)) {
        std::size_t e = w->end;
        if (const std::size_t k2 = skip_hspace(s, e); k2 > e) {
          if (const auto w2 = read_word(s, k2); w2 && name_word(*w2)) {
            e = w2->end;
          } else if (w2 && !w2->initial && word_list("tussenvoegsel").contains(fold_word(s, *w2))) {
            // "Shukri iyo Ruud van Dam": a tussenvoegsel and the surname after it (added after the fourteenth part)
            if (const auto t = tv_surname(s, *w2, false)) e = *t;
          }
        }
        add(found, w->begin, e, PiiKind::name);
      }
    }
    // a correction: "not Johnson but Johnston", "nie Kowalska, a Kowalska-Rudnik" (added after the ninth part was
    // measured)
    if (const auto neg = word_before(s, sp.begin);
        neg && neg->end < sp.begin && word_list("name_not").contains(fold_word(s, *neg))) {
      std::size_t k = skip_hspace(s, sp.end);
      if (at(s, k).cp == ',') k = skip_hspace(s, k + 1);
      if (const auto but = read_word(s, k); but && word_list("name_but").contains(fold_word(s, *but)))
        if (const auto w = read_word(s, skip_hspace(s, but->end)); w && w->begin > but->end && name_word(*w))
          add(found, w->begin, w->end, PiiKind::name);
    }
    // the first of the two when the second was found: "مش Mohamad Alshami بل Mohammed Al-Shami", "not Jonson but
    // Johnson" (one to three name words between the negation and "but"; added after the fifteenth part was measured)
    if (const auto but = word_before(s, sp.begin);
        but && but->end < sp.begin && word_list("name_but").contains(fold_word(s, *but))) {
      std::size_t k = skip_hspace_back(s, but->begin);
      if (const Cp p = before(s, k); p.cp == ',' || p.cp == 0x60C) k = skip_hspace_back(s, k - p.len);
      std::size_t start = k;
      for (int n = 0; n <= 3; ++n) {
        const auto w = word_ending_at(s, skip_hspace_back(s, start));
        if (!w || (n > 0 && w->end == start)) break;
        if (word_list("name_not").contains(fold_word(s, *w))) {
          if (n > 0) add(found, start, k, PiiKind::name);
          break;
        }
        if (n == 3 || !(w->caseless ? caseless_name_word(*w) : name_word(*w))) break;
        start = w->begin;
      }
    }
    // backward: "Mirek Chmielarz i <name>"
    const std::size_t b = skip_hspace_back(s, sp.begin);
    if (b == sp.begin) continue;
    std::size_t before_and = b;
    if (before(s, b).cp == '&') {
      before_and = skip_hspace_back(s, b - 1);
    } else if (const auto cw = word_ending_at(s, b);
               cw && !cw->caseless && word_list("name_and").contains(fold_word(s, *cw))) {
      before_and = skip_hspace_back(s, cw->begin);
    }
    if (before_and == b) continue;
    const auto w = word_ending_at(s, before_and);
    if (!w || !name_word(*w) || w->end == b) continue;
    std::size_t start = w->begin;
    if (const std::size_t k2 = skip_hspace_back(s, start); k2 < start)
      if (const auto w2 = word_ending_at(s, k2);
          w2 && name_word(*w2) && (!sentence_start(s, w2->begin) || in_gazetteer(fold_word(s, *w2))))
        start = w2->begin;
    // "Gisteren en Jan …": a word of the sentence — one of four letters or more before a conjunction and a name found
    // is the first of a pair of names ("Barwaaqo iyo Roble waa deriskayga"; not "Aniga iyo …", I and …; added after the
    // eleventh part was measured)
    if (start == w->begin && sentence_start(s, w->begin) &&
        !(utf8_length(fold_word(s, *w)) >= 4 && !word_list("self").contains(fold_word(s, *w))))
      continue;
    add(found, start, w->end, PiiKind::name);
  }
  // A text that writes names in lower case (added after the fifteenth part was measured): after a found name in lower
  // case, a listed first name in lower case joined to it by a list comma or a conjunction is a name too, and so on
  // down the list ("kasia, rahul and jonas", "xamdi iyo sacdiya"); not a stop word, town, title, month or [ambiguous].
  // A tussenvoegsel in lower case after such a name goes on to a listed surname or one closing the clause.
  for (const PiiSpan& sp : out) {
    if (sp.kind != PiiKind::name) continue;
    const auto first = read_word(s, sp.begin);
    if (!first || first->caseless || first->upper) continue;
    // a tussenvoegsel in lower case and the surname after a listed first name ("ik ben lisa van de vries")
    if (const auto last = word_ending_at(s, sp.end); last && word_list("first").contains(fold_word(s, *last)))
      if (const auto t = read_word(s, skip_hspace(s, sp.end));
          t && t->begin > sp.end && !t->upper && word_list("tussenvoegsel").contains(fold_word(s, *t)))
        if (const auto e = tv_surname(s, *last, true)) {
          // a listed surname, or one that closes the clause ("sander de winter,"; not "yusuf de jongens van …")
          const auto sur = word_ending_at(s, *e);
          if (closes_clause(s, *e) || (sur && word_list("surname").contains(fold_word(s, *sur))))
            add(found, sp.begin, *e, PiiKind::name);
        }
    for (std::size_t e = sp.end;;) {
      std::size_t k = skip_hspace(s, e);
      const bool comma = at(s, k).cp == ',';
      if (comma) k = skip_hspace(s, k + 1);
      if (const std::size_t a = after_and(k); a > k) {
        k = a;
      } else if (!comma) {
        break;
      }
      const auto w = read_word(s, k);
      if (!w || w->caseless || w->upper || w->initial) break;
      const std::string fw = fold_word(s, *w);
      if (!word_list("first").contains(fw) || name_stop(fw) || word_list("town").contains(fw) ||
          word_list("title").contains(fw) || word_list("month").contains(fw) || word_list("ambiguous").contains(fw))
        break;
      add(found, w->begin, w->end, PiiKind::name);
      e = w->end;
    }
  }
  // A list of capitalised names after a found name ("Henia Kot, Staszek i Basia Wróbel", "Anke, Piet en Gerrit"; added
  // after the twentieth part was measured): after a conjunction the next item may close the list; after a list comma
  // alone the list must go on after it (a comma or a conjunction), so "Jan, Utrecht." or "Jan, Bedankt!" stay.
  for (const PiiSpan& sp : out) {
    if (sp.kind != PiiKind::name) continue;
    const auto first = read_word(s, sp.begin);
    if (!first || first->caseless || !first->upper) continue;
    for (std::size_t e = sp.end, n = 0; n < 6; ++n) {
      std::size_t k = skip_hspace(s, e);
      const bool comma = at(s, k).cp == ',';
      if (comma) k = skip_hspace(s, k + 1);
      const std::size_t a = after_and(k);
      const bool conj = a > k;
      if (!comma && !conj) break;
      const auto w = read_word(s, a);
      if (!w || !name_word(*w)) break;
      std::size_t end = w->end;
      if (const std::size_t k2 = skip_hspace(s, end); k2 == end + 1) {
        if (const auto w2 = read_word(s, k2); w2 && name_word(*w2)) {
          end = w2->end;
        } else if (w2 && !w2->initial && word_list("tussenvoegsel").contains(fold_word(s, *w2))) {
          if (const auto t = tv_surname(s, *w2, false)) end = *t;
        }
      }
      if (!conj) {
        const std::size_t j = skip_hspace(s, end);
        if (at(s, j).cp != ',' && after_and(j) == j) break;
      }
      add(found, w->begin, end, PiiKind::name);
      e = end;
    }
  }
  // Caseless scripts (added after the ninth part was measured): a word joined by a conjunction of its own ("منى أو
  // سديم", "ንሰላም ወይ ንተስፋይ", "Nasra ama …" is Latin above) or by the glued Arabic "و" ("هديل ولجين") to a known
  // name is a name too, unless it is a stop word, a verb shape, a town or a noun with the article.
  for (const PiiSpan& sp : out) {
    if (sp.kind != PiiKind::name) continue;
    const auto first = read_word(s, sp.begin);
    // one caseless word, or a listed first name and more words after it: backward only ("أنا وشريف وأحمد سامي"; added
    // after the fifteenth part was measured)
    if (!first || !first->caseless) continue;
    const bool one_word = first->end >= sp.end;
    const std::string ff = fold_word(s, *first);
    const bool glued_and = at(s, sp.begin).cp == 0x648 && first->end - sp.begin > 2;
    if (!in_gazetteer(ff) && !(glued_and && in_gazetteer(ff.substr(2)))) continue;
    // forward: "<name> أو سديم"
    if (const auto c = one_word ? read_word(s, skip_hspace(s, sp.end)) : std::nullopt;
        c && c->begin > sp.end && c->caseless && word_list("name_and").contains(fold_word(s, *c)))
      if (const auto w = read_word(s, skip_hspace(s, c->end));
          w && w->begin > c->end && caseless_name_word(*w) &&
          (in_gazetteer(fold_word(s, *w)) || closes_clause(s, w->end)))
        add(found, w->begin, w->end, PiiKind::name);
    // backward: "هديل ولجين" (the anchor carries "و"), "سديم أو <name>"
    std::size_t k = sp.begin;
    if (const Cp p = before(s, k); p.cp == 0x648 && k >= p.len && is_space(before(s, k - p.len).cp)) {
      k -= p.len;  // the span starts after the glued "و"
    } else if (at(s, k).cp == 0x648 && !in_gazetteer(ff)) {
      // the span starts with it: "ولجين"
    } else if (const auto cw = word_ending_at(s, skip_hspace_back(s, k));
               cw && skip_hspace_back(s, k) < k && cw->caseless && word_list("name_and").contains(fold_word(s, *cw))) {
      k = cw->begin;
    } else {
      continue;
    }
    const std::size_t e = skip_hspace_back(s, k);
    if (e == k) continue;
    if (const auto w = word_ending_at(s, e); w && caseless_name_word(*w))
      add(found, caseless_prefix(s, *w).value_or(w->begin), w->end, PiiKind::name);  // "وريم وهبة": not the "و"
  }
  // An initial in a caseless script, one letter and a dot, right after or before a found name ("ኣስመሮም ወ.", "ኣ.
  // ገብረስላሰ", "مهند ج."): part of it (added after the twenty-second part was measured).
  const auto caseless_initial = [&](const Word& w) {
    return w.caseless && w.end == w.begin + at(s, w.begin).len && at(s, w.end).cp == '.';
  };
  for (const PiiSpan& sp : out) {
    if (sp.kind != PiiKind::name) continue;
    const auto last = word_ending_at(s, sp.end);
    const auto first = read_word(s, sp.begin);
    if (!last || !first || !last->caseless || !first->caseless) continue;
    std::size_t b = sp.begin, e = sp.end;
    if (const std::size_t k = skip_hspace(s, sp.end); k == sp.end + 1)
      if (const auto w = read_word(s, k); w && caseless_initial(*w)) e = w->end + 1;
    // (before the name not a title's abbreviation: "د. وائل القاسم", Dr.; [title_initial])
    if (const std::size_t k = skip_hspace_back(s, sp.begin); k + 1 == sp.begin && k > 0 && before(s, k).cp == '.')
      if (const auto w = word_ending_at(s, k - 1);
          w && w->end == k - 1 && caseless_initial(*w) && !word_list("title_initial").contains(fold_word(s, *w)))
        b = w->begin;
    if (b < sp.begin || e > sp.end) add(found, b, e, PiiKind::name);
  }
  // A Dutch or Berber name written in Cyrillic, Ge'ez or Arabic letters with its particles between two name words
  // ("Тім де Гроот", "Йоост ван дер Веен", "ንጀሮን ደ ቪሰር", after a found name "ሳራ ደ ብሩይን", "حسن آيت باها"; added after
  // the twenty-first and twenty-second parts were measured; [tussenvoegsel_caseless]): in Cyrillic two capitalised
  // words; in the caseless scripts two words that may be names, one of them known (or found) where the particle alone
  // is also a word ("ቫን", "فان": the vehicle; any Arabic one: "دي", this).
  for_each_word(s, [&](const Word& w) -> std::size_t {
    const std::string fw = fold_word(s, w);
    const bool cyr = w.cyrillic && !w.upper && word_list("tussenvoegsel").contains(fw);
    if (!cyr && !(w.caseless && word_list("tussenvoegsel_caseless").contains(fw))) return w.end;
    const std::size_t ka = skip_hspace_back(s, w.begin);
    const auto a = ka + 1 == w.begin ? word_ending_at(s, ka) : std::nullopt;
    if (!a || a->end != ka) return w.end;
    // the particles, then the surname
    std::size_t e = w.end;
    int particles = 1;
    std::optional<Word> b;
    for (;;) {
      const std::size_t k = skip_hspace(s, e);
      const auto y = k == e + 1 ? read_word(s, k) : std::nullopt;
      if (!y) break;
      const std::string fy = fold_word(s, *y);
      if (particles < 3 && (cyr ? y->cyrillic && !y->upper && word_list("tussenvoegsel").contains(fy)
                                : y->caseless && word_list("tussenvoegsel_caseless").contains(fy))) {
        ++particles;
        e = y->end;
        continue;
      }
      b = y;
      break;
    }
    if (!b) return w.end;
    const auto cyr_name = [&](const Word& x) {
      const std::string fx = fold_word(s, x);
      return x.cyrillic && x.upper && !x.initial && !name_stop(fx) && !word_list("town").contains(fx) &&
             !word_list("month").contains(fx) && !word_list("title").contains(fx);
    };
    std::size_t begin = a->begin;
    // (not after a public title: "мер Тім де Гроот")
    if (const auto t = word_before(s, a->begin); t && word_list("title").contains(fold_word(s, *t))) return w.end;
    if (cyr) {
      if (!cyr_name(*a) || !cyr_name(*b)) return w.end;
    } else {
      // a name found before the particles counts as known, and the surname joins it whole ("ሳራ ደ ብሩይን")
      const auto before_found = std::find_if(out.begin(), out.end(), [&](const PiiSpan& sp) {
        return sp.kind == PiiKind::name && sp.end == a->end;
      });
      if (before_found != out.end()) begin = before_found->begin;
      if ((before_found == out.end() && !caseless_name_word(*a)) || !caseless_name_word(*b)) return w.end;
      const bool known = before_found != out.end() || in_gazetteer(fold_word(s, *a)) || in_gazetteer(fold_word(s, *b));
      if ((a->arabic || (particles == 1 && (fw == "\u126B\u1295" || fw == "\u134B\u1295"))) && !known) return w.end;
      // a glued "ን" (to) before the first name ("ንጀሮን")
      if (before_found == out.end() && at(s, a->begin).cp == 0x1295 && utf8_length(fold_word(s, *a)) >= 4)
        begin += at(s, a->begin).len;
    }
    add(found, begin, b->end, PiiKind::name);
    return b->end;
  });
  // A list of names (added after the ninth part was measured): an item of one to three name words between two names
  // found, the three joined by list commas (",", "،", "፡", "፣") or conjunctions ("Trees van Rooij, Jo Lemmens, Ahmed
  // Zaoui", "ኣስቴር፡ ሶፍያ ከምኡውን ኣቤል"), and the last item after two names so joined when it closes the sentence
  // ("ናሆም፡ ሊድያ፡ ሚናስ።").
  const auto list_sep = [&](std::size_t i) -> std::size_t {  // the position after a list separator at i, or npos
    const std::size_t k = skip_hspace(s, i);
    const char32_t c = at(s, k).cp;
    if (c == ',' || c == 0x60C || c == 0x1361 || c == 0x1363) return skip_hspace(s, k + at(s, k).len);
    // the Tigrinya "and" glued to each item, at the end of the name before ("ዮናስን ፊሊሞንን ሳምሶንን"; added after the
    // fifteenth part was measured)
    if (k > i && i > 0 && before(s, i).cp == 0x1295 && is_ethiopic(at(s, k).cp)) return k;
    if (const auto w = read_word(s, k); w && k > i && word_list("name_and").contains(fold_word(s, *w)))
      return skip_hspace(s, w->end) > w->end ? skip_hspace(s, w->end) : npos;
    return npos;
  };
  // one to three name words, before the name at limit
  const auto item_at = [&](std::size_t k, std::size_t limit = npos) -> std::optional<Range> {
    std::size_t e = k;
    for (int n = 0; n < 3; ++n) {
      const std::size_t j = n == 0 ? k : skip_hspace(s, e);
      if (n > 0 && (j == e || j >= limit)) break;
      const auto w = read_word(s, j);
      if (!w || !(w->caseless ? caseless_name_word(*w) : name_word(*w))) break;
      e = w->end;
    }
    if (e == k) return std::nullopt;
    return Range{k, e};
  };
  Spans names;
  for (const PiiSpan& sp : out)
    if (sp.kind == PiiKind::name) names.push_back(sp);
  names.insert(names.end(), found.begin(), found.end());
  std::sort(names.begin(), names.end(), [](const PiiSpan& a, const PiiSpan& b) { return a.begin < b.begin; });
  Spans merged;  // overlapping names (several scanners found one) as one
  for (const PiiSpan& sp : names) {
    if (!merged.empty() && sp.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, sp.end);
    } else {
      merged.push_back(sp);
    }
  }
  names = std::move(merged);
  for (std::size_t i = 0; i + 1 < names.size(); ++i) {
    const PiiSpan& a = names[i];
    const PiiSpan& b = names[i + 1];
    if (b.begin <= a.end) continue;
    const std::size_t k = list_sep(a.end);
    if (k == npos || k > b.begin) continue;
    if (k == b.begin) {
      // a and b joined by a list comma: the first item before a, one name word after a sentence start or a clause
      // break ("Farxiyo, Timiro, Ardo iyo …": the rules leave a sentence's first word; added after the tenth part was
      // measured)
      // (a and b joined by a comma too: "Батьки, Степан і Орися" is "Parents, S. and O.")
      const char32_t ab = at(s, skip_hspace(s, a.end)).cp;
      const bool comma = ab == ',' || ab == 0x60C || ab == 0x1361 || ab == 0x1363;
      if (const std::size_t p = skip_hspace_back(s, a.begin); comma && p > 0) {
        const Cp sep = before(s, p);
        if (sep.cp == ',' || sep.cp == 0x60C || sep.cp == 0x1361 || sep.cp == 0x1363) {
          const std::size_t e = skip_hspace_back(s, p - sep.len);
          if (const auto w = word_ending_at(s, e);
              w && e == p - sep.len && (w->caseless ? caseless_name_word(*w) : name_word(*w))) {
            const std::size_t q = skip_hspace_back(s, w->begin);
            if (q == 0 || sentence_start(s, w->begin) || clause_break(before(s, q).cp))
              add(found, w->begin, w->end, PiiKind::name);
          }
        }
      }
      // a and b joined: the last item after b
      const std::size_t k2 = list_sep(b.end);
      if (k2 == npos) continue;
      if (i + 2 < names.size() && names[i + 2].begin <= k2) continue;
      const auto item = item_at(k2);
      // (a caseless last item of one word: "… ከምኡ'ውን ካልኦት ስድራታት" is "and other families")
      if (!item || (read_word(s, item->begin)->caseless && read_word(s, item->begin)->end < item->end)) continue;
      const std::size_t t = skip_hspace(s, item->end);
      const char32_t c = at(s, t).cp;
      if (t >= s.size() || c == '.' || c == '!' || c == '?' || c == 0x1362 || c == 0x61F)
        add(found, item->begin, item->end, PiiKind::name);
      continue;
    }
    auto item = item_at(k, b.begin);
    if (!item || list_sep(item->end) != b.begin) continue;
    // the glued Tigrinya "and" stays outside ("ፊሊሞንን": ፊሊሞን)
    if (const Cp n = before(s, item->end); n.cp == 0x1295 && skip_hspace(s, item->end) == b.begin) item->end -= n.len;
    add(found, item->begin, item->end, PiiKind::name);
  }
  // A signature line: a one-word Latin or Cyrillic name closing the text after a capitalised word that starts the
  // sentence ("… Uffelterweg 15. Joop Eleveld"): the rules leave a sentence's first word unless it is listed; here the
  // two close the text (added after the tenth part was measured).
  for (const PiiSpan& sp : names) {
    const auto w = read_word(s, sp.begin);
    if (!w || w->caseless || w->end != sp.end) continue;
    std::size_t t = sp.end;
    while (t < s.size() && (is_space(at(s, t).cp) || at(s, t).cp == '.' || at(s, t).cp == '!')) t += at(s, t).len;
    if (t < s.size()) continue;
    const std::size_t e = skip_hspace_back(s, sp.begin);
    const auto f = e < sp.begin ? word_ending_at(s, e) : std::nullopt;
    if (f && name_word(*f) && f->cyrillic == w->cyrillic && sentence_start(s, f->begin) && f->begin > 0)
      add(found, f->begin, sp.end, PiiKind::name);
  }
  // "Van Kempen" after the tagger too: a capitalised tussenvoegsel right before a name belongs to it (find_repeated_names
  // does so for the rules' names; added after the tenth part was measured)
  // (not after a building's noun or an institution: "Apotheek De Gaper" names the pharmacy)
  for (const PiiSpan& sp : names) {
    const auto t = word_ending_at(s, skip_hspace_back(s, sp.begin));
    if (!t || t->end >= sp.begin || !t->upper || t->caseless || !word_list("tussenvoegsel").contains(fold_word(s, *t)))
      continue;
    if (const auto p = word_before(s, t->begin);
        p && (is_institution(fold_word(s, *p)) || word_list("named_place").contains(fold_word(s, *p))))
      continue;
    add(found, t->begin, sp.end, PiiKind::name);
  }
  // "وفاء بن شقرون": after a name and an Arabic word of descent (بن، ابن، بنت) the next word is a name too, found or not
  // (added after the tenth part was measured)
  for (const PiiSpan& sp : names) {
    const std::size_t k = skip_hspace(s, sp.end);
    auto j = k > sp.end ? read_word(s, k) : std::nullopt;
    if (const auto last = word_ending_at(s, sp.end); last && last->begin > sp.begin)  // the span ends with it
      if (!j || !word_list("name_join").contains(fold_word(s, *j))) j = last;
    if (!j || !j->arabic || !word_list("name_join").contains(fold_word(s, *j))) continue;
    const std::size_t k2 = skip_hspace(s, j->end);
    const auto w = k2 > j->end ? read_word(s, k2) : std::nullopt;
    if (!w || !w->arabic || !caseless_name_word(*w)) continue;
    // ("ولد", son of, is also "boy": a known or found name must follow it, "إبراهيم ولد سيدي", not "أحمد ولد صغير";
    // added after the thirty-ninth part was measured)
    if (fold_word(s, *j) == "\u0648\u0644\u062F" && !in_gazetteer(fold_word(s, *w)) &&
        std::none_of(names.begin(), names.end(), [&](const PiiSpan& o) { return o.begin == w->begin; }))
      continue;
    add(found, sp.begin, w->end, PiiKind::name);
  }
  // "علي بن حسين الجبوري": before "بن"/"بنت" (not "ابن", which also follows a noun: "ابن الجيران") and a name, a word is a
  // given name too, found or not (added after the eleventh part was measured)
  for (const PiiSpan& sp : names) {
    const std::size_t b = skip_hspace_back(s, sp.begin);
    const auto j = b < sp.begin ? word_ending_at(s, b) : std::nullopt;
    if (!j || !j->arabic || j->end != b) continue;
    const std::string fj = fold_word(s, *j);
    if (fj != "\u0628\u0646" && fj != "\u0628\u0646\u062A") continue;
    const std::size_t e = skip_hspace_back(s, j->begin);
    if (const auto w = e < j->begin ? word_ending_at(s, e) : std::nullopt;
        w && w->end == e && w->arabic && caseless_name_word(*w))
      add(found, caseless_prefix(s, *w).value_or(w->begin), sp.end, PiiKind::name);
  }
  // "آدم بن سليمان" (son of): two names joined by a word of descent ([name_join]) are one (added after the ninth part
  // was measured)
  for (std::size_t i = 0; i + 1 < names.size(); ++i) {
    const std::size_t k = skip_hspace(s, names[i].end);
    const auto j = k > names[i].end ? read_word(s, k) : std::nullopt;
    if (j && word_list("name_join").contains(fold_word(s, *j)) && skip_hspace(s, j->end) == names[i + 1].begin &&
        names[i + 1].begin > j->end)
      add(found, names[i].begin, names[i + 1].end, PiiKind::name);
  }
  // A list of children with their birth dates ("ደቀይ: ሃኒባል 04.04.2012፡ ሶልያና 23.12.2015", "Sem 03-05-2019, Noor
  // 12-06-2022"): after a name, a full numeric date and a list separator, one name word right before another full date
  // is the next child's name (added after the eleventh part was measured).
  const auto numeric_date = [&](std::size_t k) -> std::size_t {  // the end of "dd.mm.yyyy" at k, or 0
    const auto run = [&](std::size_t j, std::size_t lo, std::size_t hi) -> std::size_t {
      std::size_t e = j, n = 0;
      // Arabic-Indic digits too ("٢٥/٠٩/٢٠١٨"; added after the twelfth part was measured)
      for (char32_t c;
           e < s.size() && (is_digit(c = at(s, e).cp) || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9)); ++n)
        e += at(s, e).len;
      return n >= lo && n <= hi ? e : 0;
    };
    // (a digit run may end the text: no s[a] past its end; found by scrubber_fuzz)
    const std::size_t a = run(k, 1, 2);
    if (!a || a >= s.size() || (s[a] != '.' && s[a] != '-' && s[a] != '/')) return 0;
    const std::size_t b = run(a + 1, 1, 2);
    if (!b || b >= s.size() || s[b] != s[a]) return 0;
    const std::size_t c = run(b + 1, 4, 4);
    return c && !is_alnum(at(s, c).cp) ? c : 0;
  };
  // The date may stand in brackets ("تالا (١٩/٠١/٢٠١٦) وزين (٢٥/٠٩/٢٠١٨)", "Sem (03-05-2019), Noor (12-06-2022)"), the
  // next name carry a glued "و" (added after the twelfth part was measured).
  const auto date_item = [&](std::size_t k) -> std::size_t {  // the end of a date or of "(date)" at k, or 0
    if (at(s, k).cp != '(') return numeric_date(k);
    const std::size_t d = numeric_date(k + 1);
    return d && at(s, d).cp == ')' ? d + 1 : 0;
  };
  for (const PiiSpan& sp : names) {
    const std::size_t k = skip_hspace(s, sp.end);
    const std::size_t d = k > sp.end ? date_item(k) : 0;
    if (!d) continue;
    const char32_t sep = at(s, d).cp;
    std::size_t j;
    if (sep == ',' || sep == 0x60C || sep == 0x1361 || sep == 0x1363 || sep == ';') {
      j = skip_hspace(s, d + at(s, d).len);
    } else if (at(s, d - 1).cp == ')' && skip_hspace(s, d) > d) {
      j = skip_hspace(s, d);
    } else {
      continue;
    }
    auto w = read_word(s, j);
    if (w && w->arabic && at(s, w->begin).cp == 0x648 && utf8_length(s.substr(w->begin, w->end - w->begin)) >= 4)
      w = read_word(s, w->begin + at(s, w->begin).len);
    if (!w || !(w->caseless ? caseless_name_word(*w) : name_word(*w))) continue;
    const std::size_t k2 = skip_hspace(s, w->end);
    if (k2 > w->end && date_item(k2)) add(found, w->begin, w->end, PiiKind::name);
  }
  // "… بن حسين الجبوري": after an Arabic name, up to two words that are listed names (not ambiguous) or family names of
  // origin ("ال…ي", arabic_nisba) go with it (added after the eleventh part was measured)
  Spans chained = names;
  chained.insert(chained.end(), found.begin(), found.end());
  for (const PiiSpan& sp : chained) {
    const auto last = word_ending_at(s, sp.end);
    if (!last || !last->arabic || last->end != sp.end) continue;
    std::size_t e = sp.end;
    for (int n = 0; n < 2; ++n) {
      const std::size_t k = skip_hspace(s, e);
      const auto y = k > e ? read_word(s, k) : std::nullopt;
      if (!y || !y->arabic) break;
      const std::string fy = fold_word(s, *y);
      if (name_stop(fy) || word_list("ambiguous").contains(fy) || word_list("name_join").contains(fy) ||
          !(arabic_nisba(fy) || in_gazetteer_exact(fy)))
        break;
      e = y->end;
    }
    if (e > sp.end) add(found, sp.begin, e, PiiKind::name);
  }
  // A nickname in brackets inside a name found on both sides ("Patrick (Paddy) Byrne", "Aleksander (Olek) Nowak"): one
  // capitalised word; the name is one span (added after the twelfth part was measured)
  for (const PiiSpan& a : names) {
    std::size_t k = skip_hspace(s, a.end);
    if (k == a.end || at(s, k).cp != '(') continue;
    const auto w = read_word(s, k + 1);
    if (!w || w->begin != k + 1 || w->caseless || !capitalised(*w) || w->initial || at(s, w->end).cp != ')') continue;
    k = skip_hspace(s, w->end + 1);
    if (k == w->end + 1) continue;
    for (const PiiSpan& b : names)
      if (b.begin == k) add(found, a.begin, b.end, PiiKind::name);
  }
  // A nickname in brackets after a name in Arabic letters, then a family name of origin ("ال…ي"): the surname ("حسن (أبو
  // علي) الكربلائي"; the rule above needs capitals; added after the thirty-sixth part was measured). The nickname is a
  // name found, so "بأحمد (جاري) الحلبي" stays; any word after it was withdrawn after the review ("محل سامي (أبو سمير)
  // مسكر، …": closed).
  for (const PiiSpan& a : names) {
    const auto last = word_ending_at(s, a.end);
    if (!last || !last->arabic || last->end != a.end) continue;
    const std::size_t open = skip_hspace(s, a.end);
    if (open == a.end || at(s, open).cp != '(') continue;
    const std::size_t close = s.find(')', open);
    if (close == npos || close - open > 60) continue;
    const std::size_t nick = skip_hspace(s, open + 1);
    // (a nickname in the same script: "ኣንነከ ቪሰር (Anneke Visser) ኢዩ" is the name again in Latin letters)
    if (const auto n = read_word(s, nick); !n || n->caseless != last->caseless || n->arabic != last->arabic) continue;
    if (std::none_of(names.begin(), names.end(),
                     [&](const PiiSpan& b) { return b.begin == nick && skip_hspace(s, b.end) == close; }))
      continue;
    const std::size_t k = skip_hspace(s, close + 1);
    const auto y = k > close + 1 ? read_word(s, k) : std::nullopt;
    if (!y || y->begin != k || !y->caseless || y->arabic != last->arabic) continue;
    const std::string fy = fold_word(s, *y);
    if (name_stop(fy) || word_list("town").contains(fy) || is_institution(fy) || word_list("title").contains(fy) ||
        word_list("copula").contains(fy))
      continue;
    if (arabic_nisba(fy)) add(found, y->begin, y->end, PiiKind::name);
  }
  // An Arabic given name of two words ending in "الله" before a name found ("أنا منة الله عبد الرحمن، …"; [allah_compound]:
  // the first words that make no common phrase with it; only before a name, as "هبة الله لنا", "سيف الله المسلول" are
  // a gift and a title; added after the thirty-sixth part was measured)
  for (const PiiSpan& a : names) {
    const auto first = read_word(s, a.begin);
    if (!first || !first->arabic || first->begin != a.begin) continue;
    const auto allah = word_before(s, a.begin);
    if (!allah || skip_hspace(s, allah->end) != a.begin || fold_word(s, *allah) != fold_str("\u0627\u0644\u0644\u0647"))
      continue;
    const auto x = word_before(s, allah->begin);
    if (!x || skip_hspace(s, x->end) != allah->begin || !word_list("allah_compound").contains(fold_word(s, *x)))
      continue;
    add(found, x->begin, allah->end, PiiKind::name);
  }
  // An Arabic initial before a name found: one letter and a dot ("حسابي …، م. الزعبي"); not after a number ("100 م."
  // is metres; added after the thirty-sixth part was measured)
  for (const PiiSpan& a : names) {
    const auto first = read_word(s, a.begin);
    if (!first || !first->arabic || first->begin != a.begin) continue;
    const std::size_t dot = skip_hspace_back(s, a.begin);
    if (dot == a.begin || dot < 3 || s[dot - 1] != '.') continue;
    const Cp c = before(s, dot - 1);
    // (not "د." and "أ.", doctor and professor: a title stays outside)
    if (!is_arabic_letter(c.cp) || c.cp == 0x62F || c.cp == 0x623) continue;
    const std::size_t b = dot - 1 - c.len;
    if (b > 0 && (is_alnum(before(s, b).cp) || is_digit(before(s, skip_hspace_back(s, b)).cp))) continue;
    if (const std::size_t p = skip_hspace_back(s, b); p > 0 && arabic_indic_digit(before(s, p).cp) >= 0) continue;
    add(found, b, a.end, PiiKind::name);
  }
  // A month that is also a given name after a self-introduction, before a name found ("my name is April Nguyen",
  // "ik heet Mei Lin"): a date has no name after it (added after the twelfth part was measured)
  for_each_cue(in.f, word_list("name"), [&](std::size_t, std::size_t e) {
    const std::size_t k = skip_hspace(s, e);
    const auto w = k > e ? read_word(s, k) : std::nullopt;
    if (!w || w->caseless || !w->upper || w->initial || !word_list("month").contains(fold_word(s, *w))) return;
    const std::size_t n = skip_hspace(s, w->end);
    if (n == w->end) return;
    for (const PiiSpan& b : names)
      if (b.begin == n) add(found, w->begin, b.end, PiiKind::name);
  });
  // A name found in lower case goes on over a tussenvoegsel and the surname after it, in lower case too ("piet en
  // joke van der molen hebben een idee"; added after the twenty-fifth part was measured: whoever writes the given name
  // without a capital writes the surname so too).
  for (const PiiSpan& a : names) {
    const auto last = word_ending_at(s, a.end);
    if (!last || last->upper || last->caseless || last->cyrillic || last->initial) continue;
    const std::size_t k = skip_hspace(s, a.end);
    const auto tv = k > a.end ? read_word(s, k) : std::nullopt;
    if (!tv || tv->upper || !word_list("tussenvoegsel").contains(fold_word(s, *tv))) continue;
    // (only with an old case form that lives on in names, "der" and "den": "piet van de bakker", "ahmed de jongens"
    // are "the baker", "the boys"; "ter sprake", "ten years" are no names)
    const auto e = tv_surname(s, *last, true);
    bool old_case = false;
    for (std::size_t j = k; e && j < *e;) {
      const auto y = read_word(s, j);
      if (!y) break;
      const std::string fy = fold_word(s, *y);
      old_case = old_case || fy == "der" || fy == "den";
      j = skip_hspace(s, y->end);
    }
    if (old_case) add(found, a.begin, *e, PiiKind::name);
  }
  out.insert(out.end(), found.begin(), found.end());
}

// A person addressed at the end of a question: one capitalised word between a comma and the question mark ("Klopt
// dat, Geertruida?", "Правда, Оксано?"): not a stop word, town, title, month or institution (added after the ninth
// part was measured).
void find_addressed_names(std::string_view s, Spans& out) {
  for (std::size_t q = s.find('?'); q != npos; q = s.find('?', q + 1)) {
    const std::size_t e = skip_hspace_back(s, q);
    const auto w = word_ending_at(s, e);
    if (!w || w->end != e || !w->upper || w->caseless || w->initial) continue;
    const std::size_t c = skip_hspace_back(s, w->begin);
    if (c == 0 || before(s, c).cp != ',') continue;
    const std::string fw = fold_word(s, *w);
    if (name_stop(fw) || word_list("town").contains(fw) || word_list("title").contains(fw) ||
        word_list("month").contains(fw) || word_list("ambiguous").contains(fw) || utf8_length(fw) < 3)
      continue;
    add(out, w->begin, w->end, PiiKind::name);
  }
}

// A caseless signature line before the contact detail that closes the text ("نور الهدى — noor@…", "ሰላም ኪዳነ: 06…"): one to
// three Arabic or Ge'ez words that open the text, a line or a sentence, then a dash, colon or comma, then an e-mail
// address or phone number found by the other scanners and nothing after it; not a stop word, cue, label or verb shape,
// and a listed name among them (the labels before a detail are many: "إيميلي", "للتواصل", "ኢመይል") (added after the
// eleventh part was measured).
void find_signature_before_detail(std::string_view s, Spans& out) {
  for (const PiiSpan& d : Spans(out)) {
    if (d.kind != PiiKind::email && d.kind != PiiKind::phone) continue;
    std::size_t t = d.end;
    while (t < s.size() && (is_space(at(s, t).cp) || at(s, t).cp == '.' || at(s, t).cp == 0x1362)) t += at(s, t).len;
    if (t < s.size()) continue;
    std::size_t e = skip_hspace_back(s, d.begin);
    const char32_t sep = before(s, e).cp;
    if (sep != '-' && sep != 0x2014 && sep != 0x2013 && sep != ':' && sep != ',' && sep != 0x60C && sep != 0x1361 &&
        sep != 0x1365)
      continue;
    e = skip_hspace_back(s, e - before(s, e).len);
    std::size_t b = e;
    int n = 0;
    bool ok = true;
    for (; n < 4; ++n) {
      const auto w = word_ending_at(s, b);
      if (!w || w->end != b) break;
      const std::string fw = fold_word(s, *w);
      if (!w->caseless || name_stop(fw) || ethiopic_verb_shape(fw) || word_list("contact_label").contains(fw) ||
          word_list("signoff").contains(fw) || word_list("ambiguous").contains(fw) || utf8_length(fw) < 2) {
        ok = false;
        break;
      }
      b = w->begin;
      const std::size_t p = skip_hspace_back(s, b);
      if (p == 0 || before(s, p).cp == '\n' || sentence_start(s, b)) {
        ++n;
        break;
      }
      b = p;
    }
    const std::size_t p = skip_hspace_back(s, b);
    if (!ok || n == 0 || n > 3 || !(p == 0 || before(s, p).cp == '\n' || sentence_start(s, b))) continue;
    // a listed name among them, or the words a listed name together ("نور الهدى"): labels ("إيميلي", "ኢመይል") are none
    bool known = in_gazetteer(fold_str(s.substr(b, e - b)));
    for (std::size_t k = b; !known && k < e;) {
      const auto w = read_word(s, k);
      if (!w) break;
      known = in_gazetteer(fold_word(s, *w));
      k = skip_hspace(s, w->end);
    }
    if (known) add(out, b, e, PiiKind::name);
  }
}

// The person a date of birth belongs to: one to three name words right before a birth cue that a date of birth follows
// ("Register our newborn: Olivia Rose Bakker, born 19 May 2025", "ዮሃና ዝተወለደት 5/6/2002"), a comma, an Ethiopic or Arabic
// comma or a dash between. Latin and Cyrillic words capitalised; caseless words only where they open the text, a line,
// a sentence or follow a colon. None a stop word, cue, town, month, title, institution or a verb's shape (added after
// the thirteenth part was measured).
void find_names_before_birth(const Input& in, Spans& out) {
  const std::string_view s = in.s;
  Spans found;
  std::vector<Range> cues;
  for_each_cue(in.f, word_list("dob"), [&](std::size_t b, std::size_t e) { cues.push_back({b, e}); });
  for (const Range& cue : cues) {
    const std::size_t b = cue.begin, e = cue.end;
    // the whole cue only ("تاريخ الميلاد", "Waxaan dhashay": not the name of the part before "الميلاد")
    if (std::any_of(cues.begin(), cues.end(),
                    [&](const Range& o) { return o.begin <= b && o.end >= e && (o.begin < b || o.end > e); }))
      continue;
    // a date of birth found within a few words after the cue
    const bool dated = std::any_of(out.begin(), out.end(), [&](const PiiSpan& sp) {
      return sp.kind == PiiKind::dob && sp.begin >= e && sp.begin - e <= 24;
    });
    if (!dated) continue;
    std::size_t k = skip_hspace_back(s, b);
    bool separated = false;
    if (const Cp c = before(s, k); c.cp == ',' || c.cp == 0x60C || c.cp == 0x1361 || c.cp == 0x1363 || c.cp == '-' ||
                                   c.cp == 0x2013 || c.cp == 0x2014) {
      k = skip_hspace_back(s, k - c.len);
      separated = true;
    }
    std::optional<Word> last;
    std::size_t start = npos;
    bool caseless = false;
    for (int n = 0; n < 3; ++n) {
      const auto w = word_ending_at(s, k);
      if (!w || w->end != k || w->initial) break;
      const std::string fw = fold_word(s, *w);
      if (name_stop(fw) || word_list("town").contains(fw) || word_list("month").contains(fw) ||
          word_list("title").contains(fw) || word_list("dob").contains(fw) || word_list("self").contains(fw) ||
          word_list("tussenvoegsel").contains(fw) || word_list("name").contains(fw))
        break;
      // the first word of a birth cue of several words ("ዕለተ ልደት", "date of birth")
      if (const auto* idx = word_list("dob").starting_with(fw);
          idx && std::any_of(idx->begin(), idx->end(), [&](std::size_t i) {
            const std::string& p = word_list("dob").items()[i];
            return p.size() > fw.size() && p.compare(0, fw.size(), fw) == 0 && p[fw.size()] == ' ';
          }))
        break;
      if (w->caseless ? ethiopic_verb_shape(fw) || (w->arabic && fw.rfind("\u0627\u0644", 0) == 0 && n == 0)
                      : !w->upper)
        break;
      if (last && w->caseless != caseless) break;
      caseless = w->caseless;
      if (!last) last = w;
      start = w->begin;
      const std::size_t p = skip_hspace_back(s, w->begin);
      if (p == w->begin) break;
      k = p;
    }
    if (!last || start == npos) continue;
    // one word alone: listed or not, but no everyday word ([ambiguous])
    const auto first = read_word(s, start);
    if (first->end == last->end && word_list("ambiguous").contains(fold_word(s, *first))) continue;
    // Latin and Cyrillic names set off by a comma or dash ("Groom born …", "Kızımın doğum günü" are no names)
    if (!caseless && !separated) continue;
    // where the name opens a text, line or sentence, or follows a colon or an honorific ("… من Nuland، مزداد" stays)
    const std::size_t p = skip_hspace_back(s, start);
    const Cp c = before(s, p);
    const auto h = p > 0 ? word_ending_at(s, p) : std::nullopt;
    if (!(p == 0 || is_line_break(c.cp) || c.cp == ':' || c.cp == 0x1362 || c.cp == '.' || c.cp == 0x6D4 ||
          c.cp == '!' || c.cp == '?' || c.cp == 0x61F || (h && word_list("honorific").contains(fold_word(s, *h)))))
      continue;
    add(found, start, last->end, PiiKind::name);
  }
  out.insert(out.end(), found.begin(), found.end());
}

void find_names(const Input& in, Spans& out) {
  find_names_in_addresses(in.s, out);
  find_cue_names(in.s, in.f, out);
  find_person_addresses(in.s, out);
  find_gazetteer_names(in.s, out);
  find_initial_names(in.s, out);
  find_abd_names(in.s, out);
  find_kunya_names(in.s, out);
  find_signature(in.s, out);
  find_paren_names(in.s, in.f, out);
  find_names_after_details(in.s, out);
  find_addressed_names(in.s, out);
  find_signature_before_detail(in.s, out);
  find_names_before_birth(in, out);
  find_repeated_names(in.s, out);
}

bool in_name_gazetteer(std::string_view folded) { return in_gazetteer(folded); }

}  // namespace kiosk::privacy
