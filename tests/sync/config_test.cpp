// Tests of the configuration unit: the demo and example files, strict keys and types with line numbers,
// value checks, path resolution, the secrets file's permissions, and the order of resolve_config.
#include "kiosk/sync/config.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using kiosk::Config;
using kiosk::Errc;

namespace {

fs::path repo_root() { return fs::path(KIOSK_SOURCE_ASSETS_DIR).parent_path(); }

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

// A fresh directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("kiosk_config_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Sets or clears an environment variable for one scope.
struct EnvVar {
  std::string name;
  std::optional<std::string> old;
  EnvVar(std::string n, const char* value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str())) old = v;
    if (value) ::setenv(name.c_str(), value, 1);
    else ::unsetenv(name.c_str());
  }
  ~EnvVar() {
    if (old) ::setenv(name.c_str(), old->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
};

// The smallest valid configuration: no channels, so nothing may be routed.
const std::string kMinimal = "format = 1\n"                        // 1
                             "[kiosk]\n"                           // 2
                             "id = \"test-01\"\n"                  // 3
                             "code_prefix = \"T1\"\n"              // 4
                             "municipality = \"Gemeente Test\"\n"  // 5
                             "[storage]\n"                         // 6
                             "outbox = \"outbox.sqlite\"\n"        // 7
                             "[routing]\n"                         // 8
                             "question = []\n"                     // 9
                             "report = []\n"                       // 10
                             "idea = []\n"                         // 11
                             "poll = []\n";                        // 12

kiosk::Result<Config> parse(const std::string& text) { return kiosk::parse_config(text, "kiosk.toml", "/srv/kiosk"); }

// Expects an error with this code whose message starts with `prefix` (e.g. "kiosk.toml:12:1: ").
#define EXPECT_CONFIG_ERROR(result, errc, prefix)                                               \
  do {                                                                                          \
    const auto& r_ = (result);                                                                  \
    ASSERT_FALSE(r_.ok()) << "expected an error";                                               \
    EXPECT_EQ(kiosk::errc_name(r_.error().code), kiosk::errc_name(errc)) << r_.error().message; \
    EXPECT_EQ(r_.error().message.rfind(prefix, 0), 0u) << r_.error().message;                   \
  } while (0)

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// The shipped files

TEST(config_test, demo_config_parses_and_validates) {
  Config cfg = kiosk::demo_config();
  EXPECT_TRUE(cfg.is_demo());
  EXPECT_EQ(cfg.format, kiosk::kConfigFormatVersion);
  EXPECT_EQ(cfg.kiosk.id, "demo-bieb-01");
  EXPECT_EQ(cfg.kiosk.code_prefix, "DM");
  EXPECT_EQ(cfg.kiosk.municipality, "Gemeente Voorbeeldstad");
  EXPECT_EQ(cfg.kiosk.time_zone, "Europe/Amsterdam");
  EXPECT_EQ(cfg.kiosk.languages.size(), 6u);
  ASSERT_TRUE(cfg.kiosk.location.lat.has_value());
  EXPECT_NEAR(*cfg.kiosk.location.lat, 52.09, 0.05);
  EXPECT_NEAR(*cfg.kiosk.location.lon, 5.12, 0.05);
  EXPECT_GE(cfg.places.size(), 3u);
  for (const auto& place : cfg.places) {
    EXPECT_FALSE(place.name.empty());
    ASSERT_TRUE(place.lat && place.lon);
    EXPECT_NEAR(*place.lat, 52.09, 0.05);
    EXPECT_NEAR(*place.lon, 5.12, 0.05);
  }
  const fs::path cwd = fs::current_path();
  EXPECT_EQ(cfg.storage.outbox, (cwd / "kiosk-data/outbox.sqlite").lexically_normal());
  EXPECT_EQ(cfg.sync.secrets_file, (cwd / "kiosk-data/secrets.toml").lexically_normal());
  EXPECT_EQ(cfg.storage.dictionary_dir, (fs::path(kiosk::assets_dir()) / "dict").lexically_normal());
  ASSERT_EQ(cfg.channels.size(), kiosk::kChannelNames.size());  // every channel of the table
  EXPECT_EQ(cfg.channels.at("openklant").base_url, "http://127.0.0.1:18081");
  EXPECT_EQ(cfg.channels.at("signalen").base_url, "http://127.0.0.1:18082");
  EXPECT_EQ(cfg.channels.at("open311").base_url, "http://127.0.0.1:18083");
  EXPECT_EQ(cfg.channels.at("mastodon").base_url, "http://127.0.0.1:18084");
  for (const auto& [name, ch] : cfg.channels) EXPECT_EQ(ch.name, name);
  for (const char* name : {"openklant", "signalen", "open311", "mastodon"})  // the demo's channels
    EXPECT_TRUE(cfg.channels.at(name).enabled) << name;
  const kiosk::RoutingSection defaults;
  EXPECT_EQ(cfg.routing.question, defaults.question);
  EXPECT_EQ(cfg.routing.report, defaults.report);
  EXPECT_EQ(cfg.routing.idea, defaults.idea);
  EXPECT_EQ(cfg.routing.poll, defaults.poll);
}

TEST(config_test, embedded_demo_matches_assets_file) {
  EXPECT_EQ(kiosk::demo_config_text(), read_file(repo_root() / "assets/config/demo.toml"))
      << "assets/config/demo.toml changed without rebuilding kiosk_sync";
}

TEST(config_test, example_file_parses) {
  const fs::path file = repo_root() / "docs/config.example.toml";
  auto cfg = kiosk::load_config_file(file);
  ASSERT_TRUE(cfg.ok()) << cfg.error().message;
  EXPECT_FALSE(cfg->is_demo());
  EXPECT_EQ(cfg->source, fs::absolute(file).lexically_normal());
  EXPECT_EQ(cfg->kiosk.code_prefix, "VB");
  EXPECT_EQ(cfg->storage.outbox, "/var/lib/kiosk/outbox.sqlite");
  EXPECT_EQ(cfg->sync.secrets_file, "/etc/kiosk/secrets.toml");
  EXPECT_EQ(cfg->channels.at("openklant").base_url.rfind("https://", 0), 0u);
  EXPECT_FALSE(cfg->channels.at("open311").enabled);
  EXPECT_EQ(cfg->places.size(), 3u);
  EXPECT_FALSE(cfg->places[2].lat.has_value());
}

TEST(config_test, secrets_example_loads_when_private) {
  TempDir dir;
  const fs::path file = dir.path / "secrets.toml";
  write_file(file, read_file(repo_root() / "docs/secrets.example.toml"));
  ::chmod(file.c_str(), 0600);
  auto secrets = kiosk::load_secrets_file(file);
  ASSERT_TRUE(secrets.ok()) << secrets.error().message;
  EXPECT_FALSE(secrets->of("openklant").empty());
  EXPECT_FALSE(secrets->of("open311").empty());
  EXPECT_FALSE(secrets->of("mastodon").empty());
}

TEST(config_test, minimal_config_and_defaults) {
  auto cfg = parse(kMinimal);
  ASSERT_TRUE(cfg.ok()) << cfg.error().message;
  EXPECT_EQ(cfg->kiosk.time_zone, "Europe/Amsterdam");
  EXPECT_EQ(cfg->kiosk.default_language, "nl");
  EXPECT_EQ(cfg->retention.personal_data_days, 30);
  EXPECT_EQ(cfg->storage.max_outbox_mb, 1024);
  EXPECT_EQ(cfg->sync.interval_s, 300);
  EXPECT_TRUE(cfg->sync.secrets_file.empty());
  EXPECT_EQ(cfg->ui.idle_timeout_s, 120);
  EXPECT_EQ(cfg->channels.size(), kiosk::kChannelNames.size());
  EXPECT_FALSE(cfg->channels.at("mastodon").enabled);
  EXPECT_EQ(cfg->channels.at("mastodon").text("visibility"), "public");
  EXPECT_TRUE(cfg->routing.question.empty());
}

// ---------------------------------------------------------------------------------------------------------
// Unknown keys

TEST(config_test, unknown_top_level_key_names_line) {
  auto r = parse(kMinimal + "[chanels.openklant]\nenabled = false\n");  // line 13
  EXPECT_CONFIG_ERROR(r, Errc::config_unknown_key, "kiosk.toml:13:");
  EXPECT_NE(r.error().message.find("unknown key 'chanels' at the top level"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("did you mean 'channels'?"), std::string::npos) << r.error().message;
}

TEST(config_test, unknown_key_in_section_names_line_and_section) {
  auto r = parse(kMinimal + "[sync]\ninterval_s = 60\nchanels = 3\n");  // line 15
  EXPECT_CONFIG_ERROR(r, Errc::config_unknown_key, "kiosk.toml:15:1: unknown key 'chanels' in [sync]");
  EXPECT_EQ(r.error().field, "sync.chanels");
}

TEST(config_test, first_unknown_key_in_file_order_is_reported) {
  auto r = parse(kMinimal + "[ui]\nzzz = 1\naaa = 2\n");  // zzz on line 14, aaa on line 15
  EXPECT_CONFIG_ERROR(r, Errc::config_unknown_key, "kiosk.toml:14:1: unknown key 'zzz' in [ui]");
}

TEST(config_test, unknown_key_in_channel_section) {
  auto r = parse(kMinimal + "[channels.signalen]\nenabled = false\nbase_ulr = \"https://x.nl\"\n");
  EXPECT_CONFIG_ERROR(r, Errc::config_unknown_key,
                      "kiosk.toml:15:1: unknown key 'base_ulr' in [channels.signalen] (did you mean 'base_url'?)");
}

TEST(config_test, key_of_another_channel_is_unknown) {
  auto r = parse(kMinimal + "[channels.signalen]\nvisibility = \"public\"\n");  // line 14
  EXPECT_CONFIG_ERROR(r, Errc::config_unknown_key,
                      "kiosk.toml:14:1: unknown key 'visibility' in [channels.signalen] ('visibility' belongs in "
                      "[channels.mastodon])");
}

TEST(config_test, secret_in_config_points_to_secrets_file) {
  auto r = parse(kMinimal + "[channels.openklant]\ntoken = \"abc\"\n");
  EXPECT_CONFIG_ERROR(r, Errc::config_unknown_key, "kiosk.toml:14:1: unknown key 'token' in [channels.openklant]");
  EXPECT_NE(r.error().message.find("secrets file"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("abc"), std::string::npos) << "the value must not be echoed";
}

TEST(config_test, unknown_channel_name) {
  auto r = parse(kMinimal + "[channels.mastadon]\nenabled = false\n");  // line 13
  EXPECT_CONFIG_ERROR(r, Errc::config_unknown_key, "kiosk.toml:13:");
  EXPECT_NE(r.error().message.find("unknown key 'mastadon' in [channels] (did you mean 'mastodon'?"), std::string::npos)
      << r.error().message;
}

TEST(config_test, unknown_key_in_places_and_inline_location) {
  auto r = parse(kMinimal + "[[places]]\nname = \"Markt\"\nlng = 5.1\n");  // line 15
  EXPECT_CONFIG_ERROR(r, Errc::config_unknown_key, "kiosk.toml:15:1: unknown key 'lng' in [[places]]");

  std::string text = kMinimal;
  text.replace(text.find("[storage]"), 0, "location = { name = \"Bieb\", latt = 52.1 }\n");  // line 6
  auto r2 = parse(text);
  EXPECT_CONFIG_ERROR(r2, Errc::config_unknown_key, "kiosk.toml:6:");
  EXPECT_NE(r2.error().message.find("unknown key 'latt' in [kiosk.location] (did you mean 'lat'?)"), std::string::npos)
      << r2.error().message;
}

// ---------------------------------------------------------------------------------------------------------
// Types and syntax

TEST(config_test, wrong_type_names_line_column_and_types) {
  auto r = parse(kMinimal + "[retention]\npersonal_data_days = \"30\"\n");  // line 14, value at column 22
  EXPECT_CONFIG_ERROR(r, Errc::config_type,
                      "kiosk.toml:14:22: 'retention.personal_data_days' must be an integer (got a string)");
  EXPECT_EQ(r.error().field, "retention.personal_data_days");

  auto r2 = parse(kMinimal + "[ui]\nfullscreen = 1\n");
  EXPECT_CONFIG_ERROR(r2, Errc::config_type, "kiosk.toml:14:14: 'ui.fullscreen' must be a boolean");

  auto r3 = parse(kMinimal + "[channels.openklant]\ntimeout_s = 2.5\n");
  EXPECT_CONFIG_ERROR(
      r3, Errc::config_type,
      "kiosk.toml:14:13: 'channels.openklant.timeout_s' must be an integer (got a floating-point number)");

  std::string text = kMinimal;
  text.replace(text.find("question = []"), 13, "question = [\"openklant\", 3]");  // line 9
  auto r4 = parse(text);
  EXPECT_CONFIG_ERROR(r4, Errc::config_type,
                      "kiosk.toml:9:26: 'routing.question' must be an array of strings (element 2 is an integer)");

  auto r5 = parse(kMinimal + "[sync]\n[sync.interval_s]\n");
  EXPECT_CONFIG_ERROR(r5, Errc::config_type, "kiosk.toml:14:1: 'sync.interval_s' must be an integer (got a table)");

  auto r6 = parse(kMinimal + "[places]\nname = \"x\"\n");
  EXPECT_CONFIG_ERROR(r6, Errc::config_type, "kiosk.toml:13:1: 'places' must be an array of tables");
}

TEST(config_test, floating_point_keys_accept_integers) {
  auto cfg = parse(kMinimal + "[ui]\npanel_dpi = 160\n[[places]]\nname = \"Markt\"\nlat = 52\nlon = 5\n");
  ASSERT_TRUE(cfg.ok()) << cfg.error().message;
  EXPECT_DOUBLE_EQ(cfg->ui.panel_dpi, 160.0);
  EXPECT_DOUBLE_EQ(*cfg->places.at(0).lat, 52.0);
  std::string text = kMinimal;
  text.insert(text.find("[kiosk]"), "places = []\n");
  auto empty = parse(text);
  ASSERT_TRUE(empty.ok()) << empty.error().message;
  EXPECT_TRUE(empty->places.empty());
}

TEST(config_test, syntax_error_names_line) {
  auto r = parse(kMinimal + "[sync]\ninterval_s = \n");  // line 14
  EXPECT_CONFIG_ERROR(r, Errc::config_syntax, "kiosk.toml:14:");
  EXPECT_NE(r.error().message.find("TOML syntax error"), std::string::npos);

  auto r2 = parse(kMinimal + "[kiosk]\n");  // table defined twice
  EXPECT_CONFIG_ERROR(r2, Errc::config_syntax, "kiosk.toml:13:");
}

TEST(config_test, format_is_required_and_checked) {
  auto missing = parse(kMinimal.substr(kMinimal.find('\n') + 1));
  EXPECT_CONFIG_ERROR(missing, Errc::config_missing, "kiosk.toml: missing required key 'format'");
  EXPECT_EQ(missing.error().field, "format");

  std::string v2 = kMinimal;
  v2.replace(0, 10, "format = 2");
  auto newer = parse(v2 + "some_future_key = true\n");
  EXPECT_CONFIG_ERROR(newer, Errc::invalid_value,
                      "kiosk.toml:1:10: 'format' is 2, but this kiosk reads configuration format 1 only");

  std::string str = kMinimal;
  str.replace(0, 10, "format = \"1\"");
  EXPECT_CONFIG_ERROR(parse(str), Errc::config_type, "kiosk.toml:1:10: 'format' must be an integer (got a string)");
}

TEST(config_test, required_sections_and_keys) {
  EXPECT_CONFIG_ERROR(parse("format = 1\n"), Errc::config_missing, "kiosk.toml: missing required section [kiosk]");

  std::string no_id = kMinimal;
  no_id.erase(no_id.find("id = "), std::string("id = \"test-01\"\n").size());
  auto r = parse(no_id);
  EXPECT_CONFIG_ERROR(r, Errc::config_missing, "kiosk.toml:2:1: missing required key 'id' in [kiosk]");
  EXPECT_EQ(r.error().field, "kiosk.id");

  std::string no_storage = kMinimal;
  no_storage.erase(no_storage.find("[storage]"), std::string("[storage]\noutbox = \"outbox.sqlite\"\n").size());
  EXPECT_CONFIG_ERROR(parse(no_storage), Errc::config_missing, "kiosk.toml: missing required section [storage]");
}

// ---------------------------------------------------------------------------------------------------------
// Values

TEST(config_test, code_prefix_shape) {
  for (const char* bad : {"dm", "IL", "D", "DMX", "U1", "D-"}) {
    std::string text = kMinimal;
    text.replace(text.find("\"T1\""), 4, std::string("\"") + bad + "\"");
    auto r = parse(text);
    EXPECT_CONFIG_ERROR(r, Errc::invalid_value, "kiosk.toml:4:15: 'kiosk.code_prefix' must be 2 Crockford base32");
  }
  std::string ok = kMinimal;
  ok.replace(ok.find("\"T1\""), 4, "\"Z9\"");
  EXPECT_TRUE(parse(ok).ok());
}

TEST(config_test, languages_and_time_zone) {
  auto with_kiosk = [](const std::string& extra) {
    std::string text = kMinimal;
    text.replace(text.find("[storage]"), 0, extra);  // inserted at line 6
    return parse(text);
  };
  EXPECT_CONFIG_ERROR(with_kiosk("languages = [\"nl\", \"de\"]\n"), Errc::invalid_value,
                      "kiosk.toml:6:20: 'kiosk.languages' contains 'de', which the kiosk does not support");
  EXPECT_CONFIG_ERROR(with_kiosk("languages = []\n"), Errc::invalid_value, "kiosk.toml:6:13: 'kiosk.languages'");
  EXPECT_CONFIG_ERROR(with_kiosk("languages = [\"en\", \"tr\"]\n"), Errc::invalid_value,
                      "kiosk.toml:6:13: 'kiosk.default_language' is 'nl', which is not in kiosk.languages (en, tr)");
  EXPECT_CONFIG_ERROR(with_kiosk("default_language = \"pl\"\nlanguages = [\"nl\"]\n"), Errc::invalid_value,
                      "kiosk.toml:6:20: 'kiosk.default_language' is 'pl'");
  EXPECT_TRUE(with_kiosk("languages = [\"en\", \"ar\"]\ndefault_language = \"ar\"\n").ok());
  EXPECT_CONFIG_ERROR(with_kiosk("time_zone = \"\"\n"), Errc::invalid_value, "kiosk.toml:6:13: 'kiosk.time_zone'");
  EXPECT_CONFIG_ERROR(with_kiosk("time_zone = \"../../etc/passwd\"\n"), Errc::invalid_value, "kiosk.toml:6:13:");
  EXPECT_TRUE(with_kiosk("time_zone = \"America/Argentina/Buenos_Aires\"\n").ok());
}

TEST(config_test, numbers_in_range) {
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[retention]\npersonal_data_days = 0\n"), Errc::invalid_value,
                      "kiosk.toml:14:22: 'retention.personal_data_days' must be between 1 and 3650 days (got 0)");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[retention]\npersonal_data_days = 3651\n"), Errc::invalid_value,
                      "kiosk.toml:14:22:");
  EXPECT_TRUE(parse(kMinimal + "[retention]\npersonal_data_days = 3650\n").ok());
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[sync]\ninterval_s = -5\n"), Errc::invalid_value,
                      "kiosk.toml:14:14: 'sync.interval_s'");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[storage.x]\n"), Errc::config_unknown_key,
                      "kiosk.toml:13:10: unknown key 'x' in [storage]");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[ui]\nidle_warning_s = 10\n"), Errc::invalid_value,
                      "kiosk.toml:14:18: 'ui.idle_warning_s' must be between 20 and 3600");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[ui]\nidle_timeout_s = 60\nidle_warning_s = 60\n"), Errc::invalid_value,
                      "kiosk.toml:15:18: 'ui.idle_warning_s' (60 s) must be shorter than 'ui.idle_timeout_s' (60 s)");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[ui]\npanel_dpi = nan\n"), Errc::invalid_value,
                      "kiosk.toml:14:13: 'ui.panel_dpi'");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[[places]]\nname = \"x\"\nlat = 91\nlon = 5\n"), Errc::invalid_value,
                      "kiosk.toml:15:7: 'places[0].lat' must be between -90 and 90 degrees (got 91)");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[[places]]\nname = \"x\"\nlat = 52\n"), Errc::config_missing,
                      "kiosk.toml:13:1: missing required key 'lon' in [[places]] (lat and lon go together");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[[places]]\nlat = 52\nlon = 5\n"), Errc::config_missing,
                      "kiosk.toml:13:1: missing required key 'name' in [[places]]");
}

