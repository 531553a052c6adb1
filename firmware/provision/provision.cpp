// kiosk-provision: see provision.hpp.
#include "provision.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "kiosk/sync/strict_toml.hpp"

namespace fs = std::filesystem;

namespace kiosk::provision {
namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// The first component of a table header's dotted name ("secrets" for [ "secrets" . openklant ]), and the
// rest after the dot (empty when there is none). Not a header: nullopt.
struct Header {
  std::string first;
  std::string rest;
  bool array = false;
};
std::optional<Header> parse_header(const std::string& line) {
  std::string t = trim(line);
  if (t.empty() || t[0] != '[') return std::nullopt;
  Header h;
  std::size_t i = 1;
  if (t.size() > 1 && t[1] == '[') {
    h.array = true;
    i = 2;
  }
  std::size_t close = t.find(']', i);
  if (close == std::string::npos) return std::nullopt;
  std::string name = t.substr(i, close - i);
  // Split at the first dot outside quotes.
  char quote = 0;
  std::size_t dot = std::string::npos;
  for (std::size_t k = 0; k < name.size(); ++k) {
    char c = name[k];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '.') {
      dot = k;
      break;
    }
  }
  std::string first = trim(name.substr(0, dot));
  if (first.size() >= 2 && (first.front() == '"' || first.front() == '\'') && first.back() == first.front())
    first = first.substr(1, first.size() - 2);
  h.first = first;
  h.rest = dot == std::string::npos ? "" : trim(name.substr(dot + 1));
  return h;
}

// Counts occurrences of a multi-line string delimiter outside comments (a rough scan, enough to keep a
// header-looking line inside a """ string from being taken as a header).
int count_delims(const std::string& line, std::string_view delim) {
  int n = 0;
  for (std::size_t pos = line.find(delim); pos != std::string::npos; pos = line.find(delim, pos + 3)) ++n;
  return n;
}

std::string read_file(const fs::path& file, std::string* error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    *error = fmt::format("{}: cannot open: {}", file.string(), std::strerror(errno));
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string at(const std::string& name, const toml::source_region& r) {
  if (r.begin.line == 0) return name;
  return fmt::format("{}:{}:{}", name, r.begin.line, r.begin.column);
}

// Where a dotted key ("kiosk.time_zone") is in the file; the file name alone when unknown.
std::string where(const toml::table* root, const std::string& name, std::string_view dotted) {
  if (root == nullptr) return name;
  const toml::node* n = root->at_path(dotted).node();
  if (n == nullptr) {
    auto dot = dotted.rfind('.');
    if (dot != std::string_view::npos) n = root->at_path(dotted.substr(0, dot)).node();
  }
  return n ? at(name, n->source()) : name;
}

bool printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}
bool is_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

std::string default_hostname(const std::string& id) {
  std::string h = "kiosk-";
  for (char c : id) h += std::isalnum(static_cast<unsigned char>(c)) ? char(std::tolower(c)) : '-';
  if (h.size() > 63) h.resize(63);
  while (!h.empty() && h.back() == '-') h.pop_back();
  return h;
}

