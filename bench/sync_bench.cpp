// Sync throughput benchmark: how fast the engine drains the outbox into a local Open Klant contract
// server (keep-alive, batches of 20, one transaction per batch), compared with that same server's own
// maximum for identical requests in the same run, measured by wrk (Debian package wrk; keep-alive, as
// many connections as a batch has requests, the engine's own requests replayed by a Lua script) and by
// an in-process closed loop of the same requests without the outbox; target >= 80 % of the higher.
// Also prints bytes on the wire per submission.
//   sync_bench [submissions=2000] [batch=20] [lanes per channel=1] [wrk seconds=5]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>

#include "contract_server.hpp"
#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/setup.hpp"
#include "kiosk/sync/synth.hpp"

using namespace kiosk;

namespace {
double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Runs wrk against the server with the given requests (cycled) and returns its requests/s, or 0 when
// wrk is missing or fails (the reason goes to stderr).
double wrk_rate(const std::filesystem::path& dir, const std::string& base_url, const std::vector<HttpRequest>& reqs,
                int connections, int seconds) {
  if (std::system("command -v wrk >/dev/null 2>&1") != 0) {
    std::fprintf(stderr, "sync_bench: wrk not found (apt-get install wrk); using the in-process load only\n");
    return 0;
  }
  auto script = dir / "replay.lua";
  {
    std::ofstream lua(script);
    lua << "local reqs = {}\n";
    for (const auto& r : reqs) {
      std::string path = r.url.substr(base_url.size());
      lua << "reqs[#reqs + 1] = wrk.format([==[" << r.method << "]==], [==[" << path << "]==], {";
      for (const auto& [k, v] : r.headers) lua << "[ [==[" << k << "]==] ] = [==[" << v << "]==], ";
      lua << "}, [==[" << r.body << "]==])\n";
    }
    lua << "local i = 0\nrequest = function()\n  i = i % #reqs + 1\n  return reqs[i]\nend\n";
    lua << "done = function(summary, latency, requests)\n"
           "  io.write(string.format(\"wrk-result %d %d %d\\n\", summary.requests, summary.duration,\n"
           "    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))\n"
           "end\n";
  }
  std::string cmd = "wrk -t1 -c" + std::to_string(connections) + " -d" + std::to_string(seconds) + "s -s '" +
                    script.string() + "' '" + base_url + "/' 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return 0;
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  ::pclose(p);
  std::smatch m;
  if (!std::regex_search(out, m, std::regex(R"(wrk-result (\d+) (\d+) (\d+))"))) {
    std::fprintf(stderr, "sync_bench: wrk gave no result:\n%s\n", out.c_str());
    return 0;
  }
  double requests = std::stod(m[1]), micros = std::stod(m[2]), errors = std::stod(m[3]);
  if (errors > 0) std::fprintf(stderr, "sync_bench: wrk saw %.0f errors (non-2xx or socket)\n", errors);
  return (requests - errors) / (micros / 1e6);
}
}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 2000;
  int batch = argc > 2 ? std::atoi(argv[2]) : 20;
  int lanes = argc > 3 ? std::atoi(argv[3]) : 1;
  int wrk_seconds = argc > 4 ? std::atoi(argv[4]) : 5;
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
  double loop_rate = static_cast<double>(n) / server_s;
  double wrk = wrk_rate(dir, server.base_url(), prepared, batch, wrk_seconds);
  double server_rate = std::max(loop_rate, wrk);
  std::size_t before = server.contacts().size();

  CurlOptions co;
  if (const char* c = std::getenv("KIOSK_BENCH_CONNECTIONS")) co.max_host_connections = std::atoi(c);
  CurlTransport transport(co);
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
  if (wrk > 0)
    std::printf("server maximum by wrk (same requests, keep-alive, %d connections, %d s): %.0f requests/s\n", batch,
                wrk_seconds, wrk);
  std::printf("server maximum by in-process closed loop (same requests, keep-alive, %d in flight): %.0f requests/s "
              "(%zu in %.2f s)\n", batch, loop_rate, n, server_s);
  std::printf("engine drain (outbox -> Open Klant, batches of %d, fsync per batch): %.0f submissions/s (%zu in %.2f s)\n",
              batch, drain_rate, c->delivered, drain_s);
  std::printf("drain / server maximum (the higher of the two): %.0f %% (target >= 80 %%)\n",
              100.0 * drain_rate / server_rate);
  std::printf("bytes on the wire per submission: %.0f sent + %.0f received (HTTP headers included)\n",
              static_cast<double>(c->bytes_sent) / static_cast<double>(std::max<std::size_t>(1, c->delivered)),
              static_cast<double>(c->bytes_received) / static_cast<double>(std::max<std::size_t>(1, c->delivered)));
  std::printf("server holds %zu klantcontacten from the drain\n", server.contacts().size() - before);
  std::filesystem::remove_all(dir);
  return 0;
}
