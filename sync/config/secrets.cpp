// The secrets file (config.hpp): [<channel>] <secret_key> = "…" for every channel of the table with a
// credential, read by the strict reader after a check of the file's permissions.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "kiosk/sync/channel_descriptor.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/strict_toml.hpp"

namespace kiosk {

namespace {

// The whole file, after checking the permissions of the file actually opened (no race with a rename).
Result<std::string> read_private_file(const std::string& name) {
  int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return make_error(Errc::io, fmt::format("{}: cannot open secrets file: {}", name, std::strerror(errno)));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return make_error(Errc::io, fmt::format("{}: cannot stat secrets file: {}", name, std::strerror(errno)));
  if (!S_ISREG(st.st_mode))
    return make_error(Errc::config_permissions, fmt::format("{}: the secrets file must be a regular file", name));
  const unsigned mode = static_cast<unsigned>(st.st_mode) & 07777u;
  if ((mode & 0037u) != 0)
    return make_error(Errc::config_permissions,
                      fmt::format("{}: permissions are {:04o}; the secrets file must not be readable by others "
                                  "(use chmod 0600, owner = the sync service's user; or 0640 with owner root "
                                  "and the sync service's group)",
                                  name, mode));
  std::string text;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return make_error(Errc::io, fmt::format("{}: cannot read secrets file: {}", name, std::strerror(errno)));
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > (1u << 20))
      return make_error(Errc::io, fmt::format("{}: the secrets file is larger than 1 MiB", name));
  }
  return text;
}

}  // namespace

const std::string& Secrets::of(std::string_view channel) const {
  static const std::string kNone;
  auto it = by_channel.find(channel);
  return it == by_channel.end() ? kNone : it->second;
}

Result<Secrets> load_secrets_file(const std::filesystem::path& file) {
  const std::string name = file.string();
  auto text = read_private_file(name);
  if (!text) return text.error();

  return strict_toml::run([&] {
    strict_toml::Reader r(name);
    toml::table root = r.parse(*text);
    strict_toml::Section top = r.top(root);
    std::vector<std::string_view> top_keys{"format"};
    for (const ChannelDescriptor* d : channel_descriptors())
      if (!d->secret_key.empty()) top_keys.push_back(d->name);
    r.check_keys(top, top_keys);
    std::int64_t format = kConfigFormatVersion;
    if (r.read(top, "format", format, std::numeric_limits<std::int64_t>::min(),
               std::numeric_limits<std::int64_t>::max()) &&
        format != kConfigFormatVersion)
      r.value_error(top, "format",
                    fmt::format("is {}, but this kiosk reads secrets format {} only", format, kConfigFormatVersion));

    Secrets secrets;
    for (const ChannelDescriptor* d : channel_descriptors()) {
      if (d->secret_key.empty()) continue;
      strict_toml::Section s = r.table(top, d->name, fmt::format("in [{}]", d->name));
      const std::string_view allowed[] = {d->secret_key};
      r.check_keys(s, allowed);
      std::string value;
      if (!r.read(s, d->secret_key, value)) continue;
      // Never quote the value: this is a credential.
      if (value.empty()) r.value_error(s, d->secret_key, "must not be empty (leave the key out instead)");
      for (char c : value)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
          r.value_error(s, d->secret_key, "must not contain spaces or control characters");
      secrets.by_channel[std::string(d->name)] = std::move(value);
    }
    return secrets;
  });
}

Result<void> check_secrets(const Config& config, const Secrets& secrets) {
  const std::string file = config.sync.secrets_file.string();
  for (const ChannelDescriptor* d : channel_descriptors()) {
    if (d->secret_key.empty() || !secrets.of(d->name).empty()) continue;
    auto it = config.channels.find(std::string(d->name));
    if (it == config.channels.end() || !it->second.enabled) continue;
    return make_error(Errc::config_missing,
                      fmt::format("{}: missing [{}] {} (channel '{}' is enabled)", file, d->name, d->secret_key,
                                  d->name),
                      fmt::format("{}.{}", d->name, d->secret_key));
  }
  return {};
}

}  // namespace kiosk
