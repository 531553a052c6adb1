// Technician: a PIN keypad (PIN stored hashed, wrong attempts slowed down), then version, queue depth per
// channel, last sync, last errors, disk free, "sync now" and "export queue to USB stick" (kioskctl of
// the same build; its error is shown when it fails).
#include <ctime>
#include <filesystem>

#include <fmt/format.h>

#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_technician_pin(Ui& ui) {
  ImVec2 p = begin_screen(ui, "technician_pin", ui.t("tech.pin.title"));
  float y = p.y;
  ImFont* cf = ui.fonts.code;
  std::string dots(ui.pin.size(), '*');
  ImGui::GetWindowDrawList()->AddText(cf, cf->FontSize, ImVec2(p.x, y), theme::col(theme::kText), dots.c_str());
  y += cf->FontSize + ui.m.gap;
  if (!ui.notice.empty()) y += text(ui, ui.notice, ImVec2(p.x, y), ui.display.x * 0.45f, theme::kError, ui.fonts.body);
  float kx = ui.display.x * 0.5f;
  Grid g = make_grid(ui, ImVec2(kx, p.y), 12, 3, ui.display.y - ui.m.pad);
  g.w = (ui.display.x - ui.m.pad - kx - 2 * g.gap) / 3;
  const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
  for (int i = 0; i < 9; ++i) {
    std::string id = std::string("pin.") + keys[i];
    if (button(ui, id.c_str(), keys[i], g.pos(i), ImVec2(g.w, g.h)) && ui.pin.size() < 12) ui.pin += keys[i];
  }
  if (button(ui, "pin.erase", ui.t("lookup.erase"), g.pos(9), ImVec2(g.w, g.h)) && !ui.pin.empty()) ui.pin.pop_back();
  if (button(ui, "pin.0", "0", g.pos(10), ImVec2(g.w, g.h)) && ui.pin.size() < 12) ui.pin += '0';
  if (button(ui, "pin.ok", ui.t("tech.pin.ok"), g.pos(11), ImVec2(g.w, g.h), Style::primary)) {
    core::PinResult r = ui.s.enter_pin(ui.pin);
    std::fill(ui.pin.begin(), ui.pin.end(), '\0');
    ui.pin.clear();
    if (r == core::PinResult::wrong) ui.notice = ui.t("tech.pin.wrong");
    if (r == core::PinResult::not_configured) ui.notice = ui.t("tech.pin.none");
    if (r == core::PinResult::wait)
      ui.notice = core::fill(ui.t("tech.pin.wait"), {{"n", std::to_string((ui.s.pin_wait_ms() + 999) / 1000)}});
    if (r == core::PinResult::ok) ui.notice.clear();
  }
  end_screen(ui);
}

static std::string human_bytes(std::int64_t b) {
  if (b < 0) return "?";
  if (b >= (std::int64_t{1} << 30)) return fmt::format("{:.1f} GiB", double(b) / double(1 << 30));
  return fmt::format("{:.0f} MiB", double(b) / double(1 << 20));
}

