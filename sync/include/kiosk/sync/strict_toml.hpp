// A strict reader of TOML files (toml++ underneath) for the kiosk's configuration, secrets and provisioning
// files: unknown keys ("did you mean"), wrong types and out-of-range values are errors that name the file,
// line and column ("kiosk.toml:12:1: unknown key 'chanels' in [sync]"), and every value read remembers
// where it was, so that checks spanning sections can still point at a line. A failure is thrown as
// Failure inside the reader's user and turned into an Error at its API boundary (run(), attempt()).
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "kiosk/sync/error.hpp"

namespace kiosk::strict_toml {

struct Failure {
  Error error;
};

// Runs a parse that may fail: its value, or the Failure's error.
template <class Parse>
auto run(Parse&& parse) -> Result<decltype(parse())> {
  try {
    return parse();
  } catch (Failure& failure) {
    return std::move(failure.error);
  }
}

template <class Range>
bool contains(const Range& range, std::string_view value) {
  return std::find(std::begin(range), std::end(range), value) != std::end(range);
}

template <class Range>
std::string join(const Range& range, std::string_view sep = ", ") {
  std::string out;
  for (const auto& item : range) {
    if (!out.empty()) out += sep;
    out += std::string_view(item);
  }
  return out;
}

// Levenshtein distance, for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate one or two edits away from key ("chanels" -> "channels"), or "".
template <class Range>
std::string_view closest(const Range& candidates, std::string_view key) {
  std::string_view best;
  std::size_t best_d = 3;  // suggest only for 1 or 2 edits
  for (std::string_view c : candidates) {
    std::size_t d = edit_distance(key, c);
    if (d < best_d && d < c.size()) {
      best = c;
      best_d = d;
    }
  }
  return best;
}

// "a string", "an integer", … for messages.
std::string_view type_phrase(toml::node_type type);

// A table being read: the toml table (null when the section is absent), its dotted path and how
// messages name it.
struct Section {
  const toml::table* table = nullptr;
  std::string path;              // "" for the top level, "kiosk", "channels.openklant", "places[2]"
  std::string in_label;          // "at the top level", "in [kiosk]", "in [[places]]"
  toml::source_region region{};  // where the section starts (its header), when present

  std::string field(std::string_view key) const {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
  }
};

// The reader. Every failure is thrown as Failure; run() and attempt() turn it into an Error.
class Reader {
 public:
  explicit Reader(std::string_view source_name) : m_source(source_name) {}

  // "file:line:column", or the file name alone when the place is unknown.
  std::string where(const toml::source_region* region) const;

  [[noreturn]] void fail(Errc code, const toml::source_region* region, std::string_view message,
                         std::string field = {}) const;

  // Parses a whole text; a syntax error fails with config_syntax at its line.
  toml::table parse(std::string_view text) const;

  // Runs a step that may fail: its error, or nullopt (for callers that report every problem).
  template <class Step>
  std::optional<Error> attempt(Step&& step) {
    try {
      step();
      return std::nullopt;
    } catch (Failure& failure) {
      return std::move(failure.error);
    }
  }

  // Where a value was read from (for the checks that span sections); null when it was a default.
  const toml::source_region* region_of(const std::string& field) const {
    auto it = m_regions.find(field);
    return it == m_regions.end() ? nullptr : &it->second;
  }

  Section top(const toml::table& root) const { return Section{&root, "", "at the top level", root.source()}; }

  // Rejects keys not in `allowed`. hint() may add an explanation for a key (empty: none).
  template <class Range, class Hint>
  void check_keys(const Section& s, const Range& allowed, Hint&& hint) const {
    if (s.table == nullptr) return;
    // toml::table is ordered by key; report the unknown key that comes first in the file.
    const toml::key* first = nullptr;
    for (auto&& [key, node] : *s.table) {
      (void)node;
      if (contains(allowed, key.str())) continue;
      if (first == nullptr || key.source().begin < first->source().begin) first = &key;
    }
    if (first == nullptr) return;
    std::string extra = hint(first->str());
    if (extra.empty()) {
      std::string_view guess = closest(allowed, first->str());
      if (!guess.empty()) extra = fmt::format("did you mean '{}'?", guess);
    }
    fail(Errc::config_unknown_key, &first->source(),
         fmt::format("unknown key '{}' {}{}", first->str(), s.in_label,
                     extra.empty() ? std::string() : fmt::format(" ({})", extra)),
         s.field(first->str()));
  }
  template <class Range>
  void check_keys(const Section& s, const Range& allowed) const {
    check_keys(s, allowed, [](std::string_view) { return std::string(); });
  }

  const toml::node* find(const Section& s, std::string_view key) {
    if (s.table == nullptr) return nullptr;
    const toml::node* node = s.table->get(key);
    if (node != nullptr) m_regions[s.field(key)] = node->source();
    return node;
  }

  [[noreturn]] void type_error(const Section& s, std::string_view key, const toml::node& node,
                               std::string_view expected) const {
    fail(Errc::config_type, &node.source(),
         fmt::format("'{}' must be {} (got {})", s.field(key), expected, type_phrase(node.type())), s.field(key));
  }

