// Where a report is, end to end: the session as the location screen drives it (map tap, typed address
// picked from the suggestions or typed in full, an address the list does not have), the outbox, the sync
// engine, and the Signalen and Open311 contract servers on loopback. Before: a typed address went to
// Signalen with the kiosk's own point, so the problem showed up at the library on the municipality's map.
#include <gtest/gtest.h>

#include <fstream>

#include "kiosk/core/session.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/refcode.hpp"
#include "sync_fixture.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {

constexpr GeoPoint kCentre{52.0950, 5.1150};  // the municipality's centre (map.centre)
constexpr GeoPoint kKerkstraat12{52.0931, 5.1187};
constexpr GeoPoint kKerkstraat14{52.0932, 5.1190};

struct World {
  test::TempDir dir;
  test::SyncWorld servers;
  Config config;
  std::unique_ptr<Outbox> outbox;
  CategoryTree tree;

  World() {
    config = servers.config(dir / "outbox.sqlite");
    config.routing.report = {"signalen", "open311"};
    config.channels["signalen"].enabled = true;
    config.channels["open311"].enabled = true;
    config.map.addresses = dir / "addresses.tsv";
    config.map.centre_lat = kCentre.lat;
    config.map.centre_lon = kCentre.lon;
    std::ofstream(config.map.addresses)
        << "# kiosk-addresses 1\n"
           "openbare_ruimte\thuisnummer\thuisletter\thuisnummer_toevoeging\tpostcode\twoonplaats\tlat\tlon\n"
           "Kerkstraat\t12\t\t\t1234AB\tVoorbeeldstad\t52.0931\t5.1187\n"
           "Kerkstraat\t14\t\t\t1234AB\tVoorbeeldstad\t52.0932\t5.1190\n"
           "Kerkweg\t1\t\t\t1235AA\tVoorbeeldstad\t52.0800\t5.1000\n";
    auto box = Outbox::open(test::outbox_options_for(config));
    EXPECT_TRUE(box.ok()) << (box.ok() ? "" : box.error().message);
    outbox = std::make_unique<Outbox>(std::move(box.value()));
    auto t = CategoryTree::load_default();
    EXPECT_TRUE(t.ok());
    tree = std::move(t.value());
  }

  // A report through the session: category, then `locate` on the location screen, then a description.
  template <class Locate>
  std::string report(Locate&& locate) {
    core::Session s(config, tree, outbox.get(), SystemClock::instance());
    EXPECT_TRUE(s.addresses_error().empty()) << s.addresses_error();
    s.start();
    s.choose(core::Flow::report);
    s.pick_category("wegen-verkeer-straatmeubilair");
    s.pick_subcategory("bestrating");
    EXPECT_EQ(s.screen(), core::Screen::report_location);
    locate(s);
    s.next();
    EXPECT_EQ(s.screen(), core::Screen::report_description);
    s.report().description = "Losse tegel";
    s.next();
    s.next();  // no contact details
    EXPECT_EQ(s.screen(), core::Screen::report_review);
    s.submit();
    EXPECT_EQ(s.screen(), core::Screen::receipt);
    return s.receipt() ? s.receipt()->reference : "";
  }

  void sync() {
    CurlTransport transport;
    Engine engine(config, servers.secrets, *outbox, transport, SystemClock::instance(), test::fast_engine());
    auto rep = engine.run_once();
    ASSERT_TRUE(rep.ok()) << rep.error().message;
  }

  nlohmann::json signal(const std::string& ref) {
    for (const auto& s : servers.signalen->signals())
      if (s.body["extra_properties"][0]["answer"] == refcode::group(ref)) return s.body;
    ADD_FAILURE() << "no signal for " << ref;
    return {};
  }
  std::map<std::string, std::string> request(const std::string& ref) {
    for (const auto& r : servers.open311->requests_stored())
      if (r.fields.at("description").find(refcode::group(ref)) != std::string::npos) return r.fields;
    ADD_FAILURE() << "no Open311 request for " << ref;
    return {};
  }
};

void expect_signal_at(const nlohmann::json& body, GeoPoint p) {
  const auto& c = body["location"]["geometrie"]["coordinates"];
  ASSERT_TRUE(c.is_array()) << body.dump();
  EXPECT_NEAR(c[0].get<double>(), p.lon, 1e-6) << body.dump();
  EXPECT_NEAR(c[1].get<double>(), p.lat, 1e-6) << body.dump();
}

void expect_request_at(const std::map<std::string, std::string>& f, GeoPoint p) {
  ASSERT_TRUE(f.count("lat") && f.count("long"));
  EXPECT_NEAR(std::stod(f.at("lat")), p.lat, 1e-6);
  EXPECT_NEAR(std::stod(f.at("long")), p.lon, 1e-6);
}

