"""Image preparation for OCR: pure functions over greyscale numpy arrays (uint8, 255 = paper).

The chain is: grey → upright (quarter turns told by the text lines, or by OSD where they do not
tell, then the small skew measured here) → reversed print (light letters on dark bars) turned
dark on paper → ruled lines found on a binary copy → erased from the grey image. Box and table
lines touching the characters are what ruins tesseract on forms, so they are removed before OCR
and kept as segments.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageOps

#: Skew is searched in this range (degrees); larger angles are left to the quarter-turn fix.
MAX_SKEW = 5.0
#: Text lines are taken to run up and down the page when the profile across the page is this much
#: weaker than the profile along its columns (see `level`). Taking an upright page for one on its
#: side costs an OSD call; the other way round, a read of the page on its side.
SIDEWAYS_RATIO = 1 / 2
#: `ascender_excess` nearer 0 than this does not tell which way up a page is: lines all in capitals
#: measured up to ±0.011 (commas hang below them), Chinese ±0.003; upright Latin text 0.006–0.08,
#: so a page whose lines say little is read as before, as it lies or turned as OSD says.
MIN_ASCENDER_EXCESS = 0.02
#: ... and fewer text lines than this do not tell either.
MIN_ASCENDER_LINES = 8
#: Long side of the copy used to measure skew and orientation: big enough to show text lines,
#: small enough to be fast, and fixed so that the same page gives the same answer at any dpi.
ANALYSIS_SIZE = 1700
#: Long side of the copy whose text lines `level` and `likely_turn` measure: a page downscaled
#: to it once can be given to both.
LEVEL_SIZE = 1000
#: A ruled line is at least this fraction of the image's width (horizontal) or height (vertical).
RULE_FRACTION = 1 / 30
#: ... and at least this many character heights, and this many times longer than thick.
MIN_RULE_LETTERS = 4
MIN_RULE_ASPECT = 12
#: A row or column of the page holding fewer ink pixels than this is margin (specks, not print).
MIN_INK_PIXELS = 5
#: Paper kept around the print when the margins are cut off, as a fraction of the long side.
INK_MARGIN = 0.03
#: Solid dark blocks (bars of reversed print) are looked for on a copy this many times smaller.
SOLID_SCALE = 4
#: A bar of reversed print: at least this share of the page wide, at most this share of it high,
#: and at least this many pixels high on the smaller copy (a line of 8 pt print at 150 dpi).
MIN_BAR_WIDTH = 0.03
MAX_BAR_HEIGHT = 0.25
MIN_BAR_PIXELS = 4
#: ... its ink covers at least this share of its box, and its light letters at least this one.
MIN_BAR_FILL = 0.5
MIN_LETTER_SHARE = 0.03
#: ... and they are this much lighter than the bar (grey levels).
MIN_REVERSED_CONTRAST = 80
#: ... and the bar is dark over at least this share of each of its four sides.
MIN_FRAME_DARK = 0.85


@dataclass(frozen=True, slots=True)
class Upright:
    """How an image was turned: quarter turns counter-clockwise, then a small counter-clockwise angle."""

    quarter_turns: int = 0
    angle: float = 0.0

    @property
    def rotation(self) -> int:
        """Degrees turned clockwise to make the page upright (Page.rotation)."""
        return (-90 * self.quarter_turns) % 360


def pil_to_grey(image: Image.Image) -> np.ndarray:
    """Greyscale array of an image, EXIF orientation applied (phone photos), alpha flattened on white."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 256)
    return np.asarray(image.convert("L"), dtype=np.uint8)


def downscale(grey: np.ndarray, long_side: int = ANALYSIS_SIZE) -> tuple[np.ndarray, float]:
    """A copy whose long side is at most `long_side`, and the factor applied."""
    factor = min(1.0, long_side / max(grey.shape))
    if factor == 1.0:
        return grey, 1.0
    size = (round(grey.shape[1] * factor), round(grey.shape[0] * factor))
    return cv2.resize(grey, size, interpolation=cv2.INTER_AREA), factor


