// Configuration -> outbox options and routing (see setup.hpp).
#include "kiosk/sync/setup.hpp"

#include <algorithm>

namespace kiosk {

Result<OutboxOptions> outbox_options(const Config& config) {
  OutboxOptions o;
  o.path = config.storage.outbox;
  o.kiosk_id = config.kiosk.id;
  o.code_prefix = config.kiosk.code_prefix;
  o.time_zone = config.kiosk.time_zone;
  o.max_bytes = config.storage.max_outbox_mb * 1024 * 1024;
  auto dict = load_latest_dictionary(config.storage.dictionary_dir);
  if (!dict) return make_error(dict.error().code, "compression dictionary: " + dict.error().message);
  o.dictionary = std::move(*dict);
  return o;
}

std::vector<std::string> route(const Config& config, Kind kind, bool publish_consent) {
  const std::vector<std::string>* list = &config.routing.question;
  switch (kind) {
    case Kind::question: list = &config.routing.question; break;
    case Kind::report: list = &config.routing.report; break;
    case Kind::idea: list = &config.routing.idea; break;
    case Kind::poll: list = &config.routing.poll; break;
  }
  std::vector<std::string> out;
  for (const auto& c : *list)
    if (publish_consent || !is_public_channel(c)) out.push_back(c);
  return out;
}

bool routes_to_public_channel(const Config& config, Kind kind) {
  auto channels = route(config, kind, true);
  return std::any_of(channels.begin(), channels.end(), [](const std::string& c) { return is_public_channel(c); });
}

}  // namespace kiosk
