// Sync throughput benchmark: how fast the engine drains the outbox into a local Open Klant contract
// server (keep-alive, batches of 20, one transaction per batch), compared with that same server's own
// maximum for identical requests in the same run, measured by wrk (Debian package wrk; keep-alive, as
// many connections as a batch has requests, the engine's own requests replayed by a Lua script) and by
// a closed loop of the same requests over the engine's transport without the outbox; target >= 80 %
// of the higher. Also prints bytes on the wire per submission.
//
// The server runs in its own process. On a machine with two or more CPUs it is pinned to CPU 0 and
// every load (wrk, the loop, the engine) to CPU 1, as a municipality's server and the kiosk never share
// a processor: otherwise the figure says more about how the scheduler splits two cores between a
// server and its client than about the engine. KIOSK_BENCH_PIN=0 turns the pinning off.
// Several rounds alternate the maximum and the drain; the median round is reported. Each round drains
// a third of the submissions: with 18,000 a drain lasts about 0.8 s here, so its start (connections,
// the first claim) and its tail weigh half as much as with 9,000, and rounds vary less.
//   sync_bench [submissions=18000] [batch=config] [batches in flight=config] [connections=config]
//              [wrk seconds=2] [rounds=3]
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

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

// CPU time (user + system) this process has used, in seconds: what the client side costs.
double cpu_seconds() {
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// One CPU's jiffies from /proc/stat: busy (everything but idle and iowait) and total. The client's
// getrusage misses the kernel's softirq work for loopback traffic; this counts all of it.
struct CpuTicks {
  double busy = 0, total = 0;
};
CpuTicks cpu_ticks(int cpu) {
  std::ifstream stat("/proc/stat");
  std::string name = "cpu" + std::to_string(cpu);
  for (std::string line; std::getline(stat, line);) {
    std::istringstream in(line);
    std::string label;
    in >> label;
    if (label != name) continue;
    CpuTicks t;
    double v = 0;
    for (int i = 0; in >> v; ++i) {
      t.total += v;
      if (i != 3 && i != 4) t.busy += v;  // idle, iowait
    }
    return t;
  }
  return {};
}
double busy_percent(const CpuTicks& a, const CpuTicks& b) {
  return b.total > a.total ? 100.0 * (b.busy - a.busy) / (b.total - a.total) : 0;
}

bool pin_to_cpu(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return ::sched_setaffinity(0, sizeof set, &set) == 0;
}

// The Open Klant contract server in a child process. The child answers "count" on its command pipe
// with how many klantcontacten it holds, "cpu" with the CPU time it has used (microseconds), and ends
// when the pipe closes.
class ServerProcess {
 public:
  explicit ServerProcess(int cpu) {
    int up[2], down[2];
    if (::pipe(up) != 0 || ::pipe(down) != 0) return;
    m_pid = ::fork();
    if (m_pid == 0) {
      ::close(up[0]);
      ::close(down[1]);
      if (cpu >= 0) pin_to_cpu(cpu);
      test::OpenKlantServer server;
      FILE* out = ::fdopen(up[1], "w");
      FILE* in = ::fdopen(down[0], "r");
      std::fprintf(out, "%d\n", server.port());
      std::fflush(out);
      char line[64];
      while (std::fgets(line, sizeof line, in)) {
        if (std::string(line) == "cpu\n") std::fprintf(out, "%.0f\n", 1e6 * cpu_seconds());
        else std::fprintf(out, "%zu\n", server.contacts().size());
        std::fflush(out);
      }
      std::_Exit(0);
    }
    ::close(up[1]);
    ::close(down[0]);
    m_out = ::fdopen(down[1], "w");
    m_in = ::fdopen(up[0], "r");
    if (m_pid > 0) m_port = static_cast<int>(read_number());
  }
  ~ServerProcess() {
    if (m_out) std::fclose(m_out);
    if (m_in) std::fclose(m_in);
    if (m_pid > 0) ::waitpid(m_pid, nullptr, 0);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  int port() const { return m_port; }
  std::size_t contacts() { return ask("count"); }
  double used_cpu_seconds() { return static_cast<double>(ask("cpu")) / 1e6; }

 private:
  std::size_t ask(const char* what) {
    std::fprintf(m_out, "%s\n", what);
    std::fflush(m_out);
    return read_number();
  }
  std::size_t read_number() {
    char line[64];
    return m_in && std::fgets(line, sizeof line, m_in) ? std::strtoul(line, nullptr, 10) : 0;
  }
  pid_t m_pid = -1;
  int m_port = 0;
  FILE* m_out = nullptr;
  FILE* m_in = nullptr;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  Config config = demo_config();
  std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 18000;
  int batch = argc > 2 ? std::atoi(argv[2]) : config.channels["openklant"].batch_count;
  int lanes = argc > 3 ? std::atoi(argv[3]) : config.sync.batches_in_flight;
  int connections = argc > 4 ? std::atoi(argv[4]) : config.sync.connections_per_host;
  int wrk_seconds = argc > 5 ? std::atoi(argv[5]) : 2;
  int reps = std::max(1, argc > 6 ? std::atoi(argv[6]) : 3);
  const char* pin_env = std::getenv("KIOSK_BENCH_PIN");
  bool pin = ::sysconf(_SC_NPROCESSORS_ONLN) >= 2 && !(pin_env && std::string(pin_env) == "0");
  ServerProcess server(pin ? 0 : -1);
  if (server.port() <= 0) {
    std::fprintf(stderr, "sync_bench: the server process did not start\n");
    return 1;
  }
  if (pin && !pin_to_cpu(1)) pin = false;
  const std::string base_url = "http://127.0.0.1:" + std::to_string(server.port());
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("kiosk-sync-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);

  config.storage.outbox = dir / "outbox.sqlite";
  for (auto& [name, c] : config.channels) c.enabled = name == "openklant";
  config.channels["openklant"].base_url = base_url;
  config.channels["openklant"].batch_count = batch;
  config.routing.idea = {"openklant"};
  config.routing.question = {"openklant"};
  Secrets secrets{{{"openklant", "test-token-ok"}}};

  auto opts = outbox_options(config);
  if (!opts) return 1;
  opts->path = config.storage.outbox;
  // As kiosk-sync opens it (commits do not wait for the disk; the log is flushed once per round before
  // the claim is sent); KIOSK_BENCH_FSYNC=inline: every commit waits for the disk (synchronous=FULL).
  const char* fsync_env = std::getenv("KIOSK_BENCH_FSYNC");
  opts->defer_fsync = !(fsync_env && std::string(fsync_env) == "inline");
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
  std::size_t per_rep = n / static_cast<std::size_t>(reps);

  // The requests the engine would send, built once from the first part: the server's maximum for
  // exactly this load.
  std::vector<HttpRequest> prepared;
  {
    if (!box->submit_batch(std::vector<Submission>(subs.begin(), subs.begin() + static_cast<std::ptrdiff_t>(batch))))
      return 1;
    EngineOptions dry;
    dry.dry_run = true;
    CurlTransport t;
    Engine e(config, secrets, *box, t, SystemClock::instance(), dry);
    auto r = e.run_once();
    if (!r) return 1;
    for (auto& d : r->dry_run) {
      for (auto& [k, v] : d.request.headers)
        if (k == "Authorization") v = "Token test-token-ok";
      prepared.push_back(d.request);
    }
  }

  // Rounds of: the server's maximum by wrk, by a closed loop over the engine's transport, then the
  // engine draining one part of the submissions. Each round's ratio compares figures taken seconds
  // apart, so a shared machine's slow moments hit both sides alike; the median round is reported.
  std::vector<double> ratios, wrk_rates, loop_rates, drain_rates, engine_us, loop_us, engine_busy, server_busy,
      cpu1_busy;
  std::uint64_t bytes_sent = 0, bytes_received = 0;
  std::size_t delivered = 0, arrived = 0;
  for (int rep_i = 0; rep_i < reps; ++rep_i) {
    std::size_t from = static_cast<std::size_t>(rep_i) * per_rep + (rep_i == 0 ? static_cast<std::size_t>(batch) : 0);
    std::vector<Submission> part(subs.begin() + static_cast<std::ptrdiff_t>(from),
                                 subs.begin() + static_cast<std::ptrdiff_t>((rep_i + 1) * per_rep));
    if (!box->submit_batch(part)) return 1;
    double wrk = wrk_rate(dir, base_url, prepared, batch, wrk_seconds);
    double loop_rate = 0, loop_cpu = 0;
    {
      CurlOptions lo;
      lo.max_host_connections = connections;
      CurlTransport load(lo);
      auto t0 = std::chrono::steady_clock::now();
      double cpu0 = cpu_seconds();
      std::size_t sent = 0;
      while (sent < per_rep) {
        std::vector<HttpRequest> group;
        for (int i = 0; i < batch && sent < per_rep; ++i, ++sent) group.push_back(prepared[sent % prepared.size()]);
        load.perform(group);
      }
      loop_cpu = cpu_seconds() - cpu0;
      loop_rate = static_cast<double>(per_rep) / seconds_since(t0);
    }
    CurlOptions co;
    co.max_host_connections = connections;
    CurlTransport transport(co);
    EngineOptions o;
    o.refresh = false;
    o.poll_status = false;
    o.max_rounds = 1000000;
    o.lanes_per_channel = lanes;
    Engine engine(config, secrets, *box, transport, SystemClock::instance(), o);
    std::size_t before = server.contacts();
    auto t1 = std::chrono::steady_clock::now();
    double cpu1 = cpu_seconds(), server_cpu1 = server.used_cpu_seconds();
    CpuTicks ticks1 = cpu_ticks(1);
    auto rep = engine.run_once();
    cpu1_busy.push_back(busy_percent(ticks1, cpu_ticks(1)));
    double drain_s = seconds_since(t1);
    double drain_cpu = cpu_seconds() - cpu1;
    double server_cpu = server.used_cpu_seconds() - server_cpu1;
    arrived += server.contacts() - before;
    if (!rep) {
      std::fprintf(stderr, "%s\n", rep.error().message.c_str());
      return 1;
    }
    const ChannelReport* c = rep->find("openklant");
    double drain_rate = static_cast<double>(c->delivered) / drain_s;
    double done = static_cast<double>(std::max<std::size_t>(1, c->delivered));
    ratios.push_back(drain_rate / std::max(loop_rate, wrk));
    wrk_rates.push_back(wrk);
    loop_rates.push_back(loop_rate);
    drain_rates.push_back(drain_rate);
    engine_us.push_back(1e6 * drain_cpu / done);
    loop_us.push_back(1e6 * loop_cpu / static_cast<double>(per_rep));
    engine_busy.push_back(100.0 * drain_cpu / drain_s);
    server_busy.push_back(100.0 * server_cpu / drain_s);
    bytes_sent += c->bytes_sent;
    bytes_received += c->bytes_received;
    delivered += c->delivered;
    std::printf("round %d: wrk %.0f, loop %.0f requests/s; engine %.0f submissions/s (%zu); %.0f %%\n", rep_i + 1, wrk,
                loop_rate, drain_rate, c->delivered, 100.0 * ratios.back());
  }
  std::printf(pin ? "server in its own process on CPU 0; wrk, the loop and the engine on CPU 1\n"
                  : "server in its own process; nothing pinned\n");
  std::printf("engine: batches of %d, %d batches in flight, %d connections, fsync: %s; median of %d rounds:\n", batch,
              lanes, connections, opts->defer_fsync ? "one log flush per round" : "every commit", reps);
  std::printf("server maximum by wrk (same requests, keep-alive, %d connections, %d s): %.0f requests/s\n", batch,
              wrk_seconds, median(wrk_rates));
  std::printf("server maximum by closed loop (same requests over the engine's transport, keep-alive, %d connections): "
              "%.0f requests/s\n",
              connections, median(loop_rates));
  std::printf("engine drain (outbox -> Open Klant): %.0f submissions/s\n", median(drain_rates));
  std::printf("drain / server maximum (the higher of the two, same round): %.0f %% (target >= 80 %%)\n",
              100.0 * median(ratios));
  std::printf("client CPU per request: closed loop %.0f us, engine %.0f us (busy %.0f %% of the drain's time); "
              "server busy %.0f %%\n",
              median(loop_us), median(engine_us), median(engine_busy), median(server_busy));
  if (pin)
    std::printf("CPU 1 (the engine's) busy during the drain, kernel network work included: %.0f %%\n",
                median(cpu1_busy));
  std::printf("bytes on the wire per submission: %.0f sent + %.0f received (HTTP headers included)\n",
              static_cast<double>(bytes_sent) / static_cast<double>(std::max<std::size_t>(1, delivered)),
              static_cast<double>(bytes_received) / static_cast<double>(std::max<std::size_t>(1, delivered)));
  std::printf("the server received %zu klantcontacten from the drains; the engine reported %zu delivered\n", arrived,
              delivered);
  std::filesystem::remove_all(dir);
  return 0;
}
