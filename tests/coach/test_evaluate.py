"""How a labelled file's role divides it into a tuning part and a held-out part."""

import pytest

from unruffled.coach.evaluate import parts

ITEM = '  - {{id: x{0}, reply: "Sorry about that.", has: [apology]}}\n'


def _write(tmp_path, role_line, n=10):
    path = tmp_path / "set.yaml"
    path.write_text(role_line + "items:\n" + "".join(ITEM.format(i) for i in range(n)), encoding="utf-8")
    return path


def test_file_without_role_holds_out_its_last_fifth(tmp_path):
    tune, held = parts(_write(tmp_path, ""))
    assert [i["id"] for i in held] == ["x8", "x9"]
    assert len(tune) == 8


def test_tuning_file_holds_nothing_out(tmp_path):
    tune, held = parts(_write(tmp_path, "role: tuning\n"))
    assert (len(tune), held) == (10, [])


def test_held_out_file_gives_nothing_to_tune_on(tmp_path):
    tune, held = parts(_write(tmp_path, "role: held_out\n"))
    assert (tune, len(held)) == ([], 10)


def test_unknown_role_is_refused_with_the_file_named(tmp_path):
    path = _write(tmp_path, "role: test\n")
    with pytest.raises(ValueError, match=r"set\.yaml: role must be one of split, tuning, held_out, not 'test'"):
        parts(path)