bool near(GeoPoint a, GeoPoint b) { return std::abs(a.lat - b.lat) < 1e-5 && std::abs(a.lon - b.lon) < 1e-5; }

TEST(report_location_test, map_tap_and_typed_address_reach_signalen_and_open311_at_their_point) {
  World w;
  const GeoPoint tapped{52.09123, 5.12345};
  std::string by_map = w.report([&](core::Session& s) { s.pick_on_map(tapped); });
  std::string by_suggestion = w.report([&](core::Session& s) {
    core::LocationChoice c;
    c.kind = core::LocationChoice::typed_in;
    s.pick_location(std::move(c));
    s.report().location.typed = "kerkstr 12";
    auto sugg = s.address_suggestions(5);
    ASSERT_FALSE(sugg.empty());
    s.pick_address(sugg.front());
  });
  std::string by_typing = w.report([&](core::Session& s) {
    core::LocationChoice c;
    c.kind = core::LocationChoice::typed_in;
    s.pick_location(std::move(c));
    s.report().location.typed = "Kerkstraat 14";  // typed in full, no suggestion tapped
  });
  w.sync();

  auto sig = w.signal(by_map);
  expect_signal_at(sig, tapped);
  expect_request_at(w.request(by_map), tapped);

  sig = w.signal(by_suggestion);
  expect_signal_at(sig, kKerkstraat12);
  EXPECT_NE(sig["text"].get<std::string>().find("Locatie: Kerkstraat 12, 1234 AB Voorbeeldstad"), std::string::npos)
      << sig["text"];
  auto req = w.request(by_suggestion);
  expect_request_at(req, kKerkstraat12);
  EXPECT_EQ(req["address_string"], "Kerkstraat 12, 1234 AB Voorbeeldstad");

  expect_signal_at(w.signal(by_typing), kKerkstraat14);
  expect_request_at(w.request(by_typing), kKerkstraat14);
}

TEST(report_location_test, an_unmatched_address_never_carries_the_kiosks_point) {
  World w;
  const GeoPoint kiosk{*w.config.kiosk.location.lat, *w.config.kiosk.location.lon};
  std::string typed = w.report([&](core::Session& s) {
    core::LocationChoice c;
    c.kind = core::LocationChoice::typed_in;
    s.pick_location(std::move(c));
    s.report().location.typed = "Kerkstraat 99";
    EXPECT_EQ(s.typed_address(), nullptr);
  });
  // A row stored before the address list existed: typed text, no point, not marked approximate.
  Submission old = test::sample_report();
  old.category = "wegen-verkeer-straatmeubilair/bestrating";
  old.location = Location{"Kerkstraat 12", std::nullopt};
  old.channels = {"signalen", "open311"};
  auto stored = w.outbox->submit(old);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  w.sync();

  for (const std::string& ref : {typed, stored->reference}) {
    SCOPED_TRACE(ref);
    auto sig = w.signal(ref);
    expect_signal_at(sig, kCentre);
    const auto& c = sig["location"]["geometrie"]["coordinates"];
    EXPECT_FALSE(near({c[1].get<double>(), c[0].get<double>()}, kiosk));
    std::string text = sig["text"];
    EXPECT_NE(text.find("niet gevonden in de adreslijst"), std::string::npos) << text;
    EXPECT_NE(text.find("bij benadering"), std::string::npos) << text;
    // Open311 has address_string for this: no point at all, and the same note.
    auto req = w.request(ref);
    EXPECT_EQ(req.count("lat"), 0u);
    EXPECT_EQ(req.count("long"), 0u);
    EXPECT_NE(req["address_string"].find("Kerkstraat"), std::string::npos);
    EXPECT_NE(req["description"].find("bij benadering"), std::string::npos) << req["description"];
  }
  auto back = w.outbox->find(typed);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->submission.location.approximate);  // kept through the outbox's codec
  EXPECT_EQ(back->submission.location.text, "Kerkstraat 99");
}

TEST(report_location_test, without_a_centre_a_typed_address_waits_rather_than_going_to_the_kiosk) {
  World w;
  w.config.map.centre_lat.reset();
  w.config.map.centre_lon.reset();
  std::string typed = w.report([&](core::Session& s) {
    core::LocationChoice c;
    c.kind = core::LocationChoice::typed_in;
    s.pick_location(std::move(c));
    s.report().location.typed = "Nergensstraat 3";
  });
  w.sync();
  EXPECT_TRUE(w.servers.signalen->signals().empty());  // refused at build: set map.centre
  auto req = w.request(typed);                         // Open311 takes the address as text
  EXPECT_EQ(req.count("lat"), 0u);
  EXPECT_EQ(req["address_string"], "Nergensstraat 3");
}

}  // namespace
