// Tests for the engine itself: a dead channel does not hold up the others, the circuit opens after
// repeated failures, backoff with jitter stays in its bounds, dry runs send and change nothing (and
// print no secrets), and only one sync runs at a time.
#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/sent_journal.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "sync_fixture.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {

// A port that accepts connections (kernel backlog) but never answers: requests time out.
class BlackHole {
 public:
  BlackHole() {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(m_fd, 64);
    socklen_t len = sizeof a;
    ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len);
    m_port = ntohs(a.sin_port);
  }
  ~BlackHole() { ::close(m_fd); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

 private:
  int m_fd = -1;
  int m_port = 0;
};

// A world with only Open Klant enabled, on a fake clock; the test opens the outbox with `opts`.
struct OpenKlantOnly {
  test::TempDir dir;
  test::SyncWorld world;
  FakeClock clock{1767258000000};
  Config config = only_openklant(world.config(dir / "outbox.sqlite"));
  OutboxOptions opts = test::outbox_options_for(config, &clock);

  static Config only_openklant(Config c) {
    for (auto& [n, ch] : c.channels) ch.enabled = n == "openklant";
    return c;
  }
  static Submission question() {
    Submission q = test::sample_question();
    q.channels = {"openklant"};
    return q;
  }
};

struct Fixture {
  test::TempDir dir;
  test::SyncWorld world;
  FakeClock clock{1767258000000};
  Config config = world.config(dir / "outbox.sqlite");
  Outbox box = Outbox::open(test::outbox_options_for(config, &clock)).value();
  CurlTransport transport;
};

}  // namespace

TEST(engine_test, an_unreachable_channel_does_not_delay_the_others) {
  Fixture f;
  BlackHole hole;
  f.config.channels["open311"].enabled = false;
  f.config.channels["signalen"].base_url = hole.url();
  f.config.channels["signalen"].timeout_s = 5;
  for (auto& [n, c] : f.config.channels) c.batch_count = 5;
  for (int i = 0; i < 30; ++i) {
    Submission q = test::sample_question();
    q.text += " " + std::to_string(i);
    ASSERT_TRUE(f.box.submit(q).ok());
    Submission r = test::sample_report();
    r.category = "afval/container-is-vol";
    ASSERT_TRUE(f.box.submit(r).ok());
  }
  Engine engine(f.config, f.world.secrets, f.box, f.transport, f.clock, test::fast_engine());
  bool others_done_before_dead_failed = false, seen_dead_failure = false;
  engine.on_progress([&](const RunReport& r) {
    if (seen_dead_failure) return;
    if (r.find("signalen")->retried > 0) {
      seen_dead_failure = true;
      others_done_before_dead_failed = r.find("openklant")->delivered == 30 && r.find("mastodon")->delivered == 30;
    }
  });
  auto rep = engine.run_once();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_TRUE(seen_dead_failure);
  EXPECT_TRUE(others_done_before_dead_failed);
  EXPECT_EQ(rep->find("openklant")->delivered, 30u);
  EXPECT_EQ(rep->find("mastodon")->delivered, 30u);
  EXPECT_EQ(rep->find("signalen")->delivered, 0u);
  EXPECT_EQ(rep->find("signalen")->retried, 5u);  // one batch, then backoff
  EXPECT_NE(rep->find("signalen")->last_error.find("timeout"), std::string::npos) << rep->find("signalen")->last_error;
}

