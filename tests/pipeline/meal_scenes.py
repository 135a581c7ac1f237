"""Rendered meals in the scene format (:mod:`gpu_tasks.perception.scene_file`), by ray casting in numpy.

A meal stands on a table (the plane z = 0, z up, metres): a dinner plate (a shallow cylinder,
25-28 cm across) with mounds (spherical caps, half-ellipsoids), flat slices (tortilla, pancake) and
spheres (meatballs) on it, touching each other; beside it bowls (spherical-cap shells: an outer and
an inner sphere cut by the table and the rim plane) with food below the rim, and cups or glasses
(cylindrical shells) with a liquid at some level. A phone orbits it: 4-8 frames at 30-70° elevation,
0.3-0.7 m from the meal, a horizontal field of view of 60-75°. Solids are intersections of convex
primitives (spheres, ellipsoids, vertical cylinders, horizontal slabs), shells one such solid minus
another, so each ray's first hit is exact; the truth volumes are analytic.

``random_meal(rng, ...)`` draws a meal and ``render_meal(meal, cameras)`` renders it into a
:class:`~gpu_tasks.perception.scene_file.Scene`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import numpy as np

from gpu_tasks.perception.scene_file import Scene, SceneInstance
from tests.pipeline.scenes import Camera, look_at_camera

_INF = np.inf
Interval = tuple[np.ndarray, np.ndarray]


# --- convex primitives: per ray the parameter interval (t_in, t_out) inside them --------------------

def _sphere(o: np.ndarray, d: np.ndarray, centre: np.ndarray, radii: np.ndarray) -> Interval:
    """Inside the ellipsoid with ``centre`` and semi-axes ``radii`` (a sphere when all are equal)."""
    oc, dd = (o - centre) / radii, d / radii
    a = np.einsum("ij,ij->i", dd, dd)
    b = 2 * dd @ oc
    c = oc @ oc - 1.0
    disc = b * b - 4 * a * c
    root = np.sqrt(np.maximum(disc, 0.0))
    hit = disc > 0
    return np.where(hit, (-b - root) / (2 * a), _INF), np.where(hit, (-b + root) / (2 * a), -_INF)


def _cylinder(o: np.ndarray, d: np.ndarray, centre: tuple[float, float], radius: float) -> Interval:
    """Inside the vertical infinite cylinder of ``radius`` about (x, y) = ``centre``."""
    ox, oy = o[0] - centre[0], o[1] - centre[1]
    a = d[:, 0] ** 2 + d[:, 1] ** 2
    b = 2 * (ox * d[:, 0] + oy * d[:, 1])
    c = ox * ox + oy * oy - radius**2
    disc = b * b - 4 * a * c
    root = np.sqrt(np.maximum(disc, 0.0))
    safe = np.maximum(a, 1e-18)
    hit = (disc > 0) & (a > 1e-18)
    t0, t1 = np.where(hit, (-b - root) / (2 * safe), _INF), np.where(hit, (-b + root) / (2 * safe), -_INF)
    vertical = a <= 1e-18
    inside = c < 0
    return np.where(vertical & inside, -_INF, t0), np.where(vertical & inside, _INF, t1)


def _slab(o: np.ndarray, d: np.ndarray, z0: float, z1: float) -> Interval:
    """Between the horizontal planes z = z0 and z = z1."""
    dz = d[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        a, b = (z0 - o[2]) / dz, (z1 - o[2]) / dz
    flat = np.abs(dz) < 1e-15
    inside = z0 <= o[2] <= z1
    t0 = np.where(flat, -_INF if inside else _INF, np.minimum(a, b))
    t1 = np.where(flat, _INF if inside else -_INF, np.maximum(a, b))
    return t0, t1


def _both(*intervals: Interval) -> Interval:
    return np.max([i[0] for i in intervals], axis=0), np.min([i[1] for i in intervals], axis=0)


def _first_hit(solid: Interval, hole: Interval | None = None) -> np.ndarray:
    """Ray parameter of the first point of ``solid`` minus the open ``hole`` (inf on a miss)."""
    lo, hi = solid
    hit = np.where((lo <= hi) & (lo > 0), lo, _INF)
    if hole is None:
        return hit
    in_hole = (hole[0] < lo) & (lo < hole[1])
    after = np.where((hole[1] <= hi) & (hole[1] > 0), hole[1], _INF)
    return np.where(in_hole, after, hit)


# --- the objects of a meal -------------------------------------------------------------------------

@dataclass(frozen=True)
class Thing:
    """An object of the meal: its label, kind, colour (RGB 0..1) and truth volume (foods, ml)."""

    label: str
    kind: str
    colour: tuple[float, float, float]

    def hit(self, o: np.ndarray, d: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    @property
    def volume_ml(self) -> float | None:
        return None


@dataclass(frozen=True)
class Disc(Thing):
    """A vertical cylinder from ``z0`` to ``z0 + height`` (plates, tortillas, pancakes)."""

    centre: tuple[float, float] = (0.0, 0.0)
    radius: float = 0.1
    height: float = 0.01
    z0: float = 0.0

    def hit(self, o: np.ndarray, d: np.ndarray) -> np.ndarray:
        return _first_hit(_both(_cylinder(o, d, self.centre, self.radius), _slab(o, d, self.z0, self.z0 + self.height)))

    @property
    def volume_ml(self) -> float | None:
        return math.pi * self.radius**2 * self.height * 1e6 if self.kind == "food" else None


@dataclass(frozen=True)
class Blob(Thing):
    """The part above ``z0`` of an ellipsoid with semi-axes ``axes`` centred ``lift`` m above ``z0``:
    a spherical cap (sphere, -r < lift < 0), a half-ellipsoid (lift 0) or a resting sphere (lift r)."""

    centre: tuple[float, float] = (0.0, 0.0)
    axes: tuple[float, float, float] = (0.03, 0.03, 0.03)
    lift: float = 0.0
    z0: float = 0.0

    def hit(self, o: np.ndarray, d: np.ndarray) -> np.ndarray:
        c = np.array([self.centre[0], self.centre[1], self.z0 + self.lift])
        return _first_hit(_both(_sphere(o, d, c, np.array(self.axes)), _slab(o, d, self.z0, 10.0)))

    @property
    def volume_ml(self) -> float:
        a, b, c = self.axes
        k = float(np.clip(-self.lift / c, -1.0, 1.0))
        return a * b * c * math.pi * (2 / 3 - k + k**3 / 3) * 1e6


@dataclass(frozen=True)
class Bowl(Thing):
    """A spherical-cap shell: inside the outer sphere, between the table and the rim plane z = ``depth``
    + ``base``, outside the inner sphere whose cap below the rim has radius ``rim_radius`` and depth
    ``depth``. The outer sphere meets the table in a foot of ``foot_radius`` and the rim ``wall`` outside."""

    centre: tuple[float, float] = (0.0, 0.0)
    rim_radius: float = 0.07      # inner radius at the rim (m)
    depth: float = 0.05           # interior depth below the rim (m)
    wall: float = 0.004           # wall thickness at the rim (m)
    base: float = 0.006           # thickness under the interior's lowest point (m)
    foot_radius: float = 0.035

    @property
    def rim_height(self) -> float:
        return self.depth + self.base

    @property
    def inner(self) -> tuple[np.ndarray, float]:
        rho = (self.rim_radius**2 + self.depth**2) / (2 * self.depth)
        return np.array([self.centre[0], self.centre[1], self.base + rho]), rho

    @property
    def outer(self) -> tuple[np.ndarray, float]:
        h, ro, rf = self.rim_height, self.rim_radius + self.wall, self.foot_radius
        zo = (h * h - rf * rf + ro * ro) / (2 * h)
        return np.array([self.centre[0], self.centre[1], zo]), math.sqrt(rf * rf + zo * zo)

    def hit(self, o: np.ndarray, d: np.ndarray) -> np.ndarray:
        (co, ro), (ci, ri) = self.outer, self.inner
        solid = _both(_sphere(o, d, co, np.full(3, ro)), _slab(o, d, 0.0, self.rim_height))
        return _first_hit(solid, _sphere(o, d, ci, np.full(3, ri)))

    def fill_volume_ml(self, level: float) -> float:
        """Interior volume (ml) below the height ``level`` (m above the table)."""
        _, rho = self.inner
        y = float(np.clip(level - self.base, 0.0, self.depth))
        return math.pi * y * y * (3 * rho - y) / 3 * 1e6


@dataclass(frozen=True)
class BowlFill(Thing):
    """Food filling ``bowl`` up to ``level`` (m above the table), with an optional dome of ``dome`` m."""

    bowl: Bowl = field(default_factory=Bowl)
    level: float = 0.03
    dome: float = 0.0

    def _level_radius(self) -> float:
        c, rho = self.bowl.inner
        return math.sqrt(max(rho * rho - (self.level - c[2]) ** 2, 0.0))

    def hit(self, o: np.ndarray, d: np.ndarray) -> np.ndarray:
        c, rho = self.bowl.inner
        t = _first_hit(_both(_sphere(o, d, c, np.full(3, rho)), _slab(o, d, 0.0, self.level)))
        if self.dome > 0:
            r = self._level_radius()
            cap_rho = (r * r + self.dome**2) / (2 * self.dome)
            cc = np.array([c[0], c[1], self.level + self.dome - cap_rho])
            t = np.minimum(t, _first_hit(_both(_sphere(o, d, cc, np.full(3, cap_rho)), _slab(o, d, self.level, 10.0))))
        return t

    @property
    def volume_ml(self) -> float:
        r, m = self._level_radius(), self.dome
        return self.bowl.fill_volume_ml(self.level) + math.pi * m * (3 * r * r + m * m) / 6 * 1e6


@dataclass(frozen=True)
class Cup(Thing):
    """A cylindrical shell (cup, glass): outer ``radius``, ``height``, ``wall`` and ``base`` thickness."""

    centre: tuple[float, float] = (0.0, 0.0)
    radius: float = 0.04
    height: float = 0.09
    wall: float = 0.003
    base: float = 0.008

    def hit(self, o: np.ndarray, d: np.ndarray) -> np.ndarray:
        solid = _both(_cylinder(o, d, self.centre, self.radius), _slab(o, d, 0.0, self.height))
        hole = _both(_cylinder(o, d, self.centre, self.radius - self.wall), _slab(o, d, self.base, 10.0))
        return _first_hit(solid, hole)


@dataclass(frozen=True)
class Liquid(Thing):
    """A liquid in ``cup`` up to ``level`` (m above the table)."""

    cup: Cup = field(default_factory=Cup)
    level: float = 0.06

    def hit(self, o: np.ndarray, d: np.ndarray) -> np.ndarray:
        c = self.cup
        return _first_hit(_both(_cylinder(o, d, c.centre, c.radius - c.wall), _slab(o, d, c.base, self.level)))

    @property
    def volume_ml(self) -> float:
        c = self.cup
        return math.pi * (c.radius - c.wall) ** 2 * (self.level - c.base) * 1e6


@dataclass(frozen=True)
class Table(Thing):
    radius: float = 1.5

    def hit(self, o: np.ndarray, d: np.ndarray) -> np.ndarray:
        return _first_hit(_both(_cylinder(o, d, (0.0, 0.0), self.radius), _slab(o, d, -0.05, 0.0)))


@dataclass(frozen=True)
class Meal:
    """Objects (instance id = position + 1) and the meal's centre and radius on the table (m)."""

    things: tuple[Thing, ...]
    centre: tuple[float, float]
    radius: float


