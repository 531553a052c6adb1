// Addresses: street + house number (+ postcode + town), postcode (+ house number), map links.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

#include "lists.hpp"
#include "scanners.hpp"

namespace kiosk::privacy {
namespace {

constexpr StreetRules kCueStreet{true, false, true};

// House number at i: "12", "12a", "12-2", "12/3", "12 hs", "12 II", "12, кв. 5". Returns its end.
std::optional<std::size_t> house_number(std::string_view s, std::size_t i) {
  std::size_t k = i;
  int n = 0;
  while (k < s.size() && is_digit(static_cast<unsigned char>(s[k]))) ++k, ++n;
  if (n == 0 || n > 5 || s[i] == '0') return std::nullopt;
  const Cp nx = at(s, k);
  if ((nx.cp == '.' || nx.cp == ',' || nx.cp == ':') && is_digit(at(s, k + 1).cp))
    return std::nullopt;  // price, time, decimal
  if (nx.cp == '%' || nx.cp == 0x20AC) return std::nullopt;
  if (nx.len && is_letter(nx.cp)) {
    std::size_t m = k;
    int letters = 0;
    for (Cp c = at(s, m); c.len && is_letter(c.cp); c = at(s, m)) m += c.len, ++letters;
    if (letters > 3) return std::nullopt;
    k = m;
    // "12a-3", "12bis-1": a floor or flat after the letters
    if (at(s, k).cp == '-' && is_digit_at(s, k + 1)) {
      std::size_t d = k + 1;
      while (d < s.size() && d - k <= 3 && is_digit_at(s, d)) ++d;
      if (d - k <= 3 && boundary_after(s, d)) k = d;
    }
  } else if (nx.cp == '-' || nx.cp == '/') {
    std::size_t m = k + 1;
    int cnt = 0;
    while (m < s.size() && is_digit(static_cast<unsigned char>(s[m])) && cnt < 4) ++m, ++cnt;
    // a floor and a flat's letter after the dash ("41-3B"; added after the twenty-sixth part was measured)
    if (cnt > 0 && cnt < 3) {
      std::size_t j = m;
      while (j < s.size() && j - m < 3 && is_ascii_alpha(static_cast<unsigned char>(s[j]))) ++j;
      if (j > m && j - m <= 2 && boundary_after(s, j)) m = j;
    }
    if (cnt == 0) {
      // (a Cyrillic letter too, as Ukrainian keyboards type it: "Lindelaan 5-А"; added after the thirty-third part was
      // measured)
      for (Cp c = at(s, m);
           cnt < 3 && c.len && (is_ascii_alpha(static_cast<unsigned char>(s[m])) || (c.cp >= 0x410 && c.cp <= 0x42F));
           c = at(s, m))
        m += c.len, ++cnt;
      // a flat's letter and number after the dash ("3-A2"; added after the twenty-fourth part was measured)
      for (int d = 0; cnt > 0 && d < 3 && m < s.size() && is_digit(static_cast<unsigned char>(s[m])); ++d) ++m;
    }
    // (not a date: "3/3/61", "12-03-1985"; added after the twenty-sixth part was measured)
    if (cnt > 0 && m < s.size() && (s[m] == '/' || s[m] == '-' || s[m] == '.') && is_digit_at(s, m + 1))
      return std::nullopt;
    if (cnt > 0 && boundary_after(s, m)) k = m;
  }
  if (!boundary_after(s, k)) return std::nullopt;
  // A quantity ("12 jaar", "5 minuten") is no house number; "12 hs", "12 A" extend it.
  std::size_t w0 = skip_hspace(s, k);
  if (const auto w = read_word(s, w0); w && w0 > k) {
    const std::string fw = fold_word(s, *w);
    // "Grote Markt 27 kwietnia", "King's Day 27 ሚያዝያ": a day of a month; but "m. 3" after a number is a Polish flat
    // ("ul. Lipowa 7 m. 3", not 7 metres; added after the eighteenth part was measured)
    std::size_t flat = w->end;
    if (at(s, flat).cp == '.') ++flat;
    flat = skip_hspace(s, flat);
    const bool apartment = word_list("apartment").contains(fw) && is_digit_at(s, flat);
    if ((word_list("unit").contains(fw) && !apartment) || word_list("month").contains(fw)) return std::nullopt;
    // (or one lower-case letter that closes the clause: "Voorstraat 9 b, 5161 GK"; not a word of one letter: "u", you,
    // the Polish "i", "w", "z", "o"; added after the thirty-third part was measured)
    const Cp after_letter = at(s, w->end);
    // (or the sentence's full stop: "yeni adresim Julianastraat 19 b. Posta …"; added after the thirty-ninth part was
    // measured)
    const bool one_small =
        w->end == w->begin + 1 && is_ascii_alpha(static_cast<unsigned char>(s[w->begin])) && !w->upper &&
        std::string_view("uiwzo").find(s[w->begin]) == std::string_view::npos &&
        (w->end >= s.size() || after_letter.cp == ',' || is_line_break(after_letter.cp) ||
         (after_letter.cp == '.' && (w->end + 1 >= s.size() || (is_space(at(s, w->end + 1).cp) &&
                                                                is_upper(at(s, skip_hspace(s, w->end + 1)).cp)))));
    // (not a flat's letter before a colon: "No:15 D:2", the Turkish door number, is read below)
    const bool one_capital =
        ((w->end == w->begin + 1 && w->upper && !w->initial) || one_small) && at(s, w->end).cp != ':';
    if ((fw.size() > 1 && word_list("house_number_tail").contains(fw)) || one_capital) {
      // not before a dot ("12 A. de Vries": an initial), unless a word of the list ends the sentence there
      // ("Julianastraat 31 bis. Tel", added after the eighteenth part was measured)
      const bool sentence_end = at(s, w->end).cp == '.' && (!one_capital || one_small) &&
                                (w->end + 1 >= s.size() || is_space(at(s, w->end + 1).cp));
      if (boundary_after(s, w->end) && (at(s, w->end).cp != '.' || sentence_end)) k = w->end;
    }
  }
  // Apartment: ", кв. 5", " m. 3", " apt 4", and in brackets " (apartment 4)" (added after the fifteenth part was
  // measured).
  w0 = skip_hspace(s, k);
  const bool bracket = at(s, w0).cp == '(';
  if (at(s, w0).cp == ',' || bracket) w0 = skip_hspace(s, w0 + 1);
  if (const auto w = read_word(s, w0); w && w0 > k && word_list("apartment").contains(fold_word(s, *w))) {
    std::size_t m = w->end;
    // (a colon too: the Turkish "Kerkweg No:15 D:2", door 2; added after the thirty-seventh part was measured)
    if (at(s, m).cp == '.' || at(s, m).cp == ':') ++m;
    if (fold_word(s, *w) == "d" && (at(s, w->end).cp != ':' || !is_digit_at(s, w->end + 1)))
      m = w->begin;  // "d" only as "D:2" ("D: 2 kez aradım" is twice)
    m = skip_hspace(s, m);
    std::size_t d = m;
    while (d < s.size() && d - m < 4 && is_digit(static_cast<unsigned char>(s[d]))) ++d;
    if (d > m && boundary_after(s, d) && !bracket) k = d;
    if (d > m && bracket && at(s, d).cp == ')') k = d + 1;
  }
  return k;
}

// More houses of the same street after a house number that ends at e ("Hoofdweg 120 i 122", "Esdoornstraat 2, 4 i 6",
// "Harselaarseweg 40 i 40-A"; added after the twenty-ninth part was measured): numbers after commas, then one after a
// word for "and" ([number_and]; not "or": "2 of 3 passen", "until 2 or 3am"), each a house number no further than 20
// from the first. The last one's end, or e.
std::size_t more_house_numbers(std::string_view s, std::size_t begin, std::size_t e) {
  const auto value = [&s](std::size_t k) {
    long v = 0;
    for (; k < s.size() && is_digit_at(s, k) && v < 100000; ++k) v = v * 10 + (s[k] - '0');
    return v;
  };
  const long first = value(begin);
  const auto near = [&](std::size_t k) {
    const auto n = house_number(s, k);
    return n && std::abs(value(k) - first) <= 20 ? n : std::nullopt;
  };
  for (std::size_t k = e;;) {
    std::size_t j = k;
    if (at(s, j).cp == ',') ++j;
    j = skip_hspace(s, j);
    if (j == k) return e;
    if (at(s, k).cp == ',' && is_digit_at(s, j)) {
      const auto n = near(j);
      if (!n) return e;
      k = *n;
      continue;
    }
    const auto w = read_word(s, j);
    if (!w || w->upper || !word_list("number_and").contains(fold_word(s, *w))) return e;
    const std::size_t d = skip_hspace(s, w->end);
    if (d != w->end + 1 || !is_digit_at(s, d)) return e;
    const auto n = near(d);
    return n ? *n : e;
  }
}

// The Turkish "number" after a house number that ends at e ("9081 AK 17 numara", "Polderweg 12 numara"; added after
// the twenty-third part was measured): "numara" and its forms in [house_number_word] (not "numarada", at number …),
// not followed by another number. Its end, or e.
std::size_t number_word_after(std::string_view s, std::size_t e) {
  const std::size_t j = skip_hspace(s, e);
  if (j != e + 1) return e;
  if (const auto w = read_word(s, j);
      w && fold_word(s, *w).rfind("numara", 0) == 0 && word_list("house_number_word").contains(fold_word(s, *w))) {
    std::size_t k = w->end;
    if (at(s, k).cp == '.' || at(s, k).cp == ':') ++k;
    if (!is_digit_at(s, skip_hspace(s, k))) return w->end;
  }
  return e;
}

// A house's number given with its words after a postcode (and town) at e: ", huisnummer 41", ", house no. 71",
// "، رقم البيت ٣٣", ", lambarka guriga 6", " ቁጽሪ ገዛ 18" — up to two words of [house_noun] and [house_number_word] in
// either order, at least one a number word ("op 12" is no house number), then the number; or the number right after
// the postcode ("3512 AB 12"). Its end, or nothing. (The number words after a town were added after the thirteenth
// part was measured.)
std::optional<std::size_t> house_number_after(std::string_view s, std::size_t e, bool bare_number) {
  std::size_t k = skip_hspace(s, e);
  // (the Ethiopic commas too: "7433 AP፡ ቁጽሪ ገዛ 88"; added after the twenty-fourth part was measured)
  if (const char32_t c = at(s, k).cp; c == ',' || c == 0x60C || c == 0x1361 || c == 0x1363)
    k = skip_hspace(s, k + at(s, k).len);
  if (k == e) return std::nullopt;
  if (is_digit_at(s, k)) {
    if (!bare_number) return std::nullopt;
    const auto n = house_number(s, k);
    if (n) return number_word_after(s, *n);
    return n;
  }
  static const WordSet& noun = word_list("house_noun");
  static const WordSet& number_word = word_list("house_number_word");
  bool numbered = false;
  for (int n = 0; n < 2; ++n) {
    const auto w = read_word(s, k);
    if (!w) return std::nullopt;
    const std::string fw = fold_word(s, *w);
    if (!noun.contains(fw) && !number_word.contains(fw)) return std::nullopt;
    numbered |= number_word.contains(fw);
    k = w->end;
    if (at(s, k).cp == '.' || at(s, k).cp == ':') ++k;
    const std::size_t d = skip_hspace(s, k);
    if (d == k) return std::nullopt;
    k = d;
    // right after a postcode a house noun alone will do ("7433 CH, guriga 41", house 41; a noun of four letters or
    // more that is no preposition of place; added after the twenty-fourth part was measured)
    const bool house_alone =
        bare_number && n == 0 && utf8_length(fw) >= 4 && !word_list("house_number_connector").contains(fw) &&
        !word_list("street_preposition").contains(fw) && !word_list("town_preposition").contains(fw);
    if (is_digit_at(s, k)) return numbered || house_alone ? house_number(s, k) : std::nullopt;
  }
  return std::nullopt;
}

// Optional postcode ("3511 AB") and city after a house number; returns the new end.
bool clause_ends(std::string_view s, std::size_t k);

// A town of the [town] list at k ("Utrecht", "'s-Hertogenbosch", "Den Haag"): its end.
std::optional<std::size_t> town_at(std::string_view s, std::size_t k) {
  if (is_apostrophe(at(s, k).cp) && (s.substr(k + at(s, k).len, 2) == "s-" || s.substr(k + at(s, k).len, 2) == "s ")) {
    const auto w = read_word(s, k + at(s, k).len + 2);
    // (and a second capitalised word that closes the clause: "'s-Heer Hendrikskinderen", "'s-Heer Abtskerke"; added
    // after the thirty-ninth part was measured)
    if (w && at(s, w->end).cp == ' ')
      if (const auto w2 = read_word(s, w->end + 1);
          w2 && w2->begin == w->end + 1 && w2->upper && !w2->caseless && !w2->cyrillic && clause_ends(s, w2->end))
        return w2->end;
    if (w) return w->end;
  }
  const auto w = read_word(s, k);
  if (!w || !(w->upper || w->caseless)) return std::nullopt;
  const std::string fw = fold_word(s, *w);
  if (word_list("town").contains(fw)) return w->end;
  if (fw == "den" || fw == "de") {  // Den Haag, Den Helder, De Bilt
    const std::size_t c2 = skip_hspace(s, w->end);
    if (const auto w2 = read_word(s, c2); w2 && c2 > w->end && w2->upper) return w2->end;
  }
  return std::nullopt;
}

// Whether the clause ends at k (after spaces): the end of the text, a line break, or punctuation that closes a
// clause (". , ; : ! ? )", the Arabic comma, the Ethiopic full stop and comma, a dash, an arrow).
bool clause_ends(std::string_view s, std::size_t k) {
  // a Turkish case ending after an apostrophe ("Zoutelande'deki"): the town ends before it
  if (is_apostrophe(at(s, k).cp)) {
    const auto w = read_word(s, k + at(s, k).len);
    return w && !w->upper;
  }
  k = skip_hspace(s, k);
  if (k >= s.size()) return true;
  // the Latin town is the last word before text in another script ("Dorpsstraat 3, Eenrum እቕመጥ")
  if (const auto w = read_word(s, k); w && (w->caseless || w->cyrillic)) return true;
  const char32_t c = at(s, k).cp;
  return is_line_break(c) || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == 0x60C || c == 0x61F || c == 0x1362 || c == 0x1363 || c == 0x1361 || c == 0x2013 || c == 0x2014 ||
         (c >= 0x2190 && c <= 0x21FF) ||  // an arrow ("eski adres Hoofdstraat 9, Smakt → yeni adres …")
         c == '(';  // a bracket ("Broekhemmerweg 40, Broekhem (Valkenburg)"; added after the twenty-seventh part)
}

// A Dutch ordinal that starts a street's name at pos ("3e Kanaal 40", "1e Jacob van Campenstraat 12", "2de
// Hogeweg 5"): one or two digits, "e", "ste" or "de", a space and a capitalised word. The position of that word.
std::optional<std::size_t> street_ordinal(std::string_view s, std::size_t pos) {
  std::size_t d = pos;
  while (d < s.size() && d - pos < 2 && is_digit_at(s, d)) ++d;
  if (d == pos) return std::nullopt;
  std::size_t e = d;
  for (std::string_view suf : {"ste", "de", "e"})
    if (s.substr(d, suf.size()) == suf) {
      e = d + suf.size();
      break;
    }
  if (e == d || e >= s.size() || s[e] != ' ') return std::nullopt;
  const auto w = read_word(s, e + 1);
  if (!w || w->begin != e + 1 || !w->upper || w->caseless || w->cyrillic) return std::nullopt;
  return w->begin;
}

// A town after an address, by its shape where the [town] list does not know it (added after the eleventh part was
// measured: "Breinderveld 6, Schinnen", "Stationsstraat 28 Loppersum."): one capitalised word that closes the
// clause, not a word that is never a name ("Groeten") or an institution; or a listed town. Either may go on with the
// connecting words of Dutch place names ("Egmond aan Zee", "Krimpen aan den IJssel", "Bergen op Zoom", "Wijk bij
// Duurstede"). A town may also go on with the sentence ("Gorsselseweg 2a, Wilp naar …", "27 Dorpsstraat, Ewijk has
// been …": a lower-case word follows; added after the thirteenth part was measured after a comma, after the
// twenty-sixth without one: "Boerdijk 17 Diffelen en de sloot …"). Returns the town's end.
std::optional<std::size_t> town_after_address(std::string_view s, std::size_t k) {
  // a village whose name starts with an ordinal ("Zuiderdiep 41a, 2e Exloërmond", "7875 AD 2e Exloërmond"; added after
  // the twenty-ninth part was measured) when it closes the clause
  // (not a day: "Kerkstraat 12, 2e Kerstdag", "2e Paasdag")
  if (const auto o = street_ordinal(s, k)) {
    const auto w = read_word(s, *o);
    const std::string fw = w ? fold_word(s, *w) : std::string();
    if (!w || name_stop(fw) || fw.ends_with("dag") || word_list("month").contains(fw)) return std::nullopt;
    const auto t = town_after_address(s, *o);
    return t && clause_ends(s, *t) ? t : std::nullopt;
  }
  std::optional<std::size_t> e = town_at(s, k);
  const bool listed = e.has_value();
  std::optional<std::size_t> stop_start;  // the town starts with a word that is never a name ("Wijk aan Zee")
  if (!listed) {
    const auto w = read_word(s, k);
    // (not an initial: "Kerkstraat 5 A. de Vries belt u")
    if (!w || w->caseless || w->initial || utf8_length(fold_word(s, *w)) < 2) return std::nullopt;
    // a lower-case Latin town right before text in another script ("ኣብ kerkstraat 9b roggel እነብር"; added after the
    // fourteenth part was measured)
    if (!w->upper) {
      const std::string fw = fold_word(s, *w);
      const std::size_t j = skip_hspace(s, w->end);
      const auto next = j > w->end ? read_word(s, j) : std::nullopt;
      if (w->cyrillic || !next || !(next->caseless || next->cyrillic) || name_stop(fw) || is_institution(fw) ||
          word_list("street_stop").contains(fw) || word_list("house_number_tail").contains(fw) ||
          word_list("unit").contains(fw))
        return std::nullopt;
      return w->end;
    }
    const std::string fw = fold_word(s, *w);
    // (a word that is never a name may start a town with the connecting words of Dutch place names: "Wijk aan Zee",
    // "Wijk bij Duurstede", "Stad aan 't Haringvliet"; the town must then go on below; added after the twenty-second
    // part was measured)
    // (only before "aan", "bij", "op", and never a sign-off: "Kerkstraat 12\nGroeten aan Piet" is no town)
    if (name_stop(fw) || is_institution(fw) || word_list("street_stop").contains(fw)) {
      const std::size_t j = skip_hspace(s, w->end);
      const auto c = j > w->end ? read_word(s, j) : std::nullopt;
      const std::string fc = c ? fold_word(s, *c) : std::string();
      // (and before "en" when the second town closes the clause: "Hoofdstraat 58, Son en Breugel."; added after the
      // thirty-first part was measured)
      if (!c || c->upper || !(fc == "aan" || fc == "bij" || fc == "op" || fc == "en") ||
          word_list("signoff").contains(fw) || (word_list("relation").contains(fw) && fc != "en"))
        return std::nullopt;
      stop_start = w->end;
    }
    e = w->end;
    // "Zoutelande'deki": the town ends at the apostrophe of a Turkish case ending
    for (std::size_t m = w->begin; m < w->end; m += std::max<std::size_t>(at(s, m).len, 1))
      if (is_apostrophe(at(s, m).cp)) {
        if (clause_ends(s, m)) return m;
        break;
      }
    // a town of two capitalised words ("Ten Boer", "Oude Pekela") when both close the clause, or go on with the
    // connecting words of place names and a capitalised word that closes it ("Sint Anna ter Muiden"; added after the
    // fortieth part was measured)
    const auto connected = [&](std::size_t k2) {
      const std::size_t c = skip_hspace(s, k2);
      const auto cw = c > k2 ? read_word(s, c) : std::nullopt;
      // (not "en": "Kerkplein 1, Sint Jan en Piet" is two people; the review of round 40)
      if (!cw || cw->upper || !word_list("place_name_connector").contains(fold_word(s, *cw)) ||
          fold_word(s, *cw) == "en")
        return false;
      const std::size_t t = skip_hspace(s, cw->end);
      const auto town = t > cw->end ? read_word(s, t) : std::nullopt;
      return town && town->upper && !town->caseless && clause_ends(s, town->end);
    };
    if (const std::size_t j = skip_hspace(s, *e); j > *e && j == *e + 1 && !clause_ends(s, *e))
      if (const auto w2 = read_word(s, j); w2 && w2->upper && !w2->caseless && !w2->cyrillic &&
                                           !name_stop(fold_word(s, *w2)) &&
                                           (clause_ends(s, w2->end) || connected(w2->end)))
        e = w2->end;
  }
  // "aan (de|den) X", "op X", "bij X", "en X"
  for (std::size_t j = skip_hspace(s, *e);;) {
    const auto c = j > *e ? read_word(s, j) : std::nullopt;
    if (!c || c->upper || !word_list("place_name_connector").contains(fold_word(s, *c))) break;
    std::size_t t = skip_hspace(s, c->end);
    if (const auto d = t > c->end ? read_word(s, t) : std::nullopt;
        d && !d->upper && (fold_word(s, *d) == "de" || fold_word(s, *d) == "den"))
      t = skip_hspace(s, d->end);
    const auto town = read_word(s, t);
    if (!town || !town->upper) break;
    // "Cadier en Keer", "Kaag en Braassem": "en" only when the town closes the clause ("Utrecht en Amsterdam zijn" is
    // two towns; added after the sixteenth part was measured)
    if (fold_word(s, *c) == "en" && !clause_ends(s, town->end)) break;
    e = town->end;
    j = skip_hspace(s, *e);
  }
  if (stop_start && *e == *stop_start) return std::nullopt;
  // a form's label on the next line is no town ("Pastorijdyk 3\nGeb.: 5 sebt 1979"; added after the twenty-sixth part
  // was measured)
  // (on the same line a colon may follow a town: "mevr. Van Rooij, Heistraat 14, Sint-Oedenrode: haar container …")
  if (at(s, *e).cp == ':' || (at(s, *e).cp == '.' && at(s, *e + 1).cp == ':')) {
    for (std::size_t b = k; b > 0 && is_space(before(s, b).cp); b -= before(s, b).len)
      if (is_line_break(before(s, b).cp)) return std::nullopt;
  }
  // (also without the comma: "ik woon Boerdijk 17 Diffelen en de sloot …"; added after the twenty-sixth part was
  // measured)
  // (a capitalised word that starts a sentence written without its full stop is taken too: "Dorpsstraat 12 Please
  // send the form"; limiting it to a town before "and" lost three towns over the labelled parts and gained nothing)
  if (!listed && !clause_ends(s, *e)) {
    const std::size_t j = skip_hspace(s, *e);
    const auto next = j == *e + 1 ? read_word(s, j) : std::nullopt;
    if (!next || next->upper || next->caseless || next->cyrillic) return std::nullopt;
  }
  return e;
}

// The letters a Dutch postcode is taken with.
enum class PostcodeLetters {
  upper,              // capitals ("3511 AB")
  any_case,           // also "3511 ab", after a street and number
  upper_or_cyrillic,  // also Cyrillic capitals that look Latin (typed on a Ukrainian keyboard: "3438 ВС"); never SA,
                      // SD or SS (not issued): a postcode found on its own
};

// The four digits of a Dutch postcode at k (the first no 0).
bool postcode_digits_at(std::string_view s, std::size_t k) {
  return k + 4 <= s.size() && s[k] != '0' && is_digit_at(s, k) && is_digit_at(s, k + 1) && is_digit_at(s, k + 2) &&
         is_digit_at(s, k + 3);
}

// A Dutch postcode at k ("3511 AB", "3511AB"): its digits, an optional space, two letters, no letter or digit after
// them. Its end, or nothing. (One reading for every place that looks for one; four had their own copies.)
std::optional<std::size_t> postcode_at(std::string_view s, std::size_t k, PostcodeLetters letters) {
  if (!postcode_digits_at(s, k)) return std::nullopt;
  std::size_t m = k + 4;
  if (m < s.size() && s[m] == ' ') ++m;
  const auto latin = [letters](char32_t c) -> char {
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c);
    if (letters == PostcodeLetters::any_case && c >= 'a' && c <= 'z') return static_cast<char>(c);
    if (letters != PostcodeLetters::upper_or_cyrillic) return 0;
    static constexpr std::pair<char32_t, char> kLookalike[] = {{0x410, 'A'}, {0x412, 'B'}, {0x415, 'E'}, {0x41A, 'K'},
                                                               {0x41C, 'M'}, {0x41D, 'H'}, {0x41E, 'O'}, {0x420, 'P'},
                                                               {0x421, 'C'}, {0x422, 'T'}, {0x425, 'X'}};
    for (const auto& [cy, l] : kLookalike)
      if (c == cy) return l;
    return 0;
  };
  const Cp ca = at(s, m), cb = at(s, m + ca.len);
  const char a = latin(ca.cp), b = latin(cb.cp);
  const std::size_t end = m + ca.len + cb.len;
  if (!ca.len || !cb.len || !a || !b || !boundary_after(s, end)) return std::nullopt;
  if (letters == PostcodeLetters::upper_or_cyrillic && a == 'S' && (b == 'A' || b == 'D' || b == 'S'))
    return std::nullopt;
  return end;
}

// "Vrieseplein 4, 3311 Dordrecht": the postcode's digits without its letters at k, then a town: the town's end, or
// e. A town the [town] list does not know counts by its shape ("Tsjerkepaed 3, 9059 Britsum", "Ten Posterweg 27, 9792
// Ten Post"; the villages outnumber any list) unless the digits read as a year ("Kerkstraat 12, 2019 Nieuwe …"): then
// only a listed one (added after the twenty-first part was measured).
std::size_t postcode_digits_town(std::string_view s, std::size_t k, std::size_t e) {
  if (!postcode_digits_at(s, k) || is_digit_at(s, k + 4)) return e;
  const std::size_t c = skip_hspace(s, k + 4);
  if (c == k + 4) return e;
  if (const auto t = town_at(s, c)) return *t;
  const bool year = (s[k] == '1' && s[k + 1] == '9') || (s[k] == '2' && s[k + 1] == '0');
  if (const auto t = year ? std::nullopt : town_after_address(s, c)) return *t;
  return e;
}

// A postcode after a town that follows an address ("Molenweg 7 in Loppersum, 9919 AG"): its end, or e.
std::size_t postcode_after_town(std::string_view s, std::size_t e) {
  std::size_t k = skip_hspace(s, e);
  if (at(s, k).cp == ',') k = skip_hspace(s, k + 1);
  // (with the word "postcode" before it: "Eschweg 9 w Herike, kod 7475 PK"; added after the twenty-seventh part)
  if (const auto w = read_word(s, k); w && !w->upper && word_list("postcode_label").contains(fold_word(s, *w)))
    k = skip_hspace(s, w->end + (at(s, w->end).cp == ':' ? 1 : 0));
  return postcode_at(s, k, PostcodeLetters::upper).value_or(e);
}

// After an address that an address cue introduced, a postcode's four digits alone after a comma that close the sentence
// ("cinwaankeedu waa Stootshorn 28, 9681.", "ኣድራሻኣ Bovenburen 19, 9561።"): the new end, or e. Only there: after any
// street four such digits are an amount or a year as often ("Kosten voor Kerkstraat 1, 4500."; the review of round
// 35). Added after the thirty-fifth part was measured.
std::size_t bare_postcode_after_cue(std::string_view s, std::size_t e) {
  const std::size_t a = skip_hspace(s, e);
  if (at(s, a).cp != ',') return e;
  const std::size_t k = skip_hspace(s, a + 1);
  const Cp z = at(s, k + 4);
  if (postcode_digits_at(s, k) && !is_digit_at(s, k + 4) && s.compare(k, 2, "19") != 0 && s.compare(k, 2, "20") != 0 &&
      (!z.len || (sentence_break(z.cp) && !is_digit_at(s, k + 4 + z.len))))
    return k + 4;
  return e;
}

// Optional postcode ("3511 AB") and town after a house number ("Kerkstraat 12, 3511 AB Utrecht",
// "Dorpsstraat 7, Houten", "Slotlaan 230 Zeist", "(3512 AB Utrecht)"); returns the new end.
std::size_t postcode_city(std::string_view s, std::size_t e) {
  std::size_t k = skip_space(s, e);
  const bool comma = at(s, k).cp == ',';
  if (comma || at(s, k).cp == 0x60C || at(s, k).cp == '(') k = skip_space(s, k + at(s, k).len);
  // the word "postcode" before it in any language ("، الرمز البريدي 8539 RJ", ", posta kodu 1234 AB"; [postcode_label],
  // added after the sixteenth part was measured)
  for (std::size_t j = k, n = 0; n < 3; ++n) {
    const auto w = read_word(s, j);
    if (!w || !word_list("postcode_label").contains(fold_word(s, *w))) break;
    j = skip_hspace(s, w->end + (at(s, w->end).cp == ':' ? 1 : 0));
    if (postcode_digits_at(s, j)) k = j;
  }
  // A foreign postcode of five digits and its town after a comma (Turkish, German, French, Moroccan: "Atatürk Cad. No:
  // 15 Daire 4, 24100 Merkez/Erzincan", "Hauptstraße 5, 10115 Berlin"), a district and its province split by a slash
  // (added after the twenty-second part was measured).
  if (comma && k + 5 <= s.size() && is_digit_at(s, k) && is_digit_at(s, k + 1) && is_digit_at(s, k + 2) &&
      is_digit_at(s, k + 3) && is_digit_at(s, k + 4) && !is_digit_at(s, k + 5)) {
    const std::size_t c = skip_hspace(s, k + 5);
    const auto w = c == k + 6 ? read_word(s, c) : std::nullopt;
    if (!w || !w->upper || w->caseless || name_stop(fold_word(s, *w))) return e;
    std::size_t end = w->end;
    if (at(s, end).cp == '/')
      if (const auto w2 = read_word(s, end + 1); w2 && w2->begin == end + 1 && w2->upper && !w2->caseless)
        end = w2->end;
    return end;
  }
  if (postcode_digits_at(s, k)) {
    const auto pc = postcode_at(s, k, PostcodeLetters::any_case);
    if (!pc) return postcode_digits_town(s, k, e);
    const std::size_t end = *pc;
    const std::size_t c = skip_hspace(s, end);
    if (c > end) {
      if (const auto t = town_after_address(s, c)) return *t;
      // (a town may have a street's ending after a postcode: "9047 KR Tergracht"; added after the twenty-fifth part
      // was measured)
      if (const auto w = read_word(s, c); w && w->upper && !listed_name_stop(fold_word(s, *w))) return w->end;
    }
    return end;
  }
  // A Polish postcode and town ("ul. Długa 15/4, 80-827 Gdańsk").
  if (k + 6 <= s.size() && is_digit_at(s, k) && is_digit_at(s, k + 1) && s[k + 2] == '-' && is_digit_at(s, k + 3) &&
      is_digit_at(s, k + 4) && is_digit_at(s, k + 5) && !is_digit_at(s, k + 6)) {
    const std::size_t c = skip_hspace(s, k + 6);
    if (const auto w = c > k + 6 ? read_word(s, c) : std::nullopt; w && w->upper) return w->end;
    return k + 6;
  }
  if (is_digit_at(s, k)) {
    if (const auto t = comma && street_ordinal(s, k) ? town_after_address(s, k) : std::nullopt) return *t;
    return postcode_digits_town(s, k, e);
  }
  // a town with its abbreviation after a comma ("вул. Шевченка 45, кв. 12, м. Бровари"; [town_prefix], as before a
  // prefixed street; added after the twenty-sixth part was measured)
  if (const auto w = comma ? read_word(s, k) : std::nullopt;
      w && word_list("town_prefix").contains(fold_word(s, *w)) && at(s, w->end).cp == '.') {
    const std::size_t t = skip_hspace(s, w->end + 1);
    if (const auto town = t > w->end + 1 ? read_word(s, t) : std::nullopt; town && town->upper) return town->end;
  }
  // (a town known by its shape only not inside brackets: "Havenbuurt 21 (Marken)")
  if (const auto t = town_after_address(s, k); t && (at(s, skip_space(s, e)).cp != '(' || town_at(s, k)))
    return postcode_after_town(s, *t);
  // "Molenweg 7 in Loppersum, 9919 AG": a town after a preposition of place when a postcode follows it (the address
  // goes on); "Kerkstraat 5 in Venlo" ends at the house number
  if (const auto w = read_word(s, k); w && !w->upper && word_list("town_preposition").contains(fold_word(s, *w))) {
    const std::size_t t = skip_hspace(s, w->end);
    const auto town = t > w->end ? town_after_address(s, t) : std::nullopt;
    if (const std::size_t p = town ? postcode_after_town(s, *town) : 0; town && p > *town) return p;
  }
  // a village the street is named after, in any case ("maria-hoopseweg 23 maria-hoop", "Ruwielseweg 4, ruwiel"; added
  // after the twenty-eighth part was measured): on the same line, the word after the number begins the street's last
  // word and a Dutch linking "s", "se" or "er" follows it there (not "Molenweg 3 molen draait weer")
  const bool same_line =
      std::none_of(s.begin() + static_cast<std::ptrdiff_t>(e), s.begin() + static_cast<std::ptrdiff_t>(k),
                   [](char ch) { return ch == '\n' || ch == '\r'; });
  if (const auto w = at(s, k).cp == '(' || !same_line ? std::nullopt : read_word(s, k); w && !w->caseless) {
    std::size_t b = e;
    while (b > 0 && !is_hspace(before(s, b).cp)) b -= before(s, b).len;  // the house number's start
    const auto street = word_ending_at(s, skip_hspace_back(s, b));
    const std::string fw = fold_word(s, *w);
    if (street && fw.size() >= 4 && !name_stop(fw)) {
      const std::string fs = fold_word(s, *street);
      const std::string_view rest = std::string_view(fs).substr(std::min(fs.size(), fw.size()));
      // (or the street word right after the village's name when the village closes the clause: "hoeksmeerweg 2
      // hoeksmeer" at the end of a form's line; added after the thirty-first part was measured)
      if (fs.size() > fw.size() + 2 && fs.compare(0, fw.size(), fw) == 0 &&
          (rest.starts_with("s") || rest.starts_with("er") ||
           (fw.size() >= 6 && word_list("street_suffix").contains(rest) && clause_ends(s, w->end))))
        return postcode_after_town(s, w->end);
    }
  }
  return e;
}

// Whether a town stands right before a street at pos: "(في|in|w|ب) Town, Street …" — a capitalised Latin word after a
// preposition of place ([town_preposition]) and a comma; or a listed town and a comma (added after the twenty-second
// part was measured: "في Kerkwerve، Ring 30"; the span starts at the street, as the labelled set has it).
bool town_before_street(std::string_view s, std::size_t pos) {
  std::size_t k = skip_hspace_back(s, pos);
  const Cp c = before(s, k);
  if (c.cp != ',' && c.cp != 0x60C) return false;
  k = skip_hspace_back(s, k - c.len);
  const auto w = word_ending_at(s, k);
  if (!w || w->end != k || w->caseless || w->cyrillic || !w->upper) return false;
  const std::string fw = fold_word(s, *w);
  if (word_list("town").contains(fw)) return true;
  if (name_stop(fw) || is_institution(fw) || word_list("street_stop").contains(fw) ||
      word_list("street_suffix").any_suffix_of(fw))
    return false;
  const auto p = word_before(s, w->begin);
  if (!p || skip_hspace_back(s, w->begin) != p->end || !word_list("town_preposition").contains(fold_word(s, *p)))
    return false;
  return true;
}

// A known town among the three words before pos in the same clause ("in Delft, Oude Delft 153", "saken f Alkmaar,
// Laat 142", "ኣብ Lelystad ኣብ Schouw 14-02"), or right after the house number with "in"/"te" ("Noordeinde 44 in
// Delft"): a street without a street word is then a street too.
bool town_near(std::string_view s, std::size_t pos, std::size_t number_end) {
  std::size_t k = pos;
  for (int n = 0; n < 3 && k > 0; ++n) {
    while (k > 0 && !is_letter(before(s, k).cp)) {
      const char32_t c = before(s, k).cp;
      if (sentence_break(c) || is_digit(c)) return false;
      k -= before(s, k).len;
    }
    const auto w = word_ending_at(s, k);
    if (!w) break;
    // a town of the list itself ("De Watertoren" is no "De Bilt")
    if ((w->upper || w->caseless) && word_list("town").contains(fold_word(s, *w))) return true;
    // or one by its shape after a preposition of place, a comma before the street ("في Kerkwerve، Ring 30"; added
    // after the twenty-second part was measured)
    if (n == 0 && town_before_street(s, pos)) return true;
    k = w->begin;
  }
  const std::size_t a = skip_hspace(s, number_end);
  if (const auto w = a > number_end ? read_word(s, a) : std::nullopt;
      w && word_list("town_preposition").contains(fold_word(s, *w))) {
    const std::size_t t = skip_hspace(s, w->end);
    if (t > w->end && town_at(s, t)) return true;
  }
  return false;
}

// "12 Baker Street": number, then up to four words of which the last ends in a street suffix.
std::optional<Range> number_first_address(std::string_view s, std::size_t pos, const StreetRules& r) {
  const auto num = house_number(s, pos);
  if (!num) return std::nullopt;
  std::size_t j = *num;
  std::size_t end = 0;
  bool upper_street = false;
  for (int words = 0; words < 4; ++words) {
    const std::size_t k = skip_hspace(s, j);
    if (k == j) break;
    const auto w = read_word(s, k);
    if (!w || (!w->upper && !r.allow_lower)) break;
    // a lower-case word after a capitalised street is the sentence going on ("lambarka 6 ee Eikenlaan waxay gubaan":
    // "gubaan", they burn, ends like "baan")
    if (end != 0 && !w->upper && upper_street) break;
    const std::string fw = fold_word(s, *w);
    if (word_list("street_stop").contains(fw)) break;
    j = w->end;
    if (word_list("street_suffix").any_suffix_of(fw)) {
      end = j;
      upper_street = w->upper;
    }
  }
  if (end == 0) return std::nullopt;
  return Range{pos, postcode_city(s, end)};
}

// A word that ends in a street word ("Stationsweg", "schoolstraat"): a street, even when it starts like an
// institution.
bool street_named(std::string_view folded) {
  return folded.size() > 5 && word_list("street_suffix").any_suffix_of(folded);
}

}  // namespace

