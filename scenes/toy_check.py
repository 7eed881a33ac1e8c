from manim import *

from mathreel.scene import NarratedScene


class ToyCheck(NarratedScene):
    def construct(self):
        with self.beat("one") as beat:
            c = Circle()
            self.play(Create(c), run_time=beat.until("half"))
            self.play(c.animate.shift(RIGHT))
        with self.beat("two"):
            self.play(FadeOut(c))