TEST(engine_test, circuit_opens_after_repeated_failures_and_closes_on_success) {
  Fixture f;
  for (auto n : {"signalen", "open311", "mastodon"}) f.config.channels[n].enabled = false;
  ASSERT_TRUE(f.box.submit(test::sample_question()).ok());
  test::Faults down;
  down.error500 = 1.0;
  f.world.openklant->set_faults(down);
  EngineOptions o = test::fast_engine();
  for (int i = 0; i < 3; ++i) {
    Engine e(f.config, f.world.secrets, f.box, f.transport, f.clock, o);
    ASSERT_TRUE(e.run_once().ok());
    f.clock.advance(10'000);
  }
  auto st = f.box.channel_state("openklant");
  EXPECT_EQ(st->circuit, CircuitState::open);
  EXPECT_EQ(st->failures, 3);
  EXPECT_NE(st->last_error.find("HTTP 500"), std::string::npos);
  f.world.openklant->set_faults({});
  f.clock.advance(10'000);
  Engine e(f.config, f.world.secrets, f.box, f.transport, f.clock, o);
  auto rep = e.run_once();
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->find("openklant")->delivered, 1u);  // the half-open probe
  EXPECT_EQ(f.box.channel_state("openklant")->circuit, CircuitState::closed);
}

// A run that ended (or was killed) during a half-open probe leaves "half_open" on disk; the next run
// must probe with one delivery again, not send a full batch to a channel that was failing.
TEST(engine_test, a_probe_left_half_open_by_an_earlier_run_counts_as_open) {
  Fixture f;
  for (auto n : {"signalen", "open311", "mastodon"}) f.config.channels[n].enabled = false;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(f.box.submit(test::sample_question()).ok());
  ChannelState left;
  left.channel = "openklant";
  left.circuit = CircuitState::half_open;
  left.failures = 3;
  left.last_error = "HTTP 500";
  ASSERT_TRUE(f.box.save_channel_state(left).ok());
  EngineOptions o = test::fast_engine();
  o.max_rounds = 1;
  Engine e(f.config, f.world.secrets, f.box, f.transport, f.clock, o);
  auto rep = e.run_once();
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->find("openklant")->delivered, 1u);  // the probe only
  EXPECT_EQ(f.box.channel_state("openklant")->circuit, CircuitState::closed);
}

TEST(engine_test, backoff_grows_with_equal_jitter_within_bounds) {
  for (std::uint64_t r : {0ull, 1ull, 999999ull, 123456789ull}) {
    EXPECT_GE(backoff_ms(1, 1000, 60000, r), 500);
    EXPECT_LE(backoff_ms(1, 1000, 60000, r), 1000);
    EXPECT_GE(backoff_ms(4, 1000, 60000, r), 4000);
    EXPECT_LE(backoff_ms(4, 1000, 60000, r), 8000);
    EXPECT_LE(backoff_ms(40, 1000, 60000, r), 60000);
    EXPECT_GE(backoff_ms(40, 1000, 60000, r), 30000);
  }
}

TEST(engine_test, dry_run_sends_nothing_changes_nothing_and_masks_secrets) {
  Fixture f;
  ASSERT_TRUE(f.box.submit(test::sample_question()).ok());
  Submission r = test::sample_report();
  r.category = "afval/container-is-vol";
  r.channels = {"open311"};
  ASSERT_TRUE(f.box.submit(r).ok());
  EngineOptions o = test::fast_engine();
  o.dry_run = true;
  Engine e(f.config, f.world.secrets, f.box, f.transport, f.clock, o);
  auto rep = e.run_once();
  ASSERT_TRUE(rep.ok());
  ASSERT_EQ(rep->dry_run.size(), 3u);  // openklant, mastodon, open311
  for (const auto& d : rep->dry_run) {
    for (const auto& [k, v] : d.request.headers) {
      EXPECT_EQ(v.find("test-token"), std::string::npos) << k;
    }
    EXPECT_EQ(d.request.body.find("test-key-311"), std::string::npos);
  }
  EXPECT_EQ(f.world.openklant->requests() + f.world.mastodon->requests() + f.world.open311->requests(), 0);
  auto st = f.box.stats();
  EXPECT_EQ(st->deliveries["openklant"]["pending"], 1);
  EXPECT_EQ(st->deliveries["open311"]["pending"], 1);
}

