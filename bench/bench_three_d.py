"""Benchmark: what a frame costs Cairo in 2D and in 3D, at 1080p (prints figures, asserts nothing).

Paints, in this process, with Manim's own cameras, the pictures Chapters 1 and 2 are made of:
- a Chapter 1 picture: axes with numbers, a curve, its tangent, a dot and three formulas;
- ``ThreeDAxes`` alone (with and without cone tips: each tip is a surface);
- three plain lines as axes (the lever when the axes' ticks teach nothing);
- a surface of 24x24 and 32x32 faces with axes, under a still camera (redrawn only while a
  depth-sorted mobject moves, see ``NarratedScene.get_moving_mobjects``) and a moving one
  (every frame, the camera's angle changes);
then the x264 encode of one 1080p frame as the pipeline encodes it. Prints milliseconds per frame
and what one second of 60 fps video costs, with the load average (the machine may be shared).

    .venv/bin/python bench/bench_three_d.py [--frames 20]
"""

from __future__ import annotations

import argparse
import os
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=20)
    args = parser.parse_args()

    import numpy as np
    from manim import (
        DEGREES,
        RIGHT,
        UP,
        Axes,
        Camera,
        Dot,
        Line,
        MathTex,
        Surface,
        ThreeDAxes,
        ThreeDCamera,
        config,
    )

    config.pixel_width, config.pixel_height, config.frame_rate = 1920, 1080, 60
    config.verbosity = "WARNING"

    def two_d():
        axes = Axes(x_range=[-1, 4, 1], y_range=[-1, 9, 2], x_length=7, y_length=5.5)
        axes.add_coordinates()
        curve = axes.plot(lambda x: x * x, x_range=[-0.8, 2.9], color="#56B4E9")
        tangent = Line(axes.c2p(0.5, -2), axes.c2p(3, 8), color="#E69F00")
        labels = [
            MathTex(r"f(x) = x^2").to_corner(UP + RIGHT),
            MathTex(r"f'(2) = 4").next_to(RIGHT * 3, UP),
            MathTex(r"\frac{f(2+h) - f(2)}{h}").to_edge(RIGHT),
        ]
        return [axes, curve, tangent, Dot(axes.c2p(2, 4)), *labels]

    def bowl(resolution):
        return Surface(
            lambda u, v: np.array([u, v, 0.25 * ((u - 0.5) ** 2 + 2 * v * v)]),
            u_range=[-3, 3],
            v_range=[-2, 2],
            resolution=(resolution, resolution),
            stroke_width=0,
            fill_opacity=0.9,
        )

    def axes_3d(tips: bool):
        return ThreeDAxes(x_range=[-3, 3, 1], y_range=[-2, 2, 1], z_range=[0, 4, 1], tips=tips)

    def plain_axes():
        """Three lines: the axes a surface needs when numbers on them teach nothing."""
        ends = [((-3, 0, 0), (3, 0, 0)), ((0, -2, 0), (0, 2, 0)), ((0, 0, 0), (0, 0, 4))]
        return [Line(a, b, stroke_width=2) for a, b in ends]

    def paint(camera, mobjects, move) -> float:
        started = time.perf_counter()
        for i in range(args.frames):
            if move:
                camera.set_theta((-60 + i) * DEGREES)
            camera.reset()
            camera.capture_mobjects(mobjects)
        return (time.perf_counter() - started) / args.frames * 1000

    def three_d_camera():
        camera = ThreeDCamera()
        camera.set_phi(65 * DEGREES)
        camera.set_theta(-60 * DEGREES)
        return camera

    rows = [
        ("Chapter 1 picture (2D)", lambda: (Camera(), two_d(), False)),
        ("ThreeDAxes with cone tips", lambda: (three_d_camera(), [axes_3d(True)], False)),
        ("ThreeDAxes without tips", lambda: (three_d_camera(), [axes_3d(False)], False)),
        ("three lines as axes", lambda: (three_d_camera(), plain_axes(), False)),
        (
            "surface 24x24 + axes, still*",
            lambda: (three_d_camera(), [axes_3d(False), bowl(24)], False),
        ),
        (
            "surface 24x24 + lines, still*",
            lambda: (three_d_camera(), [*plain_axes(), bowl(24)], False),
        ),
        (
            "surface 24x24 + axes, moving",
            lambda: (three_d_camera(), [axes_3d(False), bowl(24)], True),
        ),
        (
            "surface 32x32 + axes, moving",
            lambda: (three_d_camera(), [axes_3d(False), bowl(32)], True),
        ),
    ]
    print(f"1920x1080, {args.frames} frames each, load {os.getloadavg()[0]:.1f}")
    for label, make in rows:
        camera, mobjects, move = make()
        paint(camera, mobjects, move)  # warm: LaTeX, caches
        ms = paint(camera, mobjects, move)
        print(f"{label:32} {ms:7.1f} ms/frame   {ms * 60 / 1000:5.2f} s per second of 60 fps video")

    import av

    frame = np.asarray(Camera().get_image().convert("RGB"))
    with av.open(os.devnull, "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=60, options={"crf": "18", "preset": "medium"})
        stream.width, stream.height, stream.pix_fmt = 1920, 1080, "yuv420p"
        started = time.perf_counter()
        for _ in range(args.frames):
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
        ms = (time.perf_counter() - started) / args.frames * 1000
    print(
        "* a still camera repaints only while a depth-sorted mobject moves (else one frame is held)"
    )
    print(f"{'x264 encode of one frame':32} {ms:7.1f} ms/frame (a blank frame: a lower bound)")
    print(f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
