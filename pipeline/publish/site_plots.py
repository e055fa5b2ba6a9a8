"""The release page's plots as inline SVG, drawn here rather than by a plotting library so the
page needs nothing at build time beyond pandas and gives the same bytes for the same data.

Each function takes frames as the Parquet files hold them and returns one ``<figure>`` (an
``<svg>`` with ``<title>`` and ``<desc>``, and a caption); an empty table gives a plot that
says so instead of failing."""

from __future__ import annotations

import math
from collections import Counter
from html import escape

import pandas as pd

from pipeline.sides import PartyResolver, Sides, actor_infos, opt_str
from schemas.vocabularies import CATEGORIES

WIDTH = 760  # viewBox width of every plot; the page scales it to the column
FONT = 12
MAP_ASPECT = 1.6  # width / height of a map's box in degrees, near the plot area's shape
# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), by category.
CATEGORY_COLOURS = dict(
    zip(
        CATEGORIES,
        ("#D55E00", "#E69F00", "#0072B2", "#CC79A7", "#999999", "#56B4E9", "#009E73", "#F0E442"),
        strict=True,
    )
)
# Who stands behind a claim, relative to the incident it is about (sides as in events).
SIDE_BARS: dict[str, str] = {
    "a": "side a of its incident",
    "b": "side b of its incident",
    "other": "another party (neither side, or a running total)",
    "non_party": "not a party (monitor, UN, medics, press, residents)",
    "voice": "no claimant named (the report's own voice)",
}


def n(x: float) -> str:
    """A coordinate with at most one decimal and no '-0', so output bytes never drift."""
    text = f"{x:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def nice_step(top: float, ticks: int = 5) -> int:
    """A round axis step (1, 2, 5 x 10^k; at least 1, as counts are whole) giving about
    ``ticks`` ticks up to ``top``."""
    raw = max(top, 1) / ticks
    base = 10 ** math.floor(math.log10(raw))
    return max(1, round(next(m * base for m in (1, 2, 5, 10) if m * base >= raw)))


