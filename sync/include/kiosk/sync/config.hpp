// Configuration of every kiosk program (kiosk UI, sync service, kioskctl): one TOML file format, read with
// toml++ and checked strictly. Unknown keys, wrong types and bad values are errors that name the file,
// line and column ("kiosk.toml:12:1: unknown key 'chanels' in [sync]"). Secrets (API tokens) live in a
// separate file that only the sync service's user may read (load_secrets_file). When no file is given,
// every program uses the embedded demo configuration (assets/config/demo.toml), which points at the local
// contract servers on 127.0.0.1. docs/config.example.toml documents every key, its default and its unit.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/channel_descriptor.hpp"
#include "kiosk/sync/error.hpp"

namespace kiosk {

// Top-level key `format = 1`, required in every configuration file. Bump it when a key changes meaning.
inline constexpr int kConfigFormatVersion = 1;

// The only channel sections allowed are [channels.<name>] of the channel table (kChannelNames,
// channel_descriptor.hpp). Config::channels always holds every channel (absent sections are disabled).

// Screen languages the kiosk supports (ISO 639-1).
inline constexpr std::array<std::string_view, 6> kSupportedLanguages{"nl", "en", "tr", "pl", "uk", "ar"};

// A named point: the kiosk's own location, or a nearby street or landmark offered by the location picker.
// lat and lon (WGS84 degrees) are given together or not at all.
struct Place {
  std::string name;
  std::optional<double> lat;
  std::optional<double> lon;
};

struct KioskSection {
  std::string id;            // unique kiosk id, [A-Za-z0-9._-], 1..64 characters ("demo-bieb-01")
  std::string code_prefix;   // 2 Crockford base32 characters, upper case, no I L O U: starts reference codes
  std::string municipality;  // display name ("Gemeente Voorbeeldstad")
  std::string time_zone = "Europe/Amsterdam";                                 // IANA name
  std::vector<std::string> languages = {"nl", "en", "tr", "pl", "uk", "ar"};  // subset of kSupportedLanguages
  std::string default_language = "nl";                                        // one of `languages`
  Place location;  // the kiosk's own location: default location of reports (name may be empty)
};

struct StorageSection {
  std::filesystem::path outbox;          // SQLite outbox file (absolute after loading)
  std::filesystem::path dictionary_dir;  // zstd dictionaries; absolute after loading (default assets_dir()/dict)
  std::int64_t max_outbox_mb = 1024;     // cap of the outbox file, MiB
};

struct RetentionSection {
  int personal_data_days = 30;  // days after delivery before personal data is purged, 1..3650
};

// Which channels receive each kind of submission. Every name must be an enabled channel that carries
// that kind (ChannelDescriptor::carries; an error otherwise, so that nothing is accepted that no channel
// will ever deliver). An empty list means the kiosk does not offer that kind of submission.
struct RoutingSection {
  std::vector<std::string> question{"openklant", "mastodon"};
  std::vector<std::string> report{"signalen"};
  std::vector<std::string> idea{"openklant", "mastodon"};
  std::vector<std::string> poll{"openklant"};
};

struct ChannelConfig {
  std::string name;  // a name of the channel table (kChannelNames)
  bool enabled = false;
  std::string base_url;  // https://…, or http:// only for 127.0.0.1 / localhost; required when enabled.
                         // Root of the API (may carry a path prefix), stored without trailing '/';
                         // adapters append the API's own paths (/api/v1/statuses, …).
  int timeout_s = 20;    // per request, seconds
  int batch_count = 20;  // max submissions per batch
  std::int64_t batch_bytes = 256 * 1024;  // max request bytes per batch
  std::filesystem::path ca_bundle;        // extra CA bundle (PEM), absolute after loading; empty: system store
  int posts_per_hour = 0;                 // self-imposed pacing of POSTs; 0: none. Only a paced channel's
                                          // section has the key (default: its descriptor's posts_per_hour)
  int refresh_interval_s = 6 * 3600;      // seconds between fetches of news, categories and limits, 60..86400
                                          // (minutes for a channel that carries crisis news)
  // The channel's own keys (ChannelDescriptor::settings, documented next to its adapter), every one
  // present after loading (defaults filled in).
  std::map<std::string, SettingValue, std::less<>> settings;