TEST(engine_test, only_one_sync_runs_at_a_time) {
  Fixture f;
  auto lock = std::filesystem::path(f.config.storage.outbox.string() + ".sync-lock");
  pid_t pid = fork();
  if (pid == 0) {
    int fd = ::open(lock.c_str(), O_CREAT | O_RDWR, 0600);
    flock(fd, LOCK_EX);
    ::sleep(3);
    _exit(0);
  }
  ::usleep(300'000);
  Engine e(f.config, f.world.secrets, f.box, f.transport, f.clock, test::fast_engine());
  auto rep = e.run_once();
  ASSERT_FALSE(rep.ok());
  EXPECT_EQ(rep.error().code, Errc::db_busy);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
}

// A claim lost with a crashed run waits out the grace once (the request may still sit in a server
// queue), then is looked up and sent; deferring must not restart its own clock.
TEST(engine_test, a_lost_claim_waits_out_the_grace_once_then_is_looked_up_and_sent) {
  OpenKlantOnly f;
  auto& [dir, world, clock, config, opts] = f;
  opts.in_flight_lease_ms = 1000;
  auto box = Outbox::open(opts);
  ASSERT_TRUE(box.ok()) << box.error().message;
  ASSERT_TRUE(box->submit(f.question()).ok());
  // A run claims it and dies before any answer (nothing reached the server here).
  ASSERT_EQ(box->claim_due("openklant", 10, 1 << 20)->size(), 1u);

  CurlTransport transport;
  EngineOptions eo = test::fast_engine();
  eo.uncertain_grace_ms = 5000;
  eo.refresh = false;
  eo.poll_status = false;
  clock.advance(1500);  // the lease is over; the grace (5 s after the claim) is not
  {
    Engine engine(config, world.secrets, *box, transport, clock, eo);
    auto rep = engine.run_once();
    ASSERT_TRUE(rep.ok()) << rep.error().message;
    EXPECT_EQ(rep->find("openklant")->delivered, 0u);
    EXPECT_EQ(rep->find("openklant")->looked_up, 0u);
  }
  clock.advance(4000);  // 5.5 s after the claim: the grace is over, whatever the deferral wrote
  {
    Engine engine(config, world.secrets, *box, transport, clock, eo);
    auto rep = engine.run_once();
    ASSERT_TRUE(rep.ok()) << rep.error().message;
    EXPECT_EQ(rep->find("openklant")->looked_up, 1u);
    EXPECT_EQ(rep->find("openklant")->delivered, 1u);
  }
  EXPECT_EQ(world.openklant->contacts().size(), 1u);
}

namespace {

// Runs the engine's jobs (the log flush) with no file descriptor to spare, so that opening the log to
// flush it fails, as it would on a failing disk; requests go to the fake.
class NoDescriptorsForJobs final : public Transport {
 public:
  explicit NoDescriptorsForJobs(FakeTransport& inner) : m_inner(inner) {}
  void start(std::vector<HttpRequest> requests, Completion done) override {
    m_inner.start(std::move(requests), std::move(done));
  }
  void run(int max_wait_ms) override { m_inner.run(max_wait_ms); }
  void start_job(std::function<void()> job, std::function<void()> done) override {
    m_inner.start_job(
        [job = std::move(job), this] {
          rlimit old{};
          ::getrlimit(RLIMIT_NOFILE, &old);
          int lowest_free = ::dup(0);
          ::close(lowest_free);
          rlimit none = old;
          none.rlim_cur = static_cast<rlim_t>(lowest_free);
          ::setrlimit(RLIMIT_NOFILE, &none);
          job();
          ::setrlimit(RLIMIT_NOFILE, &old);
          ++jobs;
        },
        std::move(done));
  }
  std::size_t pending() const override { return m_inner.pending(); }
  int jobs = 0;

 private:
  FakeTransport& m_inner;
};

}  // namespace

// A claim must be on disk before its request leaves. When the log cannot be flushed nothing is sent,
// and the claims go back at once as unsent retries: left in flight, they would come back after the
// lease as a dead run's lost claims (a needless lookup, or on Signalen a false "answer lost" park).
TEST(engine_test, claims_go_back_unsent_when_the_log_cannot_be_flushed) {
  OpenKlantOnly f;
  auto& [dir, world, clock, config, opts] = f;
  opts.defer_fsync = true;
  auto box = Outbox::open(opts);
  ASSERT_TRUE(box.ok()) << box.error().message;
  auto receipt = box->submit(f.question());
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;

  FakeTransport fake([](const HttpRequest&) -> HttpResult { return make_error(Errc::network, "not expected"); });
  NoDescriptorsForJobs transport(fake);
  EngineOptions eo = test::fast_engine();
  eo.refresh = false;
  eo.poll_status = false;
  Engine engine(config, world.secrets, *box, transport, clock, eo);
  auto rep = engine.run_once();
  EXPECT_GE(transport.jobs, 1);
  EXPECT_TRUE(fake.sent().empty()) << "a request left before its claim was on disk";
  // The run itself fails with the reason (its final flush fails too: a failed flush stays failed).
  ASSERT_FALSE(rep.ok());
  EXPECT_NE(rep.error().message.find("to disk"), std::string::npos) << rep.error().message;

  auto found = box->find(receipt->uuid);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->deliveries.size(), 1u);
  const auto& d = found->deliveries[0];
  EXPECT_EQ(d.state, DeliveryState::retry) << delivery_state_name(d.state);
  EXPECT_NE(d.last_error.find("to disk"), std::string::npos) << d.last_error;
  // Due again after its backoff as a plain retry: nothing was sent, so nothing can have arrived.
  clock.advance(60'000);
  auto again = box->claim_due("openklant", 10, 1 << 20);
  ASSERT_TRUE(again.ok()) << again.error().message;
  ASSERT_EQ(again->size(), 1u);
  EXPECT_FALSE((*again)[0].lost_claim);
  EXPECT_FALSE((*again)[0].uncertain);
}

namespace {

// A world with only Signalen enabled (no lookup: a possibly sent report can only be parked).
struct SignalenOnly {
  test::TempDir dir;
  test::SyncWorld world;
  FakeClock clock{1767258000000};
  Config config = only_signalen(world.config(dir / "outbox.sqlite"));
  OutboxOptions opts = test::outbox_options_for(config, &clock);

  static Config only_signalen(Config c) {
    for (auto& [n, ch] : c.channels) ch.enabled = n == "signalen";
    return c;
  }
  static Submission report(int i) {
    Submission r = test::sample_report();
    r.text += " (" + std::to_string(i) + ")";
    r.category = "afval/container-is-vol";  // one the contract server's Signalen knows
    r.channels = {"signalen"};
    return r;
  }
  std::filesystem::path journal() const { return dir / "outbox.sqlite.sent-journal"; }
};

}  // namespace

// A run died holding three claims; its journal shows it handed one to a connection. The next run
// (same boot) takes all three back at its start without waiting for the lease: the two that never
// left go out at once, the one that may have arrived waits to be asked about (here: parked later).
TEST(engine_test, a_dead_runs_claims_that_never_left_go_out_at_once) {
  SignalenOnly f;
  auto box = Outbox::open(f.opts);
  ASSERT_TRUE(box.ok()) << box.error().message;
  std::vector<Receipt> receipts;
  for (int i = 0; i < 3; ++i) receipts.push_back(box->submit(f.report(i)).value());
  box->set_claim_run(77);
  auto claimed = box->claim_due("signalen", 10, 1 << 20);
  ASSERT_EQ(claimed->size(), 3u);
  {
    auto j = SentJournal::start(f.journal(), 77, "boot-a");
    ASSERT_TRUE(j.ok());
    ASSERT_TRUE(j->record("signalen", {(*claimed)[0].row_id}));
  }
  box->set_claim_run(0);

  CurlTransport transport;
  EngineOptions eo = test::fast_engine();
  eo.uncertain_grace_ms = 60'000;
  eo.refresh = false;
  eo.poll_status = false;
  eo.boot_id = "boot-a";
  Engine engine(f.config, f.world.secrets, *box, transport, f.clock, eo);
  auto rep = engine.run_once();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  const ChannelReport* sig = rep->find("signalen");
  EXPECT_EQ(sig->taken_back_unsent, 2u);
  EXPECT_EQ(sig->taken_back_uncertain, 1u);
  EXPECT_EQ(sig->delivered, 2u);
  EXPECT_EQ(f.world.signalen->signals().size(), 2u);
  auto first = box->find(receipts[0].uuid);
  EXPECT_EQ(first->deliveries[0].state, DeliveryState::retry);
  for (int i : {1, 2}) EXPECT_EQ(box->find(receipts[i].uuid)->deliveries[0].state, DeliveryState::delivered);
  // This run's own journal replaced the dead run's.
  EXPECT_NE(SentJournal::read(f.journal()).run_id, 77);
  EXPECT_EQ(SentJournal::read(f.journal()).sent.size(), 2u);
}

// After a power cut (another boot) the journal may have lost its last records: it proves nothing,
// and every claim counts as possibly sent; nothing is sent again.
TEST(engine_test, after_a_new_boot_every_dead_claim_may_have_left) {
  SignalenOnly f;
  auto box = Outbox::open(f.opts);
  ASSERT_TRUE(box.ok()) << box.error().message;
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(box->submit(f.report(i)).ok());
  box->set_claim_run(78);
  ASSERT_EQ(box->claim_due("signalen", 10, 1 << 20)->size(), 2u);
  ASSERT_TRUE(SentJournal::start(f.journal(), 78, "boot-a").ok());

  CurlTransport transport;
  EngineOptions eo = test::fast_engine();
  eo.uncertain_grace_ms = 60'000;
  eo.refresh = false;
  eo.poll_status = false;
  eo.boot_id = "boot-b";
  Engine engine(f.config, f.world.secrets, *box, transport, f.clock, eo);
  auto rep = engine.run_once();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->find("signalen")->taken_back_unsent, 0u);
  EXPECT_EQ(rep->find("signalen")->taken_back_uncertain, 2u);
  EXPECT_TRUE(f.world.signalen->signals().empty());
}

