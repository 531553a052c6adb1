#!/usr/bin/env python3
"""Makes the demo municipality's offline map and address list (assets/map/), from invented data only.

    scripts/make-demo-map.py [OUT_DIR]      # default: assets/map next to this script's repository

The map is a schematic of the invented town "Voorbeeldstad" around the demo kiosk (assets/config/demo.toml):
streets, a canal, a railway, a park and a sports field, drawn here and cut into 256-pixel PNG tiles
(zoom 14-17) in an MBTiles file. The address list has houses along the same streets, in the kiosk's
address list format (docs/addresses.md). Standard library only (sqlite3, zlib); the output is the same on
every run, so the committed files change only when this script does.
"""
import math
import os
import sqlite3
import struct
import sys
import zlib

CITY = "Voorbeeldstad"
# Area of the map: west, south, east, north (WGS84 degrees).
BOUNDS = (5.1070, 52.0855, 5.1320, 52.0980)
ZOOMS = range(14, 18)

# Streets: name, kind (main/street), points (lat, lon). The demo places of demo.toml lie on them.
STREETS = [
    ("Ringweg", "main", [(52.0866, 5.1085), (52.0866, 5.1305), (52.0972, 5.1305), (52.0972, 5.1085), (52.0866, 5.1085)]),
    ("Stationsweg", "main", [(52.0893, 5.1102), (52.0900, 5.1160), (52.0907, 5.1213)]),
    ("Marktplein", "street", [(52.0907, 5.1210), (52.0907, 5.1224)]),
    ("Kerkstraat", "street", [(52.0907, 5.1224), (52.0920, 5.1258), (52.0936, 5.1276)]),
    ("Lindelaan", "street", [(52.0900, 5.1160), (52.0921, 5.1189), (52.0945, 5.1200)]),
    ("Molenweg", "street", [(52.0920, 5.1258), (52.0948, 5.1260), (52.0960, 5.1290)]),
    ("Esdoornstraat", "street", [(52.0907, 5.1224), (52.0892, 5.1255), (52.0875, 5.1288)]),
    ("Sportlaan", "street", [(52.0945, 5.1200), (52.0958, 5.1152), (52.0966, 5.1110)]),
    ("Dorpsstraat", "street", [(52.0872, 5.1140), (52.0900, 5.1160)]),
    ("Stationsplein", "street", [(52.0888, 5.1095), (52.0897, 5.1108)]),
    ("Beukenlaan", "street", [(52.0921, 5.1189), (52.0925, 5.1230), (52.0920, 5.1258)]),
    ("Vaartkade", "street", [(52.0940, 5.1090), (52.0933, 5.1140), (52.0921, 5.1189)]),
    ("Kastanjelaan", "street", [(52.0880, 5.1200), (52.0892, 5.1255)]),
    ("Bleekveld", "street", [(52.0900, 5.1160), (52.0880, 5.1200), (52.0870, 5.1240)]),
    ("Kloosterhof", "street", [(52.0936, 5.1276), (52.0950, 5.1300)]),
    ("Populierenweg", "street", [(52.0958, 5.1152), (52.0935, 5.1115), (52.0910, 5.1100)]),
]
CANAL = [(52.0935, 5.1070), (52.0928, 5.1140), (52.0915, 5.1200), (52.0905, 5.1320)]
RAILWAY = [(52.0884, 5.1070), (52.0884, 5.1320)]
PARK = (52.0870, 5.1262, 52.0884, 5.1298)    # south, west, north, east
SPORTS = (52.0953, 5.1138, 52.0966, 5.1162)

# Palette: background, street casing, street, main road, canal, park, railway, sports field.
PALETTE = [(242, 239, 233), (190, 186, 178), (255, 255, 255), (253, 226, 147), (170, 211, 223),
           (200, 230, 190), (120, 120, 120), (178, 220, 170), (217, 208, 201)]
BG, CASING, STREET, MAIN, WATER, PARK_C, RAIL, SPORT, BUILDING = range(9)


