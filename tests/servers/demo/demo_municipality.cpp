// demo-municipality: the contract servers of tests/servers/ as a program of their own, so that the demo
// kiosk (assets/config/demo.toml, scripts/run.sh) talks to a municipality on this machine and a newcomer
// can answer it by hand and watch the answer arrive at the kiosk.
//
//   demo-municipality serve [--config FILE] [--admin-port N]
//       Open Klant, Signalen, Open311 and Mastodon on the ports of the configuration's base_url (127.0.0.1
//       only), and an admin endpoint on 127.0.0.1:N (default 18080) with a small page to click on.
//       Writes the configuration's secrets file with the demo credentials when it does not exist.
//   demo-municipality answer CODE "text"    the customer contact centre answers a question (Open Klant)
//   demo-municipality reply CODE "text"     the webcare team replies on the public channel (Mastodon)
//   demo-municipality close CODE "text"     a report is handled, with a closing text (Signalen, Open311)
//   demo-municipality news [--urgent] "text"  a news status; urgent: pinned and tagged #crisis
//   demo-municipality list                  what reached the municipality, with each code
//
// The commands talk to the running server over the admin endpoint (POST /answer, /reply, /close, /news
// with a JSON body; GET /list). Exit codes as kioskctl's (kiosk::ExitCode): 4 when no item has the code,
// 6 for the configuration, 8 when the server does not answer.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "contract_server.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/error.hpp"
#include "kiosk/sync/refcode.hpp"

namespace {

using nlohmann::json;
using namespace kiosk;

// The demo credentials: the contract servers' defaults (sync_fixture.hpp uses the same).
constexpr const char* kSecrets =
    "format = 1\n[openklant]\ntoken = \"test-token-ok\"\n[open311]\napi_key = \"test-key-311\"\n"
    "[mastodon]\naccess_token = \"test-token-masto\"\n";

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop = true; }

int port_of(const std::string& base_url) {
  auto colon = base_url.rfind(':');
  if (colon == std::string::npos || base_url.compare(0, 17, "http://127.0.0.1:") != 0) return 0;
  return std::atoi(base_url.c_str() + colon + 1);
}

struct Municipality {
  std::unique_ptr<test::OpenKlantServer> openklant;
  std::unique_ptr<test::SignalenServer> signalen;
  std::unique_ptr<test::Open311Server> open311;
  std::unique_ptr<test::MastodonServer> mastodon;

  // The submission uuid of a reference, from what Open Klant stored (its objectId is the uuid).
  std::string uuid_of(const std::string& ref) {
    for (const auto& c : openklant->contacts())
      if (c.body.value("referentienummer", "") == ref.substr(0, 10)) return c.object_id;
    return {};
  }

  // Each returns how many items it changed (0: no item has that code).
  int answer(const std::string& ref, const std::string& text) {
    std::string uuid = uuid_of(ref);
    if (uuid.empty()) return 0;
    openklant->set_reactie(uuid, text);
    return 1;
  }
  int reply(const std::string& ref, const std::string& text) {
    std::string uuid = uuid_of(ref);
    int n = 0;
    for (const auto& s : mastodon->statuses())
      if (!uuid.empty() && s.idempotency_key == uuid) {
        mastodon->reply(s.id, text);
        ++n;
      }
    return n;
  }
  int close(const std::string& ref, const std::string& text) {
    int n = 0;
    const std::string grouped = refcode::group(ref);
    for (const auto& s : signalen->signals())
      for (const auto& p : s.body.value("extra_properties", json::array()))
        if (p.value("id", "") == "kiosk_referentie" && p.value("answer", "") == grouped) {
          signalen->set_state(s.uuid, "CLOSED", text);
          ++n;
        }
    for (const auto& r : open311->requests_stored()) {
      auto d = r.fields.find("description");
      if (d != r.fields.end() && d->second.find(grouped) != std::string::npos) {
        open311->set_status(r.id, "closed", text);
        ++n;
      }
    }
    return n;
  }
  json list() {
    json out = json::array();
    for (const auto& c : openklant->contacts())
      out.push_back({{"channel", "openklant"},
                     {"code", c.body.value("referentienummer", "")},
                     {"text", c.body.value("inhoud", "")},
                     {"answer", c.reactie}});
    for (const auto& s : signalen->signals()) {
      std::string code;
      for (const auto& p : s.body.value("extra_properties", json::array()))
        if (p.value("id", "") == "kiosk_referentie") code = p.value("answer", "");
      out.push_back({{"channel", "signalen"}, {"code", code}, {"text", s.body.value("text", "")}, {"state", s.state}});
    }
    for (const auto& r : open311->requests_stored()) {
      auto d = r.fields.find("description");
      out.push_back({{"channel", "open311"}, {"text", d == r.fields.end() ? "" : d->second}, {"state", r.status}});
    }
    for (const auto& s : mastodon->statuses())
      if (!s.idempotency_key.empty()) out.push_back({{"channel", "mastodon"}, {"text", s.text}});
    return out;
  }
};

