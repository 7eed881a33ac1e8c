"""The reverse pass behind Chapter 3's numbers, against sympy's exact derivatives and against central
finite differences (ε = 10⁻⁴, agreeing to 6 significant digits), on the one-neuron graph, the
two-layer chain and a random small graph."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from scenes import chain_rule_figures as chain_rule
from scenes import neuron_backward_figures as neuron
from scenes import two_layer_chain_figures as two_layer
from scenes.common import autodiff as ad

EPSILON = sp.Rational(1, 10**4)


def agrees_to_six_digits(estimate: sp.Expr, exact: sp.Expr) -> bool:
    estimate, exact = sp.N(estimate, 30), sp.N(exact, 30)
    return abs(estimate - exact) <= sp.Rational(5, 10**7) * max(abs(exact), sp.Integer(1) / 100)


def symbolic(build, names):
    """The loss as a sympy expression of its leaves, built by the same ``build``."""
    symbols = {name: sp.Symbol(name, real=True) for name in names}
    return build(**symbols).value, symbols


def check_graph(build, values: dict[str, sp.Expr]) -> None:
    loss = build(**values)
    grads = ad.backward(loss)
    leaves = {n.name: n for n in ad.topological_order(loss) if not n.inputs}
    expr, symbols = symbolic(build, values)
    at = {symbols[k]: v for k, v in values.items()}
    for name in values:
        exact = sp.diff(expr, symbols[name]).subs(at)
        reverse = grads.grad(leaves[name])
        assert sp.simplify(reverse - exact) == 0, name
        estimate = ad.central_difference(build, values, name, EPSILON)
        assert agrees_to_six_digits(estimate, reverse), (name, sp.N(estimate), sp.N(reverse))


def test_the_neuron_against_sympy_and_finite_differences() -> None:
    check_graph(neuron.neuron, neuron.START)


def test_the_two_layer_chain_against_sympy_and_finite_differences() -> None:
    check_graph(two_layer.chain, two_layer.START)


def test_the_chain_rule_examples_against_sympy() -> None:
    x = sp.Symbol("x", real=True)
    assert chain_rule.DY_DX == sp.diff(chain_rule.chain(x).value, x).subs(x, chain_rule.AT)
    assert chain_rule.PATHS_TOTAL == sp.diff(chain_rule.two_paths(x).value, x).subs(x, 2)


OPERATIONS = ("add", "mul", "sigmoid", "relu", "square", "affine")


def apply(op: str, name: str, a: ad.Node, b: ad.Node, c: int) -> ad.Node:
    if op == "add":
        return ad.add(name, a, b)
    if op == "mul":
        return ad.mul(name, a, b)
    if op == "sigmoid":
        return ad.sigmoid(name, a)
    if op == "relu":
        return ad.relu(name, ad.affine(f"{name}s", a, 1, 5))
    if op == "square":
        return ad.square(name, a)
    return ad.affine(name, a, c, 1)


def random_graph(seed: int):
    """A builder of a random small graph over three leaves: each new node applies a random operation
    to random earlier nodes, and the loss sums every node (so values reach it along several paths)."""
    rng = random.Random(seed)
    plan = []
    for i in range(8):
        op = rng.choice(OPERATIONS)
        plan.append((op, rng.randrange(3 + i), rng.randrange(3 + i), rng.choice((-2, -1, 2, 3))))

    def build(p, q, r):
        nodes = [ad.leaf("p", p), ad.leaf("q", q), ad.leaf("r", r)]
        for i, (op, j, k, c) in enumerate(plan):
            nodes.append(apply(op, f"n{i}", nodes[j], nodes[k], c))
        # Every node feeds the loss, so every leaf reaches it, along several paths.
        loss = nodes[0]
        for i, node in enumerate(nodes[1:]):
            loss = ad.add(f"s{i}", loss, node)
        return loss

    values = {k: sp.Rational(rng.randint(-9, 9), 10) for k in "pqr"}
    return build, values


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_random_small_graph_against_sympy_and_finite_differences(seed: int) -> None:
    build, values = random_graph(seed)
    # Each ReLU's input is shifted by 5 away from its kink, so it stays on one side of 0 for every
    # value the finite differences try.
    relus = [n for n in ad.topological_order(build(**values)) if n.op == "ReLU"]
    assert all(n.inputs[0].value != 0 for n in relus)
    check_graph(build, values)


def test_a_node_used_twice_sums_what_arrives() -> None:
    """Paths add: x feeds f and g, and its gradient is the sum of the two messages."""
    x = chain_rule.L_X
    arriving = chain_rule.PATHS.arriving(x)
    assert {m.node.name for m in arriving} == {"f", "g"}
    assert sum(m.product for m in arriving) == chain_rule.PATHS.grad(x) == 36


def test_each_node_is_complete_before_it_passes_on() -> None:
    """Every message a node sends carries the full sum that had arrived at it."""
    for graph in (neuron.PASS, two_layer.PASS, chain_rule.PATHS):
        for m in graph.messages:
            assert m.upstream == graph.grad(m.node)
