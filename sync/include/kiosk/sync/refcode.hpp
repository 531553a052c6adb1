// Human reference codes: what a citizen gets on the receipt and types on the look-up screen.
//
// Shape: 10 Crockford base32 characters, shown grouped as PP-BBBB-BBBC:
//   PP   kiosk prefix (2 chars, provisioned per kiosk: 1,024 kiosks per municipality)
//   B×7  body: a 35-bit serial, scrambled by a keyed bijection so codes don't look sequential
//   C    check character over GF(32)
// Uniqueness needs no coordination: prefixes differ between kiosks, and within a kiosk the serial
// only grows (the outbox issues max(last + 1, clock ticks of 1/16 s since 2025-01-01), so a
// re-flashed kiosk with an empty database still continues past its old codes).
// The check is c = sum(alpha^(i+1) * d_i) in GF(32) with distinct weights, check weight alpha^0:
// any single wrong character changes the sum by w*(d-d') != 0, and a swap of two different
// neighbours by (w_i - w_j)(d_a - d_b) != 0, so both are always detected. Fits Open Klant's
// referentienummer (<= 10 characters).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/sync/error.hpp"

namespace kiosk::refcode {

inline constexpr std::size_t kLength = 10;
inline constexpr std::size_t kPrefixLength = 2;
inline constexpr std::size_t kBodyLength = 7;
inline constexpr std::uint64_t kSerialBits = 35;
inline constexpr std::uint64_t kSerialMask = (std::uint64_t{1} << kSerialBits) - 1;
inline constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// 2025-01-01T00:00:00Z; 2^35 ticks of 1/16 s last until 2093.
inline constexpr std::int64_t kEpochMs = 1735689600000;

// A valid prefix is two characters of the alphabet (upper case).
bool valid_prefix(std::string_view prefix) noexcept;
// The scrambling key for a kiosk (derived from its id; obfuscation, not a secret).
std::uint64_t key_for_kiosk(std::string_view kiosk_id) noexcept;
// The serial the clock offers at unix_ms (1/16 s ticks since kEpochMs).
std::uint64_t clock_serial(std::int64_t unix_ms) noexcept;
// Builds the ungrouped code. serial must be <= kSerialMask; prefix must be valid.
std::string make(std::string_view prefix, std::uint64_t serial, std::uint64_t key);
// The check character for the first nine characters (already normalised).
char check_char(std::string_view first_nine);
// True when code is 10 normalised characters with a correct check character.
bool verify(std::string_view code) noexcept;
// Accepts what a person types: any case, spaces and hyphens, I/L for 1 and O for 0.
// Returns the 10-character canonical code or Errc::invalid_reference saying what is wrong.
Result<std::string> normalize(std::string_view typed);
// "DM7X4Q9M2C" -> "DM-7X4Q-9M2C".
std::string group(std::string_view code);

}  // namespace kiosk::refcode
