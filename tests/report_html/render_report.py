#!/usr/bin/python3
"""render_report.py CHROMIUM REPORT_DIR SCREENSHOT: renders REPORT_DIR/report.html in headless
Chromium, keeps the screenshot at SCREENSHOT, and checks that every figure's plot area (found by
its fill, #fbfbf7, which nothing else uses) holds pixels of each of its series' colours: the
lines and markers were drawn, not only the frame. Decodes the PNG with Debian's python3-pil."""
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

from PIL import Image

SVG = "{http://www.w3.org/2000/svg}"
BACKGROUND = (0xFB, 0xFB, 0xF7)
WIDTH = 1100


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def close(a, b, tolerance):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def figures(html_path):
    """Per inline figure, in page order: its id and the colours of its series that have points."""
    page = ET.parse(html_path).getroot()
    out = []
    for svg in page.iter(SVG + "svg"):
        colours = [g.get("data-colour") for g in svg.iter(SVG + "g")
                   if g.get("class") == "series" and g.get("data-y")]
        out.append((svg.get("id"), colours))
    return out


def plot_areas(image):
    """Bounding boxes (x0, y0, x1, y1) of the plot areas, top to bottom: bands of rows holding a long
    run of the plot-area fill (grid lines interrupt a band for a pixel or two, and are bridged)."""
    width, height = image.size
    pixels = image.load()
    rows = []
    for y in range(height):
        count, first, last = 0, None, None
        for x in range(0, width, 2):
            if pixels[x, y][:3] == BACKGROUND:
                count += 1
                first = x if first is None else first
                last = x
        rows.append((count >= 100, first, last))
    boxes, start, gap = [], None, 0
    for y, (inside, first, last) in enumerate(rows + [(False, None, None)] * 8):
        if inside:
            if start is None:
                start, x0, x1 = y, first, last
            x0, x1, gap, end = min(x0, first), max(x1, last), 0, y
        elif start is not None:
            gap += 1
            if gap > 6:
                boxes.append((x0, start, x1, end))
                start = None
    return [b for b in boxes if b[3] - b[1] > 100]


def main():
    chromium, report_dir, screenshot = sys.argv[1:4]
    html_path = os.path.abspath(os.path.join(report_dir, "report.html"))
    expected = figures(html_path)
    # Tall enough for the summary and every figure (the claims below them need not fit).
    height = 1400 + 560 * len(expected)
    if os.path.exists(screenshot):
        os.remove(screenshot)
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--force-device-scale-factor=1", "--window-size=%d,%d" % (WIDTH, height),
               "--screenshot=" + os.path.abspath(screenshot), "file://" + html_path]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    if not os.path.exists(screenshot):
        fail("chromium wrote no screenshot (exit %d):\n%s" % (result.returncode, result.stdout.decode(errors="replace")))
    image = Image.open(screenshot).convert("RGB")
    boxes = plot_areas(image)
    if len(boxes) != len(expected):
        fail("%d plot areas in the screenshot, %d figures in report.html: %r" % (len(boxes), len(expected), boxes))
    pixels = image.load()
    for (figure_id, colours), (x0, y0, x1, y1) in zip(expected, boxes):
        counts = {c: 0 for c in colours}
        other = 0
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                p = pixels[x, y]
                if p == BACKGROUND:
                    continue
                other += 1
                for c in colours:
                    if close(p, rgb(c), 40):
                        counts[c] += 1
        for c, n in counts.items():
            if n < 8:
                fail("%s: the plot area %r holds %d pixels of series colour %s" % (figure_id, (x0, y0, x1, y1), n, c))
        print("%s: plot area %dx%d at (%d, %d), %d drawn pixels, per series colour %s" %
              (figure_id, x1 - x0, y1 - y0, x0, y0, other, counts))
    print("ok: %d figures drawn; screenshot %s" % (len(expected), screenshot))


main()
