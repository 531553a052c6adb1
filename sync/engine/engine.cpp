// The sync engine (see engine.hpp for the run, the circuit per channel and the delivery rules).
// Each channel runs as its own lane of rounds over the shared Transport: a lane's next round starts
// as soon as its previous one is recorded, whatever the other lanes are waiting for.
#include "kiosk/sync/engine.hpp"

#include "kiosk/sync/circuit.hpp"
#include "kiosk/sync/scrubber.hpp"
#include "kiosk/sync/sent_journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <new>
#include <random>

namespace kiosk {

std::int64_t backoff_ms(int failures, std::int64_t base_ms, std::int64_t max_ms, std::uint64_t random) {
  std::int64_t d = std::max<std::int64_t>(1, base_ms);
  for (int i = 1; i < failures && d < max_ms; ++i) d *= 2;
  d = std::min(d, max_ms);
  return d / 2 + static_cast<std::int64_t>(random % static_cast<std::uint64_t>(d / 2 + 1));
}

namespace {

// Keeps one sync process at a time per outbox (the service, `kioskctl sync`, a test child).
class RunLock {
 public:
  explicit RunLock(const std::filesystem::path& file) {
    m_fd = ::open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    if (m_fd >= 0 && ::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(m_fd);
      m_fd = -2;
    }
  }
  ~RunLock() {
    if (m_fd >= 0) ::close(m_fd);
  }
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;
  bool busy() const { return m_fd == -2; }
  bool failed() const { return m_fd == -1; }

 private:
  int m_fd = -1;
};

// A channel runs `lanes_per_channel` lanes that share its state: while one lane's batch is on the
// wire, another claims, builds or records, so the outbox's work overlaps the network's.
struct Lane {
  Channel* ch = nullptr;
  std::size_t report = 0;  // index into RunReport::channels
  int slot = 0;            // 0: the lane that refreshes, probes a half-open circuit and polls status
  ChannelState* state = nullptr;
  // A paced channel's rows claimed by its lanes and not yet counted in state->sent_times (shared by the
  // channel's lanes), and this lane's part of them: pacing counts a claim before its posts are sent.
  std::size_t* channel_claims = nullptr;
  std::size_t claims = 0;
  int rounds = 0;
  bool done = false;
  bool half_open = false;
  // The current round.
  std::vector<DueDelivery> due;
  std::vector<Unit> units;
  std::vector<SendResult> results;  // per unit (for follow-ups)
  std::vector<DeliveryUpdate> updates;
  bool any_success = false;
  bool any_failure = false;
  std::int64_t server_not_before = 0;
  std::string round_error;
};

// Runs an adapter call. Adapters read what servers send; whatever one throws is kept here as `why`
// (false), so that one odd answer costs one delivery, lookup, poll or refresh and never the run.
template <class F>
bool contained(F&& f, std::string& why) noexcept {
  try {
    f();
    return true;
  } catch (const std::bad_alloc&) {
    why = "out of memory";
  } catch (const std::exception& e) {
    why = e.what();
  } catch (...) {
    why = "unknown error";
  }
  return false;
}

std::int64_t new_run_id() {
  std::random_device rd;
  std::uint64_t id = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  return static_cast<std::int64_t>(id >> 1) | 1;  // positive, never 0
}

std::string mask(std::string s, const Secrets& secrets) {
  for (const auto& [channel, secret] : secrets.by_channel) {
    if (secret.empty()) continue;
    for (const std::string& form : {secret, url_encode(secret)})
      for (auto pos = s.find(form); pos != std::string::npos; pos = s.find(form, pos + 3))
        s.replace(pos, form.size(), "***");
  }
  return s;
}

}  // namespace

struct Engine::Impl {
  const Config& config;
  const Secrets& secrets;
  Outbox& outbox;
  Transport& transport;
  const Clock& clock;
  EngineOptions opt;
  CategoryTree tree;
  std::mt19937_64 rng;
  std::vector<std::unique_ptr<Channel>> channels;
  std::function<void(const RunReport&)> progress;
  RunReport report;
  std::vector<std::unique_ptr<Lane>> lanes;
  std::vector<std::unique_ptr<ChannelState>> states;
  std::vector<std::unique_ptr<std::size_t>> claims;  // per channel: see Lane::channel_claims
  SentJournal journal;  // this run's sends (closed: none are journalled, and none proven unsent later)

  Impl(const Config& c, const Secrets& s, Outbox& o, Transport& t, const Clock& k, EngineOptions e)
      : config(c), secrets(s), outbox(o), transport(t), clock(k), opt(std::move(e)) {}

  std::int64_t now() const { return clock.now_ms(); }
  ChannelReport& rep(Lane& l) { return report.channels[l.report]; }

