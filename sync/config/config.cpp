// Configuration loading: strict TOML (toml++) → Config, with file:line:column in every error.
//
// Parsing walks the toml::table section by section. Every section first rejects keys it does not know
// (with a "did you mean" hint, or "it belongs in [channels.X]" for another channel's key), then reads
// each key with a type check and a range check, remembering where each value was so that the
// cross-section checks at the end (routing → enabled channels, default language, secrets file) can
// still point at a line. Internally a failure is thrown as Failure and turned into an Error at the
// API boundary; nothing escapes as an exception except from demo_config().
#include "kiosk/sync/config.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/submission.hpp"

namespace kiosk::detail {
// Generated at build time from assets/config/demo.toml by sync/config/embed.cmake.
extern const char kDemoConfigText[];
}  // namespace kiosk::detail

namespace kiosk {

namespace fs = std::filesystem;

namespace {

struct Failure {
  Error error;
};

// ---------------------------------------------------------------------------------------------------------
// Key sets

constexpr std::string_view kTopKeys[] = {"format", "kiosk", "storage", "retention", "routing",
                                         "sync",   "ui",    "places",  "channels",
                                         "polls",  "news"};
constexpr std::string_view kPollKeys[] = {"id", "question", "answers"};
constexpr std::string_view kPollAnswerKeys[] = {"id", "text"};
constexpr std::string_view kNewsKeys[] = {"id", "published", "text"};
constexpr std::string_view kKioskKeys[] = {"id",        "code_prefix", "municipality",    "time_zone",
                                           "languages", "default_language", "location"};
constexpr std::string_view kPlaceKeys[] = {"name", "lat", "lon"};
constexpr std::string_view kStorageKeys[] = {"outbox", "dictionary_dir", "max_outbox_mb"};
constexpr std::string_view kRetentionKeys[] = {"personal_data_days"};
constexpr std::string_view kRoutingKeys[] = {"question", "report", "idea", "poll"};
constexpr std::string_view kSyncKeys[] = {"interval_s", "secrets_file", "answer_poll_interval_s", "connections_per_host",
                                          "batches_in_flight"};
constexpr std::string_view kUiKeys[] = {"fullscreen",     "panel_dpi",      "viewing_distance_mm",
                                        "idle_timeout_s", "idle_warning_s", "technician_pin_hash",
                                        "printer",        "large_text_scale", "panel_width", "panel_height", "panel_width_mm",
                                        "orientation"};
constexpr std::string_view kChannelCommonKeys[] = {"enabled",     "base_url",    "timeout_s",
                                                   "batch_count", "batch_bytes", "ca_bundle"};

std::vector<std::string_view> channel_specific_keys(std::string_view channel) {
  if (channel == "openklant") return {"kanaal", "vertrouwelijk"};
  if (channel == "signalen") return {"source", "posts_per_hour"};
  if (channel == "open311") return {"jurisdiction_id"};
  if (channel == "mastodon") return {"visibility", "status_language", "prefix_template", "answer_accounts"};
  return {};
}

std::vector<std::string_view> channel_keys(std::string_view channel) {
  std::vector<std::string_view> keys(std::begin(kChannelCommonKeys), std::end(kChannelCommonKeys));
  for (auto k : channel_specific_keys(channel)) keys.push_back(k);
  return keys;
}

// Keys that look like credentials: they belong in the secrets file, never in the readable config.
bool looks_like_secret(std::string_view key) {
  return key == "token" || key == "api_key" || key == "access_token" || key == "password" ||
         key == "secret" || key == "client_secret";
}

// Channels that need a credential from the secrets file.
bool channel_needs_secret(std::string_view channel) {
  return channel == "openklant" || channel == "open311" || channel == "mastodon";
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

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

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

// A table being read: the toml table (null when the section is absent), its dotted path and how
// messages name it.
struct Section {
  const toml::table* table = nullptr;
  std::string path;                // "" for the top level, "kiosk", "channels.openklant", "places[2]"
  std::string in_label;            // "at the top level", "in [kiosk]", "in [[places]]"
  toml::source_region region{};    // where the section starts (its header), when present

  std::string field(std::string_view key) const {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
  }
};

// ---------------------------------------------------------------------------------------------------------
// The reader shared by the configuration and the secrets file.

class Reader {
 public:
  explicit Reader(std::string_view source_name) : m_source(source_name) {}

  std::string where(const toml::source_region* region) const {
    if (region == nullptr || region->begin.line == 0) return m_source;
    return fmt::format("{}:{}:{}", m_source, region->begin.line, region->begin.column);
  }

  [[noreturn]] void fail(Errc code, const toml::source_region* region, std::string_view message,
                         std::string field = {}) const {
    throw Failure{make_error(code, fmt::format("{}: {}", where(region), message), std::move(field))};
  }

  // Where a value was read from (for the checks that span sections); null when it was a default.
  const toml::source_region* region_of(const std::string& field) const {
    auto it = m_regions.find(field);
    return it == m_regions.end() ? nullptr : &it->second;
  }

  Section top(const toml::table& root) const {
    return Section{&root, "", "at the top level", root.source()};
  }

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
         fmt::format("'{}' must be {} (got {})", s.field(key), expected, type_phrase(node.type())),
         s.field(key));
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

  bool read(const Section& s, std::string_view key, std::int64_t& out, std::int64_t min,
            std::int64_t max, std::string_view unit = {}) {
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

  bool read(const Section& s, std::string_view key, int& out, int min,
            int max = std::numeric_limits<int>::max(), std::string_view unit = {}) {
    std::int64_t v = 0;
    if (!read(s, key, v, min, max, unit)) return false;
    out = static_cast<int>(v);
    return true;
  }

  // Floating-point keys also take integers (lat = 52 is fine).
  bool read(const Section& s, std::string_view key, double& out, double min, double max,
            std::string_view unit = {}) {
    const toml::node* node = find(s, key);
    if (node == nullptr) return false;
    double v = 0;
    if (node->is_floating_point())
      v = node->as_floating_point()->get();
    else if (node->is_integer())
      v = static_cast<double>(node->as_integer()->get());
    else
      type_error(s, key, *node, "a number");
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
    fail(Errc::invalid_value, region != nullptr ? region : region_of(field),
         fmt::format("'{}' {}", field, message), field);
  }

  std::string_view source() const { return m_source; }

 private:
  std::string m_source;
  std::map<std::string, toml::source_region> m_regions;
};

toml::table parse_toml(Reader& reader, std::string_view text) {
  try {
    return toml::parse(text, std::string(reader.source()));
  } catch (const toml::parse_error& e) {
    reader.fail(Errc::config_syntax, &e.source(), fmt::format("TOML syntax error: {}", e.description()));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Value checks

bool valid_kiosk_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

// An IANA name such as Europe/Amsterdam or UTC. Only the shape is checked (the kiosk image may not
// carry tzdata at build time); no absolute paths or "..", since it may end up in a file name.
bool valid_time_zone(std::string_view tz) {
  if (tz.empty() || tz.size() > 64 || tz.front() == '/' || tz.back() == '/') return false;
  if (tz.find("..") != std::string_view::npos || tz.find("//") != std::string_view::npos) return false;
  return std::all_of(tz.begin(), tz.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

bool is_lower_iso639_1(std::string_view s) {
  return s.size() == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z';
}

// Checks an http(s) base URL; returns an error text or empty. Normalises away trailing slashes.
std::string check_base_url(std::string& url) {
  std::string_view rest;
  bool https = false;
  if (url.rfind("https://", 0) == 0) {
    https = true;
    rest = std::string_view(url).substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    rest = std::string_view(url).substr(7);
  } else {
    return "must start with https:// (or http:// for a test server on 127.0.0.1 or localhost)";
  }
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      return "must not contain spaces or control characters";
  if (url.find_first_of("?#") != std::string::npos) return "must not contain a query or fragment";
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.find('@') != std::string_view::npos)
    return "must not contain a user name or password (credentials go in the secrets file)";
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    auto close = host.find(']');
    if (close == std::string_view::npos) return "has an unterminated [IPv6] host";
    host = host.substr(0, close + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty()) return "has no host name";
  if (!https && host != "127.0.0.1" && host != "localhost" && host != "[::1]")
    return fmt::format(
        "uses plain http:// for '{}'; only https:// is allowed, except for a test server on 127.0.0.1 or "
        "localhost",
        host);
  while (url.size() > (https ? 8u : 7u) + authority.size() && url.back() == '/') url.pop_back();
  return {};
}

// The mastodon prefix template: placeholders {municipality} and {text}, {text} required.
std::string check_prefix_template(std::string_view tpl) {
  bool has_text = false;
  for (std::size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] == '}') return "has a '}' without '{'";
    if (tpl[i] != '{') continue;
    auto close = tpl.find('}', i);
    if (close == std::string_view::npos) return "has a '{' without '}'";
    std::string_view name = tpl.substr(i + 1, close - i - 1);
    if (name == "text")
      has_text = true;
    else if (name != "municipality")
      return fmt::format("has an unknown placeholder '{{{}}}' (known: {{municipality}}, {{text}})", name);
    i = close;
  }
  if (!has_text) return "must contain the placeholder {text}";
  return {};
}

// One entry of mastodon.answer_accounts: "user", "user@domain" (a leading '@' allowed) or a numeric
// account id. Usernames are letters, digits and '_' (Mastodon's rule); the domain is a host name.
std::string check_mastodon_account(std::string_view a) {
  std::string shown(a);
  auto bad = [&] {
    return fmt::format("has '{}', which is not a Mastodon account: write \"webcare\" (same instance), "
                       "\"webcare@gemeente.nl\" (another instance) or a numeric account id",
                       shown);
  };
  if (!a.empty() && a.front() == '@') a.remove_prefix(1);
  auto at = a.find('@');
  std::string_view user = a.substr(0, at);
  std::string_view domain = at == std::string_view::npos ? std::string_view() : a.substr(at + 1);
  if (user.empty() || user.size() > 64 || (at != std::string_view::npos && domain.empty()) || domain.size() > 253)
    return bad();
  for (char c : user)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return bad();
  for (char c : domain)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return bad();
  if (!domain.empty() && (domain.front() == '.' || domain.back() == '.' || domain.find('.') == std::string_view::npos))
    return bad();
  return {};
}

fs::path resolve_path(const fs::path& base_dir, const std::string& value) {
  if (value.empty()) return {};
  fs::path p(value);
  if (p.is_relative()) p = base_dir / p;
  return p.lexically_normal();
}

fs::path absolute_dir(const fs::path& dir) {
  std::error_code ec;
  fs::path out = dir.empty() ? fs::current_path(ec) : fs::absolute(dir, ec);
  if (ec) return dir;
  return out.lexically_normal();
}

// ---------------------------------------------------------------------------------------------------------
// The configuration

class ConfigParser {
 public:
  ConfigParser(std::string_view source_name, fs::path base_dir)
      : m_r(source_name), m_base(absolute_dir(base_dir)) {}

  Config parse(std::string_view text) {
    toml::table root = parse_toml(m_r, text);
    Section top = m_r.top(root);
    Config cfg;
    read_format(top, cfg);
    m_r.check_keys(top, kTopKeys);
    read_kiosk(top, cfg.kiosk);
    read_storage(top, cfg.storage);
    read_retention(top, cfg.retention);
    read_routing(top, cfg.routing);
    read_sync(top, cfg.sync);
    read_ui(top, cfg.ui);
    read_places(top, cfg.places);
    read_polls(top, cfg);
    read_news(top, cfg);
    read_channels(top, cfg.channels);
    cross_checks(cfg);
    return cfg;
  }

 private:
  void read_format(const Section& top, Config& cfg) {
    std::int64_t format = 0;
    const toml::node* node = m_r.find(top, "format");
    if (node == nullptr)
      m_r.fail(Errc::config_missing, nullptr,
               fmt::format("missing required key 'format' at the top level (add `format = {}` as the "
                           "first line)",
                           kConfigFormatVersion),
               "format");
    if (!node->is_integer()) m_r.type_error(top, "format", *node, "an integer");
    format = node->as_integer()->get();
    if (format != kConfigFormatVersion)
      m_r.value_error(top, "format",
                      fmt::format("is {}, but this kiosk reads configuration format {} only{}", format,
                                  kConfigFormatVersion,
                                  format > kConfigFormatVersion ? " (the file is for a newer kiosk version)"
                                                                : ""));
    cfg.format = static_cast<int>(format);
  }

  void read_place(const Section& s, Place& place, bool name_required) {
    m_r.check_keys(s, kPlaceKeys);
    if (s.table == nullptr) return;
    if (!m_r.read(s, "name", place.name) && name_required) m_r.missing(s, "name");
    if (name_required && place.name.empty()) m_r.value_error(s, "name", "must not be empty");
    double lat = 0, lon = 0;
    bool has_lat = m_r.read(s, "lat", lat, -90, 90, "degrees");
    bool has_lon = m_r.read(s, "lon", lon, -180, 180, "degrees");
    if (has_lat != has_lon)
      m_r.missing(s, has_lat ? "lon" : "lat", "lat and lon go together (WGS84 degrees)");
    if (has_lat) {
      place.lat = lat;
      place.lon = lon;
    }
  }

  void read_kiosk(const Section& top, KioskSection& k) {
    Section s = m_r.table(top, "kiosk", "in [kiosk]");
    if (s.table == nullptr)
      m_r.fail(Errc::config_missing, nullptr, "missing required section [kiosk]", "kiosk");
    m_r.check_keys(s, kKioskKeys);

    if (!m_r.read(s, "id", k.id)) m_r.missing(s, "id");
    if (!valid_kiosk_id(k.id))
      m_r.value_error(s, "id", fmt::format("must be 1 to 64 characters of A-Z, a-z, 0-9, '-', '_', '.' (got '{}')",
                                           k.id));

    if (!m_r.read(s, "code_prefix", k.code_prefix)) m_r.missing(s, "code_prefix");
    if (!refcode::valid_prefix(k.code_prefix))
      m_r.value_error(s, "code_prefix",
                      fmt::format("must be {} Crockford base32 characters in upper case ({}: no I, L, O, U) "
                                  "(got '{}')",
                                  refcode::kPrefixLength, refcode::kAlphabet, k.code_prefix));

    if (!m_r.read(s, "municipality", k.municipality)) m_r.missing(s, "municipality");
    if (k.municipality.empty()) m_r.value_error(s, "municipality", "must not be empty");

    m_r.read(s, "time_zone", k.time_zone);
    if (!valid_time_zone(k.time_zone))
      m_r.value_error(s, "time_zone",
                      fmt::format("must be an IANA time zone name such as Europe/Amsterdam (got '{}')",
                                  k.time_zone));

    if (m_r.read(s, "languages", k.languages)) {
      if (k.languages.empty()) m_r.value_error(s, "languages", "must name at least one language");
      for (std::size_t i = 0; i < k.languages.size(); ++i) {
        if (!contains(kSupportedLanguages, k.languages[i]))
          m_r.element_error(s, "languages", i,
                            fmt::format("contains '{}', which the kiosk does not support (supported: {})",
                                        k.languages[i], join(kSupportedLanguages)));
        if (std::find(k.languages.begin(), k.languages.begin() + static_cast<std::ptrdiff_t>(i),
                      k.languages[i]) != k.languages.begin() + static_cast<std::ptrdiff_t>(i))
          m_r.element_error(s, "languages", i, fmt::format("lists '{}' twice", k.languages[i]));
      }
    }
    m_r.read(s, "default_language", k.default_language);

    Section loc = m_r.table(s, "location", "in [kiosk.location]");
    read_place(loc, k.location, false);
  }

  void read_storage(const Section& top, StorageSection& st) {
    Section s = m_r.table(top, "storage", "in [storage]");
    if (s.table == nullptr)
      m_r.fail(Errc::config_missing, nullptr, "missing required section [storage] (with outbox = \"…\")",
               "storage");
    m_r.check_keys(s, kStorageKeys);
    std::string outbox, dict;
    if (!m_r.read(s, "outbox", outbox)) m_r.missing(s, "outbox");
    if (outbox.empty()) m_r.value_error(s, "outbox", "must not be empty");
    st.outbox = resolve_path(m_base, outbox);
    m_r.read(s, "dictionary_dir", dict);
    st.dictionary_dir = dict.empty() ? absolute_dir(fs::path(assets_dir()) / "dict") : resolve_path(m_base, dict);
    m_r.read(s, "max_outbox_mb", st.max_outbox_mb, 1, std::int64_t{1} << 20, "MiB");
  }

  void read_retention(const Section& top, RetentionSection& r) {
    Section s = m_r.table(top, "retention", "in [retention]");
    m_r.check_keys(s, kRetentionKeys);
    m_r.read(s, "personal_data_days", r.personal_data_days, 1, 3650, "days");
  }

  void read_routing(const Section& top, RoutingSection& r) {
    Section s = m_r.table(top, "routing", "in [routing]");
    m_r.check_keys(s, kRoutingKeys);
    std::pair<std::string_view, std::vector<std::string>*> kinds[] = {
        {"question", &r.question}, {"report", &r.report}, {"idea", &r.idea}, {"poll", &r.poll}};
    for (auto& [kind, list] : kinds) {
      if (!m_r.read(s, kind, *list)) continue;
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string& name = (*list)[i];
        if (!contains(kChannelNames, name)) {
          std::string_view guess = closest(kChannelNames, name);
          m_r.element_error(s, kind, i,
                            fmt::format("names an unknown channel '{}' ({}known: {})", name,
                                        guess.empty() ? std::string() : fmt::format("did you mean '{}'? ", guess),
                                        join(kChannelNames)));
        }
        if (std::count(list->begin(), list->end(), name) > 1)
          m_r.element_error(s, kind, i, fmt::format("lists channel '{}' twice", name));
      }
    }
  }

  void read_sync(const Section& top, SyncSection& sy) {
    Section s = m_r.table(top, "sync", "in [sync]");
    m_r.check_keys(s, kSyncKeys);
    m_r.read(s, "interval_s", sy.interval_s, 1, 86400, "seconds");
    m_r.read(s, "answer_poll_interval_s", sy.answer_poll_interval_s, 1, 7 * 86400, "seconds");
    m_r.read(s, "connections_per_host", sy.connections_per_host, 1, 32, "connections");
    m_r.read(s, "batches_in_flight", sy.batches_in_flight, 1, 8, "batches");
    std::string secrets;
    if (m_r.read(s, "secrets_file", secrets) && secrets.empty())
      m_r.value_error(s, "secrets_file", "must not be empty (leave the key out when no channel needs one)");
    sy.secrets_file = resolve_path(m_base, secrets);
  }

  void read_ui(const Section& top, UiSection& ui) {
    Section s = m_r.table(top, "ui", "in [ui]");
    m_r.check_keys(s, kUiKeys);
    m_r.read(s, "fullscreen", ui.fullscreen);
    m_r.read(s, "panel_dpi", ui.panel_dpi, 20, 2000, "dots per inch");
    m_r.read(s, "panel_width", ui.panel_width, 0, 16384, "pixels");
    m_r.read(s, "panel_height", ui.panel_height, 0, 16384, "pixels");
    m_r.read(s, "panel_width_mm", ui.panel_width_mm, 0.0, 5000.0, "mm");
    if (m_r.read(s, "orientation", ui.orientation) && ui.orientation != "landscape" && ui.orientation != "portrait")
      m_r.value_error(s, "orientation", "must be \"landscape\" or \"portrait\"");
    m_r.read(s, "viewing_distance_mm", ui.viewing_distance_mm, 100, 5000, "mm");
    m_r.read(s, "idle_timeout_s", ui.idle_timeout_s, 30, 3600, "seconds");
    m_r.read(s, "idle_warning_s", ui.idle_warning_s, 20, 3600, "seconds (EN 301 549 asks for at least 20)");
    m_r.read(s, "technician_pin_hash", ui.technician_pin_hash);
    m_r.read(s, "printer", ui.printer);
    m_r.read(s, "large_text_scale", ui.large_text_scale, 1.1, 2.5);
  }

  // An array of tables ([[key]]), or nullptr when absent.
  const toml::array* array_of_tables(const Section& top, std::string_view key) {
    const toml::node* node = m_r.find(top, key);
    if (node == nullptr) return nullptr;
    const toml::array* array = node->as_array();
    if (array == nullptr || (!array->empty() && !array->is_array_of_tables()))
      m_r.fail(Errc::config_type, &node->source(),
               fmt::format("'{}' must be an array of tables, written as [[{}]] sections (got {})", key, key,
                           array == nullptr ? type_phrase(node->type()) : "an array of other values"),
               std::string(key));
    return array;
  }

  void read_id(const Section& s, std::string& id) {
    if (!m_r.read(s, "id", id)) m_r.missing(s, "id");
    if (!valid_kiosk_id(id))
      m_r.value_error(s, "id", fmt::format("must be 1 to 64 characters of A-Z a-z 0-9 . _ - (got '{}')", id));
  }

  // { nl = "…", en = "…", … }: every language of kiosk.languages, nothing else.
  void read_localized(const Section& parent, std::string_view key, LocalizedText& out,
                      const std::vector<std::string>& languages) {
    Section s = m_r.table(parent, key, fmt::format("in '{}'", parent.field(key)));
    if (s.table == nullptr) m_r.missing(parent, key, "a table of texts per language, e.g. { nl = \"…\", en = \"…\" }");
    m_r.check_keys(s, kSupportedLanguages);
    for (std::string_view lang : kSupportedLanguages) {
      std::string text;
      if (!m_r.read(s, lang, text)) continue;
      if (text.empty()) m_r.value_error(s, lang, "must not be empty");
      out.by_language[std::string(lang)] = std::move(text);
    }
    for (const std::string& lang : languages)
      if (!out.by_language.count(lang))
        m_r.missing(s, lang, "every language in kiosk.languages needs a text");
  }

  void read_polls(const Section& top, Config& cfg) {
    const toml::array* array = array_of_tables(top, "polls");
    if (array == nullptr) return;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = (*array)[i];
      Section s{element.as_table(), fmt::format("polls[{}]", i), "in [[polls]]", element.source()};
      m_r.check_keys(s, kPollKeys);
      Poll poll;
      read_id(s, poll.id);
      for (const Poll& other : cfg.polls)
        if (other.id == poll.id) m_r.value_error(s, "id", fmt::format("'{}' is used by two polls", poll.id));
      read_localized(s, "question", poll.question, cfg.kiosk.languages);
      const toml::array* answers = array_of_tables(s, "answers");
      if (answers == nullptr) m_r.missing(s, "answers", "2 to 8 answers, each { id = \"…\", text = { … } }");
      if (answers->size() < 2 || answers->size() > 8)
        m_r.value_error(s, "answers", fmt::format("must have 2 to 8 answers (got {})", answers->size()));
      for (std::size_t j = 0; j < answers->size(); ++j) {
        const toml::node& a = (*answers)[j];
        Section as{a.as_table(), fmt::format("polls[{}].answers[{}]", i, j), "in a poll answer", a.source()};
        m_r.check_keys(as, kPollAnswerKeys);
        PollAnswer answer;
        read_id(as, answer.id);
        for (const PollAnswer& other : poll.answers)
          if (other.id == answer.id)
            m_r.value_error(as, "id", fmt::format("'{}' is used by two answers of this poll", answer.id));
        read_localized(as, "text", answer.text, cfg.kiosk.languages);
        poll.answers.push_back(std::move(answer));
      }
      cfg.polls.push_back(std::move(poll));
    }
  }

  void read_news(const Section& top, Config& cfg) {
    const toml::array* array = array_of_tables(top, "news");
    if (array == nullptr) return;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = (*array)[i];
      Section s{element.as_table(), fmt::format("news[{}]", i), "in [[news]]", element.source()};
      m_r.check_keys(s, kNewsKeys);
      NewsSeed item;
      read_id(s, item.id);
      std::string published;
      if (!m_r.read(s, "published", published)) m_r.missing(s, "published");
      auto ms = parse_utc(published);
      if (!ms)
        m_r.value_error(s, "published",
                        fmt::format("must be a UTC time such as \"2026-11-20T09:00:00Z\" (got '{}')", published));
      item.published_ms = *ms;
      read_localized(s, "text", item.text, cfg.kiosk.languages);
      cfg.news.push_back(std::move(item));
    }
  }

