"""Opening: two equal one-epoch drops of a training loss, yet different slopes at the two instants."""

from __future__ import annotations

from manim import *

from mathreel.scene import NarratedScene
from scenes.calculus import numeric
from scenes.opening_training_run_figures import (
    AVERAGE_TEXT,
    EPOCH_RANGE,
    INTERVALS,
    LOSS,
    LOSS_TEXT,
    READINGS,
    SLOPE_TEXT,
    average_change,
    t,
    tangent_line,
)
from scenes.style import (
    AXES_COLOR,
    BODY_SIZE,
    FAST,
    HEADING_SIZE,
    LABEL_SIZE,
    LOSS_COLOR,
    MUTED_COLOR,
    NORMAL,
    POINT_COLOR,
    SECANT_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
    TITLE_SIZE,
    WEIGHT_COLOR,
)

loss_fn = numeric(LOSS, t)

# Zoom windows: three epochs from one before each interval, and the same loss span in both so
# the two panels' tilts compare directly (the span is small, so slopes are exaggerated alike).
ZOOM_SPAN = 0.14
ZOOM_WINDOWS = {10: (9, 12, 2.32), 20: (19, 22, 1.04)}


def overview_axes() -> Axes:
    axes = Axes(
        x_range=[EPOCH_RANGE[0], EPOCH_RANGE[1], 5],
        y_range=[0.5, 3.0, 0.5],
        x_length=6.6,
        y_length=4.9,
        axis_config={"color": AXES_COLOR, "include_tip": False, "font_size": SMALL_SIZE},
        # Only the readings' decades: a "30" at the end would crowd the axis label.
        x_axis_config={"numbers_to_include": [10, 20]},
        y_axis_config={
            "numbers_to_include": [1, 2, 3],
            "decimal_number_config": {"num_decimal_places": 0},
        },
    )
    # Far enough right that the "loss" label over the y-axis stays title-safe.
    axes.move_to([-2.3, -0.3, 0])
    return axes


def zoom_panel(epoch: int) -> VGroup:
    """A close-up of the curve around ``epoch``: the secant over the interval and the tangent."""
    lo, hi, bottom = ZOOM_WINDOWS[epoch]
    axes = Axes(
        x_range=[lo, hi, 1],
        y_range=[bottom, bottom + ZOOM_SPAN, ZOOM_SPAN],
        x_length=4.6,
        y_length=3.2,
        axis_config={"color": AXES_COLOR, "include_tip": False, "font_size": SMALL_SIZE},
        x_axis_config={"numbers_to_include": list(range(lo, hi + 1))},
        y_axis_config={"include_ticks": False},
    )
    curve = axes.plot(loss_fn, x_range=[lo, hi], color=LOSS_COLOR, stroke_width=5)
    interval = next(iv for iv in INTERVALS if iv[0] == epoch)
    avg = average_change(*interval)
    loss_here = dict(READINGS)[epoch]
    secant = axes.plot(
        lambda e: float(loss_here + avg * (e - epoch)),
        x_range=[lo, hi],
        color=SECANT_COLOR,
        stroke_width=4,
    )
    tangent = axes.plot(
        numeric(tangent_line(epoch), t), x_range=[lo, hi], color=TANGENT_COLOR, stroke_width=4
    )
    readings = VGroup(
        *[
            Dot(axes.c2p(e, float(v)), radius=0.07, color=LOSS_COLOR)
            for e, v in READINGS
            if e in interval
        ]
    )
    point = Dot(axes.c2p(epoch, float(loss_here)), radius=0.1, color=POINT_COLOR)
    # The magnified window's outline: the overview's small frame grows into it.
    corner_lo, corner_hi = axes.c2p(lo, bottom), axes.c2p(hi, bottom + ZOOM_SPAN)
    frame = Rectangle(
        width=corner_hi[0] - corner_lo[0],
        height=corner_hi[1] - corner_lo[1],
        color=MUTED_COLOR,
        stroke_width=2,
    ).move_to((corner_lo + corner_hi) / 2)
    title = Text(f"near epoch {epoch}", font_size=LABEL_SIZE, color=TEXT_COLOR)
    title.next_to(axes, UP, buff=0.25)
    # Braces keep the minus sign unary after the words.
    avg_label = MathTex(
        r"\text{average slope}\ \ ",
        "{" + AVERAGE_TEXT[interval] + "}",
        font_size=BODY_SIZE,
        color=SECANT_COLOR,
    )
    slope_label = MathTex(
        r"\text{tangent slope}\ \ ",
        "{" + SLOPE_TEXT[epoch] + "}",
        font_size=BODY_SIZE,
        color=TANGENT_COLOR,
    )
    labels = VGroup(avg_label, slope_label).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
    labels.next_to(axes, DOWN, buff=0.55)
    panel = VGroup(frame, axes, curve, secant, tangent, readings, point, title, labels)
    panel.frame, panel.axes, panel.curve = frame, axes, curve
    panel.secant, panel.tangent = secant, tangent
    panel.readings, panel.point, panel.title = readings, point, title
    panel.avg_label, panel.slope_label = avg_label, slope_label
    return panel


