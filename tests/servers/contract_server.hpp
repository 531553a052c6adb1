// Local contract servers of the municipal APIs for the sync tests (cpp-httplib on 127.0.0.1 only, a
// free port each). Each one enforces its API's contract as written in ../shared/reference/channels.md
// and ../shared/contracts (content type, auth, required fields, lengths, geometry shape) and answers
// what breaks it with the API's own error shape. Every server can inject faults (500, 429 with
// Retry-After / X-RateLimit-Reset, connections dropped before or after the request was processed,
// answers slower than the client's time-out) from a seeded random generator, and can answer oddly:
// one field of its JSON answers (or the whole answer) replaced by null, a number, nothing, a 1 MB
// string, invalid UTF-8 or a value of another type (set_odd_answer).
#pragma once

#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace kiosk::test {

struct Faults {
  double error500 = 0;       // answer 500 without processing
  double throttle429 = 0;    // answer 429 with Retry-After without processing
  double reset_before = 0;   // drop the connection without processing
  double drop_after = 0;     // process, then drop the connection (the answer is lost)
  double timeout_after = 0;  // process, then answer after timeout_ms (the client has given up)
  double slow = 0;           // process, answer after slow_ms
  int retry_after_s = 1;
  int slow_ms = 100;
  int timeout_ms = 1500;
};

struct FaultCounts {
  std::atomic<int> error500{0}, throttle429{0}, reset_before{0}, drop_after{0}, timeout_after{0}, slow{0};
  int total() const { return error500 + throttle429 + reset_before + drop_after + timeout_after + slow; }
};

// The kinds of odd values a server can put into its answers.
enum class Odd { null, number, missing, huge, invalid_utf8, other_type };
inline constexpr Odd kOddities[] = {Odd::null, Odd::number,       Odd::missing,
                                    Odd::huge, Odd::invalid_utf8, Odd::other_type};
const char* odd_name(Odd o);

// Which answers to spoil and how: answers of requests whose "METHOD /path" contains `request`, at
// the field `path` (a JSON pointer; "" is the whole answer).
struct OddAnswer {
  std::string request;
  std::string path;
  Odd odd = Odd::null;
};

// `body` (JSON) with the field odd.path spoiled (unchanged when the answer has no such field).
std::string spoil_answer(const std::string& body, const OddAnswer& odd);

class ContractServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  // tls: serve HTTPS with cert_file/key_file (PEM).
  ContractServer(bool tls = false, const std::string& cert_file = {}, const std::string& key_file = {});
  virtual ~ContractServer();
  ContractServer(const ContractServer&) = delete;
  ContractServer& operator=(const ContractServer&) = delete;

  int port() const { return m_port; }
  std::string base_url() const;
  void set_faults(const Faults& f, std::uint64_t seed = 1);
  const FaultCounts& faults_injected() const { return m_counts; }
  int requests() const { return m_requests; }
  // Requests other than GET whose body contains `needle`, faulted ones included (what reached the
  // server at all, whether or not it was processed).
  std::size_t received_containing(const std::string& needle);
  // From now on, spoil matching answers (nullopt: answer normally again).
  void set_odd_answer(std::optional<OddAnswer> odd);
  // The last answer, as the handler made it (before spoiling), to a request whose "METHOD /path"
  // contains `request`; discarded JSON when there was none.
  nlohmann::json last_answer(const std::string& request);
  // Every field of an answer: "" (the whole answer), then each member and element, depth first, as
  // JSON pointers ("/account", "/account/acct", "/descendants/0/id", …); of each list only the first
  // max_elements elements (long lists repeat one shape).
  static std::vector<std::string> field_paths(const nlohmann::json& answer, std::size_t max_elements = SIZE_MAX);
  // Stops listening; the object can be destroyed afterwards.
  void stop();
  // For the demo municipality (demo_municipality_main.cpp), whose servers listen on the ports its
  // configuration names: the next server constructed binds 127.0.0.1:port instead of a free port; its
  // port() is -1 when that port is taken.
  static void listen_next_on(int port);

 protected:
  // Registers a route with fault injection (inject=false: never faulted, e.g. lookups in some tests).
  void route(const std::string& method, const std::string& pattern, Handler h, bool inject = true);
  // Binds 127.0.0.1 on a free port and serves in a thread. Call at the end of the derived constructor.
  void start();
  static void json_reply(httplib::Response& res, int status, const nlohmann::json& body);

  std::mutex m_mu;  // guards the derived servers' data

 private:
  std::unique_ptr<httplib::Server> m_server;
  std::thread m_thread;
  int m_port = 0;
  bool m_tls = false;
  std::mutex m_fault_mu;
  Faults m_faults;
  std::mt19937_64 m_rng{1};
  FaultCounts m_counts;
  std::atomic<int> m_requests{0};
  std::vector<std::string> m_bodies;                           // bodies of requests other than GET (m_fault_mu)
  std::optional<OddAnswer> m_odd;                              // guarded by m_fault_mu
  std::vector<std::pair<std::string, std::string>> m_answers;  // "METHOD /path", body (latest last)
  bool m_trace = false;  // $KIOSK_TRACE_SERVERS: one line per handled request on stderr
};