bool ends_in_street_word(std::string_view folded) {
  for (std::size_t h = 0; h != npos;) {  // "ringbaan-west": each part
    const std::size_t nh = folded.find('-', h);
    const std::string_view part = folded.substr(h, nh == npos ? npos : nh - h);
    if (part.size() >= 3 && word_list("street_suffix").any_suffix_of(part)) return true;
    static const WordSet& in_compound = word_list("street_suffix_in_compound");
    if (in_compound.any_suffix_of(part) && !in_compound.contains(part)) return true;
    h = nh == npos ? npos : nh + 1;
  }
  return false;
}

// Street name + house number (+ postcode + city) starting at pos.
std::optional<Range> street_address(std::string_view s, std::size_t pos, const StreetRules& r) {
  std::size_t j = pos;
  int words = 0;
  if (is_digit(at(s, pos).cp)) {
    // (a street whose name starts with an ordinal; added after the twenty-third part was measured)
    if (const auto o = street_ordinal(s, pos)) {
      j = *o;
      words = 1;
    } else if (r.number_first) {
      return number_first_address(s, pos, r);
    } else {
      return std::nullopt;
    }
  }
  bool prefix = false;
  bool all_cap = true;
  bool street_word = false;  // a word ends in a street word (straat, laan …)
  bool restarted = false;    // the street started again after a town and a comma
  while (words < 5) {
    const auto w = read_word(s, j);
    if (!w) break;
    const std::string fw = fold_word(s, *w);
    // "Kerkstraat nr. 12", "Atatürk Cad. No: 5", "вул. Шевченка, № 4": a number word before the house number
    if (words > 0 && word_list("house_number_word").contains(fw)) {
      std::size_t k = w->end;
      if (at(s, k).cp == '.' || at(s, k).cp == ':') ++k;
      k = skip_hspace(s, k);
      // "Wilhelminastraat، رقم البيت 14": the number of the house (added after the sixteenth part was measured)
      if (const auto h = read_word(s, k); h && word_list("house_noun").contains(fold_word(s, *h)))
        k = skip_hspace(s, h->end);
      if (!is_digit(at(s, k).cp)) return std::nullopt;
      j = k;
      break;
    }
    if (word_list("street_stop").contains(fw)) return std::nullopt;
    // a cue word is no part of a street ("Adresim Hoofdweg 104": the street starts after it; added after the ninth
    // part was measured)
    static const WordSet& address_cue = word_list("address");
    static const WordSet& relation = word_list("relation");
    if (address_cue.contains(fw) || relation.contains(fw)) return std::nullopt;
    if (words == 0 && !w->upper && word_list("address_filler").contains(fw)) return std::nullopt;
    if (w->caseless && !word_list("street_prefix").contains(fw)) return std::nullopt;  // "الطابق الأرضي في …"
    if (words == 0 && word_list("street_prefix").contains(fw)) {
      prefix = true;
    } else if (!w->upper) {
      const bool tv = words > 0 && word_list("tussenvoegsel").contains(fw);
      if (!tv && !prefix) {
        if (!r.allow_lower) return std::nullopt;
        all_cap = false;
      }
    }
    ++words;
    if (ends_in_street_word(fw)) street_word = true;
    j = w->end;
    // An abbreviation ("Burg.", "ul.", "вул.") may end in a dot; a longer word before a dot
    // ends a sentence.
    std::size_t letters = 0;
    for (std::size_t m = w->begin; m < w->end; m += at(s, m).len) ++letters;
    const bool dot = at(s, j).cp == '.' && (letters <= 4 || word_list("street_prefix").contains(fw));
    if (dot) ++j;
    std::size_t k = skip_hspace(s, j);
    if (at(s, k).cp == ',') {
      k = skip_hspace(s, k + 1);
      // a town before the street ("waxaan deggenahay Exloërveen, Middenweg 14"): the street starts after the comma,
      // as the labelled set has it (settled before the twenty-ninth part was written); not before a word for
      // "number" ("вул. Шевченка, № 4") or a public place ("Roosendaal, Markt 1": the town hall's, as callers have it)
      const auto nx = restarted ? std::nullopt : read_word(s, k);
      const std::string fx = nx ? fold_word(s, *nx) : std::string();
      if (nx && nx->upper && !nx->caseless && !word_list("house_number_word").contains(fx) &&
          (!is_institution(fx) || street_named(fx))) {
        restarted = true;
        pos = j = k;
        words = 0;
        prefix = false;
        all_cap = true;
        street_word = false;
        continue;
      }
    }
    // the Arabic comma only before the word "number" ("Wilhelminastraat، رقم البيت 14"; added after the sixteenth part
    // was measured)
    if (at(s, k).cp == 0x60C) {
      const std::size_t n = skip_hspace(s, k + at(s, k).len);
      if (const auto nw = read_word(s, n); nw && word_list("house_number_word").contains(fold_word(s, *nw))) k = n;
    }
    if (k == j && !dot) return std::nullopt;
    j = k;
    if (is_digit(at(s, j).cp)) break;
  }
  if (words == 0 || !is_digit(at(s, j).cp)) return std::nullopt;
  // a street word with no name ("біля нас на вулиці 12 сміттєвих баків": on the street, twelve bins; added after the
  // sixteenth part was measured)
  if (prefix && words == 1) return std::nullopt;
  if ((r.require_suffix || !all_cap) && !prefix && !street_word) return std::nullopt;
  const auto num = house_number(s, j);
  if (!num) return std::nullopt;
  // (the Turkish "number" after it: "Polderweg 12 numara"; added after the twenty-fourth part was measured)
  return Range{pos, postcode_city(s, more_house_numbers(s, j, number_word_after(s, *num)))};
}

