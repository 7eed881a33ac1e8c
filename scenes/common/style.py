"""Palette and type for every scene, named by meaning (Okabe–Ito colours, safe for colour-blind viewers).

The same colour means the same thing in every scene: the function drawn, its tangent (and every
slope or derivative value), a secant, the loss, the weight, a marked point.
"""

from __future__ import annotations

from mathreel import Theme

# Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable under the common
# colour-vision deficiencies (those this course uses). The background, #111318, is in manim.cfg.
OKABE_ORANGE = "#E69F00"
OKABE_SKY_BLUE = "#56B4E9"
OKABE_BLUISH_GREEN = "#009E73"
OKABE_YELLOW = "#F0E442"
OKABE_VERMILLION = "#D55E00"
OKABE_REDDISH_PURPLE = "#CC79A7"
OKABE_BLUE = "#0072B2"

TEXT_COLOR = "#F2F2F2"
MUTED_COLOR = "#A0A4AB"
AXES_COLOR = "#8A8F98"

FUNCTION_COLOR = OKABE_SKY_BLUE  # the curve y = f(x)
TANGENT_COLOR = OKABE_ORANGE  # tangent lines, and every slope / derivative value
SECANT_COLOR = OKABE_REDDISH_PURPLE  # secant lines and their slopes
POINT_COLOR = OKABE_YELLOW  # the point being studied
LOSS_COLOR = OKABE_BLUISH_GREEN  # a loss curve L(w), loss values
WEIGHT_COLOR = OKABE_VERMILLION  # the weight w and its steps
HIGHLIGHT_COLOR = OKABE_YELLOW  # a boxed result or emphasis
SECOND_DERIVATIVE_COLOR = OKABE_BLUE  # f″: the slope of the slope graph, and its values
#: The gradient (its arrow, its entries, a partial derivative, a backward-pass gradient): the
#: vector of slopes, so the slope colour, in every chapter.
GRADIENT_COLOR = TANGENT_COLOR

# Type sizes (Manim font_size). Legibility floor: an em of about 24 px at 854x480. Manim's LaTeX
# (MathTex/Tex) renders 0.61 px of em per font-size point at 480p, so 36 is the smallest size
# (21.9 px); NarratedScene records any smaller visible text per beat and the tests reject it.
TITLE_SIZE = 56
HEADING_SIZE = 46
BODY_SIZE = 40
LABEL_SIZE = 36
SMALL_SIZE = 36

# Motion
FAST = 0.6
NORMAL = 1.2

#: The house style as the library's pieces (formula, axes, countdown) take it.
THEME = Theme(
    text=TEXT_COLOR,
    muted=MUTED_COLOR,
    axes=AXES_COLOR,
    highlight=HIGHLIGHT_COLOR,
    body_size=BODY_SIZE,
    small_size=SMALL_SIZE,
)
