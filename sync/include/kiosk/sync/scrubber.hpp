// Personal-data scrubber for anything the kiosk makes public (e.g. questions and ideas posted on
// the municipality's Mastodon account). It finds
//   - e-mail addresses (not role mailboxes such as info@ or servicedesk@);
//   - phone numbers: Dutch formats (06-12345678, 020-1234567, (020) 123 45 67, +31 (0)20 1234567,
//     0031…) and +/00 international numbers; not the municipal 14 0xx numbers, 0800/0900 service
//     numbers or 088 company numbers;
//   - BSNs: 9 digits (also 3-3-3 / 4-2-3 grouped) passing the 11-proef, unless right after an
//     order/reference word ("ordernummer …"); or 8-9 digits right after the word "BSN";
//   - IBANs with a valid ISO 13616 checksum and length;
//   - names after a cue: "mijn naam is …", "ik heet …", "my name is …", "benim adım …",
//     "nazywam się …", "мене звати …", "моє ім'я …", "اسمي …", sign-offs ("Met vriendelijke
//     groet, …"), forms of address ("mevrouw …", "pani …", "… Bey"); 1-3 capitalised words, or
//     1-2 lower-case words after the strong cues (Cyrillic and Arabic often lack capitals);
//   - a home address (street + house number + optional postcode and city) tied to a person: after
//     "ik woon op …", "mijn adres is …", "I live at …", "mieszkam przy …", "я живу на …",
//     "أسكن في …", "…'de oturuyorum", or right after a full name ("Jan de Vries, Kerkstraat 12");
//   - a full name (two or more capitalised words) directly followed by one of the above
//     ("Karin de Wit, IBAN NL…").
//
// Every hit is replaced by one visible, language-neutral placeholder, "[…]" by default, so the
// citizen sees in the preview that something was taken out. Precision matters as much as recall:
// prices, times, dates, years, bus lines, postcodes, the 14 0xx municipal number and house numbers
// of public places stay.
//
// Trade-offs (deliberate):
//   - A street with a house number and no person cue ("losse tegel voor Kerkstraat 12") stays,
//     because reports about public space must name streets; so does an organisation with its
//     address ("Gemeente Utrecht, Stadsplateau 1").
//   - A name without a cue ("Jan belde gisteren", "Bel mij (Marieke)") stays: without a dictionary
//     of first names it cannot be told apart from other capitalised words.
//   - A 9-digit number that passes the 11-proef by chance (1 in 11) is removed as a BSN unless a
//     reference word precedes it; a 10-digit number starting with 0 is removed as a phone number.
//   - Obfuscated e-mail ("jan at gmail dot com") and spelled-out numbers are not found.
//
// Hand-written scanners, no regex; input is UTF-8 and spans never cut inside a multi-byte
// character. The scrubbed text is always valid UTF-8 (invalid input bytes become U+FFFD).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class PiiKind { email, phone, bsn, iban, name, address };

// Stable lower-case names: "email", "phone", "bsn", "iban", "name", "address".
std::string_view pii_kind_name(PiiKind kind) noexcept;

// Byte offsets [begin, end) into the input (UTF-8); both are code-point boundaries.
struct PiiSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  PiiKind kind = PiiKind::name;
  bool operator==(const PiiSpan&) const = default;
};

struct ScrubResult {
  std::string text;            // the scrubbed text
  std::vector<PiiSpan> found;  // spans in the ORIGINAL text, sorted, non-overlapping
};

struct ScrubOptions {
  // One placeholder for every kind: visible, language-neutral, and it does not tell the reader
  // what kind of data was there. Touching spans get one placeholder.
  std::string placeholder = "[…]";
};

// Sorted, non-overlapping spans of personal data in utf8_text.
std::vector<PiiSpan> find_personal_data(std::string_view utf8_text);

// find_personal_data + replacement of every span by options.placeholder.
ScrubResult scrub_personal_data(std::string_view utf8_text, const ScrubOptions& options = {});

// 11-proef on exactly nine ASCII digits: 9*d1 + 8*d2 + … + 2*d8 - 1*d9 divisible by 11 (all zeros
// is rejected).
bool bsn_valid(std::string_view nine_digits) noexcept;

// ISO 13616 mod-97 check; spaces are ignored, letters may be lower case. Checks the length for
// known countries (NL 18, BE 16, DE 22, …) and 15..34 otherwise.
bool iban_valid(std::string_view iban) noexcept;

}  // namespace kiosk
