// CurlTransport: the real Transport over one libcurl multi handle. The multi handle owns the connection
// cache, so keep-alive connections survive between perform() calls (and runs of a long-lived service).
// TLS peer and host verification are always on; a ChannelConfig::ca_bundle adds a CA file.
//
// I/O is event-driven (curl_multi_socket_action over epoll): libcurl is told which socket is ready and
// works on that transfer only. curl_multi_perform would walk every transfer on every wake-up and poll
// each one's socket again, which cost a tenth of the engine's CPU during a drain.
#include <curl/curl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <list>
#include <cctype>
#include <mutex>

#include "kiosk/sync/transport.hpp"

#include "kiosk/sync/channel.hpp"

namespace kiosk {

namespace {

std::once_flag g_curl_init;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// scheme://host:port of a URL, for error messages: never the path or query (they may carry data).
std::string origin_of(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url.substr(0, 40);
  auto end = url.find_first_of("/?#", scheme + 3);
  return url.substr(0, end);
}

Errc errc_for(CURLcode rc) {
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT: return Errc::timeout;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_USE_SSL_FAILED: return Errc::tls;
    default: return Errc::network;
  }
}

struct Easy {
  CURL* h = nullptr;
  curl_slist* headers = nullptr;
  HttpResponse response;
  char errbuf[CURL_ERROR_SIZE] = {0};
  bool done = false;
  CURLcode rc = CURLE_OK;
  std::string_view upload;  // request body, read by on_read
  std::size_t upload_pos = 0;
  const std::function<bool()>* on_send = nullptr;  // HttpRequest::on_send (the group keeps it alive)
  bool send_refused = false;                       // on_send said no: nothing was written
  bool reached_connection = false;                 // on_prereq ran: the request may have been written
};

// The connection is ready and nothing of the request is written yet (CURLOPT_PREREQFUNCTION).
int on_prereq(void* user, char*, char*, int, int) {
  auto* e = static_cast<Easy*>(user);
  e->reached_connection = true;
  if (!e->on_send || !*e->on_send) return CURL_PREREQFUNC_OK;
  bool go = false;
  try {
    go = (*e->on_send)();
  } catch (...) {
    go = false;
  }
  if (!go) e->send_refused = true;
  return go ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT;
}

size_t on_read(char* buf, size_t size, size_t n, void* user) {
  auto* e = static_cast<Easy*>(user);
  std::size_t len = std::min(size * n, e->upload.size() - e->upload_pos);
  std::memcpy(buf, e->upload.data() + e->upload_pos, len);
  e->upload_pos += len;
  return len;
}

// libcurl silently resends a request on a fresh connection when a reused one died before any answer
// byte, even a POST, which could deliver twice. Refusing to rewind a body that was (partly) sent turns
// that into an error the engine treats as "may have arrived" and checks before resending.
int on_seek(void* user, curl_off_t offset, int origin) {
  auto* e = static_cast<Easy*>(user);
  if (origin == SEEK_SET && offset == 0 && e->upload_pos == 0) return CURL_SEEKFUNC_OK;
  return CURL_SEEKFUNC_CANTSEEK;
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<Easy*>(user)->response.body.append(data, size * n);
  return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* e = static_cast<Easy*>(user);
  std::string line(data, size * n);
  // A new status line (redirect or 100-continue) starts a new header block.
  if (line.rfind("HTTP/", 0) == 0) e->response.headers.clear();
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = lower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    auto b = value.find_first_not_of(" \t");
    auto last = value.find_last_not_of(" \t\r\n");
    value = b == std::string::npos ? std::string() : value.substr(b, last - b + 1);
    e->response.headers.emplace_back(std::move(name), std::move(value));
  }
  return size * n;
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  std::string n = lower(std::string(name));
  for (const auto& [k, v] : headers)
    if (k == n) return v;
  return {};
}

