"""predict(..., profile=True): the printed line and the returned figures."""

import re

import nnaccel
from conftest import samples_for

LINE = re.compile(
    r"^Classified (\d+) samples in ([0-9.]+) seconds \(([0-9.]+|inf) inferences / s\); "
    r"(\d+) batch\(es\), mean latency ([0-9.]+) us, device time ([0-9.]+) s$"
)


def test_profile_prints_and_returns(digits, capsys):
    x = samples_for("digits", (1, 8, 8))
    with nnaccel.Accelerator(digits, max_batch=100) as acc:
        y, prof = acc.predict(x, profile=True)
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1
    m = LINE.match(printed[0])
    assert m, printed[0]
    assert isinstance(prof, nnaccel.Profile)
    assert int(m.group(1)) == prof.samples == x.shape[0] == y.shape[0]
    assert int(m.group(4)) == prof.batches == -(-x.shape[0] // 100)
    assert prof.seconds > 0 and prof.samples_per_second > 0
    rate = prof.samples / prof.seconds
    assert abs(prof.samples_per_second - rate) < 1e-6 * rate
    assert abs(prof.latency_seconds - prof.seconds / prof.batches) < 1e-12
    assert 0 <= prof.device_seconds <= prof.seconds
    assert str(prof) == printed[0]


def test_no_profile_prints_nothing(digits, capsys):
    with nnaccel.Accelerator(digits) as acc:
        acc.predict(samples_for("digits", (1, 8, 8))[:2])
    assert capsys.readouterr().out == ""
