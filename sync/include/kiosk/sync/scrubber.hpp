// Personal-data scrubber for anything the kiosk makes public (e.g. questions and ideas posted on
// the municipality's Mastodon account, the "this will appear on the internet" preview) and for server error
// text stored in the outbox. It finds
//   - e-mail addresses, also obfuscated ("jan punt devries at gmail punt com", "jan [at] mail [dot] nl",
//     "jan @ ziggo.nl", "jan%40gmail.com", "apenstaartje"); not role mailboxes (info@, servicedesk@);
//   - phone numbers: Dutch formats and +/00 international numbers, digits spaced one by one, the letter O
//     for zero, Arabic-Indic digits, wa.me links; not 14 0xx, 0800/0900 service or 088 company numbers;
//   - BSNs (11-proef, not after an order/reference word; 8-9 digits after "BSN") and IBANs (mod 97);
//   - names: after cues in nl, en, tr, pl, uk, ar, so, ti (self-introductions, sign-offs, forms of
//     address, relatives and neighbours: "mijn buurman Kees"), a full name before other personal data,
//     and names of the gazetteer (assets/privacy/names/) without any cue;
//   - addresses: a street + house number anywhere (+ postcode + town), a postcode with or without house
//     number, map links; a home after a cue ("ik woon op …", "I live at 12 Baker Street");
//   - dates of birth: a date near a birth cue, in any form (12-03-1985, 12031985, 12 maart 1985, Arabic-
//     Indic digits); licence plates (Dutch sidecodes, Turkish, Polish, Ukrainian, German);
//   - handles and profile URLs (@jan_devries, facebook.com/…, instagram.com/…, t.me/…, tiktok, linkedin).
//
// Every hit is replaced by one visible, language-neutral placeholder, "[…]" by default, so the
// citizen sees in the preview that something was taken out. Precision matters as much as recall:
// prices, times, dates of events, years, bus lines, the 14 0xx municipal number, streets without a
// number and public places stay.
//
// Decisions (deliberate):
//   - A street with a house number is personal even without a person cue ("losse tegel voor Lindelaan 4"
//     is removed): in public text it can tell where someone lives (issue 14). A street without a number
//     stays, and so does an address right after a named institution or public place ("Stadhuis,
//     Stadsplateau 1", "Apotheek De Gaper, Kerkstraat 5", "de bibliotheek aan de Oudegracht 12").
//   - A capitalised word that is both a name and part of a street: when the next word is a street word
//     ("Anne Frankstraat", "Juliana laan") or the word is followed by a house number and ends in a street
//     word, it is a street (and an address only with a number); otherwise a gazetteer name is a name
//     ("Juliana belde", "Kees"). Streets and buildings named after people ("Wilhelminastraat") are one
//     word and never match the gazetteer. A gazetteer word after a public title ("burgemeester Halsema")
//     stays, as do gazetteer words that are also common words (the [ambiguous] list).
//   - A 9-digit number that passes the 11-proef by chance (1 in 11) is removed as a BSN unless a
//     reference word precedes it; a 10-digit number starting with 0 is removed as a phone number.
//   - Word lists are data files under <assets>/privacy/ (read at first use; see sync/privacy/lists.hpp).
//     When they are missing the scanners without lists still work; scrubber_data_status() says which files
//     are missing, and `kioskctl scrub` refuses to run without them.
//   - Names are also found by a statistical tagger (sync/privacy/name_tagger.hpp; its model is the data file
//     <assets>/privacy/name_tagger.txt, trained on the development parts of the labelled set): the scrubber
//     removes the union of the rules' and the tagger's names. A missing, damaged or wrong-version model is
//     reported by scrubber_model_status() and the rules alone run.
//
// Hand-written scanners, no regex (sync/privacy/: one file per kind, a shared text unit, a driver); input
// is UTF-8 and spans never cut inside a multi-byte character. The scrubbed text is always valid UTF-8
// (invalid input bytes become U+FFFD).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/error.hpp"

namespace kiosk {

enum class PiiKind { email, phone, bsn, iban, name, address, dob, plate, handle };
inline constexpr std::array<PiiKind, 9> kAllPiiKinds{PiiKind::email, PiiKind::phone, PiiKind::bsn,
                                                     PiiKind::iban,  PiiKind::name,  PiiKind::address,
                                                     PiiKind::dob,   PiiKind::plate, PiiKind::handle};

// Stable lower-case names: "email", "phone", "bsn", "iban", "name", "address", "dob", "plate", "handle"
// (the kinds of the labelled set, tests/data/privacy/).
std::string_view pii_kind_name(PiiKind kind) noexcept;
std::optional<PiiKind> pii_kind_from_name(std::string_view name) noexcept;

// Whether the word lists (<assets>/privacy/) were read: Errc::io naming the missing files otherwise.
Result<void> scrubber_data_status();
// Whether the name tagger's model was read: Errc::io when missing, Errc::invalid_value when damaged or of
// another version. Without it the scrubber runs on its rules alone (as before the tagger): worth a warning,
// no reason to stop posting.
Result<void> scrubber_model_status();

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
  // The current year (a clock seam for tests); 0: the system clock's (UTC). A date of this year or later is
  // no date of birth when only its place says so ("Jan de Vries, 12-03-2026." is an appointment), and a
  // date of the last 14 years is none as a field of a list of details.
  int this_year = 0;
};

// Sorted, non-overlapping spans of personal data in utf8_text.
// this_year as in ScrubOptions.
std::vector<PiiSpan> find_personal_data(std::string_view utf8_text, int this_year = 0);

// find_personal_data + replacement of every span by options.placeholder.
ScrubResult scrub_personal_data(std::string_view utf8_text, const ScrubOptions& options = {});

// 11-proef on exactly nine ASCII digits: 9*d1 + 8*d2 + … + 2*d8 - 1*d9 divisible by 11 (all zeros
// is rejected).
bool bsn_valid(std::string_view nine_digits) noexcept;

// ISO 13616 mod-97 check; spaces are ignored, letters may be lower case. Checks the length for
// known countries (NL 18, BE 16, DE 22, …) and 15..34 otherwise.
bool iban_valid(std::string_view iban) noexcept;

}  // namespace kiosk
