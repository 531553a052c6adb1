// BSNs: nine digits passing the 11-proef (not after an order/reference word), or 8-9 digits after "BSN".
#include <algorithm>
#include <string>

#include "lists.hpp"
#include "scanners.hpp"

namespace kiosk::privacy {
namespace {

// Nine digits, contiguous or grouped (3-3-3, 4-2-3, 2-3-4) with one kind of separator; after a BSN cue
// (any_groups) in any groups ("BSN 1 8923 4982", added after the eleventh part was measured).
struct NumberRun {
  std::size_t end = 0;
  std::string digits;
};
std::optional<NumberRun> read_number_run(std::string_view s, std::size_t i, bool any_groups = false) {
  NumberRun r;
  std::size_t k = i;
  char sep = 0;
  std::vector<std::size_t> sizes;
  for (;;) {
    const std::size_t b = k;
    while (k < s.size() && is_digit(static_cast<unsigned char>(s[k]))) r.digits += s[k++];
    sizes.push_back(k - b);
    if (r.digits.size() > 9) return std::nullopt;
    if (k + 1 < s.size() && (s[k] == ' ' || s[k] == '.' || s[k] == '-') &&
        is_digit(static_cast<unsigned char>(s[k + 1])) && (sep == 0 || sep == s[k])) {
      sep = s[k];
      ++k;
      continue;
    }
    break;
  }
  r.end = k;
  if (sizes.size() > 1 && !any_groups) {
    if (sizes.size() != 3) return std::nullopt;
    if (sizes[0] < 2 || sizes[1] < 2 || sizes[2] < 2) return std::nullopt;
  }
  const Cp nx = at(s, k);
  if (nx.len && is_alnum(nx.cp)) return std::nullopt;
  if ((nx.cp == ',' || nx.cp == '.' || nx.cp == ':' || nx.cp == '-' || nx.cp == '/') && is_digit(at(s, k + 1).cp))
    return std::nullopt;
  return r;
}

bool digit_start_ok(std::string_view s, std::size_t i) {
  const Cp prev = before(s, i);
  if (is_alnum(prev.cp) || prev.cp == '+' || prev.cp == 0x20AC || prev.cp == '#') return false;
  if ((prev.cp == '-' || prev.cp == '.' || prev.cp == ',' || prev.cp == ':' || prev.cp == '/' || prev.cp == ' ') &&
      is_digit(before(s, i - prev.len).cp))
    return false;
  return true;
}

void find_bsns_in(std::string_view s, const Folded& f, Spans& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(static_cast<unsigned char>(s[i])) || !digit_start_ok(s, i)) continue;
    const auto run = read_number_run(s, i);
    if (!run) {
      while (i + 1 < s.size() && is_digit(static_cast<unsigned char>(s[i + 1]))) ++i;
      continue;
    }
    if (run->digits.size() == 9 && bsn_valid(run->digits)) {
      const auto w = word_before(s, i);
      const bool reference = w && word_list("reference").contains(fold_word(s, *w));
      if (!reference) add(out, i, run->end, PiiKind::bsn);
    }
    i = run->end - 1;
  }
  // After "BSN": eight or nine digits, checksum or not (the citizen says it is a BSN).
  for_each_cue(f, word_list("bsn"), [&](std::size_t, std::size_t e) {
    std::size_t k = skip_after_cue(s, e, false, U":-=");
    for (int n = 0; n < 2; ++n) {
      const auto w = read_word(s, k);
      if (!w) break;
      const std::string fw = fold_word(s, *w);
      if (fw != "is" && fw != "nummer" && fw != "nr" && fw != "number" && fw != "no") break;
      k = skip_after_cue(s, w->end, false, U".:-=");
    }
    if (!is_digit(at(s, k).cp)) return;
    const auto run = read_number_run(s, k, true);
    if (run && (run->digits.size() == 8 || run->digits.size() == 9)) add(out, k, run->end, PiiKind::bsn);
  });
}

}  // namespace

void find_bsns(const Input& in, Spans& out) {
  Spans v;
  const Folded f = in.d.identity ? Folded{} : fold_text(in.d.text);
  find_bsns_in(in.d.text, in.d.identity ? in.f : f, v);
  for (const PiiSpan& sp : v) in.add_view(out, sp.begin, sp.end, sp.kind);
}

}  // namespace kiosk::privacy

namespace kiosk {

bool bsn_valid(std::string_view nine_digits) noexcept {
  if (nine_digits.size() != 9) return false;
  int sum = 0;
  bool all_zero = true;
  for (std::size_t i = 0; i < 9; ++i) {
    const char c = nine_digits[i];
    if (c < '0' || c > '9') return false;
    const int d = c - '0';
    if (d != 0) all_zero = false;
    sum += (i == 8) ? -d : d * static_cast<int>(9 - i);
  }
  return !all_zero && sum % 11 == 0;
}

}  // namespace kiosk
