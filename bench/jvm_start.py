"""How fast the LanguageTool server starts on each Java, with and without the AOT cache.

For each round, and in turn for each variant (the system Java, the bundled Java without
and with the AOT cache `proofer setup-languagetool` made), starts a private server and
prints: seconds until it answers, seconds until its first check (of go-blog's first post,
or a packaged rule file's examples without ../shared) is back, the JVM's CPU seconds and
its peak resident memory at that point. Variants alternate within a round, so a busy
machine slows them alike: read the ratios. Prints, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from proofer.engines.languagetool.install import Installation, resolve_installation  # noqa: E402
from proofer.engines.languagetool.java import JavaRuntime, resolve_java  # noqa: E402
from proofer.engines.languagetool.server import LocalServer, ServerSettings  # noqa: E402


class _NoAot(LocalServer):
    def aot_options(self) -> list[str]:
        return []


def _text(shared: Path) -> str:
    posts = sorted((shared / "corpora" / "go-blog" / "posts").glob("*.md"))
    if posts:
        return posts[0].read_text(encoding="utf-8")[:20_000]
    from proofer.engines.languagetool.aot import training_texts

    return "\n\n".join(training_texts(20_000))


def _peak(pid: int, stop: threading.Event, out: list[int]) -> None:
    process = psutil.Process(pid)
    while not stop.wait(0.1):
        try:
            out.append(process.memory_info().rss)
        except psutil.Error:
            return


def measure(server: LocalServer, text: str) -> tuple[float, float, float, int]:
    """(ready s, ready + first check s, JVM CPU s, peak RSS bytes)."""
    started = time.perf_counter()
    server.start()
    ready = time.perf_counter() - started
    assert server.pid is not None
    samples: list[int] = []
    stop = threading.Event()
    sampler = threading.Thread(target=_peak, args=(server.pid, stop, samples), daemon=True)
    sampler.start()
    response = requests.post(f"{server.url}v2/check",
                             data={"language": "en-US", "text": text}, timeout=300)
    response.raise_for_status()
    checked = time.perf_counter() - started
    cpu = psutil.Process(server.pid).cpu_times()
    stop.set()
    sampler.join()
    server.stop()
    return ready, checked, cpu.user + cpu.system, max(samples, default=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("PROOFER_SHARED", REPO.parent / "shared")))
    args = parser.parse_args()
    installation: Installation = resolve_installation(allow_download=False)
    text = _text(args.shared)
    variants: list[tuple[str, JavaRuntime, type[LocalServer]]] = []
    try:
        variants.append(("system Java", resolve_java("system"), LocalServer))
    except Exception as exc:  # no system Java: compare the bundled one alone
        print(f"(no system Java: {exc})")
    bundled = resolve_java("bundled")
    variants += [("bundled, no AOT", bundled, _NoAot), ("bundled + AOT", bundled, LocalServer)]
    for name, java, _ in variants:
        print(f"{name:16} {java.describe()}")
    print(f"first check: {len(text):,} characters; load average {os.getloadavg()[0]:.1f}")
    results: dict[str, list[tuple[float, float, float, int]]] = {n: [] for n, _, _ in variants}
    for round_number in range(1, args.rounds + 1):
        for name, java, kind in variants:
            server = kind(installation, ServerSettings(), java=java)
            figures = measure(server, text)
            results[name].append(figures)
            ready, checked, cpu, rss = figures
            print(f"round {round_number} {name:16} ready {ready:5.1f} s  ready+check "
                  f"{checked:5.1f} s  JVM CPU {cpu:5.1f} s  peak RSS {rss / 2**20:4.0f} MB"
                  f"  AOT {'yes' if server.aot_cache else 'no'}")
    print("medians (ratio to the first variant):")
    base = variants[0][0]
    for name, _, _ in variants:
        columns = list(zip(*results[name], strict=True))
        medians = [statistics.median(c) for c in columns]
        ratios = [m / statistics.median(b) for m, b in
                  zip(medians, zip(*results[base], strict=True), strict=True)]
        print(f"  {name:16} ready {medians[0]:5.1f} s ({ratios[0]:.2f})  ready+check "
              f"{medians[1]:5.1f} s ({ratios[1]:.2f})  CPU {medians[2]:5.1f} s ({ratios[2]:.2f})"
              f"  RSS {medians[3] / 2**20:4.0f} MB ({ratios[3]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
