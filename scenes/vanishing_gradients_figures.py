"""The vanishing-gradient numbers: σ′(z) is at most 0.25 (at z = 0), so ten sigmoid factors multiply
to at most 0.25¹⁰ ≈ 9.5 × 10⁻⁷; and ReLU's derivative, 1 or 0."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal, scientific
from scenes.common.autodiff import sigmoid_of

z = sp.Symbol("z", real=True)
SIGMOID = sigmoid_of(z)
SIGMOID_PRIME = sp.diff(SIGMOID, z)
#: σ′ is largest where σ″ = 0: at z = 0, where it is 1/4.
PEAK_AT = sp.solve(sp.Eq(sp.diff(SIGMOID_PRIME, z), 0), z)[0]
PEAK = sp.simplify(SIGMOID_PRIME.subs(z, PEAK_AT))
LAYERS = 10
#: The bound after k layers, k = 1 … 10: 0.25, 0.0625, …, 0.25¹⁰.
PRODUCTS = tuple(PEAK**k for k in range(1, LAYERS + 1))
BOUND = PRODUCTS[-1]  # 1/1048576 ≈ 9.5 × 10⁻⁷
#: |w·σ′| above 1 at every layer grows the product instead: 1.5 per layer, ten layers.
EXPLODING_FACTOR = sp.Rational(3, 2)
EXPLODED = EXPLODING_FACTOR**LAYERS  # ≈ 57.7


BOUND_MANTISSA, BOUND_EXPONENT = scientific(BOUND)

SHOWN = {
    "peak": decimal(PEAK, 2),
    "peak_at": str(PEAK_AT),
    "layers": str(LAYERS),
    "bound": f"{BOUND_MANTISSA} \\times 10^{{{BOUND_EXPONENT}}}",
    "bound_mantissa": BOUND_MANTISSA,
    "bound_exponent": str(BOUND_EXPONENT),
    "products": [decimal(p, 4) for p in PRODUCTS[:3]],  # 0.25, 0.0625, 0.0156
    "exploding_factor": decimal(EXPLODING_FACTOR, 1),
    "exploded": decimal(EXPLODED, 1),
}
