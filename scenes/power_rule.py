"""Shortcut rules from the limit definition: the power rule, and a table of common derivatives."""

from __future__ import annotations

import re
import textwrap

from manim import *

from mathreel import plain_axes
from mathreel.render.drawing.scene import BeatTracker, NarratedScene
from scenes.common.calculus import numeric
from scenes.common.drawing import tangent_segment
from scenes.common.style import (
    AXES_COLOR,
    FUNCTION_COLOR,
    HEADING_SIZE,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    MUTED_COLOR,
    SECANT_COLOR,
    TANGENT_COLOR,
    TEXT_COLOR,
    THEME,
)
from scenes.power_rule_figures import (
    LOG_ROW,
    LOG_SLOPE_TEXT,
    LOG_TANGENT_POINTS,
    LOG_TANGENT_SLOPES,
    PATTERN_POWERS,
    ROWS,
    SECANT_LIMIT,
    SECANT_SLOPE_TEXTS,
    SQUARE_AT,
    SQUARE_AT_ONE_TEX,
    SQUARE_DERIVATIVE,
    DerivativeRow,
    pattern_tex,
    power_rule,
    tex,
)

#: Characters per line in the note panel beside the table (fits its 7.9-unit width at 38 pt).
NOTE_CHARS = 44
#: Math set large enough that exponents and limit subscripts (LaTeX sets them at 70 %) stay near
#: the 36 pt floor.
MATH_SIZE = HEADING_SIZE + 6
TABLE_SIZE = MATH_SIZE
# Table geometry (manim units): f column, f′ column, first row, row pitch. The columns sit close
# to the left edge so the note panel has room for each note on a line or two.
COL_F, COL_D = -5.15, -3.3
#: Left and right ends of the header rule and of each row's highlight box (room for n·xⁿ⁻¹).
TABLE_LEFT, TABLE_RIGHT = -6.25, -2.05
HEADER_Y, FIRST_ROW_Y, ROW_PITCH = 2.6, 1.45, 1.2
PANEL_LEFT = -1.55
#: Seconds to write each half of a pattern row.
NORMAL_WRITE = 1.0


