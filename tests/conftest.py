from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
GOLD = FIXTURES / "gold"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS
