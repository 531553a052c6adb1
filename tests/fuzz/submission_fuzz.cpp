// Fuzz target: what `kioskctl submit` reads (sync/tools/kioskctl.cpp, cmd_submit): one JSON object or JSON
// lines, each through parse_submission (sync/model/submission.cpp), routing and validation as kioskctl
// does, and the valid ones stored in a real outbox (Outbox::submit_batch: normalising, compression and
// the write).
#include "fuzz_support.hpp"
#include "kiosk/sync/validate.hpp"

namespace {

struct World {
  kiosk::Config config = kiosk::demo_config();
  kiosk::Outbox box = [] {
    kiosk::OutboxOptions o;
    o.path = kiosk::fuzz::scratch_dir() / "submit.sqlite";
    o.defer_fsync = true;
    auto b = kiosk::Outbox::open(o);
    if (!b) std::abort();
    return std::move(*b);
  }();
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World* w = new World();
  std::string_view all = kiosk::fuzz::text(data, size);
  // As kioskctl: the whole input if it is one JSON object, else each non-blank line.
  std::vector<std::string_view> docs;
  auto whole = nlohmann::json::parse(all, nullptr, false);
  if (!whole.is_discarded() && whole.is_object()) {
    docs.push_back(all);
  } else {
    for (std::size_t start = 0; start <= all.size();) {
      auto nl = all.find('\n', start);
      auto line = all.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) docs.push_back(line);
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
  }
  std::vector<kiosk::Submission> batch;
  for (auto doc : docs) {
    auto s = kiosk::parse_submission(doc);
    if (!s) continue;
    (void)kiosk::to_json(*s).dump();
    if (s->kiosk_id.empty()) s->kiosk_id = w->config.kiosk.id;
    if (s->channels.empty()) s->channels = kiosk::route(w->config, s->kind, s->consents.publish);
    kiosk::Submission probe = *s;
    if (probe.created_at_ms <= 0) probe.created_at_ms = 1;
    if (!kiosk::validate(probe)) continue;
    batch.push_back(std::move(*s));
  }
  if (!batch.empty()) (void)w->box.submit_batch(std::move(batch));
  return 0;
}