class ApplyShortcutRules(NarratedScene):
    def construct(self) -> None:
        with self.beat("slow_limit") as beat:
            definition = MathTex(
                r"f'(x)",
                r"= \lim_{h \to 0} {f(x+h) - f(x) \over h}",
                font_size=MATH_SIZE,
                color=TEXT_COLOR,
            ).move_to(UP * 2.2)
            definition[0].set_color(TANGENT_COLOR)
            # The pattern the rule generalises: the same algebra as the secant table, at any x.
            patterns = VGroup()
            for power in PATTERN_POWERS:
                quotient, limit = pattern_tex(power)
                row = MathTex(
                    f"x^{{{power}}}",
                    r":\quad",
                    quotient,
                    r"\;\to\;",
                    limit,
                    font_size=MATH_SIZE - 6,
                    color=TEXT_COLOR,
                )
                row[0].set_color(FUNCTION_COLOR)
                row[2].set_color(SECANT_COLOR)
                row[4].set_color(TANGENT_COLOR)
                patterns.add(row)
            patterns.arrange(DOWN, aligned_edge=LEFT, buff=0.45).move_to(UP * 0.2)
            self.play(Write(definition), run_time=min(2.0, beat.until("square")))
            for row, mark in zip(patterns, ("square", "cube"), strict=True):
                beat.wait_until(mark)
                self.play(Write(row[:3]), run_time=NORMAL_WRITE)
                self.play(Write(row[3:]), run_time=NORMAL_WRITE)
            family = MathTex(
                r"x^{2},\quad x^{3},\quad x^{4},\quad \dots",
                font_size=MATH_SIZE,
                color=FUNCTION_COLOR,
            ).move_to(DOWN * 2.2)
            general = MathTex("x^{n}", font_size=MATH_SIZE, color=FUNCTION_COLOR).move_to(family)
            beat.wait_until("family")
            self.play(LaggedStart(*(FadeIn(g) for g in family[0]), lag_ratio=0.1))
            self.play(ReplacementTransform(family, general))

        with self.beat("power_rule") as beat:
            # The derivative side comes from sympy: "n \cdot x^{n - 1}" split at the dot.
            coefficient, power = tex(power_rule(), dot=True).split(r" \cdot ")
            rule = MathTex(
                r"\frac{d}{dx}",
                "x^{n}",
                "=",
                coefficient,
                r"\cdot",
                power,
                font_size=72,
                color=TEXT_COLOR,
            )
            rule[1].set_color(FUNCTION_COLOR)
            rule[3:].set_color(TANGENT_COLOR)
            rule.move_to(UP * 0.4)
            self.play(
                FadeOut(definition),
                FadeOut(patterns),
                general.animate.move_to(rule[1]).scale(72 / MATH_SIZE),
            )
            self.remove(general)
            self.add(rule[1])
            # d/dx appears as the voice names it, before the rule is read.
            self.play(Write(rule[0]), run_time=min(1.0, max(0.3, beat.until("rule"))))
            beat.wait_until("rule")
            self.play(Write(rule[2]))
            # Bring down the exponent: the n of xⁿ drops to the front as the coefficient...
            exponent = rule[1][1]
            self.play(TransformFromCopy(exponent, rule[3]), FadeIn(rule[4]), run_time=1.2)
            # ...and the power goes down by one.
            self.play(Write(rule[5]), run_time=1.0)

        with self.beat("apply_to_square") as beat:
            self.play(rule.animate.scale(0.7).to_edge(UP, buff=0.8))
            square = MathTex(
                r"\frac{d}{dx}",
                "x^{2}",
                "=",
                tex(SQUARE_DERIVATIVE),
                font_size=MATH_SIZE,
                color=TEXT_COLOR,
            )
            square[1].set_color(FUNCTION_COLOR)
            square[3].set_color(TANGENT_COLOR)
            square.move_to(UP * 0.6)
            beat.wait_until("square")
            self.play(Write(square))
            at_one = MathTex(
                rf"\text{{at }} x = {SQUARE_AT}\text{{:}}\quad",
                SQUARE_AT_ONE_TEX,
                font_size=MATH_SIZE,
                color=TEXT_COLOR,
            )
            at_one[1].set_color(TANGENT_COLOR)
            at_one.next_to(square, DOWN, buff=0.55)
            beat.wait_until("at_one")
            self.play(Write(at_one))
            slopes = MathTex(
                *(rf"{s},\ " for s in SECANT_SLOPE_TEXTS[:-1]),
                SECANT_SLOPE_TEXTS[-1],
                r"\ \to\ ",
                str(SECANT_LIMIT),
                font_size=LABEL_SIZE + 4,
                color=SECANT_COLOR,
            )
            slopes[-1].set_color(TANGENT_COLOR)
            slopes[-2].set_color(TEXT_COLOR)
            caption = Tex("secant slopes:", font_size=LABEL_SIZE + 4, color=MUTED_COLOR)
            secant_line = (
                VGroup(caption, slopes).arrange(RIGHT, buff=0.3).next_to(at_one, DOWN, buff=0.8)
            )
            beat.wait_until("table")
            self.play(FadeIn(secant_line))
            self.play(
                Indicate(at_one[1], color=TANGENT_COLOR), Indicate(slopes[-1], color=TANGENT_COLOR)
            )

        table = self.derivative_table()
        # One beat per row (beat ids stay literal so the beat checker can read them); the log's
        # use in ML gets a beat of its own.
        with self.beat("table_power") as beat:
            self.play(FadeOut(rule), FadeOut(square), FadeOut(at_one), FadeOut(secant_line))
            self.play(FadeIn(table["header"]))
            beat.wait_until("row")
            highlight, notes = self.show_row(table, 0, None, None)
            self.reveal_ml(notes, beat, "ml")
        with self.beat("table_exp") as beat:
            highlight, notes = self.show_row(table, 1, highlight, notes)
            self.reveal_ml(notes, beat, "ml")
        log_picture = self.log_tangents()
        with self.beat("table_log") as beat:
            highlight, notes = self.show_row(table, 2, highlight, notes)
            # The sentence on screen, drawn: tangents to ln x whose slopes, 1/x, get smaller.
            self.play(Create(log_picture[0]), Create(log_picture[1]), run_time=NORMAL_WRITE)
            self.play(
                LaggedStart(*(FadeIn(t) for t in log_picture[2]), lag_ratio=0.4),
                run_time=max(0.6, beat.until() - 0.1),
            )
        with self.beat("log_in_ml") as beat:
            self.play(FadeOut(log_picture), run_time=0.5)
            self.reveal_ml(notes, beat, "ml", "slope", "chain")
        with self.beat("table_constant") as beat:
            highlight, notes = self.show_row(table, 3, highlight, notes)
            self.reveal_ml(notes, beat, "ml")

        with self.beat("recap"):
            self.play(FadeOut(highlight), FadeOut(notes))
            everything = VGroup(table["header"], table["rows"])
            self.play(everything.animate.set_x(0))
            uses = Tex(
                r"loss functions $\cdot$ activation functions $\cdot$ regularisation",
                font_size=LABEL_SIZE,
                color=MUTED_COLOR,
            ).move_to(DOWN * 3.1)
            self.play(FadeIn(uses))

    # -- ln x and its slopes ----------------------------------------------------------------------
    def log_tangents(self) -> VGroup:
        """(axes, ln x, tangents with their slopes) under the log row's note."""
        axes = plain_axes(
            [0, 4.6, 1],
            [-2, 1.8, 1],
            (5.4, 3.0),
            [2.6, -1.75, 0],
            THEME,
        )
        axes.x_axis.add_numbers([1, 2, 4], font_size=LABEL_SIZE)
        log_fn = numeric(LOG_ROW.f)
        curve = axes.plot(log_fn, x_range=[0.14, 4.6, 0.02], color=FUNCTION_COLOR)
        tangents = VGroup()
        for a in LOG_TANGENT_POINTS:
            at = float(a)
            segment = tangent_segment(axes, log_fn, float(LOG_TANGENT_SLOPES[a]), at, 0.9)
            label = MathTex(LOG_SLOPE_TEXT[a], font_size=LABEL_SIZE, color=TANGENT_COLOR)
            label.next_to(segment, UP, buff=0.1)
            tangents.add(VGroup(segment, label))
        return VGroup(axes, curve, tangents)

    # -- the table --------------------------------------------------------------------------------
    def derivative_table(self) -> dict[str, VGroup]:
        """The math part of the source's table (f and f′), one row per family; notes go beside it."""
        header = VGroup(
            MathTex("f(x)", font_size=LABEL_SIZE, color=MUTED_COLOR).move_to([COL_F, HEADER_Y, 0]),
            MathTex("f'(x)", font_size=LABEL_SIZE, color=MUTED_COLOR).move_to([COL_D, HEADER_Y, 0]),
            Line(
                [TABLE_LEFT, HEADER_Y - 0.4, 0],
                [TABLE_RIGHT, HEADER_Y - 0.4, 0],
                color=AXES_COLOR,
                stroke_width=2,
            ),
        )
        rows = VGroup()
        for i, row in enumerate(ROWS):
            y = FIRST_ROW_Y - ROW_PITCH * i
            f = MathTex(row.f_tex, font_size=TABLE_SIZE, color=FUNCTION_COLOR).move_to(
                [COL_F, y, 0]
            )
            d = MathTex(row.derivative_tex, font_size=TABLE_SIZE, color=TANGENT_COLOR).move_to(
                [COL_D, y, 0]
            )
            rows.add(VGroup(f, d))
        return {"header": header, "rows": rows}

    def row_notes(self, row: DerivativeRow) -> VGroup:
        """The plain-English reading and the ML use of one row, for the panel beside the table."""
        english_title = Tex("In plain English", font_size=LABEL_SIZE, color=MUTED_COLOR)
        english = wrapped_tex(row.english)
        ml_title = Tex("Where it appears in ML", font_size=LABEL_SIZE, color=MUTED_COLOR)
        # The ML part in the steps it is revealed: the use, then its formula, then a caveat.
        ml_part = VGroup(
            VGroup(ml_title, wrapped_tex(row.ml)).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        )
        if row.ml_tex:
            ml_part.add(MathTex(row.ml_tex, font_size=MATH_SIZE, color=TEXT_COLOR))
        if row.ml_note:
            ml_part.add(wrapped_tex(row.ml_note, color=MUTED_COLOR))
        ml_part.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        english_part = VGroup(english_title, english).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        notes = VGroup(english_part, ml_part).arrange(DOWN, aligned_edge=LEFT, buff=0.6)
        return notes.move_to([PANEL_LEFT, 0.2, 0], aligned_edge=LEFT)

    def show_row(
        self,
        table: dict[str, VGroup],
        index: int,
        highlight: Mobject | None,
        notes: VGroup | None,
    ) -> tuple[Mobject, VGroup]:
        """Write row ``index`` of the table, box it, and swap the panel to its plain-English note.

        Returns the box and the row's notes; their ML part is still to be revealed.
        """
        row_group = table["rows"][index]
        box = SurroundingRectangle(row_group, color=HIGHLIGHT_COLOR, buff=0.15)
        box.stretch_to_fit_width(TABLE_RIGHT - TABLE_LEFT).move_to(
            [(TABLE_LEFT + TABLE_RIGHT) / 2, row_group.get_y(), 0]
        )
        new_notes = self.row_notes(ROWS[index])
        fades = [FadeOut(notes)] if notes is not None else []
        self.play(
            *fades,
            Write(row_group),
            Create(box) if highlight is None else ReplacementTransform(highlight, box),
        )
        self.play(FadeIn(new_notes[0], shift=0.2 * RIGHT))
        return box, new_notes

    def reveal_ml(self, notes: VGroup, beat: BeatTracker, *marks: str) -> None:
        """Show the notes' ML part: all at once at one mark, or one step per mark."""
        steps = notes[1]
        groups = [steps] if len(marks) == 1 else list(steps)
        for mark, group in zip(marks, groups, strict=True):
            beat.wait_until(mark)
            self.play(FadeIn(group, shift=0.2 * RIGHT))


def wrapped_tex(text: str, color: str = TEXT_COLOR) -> Tex:
    """Prose set in LaTeX, left-aligned, broken to fit the note panel (at clause ends when possible)."""
    return Tex(
        r"\\ ".join(note_lines(text)),
        tex_environment="flushleft",
        font_size=LABEL_SIZE + 2,
        color=color,
    )


def note_lines(text: str, width: int = NOTE_CHARS) -> list[str]:
    """Pack clauses (ending in , ; :) into lines of at most ``width`` characters; wrap long clauses."""
    clauses = re.split(r"(?<=[,;:]) ", text)
    lines: list[str] = []
    for clause in clauses:
        if (
            lines
            and len(lines[-1]) + 1 + len(clause) <= width
            and not lines[-1].endswith((";", ":"))
        ):
            lines[-1] += " " + clause
        else:
            lines.extend(textwrap.wrap(clause, width))
    return lines
