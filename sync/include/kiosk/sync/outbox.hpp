// The outbox: the SQLite database where every citizen's submission is kept safe until each
// municipal channel has it, and where status, answers and news come back for the kiosk to show.
//
// Durability: WAL with synchronous=FULL. submit() returns a Receipt only after its transaction has
// committed, so whatever a citizen was shown survives a power cut or kill -9. The sync service's own
// connection may defer its fsyncs (OutboxOptions::defer_fsync) and flush_wal() before each send.
//
// Delivery state machine, one row per (submission, channel):
//
//              claim_due()                  mark_delivered()
//   pending ───────────────► in_flight ─────────────────────► delivered
//      ▲                      │  │  ▲
//      │                      │  │  └── claim_due(): lease expired (crash between send and
//      │                      │  │      answer); returned with uncertain=true so the engine
//      │                      │  │      asks the server whether it arrived before resending
//      │        mark_retry()  │  │ mark_parked() (permanent error: 4xx other than 408/429)
//      │   ┌──────────────────┘  └──────────────────► parked ── requeue_parked() (kioskctl requeue) ──► pending
//      │   ▼
//      └─ retry (next_attempt_at, last_error) ── claim_due() once due ──► in_flight
//          ▲
//          └── take_back_claims() (in_flight of a run that is gone, at the next run's start): unsent
//              when the run's sent journal proves it never left (due at once, as uncertain as it was
//              before the claim), otherwise uncertain, due after the grace that lets a server queue
//              finish with it
//
// Claims carry the run that made them (set_claim_run). The lease above is only the fallback for
// claims that no run lock protects.
// record() applies a batch of outcomes (delivered, retry or parked) in one transaction. The engine also
// uses it just before sending a unit whose make-up matters (an Open Klant poll tally): in_flight ->
// retry with uncertain=1 and the tally's id as remote_id, so a crash leaves the votes grouped by the
// tally they went out in (Channel::send_tag). record_and_claim() is record() of one round followed by
// claim_due() of the next in the same transaction.
//
// Retention: purge() removes contact details and free text from submissions whose deliveries all
// succeeded more than N days ago; reference, status and answers stay.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/circuit.hpp"
#include "kiosk/sync/clock.hpp"
#include "kiosk/sync/codec.hpp"
#include "kiosk/sync/error.hpp"
#include "kiosk/sync/run_record.hpp"
#include "kiosk/sync/submission.hpp"

struct sqlite3;

