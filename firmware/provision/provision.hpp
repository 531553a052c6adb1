// kiosk-provision: first-boot provisioning of the appliance from one TOML file on the FAT boot partition
// (/boot/firmware/kiosk-provision.toml). The file is a kiosk configuration (the format of
// docs/config.example.toml, validated by kiosk::parse_config) plus two extra sections:
//   [provision]          host name, Wi-Fi, SSH keys: applied to the system, not copied into kiosk.toml
//   [secrets.<channel>]  the channel credentials: written to /etc/kiosk/secrets.toml as [<channel>]
// Every error names the provisioning file and its line ("kiosk-provision.toml:12:1: ..."). Nothing is
// written unless the whole file is valid.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/sync/config.hpp"

namespace kiosk::provision {

inline constexpr const char* kDefaultSecretsPath = "/etc/kiosk/secrets.toml";
inline constexpr const char* kOutboxDir = "/var/lib/kiosk/";

struct ProvisionSection {
  std::string hostname;                          // empty: "kiosk-<kiosk.id>" (lower case, invalid characters -> '-')
  std::string wifi_ssid;                         // empty: no Wi-Fi (wired network only)
  std::string wifi_psk;                          // 8..63 printable ASCII characters, or 64 hex digits; empty: open
  std::string wifi_country = "NL";               // ISO 3166-1 alpha-2 regulatory domain
  std::vector<std::string> ssh_authorized_keys;  // for root over SSH (kioskctl); empty: no SSH login
};

// The provisioning file split into its three parts. Each text keeps the line numbers of the original file
// (lines of the other parts are blank), so every parser's errors point at the right line.
struct SplitFile {
  std::string config_text;
  std::string secrets_text;  // [secrets.X] headers rewritten to [X]
  std::string provision_text;
  bool has_secrets = false;
};
SplitFile split_provision_file(const std::string& text);

struct Plan {
  Config config;
  std::optional<Secrets> secrets;
  ProvisionSection provision;
  std::string kiosk_toml;    // the text to install as /etc/kiosk/kiosk.toml
  std::string secrets_toml;  // the text to install as /etc/kiosk/secrets.toml (empty: none)
};

struct Options {
  std::filesystem::path root = "/";  // target root (tests use a temporary directory)
  std::filesystem::path etc_dir;     // default <root>/etc/kiosk
};

// Reads and validates. Errors: one message per problem, each "file:line:column: message" where a line is
// known. An empty error list means the plan is valid.
std::vector<std::string> validate(const std::filesystem::path& file, const Options& options, Plan* plan);

// Installs a validated plan: kiosk.toml (0644 root:root), secrets.toml (0640 root:kiosk-sync), the Wi-Fi
// configuration of wpa_supplicant@wlan0 (0600), /etc/hostname, /etc/localtime + /etc/timezone and
// /root/.ssh/authorized_keys. Files are written under a temporary name and renamed. Returns errors.
std::vector<std::string> apply(const Plan& plan, const Options& options);

}  // namespace kiosk::provision
