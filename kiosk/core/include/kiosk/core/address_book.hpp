// The municipality's address list (map.addresses): street, house number (+ letter, addition), postcode
// and place → WGS84 point, as exported from the BAG. The location screen matches what the citizen types
// against it and offers the best addresses to tap. Display-free.
//
// File format (docs/addresses.md), UTF-8, tab-separated, one address per line:
//   line 1: "# kiosk-addresses 1"        (format version; a newer version is refused)
//   line 2: openbare_ruimte huisnummer huisletter huisnummer_toevoeging postcode woonplaats lat lon
//           (the column names, in this order, as in the BAG)
//   then:   Kerkstraat 12 a  1234AB Voorbeeldstad 52.0912 5.1201
// Empty lines and lines starting with '#' are skipped. Loading stops at the first bad line with its
// number; nothing half-loaded is used.
//
// Matching folds case, accents and spaces ("Kerkstr 12", "kerkstraat12", "Kérkstraat 12 A"), reads a
// postcode with or without its space ("1234 AB 12", "1234ab12"), and forgives one wrong letter in a
// street name of five letters or more.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/error.hpp"
#include "kiosk/sync/submission.hpp"

namespace kiosk::core {

inline constexpr int kAddressListFormat = 1;
inline constexpr std::size_t kAddressListMaxBytes = 256u << 20;  // a large municipality's BAG is ~30 MB
inline constexpr std::size_t kAddressLineMaxBytes = 1024;

struct Address {
  std::string street;    // openbare_ruimte
  int number = 0;        // huisnummer, 1..99999
  std::string letter;    // huisletter (one letter) or empty
  std::string addition;  // huisnummer_toevoeging (up to 4 characters) or empty
  std::string postcode;  // "1234AB"
  std::string city;      // woonplaats
  GeoPoint point;
  // "Kerkstraat 12a-2, 1234 AB Voorbeeldstad": what the report carries as its location text.
  std::string label() const;
};

class AddressBook {
 public:
  // Errc::io when unreadable or too large, Errc::invalid_value "<file>:<line>: …" for a bad line,
  // invalid_utf8 for bytes that are not UTF-8.
  static Result<AddressBook> load(const std::filesystem::path& file);
  static Result<AddressBook> parse(std::string_view text, std::string_view source);

  std::size_t size() const { return m_entries.size(); }
  bool empty() const { return m_entries.empty(); }
  const Address& at(std::size_t i) const { return m_entries[i].address; }

  // Indexes of the best addresses for what was typed so far, best first, at most limit.
  std::vector<std::size_t> suggest(std::string_view typed, std::size_t limit) const;
  // The one address the text names in full (street or postcode, number, letter and addition), if any.
  const Address* match(std::string_view typed) const;

 private:
  struct Entry {
    Address address;
    std::string street_key;  // folded, letters and digits only
    std::string suffix_key;  // letter + addition, folded
    std::string postcode_key;
    std::string city_key;
  };
  std::vector<Entry> m_entries;
};

}  // namespace kiosk::core
