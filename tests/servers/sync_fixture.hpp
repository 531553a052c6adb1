// Test fixture for the sync tests: the four contract servers on 127.0.0.1, a configuration and
// secrets pointing at them, and a real outbox file.
#pragma once

#include <sys/stat.h>

#include <fstream>
#include <memory>
#include <stdexcept>

#include "contract_server.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/setup.hpp"

namespace kiosk::test {

struct SyncWorld {
  std::unique_ptr<OpenKlantServer> openklant = std::make_unique<OpenKlantServer>();
  std::unique_ptr<SignalenServer> signalen = std::make_unique<SignalenServer>();
  std::unique_ptr<Open311Server> open311 = std::make_unique<Open311Server>();
  std::unique_ptr<MastodonServer> mastodon = std::make_unique<MastodonServer>();

  Secrets secrets{{{"openklant", "test-token-ok"}, {"open311", "test-key-311"}, {"mastodon", "test-token-masto"}}};

  Config config(const std::filesystem::path& outbox_path, int timeout_s = 5) const {
    Config c = demo_config();
    c.storage.outbox = outbox_path;
    c.channels["openklant"].base_url = openklant->base_url();
    c.channels["signalen"].base_url = signalen->base_url();
    c.channels["open311"].base_url = open311->base_url();
    c.channels["mastodon"].base_url = mastodon->base_url();
    for (auto& [name, ch] : c.channels) ch.timeout_s = timeout_s;
    c.channels["signalen"].posts_per_hour = 100000;
    return c;
  }
};

// Writes a configuration file (and a 0600 secrets file next to it) for the kiosk-sync and kioskctl
// programs, pointing at the world's servers.
inline std::filesystem::path write_config_files(const SyncWorld& w, const std::filesystem::path& dir,
                                                const std::filesystem::path& outbox, int timeout_s = 5,
                                                int batch_count = 20, const std::string& extra = {}) {
  auto secrets = dir / "secrets.toml";
  {
    std::ofstream s(secrets);
    for (const ChannelDescriptor* d : channel_descriptors())
      if (!d->secret_key.empty() && !w.secrets.of(d->name).empty())
        s << "[" << d->name << "]\n" << d->secret_key << " = \"" << w.secrets.of(d->name) << "\"\n";
  }
  ::chmod(secrets.c_str(), 0600);
  auto file = dir / "kiosk.toml";
  std::ofstream c(file);
  c << "format = 1\n[kiosk]\nid = \"demo-bieb-01\"\ncode_prefix = \"DM\"\nmunicipality = \"Gemeente Voorbeeldstad\"\n"
    << "location = { name = \"Bibliotheek\", lat = 52.09071, lon = 5.12142 }\n"
    << "[storage]\noutbox = \"" << outbox.string() << "\"\n"
    << "[sync]\ninterval_s = 60\nsecrets_file = \"" << secrets.string()
    << "\"\nanswer_poll_interval_s = 300\n"
    // Typed addresses without a point go to Signalen with the municipality's centre.
    << "[map]\ncentre = { lat = 52.0915, lon = 5.1210 }\n";
  auto channel = [&](const char* name, const std::string& url, const std::string& more) {
    c << "[channels." << name << "]\nenabled = true\nbase_url = \"" << url << "\"\ntimeout_s = " << timeout_s
      << "\nbatch_count = " << batch_count << "\n"
      << more;
  };
  channel("openklant", w.openklant->base_url(), "");
  channel("signalen", w.signalen->base_url(), "posts_per_hour = 100000\n");
  channel("open311", w.open311->base_url(), "jurisdiction_id = \"voorbeeldstad.nl\"\n");
  channel("mastodon", w.mastodon->base_url(), "");
  c << extra;
  return file;
}

inline OutboxOptions outbox_options_for(const Config& c, const Clock* clock = nullptr) {
  auto o = outbox_options(c);
  OutboxOptions out = o ? *o : OutboxOptions{};
  out.path = c.storage.outbox;
  out.clock = clock;
  return out;
}

// The outbox a configuration file from write_config_files names, opened as kiosk-sync opens it.
// Throws what went wrong (a test that calls it fails with the message).
inline Outbox open_config_outbox(const std::filesystem::path& config_file) {
  auto cfg = load_config_file(config_file);
  if (!cfg) throw std::runtime_error(config_file.string() + ": " + cfg.error().message);
  auto box = Outbox::open(outbox_options_for(*cfg));
  if (!box) throw std::runtime_error("outbox: " + box.error().message);
  return std::move(box.value());
}

// Engine options for tests: short backoff so retries come due within a test, fixed jitter seed.
inline EngineOptions fast_engine() {
  EngineOptions e;
  e.backoff_base_ms = 20;
  e.backoff_max_ms = 200;
  e.seed = 42;
  e.uncertain_grace_ms = 0;  // tests move a FakeClock instead
  return e;
}

}  // namespace kiosk::test
