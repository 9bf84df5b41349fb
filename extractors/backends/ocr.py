"""OCR backend: a greyscale page image → upright words with confidences and the ruled lines removed.

Coordinates here are pixels of the upright image; the reader scales them to the page's units.
tesseract runs single-threaded (OMP_THREAD_LIMIT=1): on this 2-core machine its OpenMP threads
made a page 4–8× slower, and pages are better parallelised, if at all, one process each.
"""

from __future__ import annotations

import logging
import os
import subprocess
import time
from dataclasses import dataclass

import numpy as np
import pytesseract
from PIL import Image

from extractors.backends import imaging
from extractors.backends.imaging import Upright
from extractors.datamodel import Segment, Word

log = logging.getLogger(__name__)

#: A page's first reading is taken as the right way up when at least this many words of 3+
#: characters come out at this mean confidence (0..1).
MIN_LEGIBLE_WORDS = 5
LEGIBLE_CONF = 0.65
#: OSD scripts that mean Chinese is printed on the page.
CHINESE_SCRIPTS = frozenset({"Han", "HanS", "HanT"})
#: A word of these tesseract confidences (0..100) or below is noise (specks, line remnants).
MIN_WORD_CONF = 10.0
#: tesseract reads every line it read with low confidence a second time, inverted, in case it was
#: light print on dark. On the sample scans that never changed a word worth having (only stamps'
#: and specks' garbage) and cost 5-13 % of tesseract's time; bars of light print are turned dark
#: before OCR instead (`imaging.unreverse`), which also reads the ones tesseract's try lost.
TESSERACT_CONFIG = "-c tessedit_do_invert=0"


class OcrTimeout(Exception):
    """tesseract did not finish a page within its time limit."""


