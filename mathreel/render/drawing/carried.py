"""What a beat can read when it starts, digested by value.

A beat's code reads more than the picture on screen: attributes the author set on the scene, the
local variables of ``construct`` and of the helper methods that open beats, module globals, trackers
and mobjects held off screen, updaters and what their closures hold, and the camera. Two runs that
reach a beat with equal digests of all of these (and the same code, plan and random seed) run the
beat identically, so its kept segment may be reused. Whatever cannot be digested by value (a
generator, an open file) raises :class:`CannotDigest`, and the beat is drawn.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import io
import sys
import sysconfig
import types
from collections.abc import Iterable
from pathlib import Path

import numpy as np

#: Mobject attributes that are not state: an SVG glyph's parsed path is read once, when its
#: points are made (the points are digested); a copy's ``original_id`` is the address of the
#: mobject it was copied from, different in every process; an SVG's ``file_name`` is where this
#: run's media folder keeps it, and its ``id_to_vgroup_dict`` indexes its submobjects (digested
#: as such) by element ids that a process-wide counter numbers.
_MOBJECT_SKIP = frozenset({"path_obj", "original_id", "file_name", "id_to_vgroup_dict"})
#: Scene attributes that Manim and the pipeline keep for themselves, not the author's state.
_SCENE_BOOKKEEPING = frozenset(
    {
        "animations",
        "duration",
        "time_progression",
        "last_t",
        "stop_condition",
        "moving_mobjects",
        "static_mobjects",
        "_carried_names",
        "_clock_read",
    }
)
#: Objects that hold no state a beat reads, or whose state is digested elsewhere.
_UNDIGESTABLE = (
    types.GeneratorType,
    types.CoroutineType,
    types.AsyncGeneratorType,
    io.IOBase,
    types.FrameType,
)


class CannotDigest(Exception):
    """Something a beat can read has no digest by value; the message says what and where."""


def _library_dirs() -> tuple[str, ...]:
    import manim

    import mathreel

    paths = sysconfig.get_paths()
    dirs = {paths["stdlib"], paths["platstdlib"], paths["purelib"], paths["platlib"]}
    dirs |= {str(Path(manim.__file__).parent), str(Path(mathreel.__file__).parent)}
    return tuple(sorted(str(Path(d).resolve()) + "/" for d in dirs))


_LIBRARY = _library_dirs()


@functools.lru_cache(maxsize=4096)
def is_author_code(filename: str) -> bool:
    """Whether ``filename`` is the author's code (not Python's, an installed package's, Manim's or
    this pipeline's)."""
    if filename.startswith("<"):
        return False
    return not str(Path(filename).resolve()).startswith(_LIBRARY)