// The admin page: four forms that post to the admin endpoint.
constexpr const char* kPage = R"html(<!doctype html><html lang="en"><meta charset="utf-8">
<title>Demo municipality</title><style>body{font-family:sans-serif;max-width:40em;margin:2em auto}
form{margin:1em 0;padding:1em;border:1px solid #ccc}input,textarea{width:100%;margin:.3em 0}</style>
<h1>Demo municipality</h1><p>Answer what the kiosk sent. The kiosk shows it after its next sync.</p>
<form data-act="answer"><h2>Answer a question (customer contact centre)</h2><input name="code" placeholder="DM-XXXX-XXXX"><textarea name="text"></textarea><button>Answer</button></form>
<form data-act="reply"><h2>Reply on the public channel (webcare)</h2><input name="code" placeholder="DM-XXXX-XXXX"><textarea name="text"></textarea><button>Reply</button></form>
<form data-act="close"><h2>Close a report as handled</h2><input name="code" placeholder="DM-XXXX-XXXX"><textarea name="text"></textarea><button>Close</button></form>
<form data-act="news"><h2>Publish news</h2><textarea name="text"></textarea><label><input type="checkbox" name="urgent" style="width:auto"> urgent (pinned, #crisis)</label><button>Publish</button></form>
<h2>Received</h2><pre id="list"></pre>
<script>
async function refresh(){document.getElementById('list').textContent=JSON.stringify(await (await fetch('/list')).json(),null,1)}
for(const f of document.forms)f.onsubmit=async e=>{e.preventDefault();const d=Object.fromEntries(new FormData(f));
d.urgent=!!d.urgent;const r=await fetch('/'+f.dataset.act,{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify(d)});
alert(await r.text());refresh()};refresh();
</script></html>)html";

int serve(const Config& config, int admin_port) {
  const auto& secrets = config.sync.secrets_file;
  if (!secrets.empty() && !std::filesystem::exists(secrets)) {
    std::filesystem::create_directories(secrets.parent_path());
    std::ofstream(secrets) << kSecrets;
    ::chmod(secrets.c_str(), 0600);
    fmt::print("demo-municipality: wrote the demo credentials to {}\n", secrets.string());
  }
  Municipality m;
  auto start = [&](const std::string& channel, auto make) {
    int port = port_of(config.channels.at(channel).base_url);
    if (port <= 0) throw std::runtime_error(channel + ": base_url is not http://127.0.0.1:PORT");
    test::ContractServer::listen_next_on(port);
    auto s = make();
    if (s->port() != port) throw std::runtime_error(fmt::format("{}: port {} is taken", channel, port));
    return s;
  };
  try {
    m.openklant = start("openklant", [] { return std::make_unique<test::OpenKlantServer>(); });
    m.signalen = start("signalen", [] { return std::make_unique<test::SignalenServer>(); });
    m.open311 = start("open311", [] { return std::make_unique<test::Open311Server>(); });
    m.mastodon = start("mastodon", [] { return std::make_unique<test::MastodonServer>(); });
  } catch (const std::exception& e) {
    fmt::print(stderr, "demo-municipality: {}\n", e.what());
    return as_int(ExitCode::config);
  }

  httplib::Server admin;
  std::mutex mu;
  auto act = [&](const char* what, auto fn) {
    admin.Post(std::string("/") + what, [&, what, fn](const httplib::Request& req, httplib::Response& res) {
      json body = json::parse(req.body, nullptr, false);
      if (!body.is_object() || !body.value("text", json()).is_string()) {
        res.status = 400;
        return res.set_content("a JSON object with \"text\" (and \"code\") is needed\n", "text/plain");
      }
      std::lock_guard lock(mu);
      int n = fn(body);
      res.status = n > 0 ? 200 : 404;
      res.set_content(n > 0 ? fmt::format("{}: done ({} item{})\n", what, n, n == 1 ? "" : "s")
                            : fmt::format("{}: no item with code {}\n", what, body.value("code", std::string())),
                      "text/plain");
    });
  };
  auto code_of = [](const json& b) -> std::string {
    auto r = refcode::normalize(b.value("code", std::string()));
    return r ? *r : std::string("-");
  };
  act("answer", [&](const json& b) { return m.answer(code_of(b), b["text"]); });
  act("reply", [&](const json& b) { return m.reply(code_of(b), b["text"]); });
  act("close", [&](const json& b) { return m.close(code_of(b), b["text"]); });
  act("news", [&](const json& b) {
    bool urgent = b.value("urgent", false);
    m.mastodon->post_news(b["text"], urgent, urgent ? std::vector<std::string>{"crisis"} : std::vector<std::string>{});
    return 1;
  });
  admin.Get("/list", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mu);
    res.set_content(m.list().dump(1), "application/json");
  });
  admin.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_content(kPage, "text/html"); });
  if (!admin.bind_to_port("127.0.0.1", admin_port)) {
    fmt::print(stderr, "demo-municipality: admin port {} is taken\n", admin_port);
    return as_int(ExitCode::config);
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::thread t([&] { admin.listen_after_bind(); });
  fmt::print("demo-municipality: Open Klant :{}, Signalen :{}, Open311 :{}, Mastodon :{}; admin http://127.0.0.1:{}/\n",
             m.openklant->port(), m.signalen->port(), m.open311->port(), m.mastodon->port(), admin_port);
  std::fflush(stdout);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  admin.stop();
  t.join();
  return 0;
}