def world_px(lat, lon, z):
    size = 256 * 2 ** z
    r = math.radians(lat)
    return ((lon + 180) / 360 * size, (1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * size)


class Canvas:
    def __init__(self, z):
        w, s, e, n = BOUNDS
        x0, y0 = world_px(n, w, z)
        x1, y1 = world_px(s, e, z)
        self.tx0, self.ty0 = int(x0 // 256), int(y0 // 256)
        self.tx1, self.ty1 = int(x1 // 256), int(y1 // 256)
        self.ox, self.oy = self.tx0 * 256, self.ty0 * 256
        self.w = (self.tx1 - self.tx0 + 1) * 256
        self.h = (self.ty1 - self.ty0 + 1) * 256
        self.z = z
        self.px = bytearray([BG]) * (self.w * self.h)

    def xy(self, lat, lon):
        x, y = world_px(lat, lon, self.z)
        return x - self.ox, y - self.oy

    def rect(self, box, colour):
        s, w, n, e = box
        x0, y0 = self.xy(n, w)
        x1, y1 = self.xy(s, e)
        for y in range(max(0, int(y0)), min(self.h, int(y1) + 1)):
            a, b = max(0, int(x0)), min(self.w, int(x1) + 1)
            if a < b:
                self.px[y * self.w + a:y * self.w + b] = bytes([colour]) * (b - a)

    def line(self, points, radius, colour, dash=0):
        pts = [self.xy(*p) for p in points]
        r2 = radius * radius
        ri = int(math.ceil(radius))
        offsets = [(dx, dy) for dy in range(-ri, ri + 1) for dx in range(-ri, ri + 1) if dx * dx + dy * dy <= r2]
        walked = 0.0
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            n = max(1, int(math.hypot(bx - ax, by - ay) * 2))
            for i in range(n + 1):
                walked += 0.5
                if dash and int(walked // dash) % 2:
                    continue
                cx, cy = int(ax + (bx - ax) * i / n), int(ay + (by - ay) * i / n)
                for dx, dy in offsets:
                    x, y = cx + dx, cy + dy
                    if 0 <= x < self.w and 0 <= y < self.h:
                        self.px[y * self.w + x] = colour

    def tile(self, tx, ty):
        x0, y0 = (tx - self.tx0) * 256, (ty - self.ty0) * 256
        return [self.px[(y0 + y) * self.w + x0:(y0 + y) * self.w + x0 + 256] for y in range(256)]


def png(rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + bytes(r) for r in rows)
    plte = b"".join(bytes(c) for c in PALETTE)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 256, 256, 8, 3, 0, 0, 0)) +
            chunk(b"PLTE", plte) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def draw(z, houses):
    c = Canvas(z)
    scale = 2 ** (z - 17)  # line widths in pixels at zoom 17
    if z >= 16:
        for lat, lon in houses:  # a block of about 10 x 10 m
            c.rect((lat - 0.000045, lon - 0.000073, lat + 0.000045, lon + 0.000073), BUILDING)
    c.rect(PARK, PARK_C)
    c.rect(SPORTS, SPORT)
    c.line(CANAL, max(1.0, 7 * scale), WATER)
    c.line(RAILWAY, max(0.6, 2 * scale), RAIL, dash=max(2, int(10 * scale)))
    for _, kind, pts in STREETS:  # casings first, so crossings join
        c.line(pts, max(1.0, (9 if kind == "main" else 7) * scale), CASING)
    for _, kind, pts in STREETS:
        c.line(pts, max(0.5, (7 if kind == "main" else 5) * scale), MAIN if kind == "main" else STREET)
    return c


def write_mbtiles(path, houses):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name text, value text)")
    db.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)")
    db.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
    w, s, e, n = BOUNDS
    meta = {"name": "Voorbeeldstad (demo, schematic)", "format": "png", "type": "baselayer", "version": "1",
            "description": "Invented demo town drawn by scripts/make-demo-map.py", "attribution": "Demo data",
            "bounds": f"{w},{s},{e},{n}", "minzoom": str(min(ZOOMS)), "maxzoom": str(max(ZOOMS)),
            "center": f"5.1210,52.0915,17"}
    db.executemany("INSERT INTO metadata VALUES (?, ?)", sorted(meta.items()))
    count = 0
    for z in ZOOMS:
        c = draw(z, houses)
        for tx in range(c.tx0, c.tx1 + 1):
            for ty in range(c.ty0, c.ty1 + 1):
                tms = 2 ** z - 1 - ty  # MBTiles rows count from the south
                db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, tx, tms, png(c.tile(tx, ty))))
                count += 1
    db.commit()
    db.execute("VACUUM")
    db.close()
    return count


def addresses():
    lines = ["# kiosk-addresses 1",
             "openbare_ruimte\thuisnummer\thuisletter\thuisnummer_toevoeging\tpostcode\twoonplaats\tlat\tlon"]
    for si, (name, kind, pts) in enumerate(STREETS):
        if name == "Ringweg":
            continue
        odd, even = 1, 2
        for (alat, alon), (blat, blon) in zip(pts, pts[1:]):
            # Metres along the segment; houses every 30 m, 12 m either side of the street.
            mx = (blon - alon) * 111320 * math.cos(math.radians(alat))
            my = (blat - alat) * 110540
            length = math.hypot(mx, my)
            nx, ny = -my / length, mx / length
            for k in range(int(length // 30)):
                t = (k + 0.5) * 30 / length
                for side, number in ((1, odd), (-1, even)):
                    lat = alat + (blat - alat) * t + side * 12 * ny / 110540
                    lon = alon + (blon - alon) * t + side * 12 * nx / (111320 * math.cos(math.radians(alat)))
                    pc = f"{3581 + si} {'ABCDEFGH'[min(7, number // 20)]}{'ABCDEFGHJK'[number % 10]}"
                    lines.append(f"{name}\t{number}\t\t\t{pc}\t{CITY}\t{lat:.6f}\t{lon:.6f}")
                    if number % 7 == 0:  # some houses are split: 14a
                        lines.append(f"{name}\t{number}\ta\t\t{pc}\t{CITY}\t{lat + 0.00003:.6f}\t{lon:.6f}")
                odd += 2
                even += 2
    return lines


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "assets", "map")
    os.makedirs(out, exist_ok=True)
    lines = addresses()
    with open(os.path.join(out, "demo-addresses.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    houses = [(float(l.split("\t")[6]), float(l.split("\t")[7])) for l in lines[2:]]
    tiles = write_mbtiles(os.path.join(out, "demo.mbtiles"), houses)
    print(f"{out}: {tiles} tiles, {len(houses)} addresses")


if __name__ == "__main__":
    main()
