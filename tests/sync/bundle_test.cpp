// Tests for export bundles: lossless, idempotent, truncation and version errors.
#include "kiosk/sync/bundle.hpp"

#include <gtest/gtest.h>
#include <zstd.h>

#include <nlohmann/json.hpp>

#include "kiosk/sync/synth.hpp"
#include "test_support.hpp"

using namespace kiosk;
using kiosk::test::TempDir;

namespace {
OutboxOptions opts(const std::filesystem::path& p) {
  OutboxOptions o;
  o.path = p;
  auto d = load_latest_dictionary(std::filesystem::path(KIOSK_SOURCE_ASSETS_DIR) / "dict");
  if (d) o.dictionary = *d;
  return o;
}

std::vector<nlohmann::json> dump_all(Outbox& box) {
  std::vector<nlohmann::json> out;
  auto r = box.for_each([&](const StoredSubmission& s) {
    out.push_back(stored_to_json(s));
    return true;
  });
  EXPECT_TRUE(r.ok());
  return out;
}
}  // namespace

TEST(bundle_test, export_then_import_is_lossless_and_idempotent) {
  TempDir dir;
  auto a = Outbox::open(opts(dir / "a.sqlite"));
  ASSERT_TRUE(a.ok());
  auto subs = synth_submissions(42, 300);
  auto receipts = a->submit_batch(subs);
  ASSERT_TRUE(receipts.ok()) << receipts.error().message;
  // Give some rows history: delivered, parked, an answer.
  auto first = a->find((*receipts)[0].reference);
  const auto& ch = first->deliveries.front().channel;
  ASSERT_TRUE(a->mark_delivered(first->row_id, ch, "remote-1", "SIG-1").ok());
  ASSERT_TRUE(a->add_answer(first->row_id, Answer{ch, 1767300000000, "Opgelost, dank u wel.", "r1"}).ok());
  auto second = a->find((*receipts)[1].reference);
  ASSERT_TRUE(a->mark_parked(second->row_id, second->deliveries.front().channel, "400 bad").ok());

  auto file = dir / "queue.kbundle";
  auto ex = export_bundle(*a, file, {}, "demo-bieb-01");
  ASSERT_TRUE(ex.ok()) << ex.error().message;
  EXPECT_EQ(ex->records, 300u);

  auto b = Outbox::open(opts(dir / "b.sqlite"));
  ASSERT_TRUE(b.ok());
  auto im = import_bundle(*b, file);
  ASSERT_TRUE(im.ok()) << im.error().message;
  EXPECT_EQ(im->added, 300u);
  EXPECT_EQ(dump_all(*a), dump_all(*b));

  auto again = import_bundle(*b, file);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0u);
  EXPECT_EQ(again->skipped, 300u);
  EXPECT_EQ(b->stats()->submissions, 300);
  EXPECT_EQ(dump_all(*a), dump_all(*b));
}

TEST(bundle_test, truncated_bundle_is_an_error) {
  TempDir dir;
  auto a = Outbox::open(opts(dir / "a.sqlite"));
  ASSERT_TRUE(a->submit_batch(synth_submissions(7, 2000)).ok());
  auto file = dir / "q.kbundle";
  ASSERT_TRUE(export_bundle(*a, file, {}, "k").ok());
  auto bytes = test::read_file(file);
  {
    std::ofstream out(dir / "cut.kbundle", std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() * 2 / 3));
  }
  auto b = Outbox::open(opts(dir / "b.sqlite"));
  auto im = import_bundle(*b, dir / "cut.kbundle");
  ASSERT_FALSE(im.ok());
  EXPECT_EQ(im.error().code, Errc::bundle_format);
  EXPECT_NE(im.error().message.find("incomplete"), std::string::npos) << im.error().message;
  // Whatever arrived before the cut is whole and importing the full bundle afterwards completes it.
  auto full = import_bundle(*b, file);
  ASSERT_TRUE(full.ok()) << full.error().message;
  EXPECT_EQ(b->stats()->submissions, 2000);
}