// The separator between a name and what belongs to it: ", ", "; ", " | ", " - ", a line break,
// and with paren also " (". Returns the position after it.
std::optional<std::size_t> after_separator(std::string_view s, std::size_t e, bool paren) {
  const std::size_t k = skip_hspace(s, e);
  const Cp c = at(s, k);
  if (c.cp == ',' || c.cp == ';' || c.cp == '|' || c.cp == 0x60C || (paren && c.cp == '('))
    return skip_space(s, k + c.len);
  if (c.len && is_line_break(c.cp)) return skip_space(s, k);
  if ((c.cp == '-' || c.cp == 0x2013 || c.cp == 0x2014) && k > e && is_hspace(at(s, k + c.len).cp))
    return skip_space(s, k + c.len);
  return std::nullopt;
}

namespace {

// A town in a caseless script after a house number and a comma when it closes the sentence or clause, its name in
// Latin letters in brackets allowed after it ("ሆፍስትራት 12, ኔይዊር (Nijewier)።", "… 8፣ ማሪየንበርግ።"): the town's end, or
// number_end.
std::size_t caseless_town_after(std::string_view s, std::size_t number_end) {
  const std::size_t c = skip_hspace(s, number_end);
  const char32_t comma = at(s, c).cp;
  if (comma != ',' && comma != 0x60C && comma != 0x1363) return number_end;
  const std::size_t k = skip_hspace(s, c + at(s, c).len);
  const auto town = read_word(s, k);
  if (!town || !town->caseless) return number_end;
  // (a Tigrinya copula may close the clause after it: "ኣድራሻይ ዶርፕስትራት 18, ኩተን እዩ።", my address is …; added after the
  // thirty-ninth part was measured)
  std::size_t town_end = town->end;
  if (const auto cop = read_word(s, skip_hspace(s, town->end))) {
    if (!is_ethiopic(at(s, town->begin).cp) || !word_list("copula").contains(fold_word(s, *cop))) return number_end;
    town_end = cop->end;
  }
  // (the town's name in Latin letters may follow in brackets: "ኣድራሻይ ሆፍስትራት 12, ኔይዊር (Nijewier)።"; added after the
  // thirty-sixth part was measured)
  std::size_t a = skip_hspace(s, town_end);
  if (town_end == town->end && at(s, a).cp == '(') {
    const auto latin = read_word(s, a + 1);
    if (latin && latin->begin == a + 1 && !latin->caseless && latin->upper && at(s, latin->end).cp == ')')
      a = skip_hspace(s, latin->end + 1);
  }
  const char32_t after = at(s, a).cp;
  return a >= s.size() || sentence_break(after) || clause_break(after) ? town->end : number_end;
}

// A street written in a caseless script after an address cue ("عنواني: خرونه ويخ ٥، خرونيكان", "ኣድራሻና ከርክዌግ 14፣
// ኦፐይንደ"): one to three caseless words, a house number, and a caseless town after a comma when it closes the sentence
// or clause. Its range, or nothing. (Added after the sixteenth part was measured.)
std::optional<Range> caseless_street(std::string_view s, std::size_t pos) {
  std::size_t j = pos;
  int words = 0;
  for (; words < 3; ++words) {
    const auto w = read_word(s, j);
    if (!w || !w->caseless) break;
    const std::string fw = fold_word(s, *w);
    if (word_list("address_filler").contains(fw) || word_list("house_number_word").contains(fw) ||
        word_list("house_noun").contains(fw))
      return std::nullopt;
    const std::size_t k = skip_hspace(s, w->end);
    if (k == w->end) return std::nullopt;
    j = k;
    if (is_digit_at(s, j)) break;
  }
  if (words == 3 || j == pos || !is_digit_at(s, j)) return std::nullopt;
  // (four digits are a postcode or a year: "عنواني الجديد ١٦٦١ AB", "أسكن في زفوله منذ ٢٠١٦")
  if (postcode_digits_at(s, j)) return std::nullopt;
  const auto n = house_number(s, j);
  if (!n) return std::nullopt;
  const std::size_t c = skip_hspace(s, *n);
  // the number closes the clause (not "ዝነብር መኪናኡ 12-ABC-3 ኣብ …", his car and its plate after "who lives")
  if (c < s.size() && !sentence_break(at(s, c).cp) && !clause_break(at(s, c).cp)) return std::nullopt;
  const std::size_t end = caseless_town_after(s, *n);
  return Range{pos, end};
}

void find_cue_addresses(std::string_view s, const Folded& f, Spans& out) {
  // (the cue may end with a comma, as with a colon: "waa gurigayga, Padhuis 2", my house; added after the
  // twenty-second part was measured)
  // (and with the Ge'ez colon: "ኣድራሻይ፡ ስኩልስትራት 8፣ ማሪየንበርግ።"; added after the thirty-seventh part was measured)
  static constexpr std::u32string_view kAfterCue = U":,\u060C\u1361\u1365";
  for_each_cue(f, word_list("address"), [&](std::size_t, std::size_t e) {
    const std::size_t right_after = skip_after_cue(s, e, true, kAfterCue);
    std::size_t k = e;
    for (int n = 0; n < 4; ++n) {
      k = skip_after_cue(s, k, n == 0, kAfterCue);
      const auto w = read_word(s, k);
      if (!w || w->upper || !word_list("address_filler").contains(fold_word(s, *w))) break;
      k = w->end;
    }
    k = skip_after_cue(s, k, true, kAfterCue);
    // (a known town or the country after the cue is where one lives, not a street: "Waxaan deggenahay Tilburg 2 wiil
    // iyo gabar", "… Holland 2019 ilaa hadda"; the review of round 40)
    const auto place = read_word(s, k);
    const std::string fplace = place && place->begin == k ? fold_word(s, *place) : std::string();
    const bool town_or_country = place && place->begin == k &&
                                 ((word_list("town").contains(fplace) && !ends_in_street_word(fplace)) ||
                                  word_list("home_country").contains(fplace));
    if (const auto a = town_or_country ? std::nullopt : street_address(s, k, kCueStreet)) {
      add(out, a->begin, bare_postcode_after_cue(s, a->end), PiiKind::address);
      return;
    }
    if (const auto a = k == right_after ? caseless_street(s, k) : std::nullopt) {
      add(out, a->begin, a->end, PiiKind::address);
      return;
    }
    // "ik woon al 30 jaar op de Kerkstraat 12": look further in the same clause, but only for a
    // street with a street-type ending.
    const WordSet& stoppers = word_list("address_clause_stop");
    std::size_t j = k;
    for (int tokens = 0; tokens < 10 && j < s.size(); ++tokens) {
      const Cp c = at(s, j);
      if (clause_break(c.cp)) return;
      if (const auto w = read_word(s, j)) {
        if (stoppers.contains(fold_word(s, *w))) return;
        // a lower-case word starts a street only when it is one ("kerkstraat 12"), not "school on Heemraadlaan 48"
        const std::string fw = fold_word(s, *w);
        const bool may_start = w->upper || word_list("street_prefix").contains(fw) ||
                               (fw.size() > 5 && word_list("street_suffix").any_suffix_of(fw));
        if (const auto a = may_start ? street_address(s, j, StreetRules{true, true, true}) : std::nullopt) {
          add(out, a->begin, a->end, PiiKind::address);
          return;
        }
        // right after the preposition one lives on a street with ([street_on]: "wij wonen sinds 1 mei op Maasberg 22"),
        // a capitalised street without a street word; not a town or an institution (added after the fifteenth part
        // was measured)
        const auto p = word_before(s, w->begin);
        if (w->upper && !w->caseless && p && p->end > e && word_list("street_on").contains(fold_word(s, *p)) &&
            !town_at(s, w->begin) && !is_institution(fw)) {
          if (const auto a = street_address(s, j, StreetRules{false, false, false})) {
            add(out, a->begin, a->end, PiiKind::address);
            return;
          }
        }
        j = skip_hspace(s, w->end);
      } else if (is_digit(c.cp)) {
        if (const auto a = street_address(s, j, StreetRules{true, true, true})) {
          add(out, a->begin, a->end, PiiKind::address);
          return;
        }
        while (j < s.size() && is_digit(static_cast<unsigned char>(s[j]))) ++j;
        j = skip_hspace(s, j);
      } else {
        j = skip_hspace(s, j + c.len);
      }
    }
  });
}

// Whether an institution or public place is named in the clause before pos ("Stadhuis, Markt 1", "de
// bibliotheek aan de Oudegracht 12", "Albert Heijn op de Voorstraat 44"): its address is not personal. Not
// when the place is someone's own ("a shop owner on …", "mijn winkel op …": [owner]) or when another street
// and number stand between ("Stadhuisplein 12 değil, Agorabaan 7").
// A capitalised institution word or title that is someone's surname: after a known name or an honorific ("Rebecca
// Hall, Brinkweg 6", "my neighbour Mr. Bishop's, Achterstraat 5"; added after the fourteenth part was measured).
bool surname_of_a_person(std::string_view s, const Word& w) {
  if (!w.upper || w.caseless) return false;
  // a given name that is also an institution, before a surname ("Dirk van Leeuwen, Spoorlaan 40": Dirk is a
  // supermarket too; added after the twenty-sixth part was measured)
  if (in_name_gazetteer(fold_word(s, w))) {
    const std::size_t k = skip_hspace(s, w.end);
    const auto n = k > w.end ? read_word(s, k) : std::nullopt;
    if (n && !n->caseless && (n->upper || word_list("tussenvoegsel").contains(fold_word(s, *n))) &&
        !is_institution(fold_word(s, *n)) && !word_list("town").contains(fold_word(s, *n)))
      return true;
  }
  const auto p = word_before(s, w.begin);
  if (!p) return false;
  const std::string fp = fold_word(s, *p);
  if (word_list("honorific").contains(fp)) return true;
  return p->upper && !p->caseless && in_name_gazetteer(fp) && !is_institution(fp) && !word_list("title").contains(fp) &&
         !word_list("town").contains(fp);
}

bool institution_before(std::string_view s, std::size_t pos) {
  std::size_t k = pos;
  for (int n = 0; n < 6 && k > 0; ++n) {
    while (k > 0 && !is_letter(before(s, k).cp)) {
      const Cp c = before(s, k);
      if (sentence_break(c.cp)) return false;
      k -= c.len;
    }
    const auto w = word_ending_at(s, k);
    if (!w) return false;
    const std::string fw = fold_word(s, *w);
    if (word_list("owner").contains(fw)) return false;
    // ("Schoolstraat, 6621 BA": a street named after an institution is a street)
    if (((is_institution(fw) && !street_named(fw)) || word_list("title").contains(fw)) && !surname_of_a_person(s, *w)) {
      // "Stadhuisplein 12": an address of its own, not a place the address after it belongs to
      if (const std::size_t d = skip_hspace(s, w->end); d > w->end && is_digit(at(s, d).cp) && k < pos) return false;
      const auto p = word_before(s, w->begin);
      return !(p && word_list("owner").contains(fold_word(s, *p)));
    }
    // Between the institution and the street only its name, a town and small words ("Bibliotheek Oosterhout
    // aan de Markt 1", "Ратуша Roosendaal, Markt 1"); any other word ("a council inspector came to …") ends it.
    if (!w->upper && !word_list("address_filler").contains(fw) && !word_list("place_connector").contains(fw) &&
        !word_list("tussenvoegsel").contains(fw))
      return false;
    k = w->begin;
  }
  return false;
}

// A Turkish locative or relative ending on the house number ("Pierik 6'da yaşıyor", "Buitenwatersloot 88'de
// oturuyorum", "12'deki ev"): the number is where someone is, so the words before it are a street.
bool turkish_locative(std::string_view s, std::size_t number_end) {
  if (!is_apostrophe(at(s, number_end).cp)) return false;
  const auto w = read_word(s, number_end + at(s, number_end).len);
  if (!w || w->upper) return false;
  const std::string fw = fold_word(s, *w);
  for (std::string_view e : {"da", "de", "ta", "te", "daki", "deki", "taki", "teki"})
    if (fw == e) return true;
  return false;
}

// The Turkish "number" with a locative after the house number ("Spui 3 numarada oturuyorum"; not "5 numaralı hat", a bus line; added
// after the eleventh part was measured): the words before it are a street.
bool turkish_number_after(std::string_view s, std::size_t number_end) {
  const std::size_t k = skip_hspace(s, number_end);
  const auto w = k > number_end ? read_word(s, k) : std::nullopt;
  if (!w || w->upper) return false;
  const std::string fw = fold_word(s, *w);
  for (std::string_view e : {"numarada", "numaradaki", "numarasında", "numarasindaki"})
    if (fw == e) return true;
  return false;
}

// "Квартира 4, Beukenlaan 9", "apt 3, 12 Baker Street": an apartment and its number before the address; the new
// begin, or begin.
std::size_t apartment_before(std::string_view s, std::size_t begin) {
  std::size_t k = skip_hspace_back(s, begin);
  if (k == 0 || before(s, k).cp != ',') return begin;
  k = skip_hspace_back(s, k - 1);
  std::size_t d = k;
  while (d > 0 && (is_digit_at(s, d - 1) || is_ascii_alpha(static_cast<unsigned char>(s[d - 1])))) --d;
  if (d == k || !is_digit_at(s, d)) return begin;
  std::size_t m = skip_hspace_back(s, d);
  if (m > 0 && before(s, m).cp == '.') --m;
  const auto w = word_ending_at(s, m);
  if (!w || !word_list("apartment").contains(fold_word(s, *w))) return begin;
  return w->begin;
}

// A street without a street word ("Vogelenzang 9", "Hoge Woerd 34") counts when a postcode or a known town
// follows the house number ("Hoge Woerd 34, Utrecht"), a known town comes just before it, or the number carries
// a Turkish locative.
std::optional<Range> with_town(std::string_view s, std::optional<Range> a) {
  if (!a) return a;
  std::size_t d = a->begin;
  while (d < a->end && !is_digit_at(s, d)) ++d;
  const auto n = house_number(s, d);
  if (!n) return std::nullopt;
  // more numbers of a street without a street word only before a postcode: "Ronde 3 en 4, Zwolle", "Week 12 en 13,
  // Utrecht" are judged by the first number, "Basaska 412 iyo 415" (buses) is none
  if (const std::size_t more = more_house_numbers(s, d, *n); more > *n) {
    std::size_t k = skip_hspace(s, more);
    if (at(s, k).cp == ',') k = skip_hspace(s, k + 1);
    if (!postcode_at(s, k, PostcodeLetters::any_case)) a->end = *n;
  }
  // a postcode, a listed town or a town after a comma ("Breinderveld 6, Schinnen") after the number (a capitalised
  // word alone is not enough: "9 Juun 1993 Muqdisho" is a date and a birthplace)
  bool town_follows = false;
  for (std::size_t k = *n; k < a->end; ++k) town_follows |= is_digit_at(s, k);
  // (not a town with a Turkish case ending: "06 BHT 42, Hollanda'da" is a plate and a country)
  if (std::size_t k = skip_hspace(s, *n); a->end > *n && !town_follows)
    // (a town by its shape only when it closes the clause: "06 BHT 42, Türkiye plakalı" is a plate and a country)
    town_follows = (at(s, k).cp == ',' && !is_apostrophe(at(s, a->end).cp) &&
                    (clause_ends(s, a->end) || town_at(s, skip_hspace(s, k + 1)))) ||
                   town_at(s, k).has_value();
  if (town_follows || town_near(s, a->begin, *n)) return a;
  // "Saat 6'da", "Mayıs 3'te": a time or a day, not a street
  const auto before_number = word_ending_at(s, skip_hspace_back(s, d));
  if (turkish_number_after(s, *n)) return a;
  if (turkish_locative(s, *n) && before_number && !word_list("unit").contains(fold_word(s, *before_number)) &&
      !word_list("month").contains(fold_word(s, *before_number)) && !name_stop(fold_word(s, *before_number)))
    return a;
  return std::nullopt;
}

// A street and house number anywhere: in public text it tells where someone lives (issue 14: "Lindelaan 4"
// went to Mastodon). The street must end in a street word (straat, laan, weg …) or follow a street prefix.
void find_street_numbers(std::string_view s, Spans& out) {
  const bool other_script = mostly_other_script(s);
  for_each_word(s, [&](const Word& w) -> std::size_t {
    const std::size_t i = w.begin;
    // "Kütüphane Oudegracht 167": the street starts after it; but "Stationsweg", "schoolstraat" are streets
    if (const std::string fw = fold_word(s, w); is_institution(fw) && !street_named(fw)) return w.end;
    if (capitalised(w) || word_list("street_prefix").contains(fold_word(s, w))) {
      auto a = street_address(s, i, StreetRules{false, true, false});
      if (!a) a = with_town(s, street_address(s, i, StreetRules{false, false, false}));
      // In Arabic, Cyrillic or Ge'ez text a Latin capitalised word before a house number is a Dutch street
      // ("ካብ Lauwerecht 55bis ናብ Oudenoord 120", "живу в Нівегейні, Dukatenburg 112").
      if (!a && other_script && !w.caseless && !w.cyrillic) a = street_address(s, i, StreetRules{false, false, false});
      // A street does not run across a comma ("Jan de Vries, Kerkstraat 12": the street starts after it).
      // But "Duinweg, nr 9": a number word after the comma.
      const auto comma_at = a ? s.substr(a->begin, a->end - a->begin).find(',') : npos;
      const std::size_t first_digit = a ? s.find_first_of("0123456789", a->begin) : npos;
      bool comma = a && comma_at < first_digit - a->begin;
      if (comma) {
        const auto nw = read_word(s, skip_hspace(s, a->begin + comma_at + 1));
        if (nw && word_list("house_number_word").contains(fold_word(s, *nw)) &&
            skip_hspace(s, nw->end + (at(s, nw->end).cp == '.' ? 1 : 0)) == first_digit)
          comma = false;
        // nor after a street word before the name ("вул. Перекопська, 108", "ul. Długa, 15": the prefix marks the
        // street; added after the twenty-third part was measured)
        if (word_list("street_prefix").contains(fold_word(s, w))) {
          bool named = true;  // capitalised words only between the prefix and the comma
          for (std::size_t q = skip_hspace(s, w.end + (at(s, w.end).cp == '.' ? 1 : 0)); q < a->begin + comma_at;) {
            const auto y = read_word(s, q);
            if (!y || !y->upper) {
              named = false;
              break;
            }
            q = skip_hspace(s, y->end);
          }
          if (named) comma = false;
        }
      }
      if (a && !comma && !institution_before(s, a->begin)) {
        std::size_t b = apartment_before(s, a->begin);
        // a town with its own abbreviation before a prefixed street, Ukrainian and Polish style ("м. Рівне, вул.
        // Соборна, 44"; [town_prefix]; added after the twenty-third part was measured)
        if (b == a->begin && word_list("street_prefix").contains(fold_word(s, w))) {
          std::size_t k = skip_hspace_back(s, b);
          if (before(s, k).cp == ',') {
            k = skip_hspace_back(s, k - 1);
            const auto town = word_ending_at(s, k);
            const auto pre = town && town->end == k && town->upper ? word_before(s, town->begin) : std::nullopt;
            if (pre && word_list("town_prefix").contains(fold_word(s, *pre))) b = pre->begin;
          }
        }
        add(out, b, a->end, PiiKind::address);
        return a->end;
      }
    } else if (!w.caseless) {
      // lower case: "kerkstraat 12" (the first word itself a street word)
      const std::string fw = fold_word(s, w);
      if (word_list("street_suffix").any_suffix_of(fw) && fw.size() > 5) {
        const auto a = street_address(s, i, StreetRules{true, true, false});
        if (a && !institution_before(s, a->begin)) {
          add(out, a->begin, a->end, PiiKind::address);
          return a->end;
        }
      }
    }
    return w.end;
  });
}

// "the pothole in front of 7 Kerkstraat": a house number before one capitalised Dutch street word, without a
// cue ("12 Baker Street" needs one: see find_cue_addresses).
void find_number_first_streets(std::string_view s, Spans& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_digit_at(s, i) || !boundary_before(s, i)) continue;
    const auto num = house_number(s, i);
    std::size_t k = num ? skip_hspace(s, *num) : i;
    // the Turkish "number" after it ("Evleri 17 numara, Schoolstraat"; added after the thirteenth part was measured)
    if (const auto nw = num && k > *num ? read_word(s, k) : std::nullopt;
        nw && !nw->upper && fold_word(s, *nw) == "numara") {
      k = nw->end;
      if (at(s, k).cp == ',') ++k;
      if (skip_hspace(s, k) == k) continue;
      k = skip_hspace(s, k);
    }
    const auto w = num && k > *num ? read_word(s, k) : std::nullopt;
    if (!w || !capitalised(*w)) continue;
    const std::string fw = fold_word(s, *w);
    // (the Frisian "-wei" of a longer word too: "2 Warkumerwei, Warkum"; added after the fortieth part was measured)
    // (not a part before a hyphen: "2 Huawei-laders", "2 Vondelpark-kaartjes"; the review of round 40)
    if (fw.size() <= 6 || !(word_list("street_suffix").any_suffix_of(fw) ||
                            (fw.find('-') == std::string::npos && ends_in_street_word(fw))))
      continue;
    const std::size_t e = postcode_city(s, w->end);
    add(out, i, e, PiiKind::address);
    i = e;
  }
}

