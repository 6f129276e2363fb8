"""The subjects' table: a column for each fact some subject gives, in a fixed order, then
the subjects' own facts. The protected characteristics' table: a row for each subject that
has any, a column for each characteristic some subject has, in the Equality Act's order."""
from casereview.commands.check import check
from casereview.model import ReviewInfo
from casereview.render import render
from casereview.subjects import characteristics_table, table
from conftest import ROOT


def info(subjects) -> ReviewInfo:
    return ReviewInfo.model_validate({
        "type": "dhr", "subjects": subjects, "partnership": "Testshire Community Safety "
        "Partnership", "version": "1", "lead_reviewer": {"role": "Independent Chair"}})


def test_a_subject_named_only_gives_a_table_of_names():
    assert table(info(["Ann", "Bo"])) == (["Subject"], [["Ann"], ["Bo"]])


def test_death_and_inquest_are_spoken_and_each_subjects_facts_add_columns():
    headers, rows = table(info([
        {"name": "Ann", "role": "victim", "age": "40-49", "date_of_death": "2023-03-04",
         "inquest": "Unlawful killing", "facts": {"Occupation": "Nurse"}},
        {"name": "Bo", "role": "perpetrator", "age": 52, "facts": {"Convicted": "Murder"}}]))
    assert headers == ["Subject", "Role", "Age", "Date of death", "Inquest", "Occupation",
                       "Convicted"]
    assert rows == [["Ann", "Victim", "40-49", "4 March 2023", "Unlawful killing", "Nurse", ""],
                    ["Bo", "Perpetrator", "52", "", "", "", "Murder"]]


def test_characteristics_in_the_acts_order_whatever_their_spelling_and_role_by_default():
    headers, rows = characteristics_table(info([
        {"name": "Ann", "protected_characteristics": {"Sex": "Female",
                                                      "religion_or_belief": "Muslim"}},
        {"name": "Bo", "role": "perpetrator", "protected_characteristics": {
            "sex": "Male", "sexual-orientation": "Heterosexual", "age": "52"}},
        {"name": "Cy", "role": "other", "age": "60"}]))
    assert headers == ["Subject", "Role", "Age", "Religion or belief", "Sex", "Sexual orientation"]
    assert rows == [["Ann", "Victim", "", "Muslim", "Female", ""],      # a DHR's default role
                    ["Bo", "Perpetrator", "52", "", "Male", "Heterosexual"]]


def test_a_characteristic_the_act_does_not_name_comes_last():
    headers, rows = characteristics_table(info([
        {"name": "Ann", "protected_characteristics": {"class": "Working", "race": "Black British"}}]))
    assert (headers, rows) == (["Subject", "Role", "Race", "Class"],
                               [["Ann", "Victim", "Black British", "Working"]])


def test_no_subject_with_any_characteristic_gives_no_rows():
    assert characteristics_table(info(["Ann", "Bo"])) == (["Subject", "Role"], [])


def test_the_dhr_examples_equality_section_ends_with_the_table():
    dhr = ROOT / "examples" / "dhr"
    markdown = render(check(dhr).review, dhr).markdown
    section = markdown.split("# 5. Equality and diversity")[1].split("\n# ")[0]
    assert section.strip().endswith(
        "| Subject | Role | Disability | Sex |\n"
        "|:-------|:----|:----------|:---|\n"
        "| Ella | Victim | Depression and anxiety, treated by her GP | Female |\n"
        "| Lewis | Perpetrator |  | Male |")
