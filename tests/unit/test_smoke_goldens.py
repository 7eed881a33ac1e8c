"""Golden comparison, failure images and approval on synthetic frames (no rendering)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from mathreel.check import contact_sheet, goldens, keyframes
from mathreel.manifest import Chapter, SceneEntry

SUPER = 4  # frames are drawn 4x larger and box-filtered down, so shapes are anti-aliased
BACKGROUND = (17, 19, 24)
SKY_BLUE, ORANGE, VERMILLION, YELLOW = (86, 180, 233), (230, 159, 0), (213, 94, 0), (240, 228, 66)


def frame(
    dx: float = 0.0,
    dy: float = 0.0,
    label_dx: float = 0.0,
    tangent: tuple[int, int, int] = ORANGE,
    dot: bool = True,
) -> Image.Image:
    """An 854x480 stand-in for a key frame: a curve, a tangent, a dot and a label; everything
    shifted by (dx, dy) pixels (sub-pixel steps allowed), the label by ``label_dx`` more."""
    big = Image.new("RGB", (854 * SUPER, 480 * SUPER), BACKGROUND)
    draw = ImageDraw.Draw(big)

    def at(x: float, y: float) -> tuple[float, float]:
        return ((x + dx) * SUPER, (y + dy) * SUPER)

    curve = [at(100 + t, 400 - (t / 20) ** 2) for t in range(0, 500, 2)]
    draw.line(curve, fill=SKY_BLUE, width=3 * SUPER)
    draw.line([at(250, 380), at(550, 260)], fill=tangent, width=3 * SUPER)
    if dot:
        x, y = at(400, 320)
        draw.ellipse([x - 5 * SUPER, y - 5 * SUPER, x + 5 * SUPER, y + 5 * SUPER], fill=YELLOW)
    x, y = at(600 + label_dx, 100)
    draw.text((x, y), "f'(x) = 2x", fill=ORANGE, font=contact_sheet.label_font(28 * SUPER))
    return big.reduce(SUPER)


def test_palette_and_sub_pixel_anti_aliasing_pass():
    golden = goldens.golden_image(frame())
    assert goldens.compare(golden, frame()).changed == 0
    for dx, dy in ((0.25, 0.0), (0.0, 0.25), (0.25, 0.25), (-0.25, 0.5)):
        diff = goldens.compare(golden, frame(dx, dy))
        assert diff.ok, f"shift ({dx}, {dy}): {diff.describe()}"


@pytest.mark.parametrize(
    "changed",
    [
        pytest.param(dict(label_dx=3), id="label moved 3 px"),
        pytest.param(dict(tangent=VERMILLION), id="3-px tangent orange to vermillion"),
        pytest.param(dict(dot=False), id="dot missing"),
        pytest.param(dict(dx=2), id="everything moved 2 px"),
    ],
)
def test_moved_recoloured_or_missing_objects_fail(changed):
    diff = goldens.compare(goldens.golden_image(frame()), frame(**changed))
    assert not diff.ok, diff.describe()


def test_a_frame_of_another_size_fails():
    assert not goldens.compare(goldens.golden_image(frame()), frame().resize((427, 240))).ok


def save_golden(root: Path, frame_id: goldens.FrameId, image: Image.Image) -> None:
    path = goldens.golden_path(frame_id, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    goldens.golden_image(image).save(path)


def test_a_failure_writes_the_actual_frame_and_a_diff_image_and_names_both(tmp_path):
    frame_id = ("chapter-01", "slope", "tangent")
    save_golden(tmp_path, frame_id, frame())
    actual = tmp_path / "actual.png"
    frame(label_dx=6).save(actual)

    message = goldens.check_frame(frame_id, actual, root=tmp_path)

    actual_out, diff_out = goldens.failure_paths(frame_id, tmp_path)
    assert actual_out.parent == tmp_path / "_failures" / "chapter-01" / "slope"
    assert str(actual_out) in message and str(diff_out) in message
    assert goldens.APPROVE_COMMAND in message
    with Image.open(actual_out) as saved:
        assert saved.size == (854, 480)
    with Image.open(diff_out) as diff:
        assert diff.size == (2 * 854, 2 * 480 + 2 * contact_sheet.BEAT_LABEL)

    frame().save(actual)  # fixed: the comparison passes and the stale failure files go
    assert goldens.check_frame(frame_id, actual, root=tmp_path) is None
    assert not actual_out.exists() and not diff_out.exists()


def test_a_missing_golden_names_the_approval_command(tmp_path):
    actual = tmp_path / "actual.png"
    frame().save(actual)
    message = goldens.check_frame(("chapter-01", "slope", "new_beat"), actual, root=tmp_path)
    assert "no golden" in message and goldens.APPROVE_COMMAND in message


def report_for(tmp_path: Path, frames: dict[str, Image.Image]) -> keyframes.SmokeReport:
    entry = SceneEntry("slope", 1, 1)
    folder = tmp_path / "smoke" / "chapter-01" / "slope"
    folder.mkdir(parents=True)
    for beat, image in frames.items():
        image.save(folder / f"{beat}.png")
    scene = keyframes.SceneFrames(entry, "Slope", folder, tuple(frames), 0.0)
    chapter = Chapter(1, "Derivatives", "Course", (entry,))
    return keyframes.SmokeReport(
        (keyframes.ChapterFrames(chapter, folder.parent, (scene,)),), 0.0, 0.0
    )


def test_approval_adds_updates_keeps_and_removes(tmp_path):
    root = tmp_path / "golden"
    kept_image = frame()
    save_golden(root, ("chapter-01", "slope", "same"), kept_image)
    save_golden(root, ("chapter-01", "slope", "changed"), frame())
    save_golden(root, ("chapter-01", "slope", "renamed_beat"), frame())
    save_golden(root, ("chapter-01", "removed_scene", "beat"), frame())
    before = goldens.golden_path(("chapter-01", "slope", "same"), root).read_bytes()
    report = report_for(
        tmp_path, {"same": frame(0.25), "changed": frame(label_dx=8), "new_beat": frame()}
    )

    done = goldens.approve(report, root=root)

    assert done.kept == (("chapter-01", "slope", "same"),)
    assert done.updated == (("chapter-01", "slope", "changed"),)
    assert done.added == (("chapter-01", "slope", "new_beat"),)
    assert set(done.removed) == {
        ("chapter-01", "slope", "renamed_beat"),
        ("chapter-01", "removed_scene", "beat"),
    }
    assert goldens.golden_frames(root) == {
        ("chapter-01", "slope", b) for b in ("same", "changed", "new_beat")
    }
    assert goldens.golden_path(("chapter-01", "slope", "same"), root).read_bytes() == before
    assert not (root / "chapter-01" / "removed_scene").exists()
    for beat in ("changed", "new_beat"):
        path = goldens.golden_path(("chapter-01", "slope", beat), root)
        with Image.open(path) as golden:
            assert golden.mode == "P" and golden.size == (854, 480)
        assert path.stat().st_size < 60_000
