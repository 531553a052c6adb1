// Phone numbers: Dutch formats and +/00 international numbers, spaced digits, letter O for zero, Arabic-Indic
// digits, wa.me links, digits said in words ("nul zes 2 8 …"), a Dutch mobile number with its country code and
// no "+" (316…); not 14 0xx, 0800/0900 or 088 numbers.
#include <algorithm>
#include <string>
#include <mutex>
#include <unordered_map>

#include "lists.hpp"
#include "scanners.hpp"

namespace kiosk::privacy {
namespace {

struct DigitGroup {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string digits;
  bool trunk_zero = false;  // the "(0)" in "+31 (0)20 …"
};

bool phone_sep(char c) { return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')'; }

bool national_number_ok(std::string_view nat) {
  if (nat.size() != 10 || nat[0] != '0' || nat[1] == '0') return false;
  // service numbers (0800, 0900, 090x) and company numbers (088)
  if (nat.substr(0, 3) == "080" || nat.substr(0, 3) == "090" || nat.substr(0, 3) == "088") return false;
  return true;
}

// Whether the digit groups g[0..n) form a phone number.
bool phone_prefix_ok(const std::vector<DigitGroup>& g, std::size_t n, bool plus) {
  std::string d;
  bool trunk = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (g[i].trunk_zero) {
      trunk = true;
      continue;
    }
    d += g[i].digits;
  }
  if (plus) {
    if (d.size() >= 2 && d.compare(0, 2, "31") == 0) {
      std::string nat = "0" + d.substr(2);
      if (nat.size() > 1 && nat[1] == '0') nat.erase(0, 1);  // "+31 020 …"
      return national_number_ok(nat);
    }
    return !trunk && d.size() >= 9 && d.size() <= 15 && d[0] != '0';
  }
  if (d.size() >= 4 && d.compare(0, 4, "0031") == 0) {
    std::string nat = "0" + d.substr(4);
    if (nat.size() > 1 && nat[1] == '0') nat.erase(0, 1);
    return national_number_ok(nat);
  }
  // "31612345678": a Dutch mobile number with the country code and no "+" or "00", typed as one run
  if (n == 1 && d.size() == 11 && d.compare(0, 3, "316") == 0) return true;
  if (d.size() >= 3 && d[0] == '0' && d[1] == '0') {
    return !trunk && d[2] != '0' && d.size() >= 11 && d.size() <= 15;
  }
  if (trunk || d.empty() || d[0] != '0') return false;
  // a British mobile number: 07 and nine digits, written "07xxx xxx xxx", "07xxx xxxxxx" or as one run (added after
  // the fourteenth part was measured; no Dutch number has eleven digits)
  if (d.size() == 11 && d.compare(0, 2, "07") == 0 && (g[0].digits.size() == 5 || g[0].digits.size() == 11))
    return true;
  // a Turkish mobile number: 05 and nine digits, written "05xx xxx xx xx", "0 5xx xxx xx xx" or as one run (added after
  // the fifteenth part was measured; no Dutch number has eleven digits)
  if (d.size() == 11 && d.compare(0, 2, "05") == 0 &&
      (g[0].digits.size() == 4 || g[0].digits.size() == 11 || (g[0].digits == "0" && n > 1 && g[1].digits.size() == 3)))
    return true;
  // National format: the first group is the area code (2 digits only for 06) or everything.
  const std::size_t g0 = g[0].digits.size();
  if (!(g0 == 10 || g0 == 3 || g0 == 4 || (g0 == 2 && g[0].digits == "06"))) return false;
  // "06-05-2024 10 …" is a date.
  if (n >= 3 && g[0].digits.size() == 2 && g[1].digits.size() == 2 && g[2].digits.size() == 4) return false;
  return national_number_ok(d);
}

// True when i follows "NL91 ABNA " or similar: the rest of an IBAN (with a typo) is no phone
// number.
bool after_iban_head(std::string_view s, std::size_t i) {
  std::size_t k = i;
  for (int groups = 0; groups < 8; ++groups) {
    if (k == 0 || s[k - 1] != ' ') return false;
    --k;
    std::size_t b = k;
    while (b > 0 && is_ascii_alnum(static_cast<unsigned char>(s[b - 1])) && k - b < 5) --b;
    const auto u = [&](std::size_t m) { return static_cast<unsigned char>(s[m]); };
    // "NL 91 ABNA …": the check digits as their own group after the country
    if (k - b == 2 && is_digit(u(b)) && is_digit(u(b + 1)) && b >= 3 && s[b - 1] == ' ' && is_ascii_alpha(u(b - 2)) &&
        is_ascii_alpha(u(b - 3)) && boundary_before(s, b - 3))
      return true;
    if (k - b != 4 || !boundary_before(s, b)) return false;
    if (is_ascii_alpha(u(b)) && is_ascii_alpha(u(b + 1)) && is_digit(u(b + 2)) && is_digit(u(b + 3))) return true;
    k = b;
  }
  return false;
}

void find_phones_in(std::string_view s, Spans& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!(c == '+' || c == '(' || is_digit(static_cast<unsigned char>(c)))) continue;
    const Cp prev = before(s, i);
    // a one-letter proclitic glued before the number, Tigrinya "ብ" (by, at) or Arabic "ب", "و", "ل": "ብ0683397214"
    // (added after the eighteenth part was measured)
    const bool proclitic = (prev.cp == 0x1265 || prev.cp == 0x628 || prev.cp == 0x648 || prev.cp == 0x644) &&
                           !is_alnum(before(s, i - prev.len).cp);
    if ((is_alnum(prev.cp) && !proclitic) || prev.cp == '+' || prev.cp == 0x20AC || prev.cp == '/') continue;
    if ((prev.cp == '-' || prev.cp == '.' || prev.cp == ',' || prev.cp == ':') && is_digit(before(s, i - prev.len).cp))
      continue;
    if (after_iban_head(s, i)) continue;
    std::size_t j = i;
    const bool plus = c == '+';
    if (plus) ++j;
    std::vector<DigitGroup> groups;
    std::size_t total = 0;
    for (;;) {
      // separators (at most three characters; none before the first group except "(")
      std::size_t k = j;
      while (k < s.size() && k - j < 3 && phone_sep(s[k]) && (!groups.empty() || s[k] == '(')) ++k;
      if (k >= s.size() || !is_digit(static_cast<unsigned char>(s[k]))) break;
      DigitGroup g;
      g.begin = k;
      while (k < s.size() && is_digit(static_cast<unsigned char>(s[k]))) ++k;
      g.end = k;
      g.digits = std::string(s.substr(g.begin, k - g.begin));
      g.trunk_zero =
          g.digits == "0" && g.begin > 0 && s[g.begin - 1] == '(' && k < s.size() && s[k] == ')' && !groups.empty();
      total += g.digits.size();
      if (total > 16) break;
      groups.push_back(std::move(g));
      j = k;
      if (groups.size() >= 12) break;  // "+380 66 9 0 2 4 7 1 3": the total caps it
    }
    // the longest prefix of groups that forms a phone number and ends on a boundary
    for (std::size_t n = groups.size(); n > 0; --n) {
      const std::size_t e = groups[n - 1].end;
      const Cp nx = at(s, e);
      if (nx.len && is_alnum(nx.cp)) continue;
      if ((nx.cp == ':' || nx.cp == ',' || nx.cp == '.') && is_digit(at(s, e + 1).cp)) continue;
      if (!phone_prefix_ok(groups, n, plus)) continue;
      add(out, i, e, PiiKind::phone);
      i = e - 1;
      break;
    }
  }
}

