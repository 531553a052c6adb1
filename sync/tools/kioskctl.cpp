// kioskctl: the technician's command line for the outbox (links kiosk_sync only, no display stack).
//
// Exit codes: kiosk::ExitCode (error.hpp), the table shared with kiosk-sync and kiosk-provision; also in
// `kioskctl --help` and README.md.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "kiosk/sync/bundle.hpp"
#include "kiosk/sync/channel.hpp"
#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/codec.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/scrubber.hpp"
#include "kiosk/sync/setup.hpp"
#include "kiosk/sync/synth.hpp"
#include "kiosk/sync/transport.hpp"
#include "kiosk/sync/validate.hpp"
#include "kiosk/sync/wait.hpp"
#include "progress.hpp"
#include "status.hpp"

using nlohmann::json;
using namespace kiosk;

namespace {

struct Globals {
  std::optional<std::string> config_path;
  std::optional<std::string> db_path;
  bool json = false;
};

// Prints an error on stderr (as JSON with --json) and returns its exit code.
int report(const Globals& g, const Error& e, const std::string& context = {}) {
  if (g.json) {
    json j = {{"error", errc_name(e.code)}, {"message", e.message}};
    if (!e.field.empty()) j["field"] = e.field;
    if (!context.empty()) j["context"] = context;
    std::cerr << j.dump() << "\n";
  } else {
    std::cerr << "kioskctl: " << (context.empty() ? "" : context + ": ") << e.message << "\n";
  }
  return as_int(exit_code(e));
}

struct Session {
  Config config;
  Outbox outbox;
};

Result<Config> load_config(const Globals& g) {
  std::optional<std::filesystem::path> p;
  if (g.config_path) p = *g.config_path;
  return resolve_config(p);
}

// checkpoint_in_commit false: SQLite never checkpoints inside a commit (submit checkpoints itself once
// the references of a commit are out).
Result<Session> open_session(const Globals& g, bool create = true, bool checkpoint_in_commit = true) {
  auto cfg = load_config(g);
  if (!cfg) return cfg.error();
  auto opts = outbox_options(*cfg);
  if (!opts) return opts.error();
  if (g.db_path) opts->path = *g.db_path;
  opts->create = create;
  if (!checkpoint_in_commit) opts->wal_autocheckpoint_pages = 0;
  auto box = Outbox::open(*opts);
  if (!box) return box.error();
  return Session{std::move(*cfg), std::move(*box)};
}

std::string local_time(std::int64_t ms) { return ms ? format_utc(ms) : std::string("-"); }

// Pacing of a paced channel (its descriptor says which; the engine asks the channel, here the configuration says it).
int posts_per_hour(const Config& config, std::string_view channel) {
  auto it = config.channels.find(std::string(channel));
  return it == config.channels.end() ? 0 : it->second.posts_per_hour;
}

std::string describe(const Config& config, std::string_view channel, Wait w, std::int64_t until_ms, int failures,
                     std::size_t rows, std::int64_t now) {
  return describe_wait(w, until_ms, failures, posts_per_hour(config, channel), rows, config.kiosk.time_zone, now);
}

json summary_json(const StoredSubmission& s) {
  json j = json::parse(to_json(s.submission).dump());
  j["reference_grouped"] = refcode::group(s.submission.reference);
  json d = json::array();
  for (const auto& x : s.deliveries) {
    json jd = {{"channel", x.channel}, {"state", delivery_state_name(x.state)}, {"attempts", x.attempts}};
    if (!x.remote_id.empty()) jd["remote_id"] = x.remote_id;
    if (!x.remote_display.empty()) jd["remote_display"] = x.remote_display;
    if (!x.remote_status.empty()) jd["remote_status"] = x.remote_status;
    if (!x.last_error.empty()) jd["last_error"] = x.last_error;
    if (!x.parked_reason.empty()) jd["parked_reason"] = x.parked_reason;
    if (x.next_attempt_ms) jd["next_attempt_at"] = format_utc(x.next_attempt_ms);
    if (x.delivered_ms) jd["delivered_at"] = format_utc(x.delivered_ms);
    d.push_back(std::move(jd));
  }
  j["deliveries"] = std::move(d);
  json a = json::array();
  for (const auto& x : s.answers)
    a.push_back({{"channel", x.channel}, {"received_at", format_utc(x.received_ms)}, {"text", x.text}});
  j["answers"] = std::move(a);
  j["stored_bytes"] = s.stored_bytes;
  j["raw_bytes"] = s.raw_bytes;
  if (s.purged_ms) j["purged_at"] = format_utc(s.purged_ms);
  return j;
}

// ---- submit ----------------------------------------------------------------------------------------
// Input is read as it comes, line by line, so that a caller writing one submission and waiting for its
// reference gets it without closing stdin. Submissions are stored in transactions of up to kSubmitBatch;
// a transaction is committed when it is full or when no more input is there yet (the input paused or
// ended), and its references are written and flushed as soon as it committed: a caller has every
// reference that is stored, except for a kill in the microseconds between the commit and the write.
constexpr std::size_t kSubmitBatch = 500;
constexpr std::size_t kMaxDocumentBytes = 1 << 20;        // one submission spread over lines, at most
constexpr std::uintmax_t kCheckpointWalBytes = 16 << 20;  // SQLite's own default is ~4 MiB; the outbox's 16

// Lines of a file descriptor as they arrive.
class LineReader {
 public:
  explicit LineReader(int fd) : m_fd(fd) {}
  // The next line without its newline (blocks until one is complete); nullopt at the end of the input.
  std::optional<std::string> next() {
    for (;;) {
      auto nl = m_buf.find('\n', m_pos);
      if (nl != std::string::npos) {
        std::string line = m_buf.substr(m_pos, nl - m_pos);
        m_pos = nl + 1;
        return line;
      }
      if (m_eof) {
        if (m_pos >= m_buf.size()) return std::nullopt;
        std::string line = m_buf.substr(m_pos);
        m_pos = m_buf.size();
        return line;
      }
      m_buf.erase(0, m_pos);
      m_pos = 0;
      char chunk[65536];
      ssize_t n = ::read(m_fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) m_eof = true;
      else m_buf.append(chunk, static_cast<std::size_t>(n));
    }
  }
  // Whether next() would return without waiting for the writer.
  bool ready() {
    if (m_eof || m_buf.find('\n', m_pos) != std::string::npos) return true;
    pollfd p{m_fd, POLLIN, 0};
    return ::poll(&p, 1, 0) > 0;
  }