bool valid_hostname(const std::string& h) {
  if (h.empty() || h.size() > 63 || h.front() == '-' || h.back() == '-') return false;
  return std::all_of(h.begin(), h.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool valid_country(const std::string& c) {
  return c.size() == 2 && std::all_of(c.begin(), c.end(), [](char x) { return x >= 'A' && x <= 'Z'; });
}

constexpr std::string_view kProvisionKeys[] = {"hostname", "wifi_ssid", "wifi_psk", "wifi_country",
                                               "ssh_authorized_keys"};

// [provision], read by the configuration's strict reader; every problem is reported, each with its line.
void parse_provision(const std::string& text, const std::string& name, ProvisionSection* p,
                     std::vector<std::string>* errors) {
  strict_toml::Reader r(name);
  auto check = [&](auto&& step) {
    if (auto e = r.attempt(step)) errors->push_back(e->message);
  };
  toml::table root;
  if (auto e = r.attempt([&] { root = r.parse(text); })) {
    errors->push_back(e->message);
    return;
  }
  strict_toml::Section top = r.top(root);
  strict_toml::Section t;
  if (auto e = r.attempt([&] { t = r.table(top, "provision", "in [provision]"); })) {
    errors->push_back(e->message);
    return;
  }
  if (t.table == nullptr) return;
  check([&] {
    r.check_keys(t, kProvisionKeys, [](std::string_view key) {
      return strict_toml::closest(kProvisionKeys, key).empty()
                 ? fmt::format("known: {}", strict_toml::join(kProvisionKeys))
                 : std::string();
    });
  });
  check([&] { r.read(t, "hostname", p->hostname); });
  check([&] { r.read(t, "wifi_ssid", p->wifi_ssid); });
  check([&] { r.read(t, "wifi_psk", p->wifi_psk); });
  check([&] { r.read(t, "wifi_country", p->wifi_country); });
  auto value_error = [&](std::string_view key, std::string message) { check([&] { r.value_error(t, key, message); }); };
  if (!p->hostname.empty() && !valid_hostname(p->hostname))
    value_error("hostname", fmt::format("'{}' is not a valid host name (a-z, 0-9 and '-', at most 63 characters, "
                                        "not starting or ending with '-')",
                                        p->hostname));
  if (!p->wifi_ssid.empty() && (p->wifi_ssid.size() > 32 || !printable_ascii(p->wifi_ssid)))
    value_error("wifi_ssid", "must be 1 to 32 printable characters");
  if (!p->wifi_psk.empty()) {
    if (p->wifi_ssid.empty()) value_error("wifi_psk", "is given but provision.wifi_ssid is not");
    bool hex64 = p->wifi_psk.size() == 64 && is_hex(p->wifi_psk);
    if (!hex64 && (p->wifi_psk.size() < 8 || p->wifi_psk.size() > 63 || !printable_ascii(p->wifi_psk)))
      value_error("wifi_psk", fmt::format("must be a WPA passphrase of 8 to 63 printable characters, or 64 "
                                          "hexadecimal digits (it has {} characters)",
                                          p->wifi_psk.size()));
  }
  if (!valid_country(p->wifi_country))
    value_error("wifi_country",
                fmt::format("must be two capital letters (ISO 3166-1, e.g. \"NL\"), not '{}'", p->wifi_country));
  std::vector<std::string> keys;
  check([&] { r.read(t, "ssh_authorized_keys", keys); });
  static const std::regex key("^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com|"
                              "sk-ecdsa-sha2-nistp256@openssh\\.com) [A-Za-z0-9+/]+=*( [^\\r\\n]*)?$");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (std::regex_match(keys[i], key)) p->ssh_authorized_keys.push_back(keys[i]);
    else
      check([&] {
        r.element_error(t, "ssh_authorized_keys", i,
                        "holds a line that is not an OpenSSH public key (\"ssh-ed25519 AAAA... comment\")");
      });
  }
}

// Looks a group up in <root>/etc/group; -1 if absent.
long group_id(const fs::path& root, const std::string& group) {
  std::ifstream in(root / "etc/group");
  std::string line;
  while (std::getline(in, line)) {
    auto c1 = line.find(':');
    if (c1 == std::string::npos || line.compare(0, c1, group) != 0) continue;
    auto c2 = line.find(':', c1 + 1);
    auto c3 = line.find(':', c2 + 1);
    if (c2 == std::string::npos || c3 == std::string::npos) return -1;
    return std::strtol(line.substr(c2 + 1, c3 - c2 - 1).c_str(), nullptr, 10);
  }
  return -1;
}

// Writes a file under a temporary name, fsyncs, renames over the target.
bool write_file(const fs::path& path, const std::string& content, mode_t mode, long gid,
                std::vector<std::string>* errors) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  fs::path tmp = path;
  tmp += ".kiosk-provision.tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    errors->push_back(fmt::format("{}: cannot write: {}", tmp.string(), std::strerror(errno)));
    return false;
  }
  bool ok = true;
  if (::geteuid() == 0 && ::fchown(fd, 0, gid >= 0 ? static_cast<gid_t>(gid) : 0) != 0) ok = false;
  if (::fchmod(fd, mode) != 0) ok = false;
  const char* p = content.data();
  std::size_t left = content.size();
  while (ok && left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (ok && ::fsync(fd) != 0) ok = false;
  int err = errno;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    if (ok) err = errno;
    ::unlink(tmp.c_str());
    errors->push_back(fmt::format("{}: cannot write: {}", path.string(), std::strerror(err)));
    return false;
  }
  return true;
}