// A Dutch street written in the letters of another script, before its house number ("Хофдвег 7а", "كيركسترات ٢٥ب",
// "ሄሰንወግ 21": Hoofdweg, Kerkstraat, Hessenweg): a word that ends in a street ending of [street_suffix_script] with
// at least three letters before it (not the Arabic "إعلان 3", an announcement; added after the thirty-fourth part was
// measured).
void find_transliterated_streets(std::string_view s, Spans& out) {
  static const WordSet& endings = word_list("street_suffix_script");
  for_each_word(s, [&](const Word& w) -> std::size_t {
    if (!w.caseless && !w.cyrillic) return w.end;
    const std::size_t d = skip_hspace(s, w.end);
    if (d == w.end || !is_digit_at(s, d)) return w.end;
    const auto n = house_number(s, d);
    // (a house's number of three digits at most: not "Генплан 2030", a year)
    if (!n || (*n - d > 3 && is_digit_at(s, d + 3))) return w.end;
    const std::string fw = fold_word(s, w);
    // (an Arabic word with the article is an Arabic noun: "الإعلان 3", the announcement)
    if (w.arabic && fw.starts_with("\u0627\u0644")) return w.end;
    const std::size_t before_ending = w.arabic ? 4 : 3;
    const bool street = std::any_of(endings.items().begin(), endings.items().end(), [&](const std::string& e) {
      return fw.size() > e.size() && fw.ends_with(e) &&
             utf8_length(std::string_view(fw).substr(0, fw.size() - e.size())) >= before_ending;
    });
    if (!street) return w.end;
    const std::size_t e = postcode_city(s, *n);
    add(out, w.begin, e, PiiKind::address);
    return e;
  });
}

