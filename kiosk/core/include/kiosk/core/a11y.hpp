// Accessibility arithmetic shared by the UI and its checks: physical sizes at the panel's DPI (touch
// targets >= 11.6 mm, WCAG 2.5.5 at 96 CSS px/in), the EN 301 549 §5.1.4 text size for a viewing
// distance, and WCAG contrast ratios.
#pragma once

#include <cmath>
#include <cstdint>
#include <utility>

namespace kiosk::core {

inline constexpr double kMinTargetMm = 11.6;

inline double mm_to_px(double mm, double dpi) { return mm * dpi / 25.4; }
inline double px_to_mm(double px, double dpi) { return px * 25.4 / dpi; }

// EN 301 549 §5.1.4: capital H subtends >= 0.7 degrees at viewing distance D: H = 2 D tan(0.35°).
inline double min_cap_height_mm(double viewing_distance_mm) {
  return 2.0 * viewing_distance_mm * std::tan(0.35 * 3.14159265358979323846 / 180.0);
}

// WCAG 2.x relative luminance of an sRGB colour (components 0..1).
inline double relative_luminance(double r, double g, double b) {
  auto lin = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

inline double contrast_ratio(double l1, double l2) {
  if (l1 < l2) std::swap(l1, l2);
  return (l1 + 0.05) / (l2 + 0.05);
}

}  // namespace kiosk::core