TEST(bundle_test, handover_parks_exported_open_deliveries) {
  TempDir dir;
  auto a = Outbox::open(opts(dir / "a.sqlite"));
  ASSERT_TRUE(a->submit_batch(synth_submissions(9, 20)).ok());
  auto ex = export_bundle(*a, dir / "h.kbundle", ExportOptions{true, true}, "k");
  ASSERT_TRUE(ex.ok());
  auto st = a->stats();
  std::int64_t parked = 0, pending = 0;
  for (auto& [c, m] : st->deliveries) {
    parked += m["parked"];
    pending += m["pending"];
  }
  EXPECT_GT(parked, 0);
  EXPECT_EQ(pending, 0);
  // The importer gets them as pending.
  auto b = Outbox::open(opts(dir / "b.sqlite"));
  ASSERT_TRUE(import_bundle(*b, dir / "h.kbundle").ok());
  std::int64_t b_pending = 0;
  auto b_stats = b->stats();
  for (auto& [c, m] : b_stats->deliveries) b_pending += m["pending"];
  EXPECT_EQ(b_pending, parked);
}

TEST(bundle_test, not_a_bundle_and_newer_version_are_refused) {
  TempDir dir;
  auto b = Outbox::open(opts(dir / "b.sqlite"));
  {
    std::ofstream out(dir / "junk.kbundle");
    out << "hello";
  }
  auto junk = import_bundle(*b, dir / "junk.kbundle");
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.error().code, Errc::bundle_format);
  EXPECT_EQ(b->stats()->submissions, 0);
}

// Lines that are JSON but not what a header or end marker holds (found by tests/fuzz/bundle_fuzz: each
// threw a nlohmann exception out of import_bundle) are a damaged bundle, and nothing is imported.
TEST(bundle_test, header_and_end_marker_of_the_wrong_shape_are_bundle_errors) {
  TempDir dir;
  auto b = Outbox::open(opts(dir / "b.sqlite"));
  ASSERT_TRUE(b.ok());
  const std::string header = R"({"format":"kiosk-bundle","version":1,"count":0})";
  for (std::string lines :
       {std::string("5\n"), std::string("[\"kiosk-bundle\"]\n"), std::string(R"({"format":1})") + "\n",
        std::string(R"({"format":"kiosk-bundle","version":"1"})") + "\n",
        std::string(R"({"format":"kiosk-bundle","version":1,"count":"0"})") + "\n",
        header + "\n" + R"({"end":1,"count":0})" + "\n", header + "\n" + R"({"end":true,"count":null})" + "\n",
        header + "\nnull\n",
        // A float out of an integer's range (undefined behaviour when cast, found by
        // the fuzz target under UBSan; before, it imported a garbage value).
        std::string(R"({"format":"kiosk-bundle","version":1e300,"count":0})") + "\n",
        std::string(R"({"format":"kiosk-bundle","version":1,"count":-1e300})") + "\n"}) {
    std::string z(ZSTD_compressBound(lines.size()), '\0');
    z.resize(ZSTD_compress(z.data(), z.size(), lines.data(), lines.size(), 1));
    {
      std::ofstream out(dir / "odd.kbundle", std::ios::binary);
      out << z;
    }
    Result<BundleStats> r = make_error(Errc::io, "not run");
    EXPECT_NO_THROW(r = import_bundle(*b, dir / "odd.kbundle")) << lines;
    ASSERT_FALSE(r.ok()) << lines;
    EXPECT_EQ(r.error().code, Errc::bundle_format) << lines << ": " << r.error().message;
  }
  EXPECT_EQ(b->stats()->submissions, 0);
}

// Record times that are floats out of range are a damaged record, not a garbage time (undefined
// behaviour when cast; found by tests/fuzz/bundle_fuzz under UBSan).
TEST(bundle_test, record_times_out_of_range_are_bundle_errors) {
  TempDir dir;
  auto b = Outbox::open(opts(dir / "b.sqlite"));
  ASSERT_TRUE(b.ok());
  Submission s = test::sample_question();
  auto receipt = b->submit(s);
  ASSERT_TRUE(receipt.ok());
  auto stored = b->find(receipt->uuid);
  ASSERT_TRUE(stored.ok());
  nlohmann::json rec = stored_to_json(*stored);
  rec["deliveries"][0]["updated_at"] = 1.7e23;
  auto r = stored_from_json(rec);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::bundle_format) << r.error().message;
  rec["deliveries"][0]["updated_at"] = 1767258000000.0;  // a float in range is still read
  EXPECT_TRUE(stored_from_json(rec).ok());
}