// "номер 5 на Esdoornstraat", "lambarka 8 ee Meeuwenlaan", "ቁጽሪ 9 ኣብ Lindenlaan": an address found from its number on
// begins at the number word before it ([house_number_word]; added after the thirteenth part was measured). The new
// begin, or begin.
std::size_t number_word_before(std::string_view s, std::size_t begin) {
  if (!is_digit_at(s, begin)) return begin;
  std::size_t k = skip_hspace_back(s, begin);
  if (k == begin) return begin;
  if (k > 0 && (before(s, k).cp == '.' || before(s, k).cp == ':')) --k;
  const auto w = word_ending_at(s, k);
  if (!w || !word_list("house_number_word").contains(fold_word(s, *w))) return begin;
  return w->begin;
}

// "De Poort 22-B, 8255 CJ", "Hoge Woerd 3, 1234 AB": a house number and up to three capitalised words before a
// Dutch postcode at pc ("De", "Het", "Den" and a tussenvoegsel may start or join them): a street, even without a
// street word or with one that names something else ("poort"). The new begin, or pc. (Added after the thirteenth
// part was measured.)
std::size_t street_before_postcode(std::string_view s, std::size_t pc) {
  std::size_t k = skip_hspace_back(s, pc);
  if (k == 0 || before(s, k).cp != ',') return pc;
  k = skip_hspace_back(s, k - 1);
  std::size_t d = k;  // the house number: digits, then letters or "-B"
  while (d > 0 && (is_ascii_alpha(static_cast<unsigned char>(s[d - 1])) || s[d - 1] == '-') && k - d < 4) --d;
  while (d > 0 && is_digit_at(s, d - 1)) --d;
  if (!is_digit_at(s, d) || !boundary_before(s, d) || house_number(s, d) != k) return pc;
  std::size_t begin = pc;
  std::size_t m = skip_hspace_back(s, d);
  if (m == d) return pc;
  for (int n = 0; n < 3; ++n) {
    const auto w = word_ending_at(s, m);
    if (!w) break;
    const std::string fw = fold_word(s, *w);
    const bool article = fw == "de" || fw == "het" || fw == "den";
    if (!(w->upper || (n > 0 && word_list("tussenvoegsel").contains(fw))) || w->caseless || w->cyrillic) break;
    if (!article && (name_stop(fw) && !ends_in_street_word(fw))) break;
    if (w->upper) begin = w->begin;  // ("aan de Jasmijnhof 23B": a small word only between capitalised ones)
    const std::size_t p = skip_hspace_back(s, w->begin);
    if (p == w->begin) break;
    m = p;
  }
  return begin;
}

