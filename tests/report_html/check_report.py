#!/usr/bin/python3
"""check_report.py REPORT_DIR: report.html and every figure's SVG in REPORT_DIR are well-formed XML,
self-contained (no script, external stylesheet, font, image or network reference), and every
plotted series holds exactly the numbers report.json holds (re-read here from report.json, by
this script's own reading of each figure's definition); report.md links every SVG file."""
import json
import math
import os
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def claims(report, run_id):
    return [c for c in report["claims"] if c["run_id"] == run_id]


def findings(report, name):
    return [c for c in report["claims"] if c["run_id"].endswith("/" + name)]


def instances(claim):
    return [e for e in claim["evidence"] if isinstance(e.get("parameters"), dict) and isinstance(e.get("evidence"), dict)]


def lower(interval):
    m = re.fullmatch(r"\[([^,]+), ([^\]]+)\]", interval)
    return m.group(1)


def number(v):
    """A report.json value as the number plotted: a JSON number, or a decimal string."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(v)
    except ValueError:
        return None


def expected_series(report, figure_id):
    """{label-independent list of series, in order}: each a list of (x, y) as numbers (or category names)."""
    out = []
    if figure_id in ("fig-2a", "fig-2b"):
        curves = instances(claims(report, "fig-2")[0])[0]["evidence"]["curves"]
        names = ["all_ones"] if figure_id == "fig-2a" else ["gaussian_single_draw", "gaussian_mean", "gaussian_mean_abs"]
        for name in names:
            out.append([(float(r), float(y)) for r, y in zip(curves["distances"], curves[name])])
    elif figure_id == "positional-margin":
        rows = [e for e in instances(claims(report, "thm-5.3")[0]) if e["parameters"]["pattern"] == "diagonal"]
        epsilon = rows[0]["parameters"]["epsilon"]
        keys = []
        for e in rows:
            k = e["parameters"]["frequency_index"]
            if e["parameters"]["epsilon"] == epsilon and k not in keys:
                keys.append(k)
        for k in keys:
            out.append([(float(e["parameters"]["context"]), float(lower(e["evidence"]["binding_margin"])))
                        for e in rows if e["parameters"]["frequency_index"] == k and e["parameters"]["epsilon"] == epsilon])
    elif figure_id == "thm-5.3-scale":
        series = {}
        for e in instances(claims(report, "thm-5.3")[0]):
            p = e["parameters"]
            series.setdefault((p["frequency_index"], p["pattern"], p["epsilon"]), []).append(
                (float(p["context"]), float(e["evidence"]["s_star_upper"])))
        out = list(series.values())
    elif figure_id == "semantic-break":
        rows = instances(claims(report, "thm-6.1")[0])
        best = max(rows, key=lambda e: 2 * e["parameters"]["head_dim"] + (e["parameters"]["p"] != "1"))
        by = best["evidence"]["break_distance_by_channel"]
        out.append([(k + 1.0, float(b)) for k, b in enumerate(by["rope"])])
        out.append([(k + 1.0, float(b)) for k, b in enumerate(by["rope_theta_larger"]) if b is not None])
        out.append([(k + 1.0, float(b)) for k, b in enumerate(by["rope"]) if by["prope_rotated"][k]])
    elif figure_id == "finite-precision":
        # The figure's categories; an instance in another format is not plotted.
        formats = ("float32", "bfloat16", "float16")
        exact, collision, pipeline = [], [], []
        for c in claims(report, "float-collision"):
            for e in instances(c):
                if e["parameters"]["dtype"] in formats:
                    collision.append((e["parameters"]["dtype"], float(e["evidence"]["first_collision_distance"])))
                exact.append(("exact", float(e["parameters"]["context"])))
        for c in claims(report, "pipeline-thm-5.3"):
            for e in instances(c):
                if e["parameters"]["dtype"] in formats and e["evidence"].get("lost_at_query_position") is not None:
                    pipeline.append((e["parameters"]["dtype"], float(e["evidence"]["lost_at_query_position"])))
        out = [exact, collision, pipeline]
    elif figure_id.startswith("frequencies-"):
        group = figure_id[len("frequencies-"):]
        table = instances(claims(report, group + "/thm-6.1")[0])[0]["evidence"]["frequencies"]
        out.append([(float(r["index"]), number(r["wavelength"])) for r in table])
        out.append([(float(r["index"]), float(r["first_break_distance"])) for r in table
                    if r["first_break_distance"] is not None])
    elif figure_id == "base-bound":
        least, configured = [], []
        for c in findings(report, "base-bound"):
            for e in instances(c):
                if number(e["evidence"].get("least_theta")) is not None:
                    least.append((float(e["evidence"]["context"]), number(e["evidence"]["least_theta"])))
                if number(e["evidence"].get("rope_theta")) is not None:
                    configured.append((float(e["evidence"]["context"]), number(e["evidence"]["rope_theta"])))
        out = [least, configured]
    else:
        fail("a figure this check does not know: " + figure_id)
    return out


def svg_series(svg):
    out = []
    for g in svg.iter(SVG + "g"):
        if g.get("class") != "series":
            continue
        xs = g.get("data-x").split() if g.get("data-x") else []
        ys = g.get("data-y").split() if g.get("data-y") else []
        if len(xs) != len(ys):
            fail("series %r: %d x values, %d y values" % (g.get("data-label"), len(xs), len(ys)))
        out.append([(x if not re.match(r"^-?[0-9.]", x) else float(x), float(y)) for x, y in zip(xs, ys)])
    return out


def check_self_contained(path, text):
    for bad in ("<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", "@font-face"):
        if bad in text:
            fail("%s is not self-contained: it holds %r" % (path, bad))
    for m in re.finditer(r'(?:href|src)="([^"]*)"', text):
        target = m.group(1)
        if re.match(r"^[a-z]+:", target) or target.startswith("//"):
            fail("%s refers outside itself: %s" % (path, target))


def main():
    report_dir = sys.argv[1]
    report = json.load(open(os.path.join(report_dir, "report.json")))
    html_path = os.path.join(report_dir, "report.html")
    html = open(html_path, encoding="utf-8").read()
    check_self_contained(html_path, html)
    try:
        page = ET.fromstring(html)
    except ET.ParseError as e:
        fail("report.html is not well-formed XML: %s" % e)
    inline = {svg.get("id")[len("svg-"):]: svg for svg in page.iter(SVG + "svg")}
    if not inline:
        fail("report.html has no figure")
    markdown = open(os.path.join(report_dir, "report.md"), encoding="utf-8").read()
    compared = 0
    for figure_id, svg in inline.items():
        path = os.path.join(report_dir, figure_id + ".svg")
        if not os.path.exists(path):
            fail("report.html shows %s but %s is missing" % (figure_id, path))
        if "](%s.svg)" % figure_id not in markdown:
            fail("report.md does not link %s.svg" % figure_id)
        text = open(path, encoding="utf-8").read()
        check_self_contained(path, text)
        try:
            standalone = ET.fromstring(text.encode("utf-8"))
        except ET.ParseError as e:
            fail("%s is not well-formed XML: %s" % (path, e))
        got_inline, got_file = svg_series(svg), svg_series(standalone)
        if got_inline != got_file:
            fail("%s: the inline figure and the SVG file differ" % figure_id)
        want = expected_series(report, figure_id)
        if got_file != want:
            fail("%s: plotted series differ from report.json:\n plotted  %r\n expected %r" % (figure_id, got_file, want))
        for series in want:
            for x, y in series:
                if not math.isfinite(y):
                    fail("%s: a non-finite value" % figure_id)
        compared += sum(len(s) for s in want)
        print("%s: %d series, %d points equal to report.json" % (figure_id, len(want), sum(len(s) for s in want)))
    for name in sys.argv[2:]:
        if name not in inline:
            fail("report.html lacks the figure %s" % name)
    print("ok: report.html and %d SVG files well-formed and self-contained; %d plotted points checked" %
          (len(inline), compared))


main()