// [sync] connections_per_host (1..32, default 12) and batches_in_flight (1..8, default 2).
TEST(config_test, sync_engine_concurrency_defaults_and_values) {
  auto defaults = parse(kMinimal);
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  EXPECT_EQ(defaults->sync.connections_per_host, 12);
  EXPECT_EQ(defaults->sync.batches_in_flight, 2);
  const kiosk::SyncSection section_defaults;
  EXPECT_EQ(section_defaults.connections_per_host, 12);
  EXPECT_EQ(section_defaults.batches_in_flight, 2);

  auto set = parse(kMinimal + "[sync]\nconnections_per_host = 3\nbatches_in_flight = 5\n");
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->sync.connections_per_host, 3);
  EXPECT_EQ(set->sync.batches_in_flight, 5);
  EXPECT_EQ(set->sync.interval_s, 300);  // the other [sync] keys keep their defaults

  // The bounds themselves are accepted.
  auto low = parse(kMinimal + "[sync]\nconnections_per_host = 1\nbatches_in_flight = 1\n");
  ASSERT_TRUE(low.ok()) << low.error().message;
  EXPECT_EQ(low->sync.connections_per_host, 1);
  EXPECT_EQ(low->sync.batches_in_flight, 1);
  auto high = parse(kMinimal + "[sync]\nconnections_per_host = 32\nbatches_in_flight = 8\n");
  ASSERT_TRUE(high.ok()) << high.error().message;
  EXPECT_EQ(high->sync.connections_per_host, 32);
  EXPECT_EQ(high->sync.batches_in_flight, 8);

  // The shipped example sets both to their defaults.
  auto example = kiosk::load_config_file(repo_root() / "docs/config.example.toml");
  ASSERT_TRUE(example.ok()) << example.error().message;
  EXPECT_EQ(example->sync.connections_per_host, 12);
  EXPECT_EQ(example->sync.batches_in_flight, 2);
}