namespace kiosk {

// Schema version (PRAGMA user_version) this build writes; migrations bring older files up to it.
inline constexpr int kOutboxSchemaVersion = 9;

enum class DeliveryState { pending, in_flight, delivered, retry, parked };
std::string_view delivery_state_name(DeliveryState s) noexcept;
std::optional<DeliveryState> parse_delivery_state(std::string_view s) noexcept;

struct Delivery {
  std::string channel;
  DeliveryState state = DeliveryState::pending;
  int attempts = 0;
  std::int64_t next_attempt_ms = 0;  // retry: not before this moment
  std::int64_t updated_ms = 0;
  std::int64_t delivered_ms = 0;
  std::string last_error;      // retry: why the last attempt failed
  std::string parked_reason;   // parked: the server's reason
  std::string remote_id;       // delivered: the id the channel gave (uuid, status id, request id)
  std::string remote_display;  // delivered: the citizen-facing id (e.g. Signalen's SIG-123)
  std::string remote_status;   // last status seen remotely (e.g. OPEN / CLOSED)
};

struct Answer {
  std::string channel;
  std::int64_t received_ms = 0;
  std::string text;
  std::string remote_id;
};

// A remote status as it changed (Outbox keeps every change, migration 7 -> 8).
struct StatusChange {
  std::string channel;
  std::int64_t changed_ms = 0;
  std::string status;  // the channel's own word
};

struct Receipt {
  std::string uuid;
  std::string reference;  // ungrouped; refcode::group() for display
  std::int64_t created_at_ms = 0;
};

struct StoredSubmission {
  std::int64_t row_id = 0;
  Submission submission;
  std::vector<Delivery> deliveries;
  std::vector<Answer> answers;
  std::vector<StatusChange> status_changes;  // oldest first
  std::int64_t purged_ms = 0;                // 0 while personal data is still kept
  std::size_t raw_bytes = 0;
  std::size_t stored_bytes = 0;
  std::uint32_t dict_id = kNoDictionary;
};

// What a list shows without decompressing payloads.
struct SubmissionSummary {
  std::int64_t row_id = 0;
  std::string reference;
  std::string uuid;
  Kind kind = Kind::question;
  std::int64_t created_at_ms = 0;
  std::string states;  // e.g. "openklant:delivered mastodon:retry"
};

struct ListFilter {
  std::optional<DeliveryState> state;  // only submissions with a delivery in this state
  std::string channel;                 // only deliveries to this channel (with state)
  std::size_t limit = 100;
  std::int64_t after_row = 0;  // paging: rows with row_id > after_row
};

struct OutboxStats {
  std::int64_t submissions = 0;
  std::int64_t purged = 0;
  std::map<std::string, std::map<std::string, std::int64_t>> deliveries;  // channel -> state -> count
  std::int64_t raw_payload_bytes = 0;
  std::int64_t stored_payload_bytes = 0;
  std::int64_t db_file_bytes = 0;
  std::int64_t wal_file_bytes = 0;
  std::int64_t oldest_undelivered_ms = 0;  // created_at of the oldest submission not fully delivered; 0 if none
  int schema_version = 0;
  std::uint32_t active_dictionary = kNoDictionary;
};

// A delivery handed to the sync engine by claim_due().
struct DueDelivery {
  std::int64_t row_id = 0;
  std::string channel;
  Submission submission;
  int attempts = 0;                   // attempts before this one
  bool uncertain = false;             // the last send may have arrived (a run died in flight, or the answer
                                      // was lost): the engine asks the server before resending
  std::string remote_id;              // known remote id (if an earlier attempt got one)
  std::int64_t first_attempt_ms = 0;  // when it was first claimed (0: now, the first time)
  std::int64_t last_attempt_ms = 0;   // when it was last claimed or its last outcome recorded
  bool lost_claim = false;            // claimed back from a run that died in flight (lease over): its
                                      // request went out at last_attempt_ms
};

// One outcome of a sync attempt, for Outbox::record (many in one transaction).
struct DeliveryUpdate {
  std::int64_t row_id = 0;
  std::string channel;
  DeliveryState state = DeliveryState::delivered;  // delivered, retry or parked
  std::string remote_id;                           // delivered (and retry, when a partial success gave one)
  std::string remote_display;                      // delivered
  std::int64_t next_attempt_ms = 0;                // retry
  std::string error;                               // retry: last error; parked: the server's reason
  bool uncertain = false;                          // retry: the request may have arrived
};

// What take_back_claims() did, per channel.
struct ClaimsTakenBack {
  std::map<std::string, std::size_t> unsent;      // never left the kiosk: due again at once
  std::map<std::string, std::size_t> maybe_sent;  // may have arrived: asked about before a resend
};

// Per-channel engine state (circuit breaker, backoff, pacing), kept across runs.
struct ChannelState {
  std::string channel;
  CircuitState circuit = CircuitState::closed;  // stored as circuit_name()
  int failures = 0;
  std::int64_t not_before_ms = 0;
  std::string last_error;
  std::int64_t last_success_ms = 0;
  std::int64_t last_attempt_ms = 0;
  std::int64_t last_poll_ms = 0;
  std::vector<std::int64_t> sent_times;  // recent POSTs, for pacing
};

// A delivered item whose remote status and answers are still followed.
struct RemoteRef {
  std::int64_t row_id = 0;
  std::string uuid;
  std::string reference;
  std::string remote_id;
  std::string remote_status;
  std::int64_t delivered_ms = 0;
};

// A delivery that needs a technician's eye (parked, or retrying with an error).
struct DeliveryProblem {
  std::string reference;
  std::string channel;
  DeliveryState state = DeliveryState::parked;
  int attempts = 0;
  std::string reason;  // parked reason or last error
  std::int64_t updated_ms = 0;
};

struct NewsItem {
  std::string source;     // e.g. "mastodon" or "demo"
  std::string remote_id;  // unique per source
  std::int64_t published_ms = 0;
  std::string language;
  std::string text;
  std::string url;
  // Crisis and urgent news: shown in a banner on the idle screen and in every screen's header. From a
  // [[news]] seed's `urgent = true`, or a pinned or urgent-tagged status of the municipality's channel.
  bool urgent = false;
};

// When the outbox trains its own payload dictionary on the kiosk's stored submissions (retrain_dictionary).
struct RetrainPolicy {
  std::int64_t min_submissions = 1000;  // stored before the first dictionary of the kiosk's own
  std::int64_t refresh_after = 20000;   // submissions stored since the last training before the next one
  std::size_t samples = 5000;           // the newest submissions that still have their text
  std::size_t capacity = 32 * 1024;     // dictionary size in bytes
};

struct OutboxOptions {
  std::filesystem::path path;
  std::string kiosk_id = "demo-bieb-01";
  std::string code_prefix = "DM";
  std::string time_zone = "Europe/Amsterdam";
  // The shipped dictionary (stored in the database). With one, new payloads are compressed with the
  // newest dictionary in the database: this one, or one trained later on the kiosk's own submissions
  // (retrain_dictionary), whichever was added last. nullopt: no dictionary.
  std::optional<Dictionary> dictionary;
  // Refuse writes that would grow the file past this size (0: no cap). Keeps the data partition
  // from filling up completely; a full outbox answers Errc::db_full like a full disk.
  std::int64_t max_bytes = 0;
  bool create = true;  // create the file when missing
  int busy_timeout_ms = 5000;
  // WAL pages before SQLite checkpoints inside a commit. Larger than SQLite's 1000 so that a citizen's
  // acknowledgement rarely waits for a checkpoint; checkpoint() runs one at a quiet moment instead.
  int wal_autocheckpoint_pages = 4000;
  std::int64_t in_flight_lease_ms = 10 * 60 * 1000;  // after this an in-flight claim is considered dead
  // For the sync engine's connection: commits do not wait for the disk (synchronous=NORMAL); the
  // caller makes them durable with flush_wal() where it matters (before a claimed batch is sent), off
  // its I/O thread. A kill -9 loses nothing either way; a power cut may lose outcomes recorded since
  // the last flush, which the engine then finds again by lookup. Submissions are written by the
  // kiosk's own connection, which keeps synchronous=FULL.
  bool defer_fsync = false;
  const Clock* clock = nullptr;  // SystemClock when null
};

// Thread safety: one connection per Outbox; each public call holds the Outbox's lock for its
// duration, so two threads may share one (the sync engine records its rounds on the transport's
// worker thread while its I/O thread goes on). flush_wal() takes no part in that lock.
//
// One class, implemented by area (sync/outbox/, private state in outbox_impl.hpp): outbox.cpp opens,
// migrates, submits and reads submissions back; outbox_queue.cpp is the delivery state machine above
// (claims, outcomes, requeue, remote ids, followed, problems); outbox_side.cpp the side tables (channel
// state, cache, answers, news) and retention (purge); outbox_dictionary.cpp the payload dictionaries;
// outbox_runs.cpp the run records and "sync now" requests.
class Outbox {
 public:
  static Result<Outbox> open(const OutboxOptions& options);
  Outbox(Outbox&&) noexcept;
  Outbox& operator=(Outbox&&) noexcept;
  ~Outbox();

