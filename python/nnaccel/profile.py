"""What predict(..., profile=True) measures and prints."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """Timing of one predict() call.

    seconds            wall-clock time of the whole call, Python included
    samples_per_second samples / seconds
    batches            driver runs the call was split into (the buffer holds max_batch samples)
    device_seconds     accelerator busy time the driver measured (start to done, summed)
    latency_seconds    mean wall-clock time per driver run
    """

    samples: int
    seconds: float
    samples_per_second: float
    batches: int
    device_seconds: float
    latency_seconds: float

    def __str__(self):
        return (
            "Classified %d samples in %.6f seconds (%.1f inferences / s); "
            "%d batch(es), mean latency %.1f us, device time %.6f s"
            % (
                self.samples,
                self.seconds,
                self.samples_per_second,
                self.batches,
                self.latency_seconds * 1e6,
                self.device_seconds,
            )
        )
