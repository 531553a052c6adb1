// The configuration's schema: TOML → Config through the strict reader (strict_toml.hpp), with
// file:line:column in every error. The secrets file is read in secrets.cpp.
//
// Parsing walks the toml::table section by section. Every section first rejects keys it does not know
// (with a "did you mean" hint, or "it belongs in [channels.X]" for another channel's key), then reads
// each key with a type check and a range check. A channel's own keys come from its descriptor
// (channel_descriptor.hpp). The cross-section checks at the end (routing → enabled channels that carry
// the kind, default language, secrets file) still point at a line. Nothing escapes as an exception
// except from demo_config().
#include "kiosk/sync/config.hpp"

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

#include "kiosk/sync/channel_descriptor.hpp"
#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/strict_toml.hpp"
#include "kiosk/sync/submission.hpp"

namespace kiosk::detail {
// Generated at build time from assets/config/demo.toml by sync/config/embed.cmake.
extern const char kDemoConfigText[];
}  // namespace kiosk::detail

namespace kiosk {

namespace fs = std::filesystem;

namespace {

using strict_toml::closest;
using strict_toml::contains;
using strict_toml::Failure;
using strict_toml::join;
using strict_toml::Reader;
using strict_toml::Section;
using strict_toml::type_phrase;

// ---------------------------------------------------------------------------------------------------------
// Key sets

constexpr std::string_view kTopKeys[] = {"format", "kiosk",  "storage",  "retention", "routing", "sync",
                                         "ui",     "places", "channels", "polls",     "news",    "map"};
constexpr std::string_view kPollKeys[] = {"id", "question", "answers"};
constexpr std::string_view kPollAnswerKeys[] = {"id", "text"};
constexpr std::string_view kNewsKeys[] = {"id", "published", "text", "urgent"};
constexpr std::string_view kKioskKeys[] = {"id",        "code_prefix",      "municipality", "time_zone",
                                           "languages", "default_language", "location"};
constexpr std::string_view kMapKeys[] = {"tiles", "addresses", "centre", "zoom"};
constexpr std::string_view kPlaceKeys[] = {"name", "lat", "lon"};
constexpr std::string_view kStorageKeys[] = {"outbox", "dictionary_dir", "max_outbox_mb"};
constexpr std::string_view kRetentionKeys[] = {"personal_data_days"};
constexpr std::string_view kRoutingKeys[] = {"question", "report", "idea", "poll"};
constexpr std::string_view kSyncKeys[] = {"interval_s", "secrets_file", "answer_poll_interval_s",
                                          "connections_per_host", "batches_in_flight"};
constexpr std::string_view kUiKeys[] = {"fullscreen",     "panel_dpi",        "viewing_distance_mm",
                                        "idle_timeout_s", "idle_warning_s",   "technician_pin_hash",
                                        "printer",        "large_text_scale", "panel_width",
                                        "panel_height",   "panel_width_mm",   "orientation",
                                        "printer_device", "printer_columns",  "receipt_phone",
                                        "receipt_desk",   "speech_volume",    "speech_announce_s"};
constexpr std::string_view kChannelCommonKeys[] = {"enabled",     "base_url",  "timeout_s",         "batch_count",
                                                   "batch_bytes", "ca_bundle", "refresh_interval_s"};

// Keys that look like credentials: they belong in the secrets file, never in the readable config.
bool looks_like_secret(std::string_view key) {
  return key == "token" || key == "api_key" || key == "access_token" || key == "password" || key == "secret" ||
         key == "client_secret";
}

// ---------------------------------------------------------------------------------------------------------
// Value checks

bool valid_kiosk_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

// An IANA name such as Europe/Amsterdam or UTC. Only the shape is checked (the kiosk image may not
// carry tzdata at build time); no absolute paths or "..", since it may end up in a file name.
bool valid_time_zone(std::string_view tz) {
  if (tz.empty() || tz.size() > 64 || tz.front() == '/' || tz.back() == '/') return false;
  if (tz.find("..") != std::string_view::npos || tz.find("//") != std::string_view::npos) return false;
  return std::all_of(tz.begin(), tz.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
           c == '-' || c == '+';
  });
}

// A CUPS queue name (lp -d): printable, without the characters CUPS refuses, never read as an option.
bool valid_printer_queue(std::string_view q) {
  if (q.size() > 127 || q.front() == '-') return false;
  return std::all_of(q.begin(), q.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f && c != '/' && c != '#' && c != '\\' && c != '\'' && c != '"';
  });
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
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return "must not contain spaces or control characters";
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
  ConfigParser(std::string_view source_name, fs::path base_dir) : m_r(source_name), m_base(absolute_dir(base_dir)) {}

  Config parse(std::string_view text) {
    toml::table root = m_r.parse(text);
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
    read_map(top, cfg.map);
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
                                  format > kConfigFormatVersion ? " (the file is for a newer kiosk version)" : ""));
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
    if (has_lat != has_lon) m_r.missing(s, has_lat ? "lon" : "lat", "lat and lon go together (WGS84 degrees)");
    if (has_lat) {
      place.lat = lat;
      place.lon = lon;
    }
  }

  void read_kiosk(const Section& top, KioskSection& k) {
    Section s = m_r.table(top, "kiosk", "in [kiosk]");
    if (s.table == nullptr) m_r.fail(Errc::config_missing, nullptr, "missing required section [kiosk]", "kiosk");
    m_r.check_keys(s, kKioskKeys);

    if (!m_r.read(s, "id", k.id)) m_r.missing(s, "id");
    if (!valid_kiosk_id(k.id))
      m_r.value_error(s, "id",
                      fmt::format("must be 1 to 64 characters of A-Z, a-z, 0-9, '-', '_', '.' (got '{}')", k.id));

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
                      fmt::format("must be an IANA time zone name such as Europe/Amsterdam (got '{}')", k.time_zone));

    if (m_r.read(s, "languages", k.languages)) {
      if (k.languages.empty()) m_r.value_error(s, "languages", "must name at least one language");
      for (std::size_t i = 0; i < k.languages.size(); ++i) {
        if (!contains(kSupportedLanguages, k.languages[i]))
          m_r.element_error(s, "languages", i,
                            fmt::format("contains '{}', which the kiosk does not support (supported: {})",
                                        k.languages[i], join(kSupportedLanguages)));
        if (std::find(k.languages.begin(), k.languages.begin() + static_cast<std::ptrdiff_t>(i), k.languages[i]) !=
            k.languages.begin() + static_cast<std::ptrdiff_t>(i))
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
      m_r.fail(Errc::config_missing, nullptr, "missing required section [storage] (with outbox = \"…\")", "storage");
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
    std::pair<std::string_view, std::vector<std::string>*> kinds[] = {{"question", &r.question},
                                                                      {"report", &r.report},
                                                                      {"idea", &r.idea},
                                                                      {"poll", &r.poll}};
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
    m_r.read(s, "speech_volume", ui.speech_volume, 1, 10, "volume level");
    if (m_r.read(s, "speech_announce_s", ui.speech_announce_s, 0, 86400, "seconds") && ui.speech_announce_s > 0 &&
        ui.speech_announce_s < 30)
      m_r.value_error(s, "speech_announce_s", "must be 0 (never) or at least 30 seconds");
    // Receipts: a CUPS queue (printer, the only key before) or an ESC/POS device (printer_device).
    if (!ui.printer.empty() && !valid_printer_queue(ui.printer))
      m_r.value_error(s, "printer", "must be a CUPS queue name: no spaces, '/', '#' or leading '-'");
    std::string device;
    if (m_r.read(s, "printer_device", device)) {
      if (device.empty() || device.front() != '/')
        m_r.value_error(s, "printer_device", "must be an absolute device path such as /dev/usb/lp0");
      else if (!ui.printer.empty())
        m_r.value_error(s, "printer_device", "give either printer (a CUPS queue) or printer_device, not both");
      ui.printer_device = device;
    }
    m_r.read(s, "printer_columns", ui.printer_columns, 24, 64, "characters");
    m_r.read(s, "receipt_phone", ui.receipt_phone);
    m_r.read(s, "receipt_desk", ui.receipt_desk);
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

  // Calls each(section) for every table of an array of tables ([[key]]) in parent, named "key[i]".
  template <class Each>
  void each_table(const Section& parent, std::string_view key, std::string_view in_label, Each&& each) {
    const toml::array* array = array_of_tables(parent, key);
    if (array == nullptr) return;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = (*array)[i];
      each(Section{element.as_table(), fmt::format("{}[{}]", parent.field(key), i), std::string(in_label),
                   element.source()});
    }
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
      if (!out.by_language.count(lang)) m_r.missing(s, lang, "every language in kiosk.languages needs a text");
  }

  void read_polls(const Section& top, Config& cfg) {
    each_table(top, "polls", "in [[polls]]", [&](const Section& s) {
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
      each_table(s, "answers", "in a poll answer", [&](const Section& as) {
        m_r.check_keys(as, kPollAnswerKeys);
        PollAnswer answer;
        read_id(as, answer.id);
        for (const PollAnswer& other : poll.answers)
          if (other.id == answer.id)
            m_r.value_error(as, "id", fmt::format("'{}' is used by two answers of this poll", answer.id));
        read_localized(as, "text", answer.text, cfg.kiosk.languages);
        poll.answers.push_back(std::move(answer));
      });
      cfg.polls.push_back(std::move(poll));
    });
  }

  void read_news(const Section& top, Config& cfg) {
    each_table(top, "news", "in [[news]]", [&](const Section& s) {
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
      m_r.read(s, "urgent", item.urgent);
      cfg.news.push_back(std::move(item));
    });
  }

  void read_places(const Section& top, std::vector<Place>& places) {
    each_table(top, "places", "in [[places]]", [&](const Section& s) {
      Place place;
      read_place(s, place, true);
      places.push_back(std::move(place));
    });
  }

  // [map]: the files are checked for their kind by name only; a missing file is the kiosk's to report
  // (the sync service and kioskctl need neither).
  void read_map(const Section& top, MapSection& map) {
    Section s = m_r.table(top, "map", "in [map]");
    m_r.check_keys(s, kMapKeys);
    auto path = [&](std::string_view key, std::string_view ext, std::string_view what, fs::path& out) {
      std::string value;
      if (!m_r.read(s, key, value)) return;
      if (value.empty()) m_r.value_error(s, key, "must not be empty (leave the key out when there is none)");
      fs::path p = resolve_path(m_base, value);
      std::string got = p.extension().string();
      std::transform(got.begin(), got.end(), got.begin(), [](unsigned char c) { return std::tolower(c); });
      if (got != ext) m_r.value_error(s, key, fmt::format("must name {} ending in {} (got '{}')", what, ext, value));
      out = std::move(p);
    };
    path("tiles", ".mbtiles", "an MBTiles file", map.tiles);
    path("addresses", ".tsv", "an address list (kiosk-addresses TSV)", map.addresses);
    Place centre;  // { lat, lon } (a name is allowed and unused)
    read_place(m_r.table(s, "centre", "in [map.centre]"), centre, false);
    map.centre_lat = centre.lat;
    map.centre_lon = centre.lon;
    m_r.read(s, "zoom", map.zoom, 0, 22, "zoom level");
  }

  void read_channels(const Section& top, std::map<std::string, ChannelConfig>& channels) {
    for (std::string_view name : kChannelNames) {
      ChannelConfig& ch = channels[std::string(name)];
      ch.name = std::string(name);
      ch.set_defaults();
    }
    Section all = m_r.table(top, "channels", "in [channels]");
    m_r.check_keys(all, kChannelNames, [](std::string_view key) {
      std::string_view guess = closest(kChannelNames, key);
      return fmt::format("{}the channels are {}",
                         guess.empty() ? std::string() : fmt::format("did you mean '{}'? ", guess),
                         join(kChannelNames));
    });
    for (const ChannelDescriptor* d : channel_descriptors()) {
      Section s = m_r.table(all, d->name, fmt::format("in [channels.{}]", d->name));
      read_channel(s, *d, channels[std::string(d->name)]);
    }
  }

  // The keys of [channels.<name>]: the common ones, its pacing if paced, and its descriptor's own.
  static std::vector<std::string_view> channel_keys(const ChannelDescriptor& d) {
    std::vector<std::string_view> keys(std::begin(kChannelCommonKeys), std::end(kChannelCommonKeys));
    if (d.paced()) keys.push_back("posts_per_hour");
    for (const ChannelSetting& setting : d.settings) keys.push_back(setting.key);
    return keys;
  }

  void read_channel(const Section& s, const ChannelDescriptor& d, ChannelConfig& ch) {
    m_r.check_keys(s, channel_keys(d), [&](std::string_view key) -> std::string {
      if (looks_like_secret(key))
        return "credentials belong in the secrets file named by sync.secrets_file, never in this file";
      for (const ChannelDescriptor* other : channel_descriptors())
        if (other != &d && contains(channel_keys(*other), key))
          return fmt::format("'{}' belongs in [channels.{}]", key, other->name);
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
    m_r.read(s, "refresh_interval_s", ch.refresh_interval_s, 60, 86400, "seconds");
    std::string ca;
    if (m_r.read(s, "ca_bundle", ca)) ch.ca_bundle = resolve_path(m_base, ca);
    if (d.paced()) m_r.read(s, "posts_per_hour", ch.posts_per_hour, 1, 100000, "posts per hour");
    for (const ChannelSetting& setting : d.settings) read_setting(s, setting, ch.settings[std::string(setting.key)]);
  }

  // One of a channel's own keys, checked by its descriptor.
  void read_setting(const Section& s, const ChannelSetting& setting, SettingValue& value) {
    const std::string_view key = setting.key;
    switch (setting.type) {
      case SettingType::text: {
        std::string text;
        if (!m_r.read(s, key, text)) return;
        if (setting.check != nullptr)
          if (std::string problem = setting.check(text); !problem.empty()) m_r.value_error(s, key, problem);
        value = std::move(text);
        return;
      }
      case SettingType::flag: {
        bool flag = false;
        if (m_r.read(s, key, flag)) value = flag;
        return;
      }
      case SettingType::integer: {
        std::int64_t integer = 0;
        if (m_r.read(s, key, integer, setting.min, setting.max, setting.unit)) value = integer;
        return;
      }
      case SettingType::text_list: {
        std::vector<std::string> list;
        if (!m_r.read(s, key, list)) return;
        if (setting.check != nullptr)
          for (std::size_t i = 0; i < list.size(); ++i)
            if (std::string problem = setting.check(list[i]); !problem.empty()) m_r.element_error(s, key, i, problem);
        value = std::move(list);
        return;
      }
    }
  }

  void cross_checks(const Config& cfg) {
    // The default language must be one of the offered languages.
    if (!contains(cfg.kiosk.languages, cfg.kiosk.default_language)) {
      std::string field =
          m_r.region_of("kiosk.default_language") != nullptr ? "kiosk.default_language" : "kiosk.languages";
      m_r.fail(Errc::invalid_value, m_r.region_of(field),
               fmt::format("'kiosk.default_language' is '{}', which is not in kiosk.languages ({})",
                           cfg.kiosk.default_language, join(cfg.kiosk.languages)),
               "kiosk.default_language");
    }

    // Routing may only name enabled channels: a submission routed to a disabled channel would be
    // accepted from the citizen and then never delivered.
    std::pair<std::string_view, const std::vector<std::string>*> kinds[] = {{"question", &cfg.routing.question},
                                                                            {"report", &cfg.routing.report},
                                                                            {"idea", &cfg.routing.idea},
                                                                            {"poll", &cfg.routing.poll}};
    for (const auto& [kind, list] : kinds) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string& name = (*list)[i];
        std::string field = fmt::format("routing.{}", kind);
        const ChannelDescriptor* d = find_channel(name);
        if (d != nullptr && !d->carries_kind(*parse_kind(kind))) {
          const toml::source_region* region = m_r.region_of(fmt::format("{}[{}]", field, i));
          m_r.fail(Errc::invalid_value, region != nullptr ? region : m_r.region_of(field),
                   fmt::format("'{}' sends to channel '{}', which does not carry a {}", field, name, kind), field);
        }
        if (cfg.channels.at(name).enabled) continue;
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
        if (!ch.enabled || find_channel(name)->secret_key.empty()) continue;
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
    return make_error(Errc::io,
                      fmt::format("{}: cannot open configuration file: {}", file.string(), std::strerror(errno)));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return make_error(Errc::io, fmt::format("{}: cannot read configuration file", file.string()));
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

namespace {
template <class T>
const T& setting_or_empty(const ChannelConfig& ch, std::string_view key) {
  static const T kEmpty{};
  auto it = ch.settings.find(key);
  if (it == ch.settings.end()) return kEmpty;
  const T* value = std::get_if<T>(&it->second);
  return value != nullptr ? *value : kEmpty;
}
}  // namespace

const std::string& ChannelConfig::text(std::string_view key) const { return setting_or_empty<std::string>(*this, key); }
bool ChannelConfig::flag(std::string_view key) const { return setting_or_empty<bool>(*this, key); }
std::int64_t ChannelConfig::integer(std::string_view key) const { return setting_or_empty<std::int64_t>(*this, key); }
const std::vector<std::string>& ChannelConfig::list(std::string_view key) const {
  return setting_or_empty<std::vector<std::string>>(*this, key);
}

void ChannelConfig::set_defaults() {
  const ChannelDescriptor* d = find_channel(name);
  if (d == nullptr) return;
  posts_per_hour = d->posts_per_hour;
  for (const ChannelSetting& setting : d->settings) {
    SettingValue& value = settings[std::string(setting.key)];
    switch (setting.type) {
      case SettingType::text: value = std::string(setting.text); break;
      case SettingType::flag: value = setting.flag; break;
      case SettingType::integer: value = setting.integer; break;
      case SettingType::text_list: value = std::vector<std::string>(setting.list.begin(), setting.list.end()); break;
    }
  }
}

Result<Config> parse_config(std::string_view toml_text, std::string_view source_name,
                            const std::filesystem::path& base_dir) {
  return strict_toml::run([&] {
    ConfigParser parser(source_name, base_dir);
    return parser.parse(toml_text);
  });
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

namespace {
// The embedded demo's map and address list are the ones shipped in assets/map (its relative paths would
// resolve against the working directory).
Result<Config> parse_demo() {
  auto cfg = parse_config(demo_config_text(), "demo.toml (built in)", {});
  if (cfg.ok()) {
    fs::path dir = fs::path(assets_dir()) / "map";
    if (cfg->map.tiles.empty()) cfg->map.tiles = dir / "demo.mbtiles";
    if (cfg->map.addresses.empty()) cfg->map.addresses = dir / "demo-addresses.tsv";
  }
  return cfg;
}
}  // namespace

Config demo_config() {
  auto cfg = parse_demo();
  if (!cfg.ok()) throw std::logic_error("the embedded demo configuration is invalid: " + cfg.error().message);
  return std::move(cfg).value();
}

Result<Config> resolve_config(const std::optional<std::filesystem::path>& cli_path) {
  if (cli_path) return load_config_file(*cli_path);
  if (const char* env = std::getenv("KIOSK_CONFIG"); env != nullptr && *env != '\0')
    return load_config_file(fs::path(env));
  return parse_demo();
}

std::string_view assets_dir() {
  static const std::string dir = [] {
    if (const char* env = std::getenv("KIOSK_ASSETS_DIR"); env != nullptr && *env != '\0') return std::string(env);
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