class _Digest:
    def __init__(self, scene, tokens: dict[int, str]) -> None:
        self.hash = hashlib.sha256()
        self.memo: dict[int, int] = {}
        self.alive: list[object] = []  # keeps every memoised object alive, so no id is reused
        self.scene = scene
        self.tokens = tokens

    def put(self, tag: str, data: bytes = b"") -> None:
        self.hash.update(f"{tag}{len(data)}:".encode())
        self.hash.update(data)

    def sub(self, value, where: str) -> bytes:
        child = _Digest(self.scene, self.tokens)
        child.value(value, where)
        return child.hash.digest()

    def value(self, value, where: str) -> None:  # noqa: C901 (one dispatch over kinds of value)
        kind = type(value)
        if value is None or kind in (bool, int, float, complex, str):
            self.put(kind.__name__, repr(value).encode())
            return
        if kind in (bytes, bytearray):
            self.put("bytes", bytes(value))
            return
        if id(value) in self.tokens:
            self.put("token", self.tokens[id(value)].encode())
            return
        if id(value) in self.memo:
            self.put("ref", str(self.memo[id(value)]).encode())
            return
        self.memo[id(value)] = len(self.memo)
        self.alive.append(value)
        if isinstance(value, np.ndarray):
            if value.dtype == object:
                self.put("objarray", repr(value.shape).encode())
                for i, item in enumerate(value.flat):
                    self.value(item, f"{where}[{i}]")
            else:
                self.put(f"array{value.dtype.str}{value.shape}", np.ascontiguousarray(value).data)
        elif isinstance(value, np.generic):
            self.put(f"scalar{value.dtype.str}", value.tobytes())
        elif kind in (tuple, list):
            self.put(kind.__name__, str(len(value)).encode())
            for i, item in enumerate(value):
                self.value(item, f"{where}[{i}]")
        elif isinstance(value, dict):
            self.put("dict", str(len(value)).encode())
            for key, item in value.items():
                self.value(key, f"{where} key")
                self.value(item, f"{where}[{key!r}]")
        elif isinstance(value, set | frozenset):
            parts = sorted(self.sub(item, f"{where} item") for item in value)
            self.put("set", b"".join(parts))
        elif isinstance(value, enum.Enum):
            self.put("enum", repr(value).encode())
        elif isinstance(value, types.ModuleType):
            self.put("module", value.__name__.encode())
        elif isinstance(value, type):
            self.put("class", f"{value.__module__}.{value.__qualname__}".encode())
        elif isinstance(value, types.FunctionType):
            self.function(value, where)
        elif isinstance(value, types.MethodType):
            self.put("method")
            self.value(value.__func__, where)
            self.value(value.__self__, f"{where}.__self__")
        elif isinstance(value, types.BuiltinFunctionType | types.BuiltinMethodType):
            self.put("builtin", repr(getattr(value, "__qualname__", value)).encode())
            owner = getattr(value, "__self__", None)
            if owner is not None and not isinstance(owner, types.ModuleType):
                self.value(owner, f"{where}.__self__")
        elif isinstance(value, functools.partial):
            self.put("partial")
            self.value(value.func, where)
            self.value(value.args, where)
            self.value(value.keywords, where)
        elif isinstance(value, _UNDIGESTABLE):
            raise CannotDigest(f"{where} is a {kind.__name__}")
        elif type(value).__name__ == "ManimConfig":
            # Settings a scene reads (frame size, rate, colours), not where this run writes.
            self.put("config")
            for key, item in sorted(value._d.items()):
                if not key.endswith(("_dir", "_file", "file")):
                    self.value(item, f"config.{key}")
        elif "sympy" in sys.modules and isinstance(value, sys.modules["sympy"].Basic):
            self.put("sympy", sys.modules["sympy"].srepr(value).encode())
        else:
            self.instance(value, where)

    def function(self, fn: types.FunctionType, where: str) -> None:
        """A function by what it does and what it holds: its code (a library function's by its
        name: the code key covers the library), its defaults and the values its closure holds
        (a library function's too: ``redraw``'s updater holds the author's function, a library
        updater its rate), and the module globals the author's code names."""
        code = fn.__code__
        author = is_author_code(code.co_filename)
        if author:
            self.put("fn", _code_bytes(code))
        else:
            self.put("libfn", f"{fn.__module__}.{fn.__qualname__}".encode())
        self.value(fn.__defaults__, f"{where} defaults")
        self.value(fn.__kwdefaults__, f"{where} defaults")
        for name, cell in zip(code.co_freevars, fn.__closure__ or (), strict=True):
            try:
                content = cell.cell_contents
            except ValueError:
                self.put("emptycell", name.encode())
                continue
            self.value(content, f"{where} (closure '{name}')")
        if author:
            self.globals_named(code, fn.__globals__, where)

    def globals_named(self, code: types.CodeType, namespace: dict, where: str) -> None:
        for name in sorted(_names(code)):
            if name in namespace:
                self.put("global", name.encode())
                self.value(namespace[name], f"global '{name}'")

    def instance(self, value, where: str) -> None:
        """Any other object: its class and its attributes (``__dict__`` and ``__slots__``)."""
        kind = type(value)
        state = getattr(value, "__dict__", None)
        slots = [s for k in kind.__mro__ for s in getattr(k, "__slots__", ()) if s != "__dict__"]
        if state is None and not slots:
            if kind.__repr__ is object.__repr__:
                raise CannotDigest(f"{where} is a {kind.__module__}.{kind.__qualname__}")
            self.put("repr", f"{kind.__qualname__}:{value!r}".encode())
            return
        self.put("object", f"{kind.__module__}.{kind.__qualname__}".encode())
        from manim import Mobject

        skip = _MOBJECT_SKIP if isinstance(value, Mobject) else frozenset()
        for name, item in (state or {}).items():
            if name in skip:
                continue
            self.put("attr", name.encode())
            if (
                skip
                and name == "points"
                and isinstance(item, np.ndarray)
                and item.dtype.kind == "f"
            ):
                self.put("points", _geometry(item))
            else:
                self.value(item, f"{where}.{name}")
        for name in slots:
            if hasattr(value, name):
                self.put("slot", name.encode())
                self.value(getattr(value, name), f"{where}.{name}")


#: The grid a mobject's points are compared on, in scene units (a frame is 14.2 wide; a pixel at
#: 2160p is 0.0037, so a step of the grid is a 3700th of it). A label moved every frame of a drawn
#: play (``next_to`` from an updater, a DecimalNumber's new digits) ends a few ulps away from the
#: same label moved once by a skipped play: compared bit for bit, a beat after a reused one never
#: matches the beat after a drawn one. The grid is offset by an irrational fraction of a step, so
#: the round coordinates glyphs and axes have (0.1209838125) never sit on a grid line, where a few
#: ulps either way would fall into different cells.
POINT_GRID = 1e-6
POINT_GRID_OFFSET = 0.3819660112501051  # 2 minus the golden ratio


