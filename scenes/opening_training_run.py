"""Opening: four loss readings, three measuring windows, and the rate at epoch 11 as the window shrinks toward zero."""

from __future__ import annotations

from manim import *

from mathreel import NarratedScene, plain_axes, redraw
from scenes.common.calculus import numeric
from scenes.common.style import (
    AXES_COLOR,
    BODY_SIZE,
    FAST,
    HEADING_SIZE,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    LOSS_COLOR,
    MUTED_COLOR,
    NORMAL,
    POINT_COLOR,
    SECANT_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
    THEME,
    WEIGHT_COLOR,
)
from scenes.opening_training_run_figures import (
    CLOSEST_FRACTION,
    EPOCH_RANGE,
    LOSS,
    LOSS_TEXT,
    LOSSES,
    MIDDLE_CHANGE_TEXT,
    MIDDLE_EPOCHS_TEXT,
    MIDDLE_WINDOW,
    ONE_EPOCH_WINDOWS,
    QUESTION_EPOCH,
    RATE_TEXT,
    RATES,
    READINGS,
    TANGENT_SLOPE,
    TANGENT_SLOPE_TEXT,
    WINDOW_AFTER,
    WINDOW_BEFORE,
    WINDOWS,
    t,
)

loss_fn = numeric(LOSS, t)
tangent_slope = float(TANGENT_SLOPE)

#: Epochs over which a line through the question epoch is drawn (secants and the tangent alike).
LINE_SPAN = (QUESTION_EPOCH - 4, QUESTION_EPOCH + 10)
#: The table's columns (epoch, loss) and its rows' heights; the rates column sits right of it.
COLUMN_X = (2.0, 3.5)
ROW_Y = {10: 1.1, 11: 0.45, 20: -0.75, 21: -1.4}
HEADER_TOP = 2.2
BRACE_X = 4.05
#: Left edge of the right-hand column once the table has gone.
COLUMN_LEFT = 1.6


def overview_axes() -> Axes:
    return plain_axes(
        [EPOCH_RANGE[0], EPOCH_RANGE[1], 5],
        [0.5, 3.0, 0.5],
        (6.6, 4.9),
        # Far enough right that the "loss" label over the y-axis stays title-safe.
        [-2.3, -0.3, 0],
        THEME,
        axis_config={"font_size": SMALL_SIZE},
        # Only the readings' decades: a "30" at the end would crowd the axis label.
        x_axis_config={"numbers_to_include": [10, 20]},
        y_axis_config={
            "numbers_to_include": [1, 2, 3],
            "decimal_number_config": {"num_decimal_places": 0},
        },
    )


def line_through_question(
    axes: Axes, slope: float, color: str, dashed: bool = False
) -> Line | DashedLine:
    """The line through the reading at the question epoch with ``slope`` (loss per epoch);
    ``dashed`` for the window after it, so the two secants through epoch 11 stay apart."""
    e0, l0 = QUESTION_EPOCH, float(LOSSES[QUESTION_EPOCH])
    lo, hi = LINE_SPAN
    kind = DashedLine if dashed else Line
    return kind(
        axes.c2p(lo, l0 + slope * (lo - e0)),
        axes.c2p(hi, l0 + slope * (hi - e0)),
        color=color,
        stroke_width=4,
    )


def line_key(dashed: bool) -> Line | DashedLine:
    """A short sample of a secant's stroke, for the readout it labels."""
    kind = DashedLine if dashed else Line
    return kind(ORIGIN, RIGHT * 0.6, color=SECANT_COLOR, stroke_width=4)


def secant(axes: Axes, window: tuple[int, int]) -> Line:
    """The line through both readings of ``window``, drawn two epochs past each end."""
    start, end = window
    margin = 2
    rate, l0 = float(RATES[window]), float(LOSSES[start])
    return Line(
        axes.c2p(start - margin, l0 - rate * margin),
        axes.c2p(end + margin, l0 + rate * (end - start + margin)),
        color=SECANT_COLOR,
        stroke_width=4,
    )


