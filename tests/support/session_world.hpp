// A core::Session as the kiosk runs one, for the kiosk_core tests (session_test, printer_test): the demo
// configuration (change it before open()), a real outbox file in a temporary directory, the shipped
// category tree and a fake clock.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "kiosk/core/session.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/sync/clock.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/setup.hpp"  // outbox_options
#include "test_support.hpp"

namespace kiosk::test {

struct SessionWorld {
  FakeClock clock;
  TempDir dir;
  Config config = demo_config();
  std::unique_ptr<Outbox> outbox;
  CategoryTree tree = *CategoryTree::load_default();
  std::unique_ptr<core::Session> s;

  // Opens the outbox (dir/o.sqlite, on the fake clock) and the session on the configuration as it is now.
  void open() {
    auto o = outbox_options(config);
    ASSERT_TRUE(o.ok()) << o.error().message;
    o->path = dir / "o.sqlite";
    o->clock = &clock;
    auto ob = Outbox::open(*o);
    ASSERT_TRUE(ob.ok()) << ob.error().message;
    outbox = std::make_unique<Outbox>(std::move(ob.value()));
    s = std::make_unique<core::Session>(config, tree, outbox.get(), clock);
  }
};

}  // namespace kiosk::test