// Dutch postcodes "1234 AB" / "1234AB" (not SA, SD, SS), with a house number after it ("3512 AB 12").
void find_postcodes(std::string_view s, Spans& out) {
  for (std::size_t i = 0; i + 6 <= s.size(); ++i) {
    if (!is_digit_at(s, i) || !boundary_before(s, i)) continue;
    const auto pc = postcode_at(s, i, PostcodeLetters::upper_or_cyrillic);
    if (!pc) continue;
    const std::size_t letters_end = *pc;
    std::size_t end = letters_end;
    // "3512 AB 12", "8401 DJ, house number 33", "8713 JR, nr 4"; or a town and then the number ("6658 CE
    // Beneden-Leeuwen, house no. 71")
    if (const auto n = house_number_after(s, end, true)) {
      end = *n;
    } else {
      end = std::max(end, postcode_city(s, i));
      if (const auto n2 = end > letters_end ? house_number_after(s, end, false) : std::nullopt) end = *n2;
    }
    if (!institution_before(s, i)) add(out, street_before_postcode(s, i), end, PiiKind::address);
    i = end;
  }
}

// Links to a spot on a map (Google Maps, OpenStreetMap, Apple Maps): the whole URL.
void find_map_links(std::string_view s, const Folded& f, Spans& out) {
  for (const std::string& key : word_list("map_link").items()) {
    for (std::size_t p = f.text.find(key); p != npos; p = f.text.find(key, p + 1)) {
      std::size_t b = f.src[p];
      while (b > 0 && !is_space(before(s, b).cp) && before(s, b).cp != '(' && before(s, b).cp != '<')
        b -= before(s, b).len;
      std::size_t e = f.src[p + key.size()];
      while (e < s.size() && !is_space(at(s, e).cp) && s[e] != ')' && s[e] != '>') e += at(s, e).len;
      while (e > b && (s[e - 1] == '.' || s[e - 1] == ',')) --e;
      add(out, b, e, PiiKind::address);
    }
  }
}

// The [address] cues of a text, each as (begin, end), found the first time a rule asks for them (most texts need none).
class AddressCues {
 public:
  explicit AddressCues(const Folded& f) : f_(f) {}
  const std::vector<std::pair<std::size_t, std::size_t>>& operator()() {
    if (!cues_) {
      cues_.emplace();
      for_each_cue(f_, word_list("address"), [&](std::size_t b, std::size_t e) { cues_->push_back({b, e}); });
    }
    return *cues_;
  }

 private:
  const Folded& f_;
  std::optional<std::vector<std::pair<std::size_t, std::size_t>>> cues_;
};

// Whether at most max_words words stand between from and to, all in one sentence (and with clause, in one clause): a
// cue and what it speaks of ("lives with us now at …", "mieszka sama, nr 6 na Dorpsweg", "… 9 is mijn adres").
bool few_words_between(std::string_view s, std::size_t from, std::size_t to, int max_words, bool clause) {
  int words = 0;
  for (std::size_t k = from; k < to;) {
    const char32_t c = at(s, k).cp;
    if (sentence_break(c) || (clause && clause_break(c))) return false;
    if (const auto w = read_word(s, k); w && w->begin == k) {
      if (++words > max_words) return false;
      k = w->end;
    } else {
      k += std::max<std::size_t>(at(s, k).len, 1);
    }
  }
  return true;
}

}  // namespace

// A capitalised street without a street word right after a preposition that places something at a house
// ([street_preposition]: the Polish "przy", "in front of", "tegenover", "ቅድሚ" …): "okno przy Achterom 11", "a leak in
// front of Ravelijn 30". Not an institution's address.
void find_preposition_streets(std::string_view s, const Folded& f, Spans& out) {
  for_each_cue(f, word_list("street_preposition"), [&](std::size_t, std::size_t e) {
    const std::size_t k = skip_hspace(s, e);
    const auto w = read_word(s, k);
    if (!w || k == e || !(w->upper || word_list("street_prefix").contains(fold_word(s, *w)))) return;
    if (is_institution(fold_word(s, *w)) && !street_named(fold_word(s, *w))) return;
    if (const auto a = street_address(s, k, StreetRules{false, false, false}); a && !institution_before(s, k))
      add(out, a->begin, a->end, PiiKind::address);
  });
}

// A folded word in a list, also with a glued Arabic or Tigrinya preposition or conjunction before it (ب ل ف و, ብ:
// "بالبيت", "بشارع"; added after the fifteenth part was measured).
bool in_list_glued(const WordSet& list, std::string_view fx) {
  if (list.contains(fx)) return true;
  const Cp c = at(fx, 0);
  const bool glued = c.cp == 0x628 || c.cp == 0x644 || c.cp == 0x641 || c.cp == 0x648 || c.cp == 0x1265;
  return glued && fx.size() > c.len && list.contains(fx.substr(c.len));
}

// A house given by its number and then its street: "(we live) at number 6 on the Pastoor van Arsweg", "voor huisnummer
// 8 aan de Vlasakker", "przed domem nr 38 na Rijksweg" — a number word after a house noun ([house_noun]) or after
// "at"/"op"/"aan", or "huisnummer" itself; the number; small words ([house_number_connector]); one to four
// capitalised words, the last a street word. Not "lantaarnpaal nr. 3187 op de Laarstraat" (a lamp post's number; added
// after the ninth part was measured).
void find_numbered_houses(std::string_view s, const Folded& f, Spans& out) {
  static const WordSet& number_words = word_list("house_number_word");
  AddressCues home_cues(f);  // where each [address] cue begins and ends, found when first needed
  for_each_word(s, [&](const Word& w) -> std::size_t {
    // (a number must follow: checked before the word is folded)
    const std::size_t d = skip_hspace(s, w.end + (at(s, w.end).cp == '.' ? 1 : 0));
    if (!is_digit_at(s, d) || w.end - w.begin > 48) return w.end;
    const std::string fw = fold_word(s, w);
    if (!number_words.contains(fw)) return w.end;
    // (also before an opening bracket: "deriskayga (nambar 18 ee …)")
    const std::size_t pb = skip_hspace_back(s, w.begin);
    auto p = word_before(s, pb > 0 && before(s, pb).cp == '(' ? pb - 1 : w.begin);
    // (over a copula: "Gurigeedu waa nambarka 9 ee Kerkhoflaan", her house is number 9 on …; added after the
    // twenty-second part was measured)
    if (p && word_list("cue_copula").contains(fold_word(s, *p))) p = word_before(s, p->begin);
    const std::string fp = p ? fold_word(s, *p) : std::string();
    // a neighbour's or relative's house ("deriskayga (nambar 18 ee Van Ostadestraat)", my neighbour's; added after
    // the twenty-fourth part was measured)
    const bool relative_before = p && word_list("relation").contains(fp);
    std::size_t k = w.end;
    if (at(s, k).cp == '.') ++k;
    k = skip_hspace(s, k);
    const auto n = house_number(s, k);
    if (!n || k == w.end) return w.end;
    // after a house noun or a preposition of place ("huis", "guriga", "at", "під", "ኣንጻር"; not "lantaarnpaal nr.
    // 3187 op de Laarstraat", "Laambada waddada lambarka 112 ee …": a lamp post's number), also one with a glued
    // Arabic or Tigrinya preposition ("بالبيت رقم 8 على …"); or at the start of a sentence that calls it a home
    // further on (an [address] cue after the street: "Lambarka 14 ee Molenwei waa guriga hooyaday", "ቁጽሪ 3 ኣብ Kerkweg
    // ዘሎ ገዛይ እዩ"; not "Nummer 31 van de Vondellaan heeft een kapotte lantaarn"). (The last two added after the
    // fifteenth part was measured.)
    const auto house_noun = [](std::string_view fx) { return in_list_glued(word_list("house_noun"), fx); };
    // Elsewhere a number word with no house noun before it counts when an address cue follows the street at once
    // ("ኣቦ ኪዳነ ቁጽሪ 9 ኣብ Molenweg ዝነብር", who lives at number 9 on the Molenweg; added after the sixteenth part was
    // measured).
    const bool no_noun = !house_noun(fp) && !house_noun(fw) && !relative_before;
    const bool at_start = no_noun && sentence_start(s, w.begin);
    std::size_t j = skip_hspace(s, *n);
    int connectors = 0;
    // (a comma before the street: "Ev numarası 31, Esdoornstraat"; added after the twenty-fourth part was measured)
    if (at(s, j).cp == ',' || at(s, j).cp == 0x60C) j = skip_hspace(s, j + at(s, j).len);
    for (int c = 0; c < 3; ++c) {
      const auto y = read_word(s, j);
      // (also with a glued preposition, "رقم ٧ بشارع Esdoornlaan", or in capitals, "NUMERZE 23 NA MAASSTRAAT"; added
      // after the sixteenth part was measured)
      if (!y || (y->upper && !all_capitals(s, *y)) ||
          !in_list_glued(word_list("house_number_connector"), fold_word(s, *y)))
        break;
      j = skip_hspace(s, y->end);
      ++connectors;
    }
    std::size_t end = 0;
    std::size_t named_end = 0;       // the last capitalised word, for a street without a street word
    bool named_ok = connectors > 0;  // ("nr 14 Sjaak": the name of a person after the number)
    for (int words = 0; words < 4; ++words) {
      const auto y = read_word(s, j);
      if (!y) break;
      const std::string fy = fold_word(s, *y);
      if (!y->upper && !(words > 0 && word_list("tussenvoegsel").contains(fy))) break;
      if (ends_in_street_word(fy)) end = y->end;
      if (y->upper && !y->caseless && !y->cyrillic) {
        named_end = y->end;
        // ("De", "Het": an article may start the name)
        const bool article = word_list("tussenvoegsel").contains(fy) || fy == "het";
        named_ok = named_ok && (article || (!name_stop(fy) && !is_institution(fy) && !word_list("town").contains(fy) &&
                                            !word_list("named_place").contains(fy)));
      }
      const std::size_t nx = skip_hspace(s, y->end);
      if (nx == y->end) break;
      j = nx;
    }
    // After a house noun a street may have no street word ("جيران البيت رقم 11 على De Hoeve", the neighbours of the
    // house number 11 on De Hoeve): its capitalised words, none a town, a place or a word that is never a name (added
    // after the twenty-third part was measured).
    if (end == 0 && !no_noun && named_ok) end = named_end;
    if (end == 0) return w.end;
    if (no_noun) {
      const auto in_sentence = [&](std::pair<std::size_t, std::size_t> cue) {
        const std::size_t c = cue.first;
        if (c < end) return false;
        if (!at_start) return c == skip_hspace(s, end);
        for (std::size_t q = end; q < c; q += std::max<std::size_t>(at(s, q).len, 1))
          if (sentence_break(at(s, q).cp)) return false;
        return true;
      };
      // or a cue that ends at most two words before the number word in the same sentence ("mieszka sama, nr 6 na
      // Dorpsweg", "gurigayga, lambarka 6 ee Schoolweg"; added after the twenty-first part was measured)
      const auto just_before = [&](std::pair<std::size_t, std::size_t> cue) {
        return cue.second <= w.begin && few_words_between(s, cue.second, w.begin, 2, false);
      };
      // or a comma or a place preposition right before the number word, and a house's number of three digits at most
      // ("the house on the corner, number 2 on the Acaciastraat", "next to number 22 on the Schoolstraat", "будинку,
      // номер 9 на Doniastrjitte"; not "lantaarnpaal nr. 3187 op de Laarstraat"; added after the thirty-fourth part
      // was measured)
      const bool set_off = [&] {
        if (*n - k > 3 && is_digit_at(s, k + 3)) return false;
        const std::size_t q = skip_hspace_back(s, w.begin);
        if (q > 0 && (before(s, q).cp == ',' || before(s, q).cp == 0x60C)) return true;
        return p && p->end == q && word_list("house_preposition").contains(fp);
      }();
      if (!set_off && std::none_of(home_cues().begin(), home_cues().end(), in_sentence) &&
          std::none_of(home_cues().begin(), home_cues().end(), just_before))
        return w.end;
    }
    // the town (and postcode) after the street ("ቁጽሪ 8 ናይ Schoolstraat, Posterholt እነብር"; added after the fourteenth
    // part was measured)
    end = postcode_city(s, end);
    add(out, w.begin, end, PiiKind::address);
    return end;
  });
}