bool letter_at(std::string_view s, std::size_t i) { return i < s.size() && is_letter(at(s, i).cp); }

// Digits typed one by one ("0 6 1 2 3 4 5 6 7 8"), also mixed with pairs ("06 3 1 9 2 8 4 7 5"): groups of one
// or two digits split by one space, dot or dash.
void spaced_digits(std::string_view s, Spans& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_digit_at(s, i) || (i > 0 && is_alnum(before(s, i).cp))) continue;
    std::size_t start = i;
    if (i > 0 && s[i - 1] == '+') start = i - 1;
    std::string digits;
    std::size_t k = i;
    std::size_t end = i;
    for (;;) {
      const std::size_t g = is_digit_at(s, k + 1) ? 2 : 1;
      if (!is_digit_at(s, k) || is_digit_at(s, k + g)) break;
      digits += s.substr(k, g);
      end = k + g;
      // one to three separators: "0 6 1 2", "0-6-1-2", "0 6 - 1 2"
      std::size_t m = k + g;
      while (m < s.size() && m - end < 3 && (s[m] == ' ' || s[m] == '-' || s[m] == '.')) ++m;
      if (m > end && m - end <= 3 && is_digit_at(s, m)) {
        k = m;
      } else {
        break;
      }
    }
    if (digits.size() < 10 || letter_at(s, end)) {
      i = std::max(i, end);
      continue;
    }
    std::string nat = digits;
    if (nat.rfind("0031", 0) == 0) nat = "0" + nat.substr(4);
    else if (nat.rfind("31", 0) == 0 && start < i) nat = "0" + nat.substr(2);
    if (national_number_ok(nat.substr(0, 10)) || (start < i && digits.size() >= 10))
      add(out, start, end, PiiKind::phone);
    i = end;
  }
}

