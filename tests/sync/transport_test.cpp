// Tests for the HTTP seam: the libcurl transport against local httplib servers on 127.0.0.1
// (keep-alive, concurrency, independent groups, time-outs, refused connections, TLS verification with
// and without a CA bundle) and the fake.
#include "kiosk/sync/transport.hpp"
#include "kiosk/sync/channel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "contract_server.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {

// A small echo server: /echo returns method, body and one header; /slow waits `ms`.
class EchoServer : public test::ContractServer {
 public:
  EchoServer(bool tls = false, const std::string& cert = {}, const std::string& key = {})
      : ContractServer(tls, cert, key) {
    auto echo = [](const httplib::Request& req, httplib::Response& res) {
      json_reply(res, 200,
                 {{"method", req.method},
                  {"body", req.body},
                  {"x", req.get_header_value("X-Test")},
                  {"user_agent", req.get_header_value("User-Agent")}});
    };
    route("GET", "/echo", echo, false);
    route("POST", "/echo", echo, false);
    route(
        "GET", "/slow",
        [](const httplib::Request& req, httplib::Response& res) {
          std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(req.get_param_value("ms"))));
          json_reply(res, 200, {{"slow", true}});
        },
        false);
    start();
  }
};

HttpRequest get(const std::string& url) {
  HttpRequest r;
  r.url = url;
  r.timeout_ms = 5000;
  return r;
}

}  // namespace

TEST(transport_test, keeps_connections_alive_and_round_trips) {
  EchoServer server;
  CurlTransport t;
  int reused = 0;
  for (int i = 0; i < 20; ++i) {
    HttpRequest r = get(server.base_url() + "/echo");
    r.method = "POST";
    r.body = "hallo " + std::to_string(i);
    r.headers.emplace_back("X-Test", "waarde");
    auto res = t.perform_one(r);
    ASSERT_TRUE(res.ok()) << res.error().message;
    EXPECT_EQ(res->status, 200);
    auto j = nlohmann::json::parse(res->body);
    EXPECT_EQ(j["method"], "POST");
    EXPECT_EQ(j["body"], "hallo " + std::to_string(i));
    EXPECT_EQ(j["x"], "waarde");
    EXPECT_EQ(res->header("content-type"), "application/json");
    EXPECT_GT(res->bytes_sent, r.body.size());
    EXPECT_GT(res->bytes_received, res->body.size());
    reused += res->reused_connection ? 1 : 0;
  }
  EXPECT_GE(reused, 19);  // one connection for all
}

TEST(transport_test, user_agent_carries_the_channel_format_version) {
  EchoServer server;
  CurlTransport t;
  auto res = t.perform_one(get(server.base_url() + "/echo"));
  ASSERT_TRUE(res.ok()) << res.error().message;
  std::string ua = nlohmann::json::parse(res->body)["user_agent"];
  EXPECT_EQ(ua, default_user_agent());
  std::string suffix = " channel-format/" + std::to_string(kChannelFormatVersion);
  ASSERT_GE(ua.size(), suffix.size());
  EXPECT_EQ(ua.rfind("kiosk-sync/", 0), 0u) << ua;
  EXPECT_EQ(ua.substr(ua.size() - suffix.size()), suffix) << ua;

  CurlOptions own;
  own.user_agent = "probe/1";
  CurlTransport t2(own);
  auto res2 = t2.perform_one(get(server.base_url() + "/echo"));
  ASSERT_TRUE(res2.ok()) << res2.error().message;
  EXPECT_EQ(nlohmann::json::parse(res2->body)["user_agent"], "probe/1");
}

TEST(transport_test, group_results_come_back_in_order) {
  EchoServer server;
  CurlTransport t;
  std::vector<HttpRequest> rqs;
  for (int i = 0; i < 12; ++i) {
    HttpRequest r = get(server.base_url() + "/echo");
    r.method = "POST";
    r.body = std::to_string(i);
    rqs.push_back(r);
  }
  auto out = t.perform(rqs);
  ASSERT_EQ(out.size(), 12u);
  for (int i = 0; i < 12; ++i) {
    ASSERT_TRUE(out[static_cast<std::size_t>(i)].ok());
    EXPECT_EQ(nlohmann::json::parse(out[static_cast<std::size_t>(i)]->body)["body"], std::to_string(i));
  }
}