  void read_places(const Section& top, std::vector<Place>& places) {
    const toml::node* node = m_r.find(top, "places");
    if (node == nullptr) return;
    const toml::array* array = node->as_array();
    if (array == nullptr || (!array->empty() && !array->is_array_of_tables()))
      m_r.fail(Errc::config_type, &node->source(),
               fmt::format("'places' must be an array of tables, written as [[places]] sections (got {})",
                           array == nullptr ? type_phrase(node->type()) : "an array of other values"),
               "places");
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = (*array)[i];
      Section s{element.as_table(), fmt::format("places[{}]", i), "in [[places]]", element.source()};
      Place place;
      read_place(s, place, true);
      places.push_back(std::move(place));
    }
  }

  void read_channels(const Section& top, std::map<std::string, ChannelConfig>& channels) {
    for (std::string_view name : kChannelNames) channels[std::string(name)].name = std::string(name);
    Section all = m_r.table(top, "channels", "in [channels]");
    m_r.check_keys(all, kChannelNames, [](std::string_view key) {
      std::string_view guess = closest(kChannelNames, key);
      return fmt::format("{}the channels are {}",
                         guess.empty() ? std::string() : fmt::format("did you mean '{}'? ", guess),
                         join(kChannelNames));
    });
    for (std::string_view name : kChannelNames) {
      Section s = m_r.table(all, name, fmt::format("in [channels.{}]", name));
      read_channel(s, channels[std::string(name)]);
    }
  }

  void read_channel(const Section& s, ChannelConfig& ch) {
    std::vector<std::string_view> allowed = channel_keys(ch.name);
    m_r.check_keys(s, allowed, [&](std::string_view key) -> std::string {
      if (looks_like_secret(key))
        return "credentials belong in the secrets file named by sync.secrets_file, never in this file";
      for (std::string_view other : kChannelNames)
        if (other != ch.name && contains(channel_specific_keys(other), key))
          return fmt::format("'{}' belongs in [channels.{}]", key, other);
      return {};
    });
    if (s.table == nullptr) return;
    m_r.read(s, "enabled", ch.enabled);
    if (m_r.read(s, "base_url", ch.base_url)) {
      std::string problem = check_base_url(ch.base_url);
      if (!problem.empty()) m_r.value_error(s, "base_url", problem);
    }
    if (ch.enabled && ch.base_url.empty()) m_r.missing(s, "base_url", "required when enabled = true");
    m_r.read(s, "timeout_s", ch.timeout_s, 1, 3600, "seconds");
    m_r.read(s, "batch_count", ch.batch_count, 1, 10000, "submissions");
    m_r.read(s, "batch_bytes", ch.batch_bytes, 1024, std::int64_t{1} << 30, "bytes");
    std::string ca;
    if (m_r.read(s, "ca_bundle", ca)) ch.ca_bundle = resolve_path(m_base, ca);

    if (ch.name == "openklant") {
      if (m_r.read(s, "kanaal", ch.kanaal) && (ch.kanaal.empty() || ch.kanaal.size() > 50))
        m_r.value_error(s, "kanaal", "must be 1 to 50 characters (Open Klant's limit)");
      m_r.read(s, "vertrouwelijk", ch.vertrouwelijk);
    } else if (ch.name == "signalen") {
      if (m_r.read(s, "source", ch.source) && ch.source.empty())
        m_r.value_error(s, "source", "must not be empty");
      m_r.read(s, "posts_per_hour", ch.posts_per_hour, 1, 100000, "posts per hour");
    } else if (ch.name == "open311") {
      m_r.read(s, "jurisdiction_id", ch.jurisdiction_id);
    } else if (ch.name == "mastodon") {
      if (m_r.read(s, "visibility", ch.visibility) &&
          !(ch.visibility == "public" || ch.visibility == "unlisted" || ch.visibility == "private"))
        m_r.value_error(s, "visibility",
                        fmt::format("must be \"public\", \"unlisted\" or \"private\" (got '{}')", ch.visibility));
      if (m_r.read(s, "status_language", ch.status_language) && !is_lower_iso639_1(ch.status_language))
        m_r.value_error(s, "status_language",
                        fmt::format("must be a two-letter ISO 639-1 code such as \"nl\" (got '{}')",
                                    ch.status_language));
      if (m_r.read(s, "prefix_template", ch.prefix_template)) {
        std::string problem = check_prefix_template(ch.prefix_template);
        if (!problem.empty()) m_r.value_error(s, "prefix_template", problem);
      }
      if (m_r.read(s, "answer_accounts", ch.answer_accounts))
        for (std::size_t i = 0; i < ch.answer_accounts.size(); ++i) {
          std::string problem = check_mastodon_account(ch.answer_accounts[i]);
          if (!problem.empty()) m_r.element_error(s, "answer_accounts", i, problem);
        }
    }
  }

  void cross_checks(const Config& cfg) {
    // The default language must be one of the offered languages.
    if (!contains(cfg.kiosk.languages, cfg.kiosk.default_language)) {
      std::string field = m_r.region_of("kiosk.default_language") != nullptr ? "kiosk.default_language"
                                                                              : "kiosk.languages";
      m_r.fail(Errc::invalid_value, m_r.region_of(field),
               fmt::format("'kiosk.default_language' is '{}', which is not in kiosk.languages ({})",
                           cfg.kiosk.default_language, join(cfg.kiosk.languages)),
               "kiosk.default_language");
    }

    // Routing may only name enabled channels: a submission routed to a disabled channel would be
    // accepted from the citizen and then never delivered.
    std::pair<std::string_view, const std::vector<std::string>*> kinds[] = {
        {"question", &cfg.routing.question},
        {"report", &cfg.routing.report},
        {"idea", &cfg.routing.idea},
        {"poll", &cfg.routing.poll}};
    for (const auto& [kind, list] : kinds) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string& name = (*list)[i];
        if (cfg.channels.at(name).enabled) continue;
        std::string field = fmt::format("routing.{}", kind);
        const toml::source_region* region = m_r.region_of(fmt::format("{}[{}]", field, i));
        std::string is_default;
        if (region == nullptr) {
          is_default = fmt::format(" (the default: [{}])", join(*list));
          region = m_r.region_of(fmt::format("channels.{}.enabled", name));
          if (region == nullptr) region = m_r.region_of(fmt::format("channels.{}", name));
        }
        m_r.fail(Errc::invalid_value, region,
                 fmt::format("'{}'{} sends to channel '{}', which is not enabled; set enabled = true in "
                             "[channels.{}] or remove it from {}",
                             field, is_default, name, name, field),
                 field);
      }
    }

    // Channels with a credential need the secrets file.
    if (cfg.sync.secrets_file.empty()) {
      for (const auto& [name, ch] : cfg.channels) {
        if (!ch.enabled || !channel_needs_secret(name)) continue;
        const toml::source_region* region = m_r.region_of("sync");
        m_r.fail(Errc::config_missing, region,
                 fmt::format("missing required key 'secrets_file' in [sync] (channel '{}' is enabled and "
                             "needs a credential from the secrets file)",
                             name),
                 "sync.secrets_file");
      }
    }

    if (cfg.ui.idle_warning_s >= cfg.ui.idle_timeout_s) {
      std::string field = m_r.region_of("ui.idle_warning_s") != nullptr ? "ui.idle_warning_s" : "ui.idle_timeout_s";
      m_r.fail(Errc::invalid_value, m_r.region_of(field),
               fmt::format("'ui.idle_warning_s' ({} s) must be shorter than 'ui.idle_timeout_s' ({} s)",
                           cfg.ui.idle_warning_s, cfg.ui.idle_timeout_s),
               field);
    }
  }

  Reader m_r;
  fs::path m_base;
};