def _svg(key: str, title: str, desc: str, height: float, body: list[str]) -> str:
    return (
        f'<svg id="plot-{key}" class="plot" role="img" aria-labelledby="{key}-title {key}-desc" '
        f'viewBox="0 0 {WIDTH} {n(height)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}">'
        f'<title id="{key}-title">{escape(title)}</title><desc id="{key}-desc">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _figure(title: str, svg: str, caption: str) -> str:
    return f"<figure><h3>{escape(title)}</h3>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def _empty(key: str, title: str, message: str) -> str:
    body = [f'<text x="{WIDTH // 2}" y="40" text-anchor="middle" fill="#555">{escape(message)}</text>']
    return _figure(title, _svg(key, title, message, 70, body), message)


# (a) figures per month by category


def figure_months(figures: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """figure_id, category, month (YYYY-MM) and dated (False: the report's publication month)."""
    published = dict(zip(reports["report_id"], reports["published_date"], strict=True))
    rows = []
    for f in figures.sort_values("figure_id").itertuples(index=False):
        dated = f.event_date is not None and not pd.isna(f.event_date)
        day = f.event_date if dated else published.get(f.report_id)
        rows.append((f.figure_id, f.category, None if day is None else f"{day:%Y-%m}", dated))
    return pd.DataFrame(rows, columns=["figure_id", "category", "month", "dated"])


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM), so gaps show as empty months."""
    y, m = map(int, first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def figures_by_month_svg(figures: pd.DataFrame, reports: pd.DataFrame) -> str:
    title = "Figures per month, by category"
    placed = figure_months(figures, reports).dropna(subset=["month"])
    if placed.empty:
        return _empty("months", title, "No figures in this release.")
    months = month_range(placed["month"].min(), placed["month"].max())
    counts = Counter(zip(placed["month"], placed["category"], strict=True))
    cats = [c for c in CATEGORIES if c in set(placed["category"])]
    totals = {m: sum(counts[(m, c)] for c in cats) for m in months}
    step = nice_step(max(totals.values()))
    top = step * math.ceil(max(totals.values()) / step)
    left, right, plot_top, plot_h = 48, 170, 12, 220
    plot_w = WIDTH - left - right
    y = lambda v: plot_top + plot_h - plot_h * v / top  # noqa: E731 - a local scale
    slot = plot_w / len(months)
    bar = min(48.0, slot * 0.7)
    body = _y_axis(left, plot_w, y, top, step)
    label_every = math.ceil(60 / slot)  # a label (YYYY-MM) needs about 60 units
    for i, m in enumerate(months):
        x = left + slot * i + (slot - bar) / 2
        base = 0
        for c in cats:
            if k := counts[(m, c)]:
                body.append(
                    f'<rect class="bar" x="{n(x)}" y="{n(y(base + k))}" width="{n(bar)}" '
                    f'height="{n(y(base) - y(base + k))}" fill="{CATEGORY_COLOURS[c]}" stroke="#fff">'
                    f"<title>{escape(f'{m}, {c}: {k}')}</title></rect>"
                )
                base += k
        if i % label_every == 0:
            body.append(
                f'<text x="{n(x + bar / 2)}" y="{plot_top + plot_h + 16}" text-anchor="middle">{m}</text>'
            )
    body += _legend(WIDTH - right + 16, plot_top, cats)
    undated = int((~placed["dated"]).sum())
    caption = (
        f"Counts of figures (claims), not of people: {len(placed)} figures by the month of the "
        "event. "
        + (
            f"{undated} whose report does not date the event are counted in the month the "
            "report was published."
            if undated
            else "Every figure is dated by its report."
        )
    )
    desc = "; ".join(f"{m}: {totals[m]}" for m in months)
    return _figure(title, _svg("months", title, desc, plot_top + plot_h + 28, body), caption)


def _y_axis(left: float, plot_w: float, y, top: int, step: int) -> list[str]:
    out = []
    for v in range(0, top + 1, step):
        out.append(
            f'<line x1="{left}" x2="{n(left + plot_w)}" y1="{n(y(v))}" y2="{n(y(v))}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{n(y(v) + 4)}" text-anchor="end">{v}</text>'
        )
    return out


def _legend(x: float, y: float, cats: list[str]) -> list[str]:
    return [
        f'<rect x="{n(x)}" y="{n(y + 18 * i)}" width="12" height="12" fill="{CATEGORY_COLOURS[c]}"/>'
        f'<text x="{n(x + 18)}" y="{n(y + 18 * i + 10)}">{escape(c)}</text>'
        for i, c in enumerate(cats)
    ]


# (b) claims by claimant side


def claimant_sides(figures: pd.DataFrame, actors: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """figure_id, side (a SIDE_BARS key) and claimant name, by the rule the events table's
    sides follow (pipeline/sides.py): a state organ speaks for its state, a faction for its group."""
    infos = actor_infos(actors)
    resolver = PartyResolver(infos)
    sides = {
        e.incident_id: Sides(opt_str(e.side_a_actor_id), opt_str(e.side_b_actor_id))
        for e in events.itertuples(index=False)
    }
    rows = []
    for f in figures.sort_values("figure_id").itertuples(index=False):
        claimant = opt_str(f.claimant_actor_id)
        party = resolver.party(claimant)
        if claimant is None:
            side = "voice"
        elif party is None:
            side = "non_party"
        else:
            of = sides.get(opt_str(f.incident_id), Sides(None, None)).of(party)
            side = of if of in ("a", "b") else "other"
        name = "the report" if claimant is None else infos[claimant].name if claimant in infos else claimant
        rows.append((f.figure_id, side, name))
    return pd.DataFrame(rows, columns=["figure_id", "side", "claimant"])


def claimant_sides_svg(figures: pd.DataFrame, actors: pd.DataFrame, events: pd.DataFrame) -> str:
    title = "Claims by claimant side"
    if figures.empty:
        return _empty("sides", title, "No figures in this release.")
    sides = claimant_sides(figures, actors, events)
    counts = Counter(sides["side"])
    left, bar_h, gap, plot_w = 330, 22, 10, WIDTH - 330 - 60
    most = max(counts.values())
    body = []
    for i, (key, label) in enumerate(SIDE_BARS.items()):
        y = 8 + i * (bar_h + gap)
        k = counts[key]
        who = Counter(sides.loc[sides["side"] == key, "claimant"])
        tip = ", ".join(f"{name} {c}" for name, c in sorted(who.items(), key=lambda t: (-t[1], t[0])))
        body.append(
            f'<text x="{left - 8}" y="{n(y + 15)}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="bar" x="{left}" y="{y}" width="{n(plot_w * k / most)}" height="{bar_h}" '
            f'fill="#0072B2"><title>{escape(f"{label}: {k}" + (f" ({tip})" if tip else ""))}</title></rect>'
            f'<text x="{n(left + plot_w * k / most + 6)}" y="{n(y + 15)}">{k}</text>'
        )
    caption = (
        f"{len(sides)} figures (claims) by who states them, relative to the incident the figure is "
        "about: sides a and b as in the events table (after UCDP GED; a ministry or army speaks "
        "for its state). Hover a bar for the claimants."
    )
    desc = "; ".join(f"{label}: {counts[key]}" for key, label in SIDE_BARS.items())
    return _figure(title, _svg("sides", title, desc, 8 + len(SIDE_BARS) * (bar_h + gap), body), caption)


# (c) map of incidents


def map_extent(lons: list[float], lats: list[float]) -> tuple[float, float, float, float, int]:
    """(west, east, south, north, graticule step): the points' box padded and snapped to the
    graticule, at least 10 degrees wide, inside the world; the whole world with no points."""
    if not lons:
        return -180, 180, -90, 90, 30
    span = max(max(lons) - min(lons), max(lats) - min(lats), 10)
    # points further apart than 240 degrees (incidents on three continents): the widest graticule
    step = next((s for s in (1, 2, 5, 10, 15, 30) if span / s <= 8), 30)
    pad = max(1.0, span * 0.15)
    west = max(-180, step * math.floor((min(lons) - pad) / step))
    east = min(180, step * math.ceil((max(lons) + pad) / step))
    south = max(-90, step * math.floor((min(lats) - pad) / step))
    north = min(90, step * math.ceil((max(lats) + pad) / step))
    # widen a tall box to the plot's shape, so the map fills the page's width
    grow = step * math.ceil((MAP_ASPECT * (north - south) - (east - west)) / (2 * step))
    if grow > 0:
        west, east = max(-180, west - grow), min(180, east + grow)
    return west, east, south, north, step


def point_radii(killed: pd.Series) -> pd.Series:
    """Radius 3 to 18 with area growing with killed_best; 3 where it is null or all are 0."""
    most = killed.max() if killed.notna().any() else 0
    if not most or pd.isna(most):
        return pd.Series(3.0, index=killed.index)
    return killed.astype("Float64").fillna(0).map(lambda v: 3 + 15 * math.sqrt(float(v) / float(most)))


def _degrees(v: float, pos: str, neg: str) -> str:
    return "0°" if v == 0 else f"{abs(v):g}°{pos if v > 0 else neg}"


def events_map_svg(events: pd.DataFrame) -> str:
    title = "Map of incidents"
    located = events.dropna(subset=["latitude", "longitude"]).sort_values("incident_id")
    west, east, south, north, step = map_extent(located["longitude"].tolist(), located["latitude"].tolist())
    pad = 36
    scale = min((WIDTH - 2 * pad) / (east - west), 420 / (north - south))
    px = lambda lon: pad + (lon - west) * scale  # noqa: E731 - equirectangular: x from longitude
    py = lambda lat: pad / 2 + (north - lat) * scale  # noqa: E731 - and y from latitude
    height = pad / 2 + (north - south) * scale + pad
    body = [
        f'<rect x="{n(px(west))}" y="{n(py(north))}" width="{n(px(east) - px(west))}" '
        f'height="{n(py(south) - py(north))}" fill="#f4f8fb" stroke="#9ab"/>'
    ]
    body += _graticule(west, east, south, north, step, px, py)
    located = located.assign(radius=point_radii(located["killed_best"]))
    # largest first, so a small circle is never hidden under a large one
    for e in located.sort_values(["radius", "incident_id"], ascending=[False, True]).itertuples(index=False):
        fill = 'fill="none"' if pd.isna(e.killed_best) else 'fill="#D55E00" fill-opacity="0.6"'
        body.append(
            f'<circle class="event" cx="{n(px(e.longitude))}" cy="{n(py(e.latitude))}" r="{n(e.radius)}" '
            f'{fill} stroke="#8a3000"><title>{escape(_event_tip(e))}</title></circle>'
        )
    body += _country_labels(located, px, py)
    unlocated = len(events) - len(located)
    caption = (
        f"{len(located)} incidents with coordinates (equirectangular projection, graticule every "
        f"{step}°, no basemap); {unlocated} without coordinates are not drawn. Circle area grows "
        "with killed_best; a hollow circle: no claim of people killed. Labels: ISO 3166-1 alpha-3 "
        "country codes."
    )
    desc = f"{len(located)} incidents between {_degrees(west, 'E', 'W')} and {_degrees(east, 'E', 'W')}"
    return _figure(title, _svg("map", title, desc, height, body), caption)


def _graticule(west, east, south, north, step, px, py) -> list[str]:
    out = []
    for lon in range(int(west), int(east) + 1, step):
        out.append(
            f'<line class="graticule" x1="{n(px(lon))}" x2="{n(px(lon))}" y1="{n(py(north))}" '
            f'y2="{n(py(south))}" stroke="#cdd"/>'
            f'<text x="{n(px(lon))}" y="{n(py(south) + 14)}" text-anchor="middle" fill="#567">'
            f"{_degrees(lon, 'E', 'W')}</text>"
        )
    for lat in range(int(south), int(north) + 1, step):
        out.append(
            f'<line class="graticule" x1="{n(px(west))}" x2="{n(px(east))}" y1="{n(py(lat))}" '
            f'y2="{n(py(lat))}" stroke="#cdd"/>'
            f'<text x="{n(px(west) - 4)}" y="{n(py(lat) + 4)}" text-anchor="end" fill="#567">'
            f"{_degrees(lat, 'N', 'S')}</text>"
        )
    return out


def _event_tip(e) -> str:
    killed = "no claim of people killed" if pd.isna(e.killed_best) else f"killed (best) {int(e.killed_best)}"
    where = opt_str(e.location_name) or opt_str(e.place_name) or "unnamed place"
    return (
        f"{where} ({opt_str(e.country_iso3) or 'no country'}), {e.date_start}: {killed}; {e.n_claims} claims"
    )


def _country_labels(located: pd.DataFrame, px, py) -> list[str]:
    """One label per country, over the mean longitude of its incidents, above the northernmost."""
    out = []
    for iso3, group in located.dropna(subset=["country_iso3"]).groupby("country_iso3", sort=True):
        top = group.sort_values(["latitude", "radius"], ascending=False).iloc[0]
        x, y = px(group["longitude"].mean()), py(top["latitude"]) - top["radius"] - 6
        out.append(
            f'<text class="country" x="{n(x)}" y="{n(y)}" text-anchor="middle" font-weight="bold" '
            f'fill="#234">{escape(str(iso3))}</text>'
        )
    return out