struct Group {
  std::vector<HttpRequest> requests;
  std::vector<std::unique_ptr<Easy>> easies;
  std::size_t remaining = 0;
  Transport::Completion done;
};

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct CurlTransport::Impl {
  CurlOptions options;
  CURLM* multi = nullptr;
  int epoll_fd = -1;
  std::int64_t timer_due_ms = -1;  // when libcurl wants its time-outs handled; -1: no timer
  std::list<std::unique_ptr<Group>> groups;
  // Finished easy handles, reset and reused: a fresh handle costs allocations (its buffers) per request.
  std::vector<CURL*> idle;

  // Blocking jobs (start_job) run one at a time on a worker thread, which signals wake_fd (in the
  // epoll set) when one has returned.
  struct Job {
    std::function<void()> work, done;
  };
  int wake_fd = -1;
  std::thread worker;
  std::mutex jobs_mutex;
  std::condition_variable jobs_cv;
  std::deque<Job> jobs_todo, jobs_finished;
  // Returned jobs whose `done` is still to be called, and finished groups whose completion is still to
  // run (I/O thread only). They wait here, not in a local, so that when one completion throws, the
  // others still run in a later run() instead of being lost (pending() would never reach 0).
  std::deque<Job> jobs_ready;
  std::list<std::unique_ptr<Group>> groups_ready;
  std::size_t jobs_open = 0;  // started and their `done` not yet called (I/O thread only)
  bool stopping = false;

  void work_jobs() {
    std::unique_lock lock(jobs_mutex);
    for (;;) {
      jobs_cv.wait(lock, [&] { return stopping || !jobs_todo.empty(); });
      if (jobs_todo.empty()) return;  // stopping
      Job j = std::move(jobs_todo.front());
      jobs_todo.pop_front();
      lock.unlock();
      j.work();
      lock.lock();
      jobs_finished.push_back(std::move(j));
      std::uint64_t one = 1;
      (void)!::write(wake_fd, &one, sizeof one);
    }
  }
  // Calls `done` of the jobs that have returned; true when there were any.
  bool finish_jobs() {
    {
      std::lock_guard lock(jobs_mutex);
      for (Job& j : jobs_finished) jobs_ready.push_back(std::move(j));
      jobs_finished.clear();
    }
    bool any = !jobs_ready.empty();
    while (!jobs_ready.empty()) {
      Job j = std::move(jobs_ready.front());
      jobs_ready.pop_front();
      --jobs_open;
      j.done();
    }
    return any;
  }

  // libcurl says which sockets to watch for what (CURLMOPT_SOCKETFUNCTION). Syscalls are dear (a tenth
  // of a drain's CPU went to registering the same keep-alive socket again for every request), so what
  // is registered is remembered per socket: a repeat costs nothing, and a socket libcurl no longer
  // wants stays registered until it either wants it again (usually: the next request on that
  // connection) or it reports an event, which removes it then (see run()).
  // Only connection sockets stay registered: libcurl opens them through on_open and closes them through
  // on_close, so their numbers are known to be current. Anything else libcurl watches (the threaded
  // resolver's socketpair) it closes itself, so it leaves epoll at once.
  struct Watch {
    std::uint32_t events = 0;
    bool wanted = false;
  };
  std::unordered_map<curl_socket_t, Watch> watched;
  std::unordered_set<curl_socket_t> connections;
  static int on_socket(CURL*, curl_socket_t s, int what, void* user, void*) {
    auto* self = static_cast<Impl*>(user);
    auto it = self->watched.find(s);
    if (what == CURL_POLL_REMOVE) {
      if (it == self->watched.end()) return 0;
      if (self->connections.count(s)) {
        it->second.wanted = false;
      } else {
        self->watched.erase(it);
        ::epoll_ctl(self->epoll_fd, EPOLL_CTL_DEL, s, nullptr);
      }
      return 0;
    }
    epoll_event ev{};
    ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0u) | (what & CURL_POLL_OUT ? EPOLLOUT : 0u);
    ev.data.fd = s;
    if (it != self->watched.end() && it->second.events == ev.events) {
      it->second.wanted = true;
      return 0;
    }
    // A closed socket leaves epoll by itself and its number may come back for a new one: when the
    // guess (add or modify) is wrong, the other one is right.
    int op = it == self->watched.end() ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (::epoll_ctl(self->epoll_fd, op, s, &ev) != 0)
      ::epoll_ctl(self->epoll_fd, op == EPOLL_CTL_ADD ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, s, &ev);
    self->watched[s] = Watch{ev.events, true};
    return 0;
  }
  // libcurl opens a connection socket (CURLOPT_OPENSOCKETFUNCTION).
  static curl_socket_t on_open(void* user, curlsocktype, curl_sockaddr* a) {
    curl_socket_t s = ::socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
    if (s != CURL_SOCKET_BAD) static_cast<Impl*>(user)->connections.insert(s);
    return s;
  }
  // libcurl closes a connection socket (CURLOPT_CLOSESOCKETFUNCTION): forget it, as its number may
  // come back.
  static int on_close(void* user, curl_socket_t s) {
    auto* self = static_cast<Impl*>(user);
    self->watched.erase(s);  // epoll drops a closed socket by itself
    self->connections.erase(s);
    return ::close(s);
  }
  // An event on a socket libcurl no longer wants (an idle keep-alive connection the server closed):
  // unregister it, or level-triggered epoll would report it again and again.
  bool unwanted(curl_socket_t s) {
    auto it = watched.find(s);
    if (it == watched.end() || it->second.wanted) return false;
    watched.erase(it);
    ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, s, nullptr);
    return true;
  }
  // libcurl says when it next needs to run its time-outs (CURLMOPT_TIMERFUNCTION).
  static int on_timer(CURLM*, long timeout_ms, void* user) {
    auto* self = static_cast<Impl*>(user);
    self->timer_due_ms = timeout_ms < 0 ? -1 : steady_ms() + timeout_ms;
    return 0;
  }
  void act(curl_socket_t s, int flags) {
    int running = 0;
    curl_multi_socket_action(multi, s, flags, &running);
  }
  void run_timer_if_due() {
    if (timer_due_ms < 0 || steady_ms() < timer_due_ms) return;
    timer_due_ms = -1;  // the action may set a new one
    act(CURL_SOCKET_TIMEOUT, 0);
  }
  // Marks finished transfers; true when any finished.
  bool collect() {
    int queued = 0;
    bool any = false;
    while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Easy* e = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&e));
      e->done = true;
      e->rc = msg->data.result;
      any = true;
    }
    return any;
  }
  void complete_finished_groups();

  void setup(Easy& e, const HttpRequest& rq);
  void release(Easy& e) {
    curl_multi_remove_handle(multi, e.h);
    curl_slist_free_all(e.headers);
    e.headers = nullptr;
    if (idle.size() < 64) idle.push_back(e.h);
    else curl_easy_cleanup(e.h);
    e.h = nullptr;
  }
  HttpResult result(Easy& e, const HttpRequest& rq);
};