TEST(config_test, sync_engine_concurrency_out_of_range_names_the_key) {
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[sync]\nconnections_per_host = 0\n"), Errc::invalid_value,
                      "kiosk.toml:14:24: 'sync.connections_per_host' must be between 1 and 32 connections (got 0)");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[sync]\nconnections_per_host = 33\n"), Errc::invalid_value,
                      "kiosk.toml:14:24: 'sync.connections_per_host' must be between 1 and 32 connections (got 33)");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[sync]\nconnections_per_host = -1\n"), Errc::invalid_value,
                      "kiosk.toml:14:24: 'sync.connections_per_host'");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[sync]\nbatches_in_flight = 0\n"), Errc::invalid_value,
                      "kiosk.toml:14:21: 'sync.batches_in_flight' must be between 1 and 8 batches (got 0)");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[sync]\nbatches_in_flight = 9\n"), Errc::invalid_value,
                      "kiosk.toml:14:21: 'sync.batches_in_flight' must be between 1 and 8 batches (got 9)");
  // A value far outside int is rejected, not truncated into range.
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[sync]\nbatches_in_flight = 4294967298\n"), Errc::invalid_value,
                      "kiosk.toml:14:21: 'sync.batches_in_flight'");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[sync]\nconnections_per_host = \"8\"\n"), Errc::config_type,
                      "kiosk.toml:14:24: 'sync.connections_per_host' must be an integer (got a string)");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[sync]\nbatches_in_flight = 2.0\n"), Errc::config_type,
                      "kiosk.toml:14:21: 'sync.batches_in_flight' must be an integer (got a floating-point number)");
}