class MeasureTrainingRunSlopes(NarratedScene):
    def construct(self) -> None:
        axes = overview_axes()
        x_label = Text("epoch", font_size=SMALL_SIZE, color=MUTED_COLOR)
        x_label.next_to(axes.x_axis.get_right(), RIGHT, buff=0.2)
        y_label = Text("loss", font_size=SMALL_SIZE, color=LOSS_COLOR)
        y_label.next_to(axes.y_axis.get_top(), UP, buff=0.2)
        dots = {e: Dot(axes.c2p(e, float(v)), radius=0.08, color=LOSS_COLOR) for e, v in READINGS}

        # The readings as a table beside the plot: pairs one epoch apart are too close to label.
        header = VGroup(
            Text("epoch", font_size=LABEL_SIZE, color=MUTED_COLOR),
            Text("loss", font_size=LABEL_SIZE, color=LOSS_COLOR),
        )
        rows = {
            e: VGroup(
                MathTex(str(e), font_size=BODY_SIZE, color=TEXT_COLOR),
                MathTex(LOSS_TEXT[e], font_size=BODY_SIZE, color=LOSS_COLOR),
            )
            for e, _ in READINGS
        }
        column_x = (2.0, 3.5)
        row_y = {10: 1.1, 11: 0.45, 20: -0.75, 21: -1.4}
        for cell, cx in zip(header, column_x, strict=True):
            # Tops aligned (both words have ascenders), so the baselines line up.
            cell.move_to([cx, 2.0, 0]).align_to([0, 2.2, 0], UP)
        for e, row in rows.items():
            for cell, cx in zip(row, column_x, strict=True):
                cell.move_to([cx, row_y[e], 0])
        rule = Line([1.4, 1.6, 0], [4.1, 1.6, 0], color=AXES_COLOR, stroke_width=2)

        with self.beat("readings") as beat:
            self.play(
                Create(axes),
                FadeIn(x_label),
                FadeIn(y_label),
                FadeIn(header),
                Create(rule),
                run_time=beat.until("e10"),
            )
            for e, _ in READINGS:
                beat.wait_until(f"e{e}")
                self.play(
                    FadeIn(dots[e], scale=1.6), FadeIn(rows[e], shift=0.2 * LEFT), run_time=FAST
                )

        # Each one-epoch step: its drop beside the table, its secant on the plot.
        drops = {}
        secants = {}
        for start, end in INTERVALS:
            brace = Brace(VGroup(rows[start], rows[end]), RIGHT, color=SECANT_COLOR, buff=0.2)
            label = MathTex(AVERAGE_TEXT[(start, end)], font_size=HEADING_SIZE, color=SECANT_COLOR)
            label.next_to(brace, RIGHT, buff=0.15)
            drops[(start, end)] = VGroup(brace, label)
            avg = average_change(start, end)
            loss0 = dict(READINGS)[start]
            secants[(start, end)] = axes.plot(
                lambda e, a=avg, s=start, y0=loss0: float(y0 + a * (e - s)),
                x_range=[start - 3, end + 3],
                color=SECANT_COLOR,
                stroke_width=4,
            )
        per_epoch = Text("per epoch", font_size=SMALL_SIZE, color=SECANT_COLOR)
        per_epoch.next_to(drops[INTERVALS[1]][1], DOWN, buff=0.4)

        with self.beat("equal_drops") as beat:
            self.play(
                *[GrowFromCenter(d[0]) for d in drops.values()],
                *[FadeIn(d[1]) for d in drops.values()],
                run_time=beat.until("average"),
            )
            self.play(
                *[Create(s) for s in secants.values()],
                FadeIn(per_epoch),
                run_time=NORMAL,
            )
            # The secants are drawn over the readings; keep the readings visible on top.
            self.bring_to_front(*dots.values())

        curve = axes.plot(loss_fn, x_range=list(EPOCH_RANGE), color=LOSS_COLOR, stroke_width=5)
        with self.beat("one_smooth_run") as beat:
            self.play(FadeOut(VGroup(*secants.values())), run_time=beat.until("curve"))
            self.play(Create(curve), run_time=2 * NORMAL)
            self.bring_to_front(*dots.values())

        panels = {e: zoom_panel(e) for e in ZOOM_WINDOWS}
        panels[10].move_to([-3.3, -0.1, 0])
        panels[20].move_to([3.3, -0.1, 0])
        # Frames on the overview marking what each panel magnifies.
        windows = {}
        for e, (lo, hi, bottom) in ZOOM_WINDOWS.items():
            corner_lo = axes.c2p(lo, bottom)
            corner_hi = axes.c2p(hi, bottom + ZOOM_SPAN)
            windows[e] = Rectangle(
                width=corner_hi[0] - corner_lo[0],
                height=corner_hi[1] - corner_lo[1],
                color=MUTED_COLOR,
                stroke_width=2,
            ).move_to((corner_lo + corner_hi) / 2)
        overview = VGroup(axes, x_label, y_label, curve, *dots.values())
        table = VGroup(header, rule, *rows.values(), *drops.values(), per_epoch)

        with self.beat("tangents_differ") as beat:
            self.play(FadeOut(table), *[Create(w) for w in windows.values()], run_time=FAST)
            self.play(
                FadeOut(overview),
                *[ReplacementTransform(windows[e], panels[e].frame) for e in panels],
                run_time=NORMAL,
            )
            self.play(*[Create(p.axes) for p in panels.values()], run_time=FAST)
            for p in panels.values():
                self.play(
                    FadeIn(p.title),
                    Create(p.curve),
                    FadeIn(p.readings),
                    Create(p.secant),
                    FadeIn(p.avg_label),
                    run_time=NORMAL,
                )
            for e in (10, 20):
                beat.wait_until(f"tangent_{e}")
                p = panels[e]
                self.play(
                    Create(p.tangent),
                    FadeIn(p.point, scale=1.5),
                    FadeIn(p.slope_label),
                    run_time=NORMAL,
                )

        # A summary: the same average twice, two different instantaneous rates.
        # Columns wide apart: the two-line headings at LABEL_SIZE are each about 3 units wide.
        col_x = (-4.1, -0.4, 3.8)
        head_texts = ("average over\nthe next epoch", "slope at\nthat instant")
        heads = VGroup(
            Text(head_texts[0], font_size=LABEL_SIZE, color=SECANT_COLOR),
            Text(head_texts[1], font_size=LABEL_SIZE, color=TANGENT_COLOR),
        )
        summary_rows = VGroup()
        for i, (start, end) in enumerate(INTERVALS):
            summary_rows.add(
                VGroup(
                    Text(f"epoch {start}", font_size=LABEL_SIZE, color=TEXT_COLOR),
                    MathTex(AVERAGE_TEXT[(start, end)], font_size=TITLE_SIZE, color=SECANT_COLOR),
                    MathTex(SLOPE_TEXT[start], font_size=TITLE_SIZE, color=TANGENT_COLOR),
                )
            )
            for cell, cx in zip(summary_rows[i], col_x, strict=True):
                cell.move_to([cx, 0.5 - 1.1 * i, 0])
        for cell, text, cx in zip(heads, head_texts, col_x[1:], strict=True):
            # Sit both headings on one baseline: that of the first glyph of their last line
            # (Text has one glyph per non-space character).
            first_of_last = len(text.split("\n")[0].replace(" ", ""))
            cell.move_to([cx, 0, 0])
            cell.shift((1.75 - cell[first_of_last].get_bottom()[1]) * UP)
        derivative_note = VGroup(
            Text("rate at an instant: the derivative", font_size=LABEL_SIZE, color=TEXT_COLOR),
            MathTex(r"L'(t)", font_size=TITLE_SIZE, color=TANGENT_COLOR),
        ).arrange(RIGHT, buff=0.4)
        derivative_note.move_to([0, -2.5, 0])

        with self.beat("average_vs_instant") as beat:
            self.play(FadeOut(VGroup(*panels.values())), run_time=FAST)
            self.play(FadeIn(heads), FadeIn(summary_rows), run_time=beat.until("derivative"))
            self.play(Write(derivative_note), run_time=NORMAL)

        # Why it matters: one derivative per weight, gathered into the gradient.
        weight_names = ["w_1", "w_2", "w_3", None, "w_n"]
        column_x = [-4.0, -2.0, 0.0, 2.0, 4.0]
        weights, partials, arrows = VGroup(), VGroup(), VGroup()
        for name, cx in zip(weight_names, column_x, strict=True):
            if name is None:  # the "and so on" column
                w = MathTex(r"\cdots", font_size=HEADING_SIZE, color=WEIGHT_COLOR)
                p = MathTex(r"\cdots", font_size=HEADING_SIZE, color=TANGENT_COLOR)
            else:
                w = MathTex(name, font_size=HEADING_SIZE, color=WEIGHT_COLOR)
                p = MathTex(
                    rf"\frac{{\partial L}}{{\partial {name}}}",
                    font_size=HEADING_SIZE,
                    color=TANGENT_COLOR,
                )
            weights.add(w.move_to([cx, 1.6, 0]))
            partials.add(p.move_to([cx, -0.1, 0]))
            if name is not None:
                arrows.add(
                    Arrow(w.get_bottom(), p.get_top(), buff=0.15, color=MUTED_COLOR, stroke_width=3)
                )
        step_title = Text("one training step", font_size=LABEL_SIZE, color=MUTED_COLOR)
        step_title.move_to([0, 2.8, 0])
        grad_brace = Brace(partials, DOWN, color=TANGENT_COLOR, buff=0.2)
        grad_label = VGroup(
            Text("the gradient", font_size=BODY_SIZE, color=TANGENT_COLOR),
            MathTex(r"\nabla L", font_size=HEADING_SIZE, color=TANGENT_COLOR),
        ).arrange(RIGHT, buff=0.3)
        grad_label.next_to(grad_brace, DOWN, buff=0.2)
        # The voice says who is told; on screen, only what it tells (a full sentence is too wide).
        direction = Text(
            "which way to adjust each weight",
            font_size=LABEL_SIZE,
            color=TEXT_COLOR,
            t2c={"each weight": WEIGHT_COLOR},
        )
        direction.next_to(grad_label, DOWN, buff=0.4)
        gradient_group = VGroup(
            step_title, weights, arrows, partials, grad_brace, grad_label, direction
        )

        without = Text(
            "without derivatives:",
            font_size=HEADING_SIZE,
            color=TEXT_COLOR,
            t2c={"derivatives": TANGENT_COLOR},
        )
        losses = VGroup(
            *[
                Text(f"no {what}", font_size=HEADING_SIZE, color=TEXT_COLOR)
                for what in ("gradient descent", "backpropagation", "learning")
            ]
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        VGroup(without, losses).arrange(DOWN, buff=0.7).move_to(ORIGIN)

        with self.beat("why_derivatives") as beat:
            self.play(FadeOut(VGroup(heads, summary_rows, derivative_note)), run_time=FAST)
            self.play(
                FadeIn(step_title), FadeIn(weights, lag_ratio=0.2), run_time=beat.until("weights")
            )
            self.play(
                LaggedStart(*[GrowArrow(a) for a in arrows], lag_ratio=0.2),
                LaggedStart(*[FadeIn(p) for p in partials], lag_ratio=0.2),
                run_time=beat.until("gradient"),
            )
            self.play(GrowFromCenter(grad_brace), FadeIn(grad_label), run_time=NORMAL)
            beat.wait_until("direction")
            self.play(FadeIn(direction, shift=0.2 * UP), run_time=NORMAL)
            beat.wait_until("without")
            self.play(FadeOut(gradient_group), run_time=FAST)
            self.play(FadeIn(without), run_time=FAST)
            self.play(
                LaggedStart(*[FadeIn(n, shift=0.2 * UP) for n in losses], lag_ratio=0.5),
                run_time=beat.until(),
            )