TEST(transport_test, a_slow_group_does_not_hold_up_another) {
  EchoServer server;
  CurlTransport t;
  std::vector<std::string> order;
  t.start({get(server.base_url() + "/slow?ms=1500")}, [&](std::vector<HttpResult>) { order.push_back("slow"); });
  t.start({get(server.base_url() + "/echo")}, [&](std::vector<HttpResult>) { order.push_back("fast"); });
  for (int i = 0; i < 200 && t.pending() > 0; ++i) t.run(100);
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order[0], "fast");
  EXPECT_EQ(order[1], "slow");
}

// A blocking job (the engine's fsync) runs off the I/O thread: answers keep coming in while it blocks,
// and its completion runs inside run(), on the caller's thread, after the job has returned.
TEST(transport_test, a_blocking_job_runs_beside_the_requests_and_completes_in_run) {
  EchoServer server;
  CurlTransport t;
  std::vector<std::string> order;
  std::atomic<bool> job_returned{false};
  std::thread::id job_thread, done_thread;
  t.start_job(
      [&] {
        job_thread = std::this_thread::get_id();
        std::this_thread::sleep_for(std::chrono::milliseconds(800));
        job_returned = true;
      },
      [&] {
        done_thread = std::this_thread::get_id();
        EXPECT_TRUE(job_returned.load());
        order.push_back("job");
      });
  EXPECT_EQ(t.pending(), 1u);
  t.start({get(server.base_url() + "/echo")}, [&](std::vector<HttpResult> rs) {
    EXPECT_TRUE(rs.at(0).ok());
    order.push_back("request");
  });
  for (int i = 0; i < 200 && t.pending() > 0; ++i) t.run(100);
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order[0], "request");  // not held up by the job
  EXPECT_EQ(order[1], "job");
  EXPECT_NE(job_thread, std::this_thread::get_id());
  EXPECT_EQ(done_thread, std::this_thread::get_id());
  EXPECT_EQ(t.pending(), 0u);
}

