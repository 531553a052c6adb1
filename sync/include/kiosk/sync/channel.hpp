// A channel adapter turns outbox deliveries into one municipal API's requests and reads its answers.
// Adapters never do I/O themselves: they build HttpRequests and interpret HttpResults, and the engine
// sends them (batched, over one Transport) and records the outcome. That keeps every adapter testable
// against the contract servers and lets `kioskctl sync --dry-run` print exactly what would be sent.
//
// One file per adapter in sync/channels/ (openklant.cpp, signalen.cpp, open311.cpp, mastodon.cpp), each with
// its descriptor (channel_descriptor.hpp), listed in channel_table.cpp.
// Every JSON body we send carries no version of its own (the APIs define the shape); the format
// version we own is the adapter's (kChannelFormatVersion, sent as the User-Agent's suffix).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/sync/categories.hpp"
#include "kiosk/sync/channel_descriptor.hpp"
#include "kiosk/sync/clock.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/error.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/transport.hpp"
#include "kiosk/sync/time.hpp"  // format_local for the adapters
#include "kiosk/sync/utf8.hpp"  // truncate_utf8 for the adapters

namespace kiosk {

namespace answer {
enum class Shape;  // json_read.hpp
}

// Version of the requests the adapters build. Bump when a mapping from Submission to an API changes.
inline constexpr int kChannelFormatVersion = 1;

// What an adapter needs from its surroundings.
struct ChannelEnv {
  const Config* config = nullptr;
  const Secrets* secrets = nullptr;
  const CategoryTree* categories = nullptr;
  Outbox* outbox = nullptr;  // for the adapter's small cache (instance limits, account id)
  const Clock* clock = nullptr;
};

// What the engine sends as one piece: usually one delivery; Open Klant poll tallies group the votes
// of one poll and day.
struct Unit {
  std::vector<const DueDelivery*> members;
  std::int64_t defer_until_ms = 0;  // > 0: not yet (a poll day that is not over); retry then
  bool uncertain() const {
    for (auto* m : members)
      if (m->uncertain) return true;
    return false;
  }
  const DueDelivery& first() const { return *members.front(); }
};

struct SendResult {
  DeliveryState state = DeliveryState::retry;  // delivered, retry or parked
  std::string remote_id;
  std::string remote_display;
  std::string error;                    // plain words, never personal data or secrets
  bool uncertain = false;               // the request may have arrived
  bool channel_failure = false;         // counts against the channel's circuit (network, 5xx, 429, auth)
  std::int64_t not_before_ms = 0;       // the server asked us to wait until then (Retry-After, X-RateLimit-Reset)
  std::vector<HttpRequest> follow_ups;  // to send after a success (Open Klant digital addresses)
};

enum class Found { yes, no, unknown };
struct LookupResult {
  Found found = Found::unknown;
  bool park = false;  // with unknown: the answer cannot settle it (e.g. ambiguous); a technician decides
  // With yes: it arrived, but not whole (Open Klant: the klantcontact without all its digital
  // addresses). The remote id is stored and the delivery comes due again at once; build() then sends
  // only what is missing.
  bool incomplete = false;
  std::string remote_id;
  std::string remote_display;
  std::string error;
};

struct StatusUpdate {
  bool ok = false;
  std::string status;     // new remote status (empty: unchanged)
  std::string remote_id;  // a resolved id (Open311 token -> service_request_id); empty: unchanged
  std::vector<Answer> answers;
  std::string error;
};

class Channel {
 public:
  explicit Channel(ChannelEnv env, const ChannelConfig& cfg) : m_env(env), m_cfg(cfg) {}
  virtual ~Channel() = default;
  std::string_view name() const { return m_cfg.name; }
  const ChannelConfig& config() const { return m_cfg; }

  // Groups claimed deliveries into units (default: one each).
  virtual std::vector<Unit> plan(const std::vector<DueDelivery>& due, std::int64_t now_ms);
  // The requests that deliver a unit. An error means it can never be sent as it is (parked).
  virtual Result<std::vector<HttpRequest>> build(const Unit& unit) = 0;
  virtual SendResult interpret(const Unit& unit, const std::vector<HttpResult>& results) = 0;
  // After follow-ups: delivered when all succeeded, else a retry that keeps the remote id.
  virtual SendResult finish(const Unit& unit, SendResult first, const std::vector<HttpResult>& follow_ups);