namespace {

// The real adapter, except that reading the answer for one reference throws as nlohmann does on a
// null where a string was expected.
class ThrowsOnOneAnswer final : public Channel {
 public:
  ThrowsOnOneAnswer(std::unique_ptr<Channel> inner, std::string reference)
      : Channel(ChannelEnv{}, inner->config()), m_inner(std::move(inner)), m_reference(std::move(reference)) {}
  std::vector<Unit> plan(const std::vector<DueDelivery>& due, std::int64_t now_ms) override {
    return m_inner->plan(due, now_ms);
  }
  Result<std::vector<HttpRequest>> build(const Unit& u) override { return m_inner->build(u); }
  SendResult interpret(const Unit& u, const std::vector<HttpResult>& rs) override {
    if (u.first().submission.reference == m_reference) (void)nlohmann::json(nullptr).get<std::string>();
    return m_inner->interpret(u, rs);
  }
  SendResult finish(const Unit& u, SendResult first, const std::vector<HttpResult>& rs) override {
    return m_inner->finish(u, std::move(first), rs);
  }
  std::optional<HttpRequest> build_lookup(const Unit& u) override { return m_inner->build_lookup(u); }
  LookupResult interpret_lookup(const Unit& u, const HttpResult& r) override { return m_inner->interpret_lookup(u, r); }
  bool resend_unverifiable() const override { return m_inner->resend_unverifiable(); }
  std::string send_tag(const Unit& u) const override { return m_inner->send_tag(u); }
  std::vector<HttpRequest> build_probe() override { return m_inner->build_probe(); }
  std::string interpret_probe(const std::vector<HttpResult>& rs) override { return m_inner->interpret_probe(rs); }

