"""The chapter manifest: each chapter's scenes in order (module stems under scenes/)."""

CHAPTERS = [
    {
        "number": 1,
        "course": "Derivatives",
        "title": "The Derivative — Rate of Change",
        "scenes": [
            "toy_check",
        ],
    },
]