def _geometry(points: np.ndarray) -> bytes:
    """A mobject's points as compared: the cells of :data:`POINT_GRID` they fall in."""
    cells = np.floor(points.astype(np.float64) / POINT_GRID + POINT_GRID_OFFSET).astype(np.int64)
    return f"{cells.shape}".encode() + np.ascontiguousarray(cells).data


def _code_bytes(code: types.CodeType) -> bytes:
    """What ``code`` does, without where it stands (its file and line numbers: a moved project
    or a shifted line keeps the digest; an edit changes the code key anyway). Written by
    :func:`_canonical`, not ``marshal``, whose bytes depend on reference counts."""
    return _canonical(
        (
            code.co_code,
            code.co_consts,
            code.co_names,
            code.co_varnames,
            code.co_freevars,
            code.co_cellvars,
            code.co_flags,
            code.co_argcount,
            code.co_kwonlyargcount,
        )
    ).encode()


def _canonical(const) -> str:
    """One spelling for a code constant: nested code by what it does, a frozenset's items in a
    fixed order (iteration follows the per-process string hash), anything else by type and repr."""
    if isinstance(const, types.CodeType):
        return "code(" + _code_bytes(const).decode() + ")"
    if isinstance(const, tuple):
        return "(" + ",".join(_canonical(c) for c in const) + ")"
    if isinstance(const, frozenset):
        return "frozenset(" + ",".join(sorted(_canonical(c) for c in const)) + ")"
    return f"{type(const).__name__}:{const!r}"


def _names(code: types.CodeType) -> set[str]:
    """Global names ``code`` and the code nested in it can read."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def _camera(digest: _Digest, camera) -> None:
    """The camera, named part by part (it holds pixel buffers and Cairo contexts, which are not
    state): its class, background, frame, a moving camera's frame mobject, a 3D camera's
    orientation trackers, frame centre, light and shading, and the fixed-in-frame and
    fixed-orientation sets."""
    digest.put("camera", type(camera).__qualname__.encode())
    for name in (
        "background_color",
        "background_opacity",
        "background_image",
        "frame_center",
        "frame_width",
        "frame_height",
        "frame_rate",
        "pixel_width",
        "pixel_height",
        "frame",
        "phi_tracker",
        "theta_tracker",
        "gamma_tracker",
        "focal_distance_tracker",
        "zoom_tracker",
        "_frame_center",
        "light_source",
        "shading_factor",
        "should_apply_shading",
        "exponential_projection",
        "fixed_in_frame_mobjects",
        "fixed_orientation_mobjects",
        "use_z_index",
    ):
        if name in vars(camera) or hasattr(type(camera), name):
            digest.put("part", name.encode())
            digest.value(getattr(camera, name), f"the camera's {name}")


def author_frames(start: types.FrameType | None) -> list[types.FrameType]:
    """The author's frames from ``start`` outward: the one that opens the beat, the helper
    methods around it, up to ``construct`` (library frames in between, such as contextlib's,
    are passed over; the walk ends at the first library frame after the author's)."""
    found: list[types.FrameType] = []
    frame = start
    while frame is not None:
        if is_author_code(frame.f_code.co_filename):
            found.append(frame)
        elif found:
            break
        frame = frame.f_back
    return found


def carried_state(scene, frames: Iterable[types.FrameType], skip_types: tuple[type, ...]) -> str:
    """The digest of everything a beat starting now can read: the picture (every mobject on
    screen, with its updaters and what they hold), the scene's updaters, the camera, the
    attributes the author set on the scene, and in each of ``frames`` its local variables (but
    ``self`` and values of ``skip_types``, the beat trackers) and the module globals its code
    names. Raises :class:`CannotDigest`."""
    tokens = {
        id(scene): "scene",
        id(scene.renderer): "renderer",
        id(scene.camera): "camera",
        id(scene.renderer.file_writer): "file writer",
    }
    digest = _Digest(scene, tokens)
    digest.value(list(scene.mobjects), "the picture")
    digest.value(list(scene.foreground_mobjects), "the foreground")
    digest.value(list(scene.updaters), "the scene's updaters")
    _camera(digest, scene.camera)
    for name, value in vars(scene).items():
        if name not in scene._carried_names and name not in _SCENE_BOOKKEEPING:
            digest.put("scene attr", name.encode())
            digest.value(value, f"self.{name}")
    for frame in frames:
        code = frame.f_code
        place = f"{Path(code.co_filename).name}:{frame.f_lineno}"
        digest.put("frame", code.co_name.encode())
        for name, value in frame.f_locals.items():
            if name == "self" or isinstance(value, skip_types):
                continue
            digest.put("local", name.encode())
            digest.value(value, f"local '{name}' ({place})")
        digest.globals_named(code, frame.f_globals, place)
    return digest.hash.hexdigest()