TEST(config_test, base_url_rules) {
  auto channel = [](const std::string& url) {
    return parse(kMinimal + "[sync]\nsecrets_file = \"s.toml\"\n[channels.openklant]\nenabled = true\nbase_url = \"" +
                 url + "\"\n");  // base_url on line 17, value at column 12
  };
  auto r = channel("http://openklant.voorbeeldstad.nl");
  EXPECT_CONFIG_ERROR(r, Errc::invalid_value, "kiosk.toml:17:12: 'channels.openklant.base_url' uses plain http://");
  EXPECT_NE(r.error().message.find("127.0.0.1"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("localhost"), std::string::npos) << r.error().message;
  EXPECT_CONFIG_ERROR(channel("ftp://x.nl"), Errc::invalid_value,
                      "kiosk.toml:17:12: 'channels.openklant.base_url' must start with https://");
  EXPECT_CONFIG_ERROR(channel("https://user:pw@x.nl"), Errc::invalid_value, "kiosk.toml:17:12:");
  EXPECT_CONFIG_ERROR(channel("https://"), Errc::invalid_value, "kiosk.toml:17:12:");
  EXPECT_CONFIG_ERROR(channel("http://127.0.0.1.evil.nl/"), Errc::invalid_value, "kiosk.toml:17:12:");
  for (const char* ok : {"https://openklant.voorbeeldstad.nl", "http://127.0.0.1:18081", "http://localhost:8080/api",
                         "http://[::1]:9000"}) {
    auto c = channel(ok);
    EXPECT_TRUE(c.ok()) << ok << ": " << c.error().message;
  }
  auto slash = channel("https://openklant.voorbeeldstad.nl/api//");
  ASSERT_TRUE(slash.ok());
  EXPECT_EQ(slash->channels.at("openklant").base_url, "https://openklant.voorbeeldstad.nl/api");

  auto missing = parse(kMinimal + "[sync]\nsecrets_file = \"s.toml\"\n[channels.openklant]\nenabled = true\n");
  EXPECT_CONFIG_ERROR(
      missing, Errc::config_missing,
      "kiosk.toml:15:1: missing required key 'base_url' in [channels.openklant] (required when enabled = true)");
}

TEST(config_test, routing_sends_a_kind_only_to_channels_that_carry_it) {
  // The descriptors say what each channel carries: Mastodon publishes questions and ideas, no reports.
  std::string text = kMinimal;
  text.replace(text.find("report = []"), 11, "report = [\"mastodon\"]");  // line 10
  text +=
      "[sync]\nsecrets_file = \"s.toml\"\n[channels.mastodon]\nenabled = true\nbase_url = \"https://social.example\"\n";
  auto r = parse(text);
  EXPECT_CONFIG_ERROR(r, Errc::invalid_value,
                      "kiosk.toml:10:11: 'routing.report' sends to channel 'mastodon', which does not carry a report");
  EXPECT_EQ(r.error().field, "routing.report");
  std::string idea = text;
  idea.replace(idea.find("report = [\"mastodon\"]"), 21, "report = []");
  idea.replace(idea.find("idea = []"), 9, "idea = [\"mastodon\"]");
  auto ok = parse(idea);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
}

TEST(config_test, routing_must_name_enabled_known_channels) {
  std::string text = kMinimal;
  text.replace(text.find("report = []"), 11, "report = [\"signalen\"]");  // line 10
  auto r = parse(text);
  EXPECT_CONFIG_ERROR(r, Errc::invalid_value,
                      "kiosk.toml:10:11: 'routing.report' sends to channel 'signalen', which is not enabled");
  EXPECT_EQ(r.error().field, "routing.report");

  auto ok = parse(text + "[channels.signalen]\nenabled = true\nbase_url = \"https://meldingen.voorbeeldstad.nl\"\n");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->routing.report, std::vector<std::string>{"signalen"});

  std::string unknown = kMinimal;
  unknown.replace(unknown.find("poll = []"), 9, "poll = [\"openklant\", \"mastadon\"]");  // line 12
  EXPECT_CONFIG_ERROR(parse(unknown), Errc::invalid_value,
                      "kiosk.toml:12:22: 'routing.poll' names an unknown channel 'mastadon' (did you mean 'mastodon'?");

  // Default routing (no [routing] section) with mastodon disabled points at the channel section.
  std::string defaults = kMinimal.substr(0, kMinimal.find("[routing]")) +
                         "[sync]\nsecrets_file = \"s.toml\"\n"                                        // 8, 9
                         "[channels.openklant]\nenabled = true\nbase_url = \"http://127.0.0.1:1\"\n"  // 10-12
                         "[channels.signalen]\nenabled = true\nbase_url = \"http://127.0.0.1:2\"\n"   // 13-15
                         "[channels.mastodon]\nenabled = false\n";                                    // 16, 17
  auto d = parse(defaults);
  EXPECT_CONFIG_ERROR(d, Errc::invalid_value,
                      "kiosk.toml:17:11: 'routing.question' (the default: [openklant, mastodon])");
}