// A village and a house number with no street ("adres Zunderdorp 29", "Eesergroen 15'e taşındık"; added after the
// twenty-eighth part was measured): a capitalised word of OpenTaal's Dutch proper nouns ([dic_proper], which lists
// the villages that no hand-made list holds, but brands too) before a house number that closes the clause, when
// something says it is a home (below). Not "Ajax 2, Feyenoord 1", "Windows 10", "Vlaardingen 3 latarnie".
void find_village_numbers(std::string_view s, const Folded& f, Spans& out) {
  static const WordSet& proper = word_list("dic_proper");
  AddressCues address_cues(f);
  // An address cue right before the word, a colon, a comma or a copula between ("Ciwaanka gurigayga waa Easterwierrum 2", the
  // address of my house is …): the village needs no list and the number need not close the clause (added after the
  // thirty-third part was measured).
  const auto cue_right_before = [&](std::size_t b) {
    std::size_t k = skip_hspace_back(s, b);
    if (before(s, k).cp == ':' || before(s, k).cp == ',') k = skip_hspace_back(s, k - 1);
    if (const auto p = word_ending_at(s, k); p && word_list("cue_copula").contains(fold_word(s, *p)))
      k = skip_hspace_back(s, p->begin);
    for (const auto& [cb, ce] : address_cues())
      if (ce == k) return true;
    return false;
  };
  // A person's name and a comma before it ("Aanvrager: Kees Bijl, Stokhem 9", "Клієнт: Лілія Бойко, Ольдендівер 3"):
  // two capitalised words, the first a given name of the gazetteers (added after the thirty-fourth part was measured).
  const auto full_name_before = [&](const Word& w) {
    std::size_t k = skip_hspace_back(s, w.begin);
    if (before(s, k).cp != ',') return false;
    k = skip_hspace_back(s, k - 1);
    const auto sur = word_ending_at(s, k);
    if (!sur || sur->end != k || !sur->upper || sur->caseless) return false;
    const auto given = word_before(s, sur->begin);
    if (!given || given->end != skip_hspace_back(s, sur->begin) || !given->upper) return false;
    const std::string fs = fold_word(s, *sur);
    return in_name_gazetteer(fold_word(s, *given)) && !word_list("town").contains(fs) && !is_institution(fs) &&
           !name_stop(fs);
  };
  for_each_word(s, [&](const Word& w) -> std::size_t {
    if (!w.upper || w.caseless) return w.end;
    const std::size_t d = skip_hspace(s, w.end);
    if (d == w.end || !is_digit_at(s, d)) return w.end;
    const std::string fw = fold_word(s, w);
    if (is_institution(fw) || name_stop(fw) || word_list("month").contains(fw) || word_list("unit").contains(fw) ||
        word_list("street_stop").contains(fw) || word_list("version_word").contains(fw) ||
        word_list("numbered_noun").contains(fw))
      return w.end;
    const bool cued = cue_right_before(w.begin);
    // (a word for house, number, room or floor is no village: "Gurigayga waa Lambar 4", "… waa Qol 3 iyo jiko"; the
    // review of round 33)
    const bool house_word = word_list("house_noun").contains(fw) || word_list("house_number_word").contains(fw);
    // (a Cyrillic word only so: OpenTaal lists no Cyrillic village)
    const bool listed = !w.cyrillic && proper.contains(fw);
    const auto pw = word_before(s, w.begin);
    // (not a place preposition alone: after one, a capitalised common noun or a proper one and its number are as
    // likely, "bij Lokaal 12", "do Terminalu 2", "на Платформі 3", "op Eurosport 2", "to Schiphol 3"; the review of
    // round 34)
    // (of [village_before] only the noun "address": "Stary adres Huisvenen 6", not "fi Xarunta 3")
    const bool placed =
        !house_word && fw.size() >= 4 &&
        (full_name_before(w) || (pw && pw->end == skip_hspace_back(s, w.begin) &&
                                 (fold_word(s, *pw).starts_with("adres") || fold_word(s, *pw).starts_with("address"))));
    if (!listed && !(cued && !house_word) && !placed) return w.end;
    const auto n = house_number(s, d);
    if (!n || all_capitals(s, w)) return w.end;
    // (not a year or a version: "Gouda 2040", "Windows 2000")
    if (*n - d == 4 && (s.compare(d, 2, "19") == 0 || s.compare(d, 2, "20") == 0)) return w.end;
    // the number closes the clause, or a postcode or a town follows ("Vlaardingen 3 latarnie": three lamps; "Ophemert
    // en Varik 2 of 3 passen": a count)
    const std::size_t a = skip_hspace(s, *n);
    const Cp c = at(s, a);
    const auto other_script = [&] {  // text in another script ("ኣብ Hoogcruts 11 እቕመጥ")
      const auto y = read_word(s, a);
      return y && y->begin == a && y->caseless;
    };
    const bool closes = a >= s.size() || sentence_break(c.cp) || clause_break(c.cp) || is_line_break(c.cp) ||
                        is_apostrophe(at(s, *n).cp) || c.cp == ',' || c.cp == 0x60C || c.cp == '(' || c.cp == 0x2014 ||
                        other_script();
    const std::size_t pc = is_line_break(c.cp) ? *n : postcode_city(s, *n);
    if (!closes && !cued && pc == *n) return w.end;
    if (!listed && !cued && !closes) return w.end;
    // and something says it is someone's home (not "op Windows 10", "bij Feyenoord 2", "Windows 10'u kuramıyorum"):
    // a postcode or town after it; a Turkish locative on the number ("15'te oturuyoruz"); the noun "address", a house
    // noun or a preposition placing something at a house right before it ([village_before], [street_preposition]:
    // "adres Zunderdorp 29", "przy Portengen 4"); an address cue right after it ("ኣብ Koufurderrige 4 እቕመጥ") or earlier
    // in its clause ("waxaan joogaa …"); or a person's name and a comma before it ("Fam. Dijkstra, Vinkega 12", "R.
    // Doorson, Vierverlaten 31").
    bool home = cued || pc > *n || turkish_locative(s, *n) || (closes && placed);
    if (auto p = word_before(s, w.begin); !home && p) {
      // (also with a copula between: "gurigeygu waa Doniaga 6", my house is …; added after the thirtieth part)
      if (word_list("cue_copula").contains(fold_word(s, *p)))
        if (const auto h = word_before(s, p->begin); h && word_list("village_before").contains(fold_word(s, *h))) p = h;
      const std::string fp = fold_word(s, *p);
      home = word_list("street_preposition").contains(fp) || word_list("village_before").contains(fp);
    }
    if (std::size_t k = skip_hspace_back(s, w.begin); !home && before(s, k).cp == ',') {
      k = skip_hspace_back(s, k - 1);
      const auto p = word_ending_at(s, k);
      // (a surname after an initial too: "Gegevens: R. Doorson, Vierverlaten 31"; added after the thirtieth part)
      const std::size_t q = p ? skip_hspace_back(s, p->begin) : 0;
      // (any script's capital: "О. Коваль, Вербівка 12", "Ş. Yılmaz, Karaköy 31")
      const Cp letter = q >= 2 && s[q - 1] == '.' ? before(s, q - 1) : Cp{};
      const bool initial = letter.len && is_upper(letter.cp) && !is_letter(before(s, q - 1 - letter.len).cp);
      home = p && p->end == k && p->upper && !p->caseless && (in_name_gazetteer(fold_word(s, *p)) || initial) &&
             !word_list("town").contains(fold_word(s, *p));
    }
    if (!home) {
      for (const auto& [b, e] : address_cues()) {
        if (b == a) {  // right after the number
          home = true;
          break;
        }
        if (e > w.begin || w.begin - e > 160) continue;
        bool same = true;  // in the same clause
        for (std::size_t q = e; q < w.begin && same; q += std::max<std::size_t>(at(s, q).len, 1))
          same = !sentence_break(at(s, q).cp) && !clause_break(at(s, q).cp) && at(s, q).cp != ',';
        if (same) {
          home = true;
          break;
        }
      }
    }
    if (!home) return w.end;
    std::size_t e = pc;
    // (after an address cue in its sentence: a postcode's four digits alone)
    const auto cue_in_sentence = [&] {
      return cued || std::any_of(address_cues().begin(), address_cues().end(), [&](const auto& cue) {
               if (cue.second > w.begin) return false;
               for (std::size_t q = cue.second; q < w.begin; q += std::max<std::size_t>(at(s, q).len, 1))
                 if (sentence_break(at(s, q).cp)) return false;
               return true;
             });
    };
    if (pc == *n && cue_in_sentence()) e = bare_postcode_after_cue(s, *n);
    add(out, w.begin, e, PiiKind::address);
    return e;
  });
}

// Whether a folded word is a common word of the Dutch or English dictionary, also with a plural or genitive ending
// ("lokalen", "rooms") or as the last part after a hyphen.
bool common_or_inflected(std::string_view fw) {
  if (common_word(fw)) return true;
  for (std::string_view e : {"s", "en", "'s"})
    if (fw.size() > e.size() + 2 && fw.ends_with(e) && common_word(fw.substr(0, fw.size() - e.size()))) return true;
  const auto dash = fw.rfind('-');
  return dash != std::string_view::npos && dash + 1 < fw.size() && common_word(fw.substr(dash + 1));
}

// A village or hamlet and a house number after a preposition of place, with no street word ("registered at Ittersum
// 21b", "she lives with us now at De Heurne 41", "Sąsiedzi z Sibrandaburen 7", "ja zhyvu na Aarlanderveen 2"; a
// village and a number is an address, writers-brief.md): one capitalised Latin word of four letters or more that is no
// common word of the Dutch and English dictionaries (common_word), no word of the kiosk's lists (stop word, title,
// institution, month, unit, known town) and no given name or surname, after [hamlet_preposition], "De", "Den", "Ter"
// or "Het" allowed before it; not at an institution ("the library at …"). Only a few words after a home: an address
// cue, a word of [hamlet_home] ("lived", "registered") or a person's relation ("neighbours"); "The lights at
// Zuilenburg 19", "op Eurosport 2", "we live nearby and saw a film at Pathé 3" place nothing at a home. Added after the thirty-seventh part was measured:
// hamlets were 16 of its 42 misses.
void find_hamlet_addresses(std::string_view s, const Folded& f, Spans& out) {
  static const WordSet& prepositions = word_list("hamlet_preposition");
  // the ends of the words that speak of a home or a person, searched for only once a candidate is found (most texts
  // have none)
  std::optional<std::vector<std::size_t>> homes;
  // (three words at most between: "lives with us now at …"; not "we live nearby and saw a film at Pathé 3")
  const auto home_before = [&](std::size_t pos) {
    if (!homes) {
      homes.emplace();
      for (const char* list : {"address", "hamlet_home", "relation"})
        for_each_cue(f, word_list(list), [&](std::size_t, std::size_t e) { homes->push_back(e); });
    }
    return std::any_of(homes->begin(), homes->end(),
                       [&](std::size_t e) { return e <= pos && few_words_between(s, e, pos, 3, true); });
  };
  for_each_word(s, [&](const Word& p) -> std::size_t {
    if (p.upper || !prepositions.contains(fold_word(s, p))) return p.end;
    const std::size_t begin = skip_hspace(s, p.end);
    auto w = begin > p.end ? read_word(s, begin) : std::nullopt;
    if (!w || w->begin != begin) return p.end;
    if (const std::string fa = fold_word(s, *w);
        w->upper && (fa == "de" || fa == "den" || fa == "ter" || fa == "het")) {
      const std::size_t j = skip_hspace(s, w->end);
      w = j > w->end ? read_word(s, j) : std::nullopt;
      if (!w || w->begin != j) return p.end;
    }
    if (!w->upper || w->caseless || w->cyrillic || w->initial) return p.end;
    const std::string fw = fold_word(s, *w);
    if (utf8_length(fw) < 4 || common_or_inflected(fw) || name_stop(fw) || is_institution(fw) ||
        in_name_gazetteer(fw) || word_list("title").contains(fw) || word_list("month").contains(fw) ||
        word_list("unit").contains(fw) || word_list("town").contains(fw) || word_list("street_stop").contains(fw))
      return p.end;
    const std::size_t d = skip_hspace(s, w->end);
    if (d == w->end || !is_digit_at(s, d)) return p.end;
    const auto n = house_number(s, d);
    // (three digits at most: "at Schiphol 2024" is a year)
    if (!n || (*n - d > 3 && is_digit_at(s, d + 3)) || institution_before(s, begin) || !home_before(p.begin))
      return p.end;
    // (no month in the five words after it: "w Hellendoorn 8, 15 i 22 listopada" are days in a town)
    std::size_t j = *n;
    for (int words = 0; words < 5; ++words) {
      while (j < s.size() && !is_letter(at(s, j).cp) && !sentence_break(at(s, j).cp)) j += at(s, j).len;
      const auto m = read_word(s, j);
      if (!m) break;
      if (word_list("month").contains(fold_word(s, *m))) return p.end;
      j = m->end;
    }
    // (a town in brackets after it stays outside: "at Botshol 11 (Abcoude)")
    add(out, begin, at(s, skip_hspace(s, *n)).cp == '(' ? *n : postcode_city(s, *n), PiiKind::address);
    return *n;
  });
}

