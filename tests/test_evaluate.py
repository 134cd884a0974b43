"""Tests of the scorer: one or more hand-made cases per rule of the gold format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from herodotus.errors import GoldFormatError, InputError
from herodotus.evaluate import (
    EventKey,
    GoldDoc,
    GoldEvent,
    GoldLocation,
    GoldQuote,
    Report,
    load_gold,
    pentaclass_of_root,
    score,
)

# The shared gold files live beside the repository, not inside it.
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


# ------------------------------------------------------------------ helpers


def ev(
    source: str | None = "RUS",
    target: str | None = "UKR",
    cameo: str = "112",
    **kw: Any,
) -> GoldEvent:
    return GoldEvent(source=source, target=target, cameo=cameo, **kw)


def doc(*events: GoldEvent, id: str = "d1", quotes: tuple[GoldQuote, ...] = ()) -> GoldDoc:
    return GoldDoc(id=id, date="2019-04-26", title=None, text="", events=events, quotes=quotes)


def actor(code: str | None, country: str | None = None) -> dict[str, Any]:
    return {"code": code, "country": country, "sector": None, "name": None, "text": ""}


def pred(
    source: str | None = "RUS",
    target: str | None = "UKR",
    cameo: str | None = "112",
    *,
    date: str | None = None,
    precision: str = "day",
    confidence: float = 1.0,
    plover: str | None = None,
    location: dict[str, Any] | None = None,
    source_country: str | None = None,
    target_country: str | None = None,
) -> dict[str, Any]:
    """An Event.to_dict()-shaped record; an actor's country defaults to its code's first 3."""
    return {
        "source": (actor(source, source_country or source[:3]) if source is not None else None),
        "target": (actor(target, target_country or target[:3]) if target is not None else None),
        "cameo": cameo,
        "cameo_root": cameo[:2] if cameo else None,
        "plover": plover,
        "date": date,
        "date_precision": precision if date else "unknown",
        "location": location,
        "confidence": confidence,
    }


def loc(name: str | None, country: str | None) -> dict[str, Any]:
    return {"name": name, "country": country, "lat": None, "lon": None, "admin1": None}


def write_gold(tmp_path: Path, *records: object, raw: str | None = None) -> Path:
    path = tmp_path / "t.gold.jsonl"
    text = raw if raw is not None else "\n".join(json.dumps(r) for r in records) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def gold_record(**over: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "g1",
        "date": "2019-04-26",
        "title": None,
        "text": "Russia accused Ukraine.",
        "events": [
            {
                "source": "RUS",
                "target": "UKR",
                "cameo": "112",
                "alt_cameo": ["111"],
                "plover": "ACCUSE",
                "symmetric": False,
                "date": "2019-04",
                "alt_dates": ["2019-05-01"],
                "location": {"name": "Kyiv", "country": "UKR"},
                "required": True,
                "evidence": "accused",
            }
        ],
        "meta": {"source": "hand-made"},
    }
    record.update(over)
    return record


# ------------------------------------------------------------------ load_gold


def test_load_gold_reads_every_field(tmp_path: Path) -> None:
    quote = {"speaker": "RUS", "speaker_name": "Putin", "text_contains": "x", "via": None}
    path = write_gold(tmp_path, gold_record(quotes=[quote]))
    [d] = load_gold(path)
    assert d.id == "g1" and d.date == "2019-04-26" and d.origin.endswith("t.gold.jsonl:1")
    [e] = d.events
    assert e.source == "RUS" and e.target == "UKR" and e.alt_cameo == ("111",)
    assert e.date == "2019-04" and e.alt_dates == ("2019-05-01",)
    assert e.location == GoldLocation(name="Kyiv", country="UKR")
    assert e.required and not e.symmetric and e.roots == frozenset({"11"})
    assert d.quotes == (GoldQuote(speaker="RUS", text_contains="x", speaker_name="Putin"),)


def test_load_gold_defaults_and_blank_lines(tmp_path: Path) -> None:
    bare = {"id": "b", "date": None, "title": None, "text": "", "events": [{"cameo": "040"}]}
    empty: dict[str, Any] = {"id": "e", "date": None, "title": None, "text": "", "events": []}
    raw = json.dumps(bare) + "\r\n\r\n" + json.dumps(empty) + "\n\n"
    docs = load_gold(write_gold(tmp_path, raw=raw))
    assert [d.id for d in docs] == ["b", "e"]
    e = docs[0].events[0]
    assert e.required and e.source is None and e.alt_cameo == () and e.pentaclass is None
    assert docs[1].events == () and docs[1].origin.endswith(":3")


def test_load_gold_keeps_unicode_line_separators_inside_strings(tmp_path: Path) -> None:
    path = write_gold(
        tmp_path, raw=json.dumps(gold_record(text="a\u2028b\x0cc"), ensure_ascii=False)
    )
    assert load_gold(path)[0].text == "a\u2028b\x0cc"


def test_load_gold_bad_json_names_file_and_line(tmp_path: Path) -> None:
    raw = json.dumps(gold_record()) + "\n{not json\n"
    with pytest.raises(GoldFormatError, match=r"t\.gold\.jsonl:2: not valid JSON"):
        load_gold(write_gold(tmp_path, raw=raw))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": ""}, "'id'"),
        ({"events": None}, "'events'"),
        ({"text": 3}, "'text'"),
        ({"date": "2019-04"}, "publication date"),
        ({"events": [{"cameo": "9x"}]}, "CAMEO"),
        ({"events": [{"cameo": "250"}]}, "CAMEO"),
        ({"events": [{"cameo": "112", "alt_cameo": "111"}]}, "alt_cameo"),
        ({"events": [{"cameo": "112", "date": "2019-13"}]}, "not a real date"),
        ({"events": [{"cameo": "112", "date": "April 2019"}]}, "YYYY"),
        ({"events": [{"cameo": "112", "required": "yes"}]}, "'required'"),
        ({"events": [{"cameo": "112", "location": {"name": "Kyiv"}}]}, "location.country"),
        ({"events": [{"cameo": "112", "pentaclass": 5}]}, "pentaclass"),
        ({"events": [{"cameo": "112", "source": "rus"}]}, "actor code"),
        ({"quotes": [{"speaker": "RUS"}]}, "text_contains"),
    ],
)
def test_load_gold_rejects_bad_records_with_location(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    path = write_gold(tmp_path, gold_record(id="ok"), gold_record(**{"id": "bad", **change}))
    with pytest.raises(GoldFormatError, match=r"t\.gold\.jsonl:2\b") as info:
        load_gold(path)
    assert message in str(info.value)


def test_load_gold_rejects_duplicate_ids_and_non_objects(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match=r":2: duplicate document id 'g1'"):
        load_gold(write_gold(tmp_path, gold_record(), gold_record()))
    with pytest.raises(GoldFormatError, match=r":1: a gold record must be a JSON object"):
        load_gold(write_gold(tmp_path, raw="[1, 2]\n"))
    with pytest.raises(GoldFormatError, match="no documents"):
        load_gold(write_gold(tmp_path, raw="\n\n"))


def test_load_gold_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_gold(tmp_path / "absent.gold.jsonl")


# ------------------------------------------------------------ event matching


def test_perfect_prediction_scores_one() -> None:
    r = score([doc(ev())], {"d1": [pred()]})
    assert (r.matched, r.false_positives, r.predictions, r.gold_required) == (1, 0, 1, 1)
    assert r.event_precision == r.event_recall == r.event_f1 == 1.0


def test_actor_matches_by_code_prefix() -> None:
    gold = [doc(ev(source="RUSGOV"))]
    assert score(gold, {"d1": [pred(source="RUSGOVMIL")]}).matched == 1
    # country RUS alone does not satisfy the longer prefix RUSGOV
    assert score(gold, {"d1": [pred(source="RUSMIL")]}).matched == 0


def test_actor_matches_by_country_when_code_differs() -> None:
    # An organisation-coded actor placed in a country; also an actor with a country only.
    record = pred(source="MILREB", source_country="SYR")
    assert score([doc(ev(source="SYR"))], {"d1": [record]}).matched == 1
    record = pred(source=None)
    record["source"] = actor(None, "SYR")
    assert score([doc(ev(source="SYR"))], {"d1": [record]}).matched == 1


def test_null_gold_actor_matches_any_actor_or_none() -> None:
    gold = [doc(ev(source=None, target=None, cameo="190"))]
    assert score(gold, {"d1": [pred(source="AFG", target="TAL", cameo="190")]}).matched == 1
    assert score(gold, {"d1": [pred(source="AFG", target=None, cameo="193")]}).matched == 1


def test_missing_predicted_target_does_not_match_named_gold_target() -> None:
    r = score([doc(ev())], {"d1": [pred(target=None)]})
    assert (r.matched, r.false_positives, r.event_precision, r.event_recall) == (0, 1, 0.0, 0.0)
    assert r.event_f1 == 0.0


def test_symmetric_gold_accepts_swapped_actors() -> None:
    p = {"d1": [pred(source="UKR", target="RUS", cameo="042")]}
    assert score([doc(ev(cameo="042", symmetric=True))], p).matched == 1
    assert score([doc(ev(cameo="042", symmetric=False))], p).matched == 0


def test_root_matches_cameo_or_any_alt_cameo() -> None:
    gold = [doc(ev(cameo="1054", alt_cameo=("0254", "10")))]
    assert score(gold, {"d1": [pred(cameo="025")]}).matched == 1
    assert score(gold, {"d1": [pred(cameo="100")]}).matched == 1
    assert score(gold, {"d1": [pred(cameo="10")]}).matched == 1
    assert score(gold, {"d1": [pred(cameo="112")]}).matched == 0


def test_prediction_without_cameo_matches_nothing() -> None:
    for cameo in (None, "", "abc"):
        r = score([doc(ev(source=None, target=None))], {"d1": [pred(cameo=cameo)]})
        assert (r.matched, r.false_positives) == (0, 1)


def test_reduction_keeps_most_confident_record_per_key() -> None:
    preds = [
        pred(confidence=0.4, plover="REJECT"),
        pred(source="RUSGOV", confidence=0.9, plover="ACCUSE"),
        pred(cameo="111", confidence=0.5, plover="ACCUSE"),  # same root 11: same key
    ]
    r = score([doc(ev(plover="ACCUSE"))], {"d1": preds})
    assert r.predictions == 1 and r.matched == 1 and r.false_positives == 0
    assert r.plover_accuracy == 1.0  # the 0.9 record, not the first one, was kept


def test_reduction_key_uses_date_at_its_precision() -> None:
    preds = [
        pred(date="2019-02-01", precision="month"),
        pred(date="2019-02-01", precision="month", confidence=0.5),
        pred(date="2019-02-14", precision="day"),
    ]
    r = score([doc()], {"d1": preds})
    assert r.predictions == 2
    keys = {str(k) for k in r.documents[0].false_positives}
    assert keys == {"RUS>UKR 11 2019-02", "RUS>UKR 11 2019-02-14"}


def test_reduction_keeps_organisations_apart() -> None:
    preds = [pred(source="IGOUNO", source_country="", target="SYR", cameo="112")]
    preds.append(pred(source="IGOWSTNAT", source_country="", target="SYR", cameo="112"))
    for p in preds:
        p["source"]["country"] = None
    r = score([doc(ev(source="IGOWSTNAT", target="SYR"))], {"d1": preds})
    assert r.predictions == 2 and r.matched == 1 and r.false_positives == 1


def test_each_prediction_matches_at_most_one_gold_event() -> None:
    gold = [doc(ev(), ev(cameo="111"))]
    r = score(gold, {"d1": [pred()]})
    assert (r.matched, r.gold_required, r.event_recall, r.event_precision) == (1, 2, 0.5, 1.0)
    assert r.documents[0].missed == (1,)


def test_greedy_in_file_order_prefers_candidate_whose_date_agrees() -> None:
    gold = [doc(ev(date="2019-04-25"), ev(date="2019-04-19"))]
    preds = [
        pred(date="2019-04-19", confidence=0.99),
        pred(date="2019-04-25", confidence=0.5),
    ]
    r = score(gold, {"d1": preds})
    assert r.matched == 2 and r.date_accuracy == 1.0
    matched = {m.gold_index: m.key.date for m in r.documents[0].matched}
    assert matched == {0: "2019-04-25", 1: "2019-04-19"}


def test_greedy_without_date_preference_takes_most_confident() -> None:
    gold = [doc(ev(plover="ACCUSE"))]
    preds = [
        pred(date="2019-01-01", plover="REJECT", confidence=0.3),
        pred(date="2019-01-02", plover="ACCUSE", confidence=0.8),
    ]
    r = score(gold, {"d1": preds})
    assert r.plover_accuracy == 1.0 and r.duplicates == 1 and r.false_positives == 0


def test_further_prediction_of_matched_event_is_not_a_false_positive() -> None:
    preds = [pred(date="2019-04-25"), pred(date="2019-04-26", confidence=0.7)]
    r = score([doc(ev(date="2019-04-25"))], {"d1": preds})
    assert (r.matched, r.false_positives, r.duplicates, r.predictions) == (1, 0, 1, 2)
    assert r.event_precision == 1.0
    assert [str(k) for k in r.documents[0].duplicates] == ["RUS>UKR 11 2019-04-26"]


def test_optional_gold_is_neither_hit_nor_false_positive() -> None:
    gold = [doc(ev(), ev(cameo="130", required=False))]
    r = score(gold, {"d1": [pred(), pred(cameo="138"), pred(cameo="190")]})
    assert (r.gold_required, r.matched, r.optional_only, r.false_positives) == (1, 1, 1, 1)
    assert r.event_precision == 0.5 and r.event_recall == 1.0
    # Missing an optional event costs nothing.
    r = score(gold, {"d1": [pred()]})
    assert r.event_recall == 1.0 and r.event_f1 == 1.0


def test_document_without_gold_events_makes_every_prediction_false() -> None:
    r = score([doc(), doc(ev(), id="d2")], {"d1": [pred(), pred(cameo="190")], "d2": [pred()]})
    assert (r.false_positives, r.matched, r.gold_required) == (2, 1, 1)
    assert r.event_precision == pytest.approx(1 / 3)
    assert r.documents[0].false_positives and not r.documents[1].false_positives


# ------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("gold_date", "alt", "p_date", "precision", "right"),
    [
        ("2019-04-25", (), "2019-04-25", "day", True),
        ("2019-04-25", (), "2019-04-24", "day", False),
        ("2019-02", (), "2019-02-27", "day", True),
        ("2019-02", (), "2019-02-01", "month", True),
        ("2019-02", (), "2019-03-01", "day", False),
        ("2019", (), "2019-11-30", "day", True),
        ("2019", (), "2019-01-01", "year", True),
        ("2019", (), "2018-12-31", "day", False),
        ("2019-04-25", ("2019-04-26",), "2019-04-26", "day", True),
        # a month prediction is not a day: "2019-04-01" at month precision is "2019-04"
        ("2019-04-01", (), "2019-04-01", "month", False),
        ("2019-04-25", (), "2019-04-25", "unknown", False),
        ("2019-04-25", (), None, "unknown", False),
    ],
)
def test_date_agreement_to_gold_precision(
    gold_date: str, alt: tuple[str, ...], p_date: str | None, precision: str, right: bool
) -> None:
    gold = [doc(ev(date=gold_date, alt_dates=alt))]
    r = score(gold, {"d1": [pred(date=p_date, precision=precision)]})
    assert r.matched == 1 and r.date_n == 1
    assert r.date_accuracy == (1.0 if right else 0.0)


def test_date_accuracy_skips_gold_without_date_and_unmatched_events() -> None:
    gold = [doc(ev(date=None), ev(cameo="190", date="2019-01-01"))]
    r = score(gold, {"d1": [pred(date="2020-01-01")]})
    assert r.date_n == 0 and r.date_accuracy is None


def test_prediction_without_precision_uses_its_string() -> None:
    record = pred(date="2019-02")
    del record["date_precision"]
    r = score([doc(ev(date="2019-02-03"))], {"d1": [record]})
    assert r.date_accuracy == 0.0
    r = score([doc(ev(date="2019-02"))], {"d1": [record]})
    assert r.date_accuracy == 1.0


# --------------------------------------------------------- location / PLOVER


def test_location_country_and_name_scored_separately() -> None:
    gold = [doc(ev(location=GoldLocation(name="Vladivostok", country="RUS")))]
    cases = [
        (loc("vladivostok", "RUS"), 1.0, 1.0),
        (loc("Russky Island, Vladivostok", "rus"), 1.0, 1.0),  # gold name in predicted
        (loc("Vladivostok", "RUS"), 1.0, 1.0),
        (loc("Vlad", "RUS"), 1.0, 1.0),  # predicted name in gold
        (loc("Moscow", "RUS"), 1.0, 0.0),
        (loc("Vladivostok", "CHN"), 0.0, 1.0),
        (None, 0.0, 0.0),
    ]
    for location, country_acc, name_acc in cases:
        r = score(gold, {"d1": [pred(location=location)]})
        assert r.location_country_n == r.location_name_n == 1
        assert (r.location_country_accuracy, r.location_name_accuracy) == (country_acc, name_acc)


def test_location_name_not_scored_when_gold_name_is_null() -> None:
    gold = [doc(ev(location=GoldLocation(name=None, country="AFG")), ev(cameo="190"))]
    r = score(gold, {"d1": [pred(location=loc("Ghazni", "AFG")), pred(cameo="190")]})
    assert (r.location_country_accuracy, r.location_country_n) == (1.0, 1)
    assert (r.location_name_accuracy, r.location_name_n) == (None, 0)


def test_plover_accuracy_only_on_matched_events_with_gold_type() -> None:
    gold = [
        doc(ev(plover="ACCUSE"), ev(cameo="010", plover=None), ev(cameo="190", plover="ASSAULT"))
    ]
    preds = [pred(plover="accuse"), pred(cameo="010", plover="REJECT")]
    r = score(gold, {"d1": preds})
    assert (r.plover_accuracy, r.plover_n) == (1.0, 1)
    r = score(gold, {"d1": [pred(plover=None)]})
    assert (r.plover_accuracy, r.plover_n) == (0.0, 1)


# ----------------------------------------------------------- root accuracy


def test_root_accuracy_on_documents_with_null_actors() -> None:
    gold = [
        doc(ev(None, None, "190", alt_cameo=("18",)), id="a"),
        doc(ev(None, None, "042"), id="b"),
        doc(ev(None, None, "111"), id="c"),
        doc(ev("RUS", None, "111"), id="named"),  # named actor: not a root-accuracy doc
        doc(id="empty"),  # nothing to get right
    ]
    preds = {
        "a": [pred(cameo="183")],
        "b": [pred(cameo="120"), pred(cameo="043", confidence=0.1)],
        "c": [pred(cameo="120")],
        "named": [pred(cameo="111")],
    }
    r = score(gold, preds)
    assert r.root_accuracy == pytest.approx(2 / 3) and r.root_n == 3
    verdicts = {d.id: d.root_right for d in r.documents}
    assert verdicts == {"a": True, "b": True, "c": False, "named": None, "empty": None}


def test_root_accuracy_needs_every_required_event_and_ignores_optional() -> None:
    events = (ev(None, None, "190"), ev(None, None, "173"), ev(None, None, "042", required=False))
    gold = [doc(*events)]
    assert score(gold, {"d1": [pred(cameo="190")]}).root_accuracy == 0.0
    assert score(gold, {"d1": [pred(cameo="190"), pred(cameo="173")]}).root_accuracy == 1.0
    assert score(gold, {"d1": []}).root_accuracy == 0.0


# ------------------------------------------------------------------ quotes


def test_quote_recall_needs_text_and_speaker() -> None:
    quotes = (
        GoldQuote(speaker="PRK", text_contains="Reached a Critical Point"),
        GoldQuote(speaker="RUS", text_contains="law of the strongest"),
        GoldQuote(speaker=None, text_contains="anyone said this"),
        GoldQuote(speaker="USA", text_contains="bad faith"),
    )
    extracted: list[dict[str, Any]] = [
        {
            "speaker": {"code": "PRKGOV", "country": "PRK", "name": "Kim"},
            "text": "the region has reached a critical point, he said",
        },
        {
            "speaker": {"code": None, "country": "RUS", "name": "Putin"},
            "text": "not the law of the strongest",
        },
        {"speaker": None, "text": "Anyone said this"},
        {"speaker": {"code": "PRK", "country": "PRK", "name": "Kim"}, "text": "in bad faith"},
    ]
    r = score([doc(quotes=quotes)], {}, quotes={"d1": extracted})
    assert (r.quote_recall, r.quote_n) == (0.75, 4)
    assert r.documents[0].quotes_missed == ("bad faith",)


def test_quote_recall_not_scored_without_quotes_but_missing_doc_counts() -> None:
    gold = [doc(quotes=(GoldQuote(speaker="PRK", text_contains="x"),))]
    r = score(gold, {})
    assert (r.quote_recall, r.quote_n) == (None, 0)
    r = score(gold, {}, quotes={})
    assert (r.quote_recall, r.quote_n) == (0.0, 1)


# ---------------------------------------------------------------- PentaClass


@pytest.mark.parametrize(
    ("roots", "klass"),
    [
        (("01", "02"), 0),
        (("03", "04", "05"), 1),
        (("06", "07", "08"), 2),
        (("09", "10", "11", "12", "13", "16"), 3),
        (("14", "15", "17", "18", "19", "20"), 4),
    ],
)
def test_pentaclass_of_root(roots: tuple[str, ...], klass: int) -> None:
    assert {pentaclass_of_root(r) for r in roots} == {klass}


def test_pentaclass_uses_most_confident_event_and_no_event_is_wrong() -> None:
    def pdoc(i: str, klass: int) -> GoldDoc:
        return doc(ev(None, None, "190", pentaclass=klass), id=i)

    gold = [pdoc("a", 4), pdoc("b", 1), pdoc("c", 0), pdoc("d", 3)]
    preds = {
        "a": [pred(cameo="043", confidence=0.2), pred(cameo="193", confidence=0.9)],
        "b": [pred(cameo="190", confidence=0.9), pred(cameo="043", confidence=0.2)],
        "c": [],  # no event: wrong
        "d": [pred(cameo=None, confidence=0.99), pred(cameo="1246", confidence=0.1)],
    }
    r = score(gold, preds)
    assert [d.pentaclass_right for d in r.documents] == [True, False, False, True]
    assert (r.pentaclass_accuracy, r.pentaclass_n) == (0.5, 4)
    assert score([doc(ev())], {"d1": [pred()]}).pentaclass_n == 0


# ------------------------------------------------------- threshold and report


def test_threshold_drops_less_confident_events_first() -> None:
    gold = [doc(ev())]
    preds = {"d1": [pred(confidence=0.3), pred(cameo="190", confidence=0.6)]}
    r = score(gold, preds)
    assert (r.matched, r.false_positives) == (1, 1)
    r = score(gold, preds, threshold=0.5)
    assert (r.matched, r.false_positives, r.predictions, r.threshold) == (0, 1, 1, 0.5)
    r = score(gold, preds, threshold=0.3)  # at the threshold is kept
    assert r.matched == 1


def test_metrics_without_data_are_none_and_rows_say_so() -> None:
    r = score([doc()], {})
    assert r.event_precision is None and r.event_recall is None and r.event_f1 is None
    assert all(
        getattr(r, m) is None
        for m in ("root_accuracy", "plover_accuracy", "date_accuracy", "quote_recall")
    )
    rows = dict(r.as_rows())
    assert rows["event F1"] == "n/a" and rows["date accuracy"] == "n/a (n=0)"


def test_predicting_nothing_has_f1_zero_but_no_precision() -> None:
    r = score([doc(ev())], {"d1": [pred(confidence=0.1)]}, threshold=0.5)
    assert (r.event_precision, r.event_recall, r.event_f1) == (None, 0.0, 0.0)
    assert dict(r.as_rows())["event precision"] == "n/a"


def test_report_to_dict_and_rows() -> None:
    gold = [doc(ev(date="2019-04-25", plover="ACCUSE"))]
    r = score(gold, {"d1": [pred(date="2019-04-25", plover="ACCUSE"), pred(cameo="190")]})
    d = r.to_dict()
    assert d["event_precision"] == 0.5 and d["event_recall"] == 1.0
    assert d["date_accuracy"] == 1.0 and d["date_n"] == 1 and d["quote_n"] == 0
    assert d["location_country_n"] == 0 and "documents" not in d
    json.dumps(r.to_dict(detail=True))  # plain JSON all the way down
    detail = r.to_dict(detail=True)["documents"][0]
    assert detail["false_positives"] == ["RUS>UKR 19 -"]
    rows = dict(r.as_rows())
    assert rows["event precision"] == "0.500" and rows["PLOVER accuracy"] == "1.000 (n=1)"
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in r.as_rows())


def test_document_detail_names_matches_misses_and_false_positives() -> None:
    gold = [doc(ev(), ev(cameo="042", symmetric=True))]
    r = score(gold, {"d1": [pred(), pred(source="UKR", target="USA", cameo="190")]})
    [d] = r.documents
    assert [m.gold_index for m in d.matched] == [0] and d.missed == (1,)
    assert d.matched[0].key == EventKey("RUS", "UKR", "11", None)
    assert d.false_positives == (EventKey("UKR", "USA", "19", None),)


def test_predictions_for_unknown_documents_are_ignored() -> None:
    r = score([doc(ev())], {"d1": [pred()], "elsewhere": [pred(cameo="190")]})
    assert (r.predictions, r.false_positives, r.docs) == (1, 0, 1)


def test_duplicate_gold_ids_are_refused() -> None:
    with pytest.raises(GoldFormatError, match="duplicate"):
        score([doc(), doc()], {})


def test_report_is_frozen() -> None:
    r = score([doc(ev())], {"d1": [pred()]})
    assert isinstance(r, Report)
    with pytest.raises(AttributeError):
        r.matched = 3  # type: ignore[misc]


# ------------------------------------------------------------ shared gold


def _shared_files() -> list[Path]:
    if not SHARED_EVAL.is_dir():
        pytest.skip(f"shared gold files not found at {SHARED_EVAL} (../shared/eval)")
    files = sorted(SHARED_EVAL.glob("*.gold.jsonl"))
    if not files:
        pytest.skip(f"no *.gold.jsonl in {SHARED_EVAL}")
    return files


def test_every_shared_gold_file_loads() -> None:
    for path in _shared_files():
        docs = load_gold(path)
        assert docs, path
        assert all(d.origin.startswith(str(path)) for d in docs)


def _as_prediction(event: GoldEvent) -> dict[str, Any]:
    """A gold event written the way the system writes events."""
    precision = {None: "unknown", 4: "year", 7: "month", 10: "day"}[
        len(event.date) if event.date else None
    ]
    date = None
    if event.date:
        date = (event.date + "-01-01")[:10] if len(event.date) == 4 else (event.date + "-01")[:10]
    location = loc(event.location.name, event.location.country) if event.location else None
    return {
        "source": actor(event.source, event.source) if event.source else None,
        "target": actor(event.target, event.target) if event.target else None,
        "cameo": event.cameo,
        "plover": event.plover,
        "date": date,
        "date_precision": precision,
        "location": location,
        "confidence": 1.0,
    }


def test_seed_gold_scored_against_itself_is_perfect() -> None:
    path = SHARED_EVAL / "seed.gold.jsonl"
    if not path.exists():
        pytest.skip(f"shared seed gold not found at {path} (../shared/eval)")
    gold = load_gold(path)
    predictions = {d.id: [_as_prediction(e) for e in d.events] for d in gold}
    quotes = {
        d.id: [
            {"speaker": actor(q.speaker, q.speaker), "text": f"“{q.text_contains}”"}
            for q in d.quotes
        ]
        for d in gold
    }
    r = score(gold, predictions, quotes=quotes)
    assert r.matched == r.gold_required > 0
    assert r.event_precision == r.event_recall == r.event_f1 == 1.0
    assert r.false_positives == 0
    for metric in ("plover_accuracy", "date_accuracy", "location_country_accuracy"):
        assert getattr(r, metric) in (None, 1.0), metric
    assert r.location_name_accuracy in (None, 1.0)
    if r.quote_n:
        assert r.quote_recall == 1.0
