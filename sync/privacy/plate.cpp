// Licence plates: the Dutch sidecodes (with or without dashes: "12-ABC-3", "AB-123-C", "1-ABC-23", "XX-99-99",
// "12ABC3") and common foreign forms: Turkish "34 ABC 123", Polish "WX 12345", Ukrainian "AA 1234 BB" ("AA1234BB"),
// German "B-AB 1234", British "YK68 FMV", French "GH-218-KL", Moroccan "71902-ب-1". Six digits in pairs ("12-03-85") are a date, not a plate.
#include <array>
#include <string>

#include "lists.hpp"
#include "scanners.hpp"

namespace kiosk::privacy {
namespace {

bool up(char c) { return c >= 'A' && c <= 'Z'; }
bool lo(char c) { return c >= 'a' && c <= 'z'; }
bool dg(char c) { return c >= '0' && c <= '9'; }

// Group shapes of the Dutch sidecodes: sizes of the three groups.
// Belgian plates (1-ABC-234) have the shape 1-3-3.
constexpr std::array<std::array<int, 3>, 6> kShapes{{{2, 2, 2}, {2, 3, 1}, {1, 3, 2}, {3, 2, 1}, {1, 2, 3}, {1, 3, 3}}};

// Groups of letters and digits in tok (letters all upper or all lower), alternating in kind.
bool dutch_plate(std::string_view tok, bool dashed) {
  std::vector<std::string_view> groups;
  if (dashed) {
    std::size_t b = 0;
    for (std::size_t i = 0; i <= tok.size(); ++i) {
      if (i == tok.size() || tok[i] == '-' || tok[i] == ' ') {
        groups.push_back(tok.substr(b, i - b));
        b = i + 1;
      }
    }
  } else {
    std::size_t b = 0;
    for (std::size_t i = 1; i <= tok.size(); ++i) {
      if (i == tok.size() || dg(tok[i]) != dg(tok[i - 1])) {
        groups.push_back(tok.substr(b, i - b));
        b = i;
      }
    }
  }
  if (groups.size() != 3) return false;
  int letters = 0;
  bool any_upper = false, any_lower = false;
  for (std::size_t g = 0; g < 3; ++g) {
    const auto grp = groups[g];
    if (grp.empty()) return false;
    const bool digits = dg(grp[0]);
    for (char c : grp) {
      if (digits ? !dg(c) : !(up(c) || lo(c))) return false;
      any_upper = any_upper || up(c);
      any_lower = any_lower || lo(c);
    }
    if (!digits) ++letters;
  }
  if (letters == 0 || letters == 3) return false;
  if (any_upper && any_lower) return false;
  if (dashed && dg(groups[0][0]) == dg(groups[1][0]) && dg(groups[1][0]) == dg(groups[2][0])) return false;
  for (const auto& sh : kShapes)
    if (static_cast<int>(groups[0].size()) == sh[0] && static_cast<int>(groups[1].size()) == sh[1] &&
        static_cast<int>(groups[2].size()) == sh[2]) {
      // 2-2-2 needs alternating kinds or two letter groups side by side (XX-XX-99)
      return true;
    }
  return false;
}

std::size_t run_end(std::string_view s, std::size_t i, bool (*pred)(char)) {
  while (i < s.size() && pred(s[i])) ++i;
  return i;
}

// Foreign plates (upper-case letters, separated by one space or dash).
std::optional<std::size_t> foreign_plate(std::string_view s, std::size_t i) {
  const std::size_t a = run_end(s, i, up);
  const std::size_t d = run_end(s, i, dg);
  const auto sp = [&](std::size_t k) { return k < s.size() && (s[k] == ' ' || s[k] == '-'); };
  if (d - i == 2 && sp(d)) {  // Turkish: 34 ABC 123
    const std::size_t l = run_end(s, d + 1, up);
    if (l - (d + 1) >= 1 && l - (d + 1) <= 3 && sp(l)) {
      const std::size_t n = run_end(s, l + 1, dg);
      if (n - (l + 1) >= 2 && n - (l + 1) <= 4 && boundary_after(s, n)) return n;
    }
  }
  if (a - i == 2 && sp(a)) {  // Ukrainian: AA 1234 BB
    const std::size_t n = run_end(s, a + 1, dg);
    if (n - (a + 1) == 4 && sp(n)) {
      const std::size_t l = run_end(s, n + 1, up);
      if (l - (n + 1) == 2 && boundary_after(s, l)) return l;
    }
  }
  if (a - i >= 2 && a - i <= 3 && a < s.size() && s[a] == ' ' &&
      !word_list("plate_stop").contains(fold_str(s.substr(i, a - i)))) {
    // Polish: WX 12345, WA 1234K, DW 7K512 (not "OOK 2024": four digits that read as a year)
    std::size_t e = a + 1;
    int digits = 0;
    while (e < s.size() && (dg(s[e]) || up(s[e])) && e - a <= 5) digits += dg(s[e++]) ? 1 : 0;
    const std::string_view tail = s.substr(a + 1, e - (a + 1));
    const bool year = tail.size() == 4 && digits == 4 && (tail.rfind("19", 0) == 0 || tail.rfind("20", 0) == 0);
    const bool continues =
        e + 1 < s.size() && (s[e] == '.' || s[e] == ',' || s[e] == '-' || s[e] == '/') && dg(s[e + 1]);
    // (a district of three letters also with two digits and two letters, "WPR 27HK"; added after the twenty-seventh
    // part was measured)
    // (not a size: "een USB 32GB stick", "RAM 16GB")
    const bool unit =
        tail.size() == 4 && tail[3] == 'B' && (tail[2] == 'G' || tail[2] == 'M' || tail[2] == 'T' || tail[2] == 'K');
    const bool three_two = a - i == 3 && tail.size() == 4 && digits == 2 && dg(tail[1]) && !unit;
    if (tail.size() >= 4 && tail.size() <= 5 && (digits >= 3 || three_two) && dg(s[a + 1]) && !year && !continues &&
        boundary_after(s, e))
      return e;
  }
  if (a - i == 2 && d == i) {
    // British: YK68 FMV, BD51SMR (two letters, two digits, three letters)
    const std::size_t n = run_end(s, a, dg);
    if (n - a == 2) {
      const std::size_t k = n < s.size() && s[n] == ' ' ? n + 1 : n;
      const std::size_t l = run_end(s, k, up);
      if (l - k == 3 && boundary_after(s, l)) return l;
    }
    // French: GH-218-KL (two letters, three digits, two letters)
    if (sp(a)) {
      const std::size_t m = run_end(s, a + 1, dg);
      if (m - (a + 1) == 3 && sp(m)) {
        const std::size_t l = run_end(s, m + 1, up);
        if (l - (m + 1) == 2 && boundary_after(s, l)) return l;
      }
    }
  }
  // Moroccan: 71902-ب-1 (digits, an Arabic letter, the prefecture's number)
  if (d - i >= 1 && d - i <= 5 && d < s.size() && s[d] == '-') {
    const Cp c = at(s, d + 1);
    if (c.len && is_arabic_letter(c.cp) && at(s, d + 1 + c.len).cp == '-') {
      const std::size_t n = run_end(s, d + 2 + c.len, dg);
      if (n - (d + 2 + c.len) >= 1 && n - (d + 2 + c.len) <= 2 && boundary_after(s, n)) return n;
    }
  }
  if (a - i >= 1 && a - i <= 3 && a < s.size() && s[a] == '-') {  // German: B-AB 1234
    const std::size_t l = run_end(s, a + 1, up);
    if (l - (a + 1) >= 1 && l - (a + 1) <= 2 && l < s.size() && s[l] == ' ') {
      const std::size_t n = run_end(s, l + 1, dg);
      if (n - (l + 1) >= 1 && n - (l + 1) <= 4 && boundary_after(s, n)) return n;
    }
  }
  return std::nullopt;
}

// Two upper-case letters, Latin or Cyrillic (Ukrainian plates use the letters both scripts share: АВЕІКМНОРСТХ).
std::optional<std::size_t> two_caps(std::string_view s, std::size_t i) {
  std::size_t k = i;
  for (int n = 0; n < 2; ++n) {
    const Cp c = at(s, k);
    if (!c.len || !(is_upper(c.cp) && (c.cp < 0x80 || is_cyrillic(c.cp)))) return std::nullopt;
    k += c.len;
  }
  return k;
}

// Ukrainian: "AA 1234 BB", "ВІ 0417 АК", or the same groups written without the spaces ("КА7721НР").
std::optional<std::size_t> ukrainian_plate(std::string_view s, std::size_t i) {
  const auto a = two_caps(s, i);
  if (!a) return std::nullopt;
  const std::size_t gap = *a < s.size() && s[*a] == ' ' ? 1 : 0;
  const std::size_t n = run_end(s, *a + gap, dg);
  if (n - (*a + gap) != 4 || (gap && (n >= s.size() || s[n] != ' '))) return std::nullopt;
  const auto b = two_caps(s, n + gap);
  if (!b || !boundary_after(s, *b)) return std::nullopt;
  return *b;
}

// A Dutch plate in three groups split by single spaces at i ("71 BGL 3"), upper-case letters, or lower-case
// ones whose groups alternate letters and digits and whose letter groups are no words ("sz 308 g"; not "cad ee 1",
// "Bus 28 en 74"). Its end.
std::optional<std::size_t> spaced_plate(std::string_view s, std::size_t i, bool lower) {
  std::size_t k = i;
  int groups = 0;
  bool last_digit = false;
  while (groups < 3) {
    const std::size_t g = k;
    while (k < s.size() && (dg(s[k]) || (lower ? lo(s[k]) : up(s[k])))) ++k;
    if (k == g) break;
    if (lower) {
      if (groups > 0 && dg(s[g]) == last_digit) break;
      if (const std::string fg = fold_str(s.substr(g, k - g));
          !dg(s[g]) && (name_stop(fg) || word_list("name_and").contains(fg) || word_list("plate_stop").contains(fg)))
        break;
      last_digit = dg(s[g]);
    }
    ++groups;
    if (groups < 3 && k + 1 < s.size() && s[k] == ' ') ++k;
    else break;
  }
  if (groups == 3 && boundary_after(s, k) && k - i >= 8 && k - i <= 9 && dutch_plate(s.substr(i, k - i), true))
    return k;
  return std::nullopt;
}

// "V-47-BZ", "0-WK-36", "AB-12-C": groups of 1-2-2 or 2-2-1 letters and digits, alternating in kind, the letters
// in capitals.
bool odd_plate(std::string_view tok) {
  if (tok.size() != 7) return false;
  const bool a = tok[1] == '-' && tok[4] == '-', b = tok[2] == '-' && tok[5] == '-';
  if (!a && !b) return false;
  const std::array<std::string_view, 3> g = a ? std::array{tok.substr(0, 1), tok.substr(2, 2), tok.substr(5, 2)}
                                              : std::array{tok.substr(0, 2), tok.substr(3, 2), tok.substr(6, 1)};
  const auto kind = [](std::string_view x) {  // 1 digits, 2 capitals, 0 mixed
    bool d = true, u = true;
    for (char c : x) d = d && dg(c), u = u && up(c);
    return d ? 1 : u ? 2 : 0;
  };
  const int k0 = kind(g[0]), k1 = kind(g[1]), k2 = kind(g[2]);
  return k0 && k1 && k2 && k0 != k1 && k1 != k2;
}

// A vehicle noun ([vehicle]) among the three words before i.
bool vehicle_before(std::string_view s, std::size_t i) {
  std::size_t k = i;
  for (int n = 0; n < 3; ++n) {
    const auto w = word_before(s, k);
    if (!w) return false;
    if (word_list("vehicle").contains(fold_word(s, *w))) return true;
    k = w->begin;
  }
  return false;
}

}  // namespace

void find_plates(const Input& in, Spans& out) {
  const std::string_view s = in.d.text;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!boundary_before(s, i)) continue;
    if (const auto e = ukrainian_plate(s, i)) {
      in.add_view(out, i, *e, PiiKind::plate);
      i = *e;
      continue;
    }
    if (!is_ascii_alnum(static_cast<unsigned char>(s[i]))) continue;
    if (i > 0 && (s[i - 1] == '-' || s[i - 1] == '/' || s[i - 1] == '.' || s[i - 1] == '@')) continue;
    if (const auto e = foreign_plate(s, i)) {
      in.add_view(out, i, *e, PiiKind::plate);
      i = *e;
      continue;
    }
    std::size_t e = i;
    bool dashed = false;
    while (e < s.size() &&
           (is_ascii_alnum(static_cast<unsigned char>(s[e])) ||
            (s[e] == '-' && e + 1 < s.size() && is_ascii_alnum(static_cast<unsigned char>(s[e + 1]))))) {
      dashed = dashed || s[e] == '-';
      ++e;
    }
    if (boundary_after(s, e) && !(e < s.size() && s[e] == '-') &&
        (e - i == 6 || e - i == 7 || (dashed && e - i == 8) || (dashed && e - i == 9)) &&
        dutch_plate(s.substr(i, e - i), dashed)) {
      in.add_view(out, i, e, PiiKind::plate);
      i = e;
      continue;
    }
    // Five letters and digits in three dashed groups that no sidecode has ("V-47-BZ", "0-WK-36": a tractor's or
    // trailer's plate, or one misremembered) after a vehicle noun among the three words before ("номер трактора
    // V-47-BZ", "przyczepę z numerem 0-WK-36"; added after the twenty-first part was measured)
    if (dashed && e - i == 7 && boundary_after(s, e) && !(e < s.size() && s[e] == '-') && odd_plate(s.substr(i, 7)) &&
        vehicle_before(s, i)) {
      in.add_view(out, i, e, PiiKind::plate);
      i = e;
      continue;
    }
    // "71 BGL 3": the groups split by single spaces (upper-case letters only); the same in lower case right after a
    // vehicle noun ("машина sz 308 g"; [vehicle], added after the fourteenth part was measured): "op 100 m" stays
    auto k = spaced_plate(s, i, false);
    if (const auto v = k ? std::nullopt : word_before(s, i); v && word_list("vehicle").contains(fold_word(s, *v)))
      k = spaced_plate(s, i, true);
    if (k) {
      in.add_view(out, i, *k, PiiKind::plate);
      i = *k;
      continue;
    }
    i = e;
  }
}

}  // namespace kiosk::privacy