int command(int admin_port, const std::string& what, const json& body) {
  httplib::Client c("127.0.0.1", admin_port);
  c.set_connection_timeout(3);
  auto r = what == "list" ? c.Get("/list") : c.Post("/" + what, body.dump(), "application/json");
  if (!r) {
    fmt::print(stderr, "demo-municipality: no demo municipality on 127.0.0.1:{} (start it with `serve`)\n", admin_port);
    return as_int(ExitCode::channel);
  }
  std::fputs(r->body.c_str(), r->status == 200 ? stdout : stderr);
  if (r->status == 404) return as_int(ExitCode::not_found);
  return r->status == 200 ? 0 : as_int(ExitCode::usage);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"demo-municipality: the demo kiosk's municipality on this machine (Open Klant, Signalen, Open311, "
               "Mastodon), answered by hand"};
  app.require_subcommand(1);
  int admin_port = 18080;
  app.add_option("--admin-port", admin_port, "The admin endpoint on 127.0.0.1")->capture_default_str();
  std::optional<std::filesystem::path> config_path;
  auto* serve_cmd = app.add_subcommand("serve", "Run the servers on the configuration's ports");
  serve_cmd->add_option("--config", config_path, "Kiosk configuration (TOML); else $KIOSK_CONFIG, else the demo");
  std::string code, text;
  bool urgent = false;
  for (auto [name, help] : {std::pair{"answer", "The customer contact centre answers a question (Open Klant)"},
                            std::pair{"reply", "The webcare team replies on the public channel (Mastodon)"},
                            std::pair{"close", "A report is handled, with a closing text (Signalen, Open311)"}}) {
    auto* c = app.add_subcommand(name, help);
    c->add_option("code", code, "The reference code on the receipt")->required();
    c->add_option("text", text, "The municipality's words")->required();
  }
  auto* news = app.add_subcommand("news", "Publish a news status on the municipality's account");
  news->add_flag("--urgent", urgent, "Pinned and tagged #crisis");
  news->add_option("text", text, "The news")->required();
  app.add_subcommand("list", "What reached the municipality");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : as_int(ExitCode::usage);
  }
  const std::string what = app.get_subcommands().front()->get_name();
  if (what == "serve") {
    auto config = resolve_config(config_path);
    if (!config) {
      fmt::print(stderr, "demo-municipality: {}\n", config.error().message);
      return as_int(ExitCode::config);
    }
    return serve(*config, admin_port);
  }
  return command(admin_port, what, {{"code", code}, {"text", text}, {"urgent", urgent}});
}
