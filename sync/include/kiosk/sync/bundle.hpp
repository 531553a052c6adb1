// Export bundles: a queue carried on a USB stick from a kiosk without network to one with network
// (or to a technician's laptop). A bundle is one zstd frame (with checksum) holding JSON lines:
//   {"format":"kiosk-bundle","version":1,"kiosk":...,"created_at":...,"count":N}   header
//   {"submission":{...},"deliveries":[...],"answers":[...],"purged_at":...}         N records
//   {"end":true,"count":N}                                                          trailer
// The trailer makes a truncated copy (stick pulled too early) an error instead of a silent loss.
// Importing is idempotent: submissions are keyed by their uuid.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>

#include <nlohmann/json.hpp>

#include "kiosk/sync/error.hpp"
#include "kiosk/sync/outbox.hpp"

namespace kiosk {

inline constexpr int kBundleVersion = 1;

struct ExportOptions {
  bool undelivered_only = false;  // only submissions with a delivery not yet delivered
  // Park the exported undelivered deliveries here ("handed over in bundle …") so this kiosk does not
  // deliver them too; `kioskctl requeue` undoes it.
  bool handover = false;
};

struct BundleStats {
  std::size_t records = 0;  // in the bundle
  std::size_t added = 0;    // import: new in this outbox
  std::size_t skipped = 0;  // import: already present
};

// done, total (total may be 0 when unknown).
using Progress = std::function<void(std::size_t done, std::size_t total)>;

Result<BundleStats> export_bundle(Outbox& outbox, const std::filesystem::path& file, const ExportOptions& options,
                                  const std::string& kiosk_id, const Progress& progress = {});
// The hand-over of a queue by USB stick, one code path for `kioskctl export --undelivered --handover` and
// the technician screen's "export queue to USB stick": every submission not yet delivered everywhere is
// written to `file`, then its open deliveries are parked here ("handed over in bundle …") so that only the
// kiosk that imports the bundle delivers them.
Result<BundleStats> export_handover(Outbox& outbox, const std::filesystem::path& file, const std::string& kiosk_id,
                                    const Progress& progress = {});
// A hand-over bundle's file name: kiosk-<kiosk id>-<UTC time as YYYYmmddTHHMMSSZ>.kbundle.
std::string handover_file_name(const std::string& kiosk_id, std::int64_t now_ms);

Result<BundleStats> import_bundle(Outbox& outbox, const std::filesystem::path& file, const Progress& progress = {});

nlohmann::json stored_to_json(const StoredSubmission& s);
Result<StoredSubmission> stored_from_json(const nlohmann::json& j);

}  // namespace kiosk