Result<std::string> read_text_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return make_error(Errc::io, fmt::format("{}: cannot open configuration file: {}", file.string(),
                                            std::strerror(errno)));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad())
    return make_error(Errc::io, fmt::format("{}: cannot read configuration file", file.string()));
  return buffer.str();
}

}  // namespace

// -------------------------------------------------------------------------------------------------------------
// Public API

const std::string& LocalizedText::get(std::string_view language, std::string_view fallback) const {
  static const std::string kEmpty;
  auto it = by_language.find(std::string(language));
  if (it != by_language.end()) return it->second;
  it = by_language.find(std::string(fallback));
  if (it != by_language.end()) return it->second;
  return by_language.empty() ? kEmpty : by_language.begin()->second;
}

Result<Config> parse_config(std::string_view toml_text, std::string_view source_name,
                            const std::filesystem::path& base_dir) {
  try {
    ConfigParser parser(source_name, base_dir);
    return parser.parse(toml_text);
  } catch (Failure& failure) {
    return std::move(failure.error);
  }
}

Result<Config> load_config_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (fs::is_directory(file, ec))
    return make_error(Errc::io, fmt::format("{}: is a directory, not a configuration file", file.string()));
  auto text = read_text_file(file);
  if (!text.ok()) return text.error();
  fs::path absolute = fs::absolute(file, ec);
  if (ec) absolute = file;
  absolute = absolute.lexically_normal();
  auto cfg = parse_config(text.value(), file.string(), absolute.parent_path());
  if (cfg.ok()) cfg.value().source = absolute;
  return cfg;
}

