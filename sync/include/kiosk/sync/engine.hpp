// The sync engine: empties the outbox into the municipal channels in batches, with nothing lost and
// nothing delivered twice, and brings status, answers and news back.
//
// One run (Engine::run_once) repeats rounds until no channel has work left or max_rounds is reached.
// A round claims one batch per ready channel (count and bytes from ChannelConfig), asks the server
// about uncertain deliveries first, sends all channels' requests together over one Transport (one
// libcurl multi handle), and records every outcome of the round in one outbox transaction
// (Outbox::record: the remote id is written in the statement that marks the delivery done).
// That transaction also claims the lane's next batch (Outbox::record_and_claim) and runs on the
// transport's worker thread together with the log flush that makes the claim durable, so that the
// I/O thread keeps reading answers and sending the other lanes' requests meanwhile.
//
// Per channel (ChannelState in the outbox, so it survives restarts), a circuit with backoff. Its states
// and transitions are drawn in circuit.hpp; the engine makes them here:
//   on_round_failure   failures++, not_before = now + backoff(failures) with equal jitter, or later if
//                      the server said so (Retry-After, X-RateLimit-Reset); circuit::failed()
//   on_round_success   failures = 0, not_before = what the server asked for, if anything; circuit::succeeded()
//   ready_for_round    no round before not_before (unless ignore_backoff), then circuit::probe(): an open
//                      channel's round is a probe batch of 1 (next_claim_count), on its first lane only
//   begin_round        nothing to probe with; finish_round: the probe had no answer either way; run: a
//                      probe an earlier run left under way; all three circuit::probe_proved_nothing()
// A channel that is not ready is skipped: it never delays the others, whose requests go out in the
// same multi handle regardless. A channel with posts_per_hour (Signalen) also gets a pacing budget
// (pacing_budget): at most that many POSTs in any hour, spaced evenly, so its throttle never trips.
//
// Claims of a run that died (kill, crash, power cut) are taken back at the next run's start, which
// holds the run lock (Outbox::take_back_claims): the run's sent journal (sent_journal.hpp) tells which
// of them were handed to a connection; the others were never sent and go out again at once.
//
// Adapters read what servers send: whatever an adapter call throws on an answer it did not expect is
// caught by the engine and becomes an error of that delivery, lookup, status poll or refresh; the run
// goes on with the other deliveries and channels. run_once() throws nothing.
//
// Per delivery (Outbox state machine, see outbox.hpp): delivered; retry (next attempt no earlier than
// the channel's not_before; `uncertain` when the request may have arrived); parked with the server's
// reason for permanent errors (4xx other than 408/429; 401/403 are a channel failure instead). An
// uncertain delivery is looked up before it is resent (Open Klant: onderwerpobject id; Signalen: the
// stored id; Open311: reference in requests.json; Mastodon: the account's statuses, then the
// Idempotency-Key). One that cannot be checked is parked for a technician, never resent blindly.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/sync/channel.hpp"
#include "kiosk/sync/clock.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/transport.hpp"
#include "kiosk/sync/wait.hpp"

namespace kiosk {

struct EngineOptions {
  int max_rounds = 100;                  // batches per lane in one run
  int lanes_per_channel = 1;             // batches of one channel in flight at once (2+: overlap DB and network)
  std::int64_t backoff_base_ms = 5'000;  // first wait after a failed round
  std::int64_t backoff_max_ms = 15 * 60'000;
  int circuit_threshold = 3;              // failed rounds in a row that open the circuit
  std::uint64_t seed = 0;                 // jitter seed; 0: from the clock
  bool dry_run = false;                   // build the requests, send nothing, change nothing
  bool refresh = true;                    // categories, instance limits, news
  std::int64_t refresh_interval_ms = -1;  // -1: each channel's refresh_interval_s (config.hpp)
  bool poll_status = true;                // status and answers (config.sync.answer_poll_interval_s)
  std::size_t status_batch = 50;
  // An uncertain delivery is not looked up sooner than this after its last attempt: a request that
  // sits in a busy server's queue must be processed before we ask whether it arrived.
  std::int64_t uncertain_grace_ms = 120'000;
  bool ignore_backoff = false;         // "sync now" by a technician: try every channel at once
  std::filesystem::path lock_file;     // single-runner lock; default <outbox>.sync-lock
  std::filesystem::path journal_file;  // sent journal (sent_journal.hpp); default <outbox>.sent-journal
  std::string boot_id;                 // for tests (a power cut is a new boot); "": the kernel's
  // The adapter for each enabled channel; empty: make_channel. A seam for tests.
  std::function<std::unique_ptr<Channel>(const ChannelEnv&, const ChannelConfig&)> channel_factory;
};

struct ChannelReport {
  std::string channel;
  std::size_t queued = 0;  // due or waiting at the start of the run
  std::size_t delivered = 0;
  std::size_t retried = 0;
  std::size_t parked = 0;
  std::size_t looked_up = 0;             // uncertain deliveries checked on the server
  std::size_t found_remote = 0;          // of those, already there
  std::size_t deferred = 0;              // poll votes waiting for their day's tally
  std::size_t taken_back_unsent = 0;     // a dead run's claims that never left: due at once
  std::size_t taken_back_uncertain = 0;  // a dead run's claims that may have arrived: asked about first
  std::size_t unreadable = 0;            // answers the adapter could not read (kept as uncertain retries)
  std::size_t requests = 0;
  std::uint64_t bytes_sent = 0;
  std::uint64_t bytes_received = 0;
  std::size_t answers = 0;
  std::string circuit = "closed";  // circuit_name() of the channel's circuit at the end of the run
  std::string skipped;             // why the channel was not tried (backoff, open circuit, pacing)
  Wait wait = Wait::none;          // the same as a state when it is a wait, not a failure (wait.hpp)
  std::int64_t wait_until_ms = 0;  // when the wait ends (the earliest, for tally waits)
  int failures = 0;                // failed rounds in a row behind a backoff or an open circuit
  std::string last_error;
};

struct DryRunRequest {
  std::string channel;
  std::string reference;
  HttpRequest request;  // secrets masked
};

struct RunReport {
  std::vector<ChannelReport> channels;
  std::vector<DryRunRequest> dry_run;
  int rounds = 0;
  const ChannelReport* find(std::string_view channel) const {
    for (const auto& c : channels)
      if (c.channel == channel) return &c;
    return nullptr;
  }
};

class Engine {
 public:
  Engine(const Config& config, const Secrets& secrets, Outbox& outbox, Transport& transport, const Clock& clock,
         EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // One run. Errors: db_busy when another sync holds the lock; storage errors from the outbox.
  Result<RunReport> run_once();
  // Called after every round with the reports so far (progress bars).
  void on_progress(std::function<void(const RunReport&)> f);
  const CategoryTree& categories() const;
  // When the next refresh (news, categories, limits) of an enabled channel is due, unix ms (the sync
  // service wakes up for it: a crisis channel refreshes every few minutes whatever sync.interval_s is).
  std::int64_t next_refresh_ms() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

// Backoff with equal jitter: half of min(max, base * 2^(failures-1)) plus a random share of the other half.
std::int64_t backoff_ms(int failures, std::int64_t base_ms, std::int64_t max_ms, std::uint64_t random);

}  // namespace kiosk