// A hamlet and a house number anywhere, its name built the Dutch or Frisian way ("de lantaarnpaal voor Kolkwijk 3",
// "de bewoners van Kerensheide 41bis", "Berkelaar 9'a taşındı"; a village and a number is an address,
// writers-brief.md): one capitalised word of five letters or more, in the letters of Dutch and Frisian, that ends in a
// word of the landscape ([toponym_ending]: -wijk, -heide, -veen, -broek, -um, -nga …), is no common word of the Dutch
// and English dictionaries and no word of the kiosk's lists (no known town, name, institution, month or unit), "De",
// "Het", "Ter" or a [town_prefix] allowed before it; and a house number of three digits at most that is no quantity,
// date, time, phone number or plate. Added after the thirty-eighth part was measured: the writers found almost every
// town used already and turned to hamlets, 10 of its 34 misses. After the review (51 false removals in 124 ordinary
// texts) not at the start of a sentence or after a form's label ("Spijkerbroek 152", "Te koop: Joggingbroek 140";
// unless an address cue is the label, a postcode follows or a Turkish case ending is on the number), not before a
// count ("In Moerwijk 3 inbraken", "Blijdorp 3 jeer": a plural of the dictionaries or a [count_noun]) and not in a
// tally ("Huizinga 14 stemmen en Feringa 9", "Freiburg 2 Bayern 1").
void find_toponym_numbers(std::string_view s, const Folded& f, Spans& out) {
  static const WordSet& endings = word_list("toponym_ending");
  const auto toponym = [&](std::string_view fw) {
    const std::size_t n = fw.size();
    for (std::size_t k = 2; k + 3 <= n && k <= 6; ++k)
      if (endings.contains(fw.substr(n - k))) return true;
    return false;
  };
  // Dutch and Frisian letters: a-z and the accented vowels ("Bûtenfjild", "Exloërmond"), not "Çocuğum"
  const auto dutch_letters = [&](const Word& w) {
    for (std::size_t k = w.begin; k < w.end; k += std::max<std::size_t>(at(s, k).len, 1)) {
      const char32_t c = at(s, k).cp;
      if (c < 0x80 || c == 0xE2 || c == 0xEA || c == 0xF4 || c == 0xFB || c == 0xFA || c == 0xEB || c == 0xEF ||
          c == 0xE9 || c == 0xE8 || c == 0xE1 || c == 0xF3 || c == 0xF6 || c == 0xFC || c == 0xC2 || c == 0xDB)
        continue;
      return false;
    }
    return true;
  };
  AddressCues address_cues(f);
  // the words that join the items of a list or a score ("Kinnum 4 en Vinkega 9", "Wolfsburg 3 tegen Freiburg 2")
  const auto joins = [](std::string_view fy, bool score) {
    return fy == "en" || fy == "and" || fy == "i" || fy == "ve" || (score && (fy == "tegen" || fy == "vs"));
  };
  // A capitalised word and a number ("Feringa 9", "Bayern 1") right before b or right after e, a comma, "en" or a
  // dash between: a tally or a score. Not when that word is a hamlet's too and a preposition stands before the first of
  // them: "bij Kinnum 4, Vinkega 9 en Boekend 11" is a list of addresses, "Uitslag: Nieuwenhuis 8, Meulenbroek 7" a
  // tally (the second review of round 38).
  const auto joined_before = [&](std::size_t b) -> std::optional<std::size_t> {  // the item before b, if any
    std::size_t q = skip_hspace_back(s, b);
    if (q > 0 && (before(s, q).cp == ',' || before(s, q).cp == '-')) q = skip_hspace_back(s, q - 1);
    if (const auto y = word_ending_at(s, q); y && y->end == q && !y->upper) {
      if (joins(fold_word(s, *y), false)) q = skip_hspace_back(s, y->begin);
    }
    std::size_t d = q;
    while (d > 0 && is_digit(before(s, d).cp)) --d;
    if (d == q || d == 0 || q - d > 3) return std::nullopt;
    const auto y = word_ending_at(s, skip_hspace_back(s, d));
    if (!y || !y->upper || y->caseless) return std::nullopt;
    return y->begin;
  };
  const auto listed_at_a_place = [&](std::size_t b) {
    for (int items = 0; items < 6; ++items) {
      const auto first = joined_before(b);
      if (!first) break;
      b = *first;
    }
    const auto p = word_before(s, b);
    if (!p || p->end != skip_hspace_back(s, b)) return false;
    const std::string fp = fold_word(s, *p);
    return word_list("house_preposition").contains(fp) || word_list("hamlet_preposition").contains(fp) ||
           word_list("town_preposition").contains(fp) || word_list("street_preposition").contains(fp);
  };
  const auto pair_at = [&](std::size_t k, std::size_t self) {
    const auto y = read_word(s, k);
    if (!y || y->begin != k || !y->upper) return false;
    const std::size_t d = skip_hspace(s, y->end);
    if (d == y->end || !is_digit_at(s, d)) return false;
    const std::string fy = fold_word(s, *y);
    return !toponym(fy) || common_or_inflected(fy) || in_name_gazetteer(fy) || !listed_at_a_place(std::min(k, self));
  };
  const auto tally = [&](std::size_t b, std::size_t e) {
    std::size_t k = skip_hspace(s, e);
    if (at(s, k).cp == ',' || at(s, k).cp == '-' || at(s, k).cp == 0x2013) k = skip_hspace(s, k + at(s, k).len);
    if (const auto y = read_word(s, k); y && y->begin == k && !y->upper) {
      if (joins(fold_word(s, *y), true)) k = skip_hspace(s, y->end);
    }
    if (pair_at(k, b)) return true;
    // before: "Kamphuis 12, Wolthuis 9"
    std::size_t q = skip_hspace_back(s, b);
    if (q > 0 && (before(s, q).cp == ',' || before(s, q).cp == '-')) q = skip_hspace_back(s, q - 1);
    // ("en", and a plural before it: "14 stemmen en Feringa 9", which counts)
    bool counted = false;
    for (int words = 0; words < 2; ++words)
      if (const auto y = word_ending_at(s, q); y && y->end == q && !y->upper && !y->caseless) {
        counted = counted || !joins(fold_word(s, *y), true);
        q = skip_hspace_back(s, y->begin);
      }
    std::size_t d = q;
    while (d > 0 && is_digit(before(s, d).cp)) --d;
    // (a score or a tally of three digits at most: not "30 Kasım 1988, Hoefslag 3")
    if (d == q || d == 0 || q - d > 3) return false;
    const auto y = word_ending_at(s, skip_hspace_back(s, d));
    return y && y->upper && !y->caseless && (counted || pair_at(y->begin, y->begin));
  };
  // the word after the number counts things: a [count_noun] or a unit, or a plural of the dictionaries ("3 inbraken",
  // "2 kaartjes", "4 tickets")
  const auto count_after = [&](std::size_t b, std::size_t e) {
    const auto m = read_word(s, skip_hspace(s, e));
    if (!m || m->begin == e) return false;
    std::string fm = fold_word(s, *m);
    if (word_list("count_noun").contains(fm)) return true;  // "3 o'clock"
    if (const auto q = fm.find('\''); q != std::string::npos) fm.resize(q);
    if (word_list("month").contains(fm) || word_list("unit").contains(fm) || word_list("count_noun").contains(fm))
      return true;
    if (m->upper) return false;
    if (fm.ends_with("jes") || s.compare(m->end - 2, 2, "'s") == 0) return true;  // "2 kaartjes", "2 auto's"
    // A plural of the dictionaries only where the place is an area ("In Moerwijk 3 inbraken"): after a preposition
    // that places something at a house a verb follows as often, and the dictionaries hold its forms too ("de container
    // bij Kolkwijk 12 ophalen", "voor Doldersum 5 repareren"; the second review of round 38).
    if (const auto p = word_before(s, b); p && p->end == skip_hspace_back(s, b)) {
      const std::string fp = fold_word(s, *p);
      if (fp != "in" && (word_list("house_preposition").contains(fp) || word_list("hamlet_preposition").contains(fp) ||
                         word_list("toponym_before").contains(fp)))
        return false;
    }
    return utf8_length(fm) >= 4 && (fm.ends_with("s") || fm.ends_with("en")) && common_or_inflected(fm);
  };
  // an article, a possessive or a common noun of the Dutch and English dictionaries right before it names a thing or
  // a part of one ("een Spijkerbroek 152", "team Oranjeburg 2", "hoofdstuk Zonnedal 5"; the second review of round
  // 38): a word of the dictionaries there must be a preposition or a conjunction ("voor Kolkwijk 3", "bewoners van
  // Kerensheide 41bis", "Kinnum 4 en Vinkega 9")
  const auto thing_before = [&](std::size_t b) {
    const auto p = word_before(s, b);
    if (!p || p->upper || p->caseless || p->cyrillic || p->end != skip_hspace_back(s, b)) return false;
    const std::string fp = fold_word(s, *p);
    if (fp == "een" || fp == "a" || fp == "an" || fp == "mijn" || fp == "my" || fp == "onze" || fp == "our" ||
        fp == "je" || fp == "your")
      return true;
    if (!common_word(fp) || word_list("house_preposition").contains(fp) ||
        word_list("hamlet_preposition").contains(fp) || word_list("town_preposition").contains(fp) ||
        word_list("toponym_before").contains(fp) || word_list("hamlet_home").contains(fp) ||
        word_list("village_before").contains(fp) || word_list("cue_copula").contains(fp))
      return false;
    // (or the end of an address cue: "ik woon Kolkwijk 3")
    return std::none_of(address_cues().begin(), address_cues().end(),
                        [&](const auto& c) { return c.second == p->end; });
  };
  // an address cue within the three words after the number, in its clause ("De Witteveen 9 is mijn adres")
  const auto cue_after = [&](std::size_t e) {
    return std::any_of(address_cues().begin(), address_cues().end(),
                       [&](const auto& c) { return c.first >= e && few_words_between(s, e, c.first, 3, true); });
  };
  const auto cue_label = [&](std::size_t b) {
    const std::size_t colon = skip_hspace_back(s, b);
    if (colon == 0 || before(s, colon).cp != ':') return false;
    // (the noun "address" in the label: "adres w NL: Haasdal 18", "my new address for the tax letters: Putbroek 7")
    std::size_t q = skip_hspace_back(s, colon - 1);
    for (int words = 0; words < 6; ++words) {
      const auto y = word_ending_at(s, q);
      if (!y || y->end != q) break;
      const std::string fy = fold_word(s, *y);
      if (fy.starts_with("adres") || fy.starts_with("address")) return true;
      q = skip_hspace_back(s, y->begin);
    }
    return std::any_of(address_cues().begin(), address_cues().end(), [&](const auto& c) {
      return c.second < colon && colon - c.second <= 12;  // "adres w NL: Haasdal 18"
    });
  };
  for_each_word(s, [&](const Word& w) -> std::size_t {
    if (!w.upper || w.caseless || w.cyrillic || w.initial || all_capitals(s, w)) return w.end;
    const std::size_t d = skip_hspace(s, w.end);
    if (d == w.end || !is_digit_at(s, d)) return w.end;
    const std::string fw = fold_word(s, w);
    if (utf8_length(fw) < 5 || !toponym(fw) || !dutch_letters(w) || common_or_inflected(fw) || name_stop(fw) ||
        is_institution(fw) || in_name_gazetteer(fw) || word_list("title").contains(fw) ||
        word_list("month").contains(fw) || word_list("unit").contains(fw) || word_list("town").contains(fw) ||
        word_list("street_stop").contains(fw) || word_list("version_word").contains(fw) ||
        word_list("numbered_noun").contains(fw) || word_list("house_noun").contains(fw) ||
        word_list("house_number_word").contains(fw))
      return w.end;
    const auto n = house_number(s, d);
    // (three digits at most; not the first group of a phone number, "Telefonum 06 38 11 47 92", nor a plate, "Toyota
    // 8-XLK-73", nor a temperature)
    if (!n || (*n - d > 3 && is_digit_at(s, d + 3)) || s[d] == '0') return w.end;
    if (const std::size_t a = skip_hspace(s, *n); is_digit_at(s, a) || at(s, *n).cp == '-' || at(s, *n).cp == 0xB0)
      return w.end;
    if (count_after(w.begin, *n) || tally(w.begin, *n)) return w.end;
    std::size_t begin = w.begin;
    if (const auto p = word_before(s, w.begin); p && p->upper && p->end == skip_hspace_back(s, w.begin)) {
      const std::string fp = fold_word(s, *p);
      if (fp == "de" || fp == "den" || fp == "het" || fp == "ter" || word_list("town_prefix").contains(fp))
        begin = p->begin;
    }
    // (a town in brackets after it stays outside, and so does the next line: "Vinkega 12\nBurenruzie …")
    const Cp next = at(s, skip_hspace(s, *n));
    const std::size_t e = next.cp == '(' || is_line_break(next.cp) ? *n : postcode_city(s, *n);
    if (sentence_start(s, begin) && !cue_label(begin) && e == *n && !turkish_locative(s, *n) &&
        !(is_apostrophe(at(s, *n).cp) && is_letter(at(s, *n + at(s, *n).len).cp)) && !cue_after(*n))
      return w.end;
    if (thing_before(begin)) return w.end;
    if (institution_before(s, begin)) return w.end;
    add(out, begin, e, PiiKind::address);
    return e;
  });
}

void find_addresses(const Input& in, Spans& out) {
  // On the digit view: "Bernadottelaan ١٥ب".
  const Folded fv = in.d.identity ? Folded{} : fold_text(in.d.text);
  Spans v;
  find_cue_addresses(in.d.text, in.d.identity ? in.f : fv, v);
  find_preposition_streets(in.d.text, in.d.identity ? in.f : fv, v);
  find_street_numbers(in.d.text, v);
  find_number_first_streets(in.d.text, v);
  find_transliterated_streets(in.d.text, v);
  find_hamlet_addresses(in.d.text, in.d.identity ? in.f : fv, v);
  find_toponym_numbers(in.d.text, in.d.identity ? in.f : fv, v);
  find_numbered_houses(in.d.text, in.d.identity ? in.f : fv, v);
  find_postcodes(in.d.text, v);
  find_village_numbers(in.d.text, in.d.identity ? in.f : fv, v);
  for (const PiiSpan& sp : v) in.add_view(out, number_word_before(in.d.text, sp.begin), sp.end, sp.kind);
  find_map_links(in.s, in.f, out);
}

}  // namespace kiosk::privacy