def binarise(grey: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0. Otsu for even scans; adaptive where lighting varies (phone photos)."""
    _, otsu = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if not _uneven_lighting(grey):
        return otsu
    block = max(31, (min(grey.shape) // 20) | 1)
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY_INV, block, 15)


def _uneven_lighting(grey: np.ndarray) -> bool:
    """Paper brightness varying across the page by more than a fifth of the range."""
    # Lighting varies over inches, not pixels: every few pixels are enough, and 60 times faster.
    step = max(1, min(grey.shape) // 256)
    small = cv2.resize(grey[::step, ::step], (8, 8), interpolation=cv2.INTER_AREA)
    background = cv2.dilate(small, np.ones((3, 3), np.uint8))  # the paper, not the ink
    return int(background.max()) - int(background.min()) > 50


@dataclass(frozen=True, slots=True)
class Level:
    """What the text lines of a page say: the angle that levels them, and whether they run up and
    down the page rather than across it (a page lying on its side)."""

    angle: float
    sideways: bool


def level(grey: np.ndarray, limit: float = MAX_SKEW) -> Level:
    """Counter-clockwise angle (degrees) that levels the text lines, by projection-profile variance.

    Rows of a levelled page alternate between ink and paper, so the variance of the row sums
    peaks at the right angle: coarse 0.5° steps, then 0.1° around the best. The ink pixels'
    coordinates are projected rather than the image turned: half the time, same angles. Columns of a
    page on its side alternate the same way; upright sample and real scans had a row/column
    ratio of 0.63–20, one on its side 0.14, a synthetic single column of text turned 0.34.
    """
    small, _ = downscale(grey, LEVEL_SIZE)
    ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    if ink.mean() < 0.002:  # blank page
        return Level(0.0, False)
    height, width = ink.shape
    ys, xs = np.nonzero(ink)
    dx, dy = xs.astype(np.float32) - width / 2, ys.astype(np.float32) - height / 2

    def profiles(angle: float) -> tuple[float, float]:
        """Variance of the row sums and of the column sums, each over its maximum possible."""
        cos, sin = np.cos(np.radians(angle)), np.sin(np.radians(angle))
        x = cos * dx + sin * dy + width / 2
        y = cos * dy - sin * dx + height / 2
        inside = (x >= 0) & (x <= width - 1) & (y >= 0) & (y <= height - 1)  # the canvas keeps its size
        return _spread(y[inside], height) / width**2, _spread(x[inside], width) / height**2

    coarse = {float(a): profiles(a) for a in np.arange(-limit, limit + 0.01, 0.5)}
    best = max(coarse, key=lambda a: coarse[a][0])
    fine = max(np.arange(best - 0.4, best + 0.41, 0.1), key=lambda a: profiles(a)[0])
    across = max(v[0] for v in coarse.values())
    down = max(v[1] for v in coarse.values())
    return Level(round(float(fine), 2), across < SIDEWAYS_RATIO * down)


def _spread(positions: np.ndarray, size: int) -> float:
    """Variance of the histogram of `positions` over `size` bins, each split between its two
    nearest bins as a turned image's pixels are interpolated."""
    low = np.floor(positions)
    share = positions - low
    low = low.astype(np.int32)
    counts = np.bincount(low, 1 - share, minlength=size + 1) + np.bincount(low + 1, share, minlength=size + 1)
    return float(np.var(counts[:size]))


def likely_turn(grey: np.ndarray, lie: Level) -> Upright | None:
    """The turn that probably stands the page upright, told by the shape of its text lines; None
    when they do not tell.

    The page is measured with its lines levelled, turned a quarter first when they run up and down
    (`lie.sideways`); the sign of `ascender_excess` says whether it stands that way or the other way
    up. Used to choose which way to read a page first, never as the last word: a page read the
    wrong way up comes out illegible and goes to OSD.
    """
    small, _ = downscale(grey, LEVEL_SIZE)
    first = 1 if lie.sideways else 0
    if first:
        small = np.ascontiguousarray(np.rot90(small, first))
        angle = skew_angle(small)
    else:
        angle = lie.angle
    excess = ascender_excess(rotate(small, angle))
    if abs(excess) < MIN_ASCENDER_EXCESS:
        return None
    return Upright(first if excess > 0 else first + 2, angle)


def ascender_excess(grey: np.ndarray) -> float:
    """How much more of its text lines' ink lies above their x-height band than below it, as a share
    of that ink, over a levelled page: positive upright, negative upside down, near 0 when the lines
    do not tell.

    Latin text sits on its baseline and reaches up with capitals, digits and ascenders (b d f h k l t)
    more than down with descenders (g j p q y); MIN_ASCENDER_EXCESS says what was measured. Each
    quarter of the page's width is profiled apart, so that columns and a slight curl of a photo do
    not blur its lines together.
    """
    ink = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    count, labels, stats = _components(ink)
    heights, widths = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    letters = heights[(heights >= 4) & (heights < ink.shape[0] / 10)]
    if letters.size == 0:
        return 0.0
    size = float(np.median(letters))
    keep = np.zeros(count, bool)  # letter-sized blobs: no rules, boxes, logos or specks
    keep[1:] = (heights >= 0.3 * size) & (heights <= 2.5 * size) & (widths <= 4 * size)
    text = keep[labels]
    above = below = total = 0.0
    lines = 0
    for strip in np.array_split(text, 4, axis=1):
        profile = strip.sum(axis=1)
        runs = np.flatnonzero(np.diff(np.concatenate(([0], (profile > 0).astype(np.int8), [0]))))
        for top, bottom in zip(runs[::2], runs[1::2], strict=True):
            if not 0.6 * size <= bottom - top <= 3 * size:  # not one line of text
                continue
            line = profile[top:bottom]
            band = np.flatnonzero(line >= line.max() / 2)
            above += float(line[: band[0]].sum())
            below += float(line[band[-1] + 1 :].sum())
            total += float(line.sum())
            lines += 1
    return (above - below) / total if lines >= MIN_ASCENDER_LINES else 0.0


def skew_angle(grey: np.ndarray, limit: float = MAX_SKEW) -> float:
    """Counter-clockwise angle (degrees) that levels the text lines (see `level`)."""
    return level(grey, limit).angle


def rotate(image: np.ndarray, angle: float, fill: int = 255) -> np.ndarray:
    """Turn counter-clockwise by `angle` degrees about the centre, same canvas size (grey or colour)."""
    if abs(angle) < 0.05:
        return image
    return cv2.warpAffine(
        image,
        upright_matrix(image.shape[1], image.shape[0], Upright(0, angle)),
        (image.shape[1], image.shape[0]),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(fill, fill, fill, fill),
    )


def upright_matrix(width: int, height: int, turn: Upright) -> np.ndarray:
    """2x3 affine matrix mapping pixels of the image as given to pixels of the upright image."""
    out_w, out_h = upright_size(width, height, turn)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), 90 * turn.quarter_turns + turn.angle, 1.0)
    matrix[0, 2] += out_w / 2 - width / 2
    matrix[1, 2] += out_h / 2 - height / 2
    return matrix