 private:
  std::unique_ptr<Channel> m_inner;
  std::string m_reference;
};

}  // namespace

// One answer the adapter cannot read costs that delivery (an uncertain retry, looked up before any
// resend), not the run: the rest of the batch and the other channels are delivered.
TEST(engine_test, an_answer_the_adapter_cannot_read_costs_one_delivery_not_the_run) {
  Fixture f;
  f.config.channels["open311"].enabled = false;
  std::vector<Receipt> receipts;
  for (int i = 0; i < 3; ++i) {
    Submission q = test::sample_question();
    q.text += " " + std::to_string(i);
    q.channels = {"openklant"};
    receipts.push_back(f.box.submit(q).value());
  }
  Submission r = test::sample_report();
  r.category = "afval/container-is-vol";
  r.channels = {"signalen"};
  auto report = f.box.submit(r).value();
  EngineOptions eo = test::fast_engine();
  eo.uncertain_grace_ms = 60'000;
  eo.refresh = false;
  eo.poll_status = false;
  const std::string odd = receipts[1].reference;
  eo.channel_factory = [&](const ChannelEnv& env, const ChannelConfig& cfg) -> std::unique_ptr<Channel> {
    auto real = make_channel(env, cfg);
    if (cfg.name != "openklant") return real;
    return std::make_unique<ThrowsOnOneAnswer>(std::move(real), odd);
  };
  Engine engine(f.config, f.world.secrets, f.box, f.transport, f.clock, eo);
  auto rep = engine.run_once();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->find("openklant")->delivered, 2u);
  EXPECT_EQ(rep->find("openklant")->unreadable, 1u);
  EXPECT_EQ(rep->find("signalen")->delivered, 1u);
  auto d = f.box.find(receipts[1].uuid)->deliveries[0];
  EXPECT_EQ(d.state, DeliveryState::retry);
  EXPECT_NE(d.last_error.find("could not be read"), std::string::npos) << d.last_error;
  // It did arrive: the next attempt asks first and finds it, instead of sending it twice.
  f.clock.advance(120'000);
  Engine again(f.config, f.world.secrets, f.box, f.transport, f.clock, test::fast_engine());
  auto rep2 = again.run_once();
  ASSERT_TRUE(rep2.ok()) << rep2.error().message;
  EXPECT_EQ(rep2->find("openklant")->found_remote, 1u);
  EXPECT_EQ(f.world.openklant->count_by_object_id()[receipts[1].uuid], 1);
}