std::string_view demo_config_text() { return std::string_view(detail::kDemoConfigText); }

Config demo_config() {
  auto cfg = parse_config(demo_config_text(), "demo.toml (built in)", {});
  if (!cfg.ok()) throw std::logic_error("the embedded demo configuration is invalid: " + cfg.error().message);
  return std::move(cfg).value();
}

Result<Config> resolve_config(const std::optional<std::filesystem::path>& cli_path) {
  if (cli_path) return load_config_file(*cli_path);
  if (const char* env = std::getenv("KIOSK_CONFIG"); env != nullptr && *env != '\0')
    return load_config_file(fs::path(env));
  return parse_config(demo_config_text(), "demo.toml (built in)", {});
}

Result<Secrets> load_secrets_file(const std::filesystem::path& file) {
  const std::string name = file.string();
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return make_error(Errc::io, fmt::format("{}: cannot open secrets file: {}", name, std::strerror(errno)));
  // Check the permissions of the file we actually opened (no race with a rename).
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return make_error(Errc::io, fmt::format("{}: cannot stat secrets file: {}", name, std::strerror(err)));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return make_error(Errc::config_permissions, fmt::format("{}: the secrets file must be a regular file", name));
  }
  const unsigned mode = static_cast<unsigned>(st.st_mode) & 07777u;
  if ((mode & 0037u) != 0) {
    ::close(fd);
    return make_error(Errc::config_permissions,
                      fmt::format("{}: permissions are {:04o}; the secrets file must not be readable by others "
                                  "(use chmod 0600, owner = the sync service's user; or 0640 with owner root "
                                  "and the sync service's group)",
                                  name, mode));
  }
  std::string text;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return make_error(Errc::io, fmt::format("{}: cannot read secrets file: {}", name, std::strerror(err)));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > (1u << 20)) {
      ::close(fd);
      return make_error(Errc::io, fmt::format("{}: the secrets file is larger than 1 MiB", name));
    }
  }
  ::close(fd);

  try {
    Reader r(name);
    toml::table root = parse_toml(r, text);
    Section top = r.top(root);
    constexpr std::string_view top_keys[] = {"format", "openklant", "open311", "mastodon"};
    r.check_keys(top, top_keys);
    std::int64_t format = kConfigFormatVersion;
    if (r.read(top, "format", format, std::numeric_limits<std::int64_t>::min(),
               std::numeric_limits<std::int64_t>::max()) &&
        format != kConfigFormatVersion)
      r.value_error(top, "format",
                    fmt::format("is {}, but this kiosk reads secrets format {} only", format, kConfigFormatVersion));

    Secrets secrets;
    struct Entry {
      std::string_view section, key;
      std::string* out;
    };
    const Entry entries[] = {{"openklant", "token", &secrets.openklant_token},
                             {"open311", "api_key", &secrets.open311_api_key},
                             {"mastodon", "access_token", &secrets.mastodon_access_token}};
    for (const Entry& e : entries) {
      Section s = r.table(top, e.section, fmt::format("in [{}]", e.section));
      const std::string_view allowed[] = {e.key};
      r.check_keys(s, allowed);
      if (!r.read(s, e.key, *e.out)) continue;
      // Never quote the value: this is a credential.
      if (e.out->empty()) r.value_error(s, e.key, "must not be empty (leave the key out instead)");
      for (char c : *e.out)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
          r.value_error(s, e.key, "must not contain spaces or control characters");
    }
    return secrets;
  } catch (Failure& failure) {
    return std::move(failure.error);
  }
}