def upright_size(width: int, height: int, turn: Upright) -> tuple[int, int]:
    return (height, width) if turn.quarter_turns % 2 else (width, height)


def make_upright(grey: np.ndarray, turn: Upright) -> np.ndarray:
    """The page (grey or colour) turned upright: exact quarter turns, then the skew angle."""
    turned = np.ascontiguousarray(np.rot90(grey, turn.quarter_turns % 4))
    return rotate(turned, turn.angle)


def enlarge(grey: np.ndarray, min_long_side: int) -> tuple[np.ndarray, float]:
    """Small images scaled up so that tesseract sees letters of a readable height, and the factor."""
    factor = min(3.0, min_long_side / max(grey.shape))
    if factor <= 1.0:
        return grey, 1.0
    size = (round(grey.shape[1] * factor), round(grey.shape[0] * factor))
    return cv2.resize(grey, size, interpolation=cv2.INTER_CUBIC), factor


def text_height(binary: np.ndarray) -> float:
    """Median height (px) of the ink blobs of letter size: the page's typical character height."""
    count, _, stats = _components(binary)
    heights = stats[1:count, cv2.CC_STAT_HEIGHT]
    letters = heights[(heights >= 4) & (heights < binary.shape[0] / 10)]
    return float(np.median(letters)) if letters.size else 0.0


def _components(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """Count, labels and stats of the 8-connected blobs (the background is label 0).

    16-bit labels where they fit: on a 300-dpi page OpenCV took a third of the time it takes
    with 32-bit ones. A speckled photo may hold more blobs than 16 bits count.
    """
    try:
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_16U)
    except cv2.error:
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return count, labels, stats


Box = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Rules:
    """The ruled lines of a page: masks of their pixels, and each line collapsed to its centre line
    as (x0, top, x1, bottom) in pixels."""

    horizontal: np.ndarray
    vertical: np.ndarray
    horizontal_lines: list[Box]
    vertical_lines: list[Box]


