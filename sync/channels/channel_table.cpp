// The channel table (channel_descriptor.hpp): one line per channel, each descriptor defined next to its
// adapter. The order is stored (Submission::channels as bits in v2 payloads, codec.cpp): append only.
#include <algorithm>

#include "kiosk/sync/channel_descriptor.hpp"

#define KIOSK_CHANNEL_TABLE(X) \
  X(openklant)                 \
  X(signalen)                  \
  X(open311)                   \
  X(mastodon)                  \
  /* a new channel: one line above this one */

namespace kiosk {

#define KIOSK_DECLARE_CHANNEL(name) extern const ChannelDescriptor name##_channel;
KIOSK_CHANNEL_TABLE(KIOSK_DECLARE_CHANNEL)
#undef KIOSK_DECLARE_CHANNEL

namespace {
#define KIOSK_CHANNEL_ENTRY(name) &name##_channel,
constinit const ChannelDescriptor* const kTable[] = {KIOSK_CHANNEL_TABLE(KIOSK_CHANNEL_ENTRY)};
#undef KIOSK_CHANNEL_ENTRY
}  // namespace

std::span<const ChannelDescriptor* const> channel_descriptors() { return kTable; }

const ChannelDescriptor* find_channel(std::string_view name) {
  for (const ChannelDescriptor* d : kTable)
    if (d->name == name) return d;
  return nullptr;
}

bool is_public_channel(std::string_view name) {
  const ChannelDescriptor* d = find_channel(name);
  return d != nullptr && d->is_public;
}

const ChannelSetting* ChannelDescriptor::setting(std::string_view key) const {
  auto it = std::find_if(settings.begin(), settings.end(), [&](const ChannelSetting& s) { return s.key == key; });
  return it == settings.end() ? nullptr : &*it;
}

}  // namespace kiosk
