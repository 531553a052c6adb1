// First-boot provisioning (firmware/provision): validation with line numbers, nothing written on error,
// the installed files with their modes, and the split of the file into configuration, secrets and
// [provision] that keeps line numbers.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kiosk/sync/config.hpp"
#include "provision.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using kiosk::provision::Options;
using kiosk::provision::Plan;
using kiosk::test::TempDir;

namespace {

std::string example_text() { return kiosk::test::read_file(KIOSK_PROVISION_EXAMPLE); }

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::trunc) << text;
}

// Replaces the first occurrence of `from` in the example with `to`.
std::string example_with(const std::string& from, const std::string& to) {
  std::string t = example_text();
  auto pos = t.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) t.replace(pos, from.size(), to);
  return t;
}

int line_of(const std::string& text, const std::string& needle) {
  auto pos = text.find(needle);
  if (pos == std::string::npos) return -1;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

struct Fixture {
  TempDir dir;
  Options options;
  fs::path file;
  Fixture() {
    options.root = dir / "root";
    fs::create_directories(options.root / "etc");
    write(options.root / "etc/group", "root:x:0:\nkiosk-sync:x:998:\n");
    file = dir / "boot/kiosk-provision.toml";
  }
  std::vector<std::string> validate(const std::string& text, Plan* plan) {
    write(file, text);
    return kiosk::provision::validate(file, options, plan);
  }
};

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& e : v) s += e + "\n";
  return s;
}

}  // namespace

TEST(ProvisionSplit, KeepsLineNumbersAndRenamesSecretSections) {
  std::string text =
      "format = 1\n[kiosk]\nid = \"a\"\n[secrets.openklant]\ntoken = \"t\"\n[provision]\nhostname = \"h\"\n"
      "[ui]\nfullscreen = true\n";
  auto s = kiosk::provision::split_provision_file(text);
  EXPECT_TRUE(s.has_secrets);
  EXPECT_EQ(std::count(s.config_text.begin(), s.config_text.end(), '\n'), 9);
  EXPECT_EQ(std::count(s.secrets_text.begin(), s.secrets_text.end(), '\n'), 9);
  EXPECT_EQ(line_of(s.secrets_text, "[openklant]"), 4);
  EXPECT_EQ(line_of(s.secrets_text, "token"), 5);
  EXPECT_EQ(line_of(s.provision_text, "hostname"), 7);
  EXPECT_EQ(line_of(s.config_text, "fullscreen"), 9);
  EXPECT_EQ(s.config_text.find("token"), std::string::npos);
  EXPECT_EQ(s.config_text.find("hostname"), std::string::npos);
}

TEST(ProvisionSplit, HeaderInsideMultiLineStringIsText) {
  std::string text = "[kiosk]\nmunicipality = \"\"\"\n[provision]\n\"\"\"\n[provision]\nhostname = \"h\"\n";
  auto s = kiosk::provision::split_provision_file(text);
  EXPECT_EQ(line_of(s.config_text, "[provision]"), 3);
  EXPECT_EQ(line_of(s.provision_text, "hostname"), 6);
}

