"""The listener's model: assembled from the two registry packages, its digest checked, a damaged
file found and rebuilt (never loaded), and a user's own folder checked for the four files."""

from __future__ import annotations

import pytest

from mathreel.errors import UserError
from mathreel.narration import recogniser
from mathreel.narration.recogniser import (
    BASE_BYTES,
    BASE_SHA256,
    MODEL_FILES,
    ModelDamaged,
    assemble_base,
    file_sha256,
    model_folder,
)


def test_base_assembles_from_the_packages_and_its_digest_checks_out(tmp_path):
    folder = assemble_base(tmp_path / "base")
    assert sorted(p.name for p in folder.iterdir()) == sorted(MODEL_FILES)
    assert (folder / "model.bin").stat().st_size == BASE_BYTES
    assert file_sha256(folder / "model.bin") == BASE_SHA256


def test_a_damaged_model_file_is_found_and_rebuilt_not_loaded(tmp_path, monkeypatch):
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path))
    folder, digest = model_folder()
    model = folder / "model.bin"
    with open(model, "r+b") as handle:  # one flipped byte in the middle of the weights
        handle.seek(BASE_BYTES // 2)
        byte = handle.read(1)
        handle.seek(BASE_BYTES // 2)
        handle.write(bytes([byte[0] ^ 0xFF]))
    assert file_sha256(model) != BASE_SHA256
    again, digest_again = model_folder()
    assert again == folder and digest_again == digest == BASE_SHA256
    assert file_sha256(model) == BASE_SHA256


def test_parts_that_do_not_add_up_are_refused_and_nothing_is_left(tmp_path):
    first, second = tmp_path / "p1", tmp_path / "p2"
    first.mkdir(), second.mkdir()
    (first / "model.bin.part1").write_bytes(b"not whisper")
    (second / "model.bin.part2").write_bytes(b"at all")
    for name in MODEL_FILES[1:]:
        (first / name).write_text("{}")
    with pytest.raises(ModelDamaged, match="expected d01c3014881c9c6f"):
        assemble_base(tmp_path / "out", (first, second))
    assert list((tmp_path / "out").iterdir()) == []


def test_a_user_folder_missing_a_file_is_named(tmp_path, monkeypatch):
    for name in ("model.bin", "config.json", "tokenizer.json"):
        (tmp_path / name).write_text("x")
    monkeypatch.setenv(recogniser.MODEL_ENV, str(tmp_path))
    with pytest.raises(UserError, match=r"missing vocabulary\.txt"):
        model_folder()
    (tmp_path / "vocabulary.txt").write_text("x")
    folder, digest = model_folder()
    assert folder == tmp_path and digest == file_sha256(tmp_path / "model.bin")