// A completion that throws leaves run() with its exception, and the other completions that were due
// with it are not lost: they stay in pending() and run in the next run(). (The engine's two fsync jobs
// once returned together and the first one's completion threw: the second was dropped, pending()
// never reached 0, and the engine's drain waited 1,000 s.)
TEST(transport_test, a_throwing_job_completion_loses_none_of_the_others) {
  CurlTransport t;
  std::atomic<bool> second_returned{false};
  std::vector<std::string> done;
  t.start_job([] {},
              [&] {
                done.push_back("first");
                throw std::runtime_error("injected");
              });
  t.start_job([&] { second_returned = true; }, [&] { done.push_back("second"); });
  // Jobs run one after the other on one worker: once the second has returned, both are (about to be)
  // finished, and one run() finds both.
  for (int i = 0; i < 500 && !second_returned; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  int thrown = 0;
  for (int i = 0; i < 50 && t.pending() > 0; ++i) {
    try {
      t.run(100);
    } catch (const std::runtime_error&) {
      ++thrown;
    }
  }
  EXPECT_EQ(thrown, 1);
  EXPECT_EQ(done, (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(t.pending(), 0u);
}

TEST(transport_test, a_throwing_request_completion_loses_none_of_the_others) {
  EchoServer server;
  CurlTransport t;
  std::vector<std::string> done;
  t.start({get(server.base_url() + "/echo")}, [&](std::vector<HttpResult>) {
    done.push_back("first");
    throw std::runtime_error("injected");
  });
  t.start({get(server.base_url() + "/echo")}, [&](std::vector<HttpResult>) { done.push_back("second"); });
  int thrown = 0;
  for (int i = 0; i < 200 && t.pending() > 0; ++i) {
    try {
      t.run(100);
    } catch (const std::runtime_error&) {
      ++thrown;
    }
    // Both answers arrive while nobody reads: one run() then finishes both groups.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(thrown, 1);
  EXPECT_EQ(done.size(), 2u);
  EXPECT_EQ(t.pending(), 0u);
}

TEST(transport_test, fake_keeps_the_completions_a_throwing_one_left) {
  FakeTransport fake([](const HttpRequest&) -> HttpResult { return HttpResponse{200, {}, "", 11, 0, 0, false}; });
  std::vector<std::string> done;
  fake.start_job([] {}, [&] { throw std::runtime_error("injected"); });
  fake.start_job([] {}, [&] { done.push_back("job"); });
  fake.start({HttpRequest{}}, [&](std::vector<HttpResult>) { throw std::runtime_error("injected"); });
  fake.start({HttpRequest{}}, [&](std::vector<HttpResult>) { done.push_back("group"); });
  EXPECT_EQ(fake.pending(), 4u);
  EXPECT_THROW(fake.run(0), std::runtime_error);  // the first job's
  EXPECT_EQ(fake.pending(), 3u);
  EXPECT_THROW(fake.run(0), std::runtime_error);  // the second job's ran, then the first group's threw
  EXPECT_EQ(fake.pending(), 1u);
  EXPECT_NO_THROW(fake.run(0));
  EXPECT_EQ(done, (std::vector<std::string>{"job", "group"}));
  EXPECT_EQ(fake.pending(), 0u);
}

TEST(transport_test, timeouts_and_refused_connections_are_typed) {
  EchoServer server;
  CurlTransport t;
  HttpRequest slow = get(server.base_url() + "/slow?ms=1500");
  slow.timeout_ms = 300;
  auto r = t.perform_one(slow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::timeout);
  EXPECT_NE(r.error().field, "not_sent");  // it may have arrived

  int port = server.port();
  server.stop();
  auto refused = t.perform_one(get("http://127.0.0.1:" + std::to_string(port) + "/echo"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::network);
  EXPECT_EQ(refused.error().field, "not_sent");
}

TEST(transport_test, untrusted_certificate_is_refused_and_a_ca_bundle_is_honoured) {
  test::TempDir dir;
  std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  ASSERT_TRUE(test::make_self_signed_cert(cert, key));
  EchoServer server(true, cert, key);
  ASSERT_EQ(server.base_url().rfind("https://127.0.0.1:", 0), 0u);
  CurlTransport t;
  auto refused = t.perform_one(get(server.base_url() + "/echo"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::tls);
  EXPECT_NE(refused.error().message.find("not trusted"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("ca_bundle"), std::string::npos) << refused.error().message;

  HttpRequest trusted = get(server.base_url() + "/echo");
  trusted.ca_bundle = cert;
  auto ok = t.perform_one(trusted);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->status, 200);
}

TEST(transport_test, fake_answers_and_records) {
  FakeTransport fake([](const HttpRequest& r) -> HttpResult {
    if (r.url.find("fail") != std::string::npos) return make_error(Errc::network, "down");
    HttpResponse res;
    res.status = 201;
    res.body = r.body;
    return res;
  });
  HttpRequest a = get("http://127.0.0.1:1/x");
  a.body = "abc";
  auto out = fake.perform({a, get("http://127.0.0.1:1/fail")});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0]->status, 201);
  EXPECT_EQ(out[0]->body, "abc");
  EXPECT_FALSE(out[1].ok());
  EXPECT_EQ(fake.sent().size(), 2u);
}

TEST(transport_test, form_encoding) {
  EXPECT_EQ(form_encode({{"a b", "c&d=e"}, {"x", "é"}}), "a%20b=c%26d%3De&x=%C3%A9");
}

// on_send runs once the connection is ready and before the request is written (the engine journals
// its sends there); refusing it keeps the request off the wire, reported as certainly not sent.
TEST(transport_test, on_send_runs_before_the_request_leaves_and_can_keep_it_back) {
  EchoServer server;
  CurlTransport t;
  int calls = 0, seen_by_server_at_call = -1;
  HttpRequest go = get(server.base_url() + "/echo");
  go.method = "POST";
  go.body = "one";
  go.on_send = [&] {
    ++calls;
    seen_by_server_at_call = server.requests();
    return true;
  };
  auto ok = t.perform_one(go);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(seen_by_server_at_call, 0);
  EXPECT_EQ(server.requests(), 1);

  HttpRequest keep = go;
  keep.on_send = [] { return false; };
  auto kept = t.perform_one(keep);
  ASSERT_FALSE(kept.ok());
  EXPECT_EQ(kept.error().field, "not_sent");
  EXPECT_NE(kept.error().message.find("journal"), std::string::npos) << kept.error().message;
  EXPECT_EQ(server.requests(), 1) << "a refused request reached the server";

  FakeTransport fake([](const HttpRequest&) -> HttpResult { return HttpResponse{200, {}, "", 11, 0, 0, false}; });
  auto fake_kept = fake.perform_one(keep);
  ASSERT_FALSE(fake_kept.ok());
  EXPECT_EQ(fake_kept.error().field, "not_sent");
  EXPECT_TRUE(fake.sent().empty());
}