def rate_brace(window: tuple[int, int]) -> VGroup:
    """A brace beside the table from one reading's row to the next, with the window's rate."""
    start, end = window
    span = Line([BRACE_X, ROW_Y[start] - 0.05, 0], [BRACE_X, ROW_Y[end] + 0.05, 0])
    brace = Brace(span, RIGHT, color=SECANT_COLOR, buff=0)
    # Braces keep the minus sign unary.
    label = MathTex("{" + RATE_TEXT[window] + "}", font_size=HEADING_SIZE, color=SECANT_COLOR)
    label.next_to(brace, RIGHT, buff=0.12)
    return VGroup(brace, label)


def words(text: str, color: str = TEXT_COLOR, size: float = BODY_SIZE) -> Tex:
    return Tex(text, font_size=size, color=color)


class MeasureTrainingRunSlopes(NarratedScene):
    def construct(self) -> None:
        axes = overview_axes()
        x_label = words("epoch $t$", MUTED_COLOR, SMALL_SIZE)
        x_label.next_to(axes.x_axis.get_right(), RIGHT, buff=0.2)
        y_label = words("loss", LOSS_COLOR, SMALL_SIZE)
        y_label.next_to(axes.y_axis.get_top(), UP, buff=0.2)
        dots = {e: Dot(axes.c2p(e, float(v)), radius=0.08, color=LOSS_COLOR) for e, v in READINGS}

        # The readings as a table beside the plot: pairs one epoch apart are too close to label.
        header = VGroup(
            words("epoch", MUTED_COLOR, LABEL_SIZE),
            words("loss", LOSS_COLOR, LABEL_SIZE),
            words("per epoch", SECANT_COLOR, LABEL_SIZE),
        )
        rows = {
            e: VGroup(
                MathTex(str(e), font_size=BODY_SIZE, color=TEXT_COLOR),
                MathTex(LOSS_TEXT[e], font_size=BODY_SIZE, color=LOSS_COLOR),
            )
            for e, _ in READINGS
        }
        for cell, cx in zip(header[:2], COLUMN_X, strict=True):
            cell.move_to([cx, 0, 0]).align_to([0, HEADER_TOP, 0], UP)
        # "per epoch" heads the rates beside the braces; tops aligned, so the baselines match.
        header[2].align_to([BRACE_X + 0.3, HEADER_TOP, 0], UL)
        for e, row in rows.items():
            for cell, cx in zip(row, COLUMN_X, strict=True):
                cell.move_to([cx, ROW_Y[e], 0])
        rule = Line([1.4, 1.6, 0], [4.1, 1.6, 0], color=AXES_COLOR, stroke_width=2)
        rates = {w: rate_brace(w) for w in WINDOWS}

        with self.beat("readings") as beat:
            self.play(
                Create(axes),
                FadeIn(x_label),
                FadeIn(y_label),
                FadeIn(header[:2]),
                Create(rule),
                run_time=beat.until("e10"),
            )
            for e, _ in READINGS:
                beat.wait_until(f"e{e}")
                self.play(
                    FadeIn(dots[e], scale=1.6), FadeIn(rows[e], shift=0.2 * LEFT), run_time=FAST
                )

        one_epoch_secants = VGroup(*[secant(axes, w) for w in ONE_EPOCH_WINDOWS])
        with self.beat("equal_drops") as beat:
            self.play(Create(one_epoch_secants), run_time=beat.until("average"))
            self.bring_to_front(*dots.values())
            self.play(
                *[GrowFromCenter(rates[w][0]) for w in ONE_EPOCH_WINDOWS],
                *[FadeIn(rates[w][1]) for w in ONE_EPOCH_WINDOWS],
                FadeIn(header[2]),
                rule.animate.put_start_and_end_on([1.4, 1.6, 0], [6.0, 1.6, 0]),
                run_time=NORMAL,
            )

        # The middle window as a slope triangle under its secant: 9 epochs across, 1.26 down.
        start, end = MIDDLE_WINDOW
        top, bottom = float(LOSSES[start]), float(LOSSES[end])
        corner = axes.c2p(start, bottom)
        drop_leg = Line(axes.c2p(start, top), corner, color=SECANT_COLOR, stroke_width=3)
        run_leg = Line(corner, axes.c2p(end, bottom), color=MUTED_COLOR, stroke_width=3)
        drop_label = MathTex(
            "{" + MIDDLE_CHANGE_TEXT + "}", font_size=BODY_SIZE, color=SECANT_COLOR
        ).next_to(drop_leg, LEFT, buff=0.15)
        run_label = Tex(
            f"{MIDDLE_EPOCHS_TEXT} epochs", font_size=SMALL_SIZE, color=MUTED_COLOR
        ).next_to(run_leg, DOWN, buff=0.15)
        # Lines through epoch 11 span the same epochs as the live ones that later replace them.
        middle_secant = line_through_question(
            axes, float(RATES[MIDDLE_WINDOW]), SECANT_COLOR, dashed=True
        )
        triangle = VGroup(drop_leg, run_leg, drop_label, run_label)

        with self.beat("middle_window") as beat:
            self.play(FadeOut(one_epoch_secants), run_time=FAST)
            beat.wait_until("triangle")
            self.play(Create(middle_secant), run_time=FAST)
            self.play(
                Create(drop_leg),
                Create(run_leg),
                FadeIn(drop_label),
                FadeIn(run_label),
                run_time=beat.until("rate"),
            )
            self.bring_to_front(*dots.values())
            self.play(
                GrowFromCenter(rates[MIDDLE_WINDOW][0]),
                FadeIn(rates[MIDDLE_WINDOW][1]),
                run_time=NORMAL,
            )

        # Both windows that meet at epoch 11, drawn through it; the question stays open.
        question_ring = Circle(radius=0.17, color=POINT_COLOR, stroke_width=4).move_to(
            dots[QUESTION_EPOCH]
        )
        row_box = SurroundingRectangle(rows[QUESTION_EPOCH], color=POINT_COLOR, buff=0.12)
        before_secant = line_through_question(axes, float(RATES[WINDOW_BEFORE]), SECANT_COLOR)
        depends = words("It depends on the window.", HIGHLIGHT_COLOR)
        # Under the table, clear of the x-axis label.
        depends.move_to([3.85, -2.1, 0])

        with self.beat("which_rate") as beat:
            self.play(
                FadeOut(triangle),
                Create(question_ring),
                Create(row_box),
                run_time=beat.until("both"),
            )
            self.play(Create(before_secant), run_time=FAST)
            self.bring_to_front(*dots.values())
            self.play(
                Indicate(rates[WINDOW_BEFORE][1], color=SECANT_COLOR),
                Indicate(rates[WINDOW_AFTER][1], color=SECANT_COLOR),
                run_time=NORMAL,
            )
            beat.wait_until("depends")
            self.play(FadeIn(depends, shift=0.2 * UP), run_time=FAST)

        # One possible run through the readings; both windows shrink toward epoch 11 along it.
        curve = axes.plot(loss_fn, x_range=list(EPOCH_RANGE), color=LOSS_COLOR, stroke_width=5)
        run_label = words("one possible run", LOSS_COLOR, SMALL_SIZE)
        # Under the run's tail: the shrinking secants sweep the space above it.
        run_label.move_to(axes.c2p(25, 0.75))
        widths = {w: w[1] - w[0] for w in (WINDOW_BEFORE, WINDOW_AFTER)}
        direction = {WINDOW_BEFORE: -1, WINDOW_AFTER: 1}  # which side of epoch 11 each lies
        # 0: the readings' windows; the animation stops short of 1 (no window, 0/0): a limit is
        # approached, never reached, and the tangent is then laid on as the line they close in on.
        shrink = ValueTracker(0.0)
        closest = 1 - float(CLOSEST_FRACTION)

        def window_slope(window: tuple[int, int]) -> float:
            width = widths[window] * (1 - shrink.get_value())
            other = QUESTION_EPOCH + direction[window] * width
            return (loss_fn(other) - loss_fn(QUESTION_EPOCH)) / (other - QUESTION_EPOCH)

        def window_end(window: tuple[int, int]) -> Dot:
            other = QUESTION_EPOCH + direction[window] * widths[window] * (1 - shrink.get_value())
            return Dot(axes.c2p(other, loss_fn(other)), radius=0.08, color=SECANT_COLOR)

        live = {
            w: VGroup(
                redraw(
                    lambda w=w: line_through_question(
                        axes, window_slope(w), SECANT_COLOR, dashed=w == WINDOW_AFTER
                    )
                ),
                redraw(lambda w=w: window_end(w)),
            )
            for w in (WINDOW_BEFORE, WINDOW_AFTER)
        }
        # Readouts of both windows' slopes, left-anchored so digits do not shift the labels.
        readouts = VGroup()
        for w, name in ((WINDOW_BEFORE, "window before"), (WINDOW_AFTER, "window after")):
            value = DecimalNumber(
                float(RATES[w]), num_decimal_places=2, font_size=HEADING_SIZE, color=SECANT_COLOR
            )
            key = line_key(dashed=w == WINDOW_AFTER)
            label = VGroup(key, words(name, MUTED_COLOR, LABEL_SIZE)).arrange(RIGHT, buff=0.2)
            readouts.add(VGroup(label, value))
        readouts.arrange(DOWN, aligned_edge=LEFT, buff=0.45).align_to([COLUMN_LEFT, 2.6, 0], UL)
        for row in readouts:
            row[1].next_to(row[0], RIGHT, buff=0.35)
        value_x = max(row[1].get_left()[0] for row in readouts)
        for row, w in zip(readouts, (WINDOW_BEFORE, WINDOW_AFTER), strict=True):
            anchor = np.array([value_x, row[0].get_center()[1], 0])
            row[1].move_to(anchor, aligned_edge=LEFT)
            row[1].add_updater(
                lambda m, w=w, a=anchor: m.set_value(window_slope(w)).move_to(a, aligned_edge=LEFT)
            )
        tangent = line_through_question(axes, tangent_slope, TANGENT_COLOR)
        tangent_note = VGroup(
            words("tangent, on this run:", TANGENT_COLOR, LABEL_SIZE),
            MathTex(
                r"\approx " + TANGENT_SLOPE_TEXT + r"\ \text{per epoch}",
                font_size=BODY_SIZE,
                color=TANGENT_COLOR,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        tangent_note.next_to(readouts, DOWN, buff=0.6).align_to(readouts, LEFT)
        readings_table = VGroup(header, rule, *rows.values(), *rates.values(), row_box, depends)

        with self.beat("shrink_window") as beat:
            self.play(FadeOut(readings_table), run_time=FAST)
            self.play(Create(curve), FadeIn(run_label), run_time=beat.until("shrink"))
            # Hand the still secants over to the live ones that shrink along the curve.
            self.remove(before_secant, middle_secant)
            self.add(*live.values(), *dots.values(), question_ring)
            self.play(FadeIn(readouts), run_time=FAST)
            self.play(shrink.animate.set_value(closest), run_time=beat.until("settle"))
            for row in readouts:
                row[1].clear_updaters()
            self.remove(*live.values())
            self.add(tangent, *dots.values(), question_ring)
            self.play(Create(tangent), FadeIn(tangent_note), run_time=NORMAL)

        derivative_note = VGroup(
            words(r"as the window shrinks toward 0,", TEXT_COLOR, LABEL_SIZE),
            words(r"its rate closes in on", TEXT_COLOR, LABEL_SIZE),
            MathTex(r"L'(t)", font_size=HEADING_SIZE + 10, color=TANGENT_COLOR),
            words(r"loss per epoch at epoch $t$", TANGENT_COLOR, LABEL_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        # Left of the column: its widest line would pass the title-safe edge from COLUMN_LEFT.
        derivative_note.align_to([COLUMN_LEFT - 0.5, 2.6, 0], UL)

        with self.beat("derivative") as beat:
            self.play(FadeOut(readouts), FadeOut(tangent_note), run_time=FAST)
            self.play(
                FadeIn(derivative_note, lag_ratio=0.3),
                Indicate(tangent, color=TANGENT_COLOR),
                run_time=NORMAL,
            )

        # Training's derivatives: one per weight, each how the loss changes as that weight moves.
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
        nudge_note = words(
            r"how the loss changes as one weight is nudged", TANGENT_COLOR, LABEL_SIZE
        ).move_to([0, -1.4, 0])
        step_title = words("one training step", MUTED_COLOR, LABEL_SIZE).move_to([0, 2.8, 0])
        overview = VGroup(axes, x_label, y_label, curve, run_label, tangent, question_ring)

        with self.beat("per_weight") as beat:
            self.play(
                FadeOut(overview),
                FadeOut(VGroup(*dots.values())),
                FadeOut(derivative_note),
                run_time=FAST,
            )
            beat.wait_until("nudge")
            self.play(
                FadeIn(weights[0]),
                GrowArrow(arrows[0]),
                FadeIn(partials[0]),
                FadeIn(nudge_note),
                run_time=beat.until("weights"),
            )
            self.play(
                FadeIn(step_title),
                LaggedStart(*[FadeIn(w) for w in weights[1:]], lag_ratio=0.2),
                LaggedStart(*[GrowArrow(a) for a in arrows[1:]], lag_ratio=0.2),
                LaggedStart(*[FadeIn(p) for p in partials[1:]], lag_ratio=0.2),
                run_time=NORMAL,
            )

        grad_brace = Brace(partials, DOWN, color=TANGENT_COLOR, buff=0.2)
        grad_label = VGroup(
            words("the gradient", TANGENT_COLOR),
            MathTex(r"\nabla L", font_size=HEADING_SIZE, color=TANGENT_COLOR),
        ).arrange(RIGHT, buff=0.3)
        grad_label.next_to(grad_brace, DOWN, buff=0.2)
        # The voice says who is told; on screen, only what it tells (a full sentence is too wide).
        direction_note = Tex(
            r"which way to adjust ", r"each weight", font_size=LABEL_SIZE, color=TEXT_COLOR
        )
        direction_note[1].set_color(WEIGHT_COLOR)
        direction_note.next_to(grad_label, DOWN, buff=0.4)
        gradient_group = VGroup(
            step_title, weights, arrows, partials, grad_brace, grad_label, direction_note
        )
        without = Tex(r"without ", r"derivatives", ":", font_size=HEADING_SIZE, color=TEXT_COLOR)
        without[1].set_color(TANGENT_COLOR)
        # Many methods learn without derivatives: say what is lost, not "no learning".
        losses = VGroup(
            *[
                words(f"no {what}", TEXT_COLOR, HEADING_SIZE)
                for what in ("gradient descent", "backpropagation")
            ],
            Tex(
                r"no training of neural networks\\as we know it",
                font_size=HEADING_SIZE,
                color=HIGHLIGHT_COLOR,
                tex_environment="flushleft",
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        VGroup(without, losses).arrange(DOWN, buff=0.7).move_to(ORIGIN)

        with self.beat("why_derivatives") as beat:
            self.play(FadeOut(nudge_note), run_time=FAST)
            self.play(
                GrowFromCenter(grad_brace), FadeIn(grad_label), run_time=beat.until("direction")
            )
            self.play(FadeIn(direction_note, shift=0.2 * UP), run_time=NORMAL)
            beat.wait_until("without")
            self.play(FadeOut(gradient_group), run_time=FAST)
            self.play(FadeIn(without), run_time=FAST)
            self.play(
                LaggedStart(*[FadeIn(n, shift=0.2 * UP) for n in losses], lag_ratio=0.5),
                run_time=beat.until(),
            )