namespace {

// A real transport whose first start() throws, as code outside the adapters might (out of memory).
class ThrowsOnFirstStart final : public Transport {
 public:
  void start(std::vector<HttpRequest> requests, Completion done) override {
    if (!m_thrown) {
      m_thrown = true;
      throw std::runtime_error("injected");
    }
    m_inner.start(std::move(requests), std::move(done));
  }
  void run(int max_wait_ms) override { m_inner.run(max_wait_ms); }
  void start_job(std::function<void()> job, std::function<void()> done) override {
    m_inner.start_job(std::move(job), std::move(done));
  }
  std::size_t pending() const override { return m_inner.pending(); }

 private:
  CurlTransport m_inner;
  bool m_thrown = false;
};

}  // namespace

// Nothing thrown inside a run leaves run_once, and the engine lets its worker jobs finish before it
// goes (a job left behind once used a destroyed engine: SIGSEGV).
TEST(engine_test, nothing_thrown_inside_a_run_escapes_and_no_job_outlives_the_engine) {
  Fixture f;
  f.config.channels["open311"].enabled = false;
  OutboxOptions o = test::outbox_options_for(f.config, &f.clock);
  o.defer_fsync = true;  // claims are flushed by worker jobs
  auto box = Outbox::open(o);
  ASSERT_TRUE(box.ok());
  for (int i = 0; i < 5; ++i) {
    Submission q = test::sample_question();
    q.channels = {"openklant", "signalen"};
    ASSERT_TRUE(box->submit(q).ok());
  }
  ThrowsOnFirstStart transport;
  EngineOptions eo = test::fast_engine();
  eo.refresh = false;
  eo.poll_status = false;
  {
    Engine engine(f.config, f.world.secrets, *box, transport, f.clock, eo);
    Result<RunReport> rep = make_error(Errc::io, "");
    EXPECT_NO_THROW(rep = engine.run_once());
    ASSERT_FALSE(rep.ok());
    EXPECT_NE(rep.error().message.find("injected"), std::string::npos) << rep.error().message;
  }
  EXPECT_EQ(transport.pending(), 0u);
  // The next run takes back whatever the failed run held and delivers everything.
  EngineOptions eo2 = eo;
  eo2.uncertain_grace_ms = 0;
  Engine engine(f.config, f.world.secrets, *box, transport, f.clock, eo2);
  auto rep = engine.run_once();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  auto st = box->stats().value();
  EXPECT_EQ(st.deliveries["openklant"]["delivered"], 5);
}