TEST(config_test, secrets_file_required_for_credentialed_channels) {
  auto r = parse(kMinimal + "[channels.openklant]\nenabled = true\nbase_url = \"https://ok.voorbeeldstad.nl\"\n");
  EXPECT_CONFIG_ERROR(r, Errc::config_missing, "kiosk.toml: missing required key 'secrets_file' in [sync]");
  // Signalen's public API needs no credential.
  auto s = parse(kMinimal + "[channels.signalen]\nenabled = true\nbase_url = \"https://ok.voorbeeldstad.nl\"\n");
  EXPECT_TRUE(s.ok()) << s.error().message;
}

TEST(config_test, channel_specific_values) {
  EXPECT_CONFIG_ERROR(
      parse(kMinimal + "[channels.mastodon]\nvisibility = \"direct\"\n"), Errc::invalid_value,
      "kiosk.toml:14:14: 'channels.mastodon.visibility' must be \"public\", \"unlisted\" or \"private\"");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[channels.mastodon]\nprefix_template = \"Via {municipality}\"\n"),
                      Errc::invalid_value,
                      "kiosk.toml:14:19: 'channels.mastodon.prefix_template' must contain the placeholder {text}");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[channels.mastodon]\nprefix_template = \"{naam}: {text}\"\n"),
                      Errc::invalid_value,
                      "kiosk.toml:14:19: 'channels.mastodon.prefix_template' has an unknown placeholder '{naam}'");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[channels.openklant]\nkanaal = \"\"\n"), Errc::invalid_value,
                      "kiosk.toml:14:10: 'channels.openklant.kanaal'");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[channels.signalen]\nposts_per_hour = 0\n"), Errc::invalid_value,
                      "kiosk.toml:14:18: 'channels.signalen.posts_per_hour'");
}

TEST(config_test, mastodon_answer_accounts) {
  // Default: none besides the kiosk's own account.
  auto plain = parse(kMinimal + "[channels.mastodon]\nvisibility = \"public\"\n");
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  EXPECT_TRUE(plain->channels.at("mastodon").list("answer_accounts").empty());
  auto cfg = parse(kMinimal +
                   "[channels.mastodon]\nanswer_accounts = [\"webcare@gemeente.nl\", \"@klantcontact\", \"109999\"]\n");
  ASSERT_TRUE(cfg.ok()) << cfg.error().message;
  EXPECT_EQ(cfg->channels.at("mastodon").list("answer_accounts"),
            (std::vector<std::string>{"webcare@gemeente.nl", "@klantcontact", "109999"}));
  EXPECT_CONFIG_ERROR(
      parse(kMinimal + "[channels.mastodon]\nanswer_accounts = [\"webcare@gemeente.nl\", \"web care\"]\n"),
      Errc::invalid_value,
      "kiosk.toml:14:43: 'channels.mastodon.answer_accounts' has 'web care', which is not a Mastodon account");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[channels.mastodon]\nanswer_accounts = [\"webcare@\"]\n"), Errc::invalid_value,
                      "kiosk.toml:14:20: 'channels.mastodon.answer_accounts' has 'webcare@'");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[channels.mastodon]\nanswer_accounts = [\"https://gemeente.nl/@webcare\"]\n"),
                      Errc::invalid_value,
                      "kiosk.toml:14:20: 'channels.mastodon.answer_accounts' has 'https://gemeente.nl/@webcare'");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[channels.mastodon]\nanswer_accounts = \"webcare@gemeente.nl\"\n"),
                      Errc::config_type,
                      "kiosk.toml:14:19: 'channels.mastodon.answer_accounts' must be an array of strings");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[channels.signalen]\nanswer_accounts = []\n"), Errc::config_unknown_key,
                      "kiosk.toml:14:1:");
}

