"""The loader's contract (SCHEMA.md): a valid file becomes typed, frozen objects; a broken one
raises CatalogueError naming every problem with its file, line, key path and a useful hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.core.catalogue.loader import CatalogueError, Problem, load_catalogue
from trainer.core.catalogue.model import Dosage

MINIMAL = """\
[meta]
schema = 1

[sources]
a1 = "Article One"

[guidance]
stop = ["Stop if it hurts."]

[screening.discs]
question = "Have you had a herniated disc?"
outcome = "caution"
flag = "disc"
advice = "Go gently."

[screening.bladder]
question = "Have you lost bladder control?"
outcome = "urgent"

[exercises.knee-to-chest]
name = "Knee-to-chest stretch"
aliases = ["Knee hug"]
kind = "stretch"
level = "beginner"
position = "lying on your back"
equipment = ["mat"]
targets = ["hips"]
per_side = true
steps = ["Lie down.", "Hug a knee."]
hold_s = 5
reps = 3
sets = 1
rest_s = 30
max_hold_s = 10
frequency = "daily"
avoid_when = ["disc"]
harder = "bridge"
sources = ["Article One"]

[exercises.bridge]
name = "Bridge"
kind = "strength"
level = "intermediate"
position = "lying on your back, knees bent"
equipment = ["mat|bench"]
per_side = false
steps = ["Lift your hips."]
hold_s = 0
reps = 8
sets = 2
rest_s = 60
max_reps = 12
max_sets = 3
frequency = "twice-weekly"
easier = "knee-to-chest"
sources = ["Article One"]

[avoid.sit-ups]
name = "Sit-ups"
why = "They strain the back."
instead = ["bridge"]