  // For uncertain units: a request that finds out whether it arrived; nullopt: no way to know.
  virtual std::optional<HttpRequest> build_lookup(const Unit&) { return std::nullopt; }
  virtual LookupResult interpret_lookup(const Unit&, const HttpResult&) { return {}; }
  // When no lookup is possible: resend anyway (the API deduplicates, e.g. Mastodon's Idempotency-Key)
  // or park for a technician (false).
  virtual bool resend_unverifiable() const { return false; }
  // A unit whose make-up decides what the server counts (Open Klant poll tallies) returns the id it is
  // sent under; the engine stores it on every member, marked uncertain, in a transaction before the
  // send. After a crash the members are grouped and looked up by exactly that id, never by a new mix.
  virtual std::string send_tag(const Unit&) const { return {}; }

  // Status and answers of delivered items.
  virtual std::optional<HttpRequest> build_status(const RemoteRef&) { return std::nullopt; }
  virtual StatusUpdate interpret_status(const RemoteRef&, const HttpResult&) { return {}; }
  virtual std::string_view closed_status() const { return "CLOSED"; }

  // Channel-wide fetches when online (category tree, instance limits, news); results stored via env.
  virtual std::vector<HttpRequest> build_refresh() { return {}; }
  virtual void apply_refresh(const std::vector<HttpResult>&) {}

  // `kioskctl channels test`: requests that check endpoint and credentials without side effects,
  // and a plain-words verdict ("" when fine).
  virtual std::vector<HttpRequest> build_probe() = 0;
  virtual std::string interpret_probe(const std::vector<HttpResult>& results) = 0;

  // Self-imposed pacing of POSTs (0: none): the configuration's, for a paced channel (its descriptor).
  int posts_per_hour() const { return m_cfg.posts_per_hour; }

 protected:
  HttpRequest request(std::string method, std::string path) const;
  // Maps a transport error or an HTTP error status to a SendResult (retry/park, circuit, wait).
  SendResult classify_failure(const HttpResult& r, std::string_view what) const;
  // A 2xx answer that cannot be read (an Errc::protocol error of the answer readers, json_read.hpp):
  // a retry of that delivery that counts against the channel. may_exist: the request may have been
  // processed (a create whose answer lacks its id), so the engine checks before sending again.
  SendResult unreadable_answer(std::string_view what, const Error& e, bool may_exist) const;
  // The same in plain words for lookups, status polls and refreshes.
  std::string unreadable(std::string_view what, const Error& e) const;
  // The body of a 200 answer, of `shape` at the top (json_read.hpp); otherwise nullopt and `error` in
  // plain words: "<prefix>HTTP <status>", the transport's message, or unreadable(what, …).
  std::optional<nlohmann::json> answer_of(const HttpResult& r, answer::Shape shape, std::string_view what,
                                          std::string& error, std::string_view prefix = {}) const;
  // A create's answer: 201 with the new id at id_path (json_read.hpp paths) is delivered with that remote
  // id, the body in *body; anything else is classify_failure(r, what), or an unreadable answer of a
  // request that may have created it. The caller goes on only when the state is delivered.
  SendResult created(const HttpResult& r, std::string_view what, std::string_view id_path, nlohmann::json* body) const;
  std::int64_t now() const { return m_env.clock ? m_env.clock->now_ms() : SystemClock::instance().now_ms(); }

  ChannelEnv m_env;
  ChannelConfig m_cfg;
};

// The adapter for a channel name, or nullptr for an unknown name.
std::unique_ptr<Channel> make_channel(const ChannelEnv& env, const ChannelConfig& cfg);
// A descriptor's factory (ChannelDescriptor::make) for an adapter class.
template <class Adapter>
std::unique_ptr<Channel> make_adapter(const ChannelEnv& env, const ChannelConfig& cfg) {
  return std::make_unique<Adapter>(env, cfg);
}

// Helpers shared by the adapters.
std::int64_t parse_retry_after(const HttpResponse& r,
                               std::int64_t now_ms);  // Retry-After / X-RateLimit-Reset; 0 if none
// ISO 639-1 -> ISO 639-2/B ("nl" -> "nld"); "und" when unknown.
std::string iso639_2b(std::string_view iso639_1);
// Short summary of an error body for logs and parked reasons (no more than 300 characters).
std::string error_summary(const HttpResponse& r);

// Where a report is, as the adapters send it. The point is the report's own; typed text without one (an
// address the list did not have, stored before the list existed) gets the municipality's centre
// (map.centre), approximate; no location at all means where the citizen stood, the kiosk. The kiosk's
// own point never goes with typed text. note: the Dutch line for the municipality's text ("Locatie: …",
// with a warning when approximate); empty when there is no text.
struct ReportPlace {
  std::optional<GeoPoint> point;  // empty: none known (no centre configured for typed text)
  bool approximate = false;
  std::string note;
};
ReportPlace report_place(const Location& loc, const Config& config);

}  // namespace kiosk
