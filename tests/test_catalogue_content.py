"""The bundled catalogue says what the five articles say.

Each row below is one fact from one article (the comment names it), so a hand edit that
drifts from the sources fails here with the article to check. The file is read with
`tomllib` directly, so these tests judge the content, not the loader.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

from trainer.core.catalogue.model import EQUIPMENT

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_FILE = ROOT / "exercises.toml"

A0 = "Why lower back exercises matter"
A1 = "The Best Lower Back Exercises to Reduce Pain, According to Experts"
A2 = "9 Great Lower Back Exercises"
A3 = "Back Exercises for Your Lower Back"
A4 = "How to Strengthen the Lower Back"
TITLES = (A0, A1, A2, A3, A4)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    with CATALOGUE_FILE.open("rb") as file:
        return tomllib.load(file)


@pytest.fixture(scope="module")
def exercises(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = data["exercises"]
    return result


def ceiling(entry: dict[str, Any], key: str) -> Any:
    """A max_* value with the schema's default (the starting value) applied."""
    return entry.get(f"max_{key}", entry[key])


# --------------------------------------------------------------------------- dosages

# (exercise id, key, expected, the article's words). max_* keys use the schema default.
DOSAGE_FACTS: list[tuple[str, str, object, str]] = [
    # Knee-to-chest: A0 (Mayo) hold about 5 s, 2-3 a leg, morning and evening; A1 10 s, 2x5.
    ("knee-to-chest", "hold_s", 5, "A0: hold for about 5 seconds"),
    (
        "standing-lumbar-extension",
        "hold_s",
        3,
        "A0: hold for a few seconds (no number: 3 s is the app's default)",
    ),
    ("standing-lumbar-extension", "max_hold_s", 3, "A0: no longer hold is given"),
    (
        "knee-to-chest",
        "after",
        {"cue": "Both knees together", "reps": 2, "hold_s": 5, "max_reps": 3},
        "A0: then 2 to 3 times with both knees pulled toward your chest together",
    ),
    ("knee-to-chest", "max_hold_s", 10, "A1: hold for 10 seconds"),
    ("knee-to-chest", "reps", 2, "A0: repeat 2 to 3 times on each leg"),
    ("knee-to-chest", "max_reps", 5, "A1: 2 sets of 5 repetitions"),
    ("knee-to-chest", "sets", 1, "A1: begin by doing one set"),
    ("knee-to-chest", "max_sets", 2, "A1: 2 sets"),
    ("knee-to-chest", "rest_s", 60, "A1: 1-minute rest in between"),
    ("knee-to-chest", "per_side", True, "A0: on each leg"),
    ("knee-to-chest", "frequency", "twice-daily", "A0: morning and evening"),
    # Lower back rotation: A0 5-10 s, 2-3 a side, twice daily; A1 5-10 s, 2x10, 1 min.
    ("lower-back-rotation", "hold_s", 5, "A0/A1: hold 5 to 10 seconds"),
    ("lower-back-rotation", "max_hold_s", 10, "A0/A1: hold 5 to 10 seconds"),
    ("lower-back-rotation", "reps", 2, "A0: 2 to 3 repetitions per side"),
    ("lower-back-rotation", "max_reps", 10, "A1: 2 sets of 10"),
    ("lower-back-rotation", "max_sets", 2, "A1: 2 sets of 10"),
    ("lower-back-rotation", "rest_s", 60, "A1: 1-minute rest"),
    ("lower-back-rotation", "per_side", True, "A0: repeat on the other side"),
    ("lower-back-rotation", "frequency", "twice-daily", "A0: twice daily"),
    # Cat-cow: A0 move between positions 3-5 times, twice a day; A1 cat stretch 2x5.
    (
        "cat-cow",
        "positions",
        [{"cue": "Arch your back up", "hold_s": 0}, {"cue": "Sag your belly down", "hold_s": 0}],
        "A0: arch your back, then sag your belly; move smoothly between these two positions",
    ),
    ("cat-cow", "reps", 3, "A0: 3 to 5 times"),
    ("cat-cow", "max_reps", 5, "A0: 3 to 5 times; A1: sets of 5"),
    ("cat-cow", "max_sets", 2, "A1: 2 sets of 5"),
    ("cat-cow", "frequency", "twice-daily", "A0: twice a day"),
    # Child's pose: A0 hold 20 to 30 s.
    ("childs-pose", "hold_s", 20, "A0: hold for 20 to 30 seconds"),
    ("childs-pose", "max_hold_s", 30, "A0: hold for 20 to 30 seconds"),
    ("childs-pose", "per_side", False, "A0: one symmetrical pose"),
    # Piriformis: A1 hold 10 s, alternating, 2x5, 1-minute rest.
    ("piriformis-stretch", "hold_s", 10, "A1: hold for 10 seconds"),
    ("piriformis-stretch", "reps", 5, "A1: 2 sets of 5 repetitions"),
    ("piriformis-stretch", "max_sets", 2, "A1: 2 sets"),
    ("piriformis-stretch", "rest_s", 60, "A1: 1-minute rest"),
    ("piriformis-stretch", "per_side", True, "A1: alternating"),
    # The unnamed A3 stretch: count of three, repeat 5 times.
    ("overhead-reach-hip-lift", "reps", 5, "A3: repeat 5 times"),
    (
        "overhead-reach-hip-lift",
        "positions",
        [
            {"cue": "Reach up, lift your hips", "hold_s": 3},
            {"cue": "Hold the stretch", "hold_s": 3},
        ],
        "A3: to a count of three, reach and lift; hold for a count of three (3 s: app's reading)",
    ),
    # Press-up back extension: A1 hold 3-5 s, 2x10, 1-minute rest.
    ("press-up-back-extension", "hold_s", 3, "A1: hold 3-5 seconds"),
    ("press-up-back-extension", "max_hold_s", 5, "A1: hold 3-5 seconds"),
    ("press-up-back-extension", "reps", 10, "A1: 2 sets of 10"),
    ("press-up-back-extension", "max_sets", 2, "A1: 2 sets of 10"),
    ("press-up-back-extension", "kind", "stretch", "A1: stretching without contracting"),
    # Pelvic tilt: A0 hold about 5 s, start with 5, work up to 30 per day; A1 5 s, 2x10.
    ("pelvic-tilt", "hold_s", 5, "A0/A1: hold for 5 seconds"),
    ("pelvic-tilt", "reps", 5, "A0: start with 5 repetitions"),
    ("pelvic-tilt", "max_reps", 30, "A0: work up to 30 per day"),
    ("pelvic-tilt", "frequency", "daily", "A0: per day"),
    # Lower back flexibility: A0 hold 5 s + 5 s, about 5 up to 30 daily.
    (
        "lower-back-flexibility",
        "positions",
        [{"cue": "Lower back lifted", "hold_s": 5}, {"cue": "Back flat", "hold_s": 5}],
        "A0: back lifted, hold for 5 seconds; then flatten, hold for another 5 seconds",
    ),
    ("lower-back-flexibility", "reps", 5, "A0: from about 5 repetitions"),
    ("lower-back-flexibility", "max_reps", 30, "A0: up to 30 daily"),
    # Draw-in: A1 hold 5 s, 2x10, 1-minute rest.
    ("draw-in-manoeuvre", "hold_s", 5, "A1: hold for 5 seconds"),
    ("draw-in-manoeuvre", "reps", 10, "A1: 2 sets of 10"),
    ("draw-in-manoeuvre", "max_sets", 2, "A1: 2 sets of 10"),
    ("draw-in-manoeuvre", "rest_s", 60, "A1: 1-minute rest"),
    # Bridge: A0 start with 5, work up to 30 per day; A1 hold 5 s, 2x10, 1-minute rest.
    ("bridge", "hold_s", 5, "A1: hold for 5 seconds"),
    ("bridge", "reps", 5, "A0: starting with 5 repetitions"),
    ("bridge", "max_reps", 30, "A0: working up to 30 per day"),
    ("bridge", "rest_s", 60, "A1: 1-minute rest"),
    ("bridge", "frequency", "twice-weekly", "A0 weekly plan / A2: twice a week"),
    # Bird dog: A3 hold 4 s, 10 a side; A1 hold 5 s, 2x10, 1-minute rest.
    ("bird-dog", "hold_s", 4, "A3: hold this position for 4 seconds"),
    ("bird-dog", "max_hold_s", 5, "A1: hold for 5 seconds"),
    ("bird-dog", "reps", 10, "A3: repeat on each side 10 times"),
    ("bird-dog", "max_sets", 2, "A1: 2 sets of 10"),
    ("bird-dog", "rest_s", 60, "A1: 1-minute rest"),
    ("bird-dog", "per_side", True, "A0: switch sides"),
    # Planks: A0 hold 10 to 20 s to start; incline plank to reduce strain.
    ("front-plank", "hold_s", 10, "A0: hold for 10 to 20 seconds"),
    ("front-plank", "max_hold_s", 20, "A0: hold for 10 to 20 seconds"),
    ("front-plank", "easier", "incline-plank", "A0: begin with an incline plank"),
    ("incline-plank", "hold_s", 10, "A0: plank holds of 10 to 20 seconds"),
    ("incline-plank", "max_hold_s", 20, "A0: plank holds of 10 to 20 seconds"),
    ("incline-plank", "harder", "front-plank", "A0: incline plank first"),
    ("side-plank", "hold_s", 10, "A0: hold for 10 to 20 seconds"),
    ("side-plank", "max_hold_s", 20, "A0: hold for 10 to 20 seconds"),
    ("side-plank", "per_side", True, "A0: lower and switch sides"),
    # Partial curls: A1 2x10, 1-minute rest, a moving rep.
    ("partial-curls", "hold_s", 0, "A1: pause then gently uncurl"),
    ("partial-curls", "reps", 10, "A1: 2 sets of 10"),
    ("partial-curls", "max_sets", 2, "A1: 2 sets of 10"),
    # Partial crunch: A3 difficulty Advanced, repeat 8-12 times.
    ("partial-crunch", "level", "advanced", "A3: Difficulty: Advanced"),
    ("partial-crunch", "reps", 8, "A3: repeat 8 - 12 times"),
    ("partial-crunch", "max_reps", 12, "A3: repeat 8 - 12 times"),
    # Superman: A1 hold 3-5 s, 2x10, 1-minute rest; A4 lift just chest and arms if too much.
    ("superman", "hold_s", 3, "A1: hold for 3-5 seconds"),
    ("superman", "max_hold_s", 5, "A1: hold for 3-5 seconds"),
    ("superman", "reps", 10, "A1: 2 sets of 10"),
    ("superman", "max_sets", 2, "A1: 2 sets of 10"),
    ("superman", "easier", "back-extension", "A4: lift just your chest and arms"),
    # Lying lateral leg lifts: A1 2x10, 1-minute rest.
    ("lateral-leg-lifts", "hold_s", 0, "A1: lift the top leg, a moving rep"),
    ("lateral-leg-lifts", "reps", 10, "A1: 2 sets of 10"),
    ("lateral-leg-lifts", "max_sets", 2, "A1: 2 sets of 10"),
    ("lateral-leg-lifts", "per_side", True, "A1: lying on your side"),
    # Back extension (floor): A0 hold 1 to 2 s.
    ("back-extension", "hold_s", 1, "A0: hold for 1 to 2 seconds"),
    ("back-extension", "max_hold_s", 2, "A0: hold for 1 to 2 seconds"),
    ("back-extension", "harder", "back-extension-ball", "A0: a ball increases the challenge"),
    ("back-extension-ball", "easier", "back-extension", "A0: a ball increases the challenge"),
    ("back-extension-ball", "harder", "back-extension-bosu", "A2: BOSU challenges stability"),
    ("back-extension-bosu", "easier", "back-extension-ball", "A2: as on the exercise ball"),
    ("hip-hinge", "harder", "deadlift", "A2: a good prelude to the deadlift"),
    ("deadlift", "easier", "hip-hinge", "A2: a good prelude to the deadlift"),
    # Chair moves: A4.
    ("upper-trunk-rotation", "hold_s", 1, "A4: hold this position for 1 second"),
    ("upper-trunk-rotation", "reps", 10, "A4: repeating this movement 10 times per day"),
    ("upper-trunk-rotation", "per_side", True, "A4: then twist to the other side"),
    ("upper-trunk-rotation", "frequency", "daily", "A4: 10 times per day"),
    ("seated-back-extension", "hold_s", 10, "A4: hold this position for 10 seconds"),
    ("seated-back-extension", "reps", 6, "A4: repeat six times"),
]


