// The strict TOML reader (strict_toml.hpp).
#include "kiosk/sync/strict_toml.hpp"

#include "kiosk/sync/edit_distance.hpp"

namespace kiosk::strict_toml {

std::size_t edit_distance(std::string_view a, std::string_view b) { return kiosk::edit_distance(a, b); }

std::string_view type_phrase(toml::node_type type) {
  switch (type) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

std::string Reader::where(const toml::source_region* region) const {
  if (region == nullptr || region->begin.line == 0) return m_source;
  return fmt::format("{}:{}:{}", m_source, region->begin.line, region->begin.column);
}

void Reader::fail(Errc code, const toml::source_region* region, std::string_view message, std::string field) const {
  throw Failure{make_error(code, fmt::format("{}: {}", where(region), message), std::move(field))};
}

toml::table Reader::parse(std::string_view text) const {
  try {
    return toml::parse(text, m_source);
  } catch (const toml::parse_error& e) {
    fail(Errc::config_syntax, &e.source(), fmt::format("TOML syntax error: {}", e.description()));
  }
}

}  // namespace kiosk::strict_toml
