// IBANs with a valid ISO 13616 checksum and length.
#include <algorithm>
#include <string>
#include <array>
#include "lists.hpp"
#include "scanners.hpp"

namespace kiosk::privacy {

struct IbanLength {
  std::string_view country;
  std::size_t length;
};
// A table, one row per line (not reformatted):
// clang-format off
constexpr std::array<IbanLength, 44> kIbanLengths{{
    {"NL", 18}, {"BE", 16}, {"DE", 22}, {"FR", 27}, {"GB", 22}, {"ES", 24}, {"IT", 27}, {"PL", 28},
    {"TR", 26}, {"UA", 29}, {"LU", 20}, {"AT", 20}, {"CH", 21}, {"DK", 18}, {"FI", 18}, {"IE", 22},
    {"PT", 25}, {"SE", 24}, {"NO", 15}, {"CZ", 24}, {"SK", 24}, {"HU", 28}, {"RO", 24}, {"BG", 22},
    {"GR", 27}, {"HR", 21}, {"SI", 19}, {"LT", 20}, {"LV", 21}, {"EE", 20}, {"CY", 28}, {"MT", 31},
    {"IS", 26}, {"LI", 21}, {"SA", 24}, {"AE", 23}, {"JO", 30}, {"LB", 28}, {"EG", 29}, {"IQ", 23},
    {"TN", 24}, {"PS", 29}, {"QA", 29}, {"KW", 30},
}};
// clang-format on

std::size_t iban_length(char a, char b) {
  for (const auto& x : kIbanLengths)
    if (x.country[0] == a && x.country[1] == b) return x.length;
  return 0;
}

char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

bool iban_checksum_ok(std::string_view c) {  // upper-case, no spaces
  int r = 0;
  const auto feed = [&](char ch) {
    if (ch >= '0' && ch <= '9') {
      r = (r * 10 + (ch - '0')) % 97;
    } else {
      r = (r * 100 + (ch - 'A' + 10)) % 97;
    }
  };
  for (char ch : c.substr(4)) feed(ch);
  for (char ch : c.substr(0, 4)) feed(ch);
  return r == 1;
}

bool iban_compact_valid(std::string_view c) {
  if (c.size() < 15 || c.size() > 34) return false;
  if (!is_ascii_alpha(static_cast<unsigned char>(c[0])) || !is_ascii_alpha(static_cast<unsigned char>(c[1])) ||
      !is_digit(static_cast<unsigned char>(c[2])) || !is_digit(static_cast<unsigned char>(c[3])))
    return false;
  for (char ch : c)
    if (!is_ascii_alnum(static_cast<unsigned char>(ch))) return false;
  const std::size_t len = iban_length(c[0], c[1]);
  if (len != 0 && c.size() != len) return false;
  return iban_checksum_ok(c);
}

namespace {
void find_ibans_in(std::string_view s, Spans& out) {
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    const auto u = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    if (!is_ascii_alpha(u(i)) || !is_ascii_alpha(u(i + 1))) continue;
    // "NL 91 ABNA …", "NL-37-TRIO-…" (a dash after the country too: added after the nineteenth part was measured)
    const std::size_t d = s[i + 2] == ' ' || s[i + 2] == '-' ? i + 3 : i + 2;
    if (d + 2 > s.size() || !is_digit(u(d)) || !is_digit(u(d + 1))) continue;
    if (!boundary_before(s, i)) continue;
    std::string c;
    std::vector<std::size_t> ends;
    std::size_t j = i;
    // a group after a space or dash has four characters in print and no more than four letters written any way (the
    // bank code): a word of five letters or more ends the IBAN ("… kinderen van 9 en 12 zouden er …" is text whose
    // letters and digits happened to pass the checksum; added after the fourteenth part was measured)
    std::size_t group = 0, group_letters = 0;
    bool first_group = true;
    while (j < s.size() && c.size() < 34) {
      if (is_ascii_alnum(u(j))) {
        if (is_ascii_alpha(u(j)) && ++group_letters > 4 && !first_group) {
          c.resize(group);
          ends.resize(group);
          break;
        }
        c += ascii_upper(s[j++]);
        ends.push_back(j);
      } else if ((s[j] == ' ' || s[j] == '-') && j + 1 < s.size() && is_ascii_alnum(u(j + 1)) && c.size() >= 2) {
        ++j;  // "NL91 ABNA …", "NL83-ASNB-…"
        group = c.size();
        group_letters = 0;
        first_group = false;
      } else {
        break;
      }
    }
    if (c.size() < 15) continue;
    const std::size_t known = iban_length(c[0], c[1]);
    // The checksum decides; only Dutch, Belgian and German IBANs (the common ones here, where a typo is
    // likelier than a wrong length table) must also have their exact length.
    const bool strict = c.rfind("NL", 0) == 0 || c.rfind("BE", 0) == 0 || c.rfind("DE", 0) == 0;
    for (std::size_t n = std::min<std::size_t>(c.size(), 34); n >= 15; --n) {
      if (strict && n != known) continue;
      const bool shape = is_ascii_alpha(static_cast<unsigned char>(c[0])) &&
                         is_ascii_alpha(static_cast<unsigned char>(c[1])) &&
                         is_digit(static_cast<unsigned char>(c[2])) && is_digit(static_cast<unsigned char>(c[3]));
      if (!strict && known != 0 && n != known && shape && boundary_after(s, ends[n - 1]) &&
          iban_checksum_ok(std::string_view(c).substr(0, n))) {
        add(out, i, ends[n - 1], PiiKind::iban);
        i = ends[n - 1] - 1;
        break;
      }
      if (!boundary_after(s, ends[n - 1])) continue;
      if (iban_compact_valid(std::string_view(c).substr(0, n))) {
        add(out, i, ends[n - 1], PiiKind::iban);
        i = ends[n - 1] - 1;
        break;
      }
    }
  }
}

}  // namespace

void find_ibans(const Input& in, Spans& out) {
  Spans v;
  find_ibans_in(in.d.text, v);
  for (const PiiSpan& sp : v) in.add_view(out, sp.begin, sp.end, sp.kind);
}

}  // namespace kiosk::privacy

namespace kiosk {

bool iban_valid(std::string_view iban) noexcept {
  using namespace privacy;
  std::array<char, 34> buf{};
  std::size_t n = 0;
  for (char ch : iban) {
    if (ch == ' ') continue;
    if (!is_ascii_alnum(static_cast<unsigned char>(ch)) || n == buf.size()) return false;
    buf[n++] = ascii_upper(ch);
  }
  return iban_compact_valid(std::string_view(buf.data(), n));
}

}  // namespace kiosk