@pytest.mark.parametrize(
    ("exercise_id", "key", "expected", "article"),
    DOSAGE_FACTS,
    ids=[f"{row[0]}.{row[1]}" for row in DOSAGE_FACTS],
)
def test_article_dosage(
    exercises: dict[str, dict[str, Any]],
    exercise_id: str,
    key: str,
    expected: object,
    article: str,
) -> None:
    entry = exercises[exercise_id]
    is_ceiling = key.startswith("max_")
    actual = ceiling(entry, key.removeprefix("max_")) if is_ceiling else entry.get(key)
    assert actual == expected, f"{exercise_id}.{key}: {article}"


# Moves no article gives numbers for: the general rule of "9 Great Lower Back Exercises"
# (new to exercise 1-2 sets of 12-16; intermediate or advanced 2-3 sets of 8-12).
GENERAL_RULE = [
    "standing-lumbar-extension",
    "back-extension",
    "back-extension-ball",
    "back-extension-bosu",
    "reverse-hyperextension",
    "good-mornings",
    "hip-hinge",
    "deadlift",
    "kettlebell-swing",
]


@pytest.mark.parametrize("exercise_id", GENERAL_RULE)
def test_general_strength_rule_where_articles_give_no_numbers(
    exercises: dict[str, dict[str, Any]], exercise_id: str
) -> None:
    entry = exercises[exercise_id]
    assert (entry["reps"], entry["sets"]) == (12, 1)
    assert (ceiling(entry, "reps"), ceiling(entry, "sets")) == (16, 3)
    assert any("general rule" in note and A2 in note for note in entry["dosage_notes"])
    assert any("app's default" in note for note in entry["dosage_notes"])