# --- rendering -------------------------------------------------------------------------------------

_LIGHT = np.array([0.3, -0.4, 0.87]) / np.linalg.norm([0.3, -0.4, 0.87])


def _shade(points: np.ndarray, colour: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """RGB uint8: Lambert shading from normals of the depth's back-projected points, per-object colour."""
    du = np.gradient(points, axis=1)
    dv = np.gradient(points, axis=0)
    normal = np.cross(du, dv)
    normal /= np.maximum(np.linalg.norm(normal, axis=-1, keepdims=True), 1e-12)
    light = np.round((0.45 + 0.55 * np.abs(normal @ _LIGHT)) * 32) / 32   # banded: compresses well
    rgb = colour * light[..., None]
    return np.clip(rgb * 255, 0, 255).astype(np.uint8)


def render_frame(things: tuple[Thing, ...], camera: Camera) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rgb uint8 H×W×3, z-depth m float32 (0: nothing), instance ids int32) of one view."""
    origin, dirs = camera.rays()
    best = np.full(len(dirs), _INF)
    ids = np.zeros(len(dirs), np.int32)
    for k, thing in enumerate(things, start=1):
        t = thing.hit(origin, dirs)
        closer = t < best
        best[closer], ids[closer] = t[closer], k
    shape = (camera.height, camera.width)
    depth = np.where(np.isfinite(best), best, 0.0).reshape(shape)
    ids = ids.reshape(shape)
    palette = np.array([(0.0, 0.0, 0.0)] + [t.colour for t in things])
    points = (origin + dirs * np.where(np.isfinite(best), best, 0.0)[:, None]).reshape(*shape, 3)
    return _shade(points, palette[ids], ids), depth.astype(np.float32), ids


def render_meal(meal: Meal, cameras: list[Camera]) -> Scene:
    """The scene file contents of ``meal`` filmed by ``cameras`` (same intrinsics in every frame)."""
    frames = [render_frame(meal.things, camera) for camera in cameras]
    k = np.array([[[c.fx, 0, c.cx], [0, c.fy, c.cy], [0, 0, 1]] for c in cameras], np.float32)
    instances = tuple(SceneInstance(i, t.label, t.kind, t.volume_ml)  # type: ignore[arg-type]
                      for i, t in enumerate(meal.things, start=1))
    return Scene(np.stack([f[0] for f in frames]), np.stack([f[1] for f in frames]),
                 np.stack([f[2] for f in frames]), k, instances)


# --- random meals ----------------------------------------------------------------------------------

COLOURS: dict[str, tuple[float, float, float]] = {
    "table": (0.55, 0.42, 0.3), "plate": (0.93, 0.93, 0.9), "bowl": (0.85, 0.88, 0.95), "cup": (0.8, 0.3, 0.25),
    "glass": (0.75, 0.85, 0.9), "rice": (0.97, 0.96, 0.88), "mashed potatoes": (0.95, 0.88, 0.6),
    "tortilla": (0.9, 0.8, 0.55), "pancake": (0.8, 0.55, 0.25), "meatballs": (0.45, 0.25, 0.15),
    "steak": (0.5, 0.2, 0.15), "salad": (0.35, 0.7, 0.25), "soup": (0.85, 0.5, 0.15), "oatmeal": (0.85, 0.75, 0.55),
    "milk": (0.98, 0.98, 0.98), "orange juice": (1.0, 0.6, 0.1), "pasta": (0.95, 0.8, 0.4),
}
RESOLUTIONS = ((640, 480), (1280, 720), (1920, 1080))
PLATE_DIAMETER_M = (0.25, 0.28)


def _on_plate(rng: np.random.Generator, top: float, centre: tuple[float, float]) -> tuple[Thing, float]:
    """A random food standing on the plate's top at ``centre``, and its footprint radius (m)."""
    kind = rng.choice(["mound", "ellipsoid", "tortilla", "pancake", "meatball", "steak"])
    if kind == "mound":
        r, h = rng.uniform(0.035, 0.06), rng.uniform(0.02, 0.045)
        rho = (r * r + h * h) / (2 * h)
        label = str(rng.choice(["rice", "pasta"]))
        return Blob(label, "food", COLOURS[label], centre, (rho, rho, rho), h - rho, top), r
    if kind == "ellipsoid":
        a, b, c = rng.uniform(0.03, 0.05), rng.uniform(0.025, 0.045), rng.uniform(0.015, 0.035)
        return Blob("mashed potatoes", "food", COLOURS["mashed potatoes"], centre, (a, b, c), 0.0, top), max(a, b)
    if kind == "tortilla":
        r = rng.uniform(0.07, 0.09)
        return Disc("tortilla", "food", COLOURS["tortilla"], centre, r, rng.uniform(0.003, 0.005), top), r
    if kind == "pancake":
        r = rng.uniform(0.05, 0.07)
        return Disc("pancake", "food", COLOURS["pancake"], centre, r, rng.uniform(0.008, 0.015), top), r
    if kind == "steak":
        a, b = rng.uniform(0.045, 0.06), rng.uniform(0.03, 0.045)
        return Blob("steak", "food", COLOURS["steak"], centre, (a, b, rng.uniform(0.012, 0.02)), -0.004, top), max(a, b)
    r = rng.uniform(0.015, 0.025)
    return Blob("meatballs", "food", COLOURS["meatballs"], centre, (r, r, r), r, top), r


