"""A small reverse-mode differentiation (after Karpathy's micrograd), exact in sympy: every
backward-pass number Chapter 3 shows or says is computed here.

A ``Node`` holds its forward value and, for each input it was made from, the local derivative of
its value with respect to that input. ``backward`` walks the graph from the loss in reverse
topological order: each node first has the sum of the gradients arriving from every node that uses
it, then multiplies that sum by its local derivative with respect to each input and passes each
product on. It records every product it passes (a ``Message``), so a scene can draw the pass edge
by edge in the order it ran. No Manim import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy as sp


@dataclass(frozen=True, eq=False)
class Node:
    """A value in the graph: a leaf (an input, a weight) or the result of one operation."""

    name: str
    value: sp.Expr
    #: The nodes this one was computed from ...
    inputs: tuple[Node, ...] = ()
    #: ... and d(value)/d(input) for each, at the forward values.
    local: tuple[sp.Expr, ...] = ()
    #: The operation, for a picture's label ("+", "×", "σ", "ReLU", "(·−t)²"); "" for a leaf.
    op: str = ""


def leaf(name: str, value) -> Node:
    return Node(name, sp.sympify(value))


def add(name: str, a: Node, b: Node) -> Node:
    return Node(name, a.value + b.value, (a, b), (sp.Integer(1), sp.Integer(1)), "+")


def mul(name: str, a: Node, b: Node) -> Node:
    return Node(name, a.value * b.value, (a, b), (b.value, a.value), "×")


def affine(name: str, a: Node, slope, intercept) -> Node:
    """``slope · a + intercept`` for constants ``slope`` and ``intercept``: d/da = slope."""
    m, c = sp.sympify(slope), sp.sympify(intercept)
    return Node(name, m * a.value + c, (a,), (m,), f"{m}·+{c}")


def power(name: str, a: Node, n: int) -> Node:
    """``a`` to the power ``n``: d/da = n·a^(n − 1)."""
    return Node(name, a.value**n, (a,), (n * a.value ** (n - 1),), f"^{n}")


def square(name: str, a: Node) -> Node:
    return power(name, a, 2)


def linear(name: str, w: Node, x: Node, b: Node) -> Node:
    """``w·x + b``: d/dw = x, d/dx = w, d/db = 1."""
    return Node(name, w.value * x.value + b.value, (w, x, b), (x.value, w.value, sp.Integer(1)), "")


def sigmoid_of(z) -> sp.Expr:
    return 1 / (1 + sp.exp(-z))


def sigmoid(name: str, z: Node) -> Node:
    """σ(z) = 1/(1 + e^(−z)), whose derivative is σ(z)(1 − σ(z))."""
    a = sigmoid_of(z.value)
    return Node(name, a, (z,), (a * (1 - a),), "σ")


def relu(name: str, z: Node) -> Node:
    """max(0, z); its derivative is 1 where z > 0 and 0 elsewhere (frameworks use 0 at z = 0).
    Symbolic too (Max and Heaviside), so a test can build the same graph over sympy symbols."""
    return Node(name, sp.Max(0, z.value), (z,), (sp.Heaviside(z.value, 0),), "ReLU")


def squared_error(name: str, a: Node, target) -> Node:
    """(a − t)² for a fixed target t: d/da = 2(a − t)."""
    t = sp.sympify(target)
    return Node(name, (a.value - t) ** 2, (a,), (2 * (a.value - t),), "(·−t)²")


def topological_order(root: Node) -> list[Node]:
    """Every node ``root`` depends on, each after all of its inputs (root last)."""
    order: list[Node] = []
    seen: set[int] = set()

    def visit(node: Node) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        for parent in node.inputs:
            visit(parent)
        order.append(node)

    visit(root)
    return order


@dataclass(frozen=True)
class Message:
    """One product passed backwards along an edge: from ``node`` (the user) to ``to`` (its input)."""

    node: Node
    to: Node
    #: dL/d(node): the sum of everything that had arrived at ``node``.
    upstream: sp.Expr
    #: d(node)/d(to): the edge's local derivative.
    local: sp.Expr

    @property
    def product(self) -> sp.Expr:
        return self.upstream * self.local


@dataclass(frozen=True)
class BackwardPass:
    """dL/d(node) for every node, and the messages in the order the pass sent them."""

    loss: Node
    gradients: Mapping[int, sp.Expr] = field(repr=False)
    messages: tuple[Message, ...]

    def grad(self, node: Node) -> sp.Expr:
        return self.gradients[id(node)]

    def arriving(self, node: Node) -> tuple[Message, ...]:
        """The messages that reached ``node``: one per node using it; the gradient is their sum."""
        return tuple(m for m in self.messages if m.to is node)


def backward(loss: Node) -> BackwardPass:
    """Reverse mode from ``loss``: dL/dL = 1, then each node in reverse topological order adds up
    what arrived and passes (sum × local derivative) to each of its inputs."""
    order = topological_order(loss)
    gradients: dict[int, sp.Expr] = {id(node): sp.Integer(0) for node in order}
    gradients[id(loss)] = sp.Integer(1)
    messages = []
    for node in reversed(order):
        upstream = gradients[id(node)]  # complete: every user of node came before it
        for parent, local in zip(node.inputs, node.local, strict=True):
            message = Message(node, parent, upstream, local)
            gradients[id(parent)] += message.product
            messages.append(message)
    return BackwardPass(loss, gradients, tuple(messages))


def central_difference(build, values: Mapping[str, sp.Expr], name: str, eps) -> sp.Expr:
    """(L(v + ε) − L(v − ε)) / 2ε for the leaf ``name``, with every forward pass run again by
    ``build(**values)`` (which returns the loss node): the nudge, exact in sympy."""
    eps = sp.sympify(eps)
    up = build(**{**values, name: values[name] + eps}).value
    down = build(**{**values, name: values[name] - eps}).value
    return (up - down) / (2 * eps)