# --------------------------------------------------------------------------- merged entries

# (id, names the other articles use): one entry per move, with every article's name.
ALIASES = [
    ("bridge", {"Glute bridge", "Hip bridge", "Hip raises"}),
    ("bird-dog", {"Quadruped", "Bird-dog pose"}),
    ("back-extension", {"Prone spinal extension"}),
    ("back-extension-ball", {"Swiss ball back extension"}),
    ("back-extension-bosu", {"BOSU prone spinal extension"}),
    ("reverse-hyperextension", {"Stability ball reverse hyperextension"}),
    ("draw-in-manoeuvre", {"Draw-in maneuver", "Abdominal drawing-in maneuver (ADIM)"}),
    ("cat-cow", {"Cat stretch", "Cat-camel"}),
    ("good-mornings", {"Barbell good mornings"}),
    ("hip-hinge", {"Half forward bend"}),
]


@pytest.mark.parametrize(("exercise_id", "names"), ALIASES, ids=[a[0] for a in ALIASES])
def test_other_articles_names_are_aliases(
    exercises: dict[str, dict[str, Any]], exercise_id: str, names: set[str]
) -> None:
    assert names <= set(exercises[exercise_id]["aliases"])


# (id, the articles that describe the move)
MERGED_SOURCES = [
    ("knee-to-chest", {A0, A1}),
    ("lower-back-rotation", {A0, A1}),
    ("cat-cow", {A0, A1}),
    ("pelvic-tilt", {A0, A1}),
    ("bridge", {A0, A1, A2, A4}),
    ("bird-dog", {A0, A1, A2, A3, A4}),
    ("draw-in-manoeuvre", {A1, A4}),
    ("superman", {A1, A2, A4}),
    ("back-extension", {A0, A2}),
    ("reverse-hyperextension", {A0, A2}),
]


