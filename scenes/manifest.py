"""The chapter manifest: each chapter's scenes in order (module stems under scenes/), and the
chapters of the course still to be made."""

CHAPTERS = [
    {
        "number": 1,
        "course": "Derivatives",
        "title": "The Derivative — Rate of Change",
        "scenes": [
            "opening_training_run",
            "slope_at_a_point",
            "secant_to_tangent",
            "power_rule",
            "critical_points",
            "gradient_descent",
            "derivative_vs_gradient",
            "check_understanding",
        ],
        # The poster: the parabola with its three tangents and their slopes.
        "poster": ("slope_at_a_point", "parabola_tangents"),
    },
    {
        "number": 2,
        "course": "Derivatives",
        "title": "The Gradient — Derivatives in Many Dimensions",
        "scenes": [
            "partial_derivatives",
            "gradient_direction",
            "descent_in_two_weights",
            "learning_rate_limit",
            "saddle_points",
            "gradient_questions",
            "gradient_review",
        ],
        # The poster: the bowl with its two slices' tangents and the gradient they make.
        "poster": ("partial_derivatives", "gradient"),
    },
    {
        "number": 3,
        "course": "Derivatives",
        "title": "The Chain Rule and Backpropagation",
        "scenes": [
            "chain_rule",
            "paths_add",
            "neuron_backward",
            "gradient_check",
            "two_layer_chain",
            "backprop_cost",
            "vanishing_gradients",
            "backprop_check",
        ],
        # The poster: the neuron's graph with every gradient filled in.
        "poster": ("neuron_backward", "gradient"),
    },
]

#: Chapters of the course not made yet: the course page lists them as coming.
PLANNED: list[dict] = []