  [[noreturn]] void value_error(const Section& s, std::string_view key, std::string_view message) const {
    std::string field = s.field(key);
    fail(Errc::invalid_value, region_of(field), fmt::format("'{}' {}", field, message), field);
  }

  [[noreturn]] void missing(const Section& s, std::string_view key, std::string_view why = {}) const {
    std::string field = s.field(key);
    fail(Errc::config_missing, s.table != nullptr ? &s.region : nullptr,
         fmt::format("missing required key '{}' {}{}", key, s.in_label,
                     why.empty() ? std::string() : fmt::format(" ({})", why)),
         field);
  }

  // A sub-table (a [section] or an inline table). Absent: Section with table == nullptr.
  Section table(const Section& parent, std::string_view key, std::string in_label) {
    Section s;
    s.path = parent.field(key);
    s.in_label = std::move(in_label);
    const toml::node* node = find(parent, key);
    if (node == nullptr) return s;
    if (!node->is_table()) type_error(parent, key, *node, "a table");
    s.table = node->as_table();
    s.region = node->source();
    return s;
  }

  bool read(const Section& s, std::string_view key, std::string& out) {
    const toml::node* node = find(s, key);
    if (node == nullptr) return false;
    if (!node->is_string()) type_error(s, key, *node, "a string");
    out = node->as_string()->get();
    return true;
  }

  bool read(const Section& s, std::string_view key, bool& out) {
    const toml::node* node = find(s, key);
    if (node == nullptr) return false;
    if (!node->is_boolean()) type_error(s, key, *node, "a boolean (true or false)");
    out = node->as_boolean()->get();
    return true;
  }

  bool read(const Section& s, std::string_view key, std::int64_t& out, std::int64_t min, std::int64_t max,
            std::string_view unit = {}) {
    const toml::node* node = find(s, key);
    if (node == nullptr) return false;
    if (!node->is_integer()) type_error(s, key, *node, "an integer");
    std::int64_t v = node->as_integer()->get();
    if (v < min || v > max) {
      std::string u = unit.empty() ? std::string() : fmt::format(" {}", unit);
      if (max == std::numeric_limits<std::int64_t>::max() || max == std::numeric_limits<int>::max())
        value_error(s, key, fmt::format("must be at least {}{} (got {})", min, u, v));
      value_error(s, key, fmt::format("must be between {} and {}{} (got {})", min, max, u, v));
    }
    out = v;
    return true;
  }

  bool read(const Section& s, std::string_view key, int& out, int min, int max = std::numeric_limits<int>::max(),
            std::string_view unit = {}) {
    std::int64_t v = 0;
    if (!read(s, key, v, min, max, unit)) return false;
    out = static_cast<int>(v);
    return true;
  }

  // Floating-point keys also take integers (lat = 52 is fine).
  bool read(const Section& s, std::string_view key, double& out, double min, double max, std::string_view unit = {}) {
    const toml::node* node = find(s, key);
    if (node == nullptr) return false;
    double v = 0;
    if (node->is_floating_point()) v = node->as_floating_point()->get();
    else if (node->is_integer()) v = static_cast<double>(node->as_integer()->get());
    else type_error(s, key, *node, "a number");
    if (!std::isfinite(v) || v < min || v > max)
      value_error(s, key,
                  fmt::format("must be between {} and {}{} (got {})", min, max,
                              unit.empty() ? std::string() : fmt::format(" {}", unit), v));
    out = v;
    return true;
  }

  bool read(const Section& s, std::string_view key, std::vector<std::string>& out) {
    const toml::node* node = find(s, key);
    if (node == nullptr) return false;
    if (!node->is_array()) type_error(s, key, *node, "an array of strings");
    const toml::array& array = *node->as_array();
    std::vector<std::string> values;
    for (std::size_t i = 0; i < array.size(); ++i) {
      const toml::node& element = array[i];
      std::string field = fmt::format("{}[{}]", s.field(key), i);
      m_regions[field] = element.source();
      if (!element.is_string())
        fail(Errc::config_type, &element.source(),
             fmt::format("'{}' must be an array of strings (element {} is {})", s.field(key), i + 1,
                         type_phrase(element.type())),
             s.field(key));
      values.push_back(element.as_string()->get());
    }
    out = std::move(values);
    return true;
  }

  // Element i of a string array read before: for messages about one element.
  [[noreturn]] void element_error(const Section& s, std::string_view key, std::size_t i,
                                  std::string_view message) const {
    std::string field = s.field(key);
    const toml::source_region* region = region_of(fmt::format("{}[{}]", field, i));
    fail(Errc::invalid_value, region != nullptr ? region : region_of(field), fmt::format("'{}' {}", field, message),
         field);
  }

  std::string_view source() const { return m_source; }

 private:
  std::string m_source;
  std::map<std::string, toml::source_region> m_regions;
};

}  // namespace kiosk::strict_toml
