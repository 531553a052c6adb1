// Export and import of bundles (see bundle.hpp).
#include "kiosk/sync/bundle.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace kiosk {

using nlohmann::json;

json stored_to_json(const StoredSubmission& s) {
  json deliveries = json::array();
  for (const auto& d : s.deliveries) {
    json jd = {{"channel", d.channel},
               {"state", delivery_state_name(d.state)},
               {"attempts", d.attempts},
               {"updated_at", d.updated_ms}};
    if (d.next_attempt_ms) jd["next_attempt_at"] = d.next_attempt_ms;
    if (d.delivered_ms) jd["delivered_at"] = d.delivered_ms;
    if (!d.last_error.empty()) jd["last_error"] = d.last_error;
    if (!d.parked_reason.empty()) jd["parked_reason"] = d.parked_reason;
    if (!d.remote_id.empty()) jd["remote_id"] = d.remote_id;
    if (!d.remote_display.empty()) jd["remote_display"] = d.remote_display;
    if (!d.remote_status.empty()) jd["remote_status"] = d.remote_status;
    deliveries.push_back(std::move(jd));
  }
  json answers = json::array();
  for (const auto& a : s.answers)
    answers.push_back(
        {{"channel", a.channel}, {"remote_id", a.remote_id}, {"received_at", a.received_ms}, {"text", a.text}});
  json j = {{"submission", to_json(s.submission)},
            {"deliveries", std::move(deliveries)},
            {"answers", std::move(answers)}};
  if (s.purged_ms) j["purged_at"] = s.purged_ms;
  return j;
}

namespace {

// An integer field (fallback when absent). json's own conversion casts a float as it is, and 1e300 into
// an integer is undefined behaviour (found by tests/fuzz/bundle_fuzz): a float out of range throws, as a
// wrong type does.
template <typename T>
T integer(const json& j, const char* key, T fallback) {
  auto it = j.find(key);
  if (it == j.end()) return fallback;
  if (it->is_number_float()) {
    double d = it->get<double>();
    if (!(d >= static_cast<double>(std::numeric_limits<T>::min()) &&
          d < static_cast<double>(std::numeric_limits<T>::max())))
      throw std::range_error(std::string("'") + key + "' is out of range");
    return static_cast<T>(d);
  }
  return it->get<T>();
}

}  // namespace

Result<StoredSubmission> stored_from_json(const json& j) {
  auto bad = [](const std::string& what) { return make_error(Errc::bundle_format, "bundle record: " + what); };
  if (!j.is_object() || !j.contains("submission")) return bad("no submission");
  StoredSubmission out;
  auto sub = submission_from_json(j.at("submission"));
  if (!sub) return bad(sub.error().message);
  out.submission = std::move(*sub);
  try {
    out.purged_ms = integer(j, "purged_at", std::int64_t{0});
    for (const auto& jd : j.value("deliveries", json::array())) {
      Delivery d;
      d.channel = jd.at("channel").get<std::string>();
      auto st = parse_delivery_state(jd.at("state").get<std::string>());
      if (!st) return bad("unknown delivery state");
      d.state = *st;
      d.attempts = integer(jd, "attempts", 0);
      d.updated_ms = integer(jd, "updated_at", std::int64_t{0});
      d.next_attempt_ms = integer(jd, "next_attempt_at", std::int64_t{0});
      d.delivered_ms = integer(jd, "delivered_at", std::int64_t{0});
      d.last_error = jd.value("last_error", "");
      d.parked_reason = jd.value("parked_reason", "");
      d.remote_id = jd.value("remote_id", "");
      d.remote_display = jd.value("remote_display", "");
      d.remote_status = jd.value("remote_status", "");
      out.deliveries.push_back(std::move(d));
    }
    for (const auto& ja : j.value("answers", json::array()))
      out.answers.push_back(Answer{ja.at("channel").get<std::string>(), integer(ja, "received_at", std::int64_t{0}),
                                   ja.at("text").get<std::string>(), ja.value("remote_id", "")});
  } catch (const std::exception& e) {  // type errors, and integer() range errors
    return bad(e.what());
  }
  return out;
}

