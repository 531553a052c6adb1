// Dates of birth: a date near a birth cue ("geboren op", "born", "doğum tarihim", "urodzony", "народився",
// "تاريخ الميلاد", "dhashay", "ዝተወለድኩ", "geb."; the [dob] lists, and [dob_after] for cues after the date:
// "12.03.1985 doğumluyum") in any form: 12-03-1985, 12/3/85, 1985-03-12, 12031985, 12 maart 1985,
// March 12, 1985, Arabic-Indic digits. Other dates (appointments, events) stay.
#include <algorithm>
#include <cctype>
#include <string>

#include "lists.hpp"
#include "scanners.hpp"

namespace kiosk::privacy {
namespace {

std::size_t digits_end(std::string_view s, std::size_t i, std::size_t max) {
  std::size_t k = i;
  while (k < s.size() && k - i < max && is_digit_at(s, k)) ++k;
  return k;
}

// A month word ("maart", "Mart", "березня", "مارس", "Maarso", "መጋቢት", "mar.") at i: its end.
std::optional<std::size_t> month_word(std::string_view s, std::size_t i) {
  const auto w = read_word(s, i);
  if (!w || !word_list("month").contains(fold_word(s, *w))) return std::nullopt;
  std::size_t e = w->end;
  if (at(s, e).cp == '.') ++e;
  // two-word months: "كانون الثاني", "تشرين الأول"
  const std::size_t k = skip_hspace(s, e);
  if (const auto w2 = read_word(s, k); w2 && k > e && word_list("month_second").contains(fold_word(s, *w2)))
    return w2->end;
  return e;
}

// An ordinal ending after a day ("23rd", "1st", "3e", "21ste"), then an optional "of" ("23rd of Sept"): the
// position after it, or a when there is none.
std::size_t ordinal_end(std::string_view s, std::size_t a) {
  std::size_t k = a;
  while (k < s.size() && k - a < 3 && std::isalpha(static_cast<unsigned char>(s[k]))) ++k;
  if (k == a || (k < s.size() && is_letter(at(s, k).cp))) return a;
  std::string suf(s.substr(a, k - a));
  std::transform(suf.begin(), suf.end(), suf.begin(), [](unsigned char c) { return std::tolower(c); });
  if (suf != "st" && suf != "nd" && suf != "rd" && suf != "th" && suf != "e" && suf != "ste" && suf != "de") return a;
  const std::size_t o = skip_hspace(s, k);
  if (const auto w = read_word(s, o); w && o > k && fold_word(s, *w) == "of") return w->end;
  return k;
}

// A date starting at i: its end. Numeric d-m-y (any of - . / space), y-m-d, 8 digits, or with a month word.
std::optional<std::size_t> date_at(std::string_view s, std::size_t i) {
  if (is_digit_at(s, i)) {
    if (i > 0 && is_alnum(before(s, i).cp)) return std::nullopt;
    const std::size_t a = digits_end(s, i, 9);
    const std::size_t n = a - i;
    if (n == 8 && boundary_after(s, a)) {  // 12031985 or 19850312
      const int y1 = std::stoi(std::string(s.substr(i + 4, 4)));
      const int y0 = std::stoi(std::string(s.substr(i, 4)));
      if ((y1 >= 1900 && y1 <= 2030) || (y0 >= 1900 && y0 <= 2030)) return a;
      return std::nullopt;
    }
    if (n < 1 || n > 4) return std::nullopt;
    std::size_t k = a;
    // "12 maart 1985", "12. Mart 1985", "23rd of Sept 1987"
    std::size_t m = n <= 2 ? ordinal_end(s, k) : k;
    if (m < s.size() && s[m] == '.') ++m;
    m = skip_hspace(s, m);
    if (n <= 2 && m > k) {
      if (const auto me = month_word(s, m)) {
        std::size_t y = skip_hspace(s, *me);
        if (y < s.size() && s[y] == ',') y = skip_hspace(s, y + 1);
        const std::size_t ye = digits_end(s, y, 4);
        if (ye - y == 4 && boundary_after(s, ye)) return ye;
        return std::nullopt;  // "12 maart" without a year: a feast or an appointment more often than a birth
      }
    }
    if (k >= s.size()) return std::nullopt;
    const char sep = s[k];
    if (sep != '-' && sep != '.' && sep != '/' && sep != ' ') return std::nullopt;
    const std::size_t b0 = k + 1;
    const std::size_t b = digits_end(s, b0, 2);
    if (b == b0 || b >= s.size() || s[b] != sep) return std::nullopt;
    const std::size_t c0 = b + 1;
    const std::size_t c = digits_end(s, c0, 4);
    if (!(c - c0 == 2 || c - c0 == 4) || !boundary_after(s, c)) return std::nullopt;
    if (n == 4 && c - c0 > 2) return std::nullopt;
    return c;
  }
  // "March 12, 1985", "мар 12 1985"
  if (const auto me = month_word(s, i)) {
    std::size_t d = skip_hspace(s, *me);
    const std::size_t dd = digits_end(s, d, 2);
    if (dd == d) return std::nullopt;
    std::size_t y = ordinal_end(s, dd);  // "March 12th, 1985"
    if (y < s.size() && s[y] == ',') ++y;
    y = skip_hspace(s, y);
    const std::size_t ye = digits_end(s, y, 4);
    if (ye - y == 4 && boundary_after(s, ye)) return ye;
  }
  return std::nullopt;
}

// The first date within the clause after a cue, up to twelve words on ("Geboortedatum van mijn zoon klopt niet in
// de BRP: moet 30-04-2008 zijn"); a sentence end stops the search.
void date_after_cue(std::string_view s, std::size_t e, Spans& out) {
  std::size_t k = e;
  for (int n = 0; n < 12 && k < s.size(); ++n) {
    k = skip_after_cue(s, k, false, U":,-(\u060C");
    if (const auto d = date_at(s, k)) {
      add(out, k, *d, PiiKind::dob);
      return;
    }
    if (const auto w = read_word(s, k)) {
      k = w->end;
    } else if (is_digit_at(s, k)) {
      k = digits_end(s, k, 12);
    } else {
      return;
    }
  }
}

}  // namespace

void find_dobs(const Input& in, Spans& out) {
  const std::string_view s = in.d.text;
  const Folded f = in.d.identity ? Folded{} : fold_text(s);
  const Folded& ff = in.d.identity ? in.f : f;
  Spans v;
  for_each_cue(ff, word_list("dob"), [&](std::size_t, std::size_t e) { date_after_cue(s, e, v); });
  // A date followed by a cue: "12.03.1985 doğumluyum", "12-03-1985 geboren".
  for_each_cue(ff, word_list("dob_after"), [&](std::size_t b, std::size_t) {
    std::size_t k = b;
    for (int back = 0; back < 40 && k > 0; ++back) {
      k -= before(s, k).len;
      if (!is_digit_at(s, k) && read_word(s, k) == std::nullopt) continue;
      if (!boundary_before(s, k)) continue;
      if (const auto d = date_at(s, k); d && *d <= b) {
        add(v, k, *d, PiiKind::dob);
        return;
      }
    }
  });
  // A date as a field of its own in a list of personal details ("Ганна Шевчук | 27.04.1958 | Kerkstraat 1"),
  // with a birth year (not a recent one: a field "12.03.2026" is more likely an appointment).
  const auto field_sep = [&](char32_t c) { return c == '|' || c == ';' || is_line_break(c); };
  for (std::size_t i = 0; i < s.size(); i += std::max<std::size_t>(at(s, i).len, 1)) {
    if (!is_digit_at(s, i) || !boundary_before(s, i)) continue;
    std::size_t p = i;
    while (p > 0 && is_hspace(before(s, p).cp)) p -= before(s, p).len;
    if (p == 0 || !field_sep(before(s, p).cp)) continue;
    const auto d = date_at(s, i);
    if (!d || *d - i < 8) continue;
    const std::size_t n = skip_hspace(s, *d);
    if (n < s.size() && !field_sep(at(s, n).cp)) continue;
    const std::size_t y = *d - 4;
    if (!is_digit_at(s, y) || !is_digit_at(s, y + 1) || !is_digit_at(s, y + 2) || !is_digit_at(s, y + 3)) continue;
    const int year = std::stoi(std::string(s.substr(y, 4)));
    if (year >= 1900 && year <= 2012) add(v, i, *d, PiiKind::dob);
  }
  for (const PiiSpan& sp : v) in.add_view(out, sp.begin, sp.end, sp.kind);
}

}  // namespace kiosk::privacy
