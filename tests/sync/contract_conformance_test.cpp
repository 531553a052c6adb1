// Contract conformance: every request the four channel adapters send is checked against the published
// API specifications in ../shared/contracts/patched/ by Prism mocks (`prism mock --errors`), one per
// spec, on free ports of 127.0.0.1. The submissions go through the real code path: the Engine, the
// adapters and the libcurl transport, wrapped in a RecordingTransport that keeps every request with
// Prism's verdict. A request breaks the contract when Prism answers 4xx, names a request-side
// violation (the `sl-violations` header or a problem+json body of type https://stoplight.io/prism/...),
// or does not answer at all. See docs/contracts.md.
//
// Prism answers with example data from the specs; where an example fails its own schema, `--errors`
// turns the answer into a 500 that lists only response-side violations. Those are the spec's problem,
// not ours: the request is counted as valid and a small canned answer is handed to the adapter so the
// scenario can go on (status ids, account id).
//
// Needs Prism (scripts/prism-setup.sh installs it into build/prism/, or set KIOSK_PRISM to the prism
// program) and the contracts (../shared next to the source tree, or set KIOSK_SHARED_DIR). Without
// them the tests are skipped with a message; with KIOSK_REQUIRE_CONTRACTS=1 they fail instead.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kiosk/sync/channel.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/transport.hpp"
#include "kiosk/sync/validate.hpp"
#include "sync_fixture.hpp"
#include "test_support.hpp"

using namespace kiosk;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// ---- where things are -------------------------------------------------------------------------------
fs::path source_dir() { return fs::path(KIOSK_TEST_DATA_DIR).parent_path().parent_path(); }

fs::path shared_dir() {
  if (const char* e = std::getenv("KIOSK_SHARED_DIR"); e && *e) return e;
  return (source_dir() / ".." / "shared").lexically_normal();
}

fs::path prism_program() {
  if (const char* e = std::getenv("KIOSK_PRISM"); e && *e) return e;
  return source_dir() / "build" / "prism" / "node_modules" / ".bin" / "prism";
}

struct Spec {
  const char* channel;
  const char* file;  // in contracts/patched/
};
const Spec kSpecs[] = {
    {"openklant", "openklant-klantinteracties.patched.yaml"},
    {"signalen", "signalen-public.patched.yaml"},
    {"open311", "open311-georeport-v2.oas3.patched.yaml"},
    {"mastodon", "mastodon-kiosk.patched.json"},
};

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    socklen_t len = sizeof a;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) port = ntohs(a.sin_port);
  }
  ::close(fd);
  return port;
}