bool replace_symlink(const fs::path& link, const fs::path& target, std::vector<std::string>* errors) {
  std::error_code ec;
  fs::create_directories(link.parent_path(), ec);
  fs::path tmp = link;
  tmp += ".kiosk-provision.tmp";
  fs::remove(tmp, ec);
  fs::create_symlink(target, tmp, ec);
  if (!ec) fs::rename(tmp, link, ec);
  if (ec) {
    errors->push_back(fmt::format("{}: cannot create link: {}", link.string(), ec.message()));
    return false;
  }
  return true;
}

}  // namespace

SplitFile split_provision_file(const std::string& text) {
  SplitFile out;
  enum class Part { config, secrets, provision } part = Part::config;
  std::string_view open_delim;
  std::istringstream in(text);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!first) {
      out.config_text += '\n';
      out.secrets_text += '\n';
      out.provision_text += '\n';
    }
    first = false;
    std::string for_secrets = line;
    if (open_delim.empty()) {
      if (auto h = parse_header(line)) {
        if (h->first == "provision") {
          part = Part::provision;
        } else if (h->first == "secrets") {
          part = Part::secrets;
          out.has_secrets = true;
          for_secrets = h->rest.empty() ? "" : (h->array ? "[[" + h->rest + "]]" : "[" + h->rest + "]");
          // Keep a trailing comment out: the header is rewritten whole.
        } else {
          part = Part::config;
        }
      }
    }
    // Track multi-line strings ("""…""" and '''…''').
    for (std::string_view d : {std::string_view("\"\"\""), std::string_view("'''")}) {
      if (!open_delim.empty() && open_delim != d) continue;
      if (count_delims(line, d) % 2 == 1) open_delim = open_delim.empty() ? d : std::string_view();
    }
    switch (part) {
      case Part::config: out.config_text += line; break;
      case Part::secrets: out.secrets_text += for_secrets; break;
      case Part::provision: out.provision_text += line; break;
    }
  }
  if (!text.empty() && text.back() == '\n') {
    out.config_text += '\n';
    out.secrets_text += '\n';
    out.provision_text += '\n';
  }
  return out;
}