// ---------------------------------------------------------------------------------------------------------
// Files and paths

TEST(config_test, relative_paths_resolve_against_the_files_directory) {
  TempDir dir;
  const fs::path file = dir.path / "etc" / "kiosk.toml";
  std::string text = kMinimal;
  text.replace(text.find("outbox = \"outbox.sqlite\""), 24,
               "outbox = \"data/outbox.sqlite\"\ndictionary_dir = \"../dict\"");
  write_file(file,
             text + "[sync]\nsecrets_file = \"./secrets.toml\"\n[channels.openklant]\nca_bundle = \"ca/ok.pem\"\n");
  auto cfg = kiosk::load_config_file(file);
  ASSERT_TRUE(cfg.ok()) << cfg.error().message;
  EXPECT_EQ(cfg->storage.outbox, dir.path / "etc/data/outbox.sqlite");
  EXPECT_EQ(cfg->storage.dictionary_dir, dir.path / "dict");
  EXPECT_EQ(cfg->sync.secrets_file, dir.path / "etc/secrets.toml");
  EXPECT_EQ(cfg->channels.at("openklant").ca_bundle, dir.path / "etc/ca/ok.pem");
  EXPECT_EQ(cfg->source, file);

  // Absolute paths stay as they are; parse_config uses the base directory it is given.
  auto abs = kiosk::parse_config(kMinimal.substr(0, kMinimal.find("outbox")) + "outbox = \"/data/o.sqlite\"\n" +
                                     kMinimal.substr(kMinimal.find("[routing]")),
                                 "x.toml", "/somewhere");
  ASSERT_TRUE(abs.ok()) << abs.error().message;
  EXPECT_EQ(abs->storage.outbox, "/data/o.sqlite");
  auto rel = kiosk::parse_config(kMinimal, "x.toml", "/somewhere/else");
  ASSERT_TRUE(rel.ok());
  EXPECT_EQ(rel->storage.outbox, "/somewhere/else/outbox.sqlite");
}

TEST(config_test, errors_from_files_name_the_path) {
  TempDir dir;
  const fs::path file = dir.path / "kiosk.toml";
  write_file(file, kMinimal + "[sync]\nchanels = 1\n");
  auto r = kiosk::load_config_file(file);
  EXPECT_CONFIG_ERROR(r, Errc::config_unknown_key, file.string() + ":14:1: unknown key 'chanels' in [sync]");

  auto missing = kiosk::load_config_file(dir.path / "nope.toml");
  EXPECT_CONFIG_ERROR(missing, Errc::io, (dir.path / "nope.toml").string() + ": cannot open");
  EXPECT_CONFIG_ERROR(kiosk::load_config_file(dir.path), Errc::io, dir.path.string());
}

TEST(config_test, resolve_config_order) {
  TempDir dir;
  const fs::path cli = dir.path / "cli.toml";
  const fs::path env = dir.path / "env.toml";
  std::string cli_text = kMinimal, env_text = kMinimal;
  cli_text.replace(cli_text.find("test-01"), 7, "cli-kiosk");
  env_text.replace(env_text.find("test-01"), 7, "env-kiosk");
  write_file(cli, cli_text);
  write_file(env, env_text);

  {
    EnvVar var("KIOSK_CONFIG", env.c_str());
    auto a = kiosk::resolve_config(cli);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->kiosk.id, "cli-kiosk");
    EXPECT_EQ(a->source, cli);
    auto b = kiosk::resolve_config(std::nullopt);
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(b->kiosk.id, "env-kiosk");
    EXPECT_EQ(b->source, env);
  }
  {
    EnvVar var("KIOSK_CONFIG", (dir.path / "missing.toml").c_str());
    auto c = kiosk::resolve_config(std::nullopt);
    EXPECT_CONFIG_ERROR(c, Errc::io, (dir.path / "missing.toml").string());  // no silent fallback to the demo
  }
  for (const char* value : {static_cast<const char*>(nullptr), ""}) {
    EnvVar var("KIOSK_CONFIG", value);
    auto d = kiosk::resolve_config(std::nullopt);
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(d->kiosk.id, "demo-bieb-01");
    EXPECT_TRUE(d->is_demo());
  }
}

TEST(config_test, assets_dir_is_the_source_tree_in_tests) {
  // KIOSK_ASSETS_DIR is normally unset in the test environment; then the source tree wins.
  if (std::getenv("KIOSK_ASSETS_DIR") == nullptr) {
    EXPECT_EQ(fs::path(kiosk::assets_dir()), fs::path(KIOSK_SOURCE_ASSETS_DIR));
  }
  EXPECT_FALSE(kiosk::assets_dir().empty());
}

// ---------------------------------------------------------------------------------------------------------
// Secrets

TEST(config_test, secrets_file_permissions) {
  TempDir dir;
  const fs::path file = dir.path / "secrets.toml";
  write_file(file, "[openklant]\ntoken = \"tok-123\"\n[mastodon]\naccess_token = \"mst-456\"\n");

  ASSERT_EQ(::chmod(file.c_str(), 0644), 0);
  auto open = kiosk::load_secrets_file(file);
  EXPECT_CONFIG_ERROR(open, Errc::config_permissions, file.string() + ": permissions are 0644");
  EXPECT_NE(open.error().message.find("0600"), std::string::npos);

  ASSERT_EQ(::chmod(file.c_str(), 0604), 0);
  EXPECT_FALSE(kiosk::load_secrets_file(file).ok());
  ASSERT_EQ(::chmod(file.c_str(), 0660), 0);
  EXPECT_FALSE(kiosk::load_secrets_file(file).ok());

  ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
  auto ok = kiosk::load_secrets_file(file);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->of("openklant"), "tok-123");
  EXPECT_EQ(ok->of("mastodon"), "mst-456");
  EXPECT_TRUE(ok->of("open311").empty());

  ASSERT_EQ(::chmod(file.c_str(), 0640), 0);
  EXPECT_TRUE(kiosk::load_secrets_file(file).ok());

  EXPECT_CONFIG_ERROR(kiosk::load_secrets_file(dir.path / "none.toml"), Errc::io, (dir.path / "none.toml").string());
}

