"""The subjects' table: a column for each fact some subject gives, in a fixed order, then
the subjects' own facts."""
from casereview.model import ReviewInfo
from casereview.subjects import table


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
