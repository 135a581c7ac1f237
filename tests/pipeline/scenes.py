"""Synthetic depth scenes with exact volumes, rendered by ray casting (tests and benchmarks).

The world has the table in the plane z = 0 (z up, metres). A solid stands on the table; a pinhole
camera looks at it from ``distance_m`` with ``tilt_deg`` between its optical axis and straight down.
Every pixel casts one ray through its centre (pixel (row v, col u) has its centre at (u, v), the
convention :mod:`pipeline.geometry` uses) and keeps the nearest hit: the depth map is metric z-depth
in the camera frame and the mask marks the pixels whose nearest hit is the measured item.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np

_MISS = np.inf


@dataclass(frozen=True)
class Camera:
    """Pinhole camera: intrinsics in pixels, pose as position (m) and camera-to-world rotation."""

    width: int
    height: int
    fx: float
    fy: float
    cx: float
    cy: float
    position: np.ndarray
    rotation: np.ndarray  # columns: camera x (right), y (down), z (forward) in world coordinates

    @property
    def intrinsics(self) -> tuple[float, float, float, float]:
        return (self.fx, self.fy, self.cx, self.cy)

    def rays(self) -> tuple[np.ndarray, np.ndarray]:
        """(origin (3,), directions (H*W, 3)) with camera-z component 1, so ray t is z-depth (m)."""
        u, v = np.meshgrid(np.arange(self.width, dtype=float), np.arange(self.height, dtype=float))
        cam = np.stack([(u - self.cx) / self.fx, (v - self.cy) / self.fy, np.ones_like(u)], -1)
        return self.position, cam.reshape(-1, 3) @ self.rotation.T


def look_at_camera(width: int, height: int, *, hfov_deg: float, distance_m: float, tilt_deg: float,
                   azimuth_deg: float = 0.0, roll_deg: float = 0.0,
                   target: tuple[float, float] = (0.0, 0.0)) -> Camera:
    """A camera ``distance_m`` from the table point ``target``, tilted ``tilt_deg`` from top-down."""
    tilt, az, roll = (math.radians(a) for a in (tilt_deg, azimuth_deg, roll_deg))
    back = np.array([math.sin(tilt) * math.cos(az), math.sin(tilt) * math.sin(az), math.cos(tilt)])
    position = np.array([target[0], target[1], 0.0]) + distance_m * back
    forward = -back
    right = np.array([-math.sin(az), math.cos(az), 0.0])
    down = np.cross(forward, right)
    right, down = (math.cos(roll) * right + math.sin(roll) * down,
                   -math.sin(roll) * right + math.cos(roll) * down)
    fx = (width / 2) / math.tan(math.radians(hfov_deg) / 2)
    return Camera(width, height, fx, fx, (width - 1) / 2, (height - 1) / 2, position,
                  np.stack([right, down, forward], axis=1))


@dataclass(frozen=True)
class _Solid:
    """A solid standing on the table at ``centre`` (x, y in m), turned ``yaw_deg`` about z."""

    centre: tuple[float, float] = (0.0, 0.0)
    yaw_deg: float = 0.0

    def _local(self, origin: np.ndarray, dirs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        c, s = math.cos(math.radians(self.yaw_deg)), math.sin(math.radians(self.yaw_deg))
        rot = np.array([[c, s, 0.0], [-s, c, 0.0], [0.0, 0.0, 1.0]])  # world -> local
        o = rot @ (origin - np.array([self.centre[0], self.centre[1], 0.0]))
        return o, dirs @ rot.T

    def intersect(self, origin: np.ndarray, dirs: np.ndarray) -> np.ndarray:
        """Ray parameter of the first hit (inf on a miss)."""
        raise NotImplementedError

    def height_at(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Height (m) of the solid's top above table points (x, y) in world metres (0 off it)."""
        o = np.stack([np.asarray(x, float), np.asarray(y, float), np.full(np.shape(x), 10.0)], -1).reshape(-1, 3)
        c, s = math.cos(math.radians(self.yaw_deg)), math.sin(math.radians(self.yaw_deg))
        rot = np.array([[c, s, 0.0], [-s, c, 0.0], [0.0, 0.0, 1.0]])
        local = (o - np.array([self.centre[0], self.centre[1], 0.0])) @ rot.T
        return np.maximum(self._top(local[:, 0], local[:, 1]), 0.0).reshape(np.shape(x))

    def _top(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    @property
    def volume_ml(self) -> float:
        raise NotImplementedError


@dataclass(frozen=True)
class Box(_Solid):
    size: tuple[float, float, float] = (0.05, 0.05, 0.05)  # x, y, height (m)

    @property
    def volume_ml(self) -> float:
        return float(np.prod(self.size)) * 1e6

    def _top(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        inside = (np.abs(x) <= self.size[0] / 2) & (np.abs(y) <= self.size[1] / 2)
        return np.where(inside, self.size[2], 0.0)

    def intersect(self, origin: np.ndarray, dirs: np.ndarray) -> np.ndarray:
        o, d = self._local(origin, dirs)
        lo = np.array([-self.size[0] / 2, -self.size[1] / 2, 0.0])
        hi = np.array([self.size[0] / 2, self.size[1] / 2, self.size[2]])
        with np.errstate(divide="ignore", invalid="ignore"):
            t1, t2 = (lo - o) / d, (hi - o) / d
        t1 = np.where(np.isnan(t1), -np.inf, t1)
        t2 = np.where(np.isnan(t2), np.inf, t2)
        near = np.minimum(t1, t2).max(axis=1)
        far = np.maximum(t1, t2).min(axis=1)
        return np.where((near <= far) & (near > 0), near, _MISS)


@dataclass(frozen=True)
class Cylinder(_Solid):
    radius: float = 0.03
    height: float = 0.04

    @property
    def volume_ml(self) -> float:
        return math.pi * self.radius**2 * self.height * 1e6

    def _top(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.where(x * x + y * y <= self.radius**2, self.height, 0.0)

    def intersect(self, origin: np.ndarray, dirs: np.ndarray) -> np.ndarray:
        o, d = self._local(origin, dirs)
        a = d[:, 0] ** 2 + d[:, 1] ** 2
        b = 2 * (o[0] * d[:, 0] + o[1] * d[:, 1])
        c = o[0] ** 2 + o[1] ** 2 - self.radius**2
        disc = b * b - 4 * a * c
        with np.errstate(invalid="ignore", divide="ignore"):
            t_side = (-b - np.sqrt(disc)) / (2 * a)
            z_side = o[2] + t_side * d[:, 2]
            side = np.where((disc >= 0) & (t_side > 0) & (z_side >= 0) & (z_side <= self.height), t_side, _MISS)
            t_top = (self.height - o[2]) / d[:, 2]
        x, y = o[0] + t_top * d[:, 0], o[1] + t_top * d[:, 1]
        top = np.where((t_top > 0) & (x * x + y * y <= self.radius**2), t_top, _MISS)
        return np.minimum(side, top)


@dataclass(frozen=True)
class Ellipsoid(_Solid):
    """The part above the table of an ellipsoid with semi-axes ``axes`` centred ``lift`` m above it.

    ``lift`` = 0 gives a half-ellipsoid; a sphere with -radius < lift < 0 gives a spherical cap.
    """

    axes: tuple[float, float, float] = (0.03, 0.03, 0.03)
    lift: float = 0.0

    @property
    def volume_ml(self) -> float:
        a, b, c = self.axes
        k = np.clip(-self.lift / c, -1.0, 1.0)  # table height in unit-sphere coordinates
        cap = math.pi * (2 / 3 - k + k**3 / 3)  # volume of the unit ball above z = k
        return a * b * c * cap * 1e6

    def _top(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        a, b, c = self.axes
        inside = 1.0 - (x / a) ** 2 - (y / b) ** 2
        return np.where(inside > 0, self.lift + c * np.sqrt(np.maximum(inside, 0.0)), 0.0)

    def intersect(self, origin: np.ndarray, dirs: np.ndarray) -> np.ndarray:
        o, d = self._local(origin, dirs)
        scale = np.array(self.axes)
        o = (o - np.array([0.0, 0.0, self.lift])) / scale
        d = d / scale
        a = np.einsum("ij,ij->i", d, d)
        b = 2 * d @ o
        c = o @ o - 1.0
        disc = b * b - 4 * a * c
        with np.errstate(invalid="ignore"):
            t = (-b - np.sqrt(disc)) / (2 * a)
        z = o[2] + t * d[:, 2]
        return np.where((disc >= 0) & (t > 0) & (z >= -self.lift / self.axes[2]), t, _MISS)


def spherical_cap(base_radius: float, height: float, centre: tuple[float, float] = (0.0, 0.0)) -> Ellipsoid:
    """A spherical cap of base radius and height (m); volume pi h^2 (3R - h) / 3."""
    radius = (base_radius**2 + height**2) / (2 * height)
    return Ellipsoid(centre=centre, axes=(radius, radius, radius), lift=height - radius)


@dataclass(frozen=True)
class Scene:
    """What a depth camera sees: depth (m, NaN where nothing was hit), the item mask, the truth."""

    depth_m: np.ndarray
    mask: np.ndarray
    intrinsics: tuple[float, float, float, float]
    true_volume_ml: float
    camera: Camera
    item: _Solid
    others: tuple[_Solid, ...] = field(default=())


def render(camera: Camera, item: _Solid, others: tuple[_Solid, ...] = (), *,
           noise_m: float = 0.0, seed: int = 0) -> Scene:
    """Ray-cast ``item`` and ``others`` on the table; optional Gaussian depth noise (m, std)."""
    origin, dirs = camera.rays()
    with np.errstate(divide="ignore"):
        t_table = np.where(dirs[:, 2] < 0, -origin[2] / dirs[:, 2], _MISS)
    t_item = item.intersect(origin, dirs)
    t_other = np.full_like(t_item, _MISS)
    for solid in others:
        t_other = np.minimum(t_other, solid.intersect(origin, dirs))
    depth = np.minimum(np.minimum(t_table, t_item), t_other)
    mask = (t_item <= depth) & np.isfinite(t_item)
    if noise_m > 0:
        depth = depth + np.random.default_rng(seed).normal(0.0, noise_m, depth.shape)
    depth = np.where(np.isfinite(depth), depth, np.nan)
    shape = (camera.height, camera.width)
    return Scene(depth.reshape(shape), mask.reshape(shape), camera.intrinsics, item.volume_ml,
                 camera, item, tuple(others))


SHAPES = ("box", "cylinder", "cap", "half_ellipsoid")
RESOLUTIONS = ((320, 240), (640, 480), (1280, 720))


def random_item(shape: str, volume_ml: float, rng: np.random.Generator) -> _Solid:
    """A solid of ``shape`` with random proportions, scaled to ``volume_ml``, at a random yaw."""
    yaw = float(rng.uniform(0, 180))
    if shape == "box":
        x, y, z = 1.0, rng.uniform(0.5, 1.0), rng.uniform(0.25, 1.0)
        k = (volume_ml * 1e-6 / (x * y * z)) ** (1 / 3)
        return Box(size=(k * x, k * y, k * z), yaw_deg=yaw)
    if shape == "cylinder":
        h_over_r = rng.uniform(0.3, 1.5)
        r = (volume_ml * 1e-6 / (math.pi * h_over_r)) ** (1 / 3)
        return Cylinder(radius=r, height=h_over_r * r, yaw_deg=yaw)
    if shape == "cap":
        h_over_a = rng.uniform(0.3, 1.0)
        unit = spherical_cap(1.0, h_over_a)
        k = (volume_ml / unit.volume_ml) ** (1 / 3)
        cap = spherical_cap(k, k * h_over_a)
        return Ellipsoid(axes=cap.axes, lift=cap.lift, yaw_deg=yaw)
    if shape == "half_ellipsoid":
        a, b, c = 1.0, rng.uniform(0.5, 1.0), rng.uniform(0.35, 0.9)
        k = (volume_ml * 1e-6 / (2 / 3 * math.pi * a * b * c)) ** (1 / 3)
        return Ellipsoid(axes=(k * a, k * b, k * c), yaw_deg=yaw)
    raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES}")


def _radius(solid: _Solid) -> float:
    if isinstance(solid, Box):
        return 0.5 * math.hypot(solid.size[0], solid.size[1])
    if isinstance(solid, Cylinder):
        return solid.radius
    assert isinstance(solid, Ellipsoid)
    k = np.clip(-solid.lift / solid.axes[2], -1, 1)
    return max(solid.axes[:2]) * math.sqrt(1 - k * k) if k > 0 else max(solid.axes[:2])


def random_scene(rng: np.random.Generator, shape: str, *, resolution: tuple[int, int] | None = None,
                 distractor: bool = False, noise_m: float = 0.0) -> Scene:
    """A random view (20-1000 ml, 0.3-1.0 m, tilt 0-45°) of one item fully inside the image,
    optionally with a neighbouring object and Gaussian depth noise (m)."""
    for _ in range(100):
        volume = float(np.exp(rng.uniform(np.log(20), np.log(1000))))
        item = random_item(shape, volume, rng)
        width, height = resolution or RESOLUTIONS[rng.integers(len(RESOLUTIONS))]
        offset = rng.normal(0, 0.25 * _radius(item) + 0.02, 2)
        camera = look_at_camera(width, height, hfov_deg=float(rng.uniform(55, 75)),
                                distance_m=float(rng.uniform(0.3, 1.0)), tilt_deg=float(rng.uniform(0, 45)),
                                azimuth_deg=float(rng.uniform(0, 360)), roll_deg=float(rng.uniform(-10, 10)),
                                target=(float(offset[0]), float(offset[1])))
        seed = int(rng.integers(2**31))
        scene = render(camera, item, noise_m=noise_m, seed=seed)
        m = scene.mask
        if m.sum() < 30 or m[0].any() or m[-1].any() or m[:, 0].any() or m[:, -1].any():
            continue
        if not distractor:
            return scene
        angle = rng.uniform(0, 2 * math.pi)
        other = random_item(str(rng.choice(["box", "cylinder"])), float(rng.uniform(30, 300)), rng)
        gap = _radius(item) + _radius(other) + rng.uniform(0.005, 0.03)
        other = dataclasses.replace(other, centre=(gap * math.cos(angle), gap * math.sin(angle)))
        crowded = render(camera, item, (other,), noise_m=noise_m, seed=seed)
        if (crowded.mask == m).all():
            return crowded
    raise RuntimeError(f"could not place a {shape} fully in view")