TEST(config_test, secrets_file_strict_keys_and_values) {
  TempDir dir;
  const fs::path file = dir.path / "secrets.toml";
  auto load = [&](const std::string& text) {
    write_file(file, text);
    ::chmod(file.c_str(), 0600);
    return kiosk::load_secrets_file(file);
  };
  EXPECT_CONFIG_ERROR(load("[openklant]\ntokn = \"x\"\n"), Errc::config_unknown_key,
                      file.string() + ":2:1: unknown key 'tokn' in [openklant] (did you mean 'token'?)");
  EXPECT_CONFIG_ERROR(load("[signalen]\ntoken = \"x\"\n"), Errc::config_unknown_key, file.string() + ":1:");
  EXPECT_CONFIG_ERROR(load("[open311]\napi_key = 42\n"), Errc::config_type,
                      file.string() + ":2:11: 'open311.api_key' must be a string (got an integer)");
  auto spaced = load("[mastodon]\naccess_token = \"secret value\"\n");
  EXPECT_CONFIG_ERROR(spaced, Errc::invalid_value, file.string() + ":2:16:");
  EXPECT_EQ(spaced.error().message.find("secret value"), std::string::npos) << "never echo a credential";
  EXPECT_CONFIG_ERROR(load("format = 2\n"), Errc::invalid_value, file.string() + ":1:10: 'format' is 2");
  EXPECT_CONFIG_ERROR(load("[openklant\n"), Errc::config_syntax, file.string() + ":1:");
  EXPECT_TRUE(load("format = 1\n[open311]\napi_key = \"k\"\n").ok());
}

TEST(config_test, check_secrets_against_enabled_channels) {
  Config cfg = kiosk::demo_config();
  kiosk::Secrets secrets{{{"openklant", "ok-token"}, {"open311", "311-key"}}};
  auto r = kiosk::check_secrets(cfg, secrets);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::config_missing);
  EXPECT_NE(r.error().message.find("[mastodon] access_token"), std::string::npos) << r.error().message;
  secrets.by_channel["mastodon"] = "m";
  EXPECT_TRUE(kiosk::check_secrets(cfg, secrets).ok());
  cfg.channels.at("open311").enabled = false;
  secrets.by_channel["open311"].clear();
  EXPECT_TRUE(kiosk::check_secrets(cfg, secrets).ok());
}

// ---------------------------------------------------------------------------------------------------------
// Polls, news and the UI keys (kiosk UI, issue 5)

namespace {
// kMinimal offers every language by default, so texts need all six.
std::string six(const std::string& word) {
  return "{ nl = \"" + word + "\", en = \"" + word + "\", tr = \"" + word + "\", pl = \"" + word + "\", uk = \"" +
         word + "\", ar = \"" + word + "\" }";
}
}  // namespace

TEST(config_test, polls_and_news_parse) {
  std::string text = kMinimal +
                     "[[polls]]\n"    // 13
                     "id = \"p1\"\n"  // 14
                     "question = " +
                     six("Q") +
                     "\n"  // 15
                     "[[polls.answers]]\nid = \"a\"\ntext = " +
                     six("A") +
                     "\n"
                     "[[polls.answers]]\nid = \"b\"\ntext = " +
                     six("B") +
                     "\n"
                     "[[news]]\nid = \"n1\"\npublished = \"2026-11-20T09:00:00Z\"\ntext = " +
                     six("N") + "\n";
  auto r = parse(text);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->polls.size(), 1u);
  EXPECT_EQ(r->polls[0].answers.size(), 2u);
  EXPECT_EQ(r->polls[0].answers[1].text.get("pl"), "B");
  ASSERT_EQ(r->news.size(), 1u);
  EXPECT_EQ(r->news[0].published_ms, 1795165200000);  // 2026-11-20T09:00:00Z
  EXPECT_EQ(r->news[0].text.get("xx"), "N");          // falls back to Dutch
}

TEST(config_test, poll_errors_name_line_and_key) {
  auto r = parse(kMinimal + "[[polls]]\nid = \"p1\"\nquestoin = " + six("Q") + "\n");  // line 15
  EXPECT_CONFIG_ERROR(r, Errc::config_unknown_key, "kiosk.toml:15:1: unknown key 'questoin' in [[polls]]");

  // A language of kiosk.languages without a text.
  auto r2 = parse(kMinimal + "[[polls]]\nid = \"p1\"\nquestion = { nl = \"Q\" }\n");
  EXPECT_CONFIG_ERROR(r2, Errc::config_missing, "kiosk.toml:15:");
  EXPECT_EQ(r2.error().field, "polls[0].question.en");

  auto r3 = parse(kMinimal + "[[polls]]\nid = \"p1\"\nquestion = " + six("Q") +
                  "\n[[polls.answers]]\nid = \"a\"\ntext = " + six("A") + "\n");
  EXPECT_CONFIG_ERROR(r3, Errc::invalid_value, "kiosk.toml:");
  EXPECT_NE(r3.error().message.find("2 to 8 answers"), std::string::npos) << r3.error().message;

  auto r4 = parse(kMinimal + "[[polls]]\nid = 7\n");  // line 14
  EXPECT_CONFIG_ERROR(r4, Errc::config_type, "kiosk.toml:14:");
}

TEST(config_test, news_errors) {
  auto r = parse(kMinimal + "[[news]]\nid = \"n\"\npublished = \"gisteren\"\ntext = " + six("N") + "\n");
  EXPECT_CONFIG_ERROR(r, Errc::invalid_value, "kiosk.toml:15:");
  std::string text = kMinimal;
  text.replace(text.find("[kiosk]"), 0, "news = 3\n");  // line 2
  auto r2 = parse(text);
  EXPECT_CONFIG_ERROR(r2, Errc::config_type, "kiosk.toml:2:");
}

TEST(config_test, ui_large_text_scale_and_pin_hash) {
  auto r = parse(kMinimal + "[ui]\nlarge_text_scale = 5.0\n");
  EXPECT_CONFIG_ERROR(r, Errc::invalid_value, "kiosk.toml:14:");
  auto demo = kiosk::demo_config();
  EXPECT_EQ(demo.ui.technician_pin_hash.rfind("pbkdf2-sha256$", 0), 0u);
  EXPECT_DOUBLE_EQ(demo.ui.large_text_scale, 1.4);
}