// wa.me/31612345678, api.whatsapp.com/send?phone=31612345678: the link is the number.
void whatsapp_links(std::string_view s, Spans& out) {
  const Folded f = fold_text(s);
  for (std::string_view key : {std::string_view("wa.me/"), std::string_view("whatsapp.com/send?phone=")}) {
    for (std::size_t p = f.text.find(key); p != npos; p = f.text.find(key, p + 1)) {
      std::size_t b = f.src[p];
      std::size_t e = f.src[p + key.size()];
      if (e < s.size() && s[e] == '+') ++e;
      const std::size_t d0 = e;
      while (is_digit_at(s, e)) ++e;
      if (e - d0 < 8) continue;
      while (b > 0 && (is_ascii_alnum(static_cast<unsigned char>(s[b - 1])) || s[b - 1] == '.' || s[b - 1] == '/' ||
                       s[b - 1] == ':'))
        --b;
      add(out, b, e, PiiKind::phone);
    }
  }
}

// The value of a word of a list whose entries are a word and its value ("zes 6", "jedenaście 11"), or -1.
int valued_word(std::string_view list, std::string_view folded) {
  // (filled on first use; the scrubber may run on several threads: the engine's and the adapters')
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  static std::unordered_map<std::string, std::unordered_map<std::string, int>> lists;
  auto [l, fresh] = lists.try_emplace(std::string(list));
  if (fresh) {
    for (const std::string& item : word_list(list).items()) {
      const std::size_t sp = item.rfind(' ');
      if (sp == std::string::npos || sp + 2 > item.size() || sp + 3 < item.size()) continue;
      int v = 0;
      bool ok = true;
      for (std::size_t k = sp + 1; k < item.size(); ++k) {
        ok &= is_digit(static_cast<unsigned char>(item[k]));
        v = v * 10 + (item[k] - '0');
      }
      if (ok) l->second.emplace(item.substr(0, sp), v);
    }
  }
  const auto it = l->second.find(std::string(folded));
  return it == l->second.end() ? -1 : it->second;
}

// The value of a digit or a number of two digits said in words ("zes", "oh", "п'ять", "jedenaście"; the [digit_word]
// lists: "zes 6", "jedenaście 11"), or -1.
int digit_word(std::string_view folded) { return valued_word("digit_word", folded); }

// The tens digit of a word for a multiple of ten ("otuz 3", "czterdzieści 4"; [tens_word]: a unit word may follow,
// "otuz bir" 31), or -1 (added after the eleventh part was measured).
int tens_word(std::string_view folded) { return valued_word("tens_word", folded); }

// A unit and its tens written as one word, the unit first and "en" between ("vierendertig", 34; "drieëntwintig", folded
// "drieentwintig"; the Dutch way of writing 21 to 99, [digit_word] and [tens_word]; added after the thirty-second part
// was measured): the value, or -1.
int glued_unit_tens(std::string_view folded) {
  for (std::size_t p = folded.find("en", 1); p != std::string_view::npos; p = folded.find("en", p + 1)) {
    const int u = digit_word(folded.substr(0, p));
    const int t = u >= 1 && u <= 9 ? tens_word(folded.substr(p + 2)) : -1;
    if (t > 0) return 10 * t + u;
  }
  return -1;
}

