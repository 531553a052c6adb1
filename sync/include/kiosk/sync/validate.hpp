// Validation of submissions before they may enter the outbox: required fields per kind, lengths that
// fit every channel (../shared/reference/channels.md), UTF-8, e-mail and phone shape. Control
// characters are removed (normalisation) before the checks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/error.hpp"
#include "kiosk/sync/submission.hpp"
#include "kiosk/sync/utf8.hpp"  // valid_utf8, utf8_length

namespace kiosk {

// Limits in Unicode code points, chosen to fit the strictest channel that receives the field.
struct Limits {
  std::size_t text = 1000;  // Open Klant inhoud <= 1000; Signalen's form 1000; Open311 4000
  std::size_t topic = 200;  // Open Klant onderwerp <= 200
  std::size_t email = 80;   // Open Klant DigitaalAdres.adres <= 80 (Signalen 100)
  std::size_t phone = 17;   // Signalen reporter.phone <= 17
  std::size_t location_text = 200;
  std::size_t category = 100;
  std::size_t short_id = 64;  // kiosk id, poll id, poll answer, language
  std::size_t channels = 8;
};

inline constexpr std::string_view kKnownLanguages[] = {"nl", "en", "tr", "pl", "uk", "ar"};

// Removes C0/C1 control characters, DEL and NUL; keeps '\n' (and turns '\t' into a space) when
// multiline; collapses "\r\n" to "\n"; trims surrounding white space. Input must be valid UTF-8.
std::string strip_controls(std::string_view s, bool multiline);
bool valid_email(std::string_view email) noexcept;
bool valid_phone(std::string_view phone) noexcept;

// Normalises s in place, then checks it. Returns every problem found, each naming its field, so a
// screen can show them next to the fields; empty means valid.
std::vector<Error> validate_all(Submission& s, const Limits& limits = {});
// Same, returning the first problem.
Result<void> validate(Submission& s, const Limits& limits = {});

}  // namespace kiosk
