// The address list: parsing (strict, line numbers in every error) and matching what a citizen types.
#include "kiosk/core/address_book.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <tuple>

#include <fmt/format.h>

#include "kiosk/sync/file.hpp"
#include "kiosk/sync/fold.hpp"         // fold_cp, arabic_indic_digit, is_letter: folded as the scrubber folds
#include "kiosk/sync/strict_toml.hpp"  // edit_distance
#include "kiosk/sync/utf8.hpp"

namespace kiosk::core {

namespace {

constexpr std::string_view kMagic = "# kiosk-addresses ";
constexpr std::string_view kColumns[] = {"openbare_ruimte", "huisnummer", "huisletter", "huisnummer_toevoeging",
                                         "postcode",        "woonplaats", "lat",        "lon"};

bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Folded tokens: runs of letters and runs of digits, split at everything else and where one meets the
// other ("kerkstraat12a" → kerkstraat, 12, a). Lower case, no accents; Arabic-Indic digits read as ASCII.
std::vector<std::string> tokens(std::string_view s) {
  std::vector<std::string> out;
  int last = 0;  // 0 separator, 1 letter, 2 digit
  for (std::size_t i = 0; i < s.size();) {
    Utf8Char c = decode_utf8(s, i);
    i += c.len;
    int kind = 0;
    std::string piece;
    if (int d = arabic_indic_digit(c.cp); d >= 0) {
      kind = 2;
      piece = char('0' + d);
    } else if (c.valid) {
      char32_t f = fold_cp(c.cp);
      if (f == 0) continue;  // a combining mark: part of the letter before it
      if (f >= '0' && f <= '9') kind = 2;
      else if ((f >= 'a' && f <= 'z') || (f >= 0x80 && f != kReplacementChar && is_letter(f))) kind = 1;
      if (kind) append_utf8(piece, f);
    }
    if (!kind) {
      last = 0;
      continue;
    }
    if (kind != last) out.emplace_back();
    out.back() += piece;
    last = kind;
  }
  return out;
}

std::string joined(const std::vector<std::string>& t, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < t.size(); ++i) out += t[i];
  return out;
}

std::string folded(std::string_view s) {
  auto t = tokens(s);
  return joined(t, 0, t.size());
}

bool is_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), ascii_digit); }
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Whether typed is one edit away from the start of street (a prefix one shorter, as long, or one longer).
bool near_prefix(std::string_view typed, std::string_view street) {
  for (std::size_t len : {typed.size() - 1, typed.size(), typed.size() + 1})
    if (len <= street.size() && strict_toml::edit_distance(typed, street.substr(0, len)) <= 1) return true;
  return false;
}

// What the citizen typed, read as "street number suffix" or "postcode number suffix".
struct Query {
  bool postcode = false;
  std::string head;    // street prefix, or postcode (prefix) "1234ab"
  std::string number;  // digits, may be empty
  std::string rest;    // letter/addition and/or place
};

Query read_query(std::string_view typed) {
  auto t = tokens(typed);
  Query q;
  std::size_t i = 0;
  if (!t.empty() && t[0].size() == 4 && is_digits(t[0]) && t[0][0] != '0') {
    q.postcode = true;
    q.head = t[0];
    i = 1;
    if (i < t.size() && t[i].size() <= 2 && !is_digits(t[i])) q.head += t[i++];
    else if (i < t.size() && !is_digits(t[i])) {  // "1234abc": the letters run on; keep two
      q.head += t[i].substr(0, 2);
      t[i] = t[i].substr(2);
    }
  } else {
    while (i < t.size() && !is_digits(t[i])) q.head += t[i++];
  }
  if (i < t.size() && is_digits(t[i])) q.number = t[i++];
  q.rest = joined(t, i, t.size());
  return q;
}

