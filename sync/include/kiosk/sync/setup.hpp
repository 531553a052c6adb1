// Glue between the configuration and the outbox, shared by every program (kioskctl, sync service,
// kiosk UI) so they open the same database the same way.
#pragma once

#include <string>
#include <vector>

#include "kiosk/sync/config.hpp"
#include "kiosk/sync/outbox.hpp"

namespace kiosk {

// Options for Outbox::open from the configuration: path, kiosk id, prefix, time zone, size cap and the
// newest dictionary in storage.dictionary_dir (a missing dictionary is an error: the asset ships).
Result<OutboxOptions> outbox_options(const Config& config);
// The channels a kind of submission goes to according to [routing], with the public channel kept only
// when the citizen consented to publishing.
std::vector<std::string> route(const Config& config, Kind kind, bool publish_consent);
// Whether [routing] sends a kind to a public channel (then the kiosk asks for consent to publish).
bool routes_to_public_channel(const Config& config, Kind kind);

}  // namespace kiosk
