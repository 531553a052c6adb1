// Tests of "export queue to USB stick" (kiosk/core/export.hpp) as the technician screen runs it
// (Session::export_queue) and "import queue from USB stick" (Session::import_queue) on another kiosk:
// the queue handed over to another kiosk is delivered once, by that kiosk only,
// against the contract servers (before: the screen's export left out the hand-over, and both kiosks
// delivered everything).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "kiosk/core/export.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/sync/bundle.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/sync/engine.hpp"
#include "sync_fixture.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {

struct Kiosk {
  Config config;
  std::unique_ptr<Outbox> outbox;
  explicit Kiosk(const test::SyncWorld& world, const std::filesystem::path& path) : config(world.config(path)) {
    auto box = Outbox::open(test::outbox_options_for(config));
    EXPECT_TRUE(box.ok()) << (box.ok() ? "" : box.error().message);
    outbox = std::make_unique<Outbox>(std::move(box.value()));
  }
  RunReport sync(const test::SyncWorld& world) {
    CurlTransport transport;
    Engine engine(config, world.secrets, *outbox, transport, SystemClock::instance(), test::fast_engine());
    auto rep = engine.run_once();
    EXPECT_TRUE(rep.ok()) << (rep.ok() ? "" : rep.error().message);
    return rep.ok() ? *rep : RunReport{};
  }
};

}  // namespace