// How well an entry answers the query: 0 = not at all; higher is better.
int score(const Query& q, const std::string& street, const std::string& postcode, const std::string& number,
          const std::string& suffix, const std::string& city) {
  int s = 0;
  if (q.postcode) {
    if (postcode == q.head) s = 40;
    else if (starts_with(postcode, q.head)) s = 30;
    else return 0;
  } else if (q.head.empty()) {
    return 0;
  } else if (street == q.head) {
    s = 40;
  } else if (starts_with(street, q.head)) {
    s = 30;
  } else if (q.head.size() >= 3 && street.find(q.head) != std::string::npos) {
    s = 20;
  } else if (q.head.size() >= 5 && near_prefix(q.head, street)) {
    s = 10;  // one letter wrong, missing or extra ("kerkstaat")
  } else {
    return 0;
  }
  if (!q.number.empty()) {
    if (number == q.number) s += 4;
    else if (starts_with(number, q.number)) s += 1;
    else return 0;
  }
  if (!q.rest.empty()) {
    if (suffix == q.rest) s += 2;
    else if (!suffix.empty() && starts_with(suffix, q.rest)) s += 1;
    else if (!(starts_with(q.rest, suffix) && starts_with(city, q.rest.substr(suffix.size()))))  // suffix + place
      return 0;
  } else if (suffix.empty()) {
    s += 1;  // "Kerkstraat 12" is 12 before 12a
  }
  return s;
}

Error line_error(std::string_view source, std::size_t line, const std::string& what, Errc code = Errc::invalid_value) {
  return make_error(code, fmt::format("{}:{}: {}", source, line, what));
}

bool parse_double(std::string_view s, double& out) {
  if (s.empty() || s.size() > 32) return false;
  std::string copy(s);
  char* end = nullptr;
  out = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && std::isfinite(out);
}

}  // namespace

std::string Address::label() const {
  std::string out = street + " " + std::to_string(number) + letter;
  if (!addition.empty()) out += "-" + addition;
  if (!postcode.empty() || !city.empty()) out += ",";
  if (postcode.size() == 6) out += " " + postcode.substr(0, 4) + " " + postcode.substr(4);
  if (!city.empty()) out += " " + city;
  return out;
}

Result<AddressBook> AddressBook::load(const std::filesystem::path& file) {
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > kAddressListMaxBytes)
    return make_error(Errc::io, fmt::format("{}: the address list is {} bytes, more than the {} MiB this kiosk reads",
                                            file.string(), size, kAddressListMaxBytes >> 20));
  auto text = read_file(file, "the address list");
  if (!text) return text.error();
  return parse(*text, file.string());
}

