// The scrubber's scanners (internal to sync/privacy/): one per kind, each adding the spans it finds; the
// driver (scrubber.cpp) resolves overlaps. Scanners of digits read Input::d (Arabic-Indic digits as ASCII)
// and map back with Input::add_view.
#pragma once

#include <ctime>
#include <optional>
#include <string_view>

#include "text.hpp"

namespace kiosk::privacy {

struct Input {
  std::string_view s;  // the original text
  Folded f;            // folded copy (cue search)
  DigitView d;         // digit view
  int this_year;       // the current year (ScrubOptions::this_year; 0: the system clock's)
  explicit Input(std::string_view text, int year = 0)
      : s(text), f(fold_text(text)), d(digit_view(text)), this_year(year ? year : utc_year()) {}
  static int utc_year() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    return gmtime_r(&now, &utc) ? utc.tm_year + 1900 : 2026;
  }
  // A span [b, e) of d.text, added in original offsets.
  void add_view(Spans& out, std::size_t b, std::size_t e, PiiKind k) const { add(out, d.src[b], d.src[e], k); }
};

void find_emails(const Input& in, Spans& out);       // email.cpp: plain and obfuscated
void find_phones(const Input& in, Spans& out);       // phone.cpp: also spaced digits, letter O, wa.me links
void find_bsns(const Input& in, Spans& out);         // bsn.cpp
void find_ibans(const Input& in, Spans& out);        // iban.cpp
void find_names(const Input& in, Spans& out);        // name.cpp: cues, relations, sign-offs, gazetteer
void find_addresses(const Input& in, Spans& out);    // address.cpp: street + number, postcodes, map links
void find_dobs(const Input& in, Spans& out);         // dob.cpp: a date near a birth cue
void find_person_dobs(const Input& in, Spans& out);  // dob.cpp: a date closing the clause after a name in out
// dob.cpp: the end of a date with day, month and year starting at i (ASCII digits), whatever its context
std::optional<std::size_t> date_extent(std::string_view s, std::size_t i);
void find_plates(const Input& in, Spans& out);                   // plate.cpp
void find_handles(const Input& in, Spans& out);                  // handle.cpp: @handles, profile URLs
void find_tagged_names(const Input& in, Spans& out);             // name_tagger.cpp: the statistical tagger's names
void find_conjoined_names(const Input& in, Spans& out);          // name.cpp: "<name> and Jan", after the tagger
void find_corrected_names(const Input& in, Spans& out);          // name.cpp: "Gökhan değil Gökan", after the tagger
void find_repeated_caseless_names(const Input& in, Spans& out);  // name.cpp: a caseless name again, after the tagger

// Shared by the name and address scanners (name.cpp).
struct Range {
  std::size_t begin = 0;
  std::size_t end = 0;
};
struct NameRules {
  bool lower_latin = false;     // "mijn naam is jan"
  bool lower_cyrillic = false;  // "мене звати олена"
  bool caseless = false;        // Arabic and Ge'ez have no capitals
  bool known_lower = false;     // "mijn zoon milan", "vraag naar henk": a lower-case word of the gazetteer
  int min_caps = 1;
  int max_caps = 3;
  bool closed_surname = false;  // "أنا ابراهيم حمدان،", "ኣነ ክብሮም በየነ እየ": a caseless word that ends the clause
};
bool capitalised(const Word& w);
bool name_stop(std::string_view folded);  // a listed word that is never a name, or a street's shape
// A word of the lists that is never a name ("Groeten", a relative, an institution), without name_stop's street shapes:
// where a town is expected ("9047 KR Tergracht": a town may end in "gracht" or "weg").
bool listed_name_stop(std::string_view folded);
// A Turkish case ending after an apostrophe at the end of a folded word ("emirhan'in", "zwolle'de"; the endings of
// [case_ending], or of another list such as [locative_ending]): where the apostrophe is, or npos.
std::size_t case_ending_at(std::string_view folded, std::string_view list = "case_ending");
std::string without_case_ending(std::string_view folded);  // "bey'in" -> "bey"
// A word right after a place preposition ("in", "ኣብ": [town_preposition]), or after the noun of a building or public
// place ("school", "zwembad": [named_place]; tussenvoegsels between): a place or the building's name, not a citizen's
// (name.cpp; also the tagger's veto).
bool after_place_preposition(std::string_view s, const Word& w);
bool after_place_noun(std::string_view s, const Word& w);
// A name span ending at e after such an ending in lower case: where the apostrophe is (the name ends there).
std::optional<std::size_t> case_ending_cut(std::string_view s, std::size_t e);
bool is_institution(std::string_view folded);
// The value of a digit or a two-digit number said in words ("zes", "seven", "jedenaście"; [digit_word]), or -1
// (phone.cpp; also the tagger's veto).
int spoken_digit(std::string_view folded);
// A Tigrinya number word without its "-ን" ("and": "ሰብዓን ሓሙሽተን", seventy-five), or the word (phone.cpp; also the
// numbers in words of dob.cpp).
std::string without_and(const std::string& folded);
// A word of the name gazetteers (given names and surnames, also "smit-vos"), folded.
bool in_name_gazetteer(std::string_view folded);
std::optional<Range> take_name(std::string_view s, std::size_t pos, const NameRules& r);

// address.cpp
struct StreetRules {
  bool allow_lower = false;     // "ik woon op kerkstraat 12"
  bool require_suffix = false;  // last street word must end in straat/laan/weg/…
  bool number_first = false;    // "I live at 12 Baker Street"
};
// A folded word (or a part of it between hyphens: "ringbaan-west") ends in a street word (straat, laan …).
bool ends_in_street_word(std::string_view folded);
// A street after a full name: the last word ends in a street word.
inline constexpr StreetRules kPersonStreet{false, true, false};
std::optional<Range> street_address(std::string_view s, std::size_t pos, const StreetRules& r);
// The separator between a name and what belongs to it (", ", "; ", " | ", " - ", a line break, with paren
// also " ("); the position after it.
std::optional<std::size_t> after_separator(std::string_view s, std::size_t e, bool paren);

}  // namespace kiosk::privacy