  // How many POSTs pacing allows now (SIZE_MAX: no pacing).
  std::size_t pacing_budget(Lane& l, std::int64_t t) {
    int pph = l.ch->posts_per_hour();
    if (pph <= 0) return SIZE_MAX;
    auto& times = l.state->sent_times;
    std::erase_if(times, [&](std::int64_t x) { return x <= t - 3600'000; });
    // Claimed by the channel's lanes but not yet sent: as good as sent now.
    const std::size_t claimed = *l.channel_claims;
    const std::size_t used = times.size() + claimed;
    std::size_t left = used >= static_cast<std::size_t>(pph) ? 0 : static_cast<std::size_t>(pph) - used;
    std::int64_t spacing = 3600'000 / pph;
    std::int64_t last = times.empty() ? 0 : *std::max_element(times.begin(), times.end());
    // Posts allowed by the spacing since the last one, less those the lanes have claimed meanwhile.
    const auto allowed =
        static_cast<std::size_t>(std::max<std::int64_t>(0, (t - last) / std::max<std::int64_t>(1, spacing)));
    std::size_t spaced = last == 0 ? left : allowed > claimed ? allowed - claimed : 0;
    return std::min(left, spaced);
  }

  // Any circuit -> closed.
  void on_round_success(Lane& l, std::int64_t t) {
    l.state->failures = 0;
    l.state->circuit = circuit::succeeded(l.state->circuit);
    l.state->last_success_ms = t;
    l.state->last_error = l.round_error;
    l.state->not_before_ms = std::max<std::int64_t>(0, l.server_not_before);
  }

  // closed -> closed with backoff, closed -> open at the threshold, half_open -> open (this lane's probe
  // failed, whatever another lane's round did to the circuit meanwhile).
  void on_round_failure(Lane& l, std::int64_t t) {
    ++l.state->failures;
    std::int64_t wait = backoff_ms(l.state->failures, opt.backoff_base_ms, opt.backoff_max_ms, rng());
    l.state->not_before_ms = std::max(t + wait, l.server_not_before);
    l.state->circuit = circuit::failed(l.half_open ? CircuitState::half_open : l.state->circuit, l.state->failures,
                                       opt.circuit_threshold);
    l.state->last_error = l.round_error;
  }

  // Whether a lane may start a round now; sets the report's `skipped` when not.
  bool ready_for_round(Lane& l, std::int64_t t) {
    l.half_open = false;
    if (l.slot > 0 && l.state->circuit != CircuitState::closed) return false;  // one probe at a time
    if (!opt.ignore_backoff && t < l.state->not_before_ms) {
      bool open = l.state->circuit == CircuitState::open;
      rep(l).skipped = (open ? "circuit open" : "backing off") + std::string(" until ") +
                       format_utc(l.state->not_before_ms) +
                       (l.state->last_error.empty() ? "" : " (" + l.state->last_error + ")");
      rep(l).wait = open ? Wait::circuit_open : Wait::backoff;
      rep(l).wait_until_ms = l.state->not_before_ms;
      rep(l).failures = l.state->failures;
      return false;
    }
    l.half_open = l.state->circuit == CircuitState::open;  // this lane sends the probe
    l.state->circuit = circuit::probe(l.state->circuit);
    return true;
  }

  void apply(Lane& l, const Unit& u, const SendResult& sr) {
    auto& r = rep(l);
    // A server's error text may quote what the citizen sent (a 422 naming the e-mail address): it is scrubbed
    // before it is stored in the outbox (deliveries.last_error, parked_reason, channel_state.last_error).
    const std::string error = scrub_personal_data(sr.error).text;
    for (const DueDelivery* d : u.members) {
      DeliveryUpdate up;
      up.row_id = d->row_id;
      up.channel = d->channel;
      up.state = sr.state;
      up.remote_id = sr.remote_id;
      up.remote_display = sr.remote_display;
      up.error = error;
      up.uncertain = sr.uncertain;
      if (sr.state == DeliveryState::retry) {
        up.next_attempt_ms = now() + backoff_ms(d->attempts + 1, opt.backoff_base_ms, opt.backoff_max_ms, rng());
        if (sr.uncertain) up.next_attempt_ms = std::max(up.next_attempt_ms, now() + opt.uncertain_grace_ms);
      }
      l.updates.push_back(std::move(up));
    }
    std::size_t n = u.members.size();
    switch (sr.state) {
      case DeliveryState::delivered:
        r.delivered += n;
        l.any_success = true;
        break;
      case DeliveryState::parked:
        r.parked += n;
        r.last_error = error;
        // A permanent refusal is an answer: the channel itself works.
        l.any_success = true;
        break;
      default:
        r.retried += n;
        r.last_error = error;
        l.round_error = error;
        if (sr.channel_failure) l.any_failure = true;
        l.server_not_before = std::max(l.server_not_before, sr.not_before_ms);
        break;
    }
  }

  void count_traffic(Lane& l, const std::vector<HttpResult>& rs) {
    auto& r = rep(l);
    r.requests += rs.size();
    for (const auto& x : rs)
      if (x) {
        r.bytes_sent += x->bytes_sent;
        r.bytes_received += x->bytes_received;
      }
  }

  // An answer the adapter could not read: it did answer, so the request may have been taken.
  SendResult unreadable(Lane& l, std::string_view what, const std::string& why) {
    ++rep(l).unreadable;
    SendResult sr;
    sr.uncertain = true;
    sr.error = std::string(l.ch->name()) + "'s answer to " + std::string(what) + " could not be read (" + why +
               "); the server is asked whether it arrived before it is sent again. If this repeats, the server "
               "answers outside its published API: report it to the municipality's supplier";
    return sr;
  }

  // How many deliveries the lane's next round may claim now; 0 when the lane is done (the report
  // says why where there is a reason: backing off, circuit open, paced).
  std::size_t next_claim_count(Lane& l, std::int64_t t) {
    if (l.rounds >= opt.max_rounds) return 0;
    if (!ready_for_round(l, t)) return 0;
    std::size_t budget = pacing_budget(l, t);
    if (budget == 0) {
      rep(l).skipped = "paced: at most " + std::to_string(l.ch->posts_per_hour()) + " posts per hour";
      rep(l).wait = Wait::paced;
      rep(l).wait_until_ms = paced_until(l.state->sent_times, l.ch->posts_per_hour(), t);
      return 0;
    }
    std::size_t batch = static_cast<std::size_t>(std::max(1, l.ch->config().batch_count));
    return l.half_open ? 1 : std::min(batch, budget);
  }

  std::size_t batch_bytes(Lane& l) const {
    return static_cast<std::size_t>(std::max<std::int64_t>(1, l.ch->config().batch_bytes));
  }

  // Calls `then` once everything committed so far is on disk: at once where the outbox syncs each
  // commit itself, otherwise after a flush of its log on the transport's worker thread, while the
  // other lanes' answers keep being read.
  void when_durable(std::function<void(Result<void>)> then) {
    if (!outbox.defers_fsync()) return then(Result<void>{});
    auto result = std::make_shared<Result<void>>();
    transport.start_job([this, result] { *result = outbox.flush_wal(); },
                        [result, then = std::move(then)] { then(std::move(*result)); });
  }

  // A claim is durable before anything of it is sent: after a crash or power cut, the claim (not a
  // pending row) is what makes the engine ask the server before sending again.
  void claimed(Lane& l, Result<std::vector<DueDelivery>> due, std::int64_t t) {
    if (!due || due->empty()) return begin_round(l, std::move(due), t);
    auto held = std::make_shared<Result<std::vector<DueDelivery>>>(std::move(due));
    when_durable([this, &l, held, t](Result<void> ok) {
      if (!ok) return hand_back_claims(l, **held, ok.error(), t);
      begin_round(l, std::move(*held), t);
    });
  }

  // Claims that could not be made durable are not sent. Hand them back now rather than let them look
  // like a dead run's lost claims after the lease (a needless lookup, or a false park on Signalen).
  void hand_back_claims(Lane& l, const std::vector<DueDelivery>& claims, const Error& why, std::int64_t t) {
    std::vector<DeliveryUpdate> back;
    for (const DueDelivery& d : claims) back.push_back(unsent(d, why.message));
    (void)outbox.record(back);
    begin_round(l, why, t);
  }

  // A claimed delivery handed back unsent: due again after a backoff, as uncertain as it was.
  DeliveryUpdate unsent(const DueDelivery& d, const std::string& error) {
    std::int64_t next = now() + backoff_ms(d.attempts + 1, opt.backoff_base_ms, opt.backoff_max_ms, rng());
    if (d.uncertain) next = std::max(next, now() + opt.uncertain_grace_ms);
    return DeliveryUpdate{d.row_id, d.channel, DeliveryState::retry, "", "", next, error, d.uncertain};
  }

  // The units of a round that could not be sent go back with the round's outcomes.
  void hand_back(Lane& l, const std::vector<std::pair<std::size_t, std::size_t>>& slices, const std::string& error) {
    for (auto [i, n] : slices)
      for (const DueDelivery* d : l.units[i].members) l.updates.push_back(unsent(*d, error));
  }

  void start_round(Lane& l) {
    std::int64_t t = now();
    std::size_t count = next_claim_count(l, t);
    if (count == 0) return finish_lane(l);
    reserve(l, count);
    claimed(l, outbox.claim_due(l.ch->config().name, count, batch_bytes(l)), t);
  }

  // Pacing: a lane's claim counts for the channel from the moment it is asked for until its posts are in
  // sent_times (send) or the round ends without them (release).
  void reserve(Lane& l, std::size_t count) {
    if (l.ch->posts_per_hour() <= 0) return;
    release(l);
    l.claims = count;
    *l.channel_claims += count;
  }
  void release(Lane& l) {
    *l.channel_claims -= l.claims;
    l.claims = 0;
  }

  // Plans and sends a claimed batch (lookups first for deliveries that may have arrived already).
  void begin_round(Lane& l, Result<std::vector<DueDelivery>> due, std::int64_t t) {
    if (!due) {
      rep(l).last_error = due.error().message;
      return finish_lane(l);
    }
    if (due->empty()) {
      if (l.half_open) l.state->circuit = circuit::probe_proved_nothing(l.state->circuit);  // nothing to probe with
      return finish_lane(l);
    }
    ++l.rounds;
    l.due = std::move(*due);
    std::string why;
    if (!contained([&] { l.units = l.ch->plan(l.due, t); }, why)) {
      l.units.clear();
      for (const DueDelivery& d : l.due) l.units.push_back(Unit{{&d}, 0});
    }
    l.results.assign(l.units.size(), SendResult{});
    l.updates.clear();
    l.any_success = l.any_failure = false;
    l.server_not_before = 0;
    l.round_error.clear();

    std::vector<std::size_t> lookups, sends;
    std::vector<HttpRequest> lookup_requests;
    for (std::size_t i = 0; i < l.units.size(); ++i) {
      const Unit& u = l.units[i];
      if (u.defer_until_ms > 0) {
        rep(l).deferred += u.members.size();
        if (rep(l).wait == Wait::none || rep(l).wait == Wait::tally) {  // a waiting state, not a failure
          rep(l).wait = Wait::tally;
          rep(l).wait_until_ms =
              rep(l).wait_until_ms ? std::min(rep(l).wait_until_ms, u.defer_until_ms) : u.defer_until_ms;
        }
        for (const DueDelivery* d : u.members)
          l.updates.push_back(
              DeliveryUpdate{d->row_id, d->channel, DeliveryState::retry, "", "", u.defer_until_ms, "", d->uncertain});
        continue;
      }
      if (!u.uncertain()) {
        sends.push_back(i);
        continue;
      }
      // Claimed back after a crash: give a request the dead run may have left in a server queue time to
      // be processed before asking whether it arrived. Only a lost claim's time says when its request
      // went out; a deferred row's time is the deferral's own (waiting on that would never end).
      std::int64_t last = 0;
      for (const DueDelivery* d : u.members)
        if (d->lost_claim) last = std::max(last, d->last_attempt_ms);
      if (last > 0 && last + opt.uncertain_grace_ms > t) {
        for (const DueDelivery* d : u.members)
          l.updates.push_back(DeliveryUpdate{d->row_id, d->channel, DeliveryState::retry, "", "",
                                             last + opt.uncertain_grace_ms, "", true});
        continue;
      }
      std::optional<HttpRequest> rq;
      if (!contained([&] { rq = l.ch->build_lookup(u); }, why)) {
        apply(l, u, unreadable(l, "a lookup", why));
      } else if (rq) {
        lookups.push_back(i);
        lookup_requests.push_back(std::move(*rq));
      } else if (l.ch->resend_unverifiable()) {
        sends.push_back(i);
      } else {
        SendResult sr;
        sr.state = DeliveryState::parked;
        sr.error = "sent before, but the answer was lost (connection dropped or the sync stopped) and " +
                   std::string(l.ch->name()) + " offers no way to check; look for reference " +
                   u.first().submission.reference + " there, and requeue only if it is missing";
        apply(l, u, sr);
      }
    }
    if (lookup_requests.empty()) return send(l, std::move(sends));
    rep(l).looked_up += lookups.size();
    transport.start(std::move(lookup_requests), [this, &l, lookups, sends](std::vector<HttpResult> rs) mutable {
      count_traffic(l, rs);
      for (std::size_t k = 0; k < lookups.size(); ++k) {
        const Unit& u = l.units[lookups[k]];
        LookupResult lr;
        std::string odd;
        if (!contained([&] { lr = l.ch->interpret_lookup(u, rs[k]); }, odd))
          lr.error = std::string(l.ch->name()) + "'s answer to a lookup could not be read (" + odd + ")";
        if (lr.found == Found::yes) {
          ++rep(l).found_remote;
          SendResult sr;
          sr.state = lr.incomplete ? DeliveryState::retry : DeliveryState::delivered;
          sr.remote_id = lr.remote_id;
          sr.remote_display = lr.remote_display;
          apply(l, u, sr);
          if (lr.incomplete)  // due again now: the next round sends only what is missing
            for (std::size_t k2 = l.updates.size() - u.members.size(); k2 < l.updates.size(); ++k2)
              l.updates[k2].next_attempt_ms = now();
        } else if (lr.found == Found::no) {
          sends.push_back(lookups[k]);
        } else if (lr.park) {
          SendResult sr;
          sr.state = DeliveryState::parked;
          sr.error = lr.error;
          apply(l, u, sr);
        } else {
          SendResult sr;
          sr.error = lr.error.empty() ? "lookup failed" : lr.error;
          sr.uncertain = true;
          sr.channel_failure = true;
          apply(l, u, sr);
        }
      }
      send(l, std::move(sends));
    });
  }

  void send(Lane& l, std::vector<std::size_t> sends) {
    std::vector<HttpRequest> requests;
    std::vector<std::pair<std::size_t, std::size_t>> slices;  // unit index, request count
    for (std::size_t i : sends) {
      Result<std::vector<HttpRequest>> built = std::vector<HttpRequest>{};
      std::string why;
      if (!contained([&] { built = l.ch->build(l.units[i]); }, why))
        built = make_error(Errc::invalid_value, "the request could not be built (" + why + ")");
      if (!built) {
        SendResult sr;
        sr.state = DeliveryState::parked;
        sr.error = built.error().message;
        apply(l, l.units[i], sr);
        continue;
      }
      slices.emplace_back(i, built->size());
      for (auto& r : *built) requests.push_back(std::move(r));
      if (l.ch->posts_per_hour() > 0) l.state->sent_times.push_back(now());
    }
    release(l);  // what is sent is in sent_times now
    if (requests.empty()) return finish_round(l);
    // Units that must be found again by their make-up: tag the members durably before anything is sent.
    std::vector<DeliveryUpdate> tags;
    for (auto [i, n] : slices) {
      std::string tag, why;
      const Unit& unit = l.units[i];  // a structured binding cannot be captured before clang 16
      (void)contained([&] { tag = l.ch->send_tag(unit); }, why);
      if (tag.empty()) continue;
      for (const DueDelivery* d : l.units[i].members)
        tags.push_back(DeliveryUpdate{d->row_id, d->channel, DeliveryState::retry, tag, "",
                                      now() + opt.uncertain_grace_ms, "", true});
    }
    if (auto tagged = tags.empty() ? Result<void>{} : outbox.record(tags); !tagged) {
      rep(l).last_error = tagged.error().message;
      hand_back(l, slices, tagged.error().message);
      return finish_round(l);  // nothing sent
    }
    if (tags.empty()) return transmit(l, std::move(requests), std::move(slices));
    auto held = std::make_shared<std::vector<HttpRequest>>(std::move(requests));
    when_durable([this, &l, held, slices](Result<void> ok) {
      if (!ok) {
        rep(l).last_error = ok.error().message;
        hand_back(l, slices, ok.error().message);
        return finish_round(l);  // as above: nothing sent
      }
      transmit(l, std::move(*held), slices);
    });
  }

  // The answers to a round's requests, read unit by unit: `slices` says which unit each run of them
  // belongs to (unit, count), `read(unit, its results)` reads them; an answer the adapter throws on
  // is unreadable (an uncertain retry), the others go on.
  template <class Read>
  std::vector<std::pair<std::size_t, SendResult>> read_answers(
      Lane& l, std::vector<HttpResult>& rs, const std::vector<std::pair<std::size_t, std::size_t>>& slices,
      std::string_view what, const Read& read) {
    std::vector<std::pair<std::size_t, SendResult>> out;
    std::size_t at = 0;
    for (auto [i, n] : slices) {
      std::vector<HttpResult> mine;
      for (std::size_t k = 0; k < n; ++k) mine.push_back(std::move(rs[at + k]));
      at += n;
      SendResult sr;
      std::string why;
      std::size_t unit = i;  // a structured binding cannot be captured before clang 16
      if (!contained([&] { sr = read(unit, mine); }, why)) sr = unreadable(l, what, why);
      out.emplace_back(i, std::move(sr));
    }
    return out;
  }

  // Sends a round's requests; `slices` says which unit each run of them belongs to (unit, count).
  void transmit(Lane& l, std::vector<HttpRequest> requests, std::vector<std::pair<std::size_t, std::size_t>> slices) {
    // Each request notes its deliveries in the sent journal just before it goes to its connection.
    if (journal.is_open()) {
      std::size_t at = 0;
      for (auto [i, n] : slices) {
        std::vector<std::int64_t> rows;
        for (const DueDelivery* d : l.units[i].members) rows.push_back(d->row_id);
        auto shared_rows = std::make_shared<const std::vector<std::int64_t>>(std::move(rows));
        for (std::size_t k = 0; k < n; ++k)
          requests[at + k].on_send = [this, channel = l.ch->config().name, shared_rows] {
            return journal.record(channel, *shared_rows);
          };
        at += n;
      }
    }
    transport.start(std::move(requests), [this, &l, slices](std::vector<HttpResult> rs) {
      count_traffic(l, rs);
      std::vector<HttpRequest> follow;
      std::vector<std::pair<std::size_t, std::size_t>> follow_slices;
      auto interpret = [&](std::size_t u, const std::vector<HttpResult>& mine) {
        return l.ch->interpret(l.units[u], mine);
      };
      for (auto& [i, sr] : read_answers(l, rs, slices, "a delivery", interpret)) {
        if (sr.state == DeliveryState::delivered && !sr.follow_ups.empty()) {
          follow_slices.emplace_back(i, sr.follow_ups.size());
          for (auto& f : sr.follow_ups) follow.push_back(std::move(f));
          sr.follow_ups.clear();
          l.results[i] = std::move(sr);
        } else {
          apply(l, l.units[i], sr);
        }
      }
      if (follow.empty()) return finish_round(l);
      transport.start(std::move(follow), [this, &l, follow_slices](std::vector<HttpResult> frs) {
        count_traffic(l, frs);
        auto finish = [&](std::size_t u, const std::vector<HttpResult>& mine) {
          return l.ch->finish(l.units[u], l.results[u], mine);
        };
        for (auto& [i, sr] : read_answers(l, frs, follow_slices, "a follow-up", finish)) apply(l, l.units[i], sr);
        finish_round(l);
      });
    });
  }

  void finish_round(Lane& l) {
    std::int64_t t = now();
    if (l.any_success) on_round_success(l, t);
    else if (l.any_failure) on_round_failure(l, t);
    else if (l.half_open) l.state->circuit = circuit::probe_proved_nothing(l.state->circuit);
    l.state->last_attempt_ms = t;
    // A retry never comes due before the channel is ready again.
    for (auto& u : l.updates)
      if (u.state == DeliveryState::retry && !u.error.empty())
        u.next_attempt_ms = std::max(u.next_attempt_ms, l.state->not_before_ms);
    // The outcomes, the channel's circuit and the claim of the next batch in one transaction (one
    // fsync per round), and the flush that makes the claim durable before it is sent: on the
    // transport's worker thread, so that the other lanes' answers keep being read and their next
    // requests sent meanwhile (run inline, the I/O thread starved the connections for the length of
    // a transaction each round).
    std::int64_t t2 = now();
    release(l);
    std::size_t count = next_claim_count(l, t2);
    reserve(l, count);
    l.due.clear();
    l.units.clear();
    // The job gets its own copies: the channel's state is shared with its other lanes, which go on.
    struct End {
      std::vector<DeliveryUpdate> updates;
      ChannelState state;
      Result<std::vector<DueDelivery>> next = std::vector<DueDelivery>{};
      std::string record_error;
      Result<void> durable;
    };
    auto end = std::make_shared<End>();
    end->updates = std::move(l.updates);
    l.updates.clear();
    end->state = *l.state;
    std::string name = l.ch->config().name;
    std::size_t bytes = batch_bytes(l);
    transport.start_job(
        [this, end, count, name, bytes] {
          if (count > 0) {
            end->next = outbox.record_and_claim(end->updates, end->state, name, count, bytes);
            // The claim part can fail on its own (an unreadable stored submission): the outcomes that
            // came back must still be kept, or delivered rows would later look like lost claims.
            if (!end->next)
              if (auto r = outbox.record(end->updates, &end->state); !r) end->record_error = r.error().message;
          } else if (auto r = outbox.record(end->updates, &end->state); !r) {
            end->record_error = r.error().message;
          }
          if (end->next && !end->next->empty() && outbox.defers_fsync()) end->durable = outbox.flush_wal();
        },
        [this, &l, end, count, t2] {
          if (!end->record_error.empty()) rep(l).last_error = end->record_error;
          rep(l).circuit = circuit_name(l.state->circuit);
          if (progress) progress(report);
          if (count == 0) return finish_lane(l);
          if (!end->durable) return hand_back_claims(l, *end->next, end->durable.error(), t2);
          begin_round(l, std::move(end->next), t2);
        });
  }

  void finish_lane(Lane& l) {
    if (l.done) return;
    l.done = true;
    release(l);
    rep(l).circuit = circuit_name(l.state->circuit);
    save_state(l);
    if (l.slot == 0) poll_status(l);
  }

  // Saves a copy of the channel's state through the worker's queue, behind the rounds recorded there
  // before: written straight away, it could be overwritten by an older copy still waiting in the queue.
  void save_state(Lane& l) {
    transport.start_job([this, copy = *l.state] { (void)outbox.save_channel_state(copy); }, [] {});
  }

  void poll_status(Lane& l) {
    if (!opt.poll_status) return;
    std::int64_t t = now();
    std::int64_t interval = static_cast<std::int64_t>(config.sync.answer_poll_interval_s) * 1000;
    if (l.state->circuit != CircuitState::closed || t < l.state->last_poll_ms + interval) return;
    auto refs = outbox.followed(l.ch->config().name, t - 30LL * 86'400'000, l.ch->closed_status(), opt.status_batch);
    if (!refs || refs->empty()) return;
    std::vector<HttpRequest> rqs;
    std::vector<RemoteRef> asked;
    for (const auto& ref : *refs) {
      std::optional<HttpRequest> rq;
      std::string why;
      if (contained([&] { rq = l.ch->build_status(ref); }, why) && rq) {
        rqs.push_back(std::move(*rq));
        asked.push_back(ref);
      }
    }
    l.state->last_poll_ms = t;
    save_state(l);
    if (rqs.empty()) return;
    transport.start(std::move(rqs), [this, &l, asked](std::vector<HttpResult> rs) {
      count_traffic(l, rs);
      for (std::size_t i = 0; i < asked.size(); ++i) {
        StatusUpdate su;
        std::string why;
        if (!contained([&] { su = l.ch->interpret_status(asked[i], rs[i]); }, why)) {
          rep(l).last_error = std::string(l.ch->name()) + "'s status answer could not be read (" + why + ")";
          continue;
        }
        if (!su.ok) continue;
        const std::string& channel = l.ch->config().name;
        if (!su.remote_id.empty()) (void)outbox.set_remote_id(asked[i].row_id, channel, su.remote_id);
        if (!su.status.empty() && su.status != asked[i].remote_status)
          (void)outbox.set_remote_status(asked[i].row_id, channel, su.status);
        for (const auto& a : su.answers) {
          auto added = outbox.add_answer(asked[i].row_id, a);
          if (added && *added) ++rep(l).answers;
        }
      }
    });
  }

  std::int64_t refresh_interval_ms(const ChannelConfig& ch) const {
    return opt.refresh_interval_ms >= 0 ? opt.refresh_interval_ms : std::int64_t{ch.refresh_interval_s} * 1000;
  }

  // Refreshes what the channel's sends depend on (instance limits, categories) first when stale,
  // then starts the lane's rounds.
  void start_channel(Lane& first) {
    for (auto& l : lanes)
      if (l->ch == first.ch) start_round(*l);
  }

  void start_lane(Lane& l) {
    if (!opt.refresh || l.state->circuit != CircuitState::closed || now() < l.state->not_before_ms)
      return start_channel(l);
    std::string key = "refresh." + l.ch->config().name;
    std::int64_t fetched = 0;
    auto c = outbox.cache_get(key, &fetched);
    if (c && *c && now() - fetched < refresh_interval_ms(l.ch->config())) return start_channel(l);
    std::vector<HttpRequest> rqs;
    std::string why;
    if (!contained([&] { rqs = l.ch->build_refresh(); }, why) || rqs.empty()) return start_channel(l);
    transport.start(std::move(rqs), [this, &l, key](std::vector<HttpResult> rs) {
      count_traffic(l, rs);
      bool ok = !rs.empty() && rs.front() && rs.front()->status == 200;
      std::string odd;
      if (!contained([&] { l.ch->apply_refresh(rs); }, odd)) {
        // Recorded as done all the same: a refresh that fails on the same answer every run must not
        // hold up the deliveries behind it.
        rep(l).last_error = std::string(l.ch->name()) +
                            "'s answer to a refresh (news, categories or limits) could "
                            "not be read (" +
                            odd + ")";
      }
      if (ok) (void)outbox.cache_put(key, "1");
      (void)contained([&] { tree.merge_cached(outbox); }, odd);
      start_channel(l);
    });
  }

  Result<RunReport> dry_run() {
    for (auto& l : lanes) {
      if (l->slot != 0) continue;
      const ChannelConfig& cfg = l->ch->config();
      auto due = outbox.peek_due(cfg.name, static_cast<std::size_t>(std::max(1, cfg.batch_count)),
                                 static_cast<std::size_t>(std::max<std::int64_t>(1, cfg.batch_bytes)));
      if (!due) return due.error();
      rep(*l).queued = due->size();
      std::vector<Unit> units;
      std::string why;
      if (!contained([&] { units = l->ch->plan(*due, now()); }, why))
        return make_error(Errc::protocol, std::string(l->ch->name()) + ": cannot plan the batch (" + why + ")");
      for (const auto& u : units) {
        if (u.defer_until_ms > 0) {
          rep(*l).deferred += u.members.size();
          if (rep(*l).wait == Wait::none || rep(*l).wait == Wait::tally) {
            rep(*l).wait = Wait::tally;
            rep(*l).wait_until_ms =
                rep(*l).wait_until_ms ? std::min(rep(*l).wait_until_ms, u.defer_until_ms) : u.defer_until_ms;
          }
          continue;
        }
        Result<std::vector<HttpRequest>> built = std::vector<HttpRequest>{};
        if (!contained([&] { built = l->ch->build(u); }, why))
          built = make_error(Errc::invalid_value, "the request could not be built (" + why + ")");
        if (!built) {
          rep(*l).parked += u.members.size();
          rep(*l).last_error = built.error().message;
          continue;
        }
        for (auto& rq : *built) {
          for (auto& [k, v] : rq.headers)
            if (std::find(rq.secret_headers.begin(), rq.secret_headers.end(), k) != rq.secret_headers.end()) v = "***";
          rq.body = mask(rq.body, secrets);
          report.dry_run.push_back(DryRunRequest{cfg.name, u.first().submission.reference, std::move(rq)});
        }
      }
    }
    return report;
  }

  Result<RunReport> run() {
    report = RunReport{};
    lanes.clear();
    states.clear();
    claims.clear();
    std::filesystem::path lock_file =
        opt.lock_file.empty() ? std::filesystem::path(outbox.path().string() + ".sync-lock") : opt.lock_file;
    RunLock lock(lock_file);
    if (lock.busy()) return make_error(Errc::db_busy, "another sync is running on " + outbox.path().string());
    if (lock.failed()) return make_error(Errc::io, "cannot create the sync lock " + lock_file.string());
    auto stats = outbox.stats();
    if (!stats) return stats.error();
    for (auto& ch : channels) {
      ChannelReport r;
      r.channel = std::string(ch->name());
      auto it = stats->deliveries.find(r.channel);
      if (it != stats->deliveries.end())
        for (const char* s : {"pending", "retry", "in_flight"})
          if (auto c = it->second.find(s); c != it->second.end()) r.queued += static_cast<std::size_t>(c->second);
      report.channels.push_back(std::move(r));
      auto st = outbox.channel_state(ch->name());
      if (!st) return st.error();
      // A probe that was under way when an earlier run ended proved nothing: the circuit is open.
      st->circuit = circuit::probe_proved_nothing(st->circuit);
      states.push_back(std::make_unique<ChannelState>(std::move(*st)));
      claims.push_back(std::make_unique<std::size_t>(0));
      for (int slot = 0; slot < std::max(1, opt.lanes_per_channel); ++slot) {
        auto lane = std::make_unique<Lane>();
        lane->ch = ch.get();
        lane->report = report.channels.size() - 1;
        lane->slot = slot;
        lane->state = states.back().get();
        lane->channel_claims = claims.back().get();
        lanes.push_back(std::move(lane));
      }
    }
    if (opt.dry_run) return dry_run();
    if (auto r = take_back_claims(); !r) return r.error();
    for (auto& l : lanes)
      if (l->slot == 0) start_lane(*l);
    // Every request carries its own time-out, so this ends.
    while (transport.pending() > 0) transport.run(100);
    // The run's last outcomes reach the disk before it reports them.
    if (outbox.defers_fsync())
      if (auto r = outbox.flush_wal(); !r) return r.error();
    int rounds = 0;
    for (auto& l : lanes) rounds = std::max(rounds, l->rounds);
    report.rounds = rounds;
    journal = SentJournal();
    outbox.set_claim_run(0);
    return report;
  }

  // With the run lock held, every claim in flight is a dead run's: take them back now, telling the
  // ones its journal proves unsent (trusted only within its boot: a power cut may have lost its tail)
  // from those that may have arrived. Then this run's own journal starts.
  Result<void> take_back_claims() {
    std::filesystem::path file =
        opt.journal_file.empty() ? std::filesystem::path(outbox.path().string() + ".sent-journal") : opt.journal_file;
    std::string boot = opt.boot_id.empty() ? SentJournal::current_boot_id() : opt.boot_id;
    SentJournal::Contents last = SentJournal::read(file);
    std::int64_t trusted = !boot.empty() && last.boot_id == boot ? last.run_id : 0;
    auto back = outbox.take_back_claims(trusted, last.sent, opt.uncertain_grace_ms);
    if (!back) return back.error();
    for (auto& r : report.channels) {
      if (auto it = back->unsent.find(r.channel); it != back->unsent.end()) r.taken_back_unsent = it->second;
      if (auto it = back->maybe_sent.find(r.channel); it != back->maybe_sent.end()) r.taken_back_uncertain = it->second;
    }
    std::int64_t run_id = new_run_id();
    // Without a journal the run still goes on: its claims are then all "may have arrived" later.
    auto j = SentJournal::start(file, run_id, boot.empty() ? "unknown" : boot);
    journal = j ? std::move(*j) : SentJournal();
    outbox.set_claim_run(run_id);
    return {};
  }

  // Lets every transfer and worker job still under way finish (their completions use this engine).
  void drain() noexcept {
    for (int i = 0; i < 10'000 && transport.pending() > 0; ++i) {
      std::string why;
      if (!contained([&] { transport.run(100); }, why)) continue;
    }
  }
};

Engine::Engine(const Config& config, const Secrets& secrets, Outbox& outbox, Transport& transport, const Clock& clock,
               EngineOptions options)
    : m(std::make_unique<Impl>(config, secrets, outbox, transport, clock, std::move(options))) {
  // The cached category list came from a server: an odd one leaves the built-in tree as it is.
  std::string why;
  (void)contained(
      [&] {
        auto tree = CategoryTree::load_default();
        if (tree) m->tree = std::move(*tree);
        m->tree.merge_cached(outbox);
      },
      why);
  m->rng.seed(m->opt.seed ? m->opt.seed
                          : static_cast<std::uint64_t>(clock.now_ms()) ^ static_cast<std::uint64_t>(::getpid()));
  ChannelEnv env{&config, &secrets, &m->tree, &outbox, &clock};
  for (auto name : kChannelNames) {
    auto it = config.channels.find(std::string(name));
    if (it == config.channels.end() || !it->second.enabled) continue;
    auto ch = m->opt.channel_factory ? m->opt.channel_factory(env, it->second) : make_channel(env, it->second);
    if (ch) m->channels.push_back(std::move(ch));
  }
}

Engine::~Engine() {
  if (m) m->drain();
}

Result<RunReport> Engine::run_once() {
  Result<RunReport> out = make_error(Errc::protocol, "");
  std::string why;
  if (contained([&] { out = m->run(); }, why)) return out;
  m->drain();
  m->journal = SentJournal();
  return make_error(Errc::protocol, "the sync run stopped on an unexpected error (" + why + "); nothing was lost");
}
void Engine::on_progress(std::function<void(const RunReport&)> f) { m->progress = std::move(f); }
const CategoryTree& Engine::categories() const { return m->tree; }

std::int64_t Engine::next_refresh_ms() const {
  std::int64_t next = INT64_MAX;
  if (!m->opt.refresh) return next;
  for (const auto& ch : m->channels) {
    std::int64_t fetched = 0;
    auto c = m->outbox.cache_get("refresh." + ch->config().name, &fetched);
    std::int64_t due = c && *c ? fetched + m->refresh_interval_ms(ch->config()) : m->now();
    next = std::min(next, due);
  }
  return next;
}

}  // namespace kiosk
