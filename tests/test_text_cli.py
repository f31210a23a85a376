"""pctstats audit: files, folders, formats (html highlights claims), jobs, progress, bad files."""

from __future__ import annotations

import io
import json

import dask.bag
import pandas as pd

from pctstats.cli import main
from pctstats.text.batch import audit_records

ARTICLE = (
    "The QUT survey of 1,208 men was published in 2018.\n\n"
    "Forty-one percent reported PCD in their lifetime; between 3% and 4% had it on a regular "
    "basis.\n"
)


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_has_every_column_and_the_traced_estimates(tmp_path, capsys):
    path = write(tmp_path, "men.txt", ARTICLE)
    assert main(["audit", str(path), "--format", "csv", "--quiet"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert table["estimate_id"].tolist() == ["maczkowiack2019-lifetime", "maczkowiack2019-regular"]
    assert table["value_text"].tolist() == ["Forty-one percent", "between 3% and 4%"]
    assert {"file", "start", "end", "candidates", "message"} <= set(table.columns)


def test_html_shows_the_text_with_each_claim_highlighted(tmp_path, capsys):
    path = write(tmp_path, "men.txt", ARTICLE)
    assert main(["audit", str(path), "--format", "html", "--quiet"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>")
    assert '<mark class="verdict-accurate" id="a1-1"' in page
    assert ">Forty-one percent</mark>" in page and ">between 3% and 4%</mark>" in page


def test_a_folder_over_two_jobs_with_a_progress_bar(tmp_path, capsys):
    for i in range(3):
        write(tmp_path, f"a{i}.md", ARTICLE)
    write(tmp_path, "page.html", "<html><body><p>Nearly half of women felt it.</p></body></html>")
    write(tmp_path, "image.png", "not an article")
    assert main(["audit", str(tmp_path), "--jobs", "2", "--format", "json"]) == 0
    captured = capsys.readouterr()
    records = json.loads(captured.out)
    assert sorted({r["file"] for r in records}) == ["a0.md", "a1.md", "a2.md", "page.html"]
    assert "4/4" in captured.err and "audit" in captured.err


def test_bad_files_are_named_and_the_others_still_audited(tmp_path, capsys):
    good = write(tmp_path, "good.txt", ARTICLE)
    empty = write(tmp_path, "empty.txt", "")
    assert main(["audit", str(empty), str(good), "--quiet", "--format", "csv"]) == 1
    captured = capsys.readouterr()
    assert f"pctstats audit: error: {empty}: is empty" in captured.err
    assert "Traceback" not in captured.err
    assert "maczkowiack2019-lifetime" in captured.out
    assert main(["audit", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt: cannot be read: no such file or folder" in capsys.readouterr().err


def test_a_text_without_claims_says_so(tmp_path, capsys):
    path = write(tmp_path, "none.txt", "The men were aged between 18 and 81 years.")
    assert main(["audit", str(path)]) == 0
    assert "none.txt: no numeric prevalence claim found in the text" in capsys.readouterr().err


def test_dask_bag_recipe_on_the_local_scheduler(tmp_path):
    paths = [str(write(tmp_path, f"a{i}.txt", ARTICLE)) for i in range(3)]
    paths.append(str(tmp_path / "missing.txt"))
    bag = dask.bag.from_sequence(paths, npartitions=2).map(audit_records).flatten()
    records = bag.compute(scheduler="processes", num_workers=2)
    frame = pd.DataFrame(records)
    assert frame.groupby("file")["estimate_id"].count().tolist() == [2, 2, 2, 0]
    assert frame.loc[frame["file"].str.endswith("missing.txt"), "error"].tolist() == [
        "cannot be read: no such file"
    ]
