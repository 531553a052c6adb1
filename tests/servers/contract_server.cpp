// The shared part of the local contract servers: listening on 127.0.0.1, fault injection, a
// self-signed certificate for the TLS tests.
#include "contract_server.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace kiosk::test {

ContractServer::ContractServer(bool tls, const std::string& cert_file, const std::string& key_file) : m_tls(tls) {
  m_trace = std::getenv("KIOSK_TRACE_SERVERS") != nullptr;
  if (tls) m_server = std::make_unique<httplib::SSLServer>(cert_file.c_str(), key_file.c_str());
  else m_server = std::make_unique<httplib::Server>();
  // Keep-alive like a production server (httplib's default closes after 5 requests).
  m_server->set_keep_alive_max_count(100000);
  m_server->set_keep_alive_timeout(30);
  m_server->set_read_timeout(10, 0);
  m_server->set_tcp_nodelay(true);  // no Nagle delay between the header and body writes
  // Enough workers that keep-alive connections of several clients never starve each other.
  m_server->new_task_queue = [] { return new httplib::ThreadPool(32); };
}

ContractServer::~ContractServer() { stop(); }

std::string ContractServer::base_url() const {
  return std::string(m_tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(m_port);
}

void ContractServer::set_faults(const Faults& f, std::uint64_t seed) {
  std::lock_guard lock(m_fault_mu);
  m_faults = f;
  m_rng.seed(seed);
}

const char* odd_name(Odd o) {
  switch (o) {
    case Odd::null: return "null";
    case Odd::number: return "number";
    case Odd::missing: return "missing";
    case Odd::huge: return "huge";
    case Odd::invalid_utf8: return "invalid_utf8";
    case Odd::other_type: return "other_type";
  }
  return "?";
}

void ContractServer::set_odd_answer(std::optional<OddAnswer> odd) {
  std::lock_guard lock(m_fault_mu);
  m_odd = std::move(odd);
}

nlohmann::json ContractServer::last_answer(const std::string& request) {
  std::lock_guard lock(m_fault_mu);
  for (auto it = m_answers.rbegin(); it != m_answers.rend(); ++it)
    if (it->first.find(request) != std::string::npos) return nlohmann::json::parse(it->second, nullptr, false);
  return nlohmann::json(nlohmann::json::value_t::discarded);
}

std::vector<std::string> ContractServer::field_paths(const nlohmann::json& answer, std::size_t max_elements) {
  std::vector<std::string> out;
  std::function<void(const nlohmann::json&, const std::string&)> walk = [&](const nlohmann::json& v,
                                                                            const std::string& at) {
    out.push_back(at);
    if (v.is_object())
      for (auto& [k, child] : v.items()) {
        std::string token;  // JSON pointer escapes: '~' -> ~0, '/' -> ~1
        for (char c : k) token += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
        walk(child, at + "/" + token);
      }
    else if (v.is_array())
      for (std::size_t i = 0; i < v.size() && i < max_elements; ++i) walk(v[i], at + "/" + std::to_string(i));
  };
  walk(answer, "");
  return out;
}

std::string spoil_answer(const std::string& body, const OddAnswer& odd) {
  using nlohmann::json;
  const std::string kBad = "\xC3\x28\xFF\xFE";  // not UTF-8
  const std::string kMarker = "@@ODD-INVALID-UTF8@@";
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return body;
  if (odd.path.empty()) {
    switch (odd.odd) {
      case Odd::null: return "null";
      case Odd::number: return "42";
      case Odd::missing: return "";
      case Odd::huge: return json(std::string(1 << 20, 'x')).dump();
      case Odd::invalid_utf8: return body.substr(0, body.size() / 2) + kBad;
      case Odd::other_type: return j.is_string() ? "{}" : "\"odd\"";
    }
  }
  try {
    json::json_pointer ptr(odd.path);
    if (!j.contains(ptr)) return body;
    json& v = j[ptr];
    switch (odd.odd) {
      case Odd::null: v = nullptr; break;
      case Odd::number: v = 12345.5; break;
      case Odd::huge: v = std::string(1 << 20, 'x'); break;
      case Odd::invalid_utf8: v = kMarker; break;
      case Odd::other_type: v = v.is_string() ? json::object({{"odd", true}}) : json("odd"); break;
      case Odd::missing: {
        json& parent = j[ptr.parent_pointer()];
        if (parent.is_object()) parent.erase(ptr.back());
        else if (parent.is_array()) parent.erase(static_cast<std::size_t>(std::stoul(ptr.back())));
        break;
      }
    }
  } catch (const json::exception&) {
    return body;
  }
  std::string out = j.dump();
  if (odd.odd == Odd::invalid_utf8)
    if (auto pos = out.find(kMarker); pos != std::string::npos) out.replace(pos, kMarker.size(), kBad);
  return out;
}

void ContractServer::stop() {
  if (m_server) m_server->stop();
  if (m_thread.joinable()) m_thread.join();
}

void ContractServer::json_reply(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

std::size_t ContractServer::received_containing(const std::string& needle) {
  std::lock_guard lock(m_fault_mu);
  return static_cast<std::size_t>(std::count_if(m_bodies.begin(), m_bodies.end(), [&](const std::string& b) {
    return b.find(needle) != std::string::npos;
  }));
}

void ContractServer::route(const std::string& method, const std::string& pattern, Handler h, bool inject) {
  auto wrapped = [this, h = std::move(h), inject](const httplib::Request& req, httplib::Response& res) {
    ++m_requests;
    if (req.method != "GET") {
      std::lock_guard lock(m_fault_mu);
      m_bodies.push_back(req.body);
    }
    enum { none, e500, e429, reset, drop, timeout, slow } fault = none;
    Faults f;
    if (inject) {
      std::lock_guard lock(m_fault_mu);
      f = m_faults;
      double r = std::uniform_real_distribution<double>(0, 1)(m_rng);
      double acc = 0;
      if (r < (acc += f.error500)) fault = e500;
      else if (r < (acc += f.throttle429)) fault = e429;
      else if (r < (acc += f.reset_before)) fault = reset;
      else if (r < (acc += f.drop_after)) fault = drop;
      else if (r < (acc += f.timeout_after)) fault = timeout;
      else if (r < (acc += f.slow)) fault = slow;
    }
    auto drop_connection = [&res] {
      // A content provider that fails makes httplib close the connection mid-answer.
      res.body.clear();
      res.set_content_provider(100, "application/json",
                               [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    };
    switch (fault) {
      case e500:
        ++m_counts.error500;
        json_reply(res, 500, {{"detail", "injected server error"}});
        return;
      case e429:
        ++m_counts.throttle429;
        res.set_header("Retry-After", std::to_string(f.retry_after_s));
        json_reply(res, 429, {{"detail", "Request was throttled."}});
        return;
      case reset:
        ++m_counts.reset_before;
        drop_connection();
        return;
      default: break;
    }
    h(req, res);
    {
      // Remember the answer as made, then spoil it if asked to.
      std::string key = req.method + " " + req.path;
      std::lock_guard lock(m_fault_mu);
      m_answers.emplace_back(key, res.body);
      if (m_answers.size() > 64) m_answers.erase(m_answers.begin());
      if (m_odd && key.find(m_odd->request) != std::string::npos) res.body = spoil_answer(res.body, *m_odd);
    }
    if (m_trace)
      std::fprintf(stderr, "TRACE %d %s %s port %d fault %d\n", m_port, req.method.c_str(), req.path.c_str(),
                   req.remote_port, static_cast<int>(fault));
    if (fault == drop) {
      ++m_counts.drop_after;
      drop_connection();
    } else if (fault == timeout) {
      ++m_counts.timeout_after;
      std::this_thread::sleep_for(std::chrono::milliseconds(f.timeout_ms));
    } else if (fault == slow) {
      ++m_counts.slow;
      std::this_thread::sleep_for(std::chrono::milliseconds(f.slow_ms));
    }
  };
  if (method == "GET") m_server->Get(pattern, wrapped);
  else if (method == "POST") m_server->Post(pattern, wrapped);
  else if (method == "PUT") m_server->Put(pattern, wrapped);
  else m_server->Delete(pattern, wrapped);
}

namespace {
std::atomic<int> g_next_port{0};
}  // namespace

void ContractServer::listen_next_on(int port) { g_next_port = port; }

void ContractServer::start() {
  if (int want = g_next_port.exchange(0); want > 0) {
    m_port = m_server->bind_to_port("127.0.0.1", want) ? want : -1;
    if (m_port < 0) return;
  } else {
    m_port = m_server->bind_to_any_port("127.0.0.1");
  }
  m_thread = std::thread([this] { m_server->listen_after_bind(); });
  for (int i = 0; i < 5000 && !m_server->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

bool make_self_signed_cert(const std::string& cert_file, const std::string& key_file) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  if (!key) return false;
  X509* x = X509_new();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), -60);
  X509_gmtime_adj(X509_getm_notAfter(x), 86400);
  X509_set_pubkey(x, key);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(x, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"},
                            std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (ext) {
      X509_add_ext(x, ext, -1);
      X509_EXTENSION_free(ext);
    }
  }
  bool ok = X509_sign(x, key, EVP_sha256()) > 0;
  if (ok) {
    FILE* f = std::fopen(cert_file.c_str(), "wb");
    ok = f && PEM_write_X509(f, x);
    if (f) std::fclose(f);
    f = std::fopen(key_file.c_str(), "wb");
    ok = ok && f && PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
    if (f) std::fclose(f);
  }
  X509_free(x);
  EVP_PKEY_free(key);
  return ok;
}

}  // namespace kiosk::test