def find_rules(binary: np.ndarray) -> Rules:
    """Horizontal and vertical ruled lines: ink that survives an opening with a long thin kernel.

    A rule must be longer than a fraction of the page and than several characters, and thin
    for its length, so that the stems and bars of large bold letters are not taken for rules.
    """
    height, width = binary.shape
    letters = MIN_RULE_LETTERS * text_height(binary)
    # odd lengths: an even kernel has no centre, and the opening shifts lines by a pixel
    h_len = int(max(15, width * RULE_FRACTION, letters)) | 1
    v_len = int(max(15, height * RULE_FRACTION, letters)) | 1
    horizontal = cv2.morphologyEx(
        binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1))
    )
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    horizontal, horizontal_lines = _thin_only(horizontal, horizontal=True)
    vertical, vertical_lines = _thin_only(vertical, horizontal=False)
    return Rules(horizontal, vertical, horizontal_lines, vertical_lines)


def _thin_only(mask: np.ndarray, horizontal: bool) -> tuple[np.ndarray, list[Box]]:
    """The blobs of the mask much longer than they are thick, and each as its centre line.

    Blobs by their outer contours: on a page's sparse rule mask, a tenth of the time of labelling
    every pixel. A thick blob is erased by filling its outline, unless it has a hole, which may hold
    other blobs (rules inside the dark margins of a scan): the mask's pixels are then labelled.
    """
    contours, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    outer = [
        (cv2.boundingRect(c), c, links[2] >= 0)
        for c, links in zip(contours, hierarchy[0] if contours else [], strict=True)
        if links[3] < 0
    ]
    lines, dropped, holed = [], [], False
    for (x, y, w, h), contour, has_hole in sorted(outer, key=lambda blob: blob[0][1::-1]):
        if _is_rule(w, h, horizontal):
            lines.append(_centre_line(x, y, w, h, horizontal))
        else:
            dropped.append(contour)
            holed = holed or has_hole
    if holed:
        _, labels, stats = _components(mask)
        keep = np.asarray(_is_rule(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT], horizontal))
        keep[0] = False  # background
        return np.where(keep[labels], np.uint8(255), np.uint8(0)), lines
    if dropped:
        mask = mask.copy()
        cv2.drawContours(mask, dropped, -1, 0, thickness=cv2.FILLED)
    return mask, lines


def _is_rule(width: int | np.ndarray, height: int | np.ndarray, horizontal: bool) -> bool | np.ndarray:
    """Whether blobs this wide and high (numbers, or arrays of them) are long and thin enough for rules."""
    length, thickness = (width, height) if horizontal else (height, width)
    return length >= MIN_RULE_ASPECT * thickness