bool port_answers(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// One `prism mock --errors SPEC` in its own process group, its output in a log file.
class PrismMock {
 public:
  PrismMock(const fs::path& prism, const fs::path& spec, const fs::path& log) : m_log(log) {
    // An exit while starting is retried on another port (another process may have taken ours).
    for (int attempt = 0; attempt < 3; ++attempt) {
      m_error.clear();
      if (start(prism, spec) || m_error.rfind("prism exited", 0) != 0) return;
    }
  }
  ~PrismMock() { stop(); }
  PrismMock(const PrismMock&) = delete;
  PrismMock& operator=(const PrismMock&) = delete;

  bool ok() const { return m_error.empty() && m_pid > 0; }
  const std::string& error() const { return m_error; }
  int port() const { return m_port; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  const fs::path& log() const { return m_log; }

 private:
  bool start(const fs::path& prism, const fs::path& spec) {
    m_port = free_port();
    std::string port = std::to_string(m_port);
    pid_t pid = ::fork();
    if (pid == 0) {
      ::setpgid(0, 0);
      int fd = ::open(m_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
      }
      ::execl(prism.c_str(), "prism", "mock", "--errors", spec.c_str(), "-p", port.c_str(), "-h", "127.0.0.1",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    if (pid < 0) {
      m_error = "fork failed";
      return false;
    }
    m_pid = pid;
    // Loading a spec takes Prism a few seconds (more on a busy machine).
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_pid = 0;
        m_error = "prism exited while starting (see " + m_log.string() + ")";
        return false;
      }
      if (port_answers(m_port)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    stop();
    m_error = "prism did not listen on port " + port + " within 120 s (see " + m_log.string() + ")";
    return false;
  }

  void stop() {
    if (m_pid <= 0) return;
    ::kill(-m_pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 50 && ::waitpid(m_pid, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (::waitpid(m_pid, &status, WNOHANG) == 0) {
      ::kill(-m_pid, SIGKILL);
      ::waitpid(m_pid, &status, 0);
    }
    m_pid = 0;
  }

  fs::path m_log;
  pid_t m_pid = 0;
  int m_port = 0;
  std::string m_error;
};

// ---- Prism's verdict ---------------------------------------------------------------------------------
std::string path_of(const std::string& url) {
  auto p = url.find('/', url.find("://") + 3);
  return p == std::string::npos ? "/" : url.substr(p);
}

int port_of(const std::string& url) {
  auto host = url.find("://") + 3;
  auto colon = url.find(':', host);
  return colon == std::string::npos ? 0 : std::atoi(url.c_str() + colon + 1);
}

std::string shorten(std::string s, std::size_t n = 400) {
  if (s.size() > n) s = s.substr(0, n) + "...";
  return s;
}

// Sorts Prism's violation entries ({"location": [...], "message": ...}) into request and response side.
// The location of a request-side one starts with request, path, query, header or body; of a
// response-side one with response.
void sort_entries(const json& list, std::set<std::string>& request_side, int& response_side) {
  if (!list.is_array()) return;
  for (const auto& v : list) {
    if (!v.is_object()) continue;
    std::string where;
    if (v.contains("location") && v["location"].is_array())
      for (const auto& part : v["location"])
        where += (where.empty() ? "" : ".") + (part.is_string() ? part.get<std::string>() : part.dump());
    if (where.rfind("response", 0) == 0) {
      ++response_side;
      continue;
    }
    request_side.insert(where + ": " + v.value("message", v.dump()));
  }
}

// The `sl-violations` header is a JSON array, sometimes behind "Too many violations! " and cut off;
// then each entry is read by hand.
void sort_header(const std::string& header, std::set<std::string>& request_side, int& response_side) {
  auto open = header.find('[');
  if (open == std::string::npos) return;
  auto j = json::parse(header.substr(open), nullptr, false);
  if (!j.is_discarded()) return sort_entries(j, request_side, response_side);
  for (auto at = header.find("\"location\":[", open); at != std::string::npos;
       at = header.find("\"location\":[", at + 1)) {
    auto q1 = header.find('"', at + 12);
    auto q2 = q1 == std::string::npos ? q1 : header.find('"', q1 + 1);
    std::string first = q2 == std::string::npos ? "" : header.substr(q1 + 1, q2 - q1 - 1);
    if (first == "response") {
      ++response_side;
      continue;
    }
    std::string message;
    if (auto m = header.find("\"message\":\"", at); m != std::string::npos)
      message = header.substr(m + 11, header.find('"', m + 11) - m - 11);
    request_side.insert(first + ": " + message);
  }
}

// One request as sent, and what Prism made of it.
struct Exchange {
  std::string channel;
  std::string tag;  // what the test was doing ("run 1", "probe" ...)
  HttpRequest request;
  int status = 0;  // 0: no answer
  std::string answer;
  std::vector<std::string> violations;  // request-side: the contract is broken
  bool spec_example_invalid = false;    // Prism refused its own example (response side only)

  std::string path() const { return path_of(request.url); }
  bool is(const char* method, const std::string& path_prefix) const {
    return request.method == method && path().rfind(path_prefix, 0) == 0;
  }
  bool body_has(const std::string& s) const { return request.body.find(s) != std::string::npos; }
  std::string describe() const {
    std::string out = channel + " " + request.method + " " + path() + " -> " +
                      (status ? "HTTP " + std::to_string(status) : std::string("no answer"));
    if (!request.body.empty()) out += "\n    request body: " + shorten(request.body, 600);
    for (const auto& v : violations) out += "\n    violation: " + v;
    if (!violations.empty() && !answer.empty()) out += "\n    answer: " + shorten(answer);
    return out;
  }
};

Exchange examine(std::string channel, std::string tag, const HttpRequest& rq, const HttpResult& r) {
  Exchange e;
  e.channel = std::move(channel);
  e.tag = std::move(tag);
  e.request = rq;
  if (!r) {
    e.violations.push_back("no answer from Prism: " + r.error().message);
    return e;
  }
  e.status = r->status;
  e.answer = r->body;
  std::set<std::string> request_side;
  int response_side = 0;
  sort_header(r->header("sl-violations"), request_side, response_side);
  auto body = json::parse(r->body, nullptr, false);
  bool prism_error = body.is_object() && body.contains("type") && body["type"].is_string() &&
                     body["type"].get<std::string>().rfind("https://stoplight.io/prism/errors#", 0) == 0;
  if (prism_error) {
    if (body.contains("validation")) sort_entries(body["validation"], request_side, response_side);
    else
      request_side.insert(body.value("title", std::string("Prism error")) + ": " + body.value("detail", std::string()));
  }
  e.violations.assign(request_side.begin(), request_side.end());
  if (e.violations.empty() && r->status >= 400 && r->status < 500)
    e.violations.push_back("HTTP " + std::to_string(r->status) + " from the mock: " + shorten(r->body, 300));
  e.spec_example_invalid = e.violations.empty() && response_side > 0;
  if (e.violations.empty() && r->status >= 500 && !e.spec_example_invalid)
    e.violations.push_back("HTTP " + std::to_string(r->status) + " from the mock: " + shorten(r->body, 300));
  return e;
}

// The real libcurl transport, keeping every request with Prism's verdict. A rewrite hook may change
// the answer the adapter sees (canned answers, injected losses); the verdict is taken before.
class RecordingTransport final : public Transport {
 public:
  using Rewrite = std::function<void(const Exchange&, HttpResult&)>;
  explicit RecordingTransport(std::map<int, std::string> channel_by_port) : m_channels(std::move(channel_by_port)) {}

  void start(std::vector<HttpRequest> requests, Completion done) override {
    std::vector<HttpRequest> sent = requests;
    std::string tag = m_tag;
    m_inner.start(std::move(requests), [this, sent, tag, done](std::vector<HttpResult> rs) {
      for (std::size_t i = 0; i < rs.size() && i < sent.size(); ++i) {
        auto it = m_channels.find(port_of(sent[i].url));
        Exchange e = examine(it == m_channels.end() ? "?" : it->second, tag, sent[i], rs[i]);
        if (m_rewrite) m_rewrite(e, rs[i]);
        m_log.push_back(std::move(e));
      }
      done(std::move(rs));
    });
  }
  void run(int max_wait_ms) override { m_inner.run(max_wait_ms); }
  void start_job(std::function<void()> job, std::function<void()> done) override {
    m_inner.start_job(std::move(job), std::move(done));
  }
  std::size_t pending() const override { return m_inner.pending(); }

  void set_rewrite(Rewrite r) { m_rewrite = std::move(r); }
  void set_tag(std::string tag) { m_tag = std::move(tag); }
  const std::vector<Exchange>& log() const { return m_log; }

 private:
  CurlTransport m_inner;
  std::map<int, std::string> m_channels;
  Rewrite m_rewrite;
  std::string m_tag;
  std::vector<Exchange> m_log;
};

}  // namespace

// ---- the mocks, started once for all tests ------------------------------------------------------------
class contract_conformance_test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_missing.clear();
    fs::path contracts = shared_dir() / "contracts" / "patched";
    fs::path prism = prism_program();
    if (!fs::is_directory(contracts)) {
      s_missing = "the published contracts are missing: no directory " + contracts.string() +
                  " (check out ../shared next to the source tree, or set KIOSK_SHARED_DIR)";
      return;
    }
    if (::access(prism.c_str(), X_OK) != 0) {
      s_missing = "Prism is not installed: no program " + prism.string() +
                  " (run scripts/prism-setup.sh, which needs npm, or set KIOSK_PRISM)";
      return;
    }
    for (const Spec& spec : kSpecs)
      if (!fs::exists(contracts / spec.file)) {
        s_missing = "the contract " + (contracts / spec.file).string() + " is missing";
        return;
      }
    s_logs = std::make_unique<test::TempDir>();
    fs::path log_dir = s_logs->path();
    if (const char* e = std::getenv("KIOSK_CONTRACT_LOGS"); e && *e) {  // keep Prism's logs there
      log_dir = e;
      fs::create_directories(log_dir);
    }
    // Start all four, then wait: they load in parallel.
    std::vector<std::thread> starters;
    s_mocks.resize(std::size(kSpecs));
    for (std::size_t i = 0; i < std::size(kSpecs); ++i)
      starters.emplace_back([i, prism, contracts, log_dir] {
        s_mocks[i] = std::make_unique<PrismMock>(prism, contracts / kSpecs[i].file,
                                                 log_dir / (std::string(kSpecs[i].channel) + ".prism.log"));
      });
    for (auto& t : starters) t.join();
    for (const auto& m : s_mocks)
      if (!m->ok()) s_start_error += m->error() + "\n" + shorten(test::read_file(m->log()), 2000) + "\n";
  }

  static void TearDownTestSuite() {
    s_mocks.clear();
    s_logs.reset();
  }

  void SetUp() override {
    if (!s_missing.empty()) {
      const char* require = std::getenv("KIOSK_REQUIRE_CONTRACTS");
      if (require && std::string(require) == "1") FAIL() << s_missing << " (KIOSK_REQUIRE_CONTRACTS=1)";
      GTEST_SKIP() << s_missing;
    }
    ASSERT_TRUE(s_start_error.empty()) << s_start_error;
  }

  static std::string url(const std::string& channel) {
    for (std::size_t i = 0; i < std::size(kSpecs); ++i)
      if (channel == kSpecs[i].channel) return s_mocks[i]->url();
    return {};
  }
  static std::map<int, std::string> channel_by_port() {
    std::map<int, std::string> out;
    for (std::size_t i = 0; i < std::size(kSpecs); ++i) out[s_mocks[i]->port()] = kSpecs[i].channel;
    return out;
  }

  static std::string s_missing;
  static std::string s_start_error;
  static std::unique_ptr<test::TempDir> s_logs;
  static std::vector<std::unique_ptr<PrismMock>> s_mocks;
};

std::string contract_conformance_test::s_missing;
std::string contract_conformance_test::s_start_error;
std::unique_ptr<test::TempDir> contract_conformance_test::s_logs;
std::vector<std::unique_ptr<PrismMock>> contract_conformance_test::s_mocks;

// The check itself must see a broken request, or a passing run proves nothing.
TEST_F(contract_conformance_test, prism_flags_requests_that_break_the_contract) {
  RecordingTransport t(channel_by_port());
  HttpRequest bearer;
  bearer.method = "GET";
  bearer.url = url("openklant") + "/klantinteracties/api/v1/klantcontacten?referentienummer=KIOSKTEST0";
  bearer.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer test-token-ok"}};
  HttpRequest incomplete;
  incomplete.method = "POST";
  incomplete.url = url("openklant") + "/klantinteracties/api/v1/maak-klantcontact";
  incomplete.headers = {{"Accept", "application/json"},
                        {"Authorization", "Token test-token-ok"},
                        {"Content-Type", "application/json"}};
  incomplete.body = R"({"klantcontact":{"kanaal":"kiosk"}})";
  HttpRequest no_key;
  no_key.method = "POST";
  no_key.url = url("mastodon") + "/api/v1/statuses";
  no_key.headers = {{"Accept", "application/json"},
                    {"Authorization", "Bearer test-token-masto"},
                    {"Content-Type", "application/json"}};
  no_key.body = R"({"status":"hallo","visibility":"public","language":"nl"})";
  HttpRequest json311;
  json311.method = "POST";
  json311.url = url("open311") + "/requests.json";
  json311.headers = {{"Accept", "application/json"}, {"Content-Type", "application/json"}};
  json311.body = R"({"api_key":"k","service_code":"AF01","lat":52.1,"long":5.1})";
  HttpRequest unknown_path;
  unknown_path.url = url("signalen") + "/signals/v1/public/nothing-here";
  // Limits the long submissions of the main test go up to, one character over.
  HttpRequest long_status = no_key;
  long_status.headers.emplace_back("Idempotency-Key", "0b7e4f1a-1111-4222-8333-944455556666");
  long_status.body = json{{"status", std::string(501, 'x')}, {"visibility", "public"}, {"language", "nl"}}.dump();
  HttpRequest long_phone;
  long_phone.method = "POST";
  long_phone.url = url("signalen") + "/signals/v1/public/signals/";
  long_phone.headers = {{"Accept", "application/json"}, {"Content-Type", "application/json"}};
  long_phone.body =
      json{{"text", "Kapotte lantaarnpaal"},
           {"location", {{"geometrie", {{"type", "Point"}, {"coordinates", {5.12, 52.09}}}}}},
           {"category",
            {{"sub_category",
              url("signalen") + "/signals/v1/public/terms/categories/afval/sub_categories/container-is-vol"}}},
           {"reporter", {{"email", ""}, {"phone", "+31 (0)6-123456789"}}},
           {"incident_date_start", "2026-01-01T10:00:00+01:00"}}
          .dump();
  (void)t.perform({bearer, incomplete, no_key, json311, unknown_path, long_status, long_phone});
  ASSERT_EQ(t.log().size(), 7u);
  for (const auto& e : t.log()) {
    EXPECT_FALSE(e.violations.empty()) << "Prism let a broken request through: " << e.describe();
    std::cout << "  negative control: " << e.describe() << "\n";
  }
}

namespace {

// Answers for the endpoints whose spec examples fail their own schema (Prism then answers 500 with
// response-side violations only): just enough for the adapters to go on.
std::optional<std::pair<int, std::string>> canned_answer(const Exchange& e, int& next_id) {
  const std::string p = e.path();
  if (e.channel != "mastodon") return std::nullopt;
  if (e.is("POST", "/api/v1/statuses")) {
    std::string id = std::to_string(110000000000000000LL + ++next_id);
    return std::pair{200, json{{"id", id},
                               {"url", "https://social.example/@gemeente/" + id},
                               {"content", "<p>canned</p>"},
                               {"created_at", "2026-01-01T09:00:00.000Z"}}
                              .dump()};
  }
  if (e.is("GET", "/api/v1/accounts/verify_credentials"))
    return std::pair{200, R"({"id":"109348273","username":"gemeente","acct":"gemeente"})"};
  if (e.is("GET", "/api/v1/accounts/") && p.find("/statuses") != std::string::npos)
    return std::pair{
        200,
        R"([{"id":"109000000000000001","content":"<p>De bibliotheek is maandag gesloten.</p>",)"
        R"("created_at":"2026-01-01T08:00:00.000Z","language":"nl","url":"https://social.example/@gemeente/109000000000000001"}])"};
  if (e.is("GET", "/api/v1/statuses/") && p.ends_with("/context"))
    return std::pair{200, R"({"ancestors":[],"descendants":[]})"};
  return std::nullopt;
}

// `unit` repeated and cut to exactly n code points.
std::string repeat_to(const std::string& unit, std::size_t n) {
  std::string s;
  while (utf8_length(s) < n) s += unit;
  return truncate_utf8(s, n);
}

struct Expectation {
  const char* what;
  std::function<bool(const Exchange&)> hit;
};

}  // namespace

TEST_F(contract_conformance_test, every_request_of_every_adapter_conforms_to_the_published_specs) {
  test::TempDir dir;
  FakeClock clock{1767258000000};  // 2026-01-01 09:00 UTC
  Config config = demo_config();
  config.storage.outbox = dir / "outbox.sqlite";
  for (const Spec& spec : kSpecs) {
    auto& ch = config.channels[spec.channel];
    ch.enabled = true;
    ch.base_url = url(spec.channel);
    ch.timeout_s = 60;  // Prism on a busy machine can be slow
  }
  config.channels["signalen"].posts_per_hour = 100000;
  Secrets secrets{{{"openklant", "test-token-ok"}, {"open311", "test-key-311"}, {"mastodon", "test-token-masto"}}};
  Outbox box = Outbox::open(test::outbox_options_for(config, &clock)).value();

  // The representative submissions.
  Submission with_contact = test::sample_question();  // openklant (with betrokkene) + mastodon
  with_contact.contact.phone = "0612345678";
  Submission anonymous = test::sample_question();  // openklant without contact details; its answer gets lost once
  anonymous.text = "Vraag zonder contactgegevens ANTWOORDKWIJT";
  anonymous.contact = {};
  anonymous.consents = {};
  anonymous.channels = {"openklant"};
  Submission idea = test::sample_question();  // a public idea, posted on mastodon; its answer gets lost once
  idea.kind = Kind::idea;
  idea.topic = "Meer bankjes";
  idea.text = "Zet meer bankjes in het park ANTWOORDKWIJT";
  idea.contact = {};
  idea.consents = {false, true};
  idea.channels = {"mastodon"};
  Submission signal = test::sample_report();   // signalen, with a point
  signal.category = "afval/container-is-vol";  // in the tree with a Signalen sub category and an Open311 code
  Submission point311 = signal;                // open311 with lat/long; its answer gets lost once
  point311.channels = {"open311"};
  point311.text += " ANTWOORDKWIJT";
  point311.contact.email = "melder@example.nl";
  point311.consents.contact = true;
  Submission address311 = signal;  // open311 with address_string only
  address311.channels = {"open311"};
  address311.location.point.reset();
  address311.location.text = "Marktplein 1, Voorbeeldstad";
  // The longest texts and contact details the kiosk accepts, in other scripts and with emoji.
  Submission long_question = with_contact;  // openklant (inhoud with location, cut to 1000) + mastodon (cut to 500)
  long_question.language = "ar";
  long_question.topic = repeat_to("سؤال عن النفايات 🙂 ", 200);
  long_question.text = repeat_to("متى يتم جمع النفايات الكبيرة؟ 🗑️ ", 1000);
  long_question.location.text = repeat_to("Ŝtraat ë 🙂 ", 200);
  long_question.contact = {repeat_to("a", 60) + "@voorbeeldstad123.nl", "+31 (0)6-12345678"};  // 80, 17
  long_question.assisted = true;
  Submission long_signal = signal;  // signalen and open311 with everything filled in to the limit
  long_signal.language = "uk";
  long_signal.text = repeat_to("Зламаний ліхтар на розі вулиці 💡 ", 1000);
  long_signal.location.text = repeat_to("Вулиця 🙂 ", 200);
  long_signal.contact = long_question.contact;
  long_signal.consents.contact = true;
  long_signal.channels = {"signalen", "open311"};
  Submission long_address311 = address311;
  long_address311.location.text = repeat_to("Lange straatnaam met ë en 🙂 ", 200);
  long_address311.text = long_signal.text;
  long_address311.contact.phone = "+31 (0)6-12345678";
  long_address311.consents.contact = true;
  for (const Submission* s : {&with_contact, &anonymous, &idea, &signal, &point311, &address311, &long_question,
                              &long_signal, &long_address311})
    ASSERT_TRUE(box.submit(*s).ok()) << box.submit(*s).error().message;
  for (int i = 0; i < 5; ++i) {  // yesterday's votes: one tally today
    Submission vote;
    vote.kind = Kind::poll;
    vote.poll_id = "speeltuin-2026";
    vote.poll_answer = i % 2 ? "ja" : "nee";
    vote.kiosk_id = "demo-bieb-01";
    vote.channels = {"openklant"};
    vote.created_at_ms = clock.now_ms() - 24 * 3'600'000;
    ASSERT_TRUE(box.submit(vote).ok());
  }

  RecordingTransport transport(channel_by_port());
  int next_id = 0;
  bool lost_once_openklant = false, lost_once_open311 = false, lost_once_mastodon = false;
  transport.set_rewrite([&](const Exchange& e, HttpResult& r) {
    if (!r) return;
    if (e.spec_example_invalid)
      if (auto canned = canned_answer(e, next_id)) {
        r->status = canned->first;
        r->body = canned->second;
      }
    // Lose the answer to the first send of each ANTWOORDKWIJT submission: the adapter must look it
    // up before sending it again.
    if (e.request.method == "POST" && e.body_has("ANTWOORDKWIJT") && r->status / 100 == 2) {
      bool& lost = e.channel == "openklant" ? lost_once_openklant
                   : e.channel == "open311" ? lost_once_open311
                                            : lost_once_mastodon;
      if (!lost) {
        lost = true;
        r->body = e.channel == "open311" ? "[]" : "{}";
        return;
      }
    }
    // Many instances allow longer statuses than mastodon.social's 500 (the spec's example); the
    // published contract allows 500.
    if (e.is("GET", "/api/v2/instance") && r->status == 200) {
      auto ans = json::parse(r->body, nullptr, false);
      if (ans.is_object()) {
        ans["configuration"]["statuses"]["max_characters"] = 1000;
        r->body = ans.dump();
      }
    }
    // The example answer of maak-klantcontact names no betrokkene; a real server does when one was sent.
    if (e.is("POST", "/klantinteracties/api/v1/maak-klantcontact") && r->status == 201) {
      auto req = json::parse(e.request.body, nullptr, false);
      auto ans = json::parse(r->body, nullptr, false);
      if (req.is_object() && req.contains("betrokkene") && ans.is_object() && !ans.contains("betrokkene")) {
        ans["betrokkene"] = {{"uuid", "7d3c1b2a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}};
        r->body = ans.dump();
      }
    }
  });

  EngineOptions options = test::fast_engine();
  options.refresh_interval_ms = 60'000;
  auto run = [&](const char* tag) {
    transport.set_tag(tag);
    Engine engine(config, secrets, box, transport, clock, options);
    auto rep = engine.run_once();
    EXPECT_TRUE(rep.ok()) << rep.error().message;
    if (rep.ok())
      for (const auto& c : rep->channels)
        std::cout << "  " << tag << ": " << c.channel << " delivered " << c.delivered << ", retried " << c.retried
                  << ", parked " << c.parked << ", looked up " << c.looked_up << ", requests " << c.requests
                  << (c.last_error.empty() ? "" : ", last error: " + c.last_error) << "\n";
  };
  run("run 1");
  // 51 minutes later: the Idempotency-Key of the lost Mastodon post has (nearly) expired, so that one
  // is looked up among the account's statuses; the others are looked up as always; refresh again.
  clock.advance(51 * 60'000);
  run("run 2");

  // The probes of `kioskctl channels test`.
  transport.set_tag("probe");
  CategoryTree tree = CategoryTree::load_default().value();
  for (const Spec& spec : kSpecs) {
    ChannelEnv env{&config, &secrets, &tree, &box, &clock};
    auto ch = make_channel(env, config.channels[spec.channel]);
    ASSERT_TRUE(ch);
    auto results = transport.perform(ch->build_probe());
    std::cout << "  probe " << spec.channel << ": " << ch->interpret_probe(results) << "\n";
  }

  // The Open311 probe POST leaves out service_code on purpose (the server must refuse it for that
  // and not for the key); it must be refused for nothing else.
  auto intended_refusal = [](const Exchange& e) {
    return e.tag == "probe" && e.channel == "open311" && e.is("POST", "/requests.json") && !e.body_has("service_code=");
  };

  std::cout << "  " << transport.log().size() << " requests checked by Prism:\n";
  int failures = 0, example_answers = 0;
  for (const auto& e : transport.log()) {
    std::cout << "    [" << e.tag << "] " << e.channel << " " << e.request.method << " " << shorten(e.path(), 140)
              << " -> " << (e.status ? std::to_string(e.status) : std::string("no answer"))
              << (e.violations.empty() ? "" : " VIOLATION")
              << (e.spec_example_invalid ? " (valid request; the spec's own example answer fails its schema)" : "")
              << (intended_refusal(e) ? " (intended refusal)" : "") << "\n";
    if (e.spec_example_invalid) ++example_answers;
    if (intended_refusal(e)) {
      bool service_code = false, other = false;
      for (const auto& v : e.violations) {
        if (v.find("service_code") != std::string::npos) service_code = true;
        if (v.find("api_key") != std::string::npos || v.find("header") != std::string::npos ||
            v.find("jurisdiction_id") != std::string::npos)
          other = true;
      }
      EXPECT_TRUE(service_code && !other)
          << "the Open311 probe should be refused for service_code only: " << e.describe();
      continue;
    }
    if (!e.violations.empty()) {
      ++failures;
      ADD_FAILURE() << "contract violation [" << e.tag << "]: " << e.describe();
    }
  }
  std::cout << "  " << failures << " violations, " << example_answers
            << " valid requests answered with a 500 because the spec's own example fails its schema\n";

  // Every kind of request was really sent (so a pass is not vacuous).
  auto oid = [](const Exchange& e) {
    return e.path().find("onderwerpobject__onderwerpobjectidentificatorObjectId=") != std::string::npos;
  };
  const std::string kk = "/klantinteracties/api/v1/klantcontacten";
  const std::vector<Expectation> expected = {
      {"Open Klant: maak-klantcontact with a betrokkene (contact consent)",
       [](const Exchange& e) {
         return e.is("POST", "/klantinteracties/api/v1/maak-klantcontact") && e.body_has("\"betrokkene\"");
       }},
      {"Open Klant: maak-klantcontact without contact details",
       [](const Exchange& e) {
         return e.is("POST", "/klantinteracties/api/v1/maak-klantcontact") && !e.body_has("\"betrokkene\"") &&
                e.body_has("kioskbericht");
       }},
      {"Open Klant: maak-klantcontact for a poll tally",
       [](const Exchange& e) {
         return e.is("POST", "/klantinteracties/api/v1/maak-klantcontact") && e.body_has("kioskpeiling");
       }},
      {"Open Klant: digitaleadressen (e-mail)",
       [](const Exchange& e) {
         return e.is("POST", "/klantinteracties/api/v1/digitaleadressen") && e.body_has("\"email\"");
       }},
      {"Open Klant: digitaleadressen (telefoonnummer)",
       [](const Exchange& e) {
         return e.is("POST", "/klantinteracties/api/v1/digitaleadressen") && e.body_has("\"telefoonnummer\"");
       }},
      {"Open Klant: lookup before resending", [&](const Exchange& e) { return e.is("GET", kk + "?") && oid(e); }},
      {"Open Klant: status of a klantcontact", [&](const Exchange& e) { return e.is("GET", kk + "/"); }},
      {"Open Klant: probe", [&](const Exchange& e) { return e.is("GET", kk + "?referentienummer="); }},
      {"Signalen: category refresh",
       [](const Exchange& e) { return e.is("GET", "/signals/v1/public/terms/categories"); }},
      {"Signalen: signal with a location",
       [](const Exchange& e) { return e.is("POST", "/signals/v1/public/signals/") && e.body_has("\"geometrie\""); }},
      {"Signalen: status of a signal",
       [](const Exchange& e) { return e.is("GET", "/signals/v1/public/signals/") && e.path().size() > 28; }},
      {"Open311: service list refresh", [](const Exchange& e) { return e.is("GET", "/services.json"); }},
      {"Open311: request with lat/long (form-encoded)",
       [](const Exchange& e) { return e.is("POST", "/requests.json") && e.body_has("&lat=") && e.body_has("&long="); }},
      {"Open311: request with address_string only",
       [](const Exchange& e) {
         return e.is("POST", "/requests.json") && e.body_has("address_string=") && !e.body_has("&lat=");
       }},
      {"Open311: lookup before resending",
       [](const Exchange& e) { return e.is("GET", "/requests.json?service_code="); }},
      {"Open311: status of a request",
       [](const Exchange& e) { return e.is("GET", "/requests/") || e.is("GET", "/tokens/"); }},
      {"Open311: probe (refused as intended)", intended_refusal},
      {"Mastodon: verify_credentials",
       [](const Exchange& e) { return e.is("GET", "/api/v1/accounts/verify_credentials"); }},
      {"Mastodon: instance limits", [](const Exchange& e) { return e.is("GET", "/api/v2/instance"); }},
      {"Mastodon: status with Idempotency-Key",
       [](const Exchange& e) {
         if (!e.is("POST", "/api/v1/statuses")) return false;
         for (const auto& [k, v] : e.request.headers)
           if (k == "Idempotency-Key" && !v.empty()) return true;
         return false;
       }},
      {"Mastodon: news (the account's statuses)",
       [](const Exchange& e) {
         return e.is("GET", "/api/v1/accounts/") && e.path().find("exclude_replies=true") != std::string::npos;
       }},
      {"Mastodon: lookup among the account's statuses",
       [](const Exchange& e) { return e.is("GET", "/api/v1/accounts/") && e.path().ends_with("/statuses?limit=40"); }},
      {"Mastodon: replies (status context)",
       [](const Exchange& e) { return e.is("GET", "/api/v1/statuses/") && e.path().ends_with("/context"); }},
  };
  for (const auto& x : expected) {
    int n = 0;
    for (const auto& e : transport.log()) n += x.hit(e) ? 1 : 0;
    EXPECT_GT(n, 0) << "never sent: " << x.what;
  }
}