@pytest.mark.parametrize(
    ("exercise_id", "titles"), MERGED_SOURCES, ids=[m[0] for m in MERGED_SOURCES]
)
def test_merged_entries_cite_every_article(
    exercises: dict[str, dict[str, Any]], exercise_id: str, titles: set[str]
) -> None:
    assert set(exercises[exercise_id]["sources"]) == titles


def test_every_source_has_its_own_dosage_note(exercises: dict[str, dict[str, Any]]) -> None:
    """Each article an entry cites is quoted with its own numbers (or lack of them)."""
    missing = [
        f"{exercise_id}: {title}"
        for exercise_id, entry in exercises.items()
        for title in entry["sources"]
        if not any(f'"{title}"' in note for note in entry.get("dosage_notes", []))
    ]
    assert missing == []


def test_defaults_are_the_gentler_numbers(exercises: dict[str, dict[str, Any]]) -> None:
    """Everything starts at one set, as "begin by doing one set of each exercise" says."""
    assert {eid for eid, e in exercises.items() if e["sets"] != 1} == set()


# --------------------------------------------------------------------------- sources, kinds


def test_sources_table_lists_the_five_articles(data: dict[str, Any]) -> None:
    assert sorted(data["sources"].values()) == sorted(TITLES)


def test_every_exercise_cites_known_titles(exercises: dict[str, dict[str, Any]]) -> None:
    for exercise_id, entry in exercises.items():
        assert entry["sources"], exercise_id
        assert set(entry["sources"]) <= set(TITLES), exercise_id