Result<void> check_secrets(const Config& config, const Secrets& secrets) {
  const std::string file = config.sync.secrets_file.string();
  struct Need {
    std::string_view channel, what;
    const std::string* value;
  };
  const Need needs[] = {{"openklant", "[openklant] token", &secrets.openklant_token},
                        {"open311", "[open311] api_key", &secrets.open311_api_key},
                        {"mastodon", "[mastodon] access_token", &secrets.mastodon_access_token}};
  for (const Need& n : needs) {
    auto it = config.channels.find(std::string(n.channel));
    if (it == config.channels.end() || !it->second.enabled || !n.value->empty()) continue;
    return make_error(Errc::config_missing,
                      fmt::format("{}: missing {} (channel '{}' is enabled)", file, n.what, n.channel),
                      fmt::format("{}.{}", n.channel, n.what.substr(n.what.find(' ') + 1)));
  }
  return {};
}

std::string_view assets_dir() {
  static const std::string dir = [] {
    if (const char* env = std::getenv("KIOSK_ASSETS_DIR"); env != nullptr && *env != '\0')
      return std::string(env);
#ifdef KIOSK_SOURCE_ASSETS_DIR
    std::error_code ec;
    if (fs::is_directory(fs::path(KIOSK_SOURCE_ASSETS_DIR), ec)) return std::string(KIOSK_SOURCE_ASSETS_DIR);
#endif
#ifdef KIOSK_INSTALL_ASSETS_DIR
    return std::string(KIOSK_INSTALL_ASSETS_DIR);
#else
    return std::string("/usr/share/kiosk");
#endif
  }();
  return dir;
}

}  // namespace kiosk