namespace {

struct CStreamDeleter {
  void operator()(ZSTD_CStream* p) const { ZSTD_freeCStream(p); }
};
struct DStreamDeleter {
  void operator()(ZSTD_DStream* p) const { ZSTD_freeDStream(p); }
};

class BundleWriter {
 public:
  explicit BundleWriter(std::FILE* f) : m_file(f), m_cs(ZSTD_createCStream()) {
    ZSTD_CCtx_setParameter(m_cs.get(), ZSTD_c_compressionLevel, 9);
    ZSTD_CCtx_setParameter(m_cs.get(), ZSTD_c_checksumFlag, 1);
    m_out.resize(ZSTD_CStreamOutSize());
  }
  bool write(std::string_view data, ZSTD_EndDirective mode = ZSTD_e_continue) {
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    for (;;) {
      ZSTD_outBuffer out{m_out.data(), m_out.size(), 0};
      size_t left = ZSTD_compressStream2(m_cs.get(), &out, &in, mode);
      if (ZSTD_isError(left)) return false;
      if (out.pos && std::fwrite(m_out.data(), 1, out.pos, m_file) != out.pos) return false;
      if (mode == ZSTD_e_end ? left == 0 : in.pos == in.size) return true;
    }
  }
  bool finish() { return write({}, ZSTD_e_end); }

 private:
  std::FILE* m_file;
  std::unique_ptr<ZSTD_CStream, CStreamDeleter> m_cs;
  std::string m_out;
};

}  // namespace

Result<BundleStats> export_bundle(Outbox& outbox, const std::filesystem::path& file, const ExportOptions& options,
                                  const std::string& kiosk_id, const Progress& progress) {
  auto stats = outbox.stats();
  if (!stats) return stats.error();
  // Collect first: the count goes in the header, and handover must only touch what was written.
  std::vector<StoredSubmission> rows;
  auto visited = outbox.for_each([&](const StoredSubmission& s) {
    bool undelivered = false;
    for (const auto& d : s.deliveries) undelivered |= d.state != DeliveryState::delivered;
    if (!options.undelivered_only || undelivered) rows.push_back(s);
    return true;
  });
  if (!visited) return visited.error();

  // Write next to the target and rename at the end: a half-written bundle never has the real name.
  auto tmp = file;
  tmp += ".part";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return make_error(Errc::io, "cannot write " + tmp.string() + ": " + std::strerror(errno));
  auto io_fail = [&](const std::string& what) {
    std::fclose(f);
    std::filesystem::remove(tmp);
    return make_error(Errc::io, what + " " + file.string() + " (is the stick full or removed?)");
  };
  BundleWriter w(f);
  json header = {{"format", "kiosk-bundle"},
                 {"version", kBundleVersion},
                 {"kiosk", kiosk_id},
                 {"created_at", format_utc(std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count())},
                 {"count", rows.size()},
                 {"undelivered_only", options.undelivered_only}};
  if (!w.write(header.dump() + "\n")) return io_fail("cannot write");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!w.write(stored_to_json(rows[i]).dump() + "\n")) return io_fail("cannot write");
    if (progress && (i % 256 == 0 || i + 1 == rows.size())) progress(i + 1, rows.size());
  }
  json trailer = {{"end", true}, {"count", rows.size()}};
  if (!w.write(trailer.dump() + "\n") || !w.finish()) return io_fail("cannot write");
  if (std::fflush(f) != 0 || ::fsync(fileno(f)) != 0) return io_fail("cannot flush");
  std::fclose(f);
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) return make_error(Errc::io, "cannot rename " + tmp.string() + ": " + ec.message());

  if (options.handover) {
    std::string reason = "handed over in bundle " + file.filename().string();
    for (const auto& s : rows)
      for (const auto& d : s.deliveries)
        if (d.state != DeliveryState::delivered)
          if (auto r = outbox.mark_parked(s.row_id, d.channel, reason); !r) return r.error();
  }
  if (rows.empty() && progress) progress(0, 0);
  return BundleStats{rows.size(), 0, 0};
}

Result<BundleStats> export_handover(Outbox& outbox, const std::filesystem::path& file, const std::string& kiosk_id,
                                    const Progress& progress) {
  return export_bundle(outbox, file, ExportOptions{/*undelivered_only=*/true, /*handover=*/true}, kiosk_id, progress);
}