def test_every_avoid_and_screening_entry_cites_known_titles(data: dict[str, Any]) -> None:
    for section in ("avoid", "screening"):
        for entry_id, entry in data[section].items():
            assert entry["sources"], f"{section}.{entry_id}"
            assert set(entry["sources"]) <= set(TITLES), f"{section}.{entry_id}"


def test_every_article_exercise_is_in_the_catalogue(exercises: dict[str, dict[str, Any]]) -> None:
    expected = {
        # stretches
        "knee-to-chest",
        "lower-back-rotation",
        "cat-cow",
        "childs-pose",
        "piriformis-stretch",
        "overhead-reach-hip-lift",
        "press-up-back-extension",
        # core and glutes
        "pelvic-tilt",
        "lower-back-flexibility",
        "draw-in-manoeuvre",
        "bridge",
        "bird-dog",
        "incline-plank",
        "front-plank",
        "side-plank",
        "partial-curls",
        "partial-crunch",
        "superman",
        "lateral-leg-lifts",
        # back
        "standing-lumbar-extension",
        "back-extension",
        "back-extension-ball",
        "back-extension-bosu",
        "reverse-hyperextension",
        "good-mornings",
        "hip-hinge",
        "deadlift",
        "kettlebell-swing",
        # chair
        "upper-trunk-rotation",
        "seated-back-extension",
    }
    assert set(exercises) == expected


EQUIPMENT_FACTS = [
    ("back-extension-ball", ["exercise-ball"]),  # A2: Equipment needed: Exercise ball
    ("back-extension-bosu", ["bosu"]),  # A2: BOSU balance trainer
    ("reverse-hyperextension", ["exercise-ball"]),  # A0/A2: stability ball
    ("hip-hinge", ["rod"]),  # A2: Long rod, such as a PVC pipe or wooden stick
    ("deadlift", ["dumbbells|barbell"]),  # A2: set of dumbbells or a barbell
    ("kettlebell-swing", ["kettlebell"]),  # A4
    ("upper-trunk-rotation", ["chair"]),  # A4: all you need is a chair
    ("seated-back-extension", ["chair"]),  # A4: with a chair
    ("good-mornings", []),  # A2: Equipment needed (optional)
    ("back-extension", []),  # A2: Equipment needed: None
    ("bird-dog", []),  # A2: Equipment needed: None
    ("bridge", []),  # A2: Equipment needed: None
]


@pytest.mark.parametrize(
    ("exercise_id", "needed"), EQUIPMENT_FACTS, ids=[e[0] for e in EQUIPMENT_FACTS]
)
def test_equipment_is_what_the_article_says_is_needed(
    exercises: dict[str, dict[str, Any]], exercise_id: str, needed: list[str]
) -> None:
    assert exercises[exercise_id].get("equipment", []) == needed


def test_no_floor_exercise_demands_a_mat(exercises: dict[str, dict[str, Any]]) -> None:
    """No article says a mat is needed, so nothing is left out for lack of one."""
    for exercise_id, entry in exercises.items():
        items = entry.get("equipment", [])
        assert "mat" not in items, exercise_id
        for item in items:
            assert set(item.split("|")) <= set(EQUIPMENT), exercise_id


def test_optional_rod_for_good_mornings_is_a_modification(
    exercises: dict[str, dict[str, Any]],
) -> None:
    assert any("rod" in text for text in exercises["good-mornings"]["modifications"])


# --------------------------------------------------------------------------- screening

SCREENING = [
    # (id, outcome, flag): A0 "talk with your healthcare provider before you start"
    ("bladder-bowel", "urgent", None),
    ("numbness-tingling", "see-clinician", None),
    ("recent-surgery-injury", "see-clinician", None),
    ("disc-history", "see-clinician", "disc"),
    ("severe-pain", "see-clinician", None),  # A0: severe, sudden, or getting worse
    ("back-pain", "caution", None),  # A1-A4: seek medical advice first; start gently
]


def test_screening_asks_every_red_flag_in_order(data: dict[str, Any]) -> None:
    asked = [(qid, q["outcome"], q.get("flag")) for qid, q in data["screening"].items()]
    assert asked == SCREENING


