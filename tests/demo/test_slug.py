"""The slug rule that names model package groups."""

from __future__ import annotations

import pytest

from jupyter_dsws.slug import MAX_LENGTH, VALID_NAME, slugify


@pytest.mark.parametrize(("feature", "slug"), [
    ("Sorting Hat algorithm", "sorting-hat-algorithm"),
    ("Generate summaries for inquiries for Hogwarts",
     "generate-summaries-for-inquiries-for-hogwarts"),
    ("Forecast number of owls needed to deliver school letters",
     "forecast-number-of-owls-needed-to-deliver-school-letters"),
    ("Access to Restricted Section in Hogwarts Library",
     "access-to-restricted-section-in-hogwarts-library"),
])
def test_the_inventory_features_give_readable_group_names(feature: str, slug: str) -> None:
    assert slugify(feature) == slug
    assert VALID_NAME.match(slug)


@pytest.mark.parametrize(("text", "slug"), [
    ("  --Hello,   World!!--  ", "hello-world"),
    ("ARIMA (p,d,q) = 2/1/2", "arima-p-d-q-2-1-2"),
    ("Café Crème brûlée", "cafe-creme-brulee"),
    ("snake_case and kebab-case", "snake-case-and-kebab-case"),
    ("Owls 🦉 & letters ✉", "owls-letters"),
    ("日本語 model", "model"),
    ("x", "x"),
    ("007", "007"),
])
def test_odd_input_still_gives_a_valid_name(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert VALID_NAME.match(slug)


@pytest.mark.parametrize("text", ["", "   ", "---", "!!! ???", "日本語", "🦉"])
def test_nothing_usable_is_an_error(text: str) -> None:
    with pytest.raises(ValueError, match="no letters or digits"):
        slugify(text)


def test_long_names_are_cut_at_a_word_boundary() -> None:
    text = "Forecast the number of owls needed to deliver every single school letter in August"
    slug = slugify(text)
    assert len(slug) <= MAX_LENGTH
    assert slug == "forecast-the-number-of-owls-needed-to-deliver-every-single"
    assert VALID_NAME.match(slug)


def test_a_cut_that_lands_on_a_boundary_keeps_the_whole_word() -> None:
    text = "a" * 63 + " tail"
    assert slugify(text) == "a" * 63


def test_one_long_word_is_cut_hard_and_never_ends_with_a_dash() -> None:
    assert slugify("x" * 100) == "x" * MAX_LENGTH
    slug = slugify("ab " + "c" * 80)
    assert slug == "ab"
    for text in ("word " * 30, "-a" * 50, "ab-" * 40, "a" * 62 + "-b-c"):
        slug = slugify(text)
        assert len(slug) <= MAX_LENGTH
        assert not slug.endswith("-")
        assert VALID_NAME.match(slug)


def test_the_rule_is_stable() -> None:
    assert slugify(slugify("Sorting Hat algorithm")) == "sorting-hat-algorithm"
    assert slugify("SORTING HAT ALGORITHM") == slugify("sorting hat algorithm")
