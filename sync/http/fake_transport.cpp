// FakeTransport (answers from a function, for tests of code that is not about the network) and the
// URL/form encoding helpers shared by the adapters.
#include <cctype>

#include "kiosk/sync/transport.hpp"

namespace kiosk {

std::vector<HttpResult> Transport::perform(std::vector<HttpRequest> requests) {
  std::vector<HttpResult> out;
  bool done = false;
  start(std::move(requests), [&](std::vector<HttpResult> r) {
    out = std::move(r);
    done = true;
  });
  while (!done) run(200);
  return out;
}

void FakeTransport::start(std::vector<HttpRequest> requests, Completion done) {
  m_queue.emplace_back(std::move(requests), std::move(done));
}

void FakeTransport::start_job(std::function<void()> job, std::function<void()> done) {
  job();
  m_jobs_done.push_back(std::move(done));
}

// One completion at a time leaves its queue before it runs: one that throws leaves the others due for
// the next run() (and counted in pending()), and one that starts new work adds to the queues' back.
void FakeTransport::run(int) {
  for (std::size_t n = m_jobs_done.size(); n > 0 && !m_jobs_done.empty(); --n) {
    auto done = std::move(m_jobs_done.front());
    m_jobs_done.pop_front();
    done();
  }
  for (std::size_t n = m_queue.size(); n > 0 && !m_queue.empty(); --n) {
    auto [requests, done] = std::move(m_queue.front());
    m_queue.pop_front();
    std::vector<HttpResult> out;
    for (const auto& r : requests) {
      if (r.on_send && !r.on_send()) {
        out.push_back(make_error(Errc::network, "not sent: on_send refused", "not_sent"));
        continue;
      }
      m_sent.push_back(r);
      out.push_back(m_handler(r));
    }
    done(std::move(out));
  }
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += url_encode(k) + '=' + url_encode(v);
  }
  return out;
}

}  // namespace kiosk