@pytest.mark.parametrize(
    ("question_id", "words"),
    [
        ("bladder-bowel", "bladder or bowel control"),
        ("numbness-tingling", "numbness or tingling"),
        ("recent-surgery-injury", "surgery"),
        ("disc-history", "herniated or bulging disc"),
        ("severe-pain", "severe"),
        ("back-pain", "back pain"),
    ],
)
def test_screening_questions_ask_what_the_article_names(
    data: dict[str, Any], question_id: str, words: str
) -> None:
    question = data["screening"][question_id]
    assert words in question["question"]
    assert question["advice"].strip()


def test_severe_pain_advice_is_the_articles(data: dict[str, Any]) -> None:
    assert "rather than managing it on your own" in data["screening"]["severe-pain"]["advice"]


CRUNCH_LIKE = {"partial-curls", "partial-crunch"}


def test_crunch_like_moves_are_left_out_after_a_disc_history(
    exercises: dict[str, dict[str, Any]],
) -> None:
    """A0: crunches' lumbar flexion "may aggravate herniated or bulging discs"."""
    flagged = {eid for eid, e in exercises.items() if "disc" in e.get("avoid_when", [])}
    assert flagged == CRUNCH_LIKE
    for exercise_id in CRUNCH_LIKE:
        cautions = " ".join(exercises[exercise_id]["cautions"])
        assert "herniated or bulging discs" in cautions
        assert A0 in cautions


# --------------------------------------------------------------------------- avoid list

AVOID = [
    # (id, article words in `why`, instead, sources)
    ("crunches", "lumbar flexion", [], {A0, A1}),
    ("sit-ups", "hip flexors", ["front-plank", "side-plank"], {A0, A1, A3}),
    ("heavy-leg-presses", "bodyweight squats", [], {A0}),
    ("standing-toe-touches", "hamstring stretches", [], {A0, A1, A3}),
    ("high-impact-heavy-lifting", "water aerobics", [], {A0}),
    ("leg-lifts", "until you strengthen your lower back", [], {A3}),
]


@pytest.mark.parametrize(
    ("avoid_id", "words", "instead", "sources"), AVOID, ids=[a[0] for a in AVOID]
)
def test_every_move_the_articles_say_to_avoid_is_listed(
    data: dict[str, Any], avoid_id: str, words: str, instead: list[str], sources: set[str]
) -> None:
    entry = data["avoid"][avoid_id]
    assert words in entry["why"]
    assert entry.get("instead", []) == instead
    assert set(entry["sources"]) == sources


def test_avoid_list_holds_nothing_else(data: dict[str, Any]) -> None:
    assert set(data["avoid"]) == {row[0] for row in AVOID}


def test_no_plan_schedules_an_avoided_move(data: dict[str, Any]) -> None:
    for plan_id, plan in data["plans"].items():
        assert not set(plan["exercises"]) & set(data["avoid"]), plan_id


# --------------------------------------------------------------------------- guidance

GUIDANCE = [
    ("stop", "sharp or radiating pain"),  # A0
    ("stop", "General muscle soreness is normal; increased pain is not."),  # A1
    ("stop", "lasts more than 15 minutes"),  # A3
    ("stop", "talk with a doctor"),  # A4
    ("seek-help", "several weeks"),  # A0
    ("seek-help", "physical therapist"),  # A0
    ("frequency", "twice a week"),  # A0, A2
    ("frequency", "daily gentle stretches"),  # A0
    ("frequency", "walking"),  # A0: most days light activity
    ("progression", "1 to 2 sets of 12 to 16"),  # A0, A2
    ("progression", "2 to 3 sets of 8 to 12"),  # A0, A2
    ("progression", "one set of each exercise"),  # A1
    ("warm-up", "dynamic movements"),  # A4
    ("warm-up", "warm-up"),  # A2
    ("safety", "neutral spine"),  # A0
    ("safety", "seek medical advice before starting"),  # A1
]


@pytest.mark.parametrize(("topic", "words"), GUIDANCE, ids=[f"{t}:{w}" for t, w in GUIDANCE])
def test_guidance_holds_the_articles_rules(data: dict[str, Any], topic: str, words: str) -> None:
    assert any(words in rule for rule in data["guidance"][topic])


# --------------------------------------------------------------------------- plans