[plans.daily]
name = "Daily stretches"
summary = "A short daily stretch."
frequency = "daily"
minutes = 10
exercises = ["knee-to-chest", "bridge"]
"""


def edit(text: str, old: str, new: str) -> str:
    """Replaces a snippet that must occur exactly once, so a test cannot edit the wrong line."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    """The 1-based line holding `needle` (which must occur once)."""
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(lines) == 1, f"{needle!r} is on lines {lines}"
    return lines[0]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "exercises.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_in(tmp_path: Path, text: str) -> list[Problem]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(write(tmp_path, text))
    assert caught.value.problems, "a CatalogueError must carry at least one problem"
    return caught.value.problems


def the_problem(problems: list[Problem], key_path: str) -> Problem:
    found = [p for p in problems if p.key_path == key_path]
    assert len(found) == 1, f"expected one problem at {key_path}, got {problems}"
    return found[0]


# --------------------------------------------------------------------------- valid files


def test_minimal_catalogue_loads_into_typed_values(tmp_path: Path) -> None:
    catalogue = load_catalogue(write(tmp_path, MINIMAL))

    assert catalogue.schema == 1
    assert list(catalogue.exercises) == ["knee-to-chest", "bridge"]
    stretch = catalogue.exercises["knee-to-chest"]
    assert stretch.name == "Knee-to-chest stretch"
    assert stretch.aliases == ("Knee hug",)
    assert stretch.kind == "stretch" and stretch.level == "beginner"
    assert stretch.per_side is True
    assert stretch.steps == ("Lie down.", "Hug a knee.")
    assert stretch.dosage == Dosage(hold_s=5, reps=3, sets=1, rest_s=30)
    assert (stretch.max_hold_s, stretch.max_reps, stretch.max_sets) == (10, 3, 1)
    assert stretch.avoid_when == ("disc",)
    assert stretch.harder == "bridge" and stretch.easier is None
    bridge = catalogue.exercises["bridge"]
    assert bridge.dosage == Dosage(hold_s=0, reps=8, sets=2, rest_s=60)
    assert (bridge.max_hold_s, bridge.max_reps, bridge.max_sets) == (0, 12, 3)
    assert bridge.equipment == ("mat|bench",)
    assert [q.id for q in catalogue.screening] == ["discs", "bladder"]
    assert catalogue.screening[0].flag == "disc"
    assert catalogue.screening[1].flag is None and catalogue.screening[1].advice == ""
    assert catalogue.avoid["sit-ups"].instead == ("bridge",)
    assert catalogue.plans["daily"].exercises == ("knee-to-chest", "bridge")
    assert catalogue.plans["daily"].minutes == 10
    assert catalogue.guidance == {"stop": ("Stop if it hurts.",)}


def test_loaded_catalogue_cannot_be_changed(tmp_path: Path) -> None:
    catalogue = load_catalogue(write(tmp_path, MINIMAL))
    with pytest.raises(TypeError):
        catalogue.exercises["new"] = catalogue.exercises["bridge"]  # type: ignore[index]
    with pytest.raises(TypeError):
        del catalogue.plans["daily"]  # type: ignore[attr-defined]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "exercises.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_catalogue(path).schema == 1


def test_without_a_sources_table_any_source_text_is_accepted(tmp_path: Path) -> None:
    text = edit(MINIMAL, '[sources]\na1 = "Article One"\n', "")
    text = edit(text, 'equipment = ["mat"]\n', 'equipment = ["mat"]\nsources = ["Anything"]\n')
    text = edit(text, 'harder = "bridge"\nsources = ["Article One"]', 'harder = "bridge"')
    assert load_catalogue(write(tmp_path, text)).exercises["knee-to-chest"].sources == ("Anything",)


# --------------------------------------------------------------------------- file problems


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path / "nowhere.toml")
    assert "no file at" in str(caught.value)
    assert str(tmp_path / "nowhere.toml") in str(caught.value)


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path)
    assert "is a folder, not a catalogue file" in str(caught.value)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, MINIMAL)

    def refuse(*args: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("trainer.core.catalogue.loader._read_capped", refuse)  # root reads all
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert caught.value.problems[0].message == "cannot be read: Permission denied"


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "exercises.toml"
    path.write_bytes(MINIMAL.replace("Bridge", "Br\xfccke").encode("latin-1"))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    [problem] = caught.value.problems
    assert problem.line == line_of(MINIMAL, 'name = "Bridge"')
    assert "not UTF-8" in problem.message and "0xfc" in problem.message


def test_toml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    text = edit(MINIMAL, "reps = 8", "reps = 8 8")
    [problem] = problems_in(tmp_path, text)
    assert problem.line == line_of(text, "reps = 8 8")
    assert problem.message.startswith("not valid TOML:")
    assert "column 10" in problem.message


def test_toml_syntax_error_at_end_of_file(tmp_path: Path) -> None:
    text = MINIMAL + 'extra = ["never closed",\n'
    [problem] = problems_in(tmp_path, text)
    assert "end of the file" in problem.message
    assert problem.line == len(text.splitlines())


def test_duplicate_table_is_a_syntax_error(tmp_path: Path) -> None:
    text = MINIMAL + '\n[plans.daily]\nname = "Again"\n'
    [problem] = problems_in(tmp_path, text)
    assert "not valid TOML" in problem.message


# --------------------------------------------------------------------------- schema


def test_missing_meta(tmp_path: Path) -> None:
    problem = the_problem(problems_in(tmp_path, edit(MINIMAL, "[meta]\nschema = 1\n", "")), "meta")
    assert "schema = 1" in problem.message


def test_missing_schema_key(tmp_path: Path) -> None:
    text = edit(MINIMAL, "schema = 1\n", "")
    problem = the_problem(problems_in(tmp_path, text), "meta")
    assert problem.line == 1
    assert 'missing required key "schema"' in problem.message


def test_newer_schema_is_refused_alone(tmp_path: Path) -> None:
    text = edit(MINIMAL, "schema = 1", "schema = 2\nnew_feature = true")
    text = edit(text, "reps = 8", "reps = -8")
    [problem] = problems_in(tmp_path, text)
    assert problem.key_path == "meta.schema"
    assert "schema 2" in problem.message and "upgrade backtrainer" in problem.message


def test_schema_as_text(tmp_path: Path) -> None:
    problem = the_problem(
        problems_in(tmp_path, edit(MINIMAL, "schema = 1", 'schema = "1"')), "meta.schema"
    )
    assert "must be the whole number 1" in problem.message and "text" in problem.message


# --------------------------------------------------------------------------- unknown keys


def test_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    text = edit(MINIMAL, "rest_s = 60", "rest_s = 60\nhodl_s = 3")
    problem = the_problem(problems_in(tmp_path, text), "exercises.bridge.hodl_s")
    assert problem.line == line_of(text, "hodl_s = 3")
    assert problem.message == 'unknown key "hodl_s"; did you mean "hold_s"?'


def test_unknown_key_without_a_close_match_lists_the_allowed_ones(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'why = "They strain the back."', 'why = "x"\ncolour = "red"')
    problem = the_problem(problems_in(tmp_path, text), "avoid.sit-ups.colour")
    assert "allowed here: name, why, instead, sources" in problem.message


def test_unknown_section_suggests_the_closest(tmp_path: Path) -> None:
    text = MINIMAL + '\n[exercise.typo]\nname = "x"\n'
    problem = the_problem(problems_in(tmp_path, text), "exercise")
    assert problem.line == line_of(text, "[exercise.typo]")
    assert 'did you mean "exercises"?' in problem.message


def test_unknown_guidance_topic(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'stop = ["Stop if it hurts."]', 'stopping = ["x"]')
    problem = the_problem(problems_in(tmp_path, text), "guidance.stopping")
    assert 'did you mean "stop"?' in problem.message


# --------------------------------------------------------------------------- wrong types


def test_bool_is_not_a_whole_number(tmp_path: Path) -> None:
    text = edit(MINIMAL, "reps = 8", "reps = true")
    problem = the_problem(problems_in(tmp_path, text), "exercises.bridge.reps")
    assert problem.line == line_of(text, "reps = true")
    assert "must be a whole number from 1 to 100" in problem.message
    assert "true/false" in problem.message


def test_quoted_number_gets_a_hint(tmp_path: Path) -> None:
    text = edit(MINIMAL, "sets = 2", 'sets = "2"')
    problem = the_problem(problems_in(tmp_path, text), "exercises.bridge.sets")
    assert problem.message.endswith("write 2 without quotes")


def test_decimal_is_not_a_whole_number(tmp_path: Path) -> None:
    problem = the_problem(
        problems_in(tmp_path, edit(MINIMAL, "hold_s = 5", "hold_s = 5.5")),
        "exercises.knee-to-chest.hold_s",
    )
    assert "decimal number (5.5)" in problem.message


def test_text_for_a_true_false_value(tmp_path: Path) -> None:
    problem = the_problem(
        problems_in(tmp_path, edit(MINIMAL, "per_side = false", 'per_side = "no"')),
        "exercises.bridge.per_side",
    )
    assert "must be true or false" in problem.message


def test_text_where_a_list_is_needed(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'steps = ["Lift your hips."]', 'steps = "Lift your hips."')
    problem = the_problem(problems_in(tmp_path, text), "exercises.bridge.steps")
    assert problem.line == line_of(text, 'steps = "Lift')
    assert "must be a list of texts" in problem.message


def test_number_where_text_is_needed(tmp_path: Path) -> None:
    problem = the_problem(
        problems_in(tmp_path, edit(MINIMAL, 'name = "Bridge"', "name = 7")),
        "exercises.bridge.name",
    )
    assert problem.message == "must be text in quotes, not a whole number (7)"


def test_list_item_of_the_wrong_type(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'targets = ["hips"]', 'targets = ["hips", 3]')
    problem = the_problem(problems_in(tmp_path, text), "exercises.knee-to-chest.targets")
    assert "item 2 must be text" in problem.message


def test_section_that_is_not_a_table(tmp_path: Path) -> None:
    text = edit(MINIMAL, "[meta]\n", "avoid = 5\n[meta]\n")
    text = edit(
        text,
        '[avoid.sit-ups]\nname = "Sit-ups"\nwhy = "They strain the back."\ninstead = ["bridge"]\n',
        "",
    )
    problem = the_problem(problems_in(tmp_path, text), "avoid")
    assert problem.line == 1
    assert "must be tables written as [avoid.<id>]" in problem.message


def test_unknown_choice_suggests_the_closest(tmp_path: Path) -> None:
    problem = the_problem(
        problems_in(tmp_path, edit(MINIMAL, 'kind = "stretch"', 'kind = "strech"')),
        "exercises.knee-to-chest.kind",
    )
    assert problem.message == (
        'must be one of stretch | stability | strength (got "strech"); did you mean "stretch"?'
    )


def test_id_must_be_lowercase_kebab(tmp_path: Path) -> None:
    text = edit(MINIMAL, "[avoid.sit-ups]", "[avoid.Sit_Ups]")
    problem = the_problem(problems_in(tmp_path, text), "avoid.Sit_Ups")
    assert problem.line == line_of(text, "[avoid.Sit_Ups]")
    assert "lowercase-kebab" in problem.message


def test_missing_required_key_points_at_its_table(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'position = "lying on your back, knees bent"\n', "")
    problem = the_problem(problems_in(tmp_path, text), "exercises.bridge")
    assert problem.line == line_of(text, "[exercises.bridge]")
    assert 'missing required key "position"' in problem.message


def test_empty_steps(tmp_path: Path) -> None:
    problem = the_problem(
        problems_in(tmp_path, edit(MINIMAL, 'steps = ["Lift your hips."]', "steps = []")),
        "exercises.bridge.steps",
    )
    assert "at least one" in problem.message


def test_blank_text(tmp_path: Path) -> None:
    problem = the_problem(
        problems_in(tmp_path, edit(MINIMAL, 'summary = "A short daily stretch."', 'summary = " "')),
        "plans.daily.summary",
    )
    assert problem.message == "must not be empty"


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("old", "new", "key_path", "message"),
    [
        (
            "hold_s = 5",
            "hold_s = -5",
            "exercises.knee-to-chest.hold_s",
            "must be a whole number of seconds from 0 to 600 (got -5)",
        ),
        (
            "hold_s = 5",
            "hold_s = 601",
            "exercises.knee-to-chest.hold_s",
            "must be a whole number of seconds from 0 to 600 (got 601)",
        ),
        (
            "reps = 3",
            "reps = 0",
            "exercises.knee-to-chest.reps",
            "must be a whole number from 1 to 100 (got 0)",
        ),
        (
            "sets = 2",
            "sets = 11",
            "exercises.bridge.sets",
            "must be a whole number from 1 to 10 (got 11)",
        ),
        (
            "rest_s = 30",
            "rest_s = -1",
            "exercises.knee-to-chest.rest_s",
            "must be a whole number of seconds from 0 to 600 (got -1)",
        ),
        (
            "max_reps = 12",
            "max_reps = 101",
            "exercises.bridge.max_reps",
            "must be a whole number from 1 to 100 (got 101)",
        ),
        (
            "minutes = 10",
            "minutes = 0",
            "plans.daily.minutes",
            "must be a whole number of minutes from 1 to 180 (got 0)",
        ),
    ],
)
def test_out_of_range_numbers(
    tmp_path: Path, old: str, new: str, key_path: str, message: str
) -> None:
    text = edit(MINIMAL, old, new)
    problem = the_problem(problems_in(tmp_path, text), key_path)
    assert problem.line == line_of(text, new)
    assert problem.message == message


def test_str_of_a_problem_is_file_line_key_message(tmp_path: Path) -> None:
    text = edit(MINIMAL, "hold_s = 5", "hold_s = -5")
    problem = the_problem(problems_in(tmp_path, text), "exercises.knee-to-chest.hold_s")
    assert str(problem) == (
        f"exercises.toml:{line_of(text, 'hold_s = -5')}: exercises.knee-to-chest.hold_s: "
        "must be a whole number of seconds from 0 to 600 (got -5)"
    )


@pytest.mark.parametrize(
    ("old", "new", "key_path", "words"),
    [
        (
            "max_reps = 12",
            "max_reps = 5",
            "exercises.bridge.max_reps",
            "max_reps = 5 is below reps = 8",
        ),
        (
            "max_sets = 3",
            "max_sets = 1",
            "exercises.bridge.max_sets",
            "max_sets = 1 is below sets = 2",
        ),
        (
            "max_hold_s = 10",
            "max_hold_s = 4",
            "exercises.knee-to-chest.max_hold_s",
            "max_hold_s = 4 is below hold_s = 5",
        ),
        (
            "max_sets = 3",
            "max_sets = 3\nmax_hold_s = 5",
            "exercises.bridge.max_hold_s",
            "must be 0 when hold_s is 0",
        ),
    ],
)
def test_ceiling_below_its_start(
    tmp_path: Path, old: str, new: str, key_path: str, words: str
) -> None:
    text = edit(MINIMAL, old, new)
    problem = the_problem(problems_in(tmp_path, text), key_path)
    assert problem.line == line_of(text, new.splitlines()[-1])
    assert words in problem.message


def test_bad_start_does_not_also_blame_its_ceiling(tmp_path: Path) -> None:
    problems = problems_in(tmp_path, edit(MINIMAL, "reps = 8", "reps = -8"))
    assert [p.key_path for p in problems] == ["exercises.bridge.reps"]


# --------------------------------------------------------------------------- references


def test_plan_names_an_unknown_exercise(tmp_path: Path) -> None:
    text = edit(
        MINIMAL, 'exercises = ["knee-to-chest", "bridge"]', 'exercises = ["knee-to-chest", "brige"]'
    )
    problem = the_problem(problems_in(tmp_path, text), "plans.daily.exercises")
    assert problem.line == line_of(text, '"brige"]')
    assert problem.message == 'no exercise has the id "brige"; did you mean "bridge"?'


def test_plan_schedules_an_avoided_exercise(tmp_path: Path) -> None:
    text = edit(
        MINIMAL,
        'exercises = ["knee-to-chest", "bridge"]',
        'exercises = ["knee-to-chest", "sit-ups"]',
    )
    problem = the_problem(problems_in(tmp_path, text), "plans.daily.exercises")
    assert '"sit-ups" is on the avoid list' in problem.message
    assert "scheduled in a plan" in problem.message


def test_plan_lists_an_exercise_twice(tmp_path: Path) -> None:
    text = edit(
        MINIMAL,
        'exercises = ["knee-to-chest", "bridge"]',
        'exercises = ["bridge", "knee-to-chest", "bridge"]',
    )
    problem = the_problem(problems_in(tmp_path, text), "plans.daily.exercises")
    assert problem.message == '"bridge" is listed more than once'


def test_instead_names_an_unknown_exercise(tmp_path: Path) -> None:
    problem = the_problem(
        problems_in(tmp_path, edit(MINIMAL, 'instead = ["bridge"]', 'instead = ["plank"]')),
        "avoid.sit-ups.instead",
    )
    assert 'no exercise has the id "plank"' in problem.message


@pytest.mark.parametrize(
    ("old", "new", "key_path", "words"),
    [
        (
            'harder = "bridge"',
            'harder = "bridges"',
            "exercises.knee-to-chest.harder",
            'no exercise has the id "bridges"; did you mean "bridge"?',
        ),
        (
            'easier = "knee-to-chest"',
            'easier = "sit-ups"',
            "exercises.bridge.easier",
            "offered as an easier variant",
        ),
        (
            'harder = "bridge"',
            'harder = "knee-to-chest"',
            "exercises.knee-to-chest.harder",
            "names the exercise itself",
        ),
        (
            'easier = "knee-to-chest"',
            'easier = "Knee to chest"',
            "exercises.bridge.easier",
            "lowercase-kebab id",
        ),
    ],
)
def test_variant_references(tmp_path: Path, old: str, new: str, key_path: str, words: str) -> None:
    problem = the_problem(problems_in(tmp_path, edit(MINIMAL, old, new)), key_path)
    assert words in problem.message


def test_avoid_when_names_a_flag_no_question_sets(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'avoid_when = ["disc"]', 'avoid_when = ["discs"]')
    problem = the_problem(problems_in(tmp_path, text), "exercises.knee-to-chest.avoid_when")
    assert problem.line == line_of(text, "avoid_when")
    assert problem.message == ('no screening question sets the flag "discs"; did you mean "disc"?')


def test_avoid_when_lists_the_known_flags(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'avoid_when = ["disc"]', 'avoid_when = ["pregnancy"]')
    problem = the_problem(problems_in(tmp_path, text), "exercises.knee-to-chest.avoid_when")
    assert problem.message.endswith("flags set by screening: disc")


def test_urgent_questions_set_no_flag(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'outcome = "urgent"', 'outcome = "urgent"\nflag = "bladder"')
    problem = the_problem(problems_in(tmp_path, text), "screening.bladder.flag")
    assert "only caution and see-clinician" in problem.message


def test_source_that_is_not_a_listed_title(tmp_path: Path) -> None:
    text = edit(
        MINIMAL,
        'easier = "knee-to-chest"\nsources = ["Article One"]',
        'easier = "knee-to-chest"\nsources = ["Article 1"]',
    )
    problem = the_problem(problems_in(tmp_path, text), "exercises.bridge.sources")
    assert problem.message == (
        '"Article 1" is not a title listed in [sources]; did you mean "Article One"?'
    )


def test_source_written_as_its_id(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'instead = ["bridge"]', 'instead = ["bridge"]\nsources = ["a1"]')
    problem = the_problem(problems_in(tmp_path, text), "avoid.sit-ups.sources")
    assert 'write the title "Article One", not its id' in problem.message


def test_equipment_outside_the_vocabulary(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'equipment = ["mat|bench"]', 'equipment = ["mat|benhc"]')
    problem = the_problem(problems_in(tmp_path, text), "exercises.bridge.equipment")
    assert problem.message == 'item 1: unknown equipment "benhc"; did you mean "bench"?'


# --------------------------------------------------------------------------- duplicates


def test_exercise_names_are_unique_ignoring_case(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'name = "Bridge"', 'name = "knee-to-chest  STRETCH"')
    problem = the_problem(problems_in(tmp_path, text), "exercises.bridge.name")
    assert "already used by exercises.knee-to-chest.name" in problem.message


def test_an_alias_clashes_with_another_exercise_name(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'name = "Bridge"', 'name = "Bridge"\naliases = ["knee hug"]')
    problem = the_problem(problems_in(tmp_path, text), "exercises.bridge.aliases")
    assert "already used by exercises.knee-to-chest.aliases" in problem.message


def test_plan_names_are_unique(tmp_path: Path) -> None:
    text = MINIMAL + (
        '\n[plans.again]\nname = "DAILY stretches"\nsummary = "s"\nfrequency = "daily"\n'
        'minutes = 5\nexercises = ["bridge"]\n'
    )
    problem = the_problem(problems_in(tmp_path, text), "plans.again.name")
    assert problem.line == line_of(text, 'name = "DAILY stretches"')
    assert "already used by plans.daily.name" in problem.message


def test_an_avoided_move_cannot_share_an_exercise_name(tmp_path: Path) -> None:
    text = edit(MINIMAL, 'name = "Sit-ups"', 'name = "Bridge"')
    problem = the_problem(problems_in(tmp_path, text), "avoid.sit-ups.name")
    assert "already used by exercises.bridge.name" in problem.message


def test_an_id_cannot_be_both_exercise_and_avoided(tmp_path: Path) -> None:
    text = edit(MINIMAL, "[avoid.sit-ups]", "[avoid.bridge]")
    text = edit(text, 'name = "Sit-ups"', 'name = "Sit-ups"')
    problem = the_problem(problems_in(tmp_path, text), "avoid.bridge")
    assert "both an exercise and on the avoid list" in problem.message


# --------------------------------------------------------------------------- emptiness


def test_no_exercises_and_no_plans(tmp_path: Path) -> None:
    text = "[meta]\nschema = 1\n"
    problems = problems_in(tmp_path, text)
    assert {p.key_path for p in problems} == {"exercises", "plans"}
    assert all("add at least one" in p.message for p in problems)


def test_empty_file(tmp_path: Path) -> None:
    problems = problems_in(tmp_path, "")
    assert {p.key_path for p in problems} == {"meta", "exercises", "plans"}


def test_empty_exercises_table(tmp_path: Path) -> None:
    text = "[meta]\nschema = 1\n[exercises]\n[plans]\n"
    problems = problems_in(tmp_path, text)
    assert the_problem(problems, "exercises").line == line_of(text, "[exercises]")


# --------------------------------------------------------------------------- all at once


def test_every_problem_is_reported_in_one_pass(tmp_path: Path) -> None:
    text = MINIMAL
    for old, new in [
        ("hold_s = 5", "hold_s = -5"),
        ('kind = "strength"', 'kind = "power"'),
        ("rest_s = 60", "rest_s = 60\nhodl_s = 3"),
        ('instead = ["bridge"]', 'instead = ["plank"]'),
        ('name = "Daily stretches"', "name = 3"),
    ]:
        text = edit(text, old, new)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(write(tmp_path, text))
    error = caught.value
    assert [p.key_path for p in error.problems] == [
        "exercises.knee-to-chest.hold_s",
        "exercises.bridge.kind",
        "exercises.bridge.hodl_s",
        "avoid.sit-ups.instead",
        "plans.daily.name",
    ]
    lines = str(error).splitlines()
    assert lines[0] == f"5 problems in the catalogue {tmp_path / 'exercises.toml'}:"
    assert lines[1:] == [f"  {p}" for p in error.problems]
    assert [p.line for p in error.problems] == sorted(p.line or 0 for p in error.problems)


def test_one_problem_is_singular(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(write(tmp_path, edit(MINIMAL, "reps = 3", "reps = 0")))
    assert str(caught.value).splitlines()[0].startswith("1 problem in the catalogue")


# --------------------------------------------------------------------------- positions, after

WITH_POSITIONS = edit(
    edit(
        MINIMAL,
        "hold_s = 5\nreps = 3\nsets = 1\nrest_s = 30\nmax_hold_s = 10\n",
        'positions = [\n    { cue = "Lower back lifted", hold_s = 5, max_hold_s = 8 },\n'
        '    { cue = "Back flat", hold_s = 5 },\n]\nreps = 3\nsets = 1\nrest_s = 30\n',
    ),
    'sources = ["Article One"]\n\n[exercises.bridge]',
    'sources = ["Article One"]\n\n[exercises.knee-to-chest.after]\ncue = "Both knees together"\n'
    "reps = 2\nhold_s = 5\nmax_reps = 3\n\n[exercises.bridge]",
)


def test_positions_and_an_after_block_load_typed(tmp_path: Path) -> None:
    stretch = load_catalogue(write(tmp_path, WITH_POSITIONS)).exercises["knee-to-chest"]
    assert [(p.cue, p.hold_s, p.max_hold_s) for p in stretch.positions] == [
        ("Lower back lifted", 5, 8),
        ("Back flat", 5, 5),
    ]
    # The rep's hold is the positions' together, and so is its ceiling.
    assert (stretch.dosage.hold_s, stretch.max_hold_s) == (10, 13)
    assert stretch.after is not None
    block = stretch.after
    assert (block.cue, block.reps, block.hold_s, block.max_reps, block.max_hold_s) == (
        "Both knees together",
        2,
        5,
        3,
        5,
    )
    assert load_catalogue(write(tmp_path, MINIMAL)).exercises["bridge"].positions == ()


def test_the_bundled_moves_made_of_positions_load() -> None:
    from trainer.paths import bundled_catalogue

    exercises = load_catalogue(bundled_catalogue()).exercises
    assert [p.cue for p in exercises["lower-back-flexibility"].positions] == [
        "Lower back lifted",
        "Back flat",
    ]
    knee = exercises["knee-to-chest"].after
    assert knee is not None and (knee.cue, knee.reps, knee.max_reps) == (
        "Both knees together",
        2,
        3,
    )


def test_positions_leave_the_rep_hold_out(tmp_path: Path) -> None:
    text = edit(
        WITH_POSITIONS,
        "reps = 3\nsets = 1\nrest_s = 30\n",
        "hold_s = 10\nreps = 3\nsets = 1\nrest_s = 30\n",
    )
    problem = the_problem(problems_in(tmp_path, text), "exercises.knee-to-chest.hold_s")
    assert "leave hold_s out when positions are given" in problem.message
    assert problem.line == line_of(text, "hold_s = 10")


@pytest.mark.parametrize(
    ("positions", "key_path", "words"),
    [
        (
            '[{ cue = "Only one", hold_s = 5 }]',
            "exercises.knee-to-chest.positions",
            "must list from 2 to 6 positions (got 1)",
        ),
        ('"lifted, then flat"', "exercises.knee-to-chest.positions", "must be a list of tables"),
        (
            '[{ cue = "Up", hold_s = 5 }, { cue = "Down", hold_s = 0 }]',
            "exercises.knee-to-chest.positions",
            "either every position is held",
        ),
        (
            '[{ cue = "Up", hold_s = 5 }, { cue = "Down", hold = 5 }]',
            "exercises.knee-to-chest.positions.2.hold",
            'did you mean "hold_s"?',
        ),
        (
            '[{ cue = "Up", hold_s = 5 }, { cue = "", hold_s = 5 }]',
            "exercises.knee-to-chest.positions.2.cue",
            "must not be empty",
        ),
        (
            '[{ cue = "Up", hold_s = 5, max_hold_s = 3 }, { cue = "Down", hold_s = 5 }]',
            "exercises.knee-to-chest.positions.1.max_hold_s",
            "is below hold_s = 5",
        ),
        (
            '[{ cue = "Up", hold_s = 0, max_hold_s = 3 }, { cue = "Down", hold_s = 0 }]',
            "exercises.knee-to-chest.positions.1.max_hold_s",
            "must be 0 when hold_s is 0",
        ),
        (
            '[{ cue = "Up", hold_s = 400 }, { cue = "Down", hold_s = 400 }]',
            "exercises.knee-to-chest.positions",
            "add up to 800 s",
        ),
    ],
)
def test_bad_positions_are_named_clearly(
    tmp_path: Path, positions: str, key_path: str, words: str
) -> None:
    text = edit(
        MINIMAL,
        "hold_s = 5\nreps = 3\nsets = 1\nrest_s = 30\nmax_hold_s = 10\n",
        f"positions = {positions}\nreps = 3\nsets = 1\nrest_s = 30\n",
    )
    problem = the_problem(problems_in(tmp_path, text), key_path)
    assert words in problem.message
    assert problem.line == line_of(text, "positions =")


def test_an_after_block_needs_sides(tmp_path: Path) -> None:
    text = edit(WITH_POSITIONS, "per_side = true", "per_side = false")
    problem = the_problem(problems_in(tmp_path, text), "exercises.knee-to-chest.after")
    assert "needs per_side = true" in problem.message
    assert problem.line == line_of(text, "[exercises.knee-to-chest.after]")


@pytest.mark.parametrize(
    ("old", "new", "key_path", "words"),
    [
        (
            "max_reps = 3\n",
            "max_reps = 1\n",
            "exercises.knee-to-chest.after.max_reps",
            "max_reps = 1 is below reps = 2",
        ),
        (
            'cue = "Both knees together"\n',
            "",
            "exercises.knee-to-chest.after",
            'missing required key "cue"',
        ),
        (
            "hold_s = 5\nmax_reps",
            'hold_s = "5"\nmax_reps',
            "exercises.knee-to-chest.after.hold_s",
            "write 5 without quotes",
        ),
        (
            "max_reps = 3\n",
            "max_rep = 3\n",
            "exercises.knee-to-chest.after.max_rep",
            'did you mean "max_reps"?',
        ),
    ],
)
def test_bad_after_blocks_are_named_clearly(
    tmp_path: Path, old: str, new: str, key_path: str, words: str
) -> None:
    text = edit(WITH_POSITIONS, old, new)
    assert words in the_problem(problems_in(tmp_path, text), key_path).message