Result<AddressBook> AddressBook::parse(std::string_view text, std::string_view source) {
  if (text.size() > kAddressListMaxBytes)
    return make_error(Errc::io,
                      fmt::format("{}: the address list is larger than {} MiB", source, kAddressListMaxBytes >> 20));
  AddressBook book;
  std::size_t pos = 0, line_no = 0;
  bool columns_seen = false;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > kAddressLineMaxBytes)
      return line_error(source, line_no, fmt::format("line longer than {} bytes", kAddressLineMaxBytes));
    if (!valid_utf8(line)) return line_error(source, line_no, "not UTF-8 text", Errc::invalid_utf8);
    if (line_no == 1) {
      if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // a byte order mark from a spreadsheet
      if (!starts_with(line, kMagic))
        return line_error(source, 1,
                          fmt::format("not a kiosk address list (the first line must be \"{}{}\")", kMagic,
                                      kAddressListFormat));
      int version = 0;
      std::string_view v = line.substr(kMagic.size());
      auto [end, err] = std::from_chars(v.data(), v.data() + v.size(), version);
      if (err != std::errc() || end != v.data() + v.size() || version < 1)
        return line_error(source, 1, fmt::format("unreadable format version '{}'", v));
      if (version > kAddressListFormat)
        return line_error(source, 1,
                          fmt::format("format version {} is newer than this kiosk reads ({})", version,
                                      kAddressListFormat));
      continue;
    }
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> f;
    for (std::size_t b = 0;;) {
      std::size_t tab = line.find('\t', b);
      f.push_back(line.substr(b, tab == std::string_view::npos ? std::string_view::npos : tab - b));
      if (tab == std::string_view::npos) break;
      b = tab + 1;
    }
    constexpr std::size_t kColumnCount = std::size(kColumns);
    if (!columns_seen) {
      bool ok = f.size() == kColumnCount;
      for (std::size_t i = 0; ok && i < kColumnCount; ++i) ok = f[i] == kColumns[i];
      if (!ok)
        return line_error(source, line_no,
                          fmt::format("the column names must be, tab-separated: {}", fmt::join(kColumns, " ")));
      columns_seen = true;
      continue;
    }
    if (f.size() != kColumnCount)
      return line_error(source, line_no, fmt::format("{} tab-separated fields, expected {}", f.size(), kColumnCount));
    Entry e;
    Address& a = e.address;
    a.street = std::string(f[0]);
    if (a.street.empty() || a.street.size() > 80)
      return line_error(source, line_no, "openbare_ruimte (the street) must be 1 to 80 bytes");
    auto [end, err] = std::from_chars(f[1].data(), f[1].data() + f[1].size(), a.number);
    if (err != std::errc() || end != f[1].data() + f[1].size() || a.number < 1 || a.number > 99999)
      return line_error(source, line_no, fmt::format("huisnummer must be a number 1..99999 (got '{}')", f[1]));
    if (f[2].size() > 1 || (f[2].size() == 1 && !ascii_alpha(f[2][0])))
      return line_error(source, line_no, fmt::format("huisletter must be one letter or empty (got '{}')", f[2]));
    a.letter = std::string(f[2]);
    if (f[3].size() > 4 ||
        !std::all_of(f[3].begin(), f[3].end(), [](char c) { return ascii_alpha(c) || ascii_digit(c); }))
      return line_error(source, line_no,
                        fmt::format("huisnummer_toevoeging must be up to 4 letters or digits (got '{}')", f[3]));
    a.addition = std::string(f[3]);
    std::string pc;
    for (char c : f[4])
      if (c != ' ') pc += c;
    if (!pc.empty() &&
        (pc.size() != 6 || !is_digits(pc.substr(0, 4)) || pc[0] == '0' || !ascii_alpha(pc[4]) || !ascii_alpha(pc[5])))
      return line_error(source, line_no, fmt::format("postcode must look like 1234 AB or be empty (got '{}')", f[4]));
    for (char& c : pc)
      if (ascii_alpha(c)) c = static_cast<char>(c & ~0x20);
    a.postcode = pc;
    a.city = std::string(f[5]);
    if (a.city.size() > 80) return line_error(source, line_no, "woonplaats must be at most 80 bytes");
    if (!parse_double(f[6], a.point.lat) || a.point.lat < -90 || a.point.lat > 90)
      return line_error(source, line_no, fmt::format("lat must be WGS84 degrees -90..90 (got '{}')", f[6]));
    if (!parse_double(f[7], a.point.lon) || a.point.lon < -180 || a.point.lon > 180)
      return line_error(source, line_no, fmt::format("lon must be WGS84 degrees -180..180 (got '{}')", f[7]));
    e.street_key = folded(a.street);
    e.suffix_key = folded(a.letter + a.addition);
    e.postcode_key = folded(a.postcode);
    e.city_key = folded(a.city);
    book.m_entries.push_back(std::move(e));
  }
  if (line_no == 0) return make_error(Errc::invalid_value, fmt::format("{}: the address list is empty", source));
  if (!columns_seen) return line_error(source, line_no, "the line with the column names is missing");
  return book;
}

std::vector<std::size_t> AddressBook::suggest(std::string_view typed, std::size_t limit) const {
  Query q = read_query(typed);
  std::vector<std::pair<int, std::size_t>> hits;
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    const Entry& e = m_entries[i];
    int s = score(q, e.street_key, e.postcode_key, std::to_string(e.address.number), e.suffix_key, e.city_key);
    if (s > 0) hits.emplace_back(s, i);
  }
  auto key = [&](const std::pair<int, std::size_t>& h) {
    const Address& a = m_entries[h.second].address;
    return std::make_tuple(-h.first, std::string_view(m_entries[h.second].street_key), a.number,
                           std::string_view(m_entries[h.second].suffix_key), std::string_view(a.city));
  };
  std::size_t n = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(),
                    [&](const auto& a, const auto& b) { return key(a) < key(b); });
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(hits[i].second);
  return out;
}

const Address* AddressBook::match(std::string_view typed) const {
  Query q = read_query(typed);
  if (q.number.empty()) return nullptr;
  const Address* found = nullptr;
  for (const Entry& e : m_entries) {
    const std::string& head = q.postcode ? e.postcode_key : e.street_key;
    if (head != q.head || std::to_string(e.address.number) != q.number) continue;
    // The suffix, then the place, or the postcode and the place (the label the screen shows).
    bool whole = q.rest == e.suffix_key || q.rest == e.suffix_key + e.city_key ||
                 q.rest == e.suffix_key + e.postcode_key + e.city_key;
    if (!whole) continue;
    if (found) return nullptr;  // the same address in two places: the citizen has to pick
    found = &e.address;
  }
  return found;
}

}  // namespace kiosk::core
