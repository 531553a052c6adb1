// CurlTransport: the real Transport over one libcurl multi handle. The multi handle owns the connection
// cache, so keep-alive connections survive between perform() calls (and runs of a long-lived service).
// TLS peer and host verification are always on; a ChannelConfig::ca_bundle adds a CA file.
#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <list>
#include <cctype>
#include <mutex>

#include "kiosk/sync/transport.hpp"

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
};

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

struct CurlTransport::Impl {
  CurlOptions options;
  CURLM* multi = nullptr;
  std::list<std::unique_ptr<Group>> groups;
  // Finished easy handles, reset and reused: a fresh handle costs allocations (its buffers) per request.
  std::vector<CURL*> idle;

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

CurlTransport::CurlTransport(CurlOptions options) : m(std::make_unique<Impl>()) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  m->options = std::move(options);
  m->multi = curl_multi_init();
  curl_multi_setopt(m->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  curl_multi_setopt(m->multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(m->options.max_host_connections));
  curl_multi_setopt(m->multi, CURLMOPT_MAXCONNECTS, 32L);
}

CurlTransport::~CurlTransport() {
  if (!m) return;
  for (auto& g : m->groups)
    for (auto& e : g->easies) {
      curl_multi_remove_handle(m->multi, e->h);
      curl_easy_cleanup(e->h);
      curl_slist_free_all(e->headers);
    }
  for (CURL* h : m->idle) curl_easy_cleanup(h);
  if (m->multi) curl_multi_cleanup(m->multi);
}

std::size_t CurlTransport::pending() const { return m->groups.size(); }

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
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(rq.timeout_ms, options.connect_timeout_ms)));
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
    // Marks failures where the request certainly never left (nothing to look up afterwards).
    bool not_sent = e.rc == CURLE_COULDNT_CONNECT || e.rc == CURLE_COULDNT_RESOLVE_HOST ||
                    e.rc == CURLE_COULDNT_RESOLVE_PROXY || code == Errc::tls;
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
  int running = 0;
  curl_multi_perform(m->multi, &running);
  int queued = 0;
  bool any = false;
  while (CURLMsg* msg = curl_multi_info_read(m->multi, &queued)) {
    if (msg->msg != CURLMSG_DONE) continue;
    Easy* e = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&e));
    e->done = true;
    e->rc = msg->data.result;
    any = true;
  }
  // Finished groups leave the list before their completions run: a completion may start new groups.
  std::vector<std::unique_ptr<Group>> finished;
  for (auto it = m->groups.begin(); it != m->groups.end();) {
    bool all = true;
    for (const auto& e : (*it)->easies) all = all && e->done;
    if (all) {
      finished.push_back(std::move(*it));
      it = m->groups.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& g : finished) {
    std::vector<HttpResult> out;
    out.reserve(g->easies.size());
    for (std::size_t i = 0; i < g->easies.size(); ++i) {
      auto& e = *g->easies[i];
      out.push_back(m->result(e, g->requests[i]));
      m->release(e);
    }
    g->done(std::move(out));
  }
  if (!any && finished.empty() && !m->groups.empty()) curl_multi_poll(m->multi, nullptr, 0, max_wait_ms, nullptr);
}

}  // namespace kiosk