TEST(export_test, a_queue_exported_on_the_screen_and_imported_elsewhere_is_delivered_once) {
  test::TempDir dir;
  test::SyncWorld world;
  Kiosk a(world, dir / "a.sqlite"), b(world, dir / "b.sqlite");
  std::vector<std::string> refs;
  for (int i = 0; i < 3; ++i) {
    Submission q = test::sample_question();
    q.text += " (" + std::to_string(i) + ")";
    Submission r = test::sample_report();
    r.category = "afval/container-is-vol";  // one with a Signalen sub category
    r.text += " (" + std::to_string(i) + ")";
    for (auto* s : {&q, &r}) {
      auto receipt = a.outbox->submit(*s);
      ASSERT_TRUE(receipt.ok()) << receipt.error().message;
      refs.push_back(receipt->reference);
    }
  }

  // Kiosk A's technician screen: "export queue to USB stick", through the session as the screen calls it.
  auto tree = CategoryTree::load_default();
  ASSERT_TRUE(tree.ok());
  core::Session session(a.config, *tree, a.outbox.get(), SystemClock::instance());
  std::filesystem::path stick = dir / "stick";
  std::filesystem::create_directories(stick);
  core::BackgroundCommand job;
  ASSERT_EQ(session.export_queue(job, {}, stick), core::StickStart::started);
  while (job.running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto result = job.result();
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->exit_code, 0) << result->output;
  std::vector<std::filesystem::path> bundles;
  for (const auto& e : std::filesystem::directory_iterator(stick)) bundles.push_back(e.path());
  ASSERT_EQ(bundles.size(), 1u);
  EXPECT_EQ(bundles[0].extension(), ".kbundle");

  // Kiosk B's technician screen: "import queue from USB stick", twice (the second adds nothing).
  core::Session session_b(b.config, *tree, b.outbox.get(), SystemClock::instance());
  for (std::size_t want : {refs.size(), std::size_t{0}}) {
    ASSERT_EQ(session_b.import_queue(job, {}, stick), core::StickStart::started);
    while (job.running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto imported = job.result();
    ASSERT_TRUE(imported.has_value());
    ASSERT_EQ(imported->exit_code, 0) << imported->output;
    EXPECT_NE(imported->output.find(std::to_string(want) + " submissions imported from 1 bundles"), std::string::npos)
        << imported->output;
    // The screen's words: the catalog key and the counts (not the English log line).
    EXPECT_EQ(imported->key, "tech.import.done");
    EXPECT_EQ(imported->values.at(0), (std::pair<std::string, std::string>{"n", std::to_string(want)}));
  }

  // Both kiosks sync, A first: A delivers nothing it handed over, B delivers everything once.
  a.sync(world);
  b.sync(world);
  a.sync(world);
  EXPECT_EQ(world.openklant->contacts().size(), 3u);
  for (const auto& [object_id, n] : world.openklant->count_by_object_id()) EXPECT_EQ(n, 1) << object_id;
  EXPECT_EQ(world.signalen->signals().size(), 3u);
  for (const auto& [reference, n] : world.signalen->count_by_reference()) EXPECT_EQ(n, 1) << reference;
  EXPECT_EQ(world.mastodon->statuses().size(), 3u);
  for (const auto& ref : refs) {
    auto at_b = b.outbox->find(ref);
    ASSERT_TRUE(at_b.ok());
    for (const auto& d : at_b->deliveries)
      EXPECT_EQ(d.state, DeliveryState::delivered)
          << ref << " " << d.channel << ": " << d.parked_reason << d.last_error;
    auto at_a = a.outbox->find(ref);
    ASSERT_TRUE(at_a.ok());
    for (const auto& d : at_a->deliveries) {
      EXPECT_EQ(d.state, DeliveryState::parked) << ref << " " << d.channel;
      EXPECT_NE(d.parked_reason.find("handed over"), std::string::npos) << d.parked_reason;
    }
  }
}

TEST(export_test, no_stick_is_said_and_nothing_is_parked) {
  test::TempDir dir;
  test::SyncWorld world;
  Kiosk a(world, dir / "a.sqlite");
  ASSERT_TRUE(a.outbox->submit(test::sample_report()).ok());
  auto r = core::export_to_stick(*a.outbox, a.config.kiosk.id, dir / "no-such-stick", 1'700'000'000'000);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(r.output.empty());
  ListFilter f;
  f.state = DeliveryState::parked;
  auto parked = a.outbox->list(f);
  ASSERT_TRUE(parked.ok());
  EXPECT_TRUE(parked->empty()) << "a failed export must hand nothing over";
}

TEST(export_test, import_from_a_stick_without_bundles_says_so) {
  test::TempDir dir;
  test::SyncWorld world;
  Kiosk a(world, dir / "a.sqlite");
  std::filesystem::create_directories(dir / "stick");
  { std::ofstream(dir / "stick" / "holiday.jpg") << "not a bundle"; }
  auto r = core::import_from_stick(*a.outbox, dir / "stick");
  EXPECT_EQ(r.exit_code, as_int(ExitCode::not_found));
  EXPECT_NE(r.output.find("no hand-over bundle"), std::string::npos) << r.output;
}

TEST(export_test, a_directory_that_is_not_a_mount_point_is_no_stick) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "media" / "kiosk" / "sda1");  // left behind by a pulled stick
  core::UsbPlaces places;
  places.roots = {dir / "media"};
  places.fixed = dir / "media";
  EXPECT_TRUE(core::find_usb_stick(places).empty());
  places.fixed = "/proc";  // a mounted file system stands in for a stick
  EXPECT_EQ(core::find_usb_stick(places), std::filesystem::path("/proc"));
}

TEST(export_test, eject_asks_the_system_and_waits_until_the_stick_is_gone) {
  test::TempDir dir;
  core::UsbPlaces places;
  places.roots = {};
  places.eject_request = dir / "eject";
  places.fixed = dir / "none";
  auto gone = core::eject_stick(places, 1'000);  // nothing mounted: done at once
  EXPECT_EQ(gone.exit_code, 0) << gone.output;
  EXPECT_TRUE(std::filesystem::exists(places.eject_request));
  std::filesystem::remove(places.eject_request);
  places.fixed = "/proc";  // never unmounted here: the kiosk says so after the wait
  auto busy = core::eject_stick(places, 300);
  EXPECT_NE(busy.exit_code, 0);
  EXPECT_NE(busy.output.find("still in use"), std::string::npos) << busy.output;
  EXPECT_TRUE(std::filesystem::exists(places.eject_request));
}