def _centre_line(x: int, y: int, w: int, h: int, horizontal: bool) -> Box:
    if horizontal:
        return (x, y + h // 2, x + w, y + h // 2)
    return (x + w // 2, y, x + w // 2, y + h)


def ink_box(binary: np.ndarray) -> Box:
    """The part of the page that holds its print, with a band of paper around it, as (x0, top, x1,
    bottom); the whole page when it holds none.

    tesseract's time grows with the pixels it is given, not only with the text: the reader took
    0.93-0.96 of bare tesseract's time on the sample scans with their margins cut off, 0.97-1.06
    without. The band of paper is wide (a real page margin): with a narrow one, tesseract's reading
    of the print itself moved more (its thresholds are set on the whole image it is given).
    """
    height, width = binary.shape
    rows, cols = _inked(binary, across=1), _inked(binary, across=0)
    if not rows.size or not cols.size:
        return (0, 0, width, height)
    margin = round(INK_MARGIN * max(height, width))
    return (
        max(0, int(cols[0]) - margin),
        max(0, int(rows[0]) - margin),
        min(width, int(cols[-1]) + 1 + margin),
        min(height, int(rows[-1]) + 1 + margin),
    )


def _inked(binary: np.ndarray, across: int) -> np.ndarray:
    """Indexes of the rows (`across`=1) or columns (0) holding at least MIN_INK_PIXELS of ink."""
    counts = cv2.reduce(binary, across, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel()
    return np.flatnonzero(counts >= 255 * MIN_INK_PIXELS)


@dataclass(frozen=True, slots=True)
class Reversed:
    """A bar of reversed print: its box, and the grey levels of the bar and of its letters."""

    box: Box
    bar: float
    letters: float


def reversed_print(grey: np.ndarray, binary: np.ndarray) -> list[Reversed]:
    """The bars of reversed print on a page: light letters on solid dark (a title, a table's header row).

    Such a bar is one blob of ink to the ruled-line finder and to tesseract, which read its letters
    as nothing or as garbage. Bars are found on a smaller copy, where ordinary print is too thin to
    survive an opening and a bar is a solid blob; a bar touching the image's edge is a scanner's
    margin or the table under a photographed page, not print. Each is then confirmed on the grey
    page: two classes of grey, the light one (letters) a real share and much lighter.
    """
    height, width = binary.shape
    size = (max(1, width // SOLID_SCALE), max(1, height // SOLID_SCALE))
    small = cv2.resize(binary, size, interpolation=cv2.INTER_AREA)
    mostly_ink = np.where(small > 191, np.uint8(255), np.uint8(0))
    solid = cv2.morphologyEx(mostly_ink, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    count, _, stats = _components(solid)
    bars = []
    for x, y, w, h, area in stats[1:count].tolist():
        if not _bar_shaped(x, y, w, h, area, solid.shape):
            continue
        box = (x * SOLID_SCALE, y * SOLID_SCALE, (x + w) * SOLID_SCALE, (y + h) * SOLID_SCALE)
        if levels := _light_letters(grey[box[1] : box[3], box[0] : box[2]]):
            bars.append(Reversed(box, *levels))
    return bars


def _bar_shaped(x: int, y: int, w: int, h: int, area: int, shape: tuple[int, ...]) -> bool:
    height, width = shape
    inside = x > 0 and y > 0 and x + w < width and y + h < height
    return (
        inside
        and w >= MIN_BAR_WIDTH * width
        and MIN_BAR_PIXELS <= h <= MAX_BAR_HEIGHT * height
        and area >= MIN_BAR_FILL * w * h
    )


def _light_letters(region: np.ndarray) -> tuple[float, float] | None:
    """(bar's grey, letters' grey) when the region is light letters inside a darker bar, else None.

    The bar frames its letters: each side of the region is dark. A large bold letter (a lab's
    logo, "RoHS" printed big) is as solid, but paper reaches its box's sides between its strokes.
    """
    threshold, _ = cv2.threshold(region, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    light = region > threshold
    if not MIN_LETTER_SHARE <= light.mean() <= 1 - MIN_BAR_FILL or not _framed(light):
        return None
    bar, letters = float(region[~light].mean()), float(region[light].mean())
    return (bar, letters) if letters - bar >= MIN_REVERSED_CONTRAST else None


def _framed(light: np.ndarray) -> bool:
    """Each side's band (as wide as a pixel of the smaller copy) at least MIN_FRAME_DARK dark."""
    band = SOLID_SCALE
    sides = (light[:band], light[-band:], light[:, :band], light[:, -band:])
    return all(side.size and 1 - side.mean() >= MIN_FRAME_DARK for side in sides)


def unreverse(grey: np.ndarray, binary: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The page (grey and binary) with its reversed print made dark letters on paper; the same
    arrays when it has none.

    tesseract's own remedy, a second reading inverted of every line it read with low confidence,
    cost a tenth of its time on the sample scans, where it never helped, and still lost the
    letters of bars: the ocr backend turns it off and relies on this instead.
    """
    bars = reversed_print(grey, binary)
    if not bars:
        return grey, binary
    grey, binary = grey.copy(), binary.copy()
    turned_boxes: list[Box] = []
    for bar in bars:
        if any(_overlap(bar.box, done) for done in turned_boxes):  # a pixel turned twice is reversed again
            continue
        turned_boxes.append(bar.box)
        x0, top, x1, bottom = bar.box
        region = grey[top:bottom, x0:x1].astype(np.float32)
        turned = (bar.letters - region) * (255 / (bar.letters - bar.bar))  # bar → paper, letters → ink
        grey[top:bottom, x0:x1] = np.clip(turned, 0, 255).astype(np.uint8)
        binary[top:bottom, x0:x1] = 255 - binary[top:bottom, x0:x1]
    return grey, binary


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def erase_rules(grey: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray) -> np.ndarray:
    """The greyscale page with the ruled lines (and their anti-aliased fringe) painted over with paper.

    Painting on the grey image rather than on the binary one keeps thin serif strokes that a
    global threshold breaks up (a B/L photo: 84 % → 94 % of its labelled tokens read).
    """
    lines = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    clean = grey.copy()
    clean[lines > 0] = 255
    return clean