// Writes a self-signed certificate for 127.0.0.1 / localhost (RSA 2048, 1 day) and its key as PEM.
bool make_self_signed_cert(const std::string& cert_file, const std::string& key_file);

// ---- Open Klant 2 (Klantinteracties API) -----------------------------------------------------------
class OpenKlantServer : public ContractServer {
 public:
  explicit OpenKlantServer(std::string token = "test-token-ok");
  struct Contact {
    std::string uuid;
    nlohmann::json body;  // the klantcontact as stored
    std::string object_id;
    std::string reactie;
    std::string betrokkene_uuid;            // empty: made without a betrokkene
    std::vector<nlohmann::json> addresses;  // digitaleadressen of that betrokkene
  };
  std::vector<Contact> contacts();
  std::map<std::string, int> count_by_object_id();
  void set_reactie(const std::string& object_id, const std::string& text);
  // What happened to one object id (creations and lookups with their answers), for diagnosing failures.
  std::vector<std::string> history(const std::string& object_id);

 private:
  std::vector<std::pair<std::string, std::string>> m_history;  // object id, event
  std::string m_token;
  std::vector<Contact> m_contacts;
};

// ---- Signalen public API ---------------------------------------------------------------------------
class SignalenServer : public ContractServer {
 public:
  explicit SignalenServer(int posts_per_hour = 1000000);
  struct Signal {
    std::string uuid;
    std::string display;
    nlohmann::json body;
    std::string state = "OPEN";
    std::string text;  // the status text a closing gave (shown as status.text when not empty)
  };
  std::vector<Signal> signals();
  std::map<std::string, int> count_by_reference();  // extra_properties kiosk reference
  void set_state(const std::string& uuid, const std::string& state, const std::string& text = {});

 private:
  int m_posts_per_hour;
  std::vector<std::int64_t> m_post_times;
  std::vector<Signal> m_signals;
  int m_next = 100;
};

// ---- Open311 GeoReport v2 --------------------------------------------------------------------------
class Open311Server : public ContractServer {
 public:
  explicit Open311Server(std::string api_key = "test-key-311");
  struct Request {
    std::string id;
    std::string token;
    std::map<std::string, std::string> fields;
    std::string status = "open";
    std::string status_notes;
    std::int64_t created_ms = 0;
  };
  std::vector<Request> requests_stored();
  std::map<std::string, int> count_by_reference();  // reference found in the description
  void set_status(const std::string& id, const std::string& status, const std::string& notes);
  // Requests for this service code get a token (GeoReport "batch" service) instead of an id.
  void set_batch_service(const std::string& code);

 private:
  std::string m_key;
  std::set<std::string> m_batch;
  std::vector<Request> m_requests;
  int m_next = 1000;
};

// ---- Mastodon --------------------------------------------------------------------------------------
class MastodonServer : public ContractServer {
 public:
  explicit MastodonServer(std::string token = "test-token-masto", int max_characters = 500);
  struct Status {
    std::string id;
    std::string text;
    std::string idempotency_key;
    std::string in_reply_to;
    std::string account_id;
    std::string account_acct;  // empty: "gemeente" for kAccountId, else "inwoner@example.org"
    std::string visibility;
    std::string language;
    std::int64_t created_ms = 0;
    bool pinned = false;            // on the municipality's profile (crisis news)
    std::vector<std::string> tags;  // hashtags without '#'
  };
  std::vector<Status> statuses();
  std::map<std::string, int> count_by_key();  // statuses created per Idempotency-Key
  // The municipality replies in the thread of status_id (same account), or someone else does.
  void reply(const std::string& status_id, const std::string& text, bool own_account = true);
  // A reply from any account: acct as this server shows it ("webcare" for a local account,
  // "webcare@gemeente.nl" for one on another instance).
  void reply_from(const std::string& status_id, const std::string& text, const std::string& account_id,
                  const std::string& acct);
  static constexpr const char* kDomain = "social.voorbeeldstad.nl";  // the instance's LOCAL_DOMAIN
  // Posts a news status on the municipality's account; returns its id.
  std::string post_news(const std::string& text, bool pinned = false, std::vector<std::string> tags = {},
                        const std::string& language = "nl");
  // The municipality unpins a status from its profile (the crisis is over).
  void unpin(const std::string& id);
  // A status posted at created_ms (Unix ms) instead of now.
  void set_created(const std::string& id, std::int64_t created_ms);
  // Idempotency keys are forgotten after this many ms (1 h on a real server).
  void set_idempotency_ttl_ms(std::int64_t ms) { m_ttl_ms = ms; }
  // At most `limit` POSTs per window; then 429 with X-RateLimit-Limit/Remaining/Reset (ISO 8601).
  void set_rate_limit(int limit, std::int64_t window_ms);
  static constexpr const char* kAccountId = "109999";

 private:
  std::string add_status(Status s);
  int m_rate_limit = 0;
  std::int64_t m_rate_window_ms = 0;
  std::vector<std::int64_t> m_post_times;
  std::string m_token;
  int m_max_chars;
  std::int64_t m_ttl_ms = 3600 * 1000;
  std::vector<Status> m_statuses;
  std::map<std::string, std::pair<std::string, std::int64_t>> m_keys;  // key -> status id, time
  std::int64_t m_next = 110000000000000000;
};

}  // namespace kiosk::test