  // A setting of the channel's own; a key it does not have (or of another type) reads as empty, false, 0.
  const std::string& text(std::string_view key) const;
  bool flag(std::string_view key) const;
  std::int64_t integer(std::string_view key) const;
  const std::vector<std::string>& list(std::string_view key) const;
  // Sets the defaults of the channel's descriptor (name set, settings and posts_per_hour untouched otherwise).
  void set_defaults();
};

struct SyncSection {
  int interval_s = 300;                // seconds between sync rounds
  std::filesystem::path secrets_file;  // absolute after loading; required if a channel with a credential is enabled
  int answer_poll_interval_s = 900;    // seconds between polls for answers and status
  int connections_per_host = 12;       // parallel HTTP/1.1 connections to one server (HTTP/2 multiplexes on one)
  int batches_in_flight = 2;           // batches of one channel under way at once: one is recorded and the next
                                       // claimed while another is on the wire
};

struct UiSection {
  bool fullscreen = false;
  double panel_dpi = 96;  // physical dots per inch of the touch panel
  int panel_width = 0;    // panel pixels as mounted (0: the window's size)
  int panel_height = 0;
  double panel_width_mm = 0;              // active area as mounted, mm; when given with panel_width, the density
                                          // derives from it instead of panel_dpi
  std::string orientation = "landscape";  // "landscape" or "portrait" (how the panel is mounted)
  int viewing_distance_mm = 500;          // eye to screen, mm
  int idle_timeout_s = 120;               // session wipe after this many idle seconds
  int idle_warning_s = 30;                // warning shown this long before the wipe, >= 20 (EN 301 549)
  std::string technician_pin_hash;        // "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>" of the technician
                                          // PIN (kiosk --hash-pin prints one); empty: technician screen locked
  std::string printer;                    // CUPS printer for receipts (lp -d); empty: no print button
  double large_text_scale = 1.4;          // text size factor of the "large text" mode, 1.1..2.5
  // Speech mode: the volume level every session starts at, 1..10 (5: the calibrated default loudness,
  // EN 301 549 §5.1.3.13), and how often the idle screen says in every language how to start speech mode
  // (seconds; 0: never, a library is quiet; a touch on no control always says it).
  int speech_volume = 5;
  int speech_announce_s = 0;
  // An ESC/POS receipt printer on a USB printer device (absolute path such as /dev/usb/lp0) instead of a
  // CUPS queue; at most one of printer and printer_device (kiosk/core/printer.hpp).
  std::filesystem::path printer_device;
  int printer_columns = 48;  // characters per line of the ESC/POS printer's normal font (80 mm: 48, 58 mm: 32)
  // How a citizen asks after an answer besides the kiosk itself, printed on the slip when given.
  std::string receipt_phone;  // phone number ("14 020")
  std::string receipt_desk;   // the desk ("Stadhuis, Markt 1, balie 3")