// Drops blank lines that only stand for the removed sections: runs of blank lines become one.
static std::string compact(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  int blanks = 0;
  bool in_ml = false;
  while (std::getline(in, line)) {
    bool blank = trim(line).empty();
    if (blank && !in_ml) {
      if (++blanks > 1) continue;
    } else {
      blanks = 0;
    }
    out += line;
    out += '\n';
    if ((count_delims(line, "\"\"\"") + count_delims(line, "'''")) % 2 == 1) in_ml = !in_ml;
  }
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::vector<std::string> validate(const fs::path& file, const Options& options_in, Plan* plan) {
  std::vector<std::string> errors;
  Options options = options_in;
  if (options.etc_dir.empty()) options.etc_dir = options.root / "etc/kiosk";
  const std::string name = file.string();
  std::string read_error;
  std::string text = read_file(file, &read_error);
  if (!read_error.empty()) return {read_error};

  // 1. TOML syntax of the whole file first: one clear message, nothing else makes sense after it.
  toml::table whole;
  strict_toml::Reader reader(name);
  if (auto e = reader.attempt([&] { whole = reader.parse(text); })) return {e->message};

  SplitFile split = split_provision_file(text);

  // 2. The configuration, with the checks every kiosk program applies.
  auto cfg = parse_config(split.config_text, name, options.etc_dir);
  if (!cfg) {
    errors.push_back(cfg.error().message);
  } else {
    plan->config = std::move(cfg).value();
    const Config& c = plan->config;
    if (c.ui.technician_pin_hash.empty())
      errors.push_back(fmt::format("{}: ui.technician_pin_hash is required on a kiosk (make one with "
                                   "`kiosk --hash-pin PIN`)",
                                   where(&whole, name, "ui.technician_pin_hash")));
    if (c.storage.outbox.string().rfind(kOutboxDir, 0) != 0)
      errors.push_back(fmt::format("{}: storage.outbox must be on the data partition, under {} (e.g. "
                                   "\"/var/lib/kiosk/outbox.sqlite\"), not {}",
                                   where(&whole, name, "storage.outbox"), kOutboxDir, c.storage.outbox.string()));
    if (split.has_secrets && c.sync.secrets_file != fs::path(kDefaultSecretsPath))
      errors.push_back(fmt::format("{}: sync.secrets_file must be \"{}\" (the [secrets.*] sections are "
                                   "installed there)",
                                   where(&whole, name, "sync.secrets_file"), kDefaultSecretsPath));
    if (!split.has_secrets && !c.sync.secrets_file.empty())
      errors.push_back(fmt::format("{}: sync.secrets_file is set but the file has no [secrets.<channel>] "
                                   "section with the credentials",
                                   where(&whole, name, "sync.secrets_file")));
    fs::path zoneinfo = options.root / "usr/share/zoneinfo";
    std::error_code ec;
    if (fs::is_directory(zoneinfo, ec) && !fs::exists(zoneinfo / c.kiosk.time_zone, ec))
      errors.push_back(fmt::format("{}: kiosk.time_zone '{}' is not a known time zone (e.g. "
                                   "\"Europe/Amsterdam\")",
                                   where(&whole, name, "kiosk.time_zone"), c.kiosk.time_zone));
  }

  // 3. The credentials, read by the same code as the sync service (from a private copy: the secrets loader
  //    insists on 0600). Messages name the provisioning file.
  if (split.has_secrets) {
    char dir_template[] = "/tmp/kiosk-provision.XXXXXX";
    const char* tmpdir = std::getenv("KIOSK_PROVISION_TMPDIR");
    std::string templ = tmpdir && *tmpdir ? std::string(tmpdir) + "/kiosk-provision.XXXXXX" : dir_template;
    std::vector<char> buf(templ.begin(), templ.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr) {
      errors.push_back(fmt::format("cannot create a private temporary directory: {}", std::strerror(errno)));
    } else {
      fs::path dir(buf.data());
      fs::path copy = dir / file.filename();
      std::vector<std::string> werr;
      if (write_file(copy, split.secrets_text, 0600, -1, &werr)) {
        auto secrets = load_secrets_file(copy);
        if (!secrets) {
          std::string m = secrets.error().message;
          for (auto p = m.find(copy.string()); p != std::string::npos; p = m.find(copy.string(), p + name.size()))
            m.replace(p, copy.string().size(), name);
          errors.push_back(m);
        } else {
          plan->secrets = std::move(secrets).value();
        }
      } else {
        errors.insert(errors.end(), werr.begin(), werr.end());
      }
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  }
  if (cfg && errors.empty()) {
    Secrets none;
    auto s = check_secrets(plan->config, plan->secrets ? *plan->secrets : none);
    if (!s) {
      const char* hint = split.has_secrets ? "" : " (add a [secrets.<channel>] section)";
      errors.push_back(fmt::format("{}: {}{}", name, s.error().message, hint));
    }
  }

  // 4. [provision].
  parse_provision(split.provision_text, name, &plan->provision, &errors);
  if (cfg && plan->provision.hostname.empty()) plan->provision.hostname = default_hostname(plan->config.kiosk.id);

  if (!errors.empty()) return errors;

  // The files to install, and a last check that the installed configuration reads back the same way.
  std::string stamp = "# Written by kiosk-provision from " + file.filename().string() +
                      " (first boot). Edit here, or provision again with a new file on the boot partition.\n";
  plan->kiosk_toml = stamp + compact(split.config_text);
  auto again = parse_config(plan->kiosk_toml, "kiosk.toml", options.etc_dir);
  if (!again) errors.push_back("internal error: the written kiosk.toml does not read back: " + again.error().message);
  if (split.has_secrets) plan->secrets_toml = stamp + compact(split.secrets_text);
  return errors;
}

std::vector<std::string> apply(const Plan& plan, const Options& options_in) {
  std::vector<std::string> errors;
  Options options = options_in;
  if (options.etc_dir.empty()) options.etc_dir = options.root / "etc/kiosk";
  const fs::path& root = options.root;
  long sync_gid = group_id(root, "kiosk-sync");
  if (sync_gid < 0 && ::geteuid() == 0 && !plan.secrets_toml.empty())
    return {fmt::format("{}: group 'kiosk-sync' does not exist (is the kiosk package installed?)",
                        (root / "etc/group").string())};

  // Secrets first, so the configuration never points at a missing file.
  if (!plan.secrets_toml.empty() &&
      !write_file(options.etc_dir / "secrets.toml", plan.secrets_toml, 0640, sync_gid, &errors))
    return errors;
  if (!write_file(options.etc_dir / "kiosk.toml", plan.kiosk_toml, 0644, 0, &errors)) return errors;

  const ProvisionSection& p = plan.provision;
  // Wi-Fi: wpa_supplicant@wlan0 (systemd-networkd does DHCP on wlan0 and eth0).
  fs::path wpa = root / "etc/wpa_supplicant/wpa_supplicant-wlan0.conf";
  // Started when wlan0 appears (not from multi-user.target: a kiosk without Wi-Fi hardware would wait 90 s).
  fs::path wants =
      root / "etc/systemd/system/sys-subsystem-net-devices-wlan0.device.wants/wpa_supplicant@wlan0.service";
  std::error_code ec;
  if (!p.wifi_ssid.empty()) {
    std::string ssid_hex;
    for (unsigned char c : p.wifi_ssid) ssid_hex += fmt::format("{:02x}", c);
    std::string conf = "# Written by kiosk-provision.\nctrl_interface=DIR=/run/wpa_supplicant GROUP=netdev\n"
                       "update_config=0\ncountry=" +
                       p.wifi_country + "\n\nnetwork={\n\tssid=" + ssid_hex + "\n\tscan_ssid=1\n";
    if (p.wifi_psk.empty()) {
      conf += "\tkey_mgmt=NONE\n";
    } else if (p.wifi_psk.size() == 64) {
      conf += "\tpsk=" + p.wifi_psk + "\n";
    } else {
      conf += "\tpsk=\"" + p.wifi_psk + "\"\n";
    }
    conf += "}\n";
    write_file(wpa, conf, 0600, 0, &errors);
    replace_symlink(wants, "/lib/systemd/system/wpa_supplicant@.service", &errors);
  } else {
    fs::remove(wpa, ec);
    fs::remove(wants, ec);
  }

  write_file(root / "etc/hostname", p.hostname + "\n", 0644, 0, &errors);
  write_file(root / "etc/hosts",
             "127.0.0.1\tlocalhost\n127.0.1.1\t" + p.hostname +
                 "\n::1\t\tlocalhost ip6-localhost ip6-loopback\nff02::1\t\tip6-allnodes\nff02::2\t\tip6-allrouters\n",
             0644, 0, &errors);

  const std::string& tz = plan.config.kiosk.time_zone;
  replace_symlink(root / "etc/localtime", fs::path("/usr/share/zoneinfo") / tz, &errors);
  write_file(root / "etc/timezone", tz + "\n", 0644, 0, &errors);

  fs::path keys = root / "root/.ssh/authorized_keys";
  if (!p.ssh_authorized_keys.empty()) {
    fs::create_directories(keys.parent_path(), ec);
    ::chmod(keys.parent_path().c_str(), 0700);
    std::string text = "# Written by kiosk-provision.\n";
    for (const auto& k : p.ssh_authorized_keys) text += k + "\n";
    write_file(keys, text, 0600, 0, &errors);
  }
  return errors;
}

}  // namespace kiosk::provision
