// What the rest of the kiosk knows about a channel, in one place per adapter. Each adapter file
// (sync/channels/<name>.cpp) defines its descriptor next to its class; sync/channels/channel_table.cpp
// collects them in one table, one line per channel. Configuration (its keys in [channels.<name>]),
// secrets (its key in [<name>] of the secrets file), validation and routing (public or not, which kinds
// it carries), the engine (make_channel) and the session read the table; none of them names a channel.
//
// Adding a channel: its adapter with its descriptor, one line in channel_table.cpp, its contract server
// in tests/servers/ and its tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kiosk/sync/submission.hpp"

namespace kiosk {

class Channel;
struct ChannelEnv;
struct ChannelConfig;

// A channel's own key in [channels.<name>] (besides the keys every channel has).
enum class SettingType { text, flag, integer, text_list };
// The value of such a key in ChannelConfig::settings.
using SettingValue = std::variant<std::string, bool, std::int64_t, std::vector<std::string>>;

struct ChannelSetting {
  std::string_view key;
  SettingType type = SettingType::text;
  std::string_view text;                   // default of a text
  std::span<const std::string_view> list;  // default of a text list (empty unless given)
  bool flag = false;                       // default of a flag
  std::int64_t integer = 0;                // default of an integer, within [min, max]
  std::int64_t min = 0, max = 0;           // integer range
  std::string_view unit;                   // integer unit in messages ("posts per hour")
  // A text, or each element of a text list: "" when fine, else the problem in words ("must not be empty").
  std::string (*check)(std::string_view value) = nullptr;
};

constexpr unsigned kind_bit(Kind k) { return 1u << static_cast<unsigned>(k); }
constexpr unsigned kinds(std::initializer_list<Kind> list) {
  unsigned bits = 0;
  for (Kind k : list) bits |= kind_bit(k);
  return bits;
}

struct ChannelDescriptor {
  std::string_view name;  // [channels.<name>], Submission::channels, the outbox's delivery rows
  // Publishes what it receives (a social channel): it gets a submission only with the citizen's
  // consent to publish, and the kiosk asks for that consent when a kind is routed to it.
  bool is_public = false;
  unsigned carries = 0;                      // kinds(...) it can deliver; [routing] may send only these
  std::span<const ChannelSetting> settings;  // its own keys in [channels.<name>]
  std::string_view secret_key;               // its credential: [<name>] <secret_key> in the secrets file; "": none
  int posts_per_hour = 0;                    // default of its self-imposed pacing; 0: not paced (no such key)
  std::unique_ptr<Channel> (*make)(const ChannelEnv& env, const ChannelConfig& cfg) = nullptr;

  bool carries_kind(Kind k) const { return (carries & kind_bit(k)) != 0; }
  bool paced() const { return posts_per_hour > 0; }
  const ChannelSetting* setting(std::string_view key) const;
};

// The table, in its fixed order (stored payloads keep the channels as bits in this order: append only).
std::span<const ChannelDescriptor* const> channel_descriptors();
// The descriptor of a channel name, or nullptr.
const ChannelDescriptor* find_channel(std::string_view name);
// Whether a channel name is a public channel (false for unknown names).
bool is_public_channel(std::string_view name);

// The channel names in table order, as a range of string_view: `for (auto name : kChannelNames)`.
struct ChannelNames {
  struct iterator {
    const ChannelDescriptor* const* p;
    std::string_view operator*() const { return (*p)->name; }
    iterator& operator++() {
      ++p;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++p;
      return old;
    }
    bool operator==(const iterator&) const = default;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using reference = std::string_view;
    using pointer = void;
    using iterator_category = std::input_iterator_tag;
  };
  iterator begin() const { return {channel_descriptors().data()}; }
  iterator end() const { return {channel_descriptors().data() + channel_descriptors().size()}; }
  std::size_t size() const { return channel_descriptors().size(); }
};
inline constexpr ChannelNames kChannelNames{};

}  // namespace kiosk
