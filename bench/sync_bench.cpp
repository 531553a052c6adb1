// Sync throughput benchmark: how fast the engine drains the outbox into a local Open Klant contract
// server (keep-alive, batches of 20, one transaction per batch), compared with that same server's own
// maximum for identical requests in the same run (a closed-loop load of pre-built requests over
// keep-alive connections, no outbox); target >= 80 %. Also prints bytes on the wire per submission.
//   sync_bench [submissions=2000] [batch=20] [lanes per channel=1]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "contract_server.hpp"
#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/setup.hpp"
#include "kiosk/sync/synth.hpp"

using namespace kiosk;

namespace {
double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 2000;
  int batch = argc > 2 ? std::atoi(argv[2]) : 20;
  int lanes = argc > 3 ? std::atoi(argv[3]) : 1;
  test::OpenKlantServer server;
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("kiosk-sync-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);

  Config config = demo_config();
  config.storage.outbox = dir / "outbox.sqlite";
  for (auto& [name, c] : config.channels) c.enabled = name == "openklant";
  config.channels["openklant"].base_url = server.base_url();
  config.channels["openklant"].batch_count = batch;
  config.routing.idea = {"openklant"};
  config.routing.question = {"openklant"};
  Secrets secrets{"test-token-ok", "", ""};

  auto opts = outbox_options(config);
  if (!opts) return 1;
  opts->path = config.storage.outbox;
  auto box = Outbox::open(*opts);
  if (!box) return 1;
  std::vector<Submission> subs;
  for (auto& s : synth_submissions(3, n * 2)) {
    if (s.kind != Kind::question && s.kind != Kind::idea) continue;
    s.channels = {"openklant"};
    s.consents.publish = false;
    s.contact = {};
    s.consents.contact = false;
    subs.push_back(std::move(s));
    if (subs.size() == n) break;
  }
  n = subs.size();
  if (!box->submit_batch(subs)) return 1;

  // The requests the engine would send, built once: the server's maximum for exactly this load.
  EngineOptions dry;
  dry.dry_run = true;
  std::vector<HttpRequest> prepared;
  {
    CurlTransport t;
    for (std::size_t at = 0; prepared.size() < n && at < n; at += static_cast<std::size_t>(batch)) {
      Engine e(config, secrets, *box, t, SystemClock::instance(), dry);
      auto r = e.run_once();
      if (!r) return 1;
      for (auto& d : r->dry_run) {
        for (auto& [k, v] : d.request.headers)
          if (k == "Authorization") v = "Token test-token-ok";
        prepared.push_back(d.request);
      }
      break;  // one batch is representative; repeat it
    }
  }
  CurlTransport load;
  auto t0 = std::chrono::steady_clock::now();
  std::size_t sent = 0;
  while (sent < n) {
    std::vector<HttpRequest> group;
    for (int i = 0; i < batch && sent < n; ++i, ++sent) group.push_back(prepared[sent % prepared.size()]);
    load.perform(group);
  }
  double server_s = seconds_since(t0);
  double server_rate = static_cast<double>(n) / server_s;
  std::size_t before = server.contacts().size();

  CurlTransport transport;
  EngineOptions o;
  o.refresh = false;
  o.poll_status = false;
  o.max_rounds = 1000000;
  o.lanes_per_channel = lanes;
  Engine engine(config, secrets, *box, transport, SystemClock::instance(), o);
  auto t1 = std::chrono::steady_clock::now();
  auto rep = engine.run_once();
  double drain_s = seconds_since(t1);
  if (!rep) {
    std::fprintf(stderr, "%s\n", rep.error().message.c_str());
    return 1;
  }
  const ChannelReport* c = rep->find("openklant");
  double drain_rate = static_cast<double>(c->delivered) / drain_s;
  std::printf("server maximum (same requests, keep-alive, %d in flight): %.0f requests/s (%zu in %.2f s)\n", batch,
              server_rate, n, server_s);
  std::printf("engine drain (outbox -> Open Klant, batches of %d, fsync per batch): %.0f submissions/s (%zu in %.2f s)\n",
              batch, drain_rate, c->delivered, drain_s);
  std::printf("drain / server maximum: %.0f %% (target >= 80 %%)\n", 100.0 * drain_rate / server_rate);
  std::printf("bytes on the wire per submission: %.0f sent + %.0f received (HTTP headers included)\n",
              static_cast<double>(c->bytes_sent) / static_cast<double>(std::max<std::size_t>(1, c->delivered)),
              static_cast<double>(c->bytes_received) / static_cast<double>(std::max<std::size_t>(1, c->delivered)));
  std::printf("server holds %zu klantcontacten from the drain\n", server.contacts().size() - before);
  std::filesystem::remove_all(dir);
  return 0;
}
