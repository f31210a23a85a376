"""``pctstats validate``: the record set's own health, apart from the publications' findings."""

from __future__ import annotations

import codecs

from pctstats.cli import main


def test_shipped_record_set_validates_although_check_strict_fails(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "well formed and consistent" in out and "sources" in out
    assert main(["check", "--strict", "--format", "csv"]) == 1  # the publications' findings
    capsys.readouterr()


def test_a_broken_copy_lists_every_problem_and_exits_1(capsys, set_cell, data_copy):
    set_cell("estimates.csv", "bird2011-4weeks", "sex", "male")
    set_cell("claims.csv", "H", "value_text", "about 7.5%")
    assert main(["validate", "--data", str(data_copy)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "sex_not_in_sample" in captured.err and "quote_lacks_value" in captured.err
    assert "Traceback" not in captured.err


def test_files_saved_by_excel_validate(capsys, data_copy):
    for path in data_copy.glob("*.csv"):
        path.write_bytes(codecs.BOM_UTF8 + path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["validate", "--data", str(data_copy)]) == 0
    capsys.readouterr()


def test_a_file_that_is_not_utf8_is_one_line_of_advice(capsys, data_copy):
    path = data_copy / "claims.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    assert main(["validate", "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "claims.csv: is not UTF-8" in err and "save the file as UTF-8" in err


def test_a_folder_without_a_record_set_is_a_clear_error(capsys, tmp_path):
    assert main(["validate", "--data", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no datapackage.json" in err


def test_the_users_whole_record_set_is_well_formed_and_consistent(capsys):
    """The suite reads the pinned records; ``validate`` answers for every record in data/."""
    from pctstats.cli import main
    from tests.conftest import USER_DATA

    assert main(["validate", "--data", str(USER_DATA)]) == 0, capsys.readouterr().err
