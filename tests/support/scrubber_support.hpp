// Helpers of the scrubber tests (tests/sync/scrubber*_test.cpp): what find_personal_data found, by kind.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <string_view>

#include "kiosk/sync/scrubber.hpp"

namespace kiosk::test {

// The kind names of every span found.
inline std::multiset<std::string> kinds_of(std::string_view text) {
  std::multiset<std::string> out;
  for (const PiiSpan& sp : find_personal_data(text)) out.insert(std::string(pii_kind_name(sp.kind)));
  return out;
}

inline bool has_kind(std::string_view text, PiiKind kind) {
  const auto spans = find_personal_data(text);
  return std::any_of(spans.begin(), spans.end(), [&](const PiiSpan& s) { return s.kind == kind; });
}

inline std::string scrub(std::string_view text) { return scrub_personal_data(text).text; }

// The text of the span(s) of one kind, joined by '|'.
inline std::string found_text(std::string_view text, PiiKind kind) {
  std::string out;
  for (const PiiSpan& sp : find_personal_data(text)) {
    if (sp.kind != kind) continue;
    if (!out.empty()) out += '|';
    out += std::string(text.substr(sp.begin, sp.end - sp.begin));
  }
  return out;
}

}  // namespace kiosk::test