std::string default_user_agent() {
  return "kiosk-sync/" KIOSK_VERSION " channel-format/" + std::to_string(kChannelFormatVersion);
}

CurlTransport::CurlTransport(CurlOptions options) : m(std::make_unique<Impl>()) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  m->options = std::move(options);
  if (m->options.user_agent.empty()) m->options.user_agent = default_user_agent();
  m->multi = curl_multi_init();
  curl_multi_setopt(m->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  curl_multi_setopt(m->multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(m->options.max_host_connections));
  curl_multi_setopt(m->multi, CURLMOPT_MAXCONNECTS, 32L);
  m->epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  m->wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.fd = m->wake_fd;
  ::epoll_ctl(m->epoll_fd, EPOLL_CTL_ADD, m->wake_fd, &wake);
  curl_multi_setopt(m->multi, CURLMOPT_SOCKETFUNCTION, &Impl::on_socket);
  curl_multi_setopt(m->multi, CURLMOPT_SOCKETDATA, m.get());
  curl_multi_setopt(m->multi, CURLMOPT_TIMERFUNCTION, &Impl::on_timer);
  curl_multi_setopt(m->multi, CURLMOPT_TIMERDATA, m.get());
}

CurlTransport::~CurlTransport() {
  if (!m) return;
  if (m->worker.joinable()) {
    {
      std::lock_guard lock(m->jobs_mutex);
      m->stopping = true;
    }
    m->jobs_cv.notify_one();
    m->worker.join();
  }
  for (auto* list : {&m->groups, &m->groups_ready})
    for (auto& g : *list)
      for (auto& e : g->easies) {
        curl_multi_remove_handle(m->multi, e->h);
        curl_easy_cleanup(e->h);
        curl_slist_free_all(e->headers);
      }
  for (CURL* h : m->idle) curl_easy_cleanup(h);
  if (m->multi) curl_multi_cleanup(m->multi);
  if (m->epoll_fd >= 0) ::close(m->epoll_fd);
  if (m->wake_fd >= 0) ::close(m->wake_fd);
}