def random_meal(rng: np.random.Generator, *, plate: bool | None = None, bowl: bool | None = None,
                cup: bool | None = None) -> Meal:
    """A plate with 1-3 foods and/or a bowl with food and/or a cup or glass with a liquid (at least a
    plate or a bowl), items touching; ``None`` draws whether each is there."""
    plate = bool(rng.random() < 0.8) if plate is None else plate
    bowl = bool(rng.random() < 0.6) if bowl is None else bowl
    if not plate and not bowl:
        plate = True
    cup = bool(rng.random() < 0.5) if cup is None else cup
    things: list[Thing] = [Table("table", "table", COLOURS["table"])]
    placed: list[tuple[float, float, float]] = []   # (x, y, radius) of what stands on the table
    if plate:
        radius = rng.uniform(*PLATE_DIAMETER_M) / 2
        height = rng.uniform(0.012, 0.02)
        things.append(Disc("plate", "plate", COLOURS["plate"], (0.0, 0.0), radius, height, 0.0))
        placed.append((0.0, 0.0, radius))
        foods: list[tuple[float, float, float]] = []
        for _ in range(int(rng.integers(1, 4))):
            for _ in range(50):
                angle, dist = rng.uniform(0, 2 * math.pi), rng.uniform(0, radius * 0.6)
                centre = (dist * math.cos(angle), dist * math.sin(angle))
                food, r = _on_plate(rng, height, centre)
                if math.hypot(*centre) + r > radius * 0.97:
                    continue
                # touching is fine (gap >= 0), overlapping is not
                if all(math.hypot(centre[0] - x, centre[1] - y) >= r + q + rng.uniform(0, 0.008) for x, y, q in foods):
                    things.append(food)
                    foods.append((centre[0], centre[1], r))
                    break
    for wanted, make in ((bowl, _bowl), (cup, _cup)):
        if wanted:
            made = make(rng, placed)
            things.extend(made)
    xs = np.array([p[0] for p in placed])
    ys = np.array([p[1] for p in placed])
    rs = np.array([p[2] for p in placed])
    centre = (float(xs.mean()), float(ys.mean()))
    extent = float(np.max(np.hypot(xs - centre[0], ys - centre[1]) + rs))
    return Meal(tuple(things), centre, extent)