TEST(Provision, ExampleIsValidAndInstalls) {
  Fixture f;
  Plan plan;
  auto errors = f.validate(example_text(), &plan);
  ASSERT_TRUE(errors.empty()) << joined(errors);
  EXPECT_EQ(plan.config.kiosk.id, "vb-bieb-01");
  EXPECT_EQ(plan.provision.hostname, "kiosk-vb-bieb-01");
  ASSERT_TRUE(plan.secrets.has_value());
  EXPECT_EQ(plan.secrets->of("openklant"), "REPLACE-WITH-OPEN-KLANT-TOKEN");
  EXPECT_EQ(plan.kiosk_toml.find("wifi_psk ="), std::string::npos);
  EXPECT_EQ(plan.kiosk_toml.find("token ="), std::string::npos);

  errors = kiosk::provision::apply(plan, f.options);
  ASSERT_TRUE(errors.empty()) << joined(errors);
  const fs::path& r = f.options.root;
  auto installed = kiosk::load_config_file(r / "etc/kiosk/kiosk.toml");
  ASSERT_TRUE(installed.ok()) << installed.error().message;
  EXPECT_EQ(installed->kiosk.municipality, "Gemeente Voorbeeldstad");
  EXPECT_EQ(installed->sync.secrets_file, fs::path("/etc/kiosk/secrets.toml"));

  struct stat st {};
  ASSERT_EQ(::stat((r / "etc/kiosk/secrets.toml").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  if (::geteuid() == 0) {
    EXPECT_EQ(st.st_gid, 998u);  // kiosk-sync in the scratch root's /etc/group
  }
  auto secrets = kiosk::load_secrets_file(r / "etc/kiosk/secrets.toml");
  ASSERT_TRUE(secrets.ok()) << secrets.error().message;
  EXPECT_TRUE(kiosk::check_secrets(*installed, *secrets).ok());

  ASSERT_EQ(::stat((r / "etc/wpa_supplicant/wpa_supplicant-wlan0.conf").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  std::string wpa = kiosk::test::read_file(r / "etc/wpa_supplicant/wpa_supplicant-wlan0.conf");
  EXPECT_NE(wpa.find("ssid=47656d65656e74652d4b696f736b"), std::string::npos) << wpa;  // hex of Gemeente-Kiosk
  EXPECT_NE(wpa.find("country=NL"), std::string::npos);
  EXPECT_TRUE(fs::is_symlink(
      r / "etc/systemd/system/sys-subsystem-net-devices-wlan0.device.wants/wpa_supplicant@wlan0.service"));
  EXPECT_EQ(kiosk::test::read_file(r / "etc/hostname"), "kiosk-vb-bieb-01\n");
  EXPECT_EQ(fs::read_symlink(r / "etc/localtime"), fs::path("/usr/share/zoneinfo/Europe/Amsterdam"));
  ASSERT_EQ(::stat((r / "root/.ssh/authorized_keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
}

TEST(Provision, ConfigErrorNamesTheLineAndWritesNothing) {
  Fixture f;
  std::string text = example_with("interval_s = 300", "interval_s = 300\nchanels = 2");
  Plan plan;
  auto errors = f.validate(text, &plan);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  std::string want = fmt::format("kiosk-provision.toml:{}:", line_of(text, "chanels"));
  EXPECT_NE(errors[0].find(want), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("chanels"), std::string::npos);
  EXPECT_FALSE(fs::exists(f.options.root / "etc/kiosk"));
  EXPECT_TRUE(fs::exists(f.file));
}

TEST(Provision, SyntaxErrorNamesTheLine) {
  Fixture f;
  std::string text = example_with("panel_dpi = 96", "panel_dpi = = 96");
  Plan plan;
  auto errors = f.validate(text, &plan);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_NE(errors[0].find(fmt::format("kiosk-provision.toml:{}:", line_of(text, "panel_dpi"))), std::string::npos)
      << errors[0];
}

TEST(Provision, EveryProvisionErrorIsReportedWithItsLine) {
  Fixture f;
  std::string text = example_with("wifi_psk = \"replace-with-the-wifi-password\"", "wifi_psk = \"short\"");
  text = text.substr(0, text.find("wifi_country")) + "wifi_country = \"nl\"\nwifi_band = 5\n" +
         text.substr(text.find("\n", text.find("wifi_country")) + 1);
  Plan plan;
  auto errors = f.validate(text, &plan);
  ASSERT_EQ(errors.size(), 3u) << joined(errors);
  std::string all = joined(errors);
  EXPECT_NE(all.find(fmt::format(":{}:", line_of(text, "wifi_psk ="))), std::string::npos) << all;
  EXPECT_NE(all.find(fmt::format(":{}:", line_of(text, "wifi_country ="))), std::string::npos) << all;
  EXPECT_NE(all.find(fmt::format(":{}:1: unknown key 'wifi_band'", line_of(text, "wifi_band"))), std::string::npos)
      << all;
}

TEST(Provision, SecretsErrorNamesTheProvisioningFileAndLine) {
  Fixture f;
  std::string text = example_with("token = \"REPLACE", "tokn = \"REPLACE");
  Plan plan;
  auto errors = f.validate(text, &plan);
  ASSERT_FALSE(errors.empty());
  std::string want = fmt::format("{}:{}:", f.file.string(), line_of(text, "tokn"));
  EXPECT_NE(errors[0].find(want), std::string::npos) << joined(errors);
}

TEST(Provision, MissingCredentialIsAnError) {
  Fixture f;
  std::string text = example_text();
  text = text.substr(0, text.find("[secrets.openklant]"));  // no credentials, but openklant enabled
  Plan plan;
  auto errors = f.validate(text, &plan);
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(joined(errors).find("secrets"), std::string::npos) << joined(errors);
}

TEST(Provision, ApplianceRulesAreChecked) {
  Fixture f;
  std::string text = example_with("outbox = \"/var/lib/kiosk/outbox.sqlite\"", "outbox = \"/tmp/outbox.sqlite\"");
  text.replace(text.find("technician_pin_hash"),
               text.find('\n', text.find("technician_pin_hash")) - text.find("technician_pin_hash"),
               "technician_pin_hash = \"\"");
  Plan plan;
  auto errors = f.validate(text, &plan);
  std::string all = joined(errors);
  EXPECT_NE(all.find(fmt::format(":{}:", line_of(text, "outbox ="))), std::string::npos) << all;
  EXPECT_NE(all.find("technician_pin_hash is required"), std::string::npos) << all;
}

TEST(Provision, UnknownTimeZoneIsRejectedWhenTheRootHasZoneinfo) {
  Fixture f;
  fs::create_directories(f.options.root / "usr/share/zoneinfo/Europe");
  write(f.options.root / "usr/share/zoneinfo/Europe/Amsterdam", "TZif");
  std::string text = example_with("time_zone = \"Europe/Amsterdam\"", "time_zone = \"Europe/Amsterdamm\"");
  Plan plan;
  auto errors = f.validate(text, &plan);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_NE(errors[0].find(fmt::format(":{}:", line_of(text, "time_zone"))), std::string::npos) << errors[0];
}
