"""The course content: the real data loads and is complete; every kind of broken file is caught."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kpo_course.content import CLAIM_IDS, DATA_DIR, ContentError, load
from kpo_course.content.schema import Fields

DOMAIN_IDS = [
    "financial_consulting", "research_and_development", "business_operations", "technical_analysis",
    "investments", "legal_services", "healthcare", "data_analysis",
]
DATA_FILES = [
    "glossary.yaml", "domains.yaml", "engagement_models.yaml", "motivations.yaml", "benefits.yaml",
    "risks.yaml", "hidden_costs.yaml", "cases.yaml", "tasks.yaml", "market_estimates.yaml",
    "gsli.yaml", "decision.yaml", "sources.yaml", "course.yaml",
]


# --------------------------------------------------------------------------- the real data
@pytest.fixture(scope="module")
def content():
    return load()


def test_default_load_is_cached_and_a_directory_load_is_fresh(content):
    assert load() is content
    again = load(DATA_DIR)
    assert again is not content
    assert again.glossary == content.glossary


# --------------------------------------------------------------------------- the parsed-content cache
_LOAD_AND_DESCRIBE = (
    "import hashlib, sys\n"
    "from kpo_course.content import load\n"
    "digest = hashlib.sha256(repr(load()).encode()).hexdigest()\n"
    "print(digest, 'yaml' in sys.modules)\n"
)


def _load_in_a_new_process(cache_setting: str) -> tuple[str, bool]:
    env = {**os.environ, "KPO_COURSE_CACHE": cache_setting}
    out = subprocess.run([sys.executable, "-c", _LOAD_AND_DESCRIBE], capture_output=True, text=True,
                         check=True, env=env).stdout.split()
    return out[0], out[1] == "True"


def test_a_second_process_loads_the_same_content_from_the_cache_without_yaml(tmp_path):
    first, parsed = _load_in_a_new_process(str(tmp_path / "cache"))
    second, parsed_again = _load_in_a_new_process(str(tmp_path / "cache"))
    assert parsed and not parsed_again  # the second load never imported PyYAML
    assert first == second  # ... and built exactly the same content


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", b"\x00" * 10])
def test_a_damaged_cache_means_a_fresh_parse_and_a_repaired_cache(tmp_path, damage):
    store = tmp_path / "cache"
    truth, _ = _load_in_a_new_process(str(store))
    (store / "content.marshal").write_bytes(damage)
    digest, parsed = _load_in_a_new_process(str(store))
    assert parsed and digest == truth
    assert _load_in_a_new_process(str(store)) == (truth, False)


def test_no_cache_when_switched_off_or_unwritable(tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    truth, _ = _load_in_a_new_process("off")
    assert _load_in_a_new_process("off") == (truth, True)
    assert _load_in_a_new_process(str(blocker / "cache")) == (truth, True)
    assert blocker.read_text() == "not a folder"


def test_the_cache_is_keyed_on_each_file(tmp_path):
    from kpo_course.content import cache

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    store = tmp_path / "cache"
    cache.write(data, {"glossary.yaml": {"terms": []}}, store=store)
    assert cache.read(data, store=store) == {"glossary.yaml": {"terms": []}}
    assert cache.read(DATA_DIR, store=store) is None  # another folder
    path = data / "glossary.yaml"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1))
    assert cache.read(data, store=store) is None  # a file touched


def test_counts(content):
    assert len(content.glossary) >= 30
    assert [d.id for d in content.domains] == DOMAIN_IDS
    assert len(content.tasks) >= 30
    kpo = sum(t.label == "KPO" for t in content.tasks)
    bpo = sum(t.label == "BPO" for t in content.tasks)
    assert abs(kpo - bpo) <= 4, (kpo, bpo)
    assert len(content.risks) == 5
    assert len(content.hidden_costs) == 4
    assert len(content.sources) >= 20


def test_glossary_has_the_required_terms(content):
    ids = {t.id for t in content.glossary}
    required = {
        "kpo", "bpo", "ito", "lpo", "captive_centre", "third_party", "offshore", "nearshore", "onshore",
        "build_operate_transfer", "subject_matter_expert", "intellectual_property", "nda", "sla",
        "total_cost_of_ownership", "hidden_costs", "wage_arbitrage", "intellectual_arbitrage",
        "core_competence", "transaction_costs", "asset_specificity", "pilot_project", "due_diligence",
        "change_management", "vendor_lock_in", "transition", "knowledge_transfer", "scalability",
        "agility", "competitive_advantage",
    }
    assert required <= ids


def test_domains_are_those_of_s09_with_enough_detail(content):
    for domain in content.domains:
        assert domain.claims == ("S09",)
        assert len(domain.example_tasks) >= 3
        assert domain.deliverables and domain.skills and domain.risks
    with_case = [d for d in content.domains if d.case]
    assert len(with_case) >= 6
    cases = {c.id: c for c in content.cases}
    for domain in with_case:
        assert cases[domain.case].domain == domain.id
        assert not cases[domain.case].teaching_case


def test_cases_cover_every_real_case_with_exact_figures(content):
    cases = {c.id: c for c in content.cases}
    assert {
        "manufacturer_teaching", "jpmorgan_mumbai_research", "reuters_bangalore", "rio_tinto_cpa_global",
        "thomson_reuters_pangea3", "astrazeneca_cognizant", "pfizer_cognizant", "eli_lilly_tcs",
        "ge_capital_bangalore", "american_express_gurgaon", "mckinsey_knowledge_center",
    } <= set(cases)
    teaching = cases["manufacturer_teaching"]
    assert teaching.teaching_case and not teaching.figures and teaching.sources == ("article",)
    assert "S13" in teaching.claims

    def figures(case_id: str) -> set[tuple[float, str]]:
        return {(f.value, f.unit) for f in cases[case_id].figures}

    assert (0.25, "share") in figures("jpmorgan_mumbai_research")
    assert (0.60, "share") in figures("reuters_bangalore")
    assert {(12, "people"), (0.20, "share"), (100_000_000, "USD"), (250, "USD/day"), (7, "times"),
            (1_000_000, "USD")} <= figures("rio_tinto_cpa_global")
    assert {(35_000_000, "USD"), (40_000_000, "USD"), (650, "people"), (7000, "USD/year"),
            (160_000, "USD/year")} <= figures("thomson_reuters_pangea3")
    assert {(47_000_000, "GBP"), (150_000_000, "GBP"), (1000, "people"), (350, "people"), (300, "people"),
            (50, "people"), (50, "tools"), (25, "tools")} <= figures("astrazeneca_cognizant")
    assert cases["ge_capital_bangalore"].year == 1997
    assert cases["mckinsey_knowledge_center"].year == 1998


def test_engagement_models(content):
    models = {m.id: m for m in content.engagement_models}
    assert {"third_party", "captive_subsidiary", "onshore", "nearshore", "offshore",
            "build_operate_transfer", "hybrid"} <= set(models)
    assert {m.dimension for m in models.values()} == {"who", "where", "how"}
    assert "S02" in models["third_party"].claims and "S03" in models["offshore"].claims
    gcc = {f.id: f for f in models["captive_subsidiary"].facts}
    assert gcc["gcc_count_fy2023"].value == 1580 and gcc["gcc_revenue_fy2023"].value == 46e9
    assert all(f.source for m in models.values() for f in m.facts)
    assert models["build_operate_transfer"].facts[0].source == "morgan_lewis_2024"
    assert models["hybrid"].facts[0].source == "kpmg_2008"


def test_motivations_and_benefits_cover_their_claims(content):
    assert {c for m in content.motivations for c in m.claims} >= {"S07", "S08", "S10", "S11", "S12", "S13"}
    assert {c for b in content.benefits for c in b.claims} >= {"S14", "S15", "S16", "S17", "S18"}


def test_risks_and_required_mitigations(content):
    assert [c for r in content.risks for c in r.claims] == ["S19", "S20", "S21", "S22", "S23"]
    assert all(r.illustrative for r in content.risks)
    mitigations = {m.id: m for r in content.risks for m in r.mitigations}
    assert {"nda_and_access_control", "vendor_due_diligence", "sla_and_quality_reviews", "pilot_project",
            "communication_plan", "change_management"} <= set(mitigations)
    nda = mitigations["nda_and_access_control"]
    assert nda.case == "rio_tinto_cpa_global" and "fingerprint" in nda.example["en"]


def test_hidden_costs_and_their_facts(content):
    assert [h.source for h in content.hidden_costs] == ["barthelemy_2001"] * 4
    facts = {f.id: f for f in content.hidden_cost_facts}
    assert facts["barthelemy_failure_share"].value == 0.14
    assert facts["peukert_switching_cost"].source == "peukert_2019"


def test_market_estimates(content):
    rows = {e.id: e for e in content.market_estimates}
    assert {e.kind for e in rows.values()} == {"forecast", "historical"}
    assert {rows["iresearch_360_base_2025"].base_value_usd_bn, rows["iresearch_360_base_2026"].base_value_usd_bn} \
        == {71.66, 83.88}
    assert rows["technavio"].confidence == "weak"
    assert "NOT the KPO market" in rows["mordor_outsourcing_services"].scope["en"]
    assert rows["evalueserve_fy2003"].base_value_usd_bn == 1.2


def test_gsli(content):
    gsli = content.gsli
    assert [d.weight_percent for d in gsli.dimensions] == [35, 25, 25, 15]
    ranks = {(r.year, r.rank): r for r in gsli.ranks}
    assert ranks[(2023, 1)].country == "india" and ranks[(2023, 14)].country == "singapore"
    assert ranks[(2023, 21)].country == "united_arab_emirates"
    assert [ranks[(2023, n)].status for n in range(6, 11)] == ["inferred", "seen", "inferred", "inferred", "inferred"]
    assert [r.rank for r in gsli.ranks if r.year == 2021] == list(range(1, 11))
    scores = {s.id: s for s in gsli.scores}
    assert scores["philippines_2023_scores"].scores["digital_resonance"] is None
    assert scores["vietnam_2011_scores"].total == 5.69


def test_decision_matrix_is_complete_and_illustrative(content):
    decision = content.decision
    assert decision.illustrative
    criteria = [c.id for c in decision.criteria]
    assert criteria == ["cost", "expertise", "control", "ip_risk", "speed", "flexibility", "communication"]
    assert [o.id for o in decision.options] == ["in_house", "onshore_vendor", "offshore_vendor", "captive_centre"]
    for option in decision.options:
        assert all(1 <= decision.scores[option.id][c] <= 5 for c in criteria)


def test_every_source_is_used(content):
    used: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("source",) and isinstance(value, str):
                    used.add(value)
                elif key == "sources" and isinstance(value, list):
                    used.update(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for name in DATA_FILES:
        if name != "sources.yaml":
            walk(yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8")))
    assert {s.id for s in content.sources} - used == set()


def _texts(node: Any, path: str = "") -> list[tuple[str, dict]]:
    """Every {en, sv}-like mapping in a parsed YAML document."""
    found = []
    if isinstance(node, dict):
        if "en" in node or "sv" in node:
            found.append((path, node))
        for key, value in node.items():
            found += _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _texts(item, f"{path}[{i}]")
    return found


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_learner_facing_text_has_english_and_swedish(name):
    texts = _texts(yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8")))
    assert texts, f"{name} has no learner-facing text"
    for path, text in texts:
        assert set(text) == {"en", "sv"}, f"{name}{path}"
        assert all(isinstance(v, str) and v.strip() for v in text.values()), f"{name}{path}"


def test_swedish_is_written_not_copied():
    texts = [t for name in DATA_FILES for _, t in _texts(yaml.safe_load((DATA_DIR / name).read_text("utf-8")))]
    long_texts = [t for t in texts if len(t["en"]) > 40]
    same = [t["en"] for t in long_texts if t["en"] == t["sv"]]
    assert not same, same[:3]


def test_only_known_claim_ids_are_used(content):
    claims = [c for group in (content.glossary, content.domains, content.cases, content.risks,
                              content.motivations, content.benefits, content.engagement_models)
              for entry in group for c in entry.claims]
    assert set(claims) <= set(CLAIM_IDS)


def test_written_quizzes_and_objectives_load_if_present(content):
    folder = DATA_DIR / "quizzes"
    expected = {p.stem[-2:] for p in folder.glob("quiz*.yaml")} if folder.is_dir() else set()
    assert set(content.quizzes) == expected
    ids = [q.id for quiz in content.quizzes.values() for q in quiz.questions]
    assert len(ids) == len(set(ids))


def test_importing_content_does_not_import_pandas_or_widgets():
    code = (
        "import sys, kpo_course.content as c; c.load(); "
        "heavy = [m for m in ('pandas', 'matplotlib', 'ipywidgets', 'numpy') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# --------------------------------------------------------------------------- broken files
QUIZ = {
    "lesson": "01",
    "title": {"en": "Check", "sv": "Kontroll"},
    "questions": [
        {"id": "quiz01.q1", "kind": "single", "claims": ["S01"],
         "prompt": {"en": "Pick one", "sv": "Välj en"}, "hint": {"en": "Think", "sv": "Tänk"},
         "options": [
             {"id": "a", "text": {"en": "A", "sv": "A"}, "correct": True, "feedback": {"en": "Yes", "sv": "Ja"}},
             {"id": "b", "text": {"en": "B", "sv": "B"}, "correct": False, "feedback": {"en": "No", "sv": "Nej"}},
         ]},
        {"id": "quiz01.q2", "kind": "multiple", "claims": ["S02"],
         "prompt": {"en": "Pick some", "sv": "Välj några"}, "hint": {"en": "Think", "sv": "Tänk"},
         "options": [
             {"id": "a", "text": {"en": "A", "sv": "A"}, "correct": True, "feedback": {"en": "Yes", "sv": "Ja"}},
             {"id": "b", "text": {"en": "B", "sv": "B"}, "correct": True, "feedback": {"en": "Yes", "sv": "Ja"}},
             {"id": "c", "text": {"en": "C", "sv": "C"}, "correct": False, "feedback": {"en": "No", "sv": "Nej"}},
         ]},
        {"id": "quiz01.q3", "kind": "truefalse", "claims": ["S05"],
         "prompt": {"en": "KPO is a subset of BPO", "sv": "KPO är en delmängd av BPO"},
         "hint": {"en": "S06", "sv": "S06"}, "answer": True,
         "feedback_true": {"en": "Right", "sv": "Rätt"}, "feedback_false": {"en": "No", "sv": "Nej"}},
        {"id": "quiz01.q4", "kind": "categorise", "claims": ["S06"],
         "prompt": {"en": "Sort", "sv": "Sortera"}, "hint": {"en": "Think", "sv": "Tänk"},
         "groups": [{"id": "kpo", "label": {"en": "KPO", "sv": "KPO"}},
                    {"id": "bpo", "label": {"en": "BPO", "sv": "BPO"}}],
         "items": [{"id": "i1", "text": {"en": "Valuation", "sv": "Värdering"}, "group": "kpo",
                    "feedback": {"en": "Expert work", "sv": "Expertarbete"}}]},
        {"id": "quiz01.q5", "kind": "numeric", "claims": ["S11"],
         "prompt": {"en": "Share?", "sv": "Andel?"}, "hint": {"en": "A quarter", "sv": "En fjärdedel"},
         "answer": 0.25, "tolerance": 0.01, "unit": {"en": "share", "sv": "andel"},
         "feedback_correct": {"en": "Yes", "sv": "Ja"}, "feedback_wrong": {"en": "No", "sv": "Nej"},
         "common_wrong": [{"value": 4, "feedback": {"en": "Inverted", "sv": "Omvänt"}}]},
    ],
}
OBJECTIVES = {"lessons": {"01": [{"id": "01.o1", "text": {"en": "Define KPO", "sv": "Definiera KPO"},
                                  "claims": ["S01"]}]}}


def _dump(path: Path, doc: Any) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the real data with our own small quiz and objectives fixtures."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    shutil.rmtree(target / "quizzes", ignore_errors=True)
    (target / "quizzes").mkdir()
    _dump(target / "quizzes" / "quiz01.yaml", QUIZ)
    _dump(target / "objectives.yaml", OBJECTIVES)
    return target


def edit(directory: Path, name: str, change: Callable[[Any], Any]) -> None:
    """Parse a data file, let ``change`` mutate it in place, write it back."""
    path = directory / name
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    _dump(path, doc)


def error(directory: Path) -> str:
    with pytest.raises(ContentError) as info:
        load(directory)
    return str(info.value)


def entry(doc: dict, key: str, entry_id: str) -> dict:
    return next(e for e in doc[key] if e.get("id") == entry_id)


def test_fixture_copy_loads(data_dir):
    loaded = load(data_dir)
    assert [q.kind for q in loaded.quizzes["01"].questions] == ["single", "multiple", "truefalse", "categorise", "numeric"]
    assert loaded.objectives["01"][0].id == "01.o1"
    assert loaded.quizzes["01"].questions[4].common_wrong[0].value == 4


def test_missing_quizzes_and_objectives_are_fine(data_dir):
    shutil.rmtree(data_dir / "quizzes")
    (data_dir / "objectives.yaml").unlink()
    loaded = load(data_dir)
    assert loaded.quizzes == {} and loaded.objectives == {}


def test_yaml_syntax_error_names_file_and_line(data_dir):
    path = data_dir / "tasks.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = "  - id: [broken"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = error(data_dir)
    assert message.startswith("tasks.yaml")
    assert "invalid YAML at line" in message


def test_key_written_twice_is_a_syntax_problem(data_dir):
    path = data_dir / "sources.yaml"
    text = path.read_text(encoding="utf-8").replace("    confidence: weak\n", "    confidence: weak\n    confidence: seen\n", 1)
    path.write_text(text, encoding="utf-8")
    message = error(data_dir)
    assert "sources.yaml" in message and "written twice" in message and "line" in message


def test_missing_file(data_dir):
    (data_dir / "glossary.yaml").unlink()
    message = error(data_dir)
    assert "glossary.yaml: the file is missing" in message


def test_empty_file(data_dir):
    (data_dir / "benefits.yaml").write_text("# nothing here yet\n", encoding="utf-8")
    assert "benefits.yaml: the file is empty" in error(data_dir)


def test_missing_field(data_dir):
    edit(data_dir, "domains.yaml", lambda d: entry(d, "domains", "healthcare").pop("description"))
    assert "domains.yaml, entry 'healthcare', field 'description': missing" in error(data_dir)


def test_wrong_type_gives_the_documented_message(data_dir):
    def change(doc):
        entry(doc, "risks", "ip_security")["mitigations"][2]["likelihood_reduction"] = "high"

    edit(data_dir, "risks.yaml", change)
    assert ("risks.yaml, entry 'ip_security', field 'mitigations[2].likelihood_reduction': "
            "expected an integer 0–3, got 'high'") in error(data_dir)


def test_number_out_of_range(data_dir):
    edit(data_dir, "risks.yaml", lambda d: entry(d, "risks", "staff_fear").update(impact=9))
    assert "risks.yaml, entry 'staff_fear', field 'impact': expected an integer 1–5, got 9" in error(data_dir)


def test_unknown_claim_id(data_dir):
    edit(data_dir, "benefits.yaml", lambda d: entry(d, "benefits", "agility").update(claims=["S18", "S25"]))
    assert "benefits.yaml, entry 'agility', field 'claims[1]': unknown claim ID 'S25'" in error(data_dir)


def test_missing_swedish_text(data_dir):
    edit(data_dir, "glossary.yaml", lambda d: entry(d, "terms", "sla")["definition"].pop("sv"))
    assert "glossary.yaml, entry 'sla', field 'definition': the Swedish text (sv) is missing" in error(data_dir)


def test_missing_english_text_in_a_list(data_dir):
    edit(data_dir, "domains.yaml", lambda d: entry(d, "domains", "investments")["skills"][1].pop("en"))
    assert "domains.yaml, entry 'investments', field 'skills[1]': the English text (en) is missing" in error(data_dir)


def test_empty_text(data_dir):
    edit(data_dir, "motivations.yaml", lambda d: entry(d, "motivations", "lower_cost_offshore")["name"].update(sv="  "))
    assert "motivations.yaml, entry 'lower_cost_offshore', field 'name': the Swedish text (sv) is empty" in error(data_dir)


def test_plain_string_instead_of_two_languages(data_dir):
    edit(data_dir, "tasks.yaml", lambda d: entry(d, "tasks", "invoice_entry").update(reason="Routine work"))
    message = error(data_dir)
    assert "tasks.yaml, entry 'invoice_entry', field 'reason': expected a text in both languages" in message


def test_unknown_field_is_reported_as_a_typo(data_dir):
    edit(data_dir, "glossary.yaml", lambda d: entry(d, "terms", "kpo").update(defintion={"en": "x", "sv": "y"}))
    assert "glossary.yaml, entry 'kpo', field 'defintion': unknown field" in error(data_dir)


def test_duplicate_id_in_a_file(data_dir):
    def change(doc):
        doc["tasks"][1]["id"] = doc["tasks"][0]["id"]

    edit(data_dir, "tasks.yaml", change)
    assert "tasks.yaml, entry 'credit_risk_model', field 'id': duplicate id 'credit_risk_model'" in error(data_dir)


def test_duplicate_mitigation_id_across_risks(data_dir):
    def change(doc):
        entry(doc, "risks", "staff_fear")["mitigations"][1]["id"] = "pilot_project"

    edit(data_dir, "risks.yaml", change)
    assert "risks.yaml, entry 'staff_fear', field 'mitigations[1].id': duplicate id 'pilot_project'" in error(data_dir)


def test_duplicate_quiz_id_across_quizzes(data_dir):
    second = {**QUIZ, "lesson": "02", "questions": [QUIZ["questions"][0]]}
    _dump(data_dir / "quizzes" / "quiz02.yaml", second)
    message = error(data_dir)
    assert ("quizzes/quiz02.yaml, entry 'quiz01.q1', field 'id': duplicate id 'quiz01.q1' "
            "(already used in quizzes/quiz01.yaml)") in message


def test_unknown_related_term(data_dir):
    edit(data_dir, "glossary.yaml", lambda d: entry(d, "terms", "bpo")["related"].append("kpoo"))
    assert "glossary.yaml, entry 'bpo', field 'related[4]': unknown term 'kpoo'" in error(data_dir)


def test_unknown_domain(data_dir):
    edit(data_dir, "tasks.yaml", lambda d: entry(d, "tasks", "churn_analysis").update(domain="data_science"))
    assert "tasks.yaml, entry 'churn_analysis', field 'domain': unknown domain 'data_science'" in error(data_dir)


def test_unknown_case(data_dir):
    edit(data_dir, "domains.yaml", lambda d: entry(d, "domains", "legal_services").update(case="rio_tinto"))
    assert "domains.yaml, entry 'legal_services', field 'case': unknown case 'rio_tinto' (no entry with that id in cases.yaml)" \
        in error(data_dir)


def test_unknown_source(data_dir):
    def change(doc):
        entry(doc, "cases", "reuters_bangalore")["figures"][0]["support"]["source"] = "guardian"

    edit(data_dir, "cases.yaml", change)
    message = error(data_dir)
    assert "cases.yaml, entry 'reuters_bangalore', field 'figures[0].support.source': unknown source 'guardian'" in message


# --------------------------------------------------------------------------- classification and support
def test_every_case_is_classed_with_reasons_and_supported(content):
    """Each real case states its engagement, its domains (its own domain among them) and its support."""
    for case in content.cases:
        c = case.classification
        assert case.domain in c.ids("domains"), case.id
        assert all(e.why["en"] and e.why["sv"] for facet in ("domains", "motivations", "benefits")
                   for e in getattr(c, facet)), case.id
        if not case.teaching_case:
            assert case.engagement in ("third_party", "captive", "acquisition"), case.id
            assert case.support, case.id
            assert all(f.where and f.states for f in case.figures), case.id
    eli = content.by_id("cases", "eli_lilly_tcs").classification
    assert set(eli.ids("domains")) == {"research_and_development", "healthcare"}
    pangea = content.by_id("cases", "thomson_reuters_pangea3")
    assert (pangea.engagement, pangea.model) == ("acquisition", None)
    assert pangea.classification.ids("motivations") == () and pangea.classification.ids("benefits") == ()
    rio = content.by_id("cases", "rio_tinto_cpa_global").classification
    assert "lower_cost_offshore" in rio.ids("motivations")
    assert "experts_without_training" not in rio.ids("motivations")  # an ongoing programme, not a one-off project


@pytest.mark.parametrize("change, expected", [
    (lambda c: c["classification"]["motivations"].append({"id": "cheap_labour", "why": {"en": "x", "sv": "y"}}),
     "field 'classification.motivations[3].id': unknown motivation 'cheap_labour' (no entry with that id in motivations.yaml)"),
    (lambda c: c["classification"]["benefits"].append({"id": "agility"}),
     "field 'classification.benefits[4].why': missing"),
    (lambda c: c["classification"]["domains"].pop(0),
     "field 'classification.domains': expected at least 1 item(s), got 0"),
    (lambda c: c["classification"].update(domains=[{"id": "healthcare", "why": {"en": "x", "sv": "y"}}]),
     "field 'classification.domains': must include the case's own domain 'legal_services'"),
    (lambda c: c.update(engagement="acquisition"),
     "field 'model': an acquisition is not an engagement model: write model: null, got 'third_party'"),
    (lambda c: c.update(engagement="captive"),
     "field 'model': an engagement 'captive' goes with model 'captive_subsidiary', got 'third_party'"),
    (lambda c: c.update(engagement="outsourced"),
     "field 'engagement': expected one of third_party, captive, acquisition, got 'outsourced'"),
    (lambda c: c.pop("support"), "field 'support': missing (this field is required)"),
    (lambda c: c["support"][0].pop("where"), "field 'support[0].where': missing (this field is required)"),
    (lambda c: c["support"][0].update(source="barthelemy_2001"),
     "field 'support[0].source': 'barthelemy_2001' is not among this case's sources; add it there too"),
    (lambda c: c["figures"][0].pop("support"), "field 'figures[0].support': missing (this field is required)"),
])
def test_broken_classification_or_support_is_named(data_dir, change, expected):
    edit(data_dir, "cases.yaml", lambda doc: change(entry(doc, "cases", "rio_tinto_cpa_global")))
    message = error(data_dir)
    assert "cases.yaml, entry 'rio_tinto_cpa_global', " + expected in message


def test_an_example_case_must_be_classed_under_what_it_illustrates(data_dir):
    edit(data_dir, "benefits.yaml", lambda doc: entry(doc, "benefits", "agility").update(case="rio_tinto_cpa_global"))
    assert ("benefits.yaml, entry 'agility', field 'case': its example case 'rio_tinto_cpa_global' is not "
            "classed under 'agility'") in error(data_dir)


def test_a_task_lists_its_other_defensible_domains_once(content, data_dir):
    assert content.by_id("tasks", "trial_statistics").domains() == ("research_and_development", "healthcare")
    assert content.by_id("tasks", "invoice_entry").domains() == ()

    def change(doc):
        entry(doc, "tasks", "trial_statistics")["also"].append({"id": "research_and_development", "why": {"en": "x", "sv": "y"}})
        entry(doc, "tasks", "invoice_entry")["also"] = [{"id": "healthcare", "why": {"en": "x", "sv": "y"}}]

    edit(data_dir, "tasks.yaml", change)
    message = error(data_dir)
    assert "tasks.yaml, entry 'trial_statistics', field 'also[1].id': is the task's own domain already" in message
    assert "tasks.yaml, entry 'invoice_entry', field 'also': a BPO task has no domain, so no other domains either" in message


def test_a_fact_needs_where_and_what_its_source_states(data_dir):
    edit(data_dir, "hidden_costs.yaml", lambda doc: doc["facts"][0].pop("states"))
    assert "hidden_costs.yaml, entry 'barthelemy_firms_surveyed', field 'states': missing" in error(data_dir)


def test_a_source_address_is_a_full_web_address_and_read_a_date(data_dir):
    def change(doc):
        entry(doc, "sources", "law_com_rio_tinto_2009").update(address="law.com", read="June 2009")

    edit(data_dir, "sources.yaml", change)
    message = error(data_dir)
    assert "entry 'law_com_rio_tinto_2009', field 'address': expected a full web address" in message
    assert "entry 'law_com_rio_tinto_2009', field 'read': expected a date like" in message


def test_unknown_engagement_model(data_dir):
    edit(data_dir, "cases.yaml", lambda d: entry(d, "cases", "eli_lilly_tcs").update(model="vendor"))
    assert "cases.yaml, entry 'eli_lilly_tcs', field 'model': unknown engagement model 'vendor'" in error(data_dir)


def test_teaching_case_may_not_carry_figures(data_dir):
    def change(doc):
        entry(doc, "cases", "manufacturer_teaching")["figures"] = [
            {"label": {"en": "Saving", "sv": "Besparing"}, "value": 0.3, "unit": "share", "source": "article"}]

    edit(data_dir, "cases.yaml", change)
    assert "cases.yaml, entry 'manufacturer_teaching', field 'figures': a teaching case has no figures" in error(data_dir)


def test_gsli_weights_must_add_up_to_100(data_dir):
    edit(data_dir, "gsli.yaml", lambda d: d["dimensions"][0].update(weight_percent=40))
    assert "gsli.yaml, field 'dimensions': the weights must add up to 100, they add up to 105" in error(data_dir)


def test_decision_matrix_must_be_complete(data_dir):
    edit(data_dir, "decision.yaml", lambda d: d["scores"]["in_house"].pop("speed"))
    assert "decision.yaml, entry 'in_house', field 'scores.speed': missing" in error(data_dir)


def test_quiz_question_with_no_correct_option(data_dir):
    def change(doc):
        doc["questions"][0]["options"][0]["correct"] = False

    edit(data_dir, "quizzes/quiz01.yaml", change)
    assert "quizzes/quiz01.yaml, entry 'quiz01.q1', field 'options': no option is marked correct" in error(data_dir)


def test_single_choice_with_two_correct(data_dir):
    edit(data_dir, "quizzes/quiz01.yaml", lambda d: d["questions"][0]["options"][1].update(correct=True))
    assert ("quizzes/quiz01.yaml, entry 'quiz01.q1', field 'options': a single-choice question needs "
            "exactly one correct option, 2 are marked correct") in error(data_dir)


def test_multiple_choice_needs_a_wrong_option(data_dir):
    edit(data_dir, "quizzes/quiz01.yaml", lambda d: d["questions"][1]["options"][2].update(correct=True))
    assert "entry 'quiz01.q2', field 'options': a multiple-choice question needs at least one wrong option" \
        in error(data_dir)


def test_categorise_item_with_unknown_group(data_dir):
    edit(data_dir, "quizzes/quiz01.yaml", lambda d: d["questions"][3]["items"][0].update(group="ito"))
    assert "quizzes/quiz01.yaml, entry 'quiz01.q4', field 'items[0].group': unknown group 'ito'" in error(data_dir)


def test_negative_numeric_tolerance(data_dir):
    edit(data_dir, "quizzes/quiz01.yaml", lambda d: d["questions"][4].update(tolerance=-0.01))
    assert "quizzes/quiz01.yaml, entry 'quiz01.q5', field 'tolerance': the tolerance must be 0 or more" in error(data_dir)


def test_truefalse_answer_must_be_true_or_false(data_dir):
    edit(data_dir, "quizzes/quiz01.yaml", lambda d: d["questions"][2].update(answer="yes please"))
    assert "entry 'quiz01.q3', field 'answer': expected true or false, got 'yes please'" in error(data_dir)


def test_field_of_another_kind_is_flagged(data_dir):
    edit(data_dir, "quizzes/quiz01.yaml", lambda d: d["questions"][2].update(options=[]))
    assert "entry 'quiz01.q3', field 'options': this field is not used by a truefalse question" in error(data_dir)


def test_unknown_question_kind(data_dir):
    edit(data_dir, "quizzes/quiz01.yaml", lambda d: d["questions"][2].update(kind="essay"))
    assert "entry 'quiz01.q3', field 'kind': expected one of single, multiple, truefalse, categorise, numeric" \
        in error(data_dir)


def test_quiz_for_an_unknown_lesson(data_dir):
    quiz = {**QUIZ, "lesson": "42", "questions": []}
    _dump(data_dir / "quizzes" / "quiz42.yaml", quiz)
    message = error(data_dir)
    assert "quizzes/quiz42.yaml, field 'lesson': unknown lesson '42'" in message


def test_quiz_file_and_lesson_must_agree(data_dir):
    edit(data_dir, "quizzes/quiz01.yaml", lambda d: d.update(lesson="02"))
    assert "quizzes/quiz01.yaml, field 'lesson': the file is named for lesson 01 but says lesson '02'" \
        in error(data_dir)


def test_unquoted_lesson_id_in_objectives(data_dir):
    (data_dir / "objectives.yaml").write_text(
        "lessons:\n  01:\n    - {id: '01.o1', text: {en: a, sv: b}, claims: [S01]}\n", encoding="utf-8")
    assert "objectives.yaml, field 'lessons.1': expected a quoted two-digit lesson id" in error(data_dir)


def test_objective_with_unknown_claim(data_dir):
    edit(data_dir, "objectives.yaml", lambda d: d["lessons"]["01"][0].update(claims=["S1"]))
    assert "objectives.yaml, entry '01.o1', field 'claims[0]': unknown claim ID 'S1'" in error(data_dir)


def test_course_exercise_for_an_unknown_lesson(data_dir):
    edit(data_dir, "course.yaml", lambda d: d["exercises"][0].update(lesson="99"))
    assert "course.yaml, entry '00', field 'lesson': unknown lesson '99'" in error(data_dir)


def test_every_problem_is_reported_at_once(data_dir):
    edit(data_dir, "risks.yaml", lambda d: entry(d, "risks", "staff_fear").update(impact=0))
    edit(data_dir, "tasks.yaml", lambda d: entry(d, "tasks", "invoice_entry").update(label="ITO"))
    with pytest.raises(ContentError) as info:
        load(data_dir)
    assert len(info.value.problems) == 2
    assert str(info.value).startswith("2 problems in the course content:")
    assert {p.file for p in info.value.problems} == {"risks.yaml", "tasks.yaml"}


def test_a_data_directory_that_does_not_exist(tmp_path):
    with pytest.raises(ContentError, match="does not exist"):
        load(tmp_path / "nowhere")


# --------------------------------------------------------------------------- properties
text_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.sampled_from(["en", "sv", "de"]), st.one_of(st.text(max_size=4), st.integers()), max_size=3),
)


@given(text_values)
def test_a_text_is_accepted_exactly_when_both_languages_are_non_empty_text(value):
    problems: list = []
    result = Fields(problems, "f.yaml", "'e'", {"t": value}).text("t")
    valid = (isinstance(value, dict) and set(value) == {"en", "sv"}
             and all(isinstance(v, str) and v.strip() for v in value.values()))
    assert (result is not None) == valid
    assert bool(problems) != valid
    assert all(str(p).startswith("f.yaml, entry 'e', field 't': ") for p in problems)


@given(st.one_of(st.integers(-5, 10), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=4),
                 st.booleans(), st.none()))
def test_an_integer_field_accepts_only_integers_in_range(value):
    problems: list = []
    result = Fields(problems, "f.yaml", "'e'", {"n": value}).integer("n", 0, 3)
    valid = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 3
    assert (result == value) if valid else (result is None and len(problems) == 1)


@settings(max_examples=25, deadline=None)
@given(field=st.sampled_from(["name", "description", "example_tasks", "case", "claims", "id", "skills"]),
       value=st.one_of(st.none(), st.integers(), st.text(max_size=6), st.lists(st.integers(), max_size=2),
                       st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)))
def test_any_junk_in_a_field_gives_a_content_error_never_a_crash(tmp_path_factory, field, value):
    directory = tmp_path_factory.mktemp("junk") / "data"
    shutil.copytree(DATA_DIR, directory)
    edit(directory, "domains.yaml", lambda d: d["domains"][3].update({field: value}))
    try:
        load(directory)
    except ContentError as problem:
        assert "domains.yaml" in str(problem)