@dataclass(frozen=True, slots=True)
class Budget:
    """The time one page may take, shared by every tesseract call made for it."""

    seconds: float
    ends: float

    @classmethod
    def start(cls, seconds: float) -> Budget:
        return cls(seconds, time.monotonic() + seconds)

    def remaining(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise OcrTimeout(f"OCR timed out after {self.seconds:g} s")
        return left


@dataclass(frozen=True, slots=True)
class OcrOptions:
    #: tesseract page segmentation mode; 4 (one column, variable sizes) read forms best here.
    psm: int = 4


@dataclass(slots=True)
class OcrPage:
    """One page read by OCR, in pixels of the upright image."""

    width: int
    height: int
    words: list[Word]
    segments: list[Segment]
    turn: Upright
    languages: str


def _single_threaded() -> None:
    # pytesseract starts tesseract with this process's environment and has no env argument.
    os.environ["OMP_THREAD_LIMIT"] = "1"


def _for_tesseract(grey: np.ndarray) -> Image.Image:
    """The array as an image that pytesseract hands over uncompressed.

    pytesseract writes its input to a temporary file, PNG unless the image says otherwise; PNG
    encoding of a 300-dpi page took 0.2–0.8 s here, a binary PGM (PIL's "PPM" for mode L) 2 ms.
    """
    image = Image.fromarray(grey)
    image.format = "PPM"
    return image


def _run(call, budget: Budget):  # type: ignore[no-untyped-def]
    """Run a pytesseract call within what is left of the page's budget; OcrTimeout when it runs out."""
    _single_threaded()
    try:
        return call(timeout=budget.remaining())
    except RuntimeError as error:  # pytesseract raises a bare RuntimeError on timeout
        if "timeout" in str(error).lower():
            raise OcrTimeout(f"OCR timed out after {budget.seconds:g} s") from error
        raise
    except subprocess.TimeoutExpired as error:
        raise OcrTimeout(f"OCR timed out after {budget.seconds:g} s") from error


def detect_orientation(grey: np.ndarray, budget: Budget) -> tuple[int, str | None]:
    """Quarter turns (counter-clockwise) that OSD says make the page upright, and the script it saw.

    OSD fails on sparse pages ("Too few characters"); the page is then taken as upright. Its
    confidence is not used: on boxed forms it was 1.1–1.8 even when right, so `read_upright`
    checks a turn by reading the page that way instead.
    """
    small, _ = imaging.downscale(grey)
    image = _for_tesseract(small)
    try:
        osd = _run(
            lambda timeout: pytesseract.image_to_osd(
                image, output_type=pytesseract.Output.DICT, timeout=timeout
            ),
            budget,
        )
    except pytesseract.TesseractError as error:
        log.debug("OSD gave no answer (%s); page taken as upright", str(error).strip()[:80])
        return 0, None
    log.debug(
        "OSD: rotate %s (confidence %s), script %s",
        osd.get("rotate"),
        osd.get("orientation_conf"),
        osd.get("script"),
    )
    return (-int(osd.get("rotate", 0)) // 90) % 4, osd.get("script")


def legibility(words: list[Word]) -> tuple[int, float]:
    """Words of three or more letters or digits, and their mean confidence.

    Read upright, real pages gave a mean of 0.77–0.90; read turned 90° or 180°, 0.28–0.45.
    """
    real = [w.conf for w in words if sum(c.isalnum() for c in w.text) >= 3]
    return len(real), (sum(real) / len(real) if real else 0.0)


def is_legible(words: list[Word]) -> bool:
    count, mean = legibility(words)
    return count >= MIN_LEGIBLE_WORDS and mean >= LEGIBLE_CONF


def turn_for(grey: np.ndarray, quarter_turns: int) -> Upright:
    """The turn that stands the page upright: the quarter turns, then the skew measured after them."""
    return Upright(quarter_turns, imaging.skew_angle(np.rot90(grey, quarter_turns)))


def read_upright(
    grey: np.ndarray, languages: str, budget: Budget, options: OcrOptions | None = None
) -> OcrPage:
    """Read a page whichever way up it lies.

    The page is first read the way the shape of its text lines says it stands up
    (`imaging.likely_turn`): as it lies for most scans, turned for a page on its side or upside
    down. OSD (as slow as a third of the OCR) is then skipped. Where the lines do not tell, a page
    is read as it lies, or, when its lines run up and down, turned as OSD says. A page that reads
    as garbage is given to OSD, read again the way it says, and the more legible reading is kept.
    OSD also names the script, so chi_sim is added for Chinese pages.
    """
    small, _ = imaging.downscale(grey, imaging.LEVEL_SIZE)  # what both measure, made once
    lie = imaging.level(small)
    guess = imaging.likely_turn(small, lie)
    osd = detect_orientation(grey, budget) if guess is None and lie.sideways else None
    if guess is not None:
        first_turn, first_languages = guess, languages
    elif osd is None or osd[0] == 0:
        first_turn, first_languages = Upright(0, lie.angle), languages
    else:
        first_turn, first_languages = turn_for(grey, osd[0]), languages_for(languages, osd[1])
    first = ocr_page(grey, first_turn, first_languages, budget, options)
    if is_legible(first.words):
        return first
    quarter_turns, script = osd or detect_orientation(grey, budget)
    if osd is not None and quarter_turns != 0:  # OSD's turn read badly: try the page as it lies
        quarter_turns = 0
    retry_languages = languages_for(languages, script)
    if quarter_turns == first_turn.quarter_turns and retry_languages == first.languages:
        return first
    retry_turn = Upright(0, lie.angle) if quarter_turns == 0 else turn_for(grey, quarter_turns)
    second = ocr_page(grey, retry_turn, retry_languages, budget, options)
    log.debug(
        "illegible turned %d° %s; turned %d° %s",
        first.turn.rotation,
        legibility(first.words),
        second.turn.rotation,
        legibility(second.words),
    )
    return max((first, second), key=lambda page: _legibility_score(page.words))


def _legibility_score(words: list[Word]) -> float:
    count, mean = legibility(words)
    return count * mean


def languages_for(base: str, script: str | None) -> str:
    """The tesseract languages for a page: `base`, plus chi_sim where OSD saw Chinese script."""
    if script in CHINESE_SCRIPTS and "chi_sim" not in base.split("+"):
        return f"{base}+chi_sim"
    return base


def ocr_page(
    grey: np.ndarray, turn: Upright, languages: str, budget: Budget, options: OcrOptions | None = None
) -> OcrPage:
    """Read a greyscale page: turned upright as `turn` says, ruled lines removed, words by tesseract.

    Raises OcrTimeout when the page's `budget` runs out.
    """
    options = options or OcrOptions()
    upright = imaging.make_upright(grey, turn)
    upright, binary = imaging.unreverse(upright, imaging.binarise(upright))
    rules = imaging.find_rules(binary)
    x0, top, x1, bottom = imaging.ink_box(binary)
    clean = imaging.erase_rules(upright, rules.horizontal, rules.vertical)[top:bottom, x0:x1]
    segments = [Segment(*box) for box in rules.horizontal_lines + rules.vertical_lines]
    del rules, binary  # page-sized masks, not kept while tesseract runs
    words = [_moved(w, x0, top) for w in _tesseract_words(clean, languages, options, budget)]
    return OcrPage(upright.shape[1], upright.shape[0], words, segments, turn, languages)


def _moved(word: Word, dx: float, dy: float) -> Word:
    """A word read on a cut of the page, in the page's pixels."""
    return Word(word.text, word.x0 + dx, word.top + dy, word.x1 + dx, word.bottom + dy, word.conf)


def _tesseract_words(image: np.ndarray, languages: str, options: OcrOptions, budget: Budget) -> list[Word]:
    pil = _for_tesseract(image)
    data = _run(
        lambda timeout: pytesseract.image_to_data(
            pil,
            lang=languages,
            config=f"--psm {options.psm} {TESSERACT_CONFIG}",
            output_type=pytesseract.Output.DICT,
            timeout=timeout,
        ),
        budget,
    )
    return data_to_words(data)


def data_to_words(data: dict[str, list]) -> list[Word]:
    """tesseract's image_to_data table → words (empty and noise entries dropped), conf as 0..1."""
    words = []
    for text, left, top, width, height, conf in zip(
        data["text"], data["left"], data["top"], data["width"], data["height"], data["conf"], strict=True
    ):
        text, conf = str(text).strip(), float(conf)
        if not text or conf <= MIN_WORD_CONF:
            continue
        words.append(
            Word(text, float(left), float(top), float(left + width), float(top + height), conf / 100)
        )
    return words