  // Validates (normalising text), assigns uuid, reference and created_at when empty, stores the
  // payload and one pending delivery per requested channel, and commits before returning.
  Result<Receipt> submit(Submission s);
  // Many submissions in one transaction (imports, benchmarks): all or nothing.
  Result<std::vector<Receipt>> submit_batch(std::vector<Submission> batch);
  // Adds submissions that already have uuid, reference and deliveries (bundle import), in one
  // transaction. Those whose uuid is already present are skipped. Returns how many were added.
  Result<std::size_t> import_stored(const std::vector<StoredSubmission>& batch);

  // Finds by reference code (as typed: grouping and case are normalised) or by uuid.
  Result<StoredSubmission> find(std::string_view reference_or_uuid);
  Result<std::vector<SubmissionSummary>> list(const ListFilter& filter = {});
  // Visits every submission in row order (for export); stops early when visit returns false.
  Result<void> for_each(const std::function<bool(const StoredSubmission&)>& visit);
  Result<OutboxStats> stats();

  // Delivery state machine (see the drawing at the top of this file).
  Result<std::vector<DueDelivery>> claim_due(std::string_view channel, std::size_t max_count, std::size_t max_bytes);
  // What claim_due would hand out, without claiming anything (`kioskctl sync --dry-run`).
  Result<std::vector<DueDelivery>> peek_due(std::string_view channel, std::size_t max_count, std::size_t max_bytes);
  // Later claims of this connection carry this run id (0: none).
  void set_claim_run(std::int64_t run_id);
  // Takes back every claim still in flight; the caller holds the sync run lock, so their runs are gone.
  // `journal_run` is the run whose sent journal `sent` is (0: none that can be trusted): its claims
  // that `sent` does not list go back unsent; every other claim becomes an uncertain retry, due
  // `uncertain_grace_ms` after it was claimed.
  Result<ClaimsTakenBack> take_back_claims(std::int64_t journal_run,
                                           const std::set<std::pair<std::string, std::int64_t>>& sent,
                                           std::int64_t uncertain_grace_ms);
  Result<void> mark_delivered(std::int64_t row_id, std::string_view channel, std::string_view remote_id,
                              std::string_view remote_display);
  Result<void> mark_retry(std::int64_t row_id, std::string_view channel, std::int64_t next_attempt_ms,
                          std::string_view error);
  Result<void> mark_parked(std::int64_t row_id, std::string_view channel, std::string_view reason);
  Result<std::size_t> requeue_parked(std::string_view channel);  // parked -> pending ("" = all channels)
  Result<void> set_remote_status(std::int64_t row_id, std::string_view channel, std::string_view status);
  // Whether another submission's delivery to this channel already has this remote id.
  Result<bool> remote_id_taken(std::string_view channel, std::string_view remote_id, std::int64_t except_row);
  // Replaces the remote id of a delivered item (e.g. an Open311 token resolved to its request id).
  Result<void> set_remote_id(std::int64_t row_id, std::string_view channel, std::string_view remote_id);
  Result<bool> add_answer(std::int64_t row_id, const Answer& answer);  // false if already stored
  // Applies many outcomes in one transaction (one fsync per batch). A delivered outcome stores its
  // remote id in the same statement that marks it done. Already-delivered rows are left alone. With a
  // channel state, it is saved in the same transaction (the engine's end of a round: one fsync).
  Result<void> record(const std::vector<DeliveryUpdate>& updates, const ChannelState* state = nullptr);
  // record() of a round's outcomes and its channel's state, then claim_due() of the next batch, in one
  // transaction: one fsync per round instead of two. Nothing is recorded or claimed when it fails.
  Result<std::vector<DueDelivery>> record_and_claim(const std::vector<DeliveryUpdate>& updates,
                                                    const ChannelState& state, std::string_view channel,
                                                    std::size_t max_count, std::size_t max_bytes);
  // Delivered items of a channel with a remote id, oldest poll first, delivered after since_ms and
  // whose remote status is not `closed_status`.
  Result<std::vector<RemoteRef>> followed(std::string_view channel, std::int64_t since_ms,
                                          std::string_view closed_status, std::size_t limit);
  // Parked deliveries and retries with an error, newest first.
  Result<std::vector<DeliveryProblem>> problems(std::size_t limit);
  // The same per channel: the newest `per_channel` parked and the newest `per_channel` retrying with an
  // error of every channel (one busy channel cannot hide another's), by channel, parked first.
  Result<std::vector<DeliveryProblem>> problems_per_channel(std::size_t per_channel);