def _spot(rng: np.random.Generator, placed: list[tuple[float, float, float]], radius: float) -> tuple[float, float]:
    """A table point for a round object of ``radius`` next to (touching or near) what is placed."""
    if not placed:
        placed.append((0.0, 0.0, radius))
        return 0.0, 0.0
    for _ in range(200):
        x0, y0, r0 = placed[int(rng.integers(len(placed)))]
        angle = rng.uniform(0, 2 * math.pi)
        dist = r0 + radius + rng.uniform(0.003, 0.03)
        x, y = x0 + dist * math.cos(angle), y0 + dist * math.sin(angle)
        if all(math.hypot(x - a, y - b) >= radius + c + 0.002 for a, b, c in placed):
            placed.append((x, y, radius))
            return x, y
    raise RuntimeError("no room for another object")


def _bowl(rng: np.random.Generator, placed: list[tuple[float, float, float]]) -> list[Thing]:
    rim, depth = rng.uniform(0.055, 0.08), rng.uniform(0.035, 0.06)
    depth = min(depth, rim * 0.95)
    wall, base = rng.uniform(0.003, 0.006), rng.uniform(0.004, 0.01)
    centre = _spot(rng, placed, (rim + wall) * 1.1)
    bowl = Bowl("bowl", "bowl", COLOURS["bowl"], centre, rim, depth, wall, base, rng.uniform(0.025, 0.04))
    label = str(rng.choice(["soup", "oatmeal", "rice", "salad"]))
    level = base + depth * rng.uniform(0.35, 0.9)
    dome = rng.uniform(0.005, 0.025) if label in ("rice", "salad") else 0.0
    return [bowl, BowlFill(label, "food", COLOURS[label], bowl, level, dome)]