TEST(config_test, ui_speech_volume_and_announcement) {
  auto demo = kiosk::demo_config();
  EXPECT_EQ(demo.ui.speech_volume, 5);
  EXPECT_EQ(demo.ui.speech_announce_s, 0) << "quiet unless configured";
  auto ok = parse(kMinimal + "[ui]\nspeech_volume = 3\nspeech_announce_s = 300\n");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->ui.speech_volume, 3);
  EXPECT_EQ(ok->ui.speech_announce_s, 300);
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[ui]\nspeech_volume = 11\n"), Errc::invalid_value, "kiosk.toml:14:");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[ui]\nspeech_announce_s = 5\n"), Errc::invalid_value, "kiosk.toml:14:");
}

TEST(config_test, receipt_printer_is_a_cups_queue_or_an_escpos_device) {
  // Before printer_device existed, `printer` named a CUPS queue: it still does.
  auto cups = parse(kMinimal + "[ui]\nprinter = \"bon-printer\"\n");
  ASSERT_TRUE(cups.ok()) << cups.error().message;
  EXPECT_EQ(cups->ui.printer, "bon-printer");
  EXPECT_TRUE(cups->ui.printer_device.empty());
  auto escpos =
      parse(kMinimal + "[ui]\nprinter_device = \"/dev/usb/lp0\"\nprinter_columns = 32\nreceipt_phone = \"14 020\"\n"
                       "receipt_desk = \"Stadhuis, Markt 1\"\n");
  ASSERT_TRUE(escpos.ok()) << escpos.error().message;
  EXPECT_EQ(escpos->ui.printer_device, "/dev/usb/lp0");
  EXPECT_EQ(escpos->ui.printer_columns, 32);
  EXPECT_EQ(escpos->ui.receipt_phone, "14 020");
  EXPECT_EQ(escpos->ui.receipt_desk, "Stadhuis, Markt 1");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[ui]\nprinter = \"q\"\nprinter_device = \"/dev/usb/lp0\"\n"),
                      Errc::invalid_value, "kiosk.toml:15:18: 'ui.printer_device' give either printer");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[ui]\nprinter_device = \"usb/lp0\"\n"), Errc::invalid_value,
                      "kiosk.toml:14:18: 'ui.printer_device' must be an absolute device path");
  for (const char* bad : {"-o raw", "bon printer", "a/b", "a#b"})
    EXPECT_CONFIG_ERROR(parse(kMinimal + "[ui]\nprinter = \"" + bad + "\"\n"), Errc::invalid_value,
                        "kiosk.toml:14:11: 'ui.printer' must be a CUPS queue name");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[ui]\nprinter_columns = 100\n"), Errc::invalid_value,
                      "kiosk.toml:14:19: 'ui.printer_columns'");
}

TEST(config_test, map_section_paths_centre_and_zoom) {
  auto ok = parse(
      kMinimal +
      "[map]\ntiles = \"map/stad.MBTiles\"\naddresses = \"adressen.tsv\"\ncentre = { lat = 52.09, lon = 5.12 }\n");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->map.tiles, std::filesystem::path("/srv/kiosk/map/stad.MBTiles"));
  EXPECT_EQ(ok->map.addresses, std::filesystem::path("/srv/kiosk/adressen.tsv"));
  EXPECT_DOUBLE_EQ(*ok->map.centre_lat, 52.09);
  EXPECT_EQ(ok->map.zoom, 17);
  EXPECT_TRUE(parse(kMinimal)->map.tiles.empty());  // no map: typed addresses and places only
  auto bad = [&](const std::string& map, std::string_view says) {
    auto r = parse(kMinimal + "[map]\n" + map);
    ASSERT_FALSE(r.ok()) << map;
    EXPECT_NE(r.error().message.find(says), std::string::npos) << r.error().message;
  };
  bad("tiles = \"map.png\"\n", "must name an MBTiles file ending in .mbtiles");
  bad("addresses = \"adressen.csv\"\n", "ending in .tsv");
  bad("tiles = \"\"\n", "must not be empty");
  bad("centre = { lat = 52.09 }\n", "lat and lon go together");
  bad("centre = { lat = 152.0, lon = 5.1 }\n", "lat");
  bad("zoom = 23\n", "zoom");
  bad("tile = \"x.mbtiles\"\n", "unknown key 'tile'");
  // The embedded demo uses the map and address list shipped in assets/map.
  Config demo = kiosk::demo_config();
  EXPECT_TRUE(std::filesystem::exists(demo.map.tiles)) << demo.map.tiles;
  EXPECT_TRUE(std::filesystem::exists(demo.map.addresses)) << demo.map.addresses;
  ASSERT_TRUE(demo.map.centre_lat.has_value());
}

// Crisis news (issue 16): an urgent [[news]] seed, each channel's refresh interval (minutes for a crisis
// channel), the urgent hashtags of the Mastodon channel.
TEST(config_test, urgent_news_refresh_interval_and_urgent_tags) {
  auto r = parse(kMinimal + "[[news]]\nid = \"n1\"\npublished = \"2026-11-20T09:00:00Z\"\nurgent = true\ntext = " +
                 six("N") + "\n[channels.mastodon]\nrefresh_interval_s = 120\nurgent_tags = [\"storm\"]\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->news[0].urgent);
  EXPECT_EQ(r->channels["mastodon"].refresh_interval_s, 120);
  EXPECT_EQ(r->channels["mastodon"].list("urgent_tags"), std::vector<std::string>{"storm"});
  EXPECT_EQ(r->channels["openklant"].refresh_interval_s, 6 * 3600);  // the default: six hours

  auto d = parse(kMinimal);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->channels["mastodon"].list("urgent_tags"), (std::vector<std::string>{"crisis", "nlalert", "urgent"}));

  EXPECT_CONFIG_ERROR(parse(kMinimal + "[channels.mastodon]\nrefresh_interval_s = 10\n"), Errc::invalid_value,
                      "kiosk.toml:14:");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[channels.mastodon]\nurgent_tags = [\"#Crisis\"]\n"), Errc::invalid_value,
                      "kiosk.toml:14:");
  EXPECT_CONFIG_ERROR(parse(kMinimal + "[[news]]\nid = \"n\"\npublished = \"2026-11-20T09:00:00Z\"\nurgent = \"ja\"\n" +
                            "text = " + six("N") + "\n"),
                      Errc::config_type, "kiosk.toml:16:");
}