PLANS = [
    # (id, frequency, exercises that must be in it)
    (
        "daily-stretches",
        "daily",
        ["knee-to-chest", "lower-back-rotation", "cat-cow", "childs-pose"],
    ),  # A0
    (
        "morning-evening",
        "twice-daily",
        ["knee-to-chest", "lower-back-rotation", "cat-cow"],
    ),  # A0 (Mayo Clinic)
    (
        "core-and-glutes",
        "twice-weekly",
        ["pelvic-tilt", "bridge", "bird-dog", "front-plank", "side-plank"],
    ),  # A0
    ("back-strength", "twice-weekly", ["standing-lumbar-extension", "back-extension"]),  # A0
    ("desk-chair", "daily", ["upper-trunk-rotation", "seated-back-extension"]),  # A4
    (
        "ball-and-bosu",
        "twice-weekly",
        ["back-extension-ball", "back-extension-bosu", "reverse-hyperextension"],
    ),  # A0, A2
    ("hinge-and-weights", "twice-weekly", ["hip-hinge", "deadlift", "kettlebell-swing"]),
]


@pytest.mark.parametrize(("plan_id", "frequency", "includes"), PLANS, ids=[p[0] for p in PLANS])
def test_plans_follow_the_articles_weekly_shape(
    data: dict[str, Any], plan_id: str, frequency: str, includes: list[str]
) -> None:
    plan = data["plans"][plan_id]
    assert plan["frequency"] == frequency
    assert [e for e in plan["exercises"] if e in includes] == includes


def test_twelve_moves_plan_is_the_article_list_in_its_order(data: dict[str, Any]) -> None:
    """A1's twelve exercises, in its order: "begin by doing one set of each exercise"."""
    assert data["plans"]["back-pain-relief"]["exercises"] == [
        "piriformis-stretch",
        "lower-back-rotation",
        "knee-to-chest",
        "cat-cow",
        "press-up-back-extension",
        "draw-in-manoeuvre",
        "bridge",
        "partial-curls",
        "pelvic-tilt",
        "bird-dog",
        "superman",
        "lateral-leg-lifts",
    ]


def estimated_seconds(entry: dict[str, Any]) -> int:
    """The estimate the file documents: get ready, (hold + ~3 s to move) per rep, rests."""
    sides = 2 if entry["per_side"] else 1
    sets, reps, rest_s = (int(entry[k]) for k in ("sets", "reps", "rest_s"))
    positions = entry.get("positions", [{"hold_s": entry.get("hold_s", 0)}])
    hold_s = sum(int(position["hold_s"]) for position in positions)
    after = entry.get("after")
    block = int(after["reps"]) * (int(after["hold_s"]) + 3) if after else 0
    return 5 + sets * (reps * sides * (hold_s + 3) + block) + (sets - 1) * rest_s


def test_plan_minutes_are_honest(data: dict[str, Any]) -> None:
    """Never less than the dosages add up to, and not padded by more than a minute."""
    for plan_id, plan in data["plans"].items():
        seconds = sum(estimated_seconds(data["exercises"][e]) for e in plan["exercises"])
        least = math.ceil(seconds / 60)
        assert least <= plan["minutes"] <= least + 1, (plan_id, seconds)


def test_unscheduled_exercises_are_the_documented_ones(data: dict[str, Any]) -> None:
    """Every exercise is in a plan or a harder/easier step from one, except two on purpose:
    the partial crunch (two articles warn about crunches) and the unnamed A3 stretch."""
    scheduled = {e for plan in data["plans"].values() for e in plan["exercises"]}
    reachable = set(scheduled)
    for exercise_id in scheduled:
        entry = data["exercises"][exercise_id]
        reachable |= {entry[k] for k in ("harder", "easier") if k in entry}
    assert set(data["exercises"]) - reachable == {"partial-crunch", "overhead-reach-hip-lift"}


# --------------------------------------------------------------------------- the loader


def test_bundled_file_loads_and_every_plan_has_exercises() -> None:
    from trainer.core.catalogue.loader import load_catalogue
    from trainer.paths import bundled_catalogue

    catalogue = load_catalogue(bundled_catalogue())
    assert catalogue.plans
    for plan in catalogue.plans.values():
        assert catalogue.plan_exercises(plan), plan.id
    assert len(catalogue.exercises) == 30


def test_package_copy_is_the_top_level_file() -> None:
    """The installed package finds the same catalogue through trainer/exercises.toml."""
    packaged = ROOT / "trainer" / "exercises.toml"
    assert packaged.resolve() == CATALOGUE_FILE.resolve()