std::string handover_file_name(const std::string& kiosk_id, std::int64_t now_ms) {
  std::string t = format_utc(now_ms);  // 2026-11-23T09:15:02.123Z
  std::string compact;
  for (char c : t.substr(0, 19))
    if (c != '-' && c != ':') compact += c;
  return "kiosk-" + kiosk_id + "-" + compact + "Z.kbundle";
}

Result<BundleStats> import_bundle(Outbox& outbox, const std::filesystem::path& file, const Progress& progress) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot read " + file.string());
  std::unique_ptr<ZSTD_DStream, DStreamDeleter> ds(ZSTD_createDStream());
  std::string inbuf(ZSTD_DStreamInSize(), '\0'), outbuf(ZSTD_DStreamOutSize(), '\0');
  std::string pending;
  BundleStats stats;
  std::size_t expected = 0;
  bool have_header = false, have_trailer = false, frame_done = false;
  std::vector<StoredSubmission> batch;
  auto bad = [&](const std::string& what) { return make_error(Errc::bundle_format, file.string() + ": " + what); };

  auto flush = [&]() -> Result<void> {
    if (batch.empty()) return {};
    auto added = outbox.import_stored(batch);
    if (!added) return added.error();
    stats.added += *added;
    stats.skipped += batch.size() - *added;
    batch.clear();
    if (progress) progress(stats.records, expected);
    return {};
  };

  auto handle_line = [&](std::string_view line) -> Result<void> {
    if (line.empty()) return {};
    if (have_trailer) return bad("data after the end marker");
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) return bad("a line is not JSON (damaged file?)");
    if (!j.is_object()) return bad("a line is not a JSON object (damaged file?)");
    // A header or end marker field of the wrong type is a damaged bundle (found by tests/fuzz/bundle_fuzz).
    try {
      if (!have_header) {
        if (j.value("format", "") != "kiosk-bundle") return bad("not a kiosk bundle");
        int v = integer(j, "version", 0);
        if (v < 1 || v > kBundleVersion)
          return bad("bundle version " + std::to_string(v) + " is newer than this kiosk reads (" +
                     std::to_string(kBundleVersion) + "); update the software");
        expected = integer(j, "count", std::size_t{0});
        have_header = true;
        return {};
      }
      if (j.value("end", false)) {
        if (integer(j, "count", std::size_t{0}) != stats.records)
          return bad("record count does not match the end marker");
        have_trailer = true;
        return {};
      }
    } catch (const std::exception& e) {
      return bad(std::string("damaged header or end marker (") + e.what() + ")");
    }
    auto rec = stored_from_json(j);
    if (!rec) return rec.error();
    batch.push_back(std::move(*rec));
    ++stats.records;
    if (batch.size() >= 500) return flush();
    return {};
  };

  while (in) {
    in.read(inbuf.data(), static_cast<std::streamsize>(inbuf.size()));
    std::size_t got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    ZSTD_inBuffer zin{inbuf.data(), got, 0};
    while (zin.pos < zin.size) {
      if (frame_done) return bad("extra data after the bundle");
      ZSTD_outBuffer zout{outbuf.data(), outbuf.size(), 0};
      size_t r = ZSTD_decompressStream(ds.get(), &zout, &zin);
      if (ZSTD_isError(r)) return bad(std::string("damaged (") + ZSTD_getErrorName(r) + ")");
      if (r == 0) frame_done = true;
      pending.append(outbuf.data(), zout.pos);
      std::size_t start = 0, nl;
      while ((nl = pending.find('\n', start)) != std::string::npos) {
        if (auto res = handle_line(std::string_view(pending).substr(start, nl - start)); !res) return res.error();
        start = nl + 1;
      }
      pending.erase(0, start);
    }
  }
  if (!frame_done || !have_trailer)
    return bad("the bundle is incomplete (copy interrupted?); nothing after the last complete batch was imported");
  if (auto r = flush(); !r) return r.error();
  if (stats.records != expected) return bad("header promised " + std::to_string(expected) + " records");
  return stats;
}

}  // namespace kiosk
