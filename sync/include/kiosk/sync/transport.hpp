// The HTTP seam of the sync engine. Channel adapters only build HttpRequests and read HttpResponses;
// a Transport sends them. CurlTransport is the real one (one libcurl multi handle: requests of a batch
// go out concurrently, connections are kept alive between runs, HTTP/2 is used where a TLS server
// offers it, TLS verification is always on). FakeTransport answers from a function, for unit tests of
// code that is not about the network.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/sync/error.hpp"

namespace kiosk {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;
  int timeout_ms = 20000;
  std::string ca_bundle;  // extra CA bundle (PEM file); empty: the system store
  // Shown by `kioskctl sync --dry-run` instead of the real value of these headers (credentials).
  std::vector<std::string> secret_headers;
  // Called on the I/O thread once the request's connection is ready, just before its first byte is
  // written to it (again if libcurl starts it over on another connection). Returning false aborts the
  // request unsent (an Error with field "not_sent"). The sync engine journals its sends here.
  std::function<bool()> on_send;
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names lower-cased
  std::string body;
  long http_version = 0;         // 11, 2 (HTTP/2) ...
  std::uint64_t bytes_sent = 0;  // on the wire, headers included
  std::uint64_t bytes_received = 0;
  bool reused_connection = false;

  // First value of a header (name case-insensitive), or "".
  std::string header(std::string_view name) const;
};

using HttpResult = Result<HttpResponse>;

class Transport {
 public:
  using Completion = std::function<void(std::vector<HttpResult>)>;
  virtual ~Transport() = default;
  // Starts a group of requests; `done` gets one result per request, in order, from inside run() once
  // the whole group has finished. Groups are independent: a slow group never holds up another's
  // completion. Network failures are Errors (network, timeout, tls; Error::field is "not_sent" when
  // the request certainly never reached the server); any HTTP answer, 4xx and 5xx included, is a
  // response.
  virtual void start(std::vector<HttpRequest> requests, Completion done) = 0;
  // Drives I/O for at most about max_wait_ms and calls the completions of finished groups. A
  // completion that throws leaves run() with its exception; the other completions due are not lost:
  // they stay counted in pending() and run in a later run().
  virtual void run(int max_wait_ms) = 0;
  // Runs a blocking job (an fsync) off the I/O thread, so that answers keep being read meanwhile;
  // `done` is called from inside run() once the job has returned. Counts in pending() until then.
  virtual void start_job(std::function<void()> job, std::function<void()> done) = 0;
  // Groups and jobs started and not yet completed.
  virtual std::size_t pending() const = 0;

  // Synchronous helpers: start + run until done.
  std::vector<HttpResult> perform(std::vector<HttpRequest> requests);
  HttpResult perform_one(HttpRequest request) {
    std::vector<HttpRequest> v;
    v.push_back(std::move(request));
    return std::move(perform(std::move(v)).front());
  }
};

struct CurlOptions {
  int max_host_connections = 4;  // parallel connections per host
  int connect_timeout_ms = 10000;
  std::string user_agent;  // empty: default_user_agent()
};

// "kiosk-sync/<version> channel-format/<kChannelFormatVersion>": the program and the version of the
// requests the adapters build (channel.hpp), so a municipality can tell which mapping sent a request.
std::string default_user_agent();

// Real HTTP over libcurl. Not thread-safe: one per thread.
class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(CurlOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;
  void start(std::vector<HttpRequest> requests, Completion done) override;
  void run(int max_wait_ms) override;
  void start_job(std::function<void()> job, std::function<void()> done) override;
  std::size_t pending() const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

// Answers every request with handler(request) (in run()) and remembers what was sent.
class FakeTransport final : public Transport {
 public:
  using Handler = std::function<HttpResult(const HttpRequest&)>;
  explicit FakeTransport(Handler handler) : m_handler(std::move(handler)) {}
  void start(std::vector<HttpRequest> requests, Completion done) override;
  void run(int max_wait_ms) override;
  // Runs the job at once; `done` follows in the next run().
  void start_job(std::function<void()> job, std::function<void()> done) override;
  std::size_t pending() const override { return m_queue.size() + m_jobs_done.size(); }
  const std::vector<HttpRequest>& sent() const { return m_sent; }

 private:
  Handler m_handler;
  std::vector<HttpRequest> m_sent;
  std::deque<std::pair<std::vector<HttpRequest>, Completion>> m_queue;
  std::deque<std::function<void()>> m_jobs_done;
};

// application/x-www-form-urlencoded encoding of one value (RFC 3986 unreserved kept, space as %20).
std::string url_encode(std::string_view s);
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace kiosk
