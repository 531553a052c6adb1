// Tests for the circuit breaker: every transition of the state machine in circuit.hpp, and its stored
// form in the outbox (the three names, and a damaged one read as open).
#include "kiosk/sync/circuit.hpp"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include "kiosk/sync/outbox.hpp"
#include "test_support.hpp"

using namespace kiosk;
using kiosk::test::TempDir;

namespace {

constexpr CircuitState kAll[] = {CircuitState::closed, CircuitState::open, CircuitState::half_open};
constexpr int kThreshold = 3;

Result<Outbox> open_outbox(const TempDir& dir) {
  OutboxOptions o;
  o.path = dir.path() / "outbox.db";
  return Outbox::open(o);
}

}  // namespace

TEST(circuit_test, a_failure_below_the_threshold_keeps_it_closed) {
  EXPECT_EQ(circuit::failed(CircuitState::closed, 1, kThreshold), CircuitState::closed);
  EXPECT_EQ(circuit::failed(CircuitState::closed, kThreshold - 1, kThreshold), CircuitState::closed);
}

TEST(circuit_test, the_failure_at_the_threshold_opens_it) {
  EXPECT_EQ(circuit::failed(CircuitState::closed, kThreshold, kThreshold), CircuitState::open);
  EXPECT_EQ(circuit::failed(CircuitState::closed, kThreshold + 5, kThreshold), CircuitState::open);
}

TEST(circuit_test, a_failure_keeps_an_open_circuit_open) {
  EXPECT_EQ(circuit::failed(CircuitState::open, 1, kThreshold), CircuitState::open);
  EXPECT_EQ(circuit::failed(CircuitState::open, kThreshold + 1, kThreshold), CircuitState::open);
}

TEST(circuit_test, a_failed_probe_opens_it_again_whatever_the_count) {
  EXPECT_EQ(circuit::failed(CircuitState::half_open, 1, kThreshold), CircuitState::open);
  EXPECT_EQ(circuit::failed(CircuitState::half_open, kThreshold, kThreshold), CircuitState::open);
}

TEST(circuit_test, a_success_closes_it_from_every_state) {
  for (CircuitState s : kAll) EXPECT_EQ(circuit::succeeded(s), CircuitState::closed) << circuit_name(s);
}

TEST(circuit_test, the_end_of_the_backoff_turns_open_into_a_probe_only) {
  EXPECT_EQ(circuit::probe(CircuitState::open), CircuitState::half_open);
  EXPECT_EQ(circuit::probe(CircuitState::closed), CircuitState::closed);
  EXPECT_EQ(circuit::probe(CircuitState::half_open), CircuitState::half_open);
}

TEST(circuit_test, a_probe_that_proved_nothing_leaves_it_open) {
  EXPECT_EQ(circuit::probe_proved_nothing(CircuitState::half_open), CircuitState::open);
  EXPECT_EQ(circuit::probe_proved_nothing(CircuitState::open), CircuitState::open);
  EXPECT_EQ(circuit::probe_proved_nothing(CircuitState::closed), CircuitState::closed);
}

// The names are the stored format (channel_state.circuit and its CHECK): they must not drift.
TEST(circuit_test, stored_names_are_fixed_and_read_back) {
  EXPECT_EQ(circuit_name(CircuitState::closed), "closed");
  EXPECT_EQ(circuit_name(CircuitState::open), "open");
  EXPECT_EQ(circuit_name(CircuitState::half_open), "half_open");
  for (CircuitState s : kAll) EXPECT_EQ(parse_circuit(circuit_name(s)), s);
  EXPECT_EQ(parse_circuit("half-open"), std::nullopt);
  EXPECT_EQ(parse_circuit("Open"), std::nullopt);
  EXPECT_EQ(parse_circuit(""), std::nullopt);
}

TEST(circuit_test, every_state_survives_the_outbox) {
  TempDir dir;
  auto box = open_outbox(dir);
  ASSERT_TRUE(box.ok()) << box.error().message;
  EXPECT_EQ(box->channel_state("openklant")->circuit, CircuitState::closed);  // never saved
  for (CircuitState s : kAll) {
    ChannelState c;
    c.channel = "openklant";
    c.circuit = s;
    ASSERT_TRUE(box->save_channel_state(c).ok());
    EXPECT_EQ(box->channel_state("openklant")->circuit, s) << circuit_name(s);
    // As its name on disk, as schema 2 stores it.
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(box->handle(), "SELECT circuit FROM channel_state WHERE channel = 'openklant'", -1, &st,
                       nullptr);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))), circuit_name(s));
    sqlite3_finalize(st);
  }
}

// A row the schema's CHECK would refuse (a damaged file) costs a probe, never the run.
TEST(circuit_test, a_damaged_stored_name_reads_as_open) {
  TempDir dir;
  auto box = open_outbox(dir);
  ASSERT_TRUE(box.ok()) << box.error().message;
  ASSERT_EQ(sqlite3_exec(box->handle(),
                         "PRAGMA ignore_check_constraints = ON; "
                         "INSERT INTO channel_state (channel, circuit) VALUES ('signalen', 'ajar'); "
                         "PRAGMA ignore_check_constraints = OFF;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto st = box->channel_state("signalen");
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(st->circuit, CircuitState::open);
}
