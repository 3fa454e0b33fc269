"""Attachment handling cost: time and peak memory to accept a 12-megapixel phone photo, a scanned PDF.

    .venv/bin/python bench/attachments.py             # 5 runs of each case, about a minute
    .venv/bin/python bench/attachments.py --runs 9 --heic

Each run is a fresh process (app created, modules imported, then measured), so its peak
RSS (VmHWM) belongs to one upload alone. The photo is 4000×3000 with EXIF (GPS,
orientation 6), noisy enough to weigh what a phone's JPEG weighs. The PDF is three A4
pages scanned at 200 dpi (JPEG pages, as a copier makes them); it is checked in a child
process, whose CPU time the CPU column includes and whose memory the RSS columns do not.
"warm" repeats the upload in one process, as a worker serving requests does. Prints a
table; nothing is kept.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import io, json, resource, sys, time
from pathlib import Path
from formbuilder import create_app
from formbuilder.attachments import accept
from tests.conftest import SHIPPED_FORMS, base_config

def peak_kb():
    # VmHWM: this process's peak RSS (ru_maxrss would include the parent's: kept across exec).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

def cpu():
    # This process and the children it waited for (the PDF check).
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime

photo, name, folder, warm = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
app = create_app({**base_config(folder, SHIPPED_FORMS, f"sqlite:///{folder}/bench.sqlite3"),
                  "ATTACHMENT_TOTAL_MAX_MB": 100})
data = photo.read_bytes()
with app.test_request_context():
    accept("warm-up.png", io.BytesIO(b"not a png"))  # imports every module the pipeline needs
    before = peak_kb()
    times, cpus = [], []
    for _ in range(1 + warm):
        started, started_cpu = time.perf_counter(), cpu()
        result = accept(name, io.BytesIO(data))
        times.append(time.perf_counter() - started)
        cpus.append(cpu() - started_cpu)
    peak = peak_kb()
print(json.dumps({"first": times[0], "warm": times[1:], "cpu": cpus[0], "rss_before_kb": before,
                  "rss_peak_kb": peak, "kind": result.kind, "size": result.size}))
"""


def make_photo(path: Path, heic: bool = False) -> int:
    """A 4000×3000 photo-like picture: gradients and sensor-like noise, with GPS EXIF."""
    from PIL import ExifTags, Image

    size = (4000, 3000)
    red = Image.linear_gradient("L").resize(size)
    green = Image.radial_gradient("L").resize(size)
    noise = Image.effect_noise(size, 24)
    blue = Image.blend(red.transpose(Image.Transpose.FLIP_LEFT_RIGHT), noise, 0.3)
    image = Image.merge("RGB", (Image.blend(red, noise, 0.3), Image.blend(green, noise, 0.3), blue))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "BenchPhone"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (35.0, 41.0, 22.2),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (139.0, 41.0, 30.1),
    }
    if heic:
        import pillow_heif

        pillow_heif.from_pillow(image).save(path, quality=80, exif=exif.tobytes())
    else:
        out = io.BytesIO()
        image.save(out, "JPEG", quality=92, exif=exif)
        path.write_bytes(out.getvalue())
    return path.stat().st_size


def make_scan(path: Path, pages: int = 3) -> int:
    """A scanned A4 document: `pages` pages of 1654×2339 pixels (200 dpi), each a JPEG in the PDF."""
    from PIL import Image, ImageDraw

    sheets = []
    for number in range(pages):
        sheet = Image.effect_noise((1654, 2339), 12).point(lambda v: 230 + v // 10).convert("RGB")
        draw = ImageDraw.Draw(sheet)
        for line in range(60):
            draw.line((150, 200 + line * 33, 1500 - (line * 37 + number * 101) % 600, 200 + line * 33), "black", 3)
        sheets.append(sheet)
    sheets[0].save(path, "PDF", resolution=200, save_all=True, append_images=sheets[1:], quality=75)
    return path.stat().st_size


def run(photo: Path, name: str, runs: int, warm: int) -> dict:
    results = []
    for index in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="fb-bench-attach-"))
        try:
            child = subprocess.run(
                [sys.executable, "-c", CHILD, str(photo), name, str(folder), str(warm if index == 0 else 0)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        results.append(json.loads(child.stdout.splitlines()[-1]))
    first = [r["first"] for r in results]
    return {
        "name": name,
        "kind": results[0]["kind"],
        "stored_bytes": results[0]["size"],
        "first_median_s": statistics.median(first),
        "first_all_s": first,
        "cpu_median_s": statistics.median(r["cpu"] for r in results),
        "warm_median_s": statistics.median(results[0]["warm"]) if results[0]["warm"] else None,
        "rss_before_mb": statistics.median(r["rss_before_kb"] for r in results) / 1024,
        "rss_peak_mb": statistics.median(r["rss_peak_kb"] for r in results) / 1024,
        "rss_growth_mb": statistics.median(r["rss_peak_kb"] - r["rss_before_kb"] for r in results) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per case (median reported)")
    parser.add_argument("--warm", type=int, default=5, help="extra uploads in the first process")
    parser.add_argument("--heic", action="store_true", help="also a 12 MP HEIC (slow to make: HEVC encoding)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fb-bench-photos-"))
    try:
        cases = [("IMG_0001.jpg", make_photo(work / "IMG_0001.jpg")), ("scan.pdf", make_scan(work / "scan.pdf"))]
        if args.heic:
            cases.append(("IMG_0002.HEIC", make_photo(work / "IMG_0002.HEIC", heic=True)))
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
        rows = []
        for name, size in cases:
            started = time.monotonic()
            row = run(work / name, name, args.runs, args.warm)
            row["upload_bytes"] = size
            rows.append(row)
            print(f"{name}: {time.monotonic() - started:.1f} s", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"{'file':<15} {'upload':>8} {'stored':>8} {'time (median)':>14} {'CPU (median)':>13} {'warm (median)':>14}"
        f" {'RSS before':>11} {'RSS peak':>9} {'growth':>7}"
    )
    for r in rows:
        warm = f"{r['warm_median_s'] * 1000:.0f} ms" if r["warm_median_s"] else "-"
        print(
            f"{r['name']:<15} {r['upload_bytes'] / 1e6:>6.1f}MB {r['stored_bytes'] / 1e6:>6.2f}MB"
            f" {r['first_median_s'] * 1000:>11.0f} ms {r['cpu_median_s'] * 1000:>10.0f} ms {warm:>14}"
            f" {r['rss_before_mb']:>8.0f} MB {r['rss_peak_mb']:>6.0f} MB {r['rss_growth_mb']:>4.0f} MB"
        )
    print(json.dumps(rows, indent=1), file=sys.stderr)


if __name__ == "__main__":
    main()