std::size_t CurlTransport::pending() const { return m->groups.size() + m->groups_ready.size() + m->jobs_open; }

void CurlTransport::start_job(std::function<void()> job, std::function<void()> done) {
  if (!m->worker.joinable()) m->worker = std::thread([this] { m->work_jobs(); });
  ++m->jobs_open;
  {
    std::lock_guard lock(m->jobs_mutex);
    m->jobs_todo.push_back(Impl::Job{std::move(job), std::move(done)});
  }
  m->jobs_cv.notify_one();
}

void CurlTransport::Impl::setup(Easy& e, const HttpRequest& rq) {
  if (idle.empty()) {
    e.h = curl_easy_init();
  } else {
    e.h = idle.back();
    idle.pop_back();
    curl_easy_reset(e.h);
  }
  CURL* h = e.h;
  curl_easy_setopt(h, CURLOPT_URL, rq.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(rq.timeout_ms));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min(rq.timeout_ms, options.connect_timeout_ms)));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!rq.ca_bundle.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, rq.ca_bundle.c_str());
  // HTTP/2 when a TLS server offers it (ALPN); HTTP/1.1 keep-alive otherwise.
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  // Waiting to multiplex only makes sense where HTTP/2 is possible (TLS); on plain HTTP/1.1 it
  // would queue requests behind a slow one.
  if (rq.url.rfind("https://", 0) == 0) curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, e.errbuf);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &e);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &e);
  curl_easy_setopt(h, CURLOPT_PRIVATE, &e);
  e.on_send = &rq.on_send;
  curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, on_prereq);
  curl_easy_setopt(h, CURLOPT_PREREQDATA, &e);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, &Impl::on_open);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, this);
  curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, &Impl::on_close);
  curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, this);
  if (rq.method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    if (rq.method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, rq.method.c_str());
    e.upload = rq.body;
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(rq.body.size()));
    curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(h, CURLOPT_READDATA, &e);
    curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, on_seek);
    curl_easy_setopt(h, CURLOPT_SEEKDATA, &e);
  }
  for (const auto& [k, v] : rq.headers) e.headers = curl_slist_append(e.headers, (k + ": " + v).c_str());
  e.headers = curl_slist_append(e.headers, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, e.headers);
}