// Whether a word for BSN ([bsn] cues: "BSN", "burgerservicenummer") ends before b in the same sentence, about 60 bytes
// back at most (from the start of a code point).
bool bsn_cue_before(std::string_view s, std::size_t b) {
  std::size_t from = b > 60 ? b - 60 : 0;
  while (from > 0 && (static_cast<unsigned char>(s[from]) & 0xC0) == 0x80) --from;
  const Folded f = fold_text(s.substr(from, b - from));
  bool found = false;
  for_each_cue(f, word_list("bsn"), [&](std::size_t, std::size_t e) {
    bool same = true;
    for (std::size_t q = from + e; q < b && same; q += std::max<std::size_t>(at(s, q).len, 1))
      same = !sentence_break(at(s, q).cp);
    found = found || same;
  });
  return found;
}

// A phone number said in words, alone or mixed with digits ("nul zes 2 8 9 4 1 7 6 3", "oh six, four one, two
// two, …"): ten digits or more, at least two of them words, split by spaces, commas, dots or dashes; and a BSN said so.
void digits_in_words(std::string_view s, Spans& out) {
  for (std::size_t i = 0; i < s.size();) {
    bool prev_word = false;  // whether the token before is a word
    // words beyond one in a token: "двадцять один" (21) is two words ("06 двадцять один 33 57 08" is said in words as
    // much as "nul zes 2 …"; added after the thirteenth part was measured)
    int pair_words = 0;
    // the tens said alone ("…, twintig, dertig, veertig"): three of them are counting, no phone number (the review of
    // round 32)
    int lone_tens = 0;
    const auto token = [&](std::size_t k, std::string& digits) -> std::optional<std::size_t> {
      if (!boundary_before(s, k)) return std::nullopt;
      if (is_digit_at(s, k)) {
        std::size_t e = k;
        while (is_digit_at(s, e)) ++e;
        if (e - k > 4 || !boundary_after(s, e)) return std::nullopt;
        digits += s.substr(k, e - k);
        return e;
      }
      const auto w = read_word(s, k);
      if (!w) return std::nullopt;
      const std::string fw = fold_word(s, *w);
      // "otuz bir", "czterdzieści jeden": the tens and a unit after them; the tens alone ("otuz", 30) only among
      // other words ("… 12345678 on Monday" keeps its "on"). Joined by "and" too (added after the twelfth part was
      // measured): "konton iyo kow" (51, [name_and] between), "ሰብዓን ሓሙሽተን" (75, the Tigrinya "-ን" on both), the
      // Arabic unit first with a glued "و" on the tens ("اثنين واربعين", 42)
      if (const int t = tens_word(without_and(fw)); t > 0) {
        std::size_t k2 = skip_hspace(s, w->end);
        auto u = k2 > w->end ? read_word(s, k2) : std::nullopt;
        if (u && word_list("name_and").contains(fold_word(s, *u)) && !u->caseless) {
          const std::size_t k3 = skip_hspace(s, u->end);
          u = k3 > u->end ? read_word(s, k3) : std::nullopt;
        }
        if (u) {
          if (const int v = digit_word(without_and(fold_word(s, *u))); v >= 1 && v <= 9) {
            digits += static_cast<char>('0' + t);
            digits += static_cast<char>('0' + v);
            ++pair_words;
            return u->end;
          }
        }
        if (digits.empty() || !prev_word) return std::nullopt;
        digits += static_cast<char>('0' + t);
        digits += '0';
        ++lone_tens;
        return w->end;
      }
      // "double four", "double-oh" ([digit_repeat]: "double 2"): the digit after it that many times (added after the
      // twelfth part was measured)
      {
        const std::size_t h = fw.find('-');
        const std::string head = h == std::string::npos ? fw : fw.substr(0, h);
        if (const int r = valued_word("digit_repeat", head); r > 1) {
          std::optional<std::size_t> end;
          int d = -1;
          if (h != std::string::npos) {
            d = digit_word(fw.substr(h + 1));
            end = w->end;
          } else if (const std::size_t k2 = skip_hspace(s, w->end); k2 > w->end) {
            if (const auto u = read_word(s, k2)) {
              d = digit_word(fold_word(s, *u));
              end = u->end;
            }
          }
          if (d < 0 || d > 9) return std::nullopt;
          digits += std::string(static_cast<std::size_t>(r), static_cast<char>('0' + d));
          return end;
        }
      }
      if (const int g = glued_unit_tens(fw); g > 0) {
        digits += std::to_string(g);
        ++pair_words;
        return w->end;
      }
      const int v = digit_word(without_and(fw));
      if (v < 0) return std::nullopt;
      if (v >= 1 && v <= 9 && w->arabic) {  // "اثنين واربعين": the unit, then the tens with "و"
        const std::size_t k2 = skip_hspace(s, w->end);
        if (const auto u = k2 > w->end ? read_word(s, k2) : std::nullopt; u && u->arabic) {
          const std::string fu = fold_word(s, *u);
          if (fu.rfind("\u0648", 0) == 0)
            if (const int t = tens_word(fu.substr(2)); t > 0) {
              digits += static_cast<char>('0' + t);
              digits += static_cast<char>('0' + v);
              ++pair_words;
              return u->end;
            }
        }
      }
      // the unit first, "and", then the tens ("afar iyo konton", 54, as Somali also says it; added after the fourteenth
      // part was measured)
      if (v >= 1 && v <= 9 && !w->caseless) {
        const std::size_t k2 = skip_hspace(s, w->end);
        if (const auto a = k2 > w->end ? read_word(s, k2) : std::nullopt;
            a && !a->caseless && word_list("name_and").contains(fold_word(s, *a))) {
          const std::size_t k3 = skip_hspace(s, a->end);
          if (const auto u = k3 > a->end ? read_word(s, k3) : std::nullopt) {
            if (const int t = tens_word(fold_word(s, *u)); t > 0) {
              digits += static_cast<char>('0' + t);
              digits += static_cast<char>('0' + v);
              ++pair_words;
              return u->end;
            }
          }
        }
      }
      digits += std::to_string(v);
      return w->end;
    };
    std::string digits;
    auto e = token(i, digits);
    if (!e) {
      i += std::max<std::size_t>(at(s, i).len, 1);
      continue;
    }
    const std::size_t b = i;
    std::size_t end = *e;
    int words = is_digit_at(s, b) ? 0 : 1;
    for (;;) {
      std::size_t m = end;
      // also the Arabic comma and the Ethiopic wordspace and comma ("،", "፡", "፣")
      while (m < s.size() && m - end < 5) {
        const char32_t c = at(s, m).cp;
        if (c != ' ' && c != ',' && c != '-' && c != '.' && c != 0x60C && c != 0x1361 && c != 0x1363) break;
        m += at(s, m).len;
      }
      if (m == end) break;
      const bool word = !is_digit_at(s, m);
      prev_word = !is_digit_at(s, end - 1);
      const auto next = token(m, digits);
      if (!next) break;
      words += word ? 1 : 0;
      end = *next;
    }
    std::string nat = digits;
    if (nat.rfind("0031", 0) == 0) nat = "0" + nat.substr(4);
    // a foreign number after "00" and its country code, eleven to fifteen digits (added after the twelfth part)
    const bool foreign = nat.rfind("00", 0) == 0 && nat.size() >= 11 && nat.size() <= 15;
    if (words + pair_words >= 2 && lone_tens < 3 &&
        ((digits.size() >= 10 && digits.size() <= 13 && national_number_ok(nat.substr(0, 10))) || foreign))
      add(out, b, end, PiiKind::phone);
    // nine digits said one word each that pass the 11-proef, after a word for BSN ("My BSN is six seven two, nine eight
    // one, five five five"; added after the thirty-second part was measured; the review of round 32: not a case or
    // ticket number said in words, not lottery numbers or grades in pairs, not a 0900 number)
    else if (digits.size() == 9 && pair_words == 0 && words == 9 && digits[0] != '0' && bsn_valid(digits) &&
             bsn_cue_before(s, b))
      add(out, b, end, PiiKind::bsn);
    i = end;
  }
}

void find_obfuscated_phones(std::string_view s, Spans& out) {
  spaced_digits(s, out);
  digits_in_words(s, out);
  whatsapp_links(s, out);
}

}  // namespace

int spoken_digit(std::string_view folded) { return digit_word(folded); }

std::string without_and(const std::string& folded) {
  static const std::string n = "\u1295";
  if (folded.size() > n.size() + 3 && folded.compare(folded.size() - n.size(), n.size(), n) == 0)
    return folded.substr(0, folded.size() - n.size());
  return folded;
}

void find_phones(const Input& in, Spans& out) {
  Spans v;
  find_phones_in(in.d.text, v);
  find_obfuscated_phones(in.d.text, v);
  for (const PiiSpan& sp : v) in.add_view(out, sp.begin, sp.end, sp.kind);
}

}  // namespace kiosk::privacy