  // Engine state per channel (defaults when never saved) and a small cache for offline use.
  Result<ChannelState> channel_state(std::string_view channel);
  Result<void> save_channel_state(const ChannelState& state);
  Result<std::optional<std::string>> cache_get(std::string_view key, std::int64_t* fetched_ms = nullptr);
  Result<void> cache_put(std::string_view key, std::string_view body);

  // Dictionaries of the kiosk's own: when the policy says one is due (enough submissions, and the newest
  // dictionary is the shipped one or policy.refresh_after submissions old) or with force, trains a new
  // one on the newest stored submissions, stores it and compresses new payloads with it from then on
  // (other connections switch at their next submit). Returns its id, or kNoDictionary when none was
  // due. Dictionaries are never deleted: every row stays readable with the one it was written with.
  Result<std::uint32_t> retrain_dictionary(const RetrainPolicy& policy = {}, bool force = false);

  // Retention: personal data out of fully delivered submissions older than days; returns how many.
  Result<std::size_t> purge(int days);

  // Run records (run_record.hpp). record_run fills the queue figures of each channel, answers the open
  // "sync now" requests made before the run started, prunes records older than keep_ms (keeping the
  // newest 100), all in one transaction; returns the record's id.
  Result<std::int64_t> record_run(RunRecord& run, std::int64_t keep_ms = 8 * 24 * 3600'000LL);
  // The newest runs first, at most limit, started at or after since_ms.
  Result<std::vector<RunRecord>> runs(std::size_t limit, std::int64_t since_ms = 0);
  // "Sync now" from the kiosk: a request row (returns its id); the next run answers it.
  Result<std::int64_t> request_sync();
  Result<std::optional<SyncRequest>> sync_request(std::int64_t id);
  Result<std::size_t> open_sync_requests();

  // News for the idle screen.
  Result<bool> upsert_news(const NewsItem& item);
  // Urgent news that ended: clears the urgent flag of every item of `source` whose remote id is not in
  // `still_urgent`; returns how many ended.
  Result<std::size_t> keep_urgent_only(std::string_view source, const std::vector<std::string>& still_urgent);
  Result<std::vector<NewsItem>> latest_news(std::size_t limit);

  Result<std::string> integrity_check();  // "ok" or SQLite's findings
  // Copies the WAL into the database (PASSIVE: never waits for readers). For idle moments.
  Result<void> checkpoint();
  int schema_version() const;
  const std::filesystem::path& path() const;
  bool defers_fsync() const;
  // Writes this database's log (the -wal file) through to the disk: every commit before the call is
  // durable when it returns. Touches no SQLite state, so another thread may call it.
  Result<void> flush_wal() const;
  sqlite3* handle();  // for tests and benchmarks only

 private:
  struct Impl;
  explicit Outbox(std::unique_ptr<Impl> impl);
  Result<std::vector<DueDelivery>> due(std::string_view channel, std::size_t max_count, std::size_t max_bytes,
                                       bool claim);
  // The bodies of due() and record() inside the caller's transaction.
  Result<std::vector<DueDelivery>> due_in_tx(std::string_view channel, std::size_t max_count, std::size_t max_bytes,
                                             bool claim);
  Result<void> record_in_tx(const std::vector<DeliveryUpdate>& updates, const ChannelState* state);
  std::unique_ptr<Impl> m;
};

}  // namespace kiosk