def _cup(rng: np.random.Generator, placed: list[tuple[float, float, float]]) -> list[Thing]:
    glass = bool(rng.random() < 0.5)
    radius = rng.uniform(0.03, 0.037) if glass else rng.uniform(0.037, 0.045)
    height = rng.uniform(0.1, 0.13) if glass else rng.uniform(0.075, 0.095)
    base = rng.uniform(0.006, 0.012)
    name = "glass" if glass else "cup"
    cup = Cup(name, "cup", COLOURS[name], _spot(rng, placed, radius), radius, height, rng.uniform(0.0025, 0.004), base)
    label = str(rng.choice(["milk", "orange juice"]) if glass else "soup")
    level = base + (height - base) * rng.uniform(0.4, 0.85)
    return [cup, Liquid(label, "food", COLOURS[label], cup, level)]


def orbit_cameras(rng: np.random.Generator, meal: Meal, *, resolution: tuple[int, int] | None = None,
                  frames: int | None = None, hfov_deg: float | None = None,
                  turn_deg: float | None = None) -> list[Camera]:
    """4-8 views orbiting the meal at 30-70° elevation, 0.3-0.7 m away, one field of view (60-75°),
    spread over 90-240° of the orbit; ``turn_deg`` instead turns the camera by that many degrees
    between consecutive views (90 with 4 views: a quarter turn between keyframes, most of a circle)."""
    width, height = resolution or RESOLUTIONS[int(rng.integers(len(RESOLUTIONS)))]
    n = frames or int(rng.integers(4, 9))
    hfov = hfov_deg if hfov_deg is not None else float(rng.uniform(60, 75))
    vfov = 2 * math.degrees(math.atan(math.tan(math.radians(hfov) / 2) * height / width))
    fit = meal.radius / math.tan(math.radians(vfov) / 2) * 1.15   # distance that keeps the meal in view
    start, span = rng.uniform(0, 360), rng.uniform(90, 240)
    if turn_deg is not None:
        span = turn_deg * max(n - 1, 1)
    elevations = np.linspace(*rng.uniform(30, 70, 2), n)
    cameras = []
    for k in range(n):
        distance = float(np.clip(fit * rng.uniform(0.95, 1.15), 0.3, 0.7))
        jitter = rng.normal(0, 0.01, 2)
        cameras.append(look_at_camera(width, height, hfov_deg=hfov, distance_m=distance,
                                      tilt_deg=90.0 - float(elevations[k]),
                                      azimuth_deg=start + span * k / max(n - 1, 1), roll_deg=float(rng.uniform(-4, 4)),
                                      target=(meal.centre[0] + jitter[0], meal.centre[1] + jitter[1])))
    return cameras


def random_scene(rng: np.random.Generator, *, resolution: tuple[int, int] | None = None,
                 frames: int | None = None, turn_deg: float | None = None, **meal: bool | None) -> Scene:
    """A random meal filmed by a random orbit (``turn_deg``: see :func:`orbit_cameras`)."""
    m = random_meal(rng, **meal)
    return render_meal(m, orbit_cameras(rng, m, resolution=resolution, frames=frames, turn_deg=turn_deg))


def instances_json(scene: Scene) -> str:
    return json.dumps([{"id": i.id, "label": i.label, "kind": i.kind, "volume_ml": i.volume_ml}
                       for i in scene.instances])
