"""Each colour means one thing: red is occupied ground only, in normal and colour-blind vision."""

from __future__ import annotations

import colorsys

import pytest

from geo.render.events import TYPE_STYLE
from geo.render.frontline import GAIN_COLOR, LOSS_COLOR, OCCUPIED_COLOR
from geo.render.heatmap import GRADIENT
from geo.render.places import KIND_COLORS, PRECISION_COLORS
from geo.render.regions import COLORS

OTHERS = {
    **{f"place {k}": c for k, c in PRECISION_COLORS.items()},
    **{f"kind {k}": c for k, c in KIND_COLORS.items()},
    **{f"event {k}": s[0] for k, s in TYPE_STYLE.items()},
    **{f"region class {i}": c for i, c in enumerate(COLORS)},
    **{f"heat {k}": c for k, c in GRADIENT.items()},
    "gain hatch": GAIN_COLOR, "loss hatch": LOSS_COLOR,
}

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB
MACHADO = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def rgb(hex_color: str) -> tuple[float, float, float]:
    h = hex_color.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))


def simulate(color: str, matrix) -> tuple[float, ...]:
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb(color)]
    out = [min(1.0, max(0.0, sum(m * v for m, v in zip(row, lin, strict=True))))
           for row in matrix]
    return tuple(12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055 for v in out)


def test_no_other_colour_is_red() -> None:
    for what, color in OTHERS.items():
        h, lightness, s = colorsys.rgb_to_hls(*rgb(color))
        reddish = (h < 20 / 360 or h > 340 / 360) and s > 0.35 and 0.2 < lightness < 0.8
        assert not reddish, f"{what} {color} reads as red, which means occupied ground"


@pytest.mark.parametrize("vision", list(MACHADO))
def test_occupied_red_stands_apart_in_colour_blind_vision(vision: str) -> None:
    red = simulate(OCCUPIED_COLOR, MACHADO[vision])
    for what, color in OTHERS.items():
        other = simulate(color, MACHADO[vision])
        dist = sum((a - b) ** 2 for a, b in zip(red, other, strict=True)) ** 0.5
        # 0.12 of the RGB cube's unit axis: about 30 levels of 255, a visible step
        assert dist > 0.12, f"{what} {color} looks like occupied red under {vision} ({dist:.3f})"
