// The circuit breaker of one channel: whether the sync engine sends it a full batch, one probe, or
// nothing until its backoff ends. The engine keeps it in ChannelState (outbox.hpp) with the failure
// count and the backoff, and makes each transition through the function named on its arrow:
//
//               failed(): below the threshold it stays closed (the engine backs off)
//        ┌───────────────────┐
//        ▼                   │
//    ┌────────┐  failed(): failures >= threshold               ┌──────┐
//    │ closed │ ─────────────────────────────────────────────► │ open │  no requests before not_before
//    └────────┘                                                └──────┘
//      ▲    ▲                                          probe():  │  ▲  failed(), or probe_proved_nothing():
//      │    │  succeeded(): an answer to a round      backoff    │  │  no delivery to probe with, no
//      │    └─ that went out before it opened         over       ▼  │  answer, or the run ended meanwhile
//      │                                                      ┌───────────┐
//      └───────────── succeeded(): the probe batch of 1 ───── │ half_open │
//                                                             └───────────┘
//
// Stored as its name in the outbox's channel_state.circuit (kept to these three names by a CHECK since
// schema 2, migrations.hpp): the names are the persisted format. Renaming one or adding a state
// needs a numbered migration.
#pragma once

#include <optional>
#include <string_view>

namespace kiosk {

enum class CircuitState { closed, open, half_open };

// The stored name: "closed", "open", "half_open".
std::string_view circuit_name(CircuitState s) noexcept;
// The state of a stored name; nullopt for any other text.
std::optional<CircuitState> parse_circuit(std::string_view name) noexcept;

namespace circuit {

// A round that had an answer (a delivery, or a permanent refusal): closed, from any state.
CircuitState succeeded(CircuitState s) noexcept;
// A failed round, `failures` counting it: a probe that failed opens the circuit again, and so does a
// closed one at `threshold` failures in a row; below it the circuit stays closed (backoff only).
CircuitState failed(CircuitState s, int failures, int threshold) noexcept;
// The backoff of an open circuit ended: one probe batch of one delivery goes out (half_open).
// Other states are left as they are.
CircuitState probe(CircuitState s) noexcept;
// A probe that was not made or not answered, or was under way when a run ended, proved nothing:
// half_open goes back to open. Other states are left as they are.
CircuitState probe_proved_nothing(CircuitState s) noexcept;

}  // namespace circuit
}  // namespace kiosk
