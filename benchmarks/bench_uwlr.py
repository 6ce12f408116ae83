"""UWLR core speed (issue 2): building, parsing and validating a 1,000-pupil answer, and the
fake-school generator, each as a ratio against a baseline measured in the same run."""

from __future__ import annotations

from lxml import etree

from benchmarks.harness import Goal, Report, percentile, timed
from uwlr.build import build
from uwlr.fake import generate_school
from uwlr.models import LeerlinggegevensAntwoord
from uwlr.namespaces import LG
from uwlr.parse import parse
from uwlr.validate import validate

REPEAT = 15


def _bare_tree(elements: int) -> None:
    """The floor: as many namespaced elements as the answer has, with text, nothing else."""
    root = etree.Element(f"{{{LG}}}leerlingen", nsmap={"lg": LG})
    tag = f"{{{LG}}}naam"
    for _ in range(elements):
        etree.SubElement(root, tag).text = "x"


def run() -> Report:
    report = Report("UWLR-kern (issue 2)")
    small = generate_school(1, aantal_leerlingen=250)
    large = generate_school(1, aantal_leerlingen=1000)
    message = LeerlinggegevensAntwoord(gegevens=large.leerlinggegevens)
    element = build(message)
    count = sum(1 for _ in element.iter())

    build_ms = percentile(timed(lambda: build(message), REPEAT), 0.5)
    floor_ms = percentile(timed(lambda: _bare_tree(count), REPEAT), 0.5)
    parse_ms = percentile(timed(lambda: parse(element), REPEAT), 0.5)
    validate_ms = percentile(timed(lambda: validate(element), REPEAT), 0.5)
    gen_small = percentile(timed(lambda: generate_school(2, aantal_leerlingen=250), 5), 0.5)
    gen_large = percentile(timed(lambda: generate_school(2, aantal_leerlingen=1000), 5), 0.5)
    report.figures.update(
        {
            "1.000 leerlingen: elementen": count,
            "bouwen p50 ms": build_ms,
            "kale lxml-boom met evenveel elementen p50 ms": floor_ms,
            "lezen (parse) p50 ms": parse_ms,
            "valideren tegen ons contract p50 ms": validate_ms,
            "nepschool 250 / 1.000 leerlingen ms": f"{gen_small:.1f} / {gen_large:.1f}",
            "leerlingen in de kleine school": len(small.leerlinggegevens.leerlingen),
        }
    )
    report.goals += [
        Goal("bouwen / kale lxml-boom", build_ms / floor_ms, "<=", 4.0, "×"),
        Goal("lezen / bouwen", parse_ms / build_ms, "<=", 2.0, "×"),
        Goal("nepschool lineair: 1.000 / 250 leerlingen", gen_large / gen_small, "<=", 4.4, "×"),
    ]
    return report
