import resource

from mcdocgen.commands import budget


def test_the_cpu_limit_is_lifted_between_problems():
    # else a problem ending just inside its budget would stop its worker while it answers or waits
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    budget.limit_cpu(1000)
    assert resource.getrlimit(resource.RLIMIT_CPU)[0] != resource.RLIM_INFINITY
    budget.limit_cpu(None)
    assert resource.getrlimit(resource.RLIMIT_CPU)[0] == hard


def test_the_budget_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv(budget.BUDGET_ENV, "7.5")
    assert budget.budget_seconds() == 7.5
    monkeypatch.setenv(budget.BUDGET_ENV, "many")
    assert budget.budget_seconds() == budget.PROBLEM_SECONDS