static std::string local_time(std::int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

// The first mounted USB stick: /media/<user>/<label>, /run/media/<user>/<label> or /mnt/usb.
static std::filesystem::path find_usb_stick() {
  std::error_code ec;
  for (const char* root : {"/media", "/run/media"}) {
    for (const auto& user : std::filesystem::directory_iterator(root, ec))
      for (const auto& vol : std::filesystem::directory_iterator(user.path(), ec))
        if (vol.is_directory(ec)) return vol.path();
  }
  if (std::filesystem::is_directory("/mnt/usb", ec)) return "/mnt/usb";
  return {};
}

void draw_technician(Ui& ui) {
  ImVec2 p = begin_screen(ui, "technician", ui.t("tech.title"));
  // Read once per frame drawn; technician frames are rare (render on demand).
  core::TechnicianInfo info = ui.s.technician_info();
  const float W = ui.display.x - 2 * ui.m.pad;
  const float col2 = W * 0.4f;
  float y = p.y;
  auto row = [&](const std::string& label, const std::string& value) {
    text(ui, label, ImVec2(p.x, y), col2 - ui.m.gap, theme::kMuted, ui.fonts.body);
    y += std::max(ui.fonts.body->FontSize, text(ui, value, ImVec2(p.x + col2, y), W - col2, theme::kText, ui.fonts.body)) +
         ui.m.gap * 0.5f;
  };
  row(ui.t("tech.version"), info.version + "  (" + ui.s.config().kiosk.id + ")");
  std::string queue;
  for (const auto& [ch, n] : info.queue_depth)
    queue += fmt::format("{}{}: {} ({} {})", queue.empty() ? "" : "\n", ch, n, info.parked[ch], ui.t("tech.parked"));
  row(ui.t("tech.queue"), queue.empty() ? "0" : queue);
  row(ui.t("tech.submissions"), std::to_string(info.submissions));
  row(ui.t("tech.last_sync"), info.last_sync_ms ? local_time(info.last_sync_ms) : ui.t("tech.never"));
  std::string errors;
  for (const auto& e : info.last_errors) errors += (errors.empty() ? "" : "\n") + e;
  if (!info.error.empty()) errors = info.error;
  row(ui.t("tech.errors"), errors.empty() ? ui.t("tech.no_errors") : errors);
  row(ui.t("tech.disk_free"), human_bytes(info.disk_free_bytes));

  // Actions and their result.
  bool busy = ui.tech_job.running();
  float bw = (W - ui.m.pad) * 0.5f;
  float by = ui.display.y - ui.m.button_h - ui.m.gap;
  const Config& cfg = ui.s.config();
  auto base = ui.kioskctl;
  if (!cfg.is_demo()) base.insert(base.end(), {"--config", cfg.source.string()});
  if (button(ui, "tech.sync_now", ui.t("tech.sync_now"), ImVec2(p.x, by), ImVec2(bw * 0.8f, ui.m.button_h), Style::primary,
             !busy && !ui.kioskctl.empty())) {
    auto argv = base;
    argv.push_back("sync");
    ui.tech_job_label = ui.t("tech.sync_now");
    ui.tech_job.start(argv, ui.wake);
    ui.s.note_sync(std::time(nullptr) * std::int64_t{1000});
  }
  if (button(ui, "tech.export", ui.t("tech.export"), ImVec2(p.x + bw * 0.8f + ui.m.pad, by), ImVec2(bw * 1.2f, ui.m.button_h),
             Style::secondary, !busy && !ui.kioskctl.empty())) {
    std::filesystem::path usb = find_usb_stick();
    ui.tech_job_label = ui.t("tech.export");
    if (usb.empty()) {
      ui.notice = ui.t("tech.no_usb");
    } else {
      ui.notice.clear();
      auto argv = base;
      argv.insert(argv.end(), {"export", "--undelivered",
                               (usb / fmt::format("kiosk-{}-{}.bundle", cfg.kiosk.id, std::time(nullptr))).string()});
      ui.tech_job.start(argv, ui.wake);
    }
  }
  std::string status = ui.notice;
  if (busy) status = ui.tech_job_label + ": " + ui.t("tech.running");
  else if (auto r = ui.tech_job.result(); r && status.empty())
    status = ui.tech_job_label + ": " + (r->exit_code == 0 ? ui.t("tech.done_ok") : ui.t("tech.done_fail") + " " + r->output);
  if (!status.empty()) {
    float sy = std::min(y + ui.m.gap, by - ui.fonts.body->FontSize * 3 - ui.m.gap);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(ImVec2(p.x, sy), ImVec2(p.x + W, by - ui.m.gap), true);
    text(ui, status, ImVec2(p.x, sy), W, theme::kText, ui.fonts.body);
    dl->PopClipRect();
  }
  end_screen(ui);
}

}  // namespace kiosk::ui