HttpResult CurlTransport::Impl::result(Easy& e, const HttpRequest& rq) {
  if (e.rc != CURLE_OK) {
    std::string detail = e.errbuf[0] ? std::string(e.errbuf) : std::string(curl_easy_strerror(e.rc));
    Errc code = errc_for(e.rc);
    std::string msg = origin_of(rq.url) + ": " + detail;
    if (code == Errc::tls)
      msg = origin_of(rq.url) + ": TLS refused (" + detail + "); the server's certificate is not trusted by the " +
            (rq.ca_bundle.empty() ? std::string("system store") : "CA bundle " + rq.ca_bundle) +
            ". Install the right CA bundle (channels.<name>.ca_bundle); verification stays on.";
    // libcurl wanted to send a request again on a new connection after a kept-alive one died, and
    // on_seek refused to rewind its body: say so in words (curl says "seek callback returned error 2").
    if (e.rc == CURLE_SEND_FAIL_REWIND)
      msg = origin_of(rq.url) + ": the connection closed after the request was sent and before any answer; it may "
                                "have arrived, so the server is asked before it is sent again";
    if (e.send_refused)
      msg = origin_of(rq.url) + ": not sent, because the sync could not note the send in its journal (disk full?)";
    // Marks failures where the request certainly never left (nothing to look up afterwards): among
    // them a time-out while it waited for a free connection, before any byte of it was written.
    bool not_sent = e.rc == CURLE_COULDNT_CONNECT || e.rc == CURLE_COULDNT_RESOLVE_HOST ||
                    e.rc == CURLE_COULDNT_RESOLVE_PROXY || code == Errc::tls || e.send_refused || !e.reached_connection;
    if (!e.reached_connection && code == Errc::timeout)
      msg = origin_of(rq.url) + ": not sent: no connection to the server became free in time (" + detail + ")";
    return make_error(code, std::move(msg), not_sent ? "not_sent" : "");
  }
  long status = 0, version = 0, connects = 0, req_size = 0, hdr_size = 0;
  curl_off_t up = 0, down = 0;
  curl_easy_getinfo(e.h, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(e.h, CURLINFO_HTTP_VERSION, &version);
  curl_easy_getinfo(e.h, CURLINFO_NUM_CONNECTS, &connects);
  curl_easy_getinfo(e.h, CURLINFO_REQUEST_SIZE, &req_size);
  curl_easy_getinfo(e.h, CURLINFO_HEADER_SIZE, &hdr_size);
  curl_easy_getinfo(e.h, CURLINFO_SIZE_UPLOAD_T, &up);
  curl_easy_getinfo(e.h, CURLINFO_SIZE_DOWNLOAD_T, &down);
  e.response.status = static_cast<int>(status);
  e.response.http_version = version == CURL_HTTP_VERSION_2_0 ? 2 : version == CURL_HTTP_VERSION_1_0 ? 10 : 11;
  e.response.reused_connection = connects == 0;
  e.response.bytes_sent = static_cast<std::uint64_t>(req_size) + static_cast<std::uint64_t>(up);
  e.response.bytes_received = static_cast<std::uint64_t>(hdr_size) + static_cast<std::uint64_t>(down);
  return std::move(e.response);
}

void CurlTransport::start(std::vector<HttpRequest> requests, Completion done) {
  auto g = std::make_unique<Group>();
  g->requests = std::move(requests);
  g->done = std::move(done);
  g->remaining = g->requests.size();
  for (const auto& rq : g->requests) {
    auto e = std::make_unique<Easy>();
    m->setup(*e, rq);
    curl_multi_add_handle(m->multi, e->h);
    g->easies.push_back(std::move(e));
  }
  m->groups.push_back(std::move(g));
}

void CurlTransport::run(int max_wait_ms) {
  // Time-outs that are due, among them the start of transfers added since the last call.
  m->run_timer_if_due();
  bool any = m->collect();
  if (m->finish_jobs()) return m->complete_finished_groups();
  if (!any && (!m->groups.empty() || m->jobs_open > 0)) {
    int wait = std::max(0, max_wait_ms);
    if (m->timer_due_ms >= 0) wait = static_cast<int>(std::clamp<std::int64_t>(m->timer_due_ms - steady_ms(), 0, wait));
    epoll_event events[64];
    int n = ::epoll_wait(m->epoll_fd, events, 64, wait);
    for (int i = 0; i < n; ++i) {
      if (events[i].data.fd == m->wake_fd) {
        std::uint64_t count = 0;
        (void)!::read(m->wake_fd, &count, sizeof count);
        continue;
      }
      if (m->unwanted(events[i].data.fd)) continue;
      int flags = (events[i].events & EPOLLIN ? CURL_CSELECT_IN : 0) |
                  (events[i].events & EPOLLOUT ? CURL_CSELECT_OUT : 0) |
                  (events[i].events & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR : 0);
      m->act(events[i].data.fd, flags);
    }
    m->run_timer_if_due();
    m->collect();
    m->finish_jobs();
  }
  m->complete_finished_groups();
}

void CurlTransport::Impl::complete_finished_groups() {
  // Finished groups leave the list before their completions run: a completion may start new groups.
  for (auto it = groups.begin(); it != groups.end();) {
    bool all = true;
    for (const auto& e : (*it)->easies) all = all && e->done;
    if (all) {
      groups_ready.push_back(std::move(*it));
      it = groups.erase(it);
    } else {
      ++it;
    }
  }
  while (!groups_ready.empty()) {
    std::unique_ptr<Group> g = std::move(groups_ready.front());
    groups_ready.pop_front();
    std::vector<HttpResult> out;
    out.reserve(g->easies.size());
    for (std::size_t i = 0; i < g->easies.size(); ++i) {
      auto& e = *g->easies[i];
      out.push_back(result(e, g->requests[i]));
      release(e);
    }
    g->done(std::move(out));
  }
}

}  // namespace kiosk