 private:
  int m_fd;
  std::string m_buf;
  std::size_t m_pos = 0;
  bool m_eof = false;
};

int cmd_submit(const Globals& g, const std::string& input) {
  // A checkpoint inside a commit runs after the rows are in the log, before the commit returns: a kill
  // there would store rows whose references were never written. Checkpoint after writing them instead.
  auto session = open_session(g, true, false);
  if (!session) return report(g, session.error());
  int fd = 0;
  if (input != "-") {
    fd = ::open(input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return report(g, make_error(Errc::io, "cannot read " + input + ": " + std::strerror(errno)));
  }
  LineReader reader(fd);

  int worst = as_int(ExitCode::ok);
  std::size_t stored = 0, documents = 0;
  std::vector<Submission> batch;
  std::vector<std::size_t> batch_lines;
  auto flush = [&]() -> bool {
    if (batch.empty()) return true;
    auto receipts = session->outbox.submit_batch(std::move(batch));
    batch.clear();
    if (!receipts) {
      worst = report(g, receipts.error(), fmt::format("lines {}..{}", batch_lines.front(), batch_lines.back()));
      batch_lines.clear();
      return false;
    }
    for (std::size_t i = 0; i < receipts->size(); ++i) {
      const auto& r = (*receipts)[i];
      if (g.json)
        std::cout << json{{"line", batch_lines[i]}, {"reference", r.reference}, {"uuid", r.uuid}}.dump() << "\n";
      else std::cout << r.reference << "\n";
    }
    std::cout.flush();
    stored += receipts->size();
    batch_lines.clear();
    std::error_code ec;
    auto wal = std::filesystem::file_size(session->outbox.path().string() + "-wal", ec);
    if (!ec && wal > kCheckpointWalBytes) (void)session->outbox.checkpoint();
    return true;
  };
  auto add = [&](std::size_t line_no, const std::string& text) {
    ++documents;
    auto s = parse_submission(text);
    if (!s) {
      worst = std::max(worst, report(g, s.error(), fmt::format("line {}", line_no)));
      return;
    }
    if (s->kiosk_id.empty()) s->kiosk_id = session->config.kiosk.id;
    if (s->channels.empty()) s->channels = route(session->config, s->kind, s->consents.publish);
    // Check first so one bad line is reported with its number and does not sink its batch.
    Submission probe = *s;
    if (probe.created_at_ms <= 0) probe.created_at_ms = 1;
    if (auto v = validate(probe); !v) {
      worst = std::max(worst, report(g, v.error(), fmt::format("line {}", line_no)));
      return;
    }
    batch.push_back(std::move(*s));
    batch_lines.push_back(line_no);
  };

  // JSON lines, or one object spread over lines: lines are joined while what came so far is valid JSON
  // that has not ended. Where joined lines turn out not to be JSON, the first is reported and the others
  // are read again on their own.
  std::vector<std::pair<std::size_t, std::string>> doc;  // line number, text
  std::deque<std::pair<std::size_t, std::string>> again;
  std::size_t line_no = 0, doc_bytes = 0;
  for (;;) {
    // The input paused (or ended): commit what is there, so the caller gets its references now.
    if (!batch.empty() && again.empty() && !reader.ready() && !flush()) return worst;
    std::pair<std::size_t, std::string> line;
    if (!again.empty()) {
      line = std::move(again.front());
      again.pop_front();
    } else if (auto l = reader.next()) {
      line = {++line_no, std::move(*l)};
    } else {
      break;
    }
    if (doc.empty() && line.second.find_first_not_of(" \t\r") == std::string::npos) continue;
    doc_bytes += line.second.size() + 1;
    doc.push_back(std::move(line));
    std::string text;
    for (const auto& [n, t] : doc) text += t + "\n";
    bool incomplete = false;
    try {
      json parsed = json::parse(text);  // only to learn whether the text so far is complete
    } catch (const json::parse_error& e) {
      incomplete = e.byte > text.size() && doc_bytes < kMaxDocumentBytes;
      if (!incomplete && doc.size() > 1) {
        worst = std::max(worst, report(g, make_error(Errc::invalid_value, "not valid JSON (an object left open)"),
                                       fmt::format("line {}", doc.front().first)));
        ++documents;
        for (auto it = doc.rbegin(); it != std::prev(doc.rend()); ++it) again.push_front(std::move(*it));
        doc.clear();
        doc_bytes = 0;
        continue;
      }
    }
    if (incomplete) continue;
    add(doc.front().first, text);
    doc.clear();
    doc_bytes = 0;
    if (batch.size() >= kSubmitBatch && !flush()) return worst;
  }
  if (!doc.empty()) {
    ++documents;
    worst = std::max(worst, report(g, make_error(Errc::invalid_value, "the input ended inside a JSON object"),
                                   fmt::format("line {}", doc.front().first)));
  }
  if (!flush()) return worst;
  if (fd != 0) ::close(fd);
  if (documents == 0) return report(g, make_error(Errc::missing_field, "no submission on the input"));
  return worst;
}

// ---- list / show -----------------------------------------------------------------------------------
int cmd_list(const Globals& g, const std::string& state, const std::string& channel, std::size_t limit) {
  auto session = open_session(g, false);
  if (!session) return report(g, session.error());
  ListFilter f;
  f.limit = limit;
  f.channel = channel;
  if (!state.empty()) {
    f.state = parse_delivery_state(state);
    if (!f.state)
      return report(g, make_error(Errc::invalid_value,
                                  "unknown state '" + state + "' (pending, in_flight, delivered, retry, parked)"));
  }
  auto rows = session->outbox.list(f);
  if (!rows) return report(g, rows.error());
  if (g.json) {
    json out = json::array();
    for (const auto& r : *rows)
      out.push_back({{"reference", r.reference},
                     {"uuid", r.uuid},
                     {"kind", kind_name(r.kind)},
                     {"created_at", format_utc(r.created_at_ms)},
                     {"deliveries", r.states}});
    std::cout << out.dump(2) << "\n";
  } else {
    fmt::print("{:<13} {:<9} {:<25} {}\n", "REFERENCE", "KIND", "CREATED (UTC)", "DELIVERIES");
    for (const auto& r : *rows)
      fmt::print("{:<13} {:<9} {:<25} {}\n", refcode::group(r.reference), kind_name(r.kind),
                 format_utc(r.created_at_ms), r.states);
  }
  return as_int(ExitCode::ok);
}

int cmd_show(const Globals& g, const std::string& ref) {
  auto session = open_session(g, false);
  if (!session) return report(g, session.error());
  auto s = session->outbox.find(ref);
  if (!s) return report(g, s.error());
  if (g.json) {
    std::cout << summary_json(*s).dump(2) << "\n";
    return as_int(ExitCode::ok);
  }
  const auto& x = s->submission;
  fmt::print("Reference   {}\nUUID        {}\nKind        {}\nLanguage    {}\nCreated     {} ({}, UTC{:+}h{:02})\n",
             refcode::group(x.reference), x.uuid, kind_name(x.kind), x.language, format_utc(x.created_at_ms),
             x.time_zone, x.utc_offset_minutes / 60, std::abs(x.utc_offset_minutes % 60));
  if (!x.category.empty()) fmt::print("Category    {}\n", x.category);
  if (!x.topic.empty()) fmt::print("Topic       {}\n", x.topic);
  if (!x.location.text.empty()) fmt::print("Location    {}\n", x.location.text);
  if (x.location.point) fmt::print("Point       {:.6f}, {:.6f}\n", x.location.point->lat, x.location.point->lon);
  if (!x.poll_id.empty()) fmt::print("Poll        {} = {}\n", x.poll_id, x.poll_answer);
  fmt::print("Text        {}\n", s->purged_ms ? "(removed by retention on " + format_utc(s->purged_ms) + ")" : x.text);
  if (!x.contact.empty())
    fmt::print("Contact     {} {} (consent to contact: {})\n", x.contact.email, x.contact.phone,
               x.consents.contact ? "yes" : "no");
  fmt::print("Public      {}\nAssisted    {}\nKiosk       {}\n", x.consents.publish ? "yes" : "no",
             x.assisted ? "yes" : "no", x.kiosk_id);
  fmt::print("Stored      {} bytes ({} bytes of JSON, dictionary {})\n", s->stored_bytes, s->raw_bytes, s->dict_id);
  for (const auto& d : s->deliveries) {
    fmt::print("  {:<10} {:<10} attempts {}", d.channel, delivery_state_name(d.state), d.attempts);
    if (!d.remote_display.empty() || !d.remote_id.empty()) fmt::print("  remote {} {}", d.remote_display, d.remote_id);
    if (d.state == DeliveryState::retry)
      fmt::print("  next {}  last error: {}", local_time(d.next_attempt_ms), d.last_error);
    if (d.state == DeliveryState::parked) fmt::print("  reason: {}", d.parked_reason);
    fmt::print("\n");
  }
  for (const auto& a : s->answers) fmt::print("Answer ({}, {}): {}\n", a.channel, format_utc(a.received_ms), a.text);
  return as_int(ExitCode::ok);
}

// ---- stats -----------------------------------------------------------------------------------------
int cmd_stats(const Globals& g) {
  auto session = open_session(g, false);
  if (!session) return report(g, session.error());
  std::int64_t now = SystemClock::instance().now_ms();
  auto st = session->outbox.stats();
  if (!st) return report(g, st.error());
  if (g.json) {
    json j = {{"submissions", st->submissions},
              {"purged", st->purged},
              {"deliveries", st->deliveries},
              {"raw_payload_bytes", st->raw_payload_bytes},
              {"stored_payload_bytes", st->stored_payload_bytes},
              {"db_file_bytes", st->db_file_bytes},
              {"wal_file_bytes", st->wal_file_bytes},
              {"schema_version", st->schema_version},
              {"dictionary", st->active_dictionary},
              {"oldest_undelivered", st->oldest_undelivered_ms ? format_utc(st->oldest_undelivered_ms) : ""}};
    json problems = json::array();
    if (auto p = session->outbox.problems_per_channel(50); p)
      for (const auto& x : *p)
        problems.push_back({{"reference", x.reference},
                            {"channel", x.channel},
                            {"state", delivery_state_name(x.state)},
                            {"attempts", x.attempts},
                            {"reason", x.reason},
                            {"explained", explain_error(x.reason)},
                            {"at", format_utc(x.updated_ms)}});
    j["problems"] = problems;
    json channels = json::object();
    for (auto name : kChannelNames) {
      auto c = session->outbox.channel_state(name);
      if (!c || (!c->last_attempt_ms && c->last_error.empty())) continue;
      ChannelWait w = channel_wait(*c, posts_per_hour(session->config, name), now);
      channels[std::string(name)] = {{"circuit", circuit_name(c->circuit)},
                                     {"failures", c->failures},
                                     {"last_error", c->last_error},
                                     {"last_success", c->last_success_ms ? format_utc(c->last_success_ms) : ""},
                                     {"not_before", c->not_before_ms ? format_utc(c->not_before_ms) : ""},
                                     {"wait", wait_name(w.wait)},
                                     {"wait_until", w.until_ms ? format_utc(w.until_ms) : ""},
                                     {"waiting",
                                      describe(session->config, name, w.wait, w.until_ms, w.failures, 0, now)}};
    }
    j["channels"] = channels;
    std::cout << j.dump(2) << "\n";
    return as_int(ExitCode::ok);
  }
  fmt::print("Outbox      {}\n", session->outbox.path().string());
  fmt::print("Submissions {} ({} purged of personal data)\n", st->submissions, st->purged);
  const char* states[] = {"pending", "in_flight", "retry", "parked", "delivered"};
  fmt::print("\n{:<12}", "CHANNEL");
  for (auto s : states) fmt::print("{:>10}", s);
  fmt::print("\n");
  for (const auto& [channel, counts] : st->deliveries) {
    fmt::print("{:<12}", channel);
    for (auto s : states) {
      auto it = counts.find(s);
      fmt::print("{:>10}", it == counts.end() ? 0 : it->second);
    }
    fmt::print("\n");
  }
  double ratio = st->raw_payload_bytes ? 100.0 * static_cast<double>(st->stored_payload_bytes) /
                                             static_cast<double>(st->raw_payload_bytes)
                                       : 0.0;
  fmt::print("\nPayload     {} bytes stored for {} bytes of JSON ({:.1f} %)\n", st->stored_payload_bytes,
             st->raw_payload_bytes, ratio);
  fmt::print("On disk     {} bytes database + {} bytes WAL\n", st->db_file_bytes, st->wal_file_bytes);
  fmt::print("Oldest undelivered  {}\n", st->oldest_undelivered_ms ? format_utc(st->oldest_undelivered_ms) : "none");
  fmt::print("Schema {} · dictionary {}\n", st->schema_version, st->active_dictionary);
  // Per channel: the circuit, the last success (local time), a wait in its own words, the last error
  // with what to do.
  bool header = false;
  for (auto name : kChannelNames) {
    auto c = session->outbox.channel_state(name);
    if (!c || (!c->last_attempt_ms && c->last_error.empty())) continue;
    if (!header) fmt::print("\n{:<12}{:<11}{}\n", "CHANNEL", "CIRCUIT", "LAST SUCCESS (local time)");
    header = true;
    fmt::print("{:<12}{:<11}{}\n", name, circuit_name(c->circuit),
               c->last_success_ms ? local_clock(c->last_success_ms, session->config.kiosk.time_zone, now) : "never");
    ChannelWait w = channel_wait(*c, posts_per_hour(session->config, name), now);
    if (w.wait != Wait::none)
      fmt::print("{:<12}waiting: {}\n", "", describe(session->config, name, w.wait, w.until_ms, w.failures, 0, now));
    if (!c->last_error.empty()) fmt::print("{:<12}last error: {}\n", "", explain_error(c->last_error));
  }
  // Every channel's parked rows are counted and its newest shown: one channel's many cannot hide another's.
  constexpr std::size_t kNewestPerChannel = 10;
  if (auto p = session->outbox.problems_per_channel(kNewestPerChannel); p && !p->empty()) {
    fmt::print(
        "\nNeeds attention (fix the cause, then `kioskctl requeue --channel C`; parked rows are not retried):\n");
    std::string channel;
    for (const auto& x : *p) {
      if (x.channel != channel) {
        channel = x.channel;
        auto counts = st->deliveries.find(channel);
        auto count = [&](const char* state) -> std::int64_t {
          if (counts == st->deliveries.end()) return 0;
          auto it = counts->second.find(state);
          return it == counts->second.end() ? 0 : it->second;
        };
        fmt::print("  {}: {} parked, {} to retry (the newest {} of each with a reason below; all: `kioskctl list "
                   "--state parked --channel {}`)\n",
                   channel, count("parked"), count("retry"), kNewestPerChannel, channel);
      }
      fmt::print("    {:<13} {:<7} attempts {:<3} {}\n", refcode::group(x.reference), delivery_state_name(x.state),
                 x.attempts, explain_error(x.reason));
    }
  }
  return as_int(ExitCode::ok);
}

// ---- sync / channels test --------------------------------------------------------------------------
Result<Secrets> load_secrets_for(const Config& config, bool required) {
  auto s = load_secrets_file(config.sync.secrets_file);
  if (!s) return required ? Result<Secrets>(s.error()) : Result<Secrets>(Secrets{});
  if (required)
    if (auto r = check_secrets(config, *s); !r) return r.error();
  return s;
}

int cmd_sync(const Globals& g, bool dry_run) {
  auto session = open_session(g, false);
  if (!session) return report(g, session.error());
  auto secrets = load_secrets_for(session->config, !dry_run);
  if (!secrets) return report(g, secrets.error());
  CurlOptions co;
  co.max_host_connections = session->config.sync.connections_per_host;
  CurlTransport transport(co);
  EngineOptions o;
  o.lanes_per_channel = session->config.sync.batches_in_flight;
  o.dry_run = dry_run;
  o.ignore_backoff = true;  // a technician's "sync now": try every channel at once
  Engine engine(session->config, *secrets, session->outbox, transport, SystemClock::instance(), o);
  std::vector<std::string> names;
  for (auto n : kChannelNames)
    if (session->config.channels.at(std::string(n)).enabled) names.emplace_back(n);
  tools::MultiProgress bars(names, !g.json && !dry_run);
  engine.on_progress([&](const RunReport& r) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (const auto* c = r.find(names[i]))
        bars.set(i, c->delivered + c->parked, c->queued, c->retried ? std::to_string(c->retried) + " to retry" : "");
  });
  std::int64_t started = SystemClock::instance().now_ms();
  auto rep = engine.run_once();
  bars.finish();
  if (!dry_run) {  // a real run is on the record like kiosk-sync's (kioskctl status, the technician screen)
    std::int64_t ended = SystemClock::instance().now_ms();
    RunRecord record =
        rep ? make_run_record(*rep, started, ended) : make_failed_run_record(rep.error(), started, ended);
    record.source = "kioskctl";
    if (auto r = session->outbox.record_run(record); !r) std::cerr << "kioskctl: " << r.error().message << "\n";
  }
  if (!rep) return report(g, rep.error());
  if (dry_run) {
    if (g.json) {
      json out = json::array();
      for (const auto& d : rep->dry_run)
        out.push_back({{"channel", d.channel},
                       {"reference", refcode::group(d.reference)},
                       {"method", d.request.method},
                       {"url", d.request.url},
                       {"headers", d.request.headers},
                       {"body", d.request.body}});
      std::cout << out.dump(2) << "\n";
    } else {
      for (const auto& d : rep->dry_run) {
        fmt::print("# {} · {}\n{} {}\n", d.channel, refcode::group(d.reference), d.request.method, d.request.url);
        for (const auto& [k, v] : d.request.headers) fmt::print("{}: {}\n", k, v);
        fmt::print("\n{}\n\n", d.request.body);
      }
      fmt::print("{} requests would be sent (nothing was sent or changed)\n", rep->dry_run.size());
    }
    return as_int(ExitCode::ok);
  }
  // A wait (paced, tally, backoff, open circuit) is a state in its own words, not an error; the exit
  // code says which (ExitCode::channel for failures, ExitCode::waiting when only waits are left).
  std::int64_t now = SystemClock::instance().now_ms();
  auto state_of = [&](const ChannelReport& c) {
    std::size_t rows = c.wait == Wait::tally                           ? c.deferred
                       : c.queued > c.delivered + c.parked + c.retried ? c.queued - c.delivered - c.parked - c.retried
                                                                       : 0;
    if (c.wait != Wait::none)
      return describe(session->config, c.channel, c.wait, c.wait_until_ms, c.failures, rows, now);
    if (!c.skipped.empty()) return c.skipped;
    return c.last_error.empty() ? c.circuit : c.circuit + ": " + explain_error(c.last_error);
  };
  if (g.json) {
    json out = json::array();
    for (const auto& c : rep->channels)
      out.push_back({{"channel", c.channel},
                     {"queued", c.queued},
                     {"delivered", c.delivered},
                     {"retry", c.retried},
                     {"parked", c.parked},
                     {"deferred", c.deferred},
                     {"answers", c.answers},
                     {"requests", c.requests},
                     {"bytes_sent", c.bytes_sent},
                     {"bytes_received", c.bytes_received},
                     {"circuit", c.circuit},
                     {"skipped", c.skipped},
                     {"wait", wait_name(c.wait)},
                     {"wait_until", c.wait_until_ms ? format_utc(c.wait_until_ms) : ""},
                     {"state", state_of(c)},
                     {"last_error", c.last_error}});
    std::cout << out.dump(2) << "\n";
  } else {
    fmt::print("{:<10}{:>10}{:>8}{:>8}{:>9}{:>10}{:>12}  {}\n", "CHANNEL", "delivered", "retry", "parked", "answers",
               "requests", "bytes out", "state");
    for (const auto& c : rep->channels)
      fmt::print("{:<10}{:>10}{:>8}{:>8}{:>9}{:>10}{:>12}  {}\n", c.channel, c.delivered, c.retried, c.parked,
                 c.answers, c.requests, c.bytes_sent, state_of(c));
  }
  return as_int(exit_code(*rep));
}

int cmd_channels_test(const Globals& g) {
  auto cfg = load_config(g);
  if (!cfg) return report(g, cfg.error());
  auto secrets = load_secrets_file(cfg->sync.secrets_file);
  Secrets sec = secrets ? *secrets : Secrets{};
  auto tree = CategoryTree::load_default();
  CategoryTree categories = tree ? *tree : CategoryTree{};
  ChannelEnv env{&*cfg, &sec, &categories, nullptr, &SystemClock::instance()};
  CurlTransport transport;
  bool all_ok = true;
  json out = json::array();
  if (!secrets && !g.json) fmt::print("secrets    FAIL: {}\n", secrets.error().message);
  if (!secrets) all_ok = false;
  for (auto name : kChannelNames) {
    const ChannelConfig& cc = cfg->channels.at(std::string(name));
    if (!cc.enabled) continue;
    auto ch = make_channel(env, cc);
    std::string problem;
    bool missing_credential = !find_channel(name)->secret_key.empty() && sec.of(name).empty();
    if (missing_credential)
      problem = "no credential for this channel in the secrets file " + cfg->sync.secrets_file.string();
    else problem = ch->interpret_probe(transport.perform(ch->build_probe()));
    all_ok = all_ok && problem.empty();
    if (g.json) out.push_back({{"channel", name}, {"url", cc.base_url}, {"ok", problem.empty()}, {"problem", problem}});
    else
      fmt::print("{:<10} {:<4} {}{}\n", name, problem.empty() ? "OK" : "FAIL", cc.base_url,
                 problem.empty() ? "" : "\n           " + problem);
  }
  if (g.json)
    std::cout << json{{"ok", all_ok}, {"channels", out}, {"secrets", secrets ? "" : secrets.error().message}}.dump(2)
              << "\n";
  return as_int(all_ok ? ExitCode::ok : ExitCode::channel);
}

// ---- export / import -------------------------------------------------------------------------------
int cmd_export(const Globals& g, const std::string& file, bool undelivered_only, bool handover) {
  auto session = open_session(g, false);
  if (!session) return report(g, session.error());
  tools::ProgressBar bar("export", !g.json);
  Progress progress = [&](std::size_t d, std::size_t t) { bar.update(d, t); };
  // The hand-over is the same code path as the technician screen's "export queue to USB stick".
  auto st = undelivered_only && handover
                ? export_handover(session->outbox, file, session->config.kiosk.id, progress)
                : export_bundle(session->outbox, file, ExportOptions{undelivered_only, handover},
                                session->config.kiosk.id, progress);
  bar.finish();
  if (!st) return report(g, st.error());
  if (g.json) std::cout << json{{"file", file}, {"records", st->records}}.dump() << "\n";
  else
    fmt::print("Exported {} submissions to {}{}\n", st->records, file,
               handover ? " (their open deliveries are parked here: handed over)" : "");
  return as_int(ExitCode::ok);
}

int cmd_import(const Globals& g, const std::string& file) {
  auto session = open_session(g);
  if (!session) return report(g, session.error());
  tools::ProgressBar bar("import", !g.json);
  auto st = import_bundle(session->outbox, file, [&](std::size_t d, std::size_t t) { bar.update(d, t); });
  bar.finish();
  if (!st) return report(g, st.error());
  if (g.json)
    std::cout << json{{"file", file}, {"records", st->records}, {"added", st->added}, {"skipped", st->skipped}}.dump()
              << "\n";
  else fmt::print("Imported {}: {} new, {} already present\n", file, st->added, st->skipped);
  return as_int(ExitCode::ok);
}

// ---- purge / requeue / check -----------------------------------------------------------------------
int cmd_purge(const Globals& g, std::optional<int> days) {
  auto session = open_session(g, false);
  if (!session) return report(g, session.error());
  int d = days.value_or(session->config.retention.personal_data_days);
  auto n = session->outbox.purge(d);
  if (!n) return report(g, n.error());
  if (g.json) std::cout << json{{"purged", *n}, {"days", d}}.dump() << "\n";
  else fmt::print("Removed personal data from {} submissions delivered more than {} days ago\n", *n, d);
  return as_int(ExitCode::ok);
}

int cmd_requeue(const Globals& g, const std::string& channel) {
  auto session = open_session(g, false);
  if (!session) return report(g, session.error());
  auto n = session->outbox.requeue_parked(channel);
  if (!n) return report(g, n.error());
  if (g.json) std::cout << json{{"requeued", *n}}.dump() << "\n";
  else fmt::print("{} parked deliveries are pending again\n", *n);
  return as_int(ExitCode::ok);
}

int cmd_check(const Globals& g) {
  auto session = open_session(g, false);
  if (!session) return report(g, session.error());
  auto r = session->outbox.integrity_check();
  if (!r) return report(g, r.error());
  bool good = *r == "ok";
  if (g.json) std::cout << json{{"ok", good}, {"details", *r}}.dump() << "\n";
  else fmt::print("{}\n", good ? "ok: the outbox is intact" : "DAMAGED:\n" + *r);
  return good ? as_int(ExitCode::ok) : as_int(ExitCode::storage);
}

// ---- dict train / synth ----------------------------------------------------------------------------
int cmd_dict_train(const Globals& g, const std::string& out, std::size_t samples, std::size_t size, std::uint64_t seed,
                   bool from_db) {
  std::vector<std::string> docs;
  if (from_db) {
    auto session = open_session(g, false);
    if (!session) return report(g, session.error());
    auto r = session->outbox.for_each([&](const StoredSubmission& s) {
      if (!s.purged_ms) docs.push_back(payload_sample(s.submission));
      return docs.size() < samples;
    });
    if (!r) return report(g, r.error());
  } else {
    for (auto& s : synth_submissions(seed, samples)) docs.push_back(payload_sample(s));
  }
  auto dict = train_dictionary(docs, size, std::filesystem::path(out).filename().string());
  if (!dict) return report(g, dict.error());
  std::ofstream f(out, std::ios::binary);
  f.write(dict->bytes.data(), static_cast<std::streamsize>(dict->bytes.size()));
  if (!f.good()) return report(g, make_error(Errc::io, "cannot write " + out));
  if (g.json)
    std::cout << json{{"file", out}, {"id", dict->id}, {"bytes", dict->bytes.size()}, {"samples", docs.size()}}.dump()
              << "\n";
  else
    fmt::print("Wrote {} ({} bytes, id {}) trained on {} {} submissions\n", out, dict->bytes.size(), dict->id,
               docs.size(), from_db ? "stored" : "synthetic");
  return as_int(ExitCode::ok);
}

int cmd_synth(std::size_t count, std::uint64_t seed) {
  for (const auto& s : synth_submissions(seed, count)) std::cout << to_json(s).dump() << "\n";
  return as_int(ExitCode::ok);
}

// Text on stdin (one text), or JSON lines with a "text" field (one text each) -> the scrubbed text and the spans
// found; --json: one object per text. For a privacy officer checking the rules on their own examples.
int cmd_scrub(const Globals& g) {
  if (auto st = scrubber_data_status(); !st) return report(g, st.error());
  // Without the name tagger's model the rules still run (as the kiosk does): a warning, not a refusal, so the
  // officer knows the names found are fewer than the kiosk's with its model.
  if (auto st = scrubber_model_status(); !st) {
    if (g.json)
      std::cerr << json{{"warning", errc_name(st.error().code)}, {"message", st.error().message}}.dump() << "\n";
    else std::cerr << "kioskctl: warning: " << st.error().message << "\n";
  }
  const std::string all{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  std::vector<json> docs;  // JSON lines, when every non-empty line is an object with a "text" string
  std::istringstream lines(all);
  for (std::string line; std::getline(lines, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("text") || !j["text"].is_string()) {
      docs.clear();
      break;
    }
    docs.push_back(std::move(j));
  }
  const auto out = [&](const std::string& text, const json* doc) {
    const ScrubResult r = scrub_personal_data(text);
    if (g.json) {
      json spans = json::array();
      for (const PiiSpan& sp : r.found)
        spans.push_back({{"kind", pii_kind_name(sp.kind)},
                         {"begin", sp.begin},
                         {"end", sp.end},
                         {"text", text.substr(sp.begin, sp.end - sp.begin)}});
      json o = {{"text", r.text}, {"found", spans}};
      if (doc && doc->contains("id")) o["id"] = (*doc)["id"];
      std::cout << o.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
      return;
    }
    std::cout << r.text << (r.text.empty() || r.text.back() != '\n' ? "\n" : "");
    for (const PiiSpan& sp : r.found)
      std::cout << "  " << pii_kind_name(sp.kind) << " " << sp.begin << ".." << sp.end << ": "
                << text.substr(sp.begin, sp.end - sp.begin) << "\n";
  };
  if (docs.empty()) {
    out(all, nullptr);
  } else {
    for (const json& d : docs) out(d["text"].get<std::string>(), &d);
  }
  return as_int(ExitCode::ok);
}

// `kioskctl update …`: the appliance's kiosk-update (firmware/image/overlay/usr/sbin/kiosk-update) holds the
// update rules (RAUC, signature, trial) and the messages a technician reads; kioskctl is a second door to
// it and replaces itself with it, so the output and the exit codes (same table) are kiosk-update's.
// $KIOSK_UPDATE_COMMAND names another one (tests).
int cmd_update(const std::vector<std::string>& args) {
  const char* env = std::getenv("KIOSK_UPDATE_COMMAND");
  std::string tool = env && *env ? env : "/usr/sbin/kiosk-update";
  std::vector<char*> argv{tool.data()};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::cout.flush();
  execv(tool.c_str(), argv.data());
  std::cerr << "kioskctl: cannot run " << tool << " (" << std::strerror(errno)
            << "): updates are installed on the kiosk appliance image only\n";
  return as_int(errno == ENOENT ? ExitCode::not_found : ExitCode::internal);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kioskctl: technician tool for the town-hall kiosk outbox"};
  app.set_version_flag("--version", std::string("kioskctl ") + KIOSK_VERSION);
  app.footer(
      "Configuration: --config PATH, else $KIOSK_CONFIG, else the built-in demo configuration.\n"
      "Exit codes: 0 ok, 1 internal error, 2 usage, 3 invalid input (nothing stored), 4 not found,\n"
      "            5 storage (full, read-only, damaged, newer schema, busy), 6 configuration, 7 file or bundle,\n"
      "            8 a channel failed (sync, channels test: retried later, or parked),\n"
      "            9 waiting, not failed (sync: paced, poll votes waiting for their tally, backoff, circuit open).");
  app.require_subcommand(1);
  Globals g;
  app.add_option("--config", g.config_path, "Configuration file (TOML)");
  app.add_option("--db", g.db_path, "Outbox database file (overrides storage.outbox)");
  app.add_flag("--json", g.json, "Machine-readable output on stdout, errors as JSON on stderr");

  int rc = as_int(ExitCode::ok);

  std::string input = "-";
  auto* submit =
      app.add_subcommand("submit", "Store submissions: one JSON object, or JSON lines; prints one reference per line");
  submit->add_option("file", input, "Input file, or - for standard input")->capture_default_str();
  submit->callback([&] { rc = cmd_submit(g, input); });

  std::string state, channel;
  std::size_t limit = 100;
  auto* list = app.add_subcommand("list", "List submissions with their delivery states");
  list->add_option("--state", state, "Only those with a delivery in this state");
  list->add_option("--channel", channel, "With --state: only deliveries to this channel");
  list->add_option("--limit", limit, "At most this many")->capture_default_str();
  list->callback([&] { rc = cmd_list(g, state, channel, limit); });

  std::string ref;
  auto* show = app.add_subcommand("show", "Show one submission by reference code (or uuid)");
  show->add_option("reference", ref, "Reference code, e.g. DM-7X4Q-9M2C")->required();
  show->callback([&] { rc = cmd_show(g, ref); });

  app.add_subcommand("stats", "Counts per channel and state, sizes on disk")->callback([&] { rc = cmd_stats(g); });
  app.add_subcommand("status", "What the sync service did in its last run, each channel's state in words")
      ->callback([&] {
        auto session = open_session(g, false);
        rc = session ? print_status(session->config, session->outbox, g.json) : report(g, session.error());
      });

  std::string file;
  bool undelivered = false, handover = false;
  auto* exp = app.add_subcommand("export", "Write a compressed bundle (for a USB stick)");
  exp->add_option("file", file, "Bundle file to write")->required();
  exp->add_flag("--undelivered", undelivered, "Only submissions not yet delivered everywhere");
  exp->add_flag("--handover", handover, "Park the exported open deliveries here so only the importer delivers them");
  exp->callback([&] { rc = cmd_export(g, file, undelivered, handover); });

  auto* imp = app.add_subcommand("import", "Read a bundle; submissions already present are skipped");
  imp->add_option("file", file, "Bundle file")->required()->check(CLI::ExistingFile);
  imp->callback([&] { rc = cmd_import(g, file); });

  std::optional<int> days;
  auto* purge =
      app.add_subcommand("purge", "Remove personal data from submissions delivered longer ago than the retention");
  purge->add_option("--days", days, "Retention in days (default: retention.personal_data_days)")
      ->check(CLI::Range(0, 3650));
  purge->callback([&] { rc = cmd_purge(g, days); });

  auto* requeue = app.add_subcommand("requeue", "Put parked deliveries back in the queue (after fixing the cause)");
  requeue->add_option("--channel", channel, "Only this channel");
  requeue->callback([&] { rc = cmd_requeue(g, channel); });

  app.add_subcommand("check", "Run SQLite's integrity check on the outbox")->callback([&] { rc = cmd_check(g); });

  bool dry_run = false;
  auto* sync = app.add_subcommand(
      "sync",
      "One sync run now: a progress bar per channel, then a summary (exit 8 if something failed, 9 if only waits are left)");
  sync->add_flag("--dry-run", dry_run, "Print the requests the next run would send; send and change nothing");
  sync->callback([&] { rc = cmd_sync(g, dry_run); });

  auto* channels = app.add_subcommand("channels", "The municipal channels");
  channels->require_subcommand(1);
  channels->add_subcommand("test", "Check each enabled channel's endpoint and credential, and say what is wrong")
      ->callback([&] { rc = cmd_channels_test(g); });

  auto* dict = app.add_subcommand("dict", "Compression dictionaries");
  dict->require_subcommand(1);
  std::string dict_out;
  std::size_t samples = 5000, dict_size = 32 * 1024;
  std::uint64_t seed = 1;
  bool from_db = false;
  auto* train = dict->add_subcommand("train", "Train a zstd dictionary on synthetic (default) or stored submissions");
  train->add_option("--out,-o", dict_out, "Dictionary file to write, e.g. assets/dict/submissions-v2.zdict")
      ->required();
  train->add_option("--samples", samples, "Number of samples")->capture_default_str();
  train->add_option("--size", dict_size, "Dictionary capacity in bytes")->capture_default_str();
  train->add_option("--seed", seed, "Seed of the synthetic generator")->capture_default_str();
  train->add_flag("--from-db", from_db, "Train on the submissions in the outbox instead");
  train->callback([&] { rc = cmd_dict_train(g, dict_out, samples, dict_size, seed, from_db); });

  std::size_t count = 10;
  auto* synth = app.add_subcommand("synth", "Print synthetic submissions as JSON lines (tests, benchmarks, demos)");
  synth->add_option("--count,-n", count, "How many")->capture_default_str();
  synth->add_option("--seed", seed, "Seed")->capture_default_str();
  synth->callback([&] { rc = cmd_synth(count, seed); });

  auto* scrub = app.add_subcommand(
      "scrub", "Remove personal data from text on stdin (or JSON lines with a \"text\" field); prints the spans found");
  scrub->add_flag("--json", g.json, "One JSON object per text: the scrubbed text and the spans found");
  scrub->callback([&] { rc = cmd_scrub(g); });

  auto* update = app.add_subcommand("update", "Signed A/B system updates on the appliance (kiosk-update)");
  update->require_subcommand(1);
  std::string bundle;
  bool no_reboot = false;
  auto* update_check =
      update->add_subcommand("check", "Check a bundle's signature against this kiosk's keyring; print its version");
  update_check->add_option("bundle", bundle, "Bundle file (*.raucb) or https:// address")->required();
  update_check->callback([&] { rc = cmd_update({"check", bundle}); });
  auto* update_install = update->add_subcommand(
      "install", "Install a bundle into the other slot and restart into it on trial (kept once the kiosk draws)");
  update_install->add_option("bundle", bundle, "Bundle file (*.raucb) or https:// address")->required();
  update_install->add_flag("--no-reboot", no_reboot,
                           "Install only; the running version stays until `kiosk-update trial` starts the trial");
  update_install->callback([&] {
    rc = no_reboot ? cmd_update({"install", "--no-reboot", bundle}) : cmd_update({"install", bundle});
  });
  update->add_subcommand("status", "The slots, their versions, the booted one and whether it is on trial")
      ->callback([&] { rc = cmd_update({"status"}); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? as_int(ExitCode::ok) : as_int(ExitCode::usage);
  } catch (const std::exception& e) {
    std::cerr << "kioskctl: internal error: " << e.what() << "\n";
    return as_int(ExitCode::internal);
  }
  return rc;
}
