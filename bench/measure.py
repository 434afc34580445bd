"""Timing and memory, measured side by side with a baseline in the same run."""

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Timing:
    median: float  # seconds
    runs: int


def timed(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> Timing:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return Timing(statistics.median(samples), repeat)


def paired(subject: Callable[[], object], baseline: Callable[[], object], repeat: int = 5):
    """Subject and baseline alternated, so that a noisy machine hits both alike."""
    subject(), baseline()
    s, b = [], []
    for _ in range(repeat):
        for fn, out in ((subject, s), (baseline, b)):
            gc.collect()
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(s), statistics.median(b)


def peak_growth_mb(fn: Callable[[], object]) -> float:
    """Peak memory allocated by Python while `fn` runs, above what was allocated before."""
    gc.collect()
    tracemalloc.start()
    base, _ = tracemalloc.get_traced_memory()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (peak - base) / 2**20