  // Pixels per inch of the panel: from its physical width when given, else panel_dpi.
  double ppi() const { return panel_width > 0 && panel_width_mm > 0 ? panel_width * 25.4 / panel_width_mm : panel_dpi; }
};

// A text in several screen languages: language code -> text. Polls and news carry one per language; a
// configuration must give every language in kiosk.languages.
struct LocalizedText {
  std::map<std::string, std::string> by_language;
  // The text in `language`, else in `fallback`, else any; empty when there is none.
  const std::string& get(std::string_view language, std::string_view fallback = "nl") const;
};

struct PollAnswer {
  std::string id;  // [A-Za-z0-9._-], 1..64 characters, unique within the poll (stored as poll_answer)
  LocalizedText text;
};

// [[polls]]: a municipal poll shown on the "idea or poll" screen. One answer per session.
struct Poll {
  std::string id;  // [A-Za-z0-9._-], 1..64 characters, unique (stored as poll_id)
  LocalizedText question;
  std::vector<PollAnswer> answers;  // 2..8
};

// [[news]]: news items the kiosk puts into its outbox at start (the demo seeds a few); real news comes
// from the municipality's channel through the sync service.
struct NewsSeed {
  std::string id;                 // unique (NewsItem::remote_id, source "config")
  std::int64_t published_ms = 0;  // from `published`, an RFC 3339 date-time ("2026-11-20T09:00:00Z")
  LocalizedText text;
  bool urgent = false;  // crisis or urgent news: a banner on the idle screen and in every header
};

// [map]: where a report is. The municipality provisions its area as an MBTiles file and its addresses
// as a list exported from the BAG (docs/addresses.md). Either file may be missing on the kiosk: the
// location screen then offers what is left, and says so.
struct MapSection {
  std::filesystem::path tiles;      // MBTiles file (absolute after loading); empty: no map
  std::filesystem::path addresses;  // address list, kiosk-addresses TSV (absolute after loading); empty: none
  // The municipality's centre: the point sent with a typed address that is not in the list, marked
  // approximate. Never the kiosk's own location. Absent: such a report cannot go to a channel that needs
  // a point (Signalen), and says so.
  std::optional<double> centre_lat;
  std::optional<double> centre_lon;
  int zoom = 17;  // zoom level the map opens at (clamped to the file's levels)
};

struct Config {
  int format = kConfigFormatVersion;
  KioskSection kiosk;
  StorageSection storage;
  RetentionSection retention;
  RoutingSection routing;
  SyncSection sync;
  UiSection ui;
  std::vector<Place> places;                      // [[places]]: nearby streets and landmarks
  std::vector<Poll> polls;                        // [[polls]]
  std::vector<NewsSeed> news;                     // [[news]]
  MapSection map;                                 // [map]
  std::map<std::string, ChannelConfig> channels;  // always all four of kChannelNames
  std::filesystem::path source;                   // file it came from (absolute); empty for the embedded demo

  bool is_demo() const { return source.empty(); }
};

// Contents of the secrets file (sync.secrets_file): [<channel>] <secret_key> = "…" for each channel of
// the table with a secret_key. Never log these.
struct Secrets {
  std::map<std::string, std::string, std::less<>> by_channel;  // channel name -> its credential
  // The credential of a channel; empty when there is none.
  const std::string& of(std::string_view channel) const;
};

// Parses and validates a configuration. source_name appears in error messages ("kiosk.toml:12:1: …");
// relative paths resolve against base_dir (the current working directory when empty).
// Errors: config_syntax (TOML syntax), config_unknown_key, config_type, config_missing (required key or
// section absent), invalid_value (value out of range or of the wrong shape, unsupported `format`).
// Error::field holds the dotted key ("retention.personal_data_days") when the error is about one key.
Result<Config> parse_config(std::string_view toml_text, std::string_view source_name,
                            const std::filesystem::path& base_dir);

// Reads and parses a file; relative paths resolve against the file's directory. io if unreadable.
Result<Config> load_config_file(const std::filesystem::path& file);

// The embedded demo configuration (assets/config/demo.toml, compiled in).
std::string_view demo_config_text();

// The demo configuration, parsed; relative paths resolved against the current working directory.
// Throws std::logic_error if the embedded text is invalid (a build error, caught by config_test).
Config demo_config();

// --config PATH if given, else $KIOSK_CONFIG if set and non-empty, else the embedded demo configuration.
Result<Config> resolve_config(const std::optional<std::filesystem::path>& cli_path);

// Reads the secrets file. Refuses (config_permissions) a file that is not a regular file, or that grants
// any access to others or write/execute to its group: 0600 (owned by the sync user) and 0640 (owned by
// root, group of the sync service) pass. Unknown keys, wrong types: as for the configuration.
// An optional top-level `format = 1` is accepted.
Result<Secrets> load_secrets_file(const std::filesystem::path& file);

// config_missing when an enabled channel lacks its credential (its descriptor's secret_key). For the sync service, after load_secrets_file(config.sync.secrets_file).
Result<void> check_secrets(const Config& config, const Secrets& secrets);

// Where assets/ lives: $KIOSK_ASSETS_DIR if set and non-empty, else KIOSK_SOURCE_ASSETS_DIR (the source
// tree, compiled in except in a package build) if that directory exists, else KIOSK_INSTALL_ASSETS_DIR. Decided
// on the first call.
std::string_view assets_dir();

}  // namespace kiosk
