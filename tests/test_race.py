"""A timed race between devnet saving and an outside editor (a sync client or an
editor that replaces the file by renaming a new one over it) writing the same file
with no lock. An outside edit is lost when devnet's rename lands on it without devnet
having read it: the harness counts such edits, and the rule is that there are none.
The naive order (check first, then back up and write) is shown to lose edits, so the
harness can fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from builders import network, person
from devnet import store

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX rename semantics")

_DEVNET = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from devnet import store
    from devnet.errors import ConflictError
    from builders import person
    path, seconds, naive = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3] == "naive"
    saved = refused = 0
    end = time.monotonic() + seconds
    i = 0
    while time.monotonic() < end:
        i += 1
        try:
            if naive:  # the order issue 9 found: check, then back up and write
                loaded = store.load(path)
                loaded.network.people[f"dev-{i}"] = person(f"dev {i}")
                payload = store.serialize(loaded.network)
                if path.read_bytes() != loaded.raw:
                    raise ConflictError("changed")
                store.write_backup(path, loaded.raw)
                time.sleep(0.002)  # the backup and temp writes of a real save
                store.write_atomic(path, payload, 0o600)
            else:
                with store.transaction(path, f"add dev-{i}") as loaded:
                    loaded.network.people[f"dev-{i}"] = person(f"dev {i}")
            saved += 1
        except ConflictError:
            refused += 1
    print(json.dumps({"saved": saved, "refused": refused}), flush=True)
    """
)

_EDITOR = textwrap.dedent(
    """
    import json, os, random, sys, time
    from pathlib import Path
    from devnet import store
    from builders import person
    path, seconds = Path(sys.argv[1]), float(sys.argv[2])
    rng = random.Random(int(sys.argv[3]))
    edits = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(rng.uniform(0, float(sys.argv[4])))
        try:
            loaded = store.load(path)  # what the editor shows the user
        except Exception:
            continue
        edits += 1
        loaded.network.people[f"edit-{edits}"] = person(f"edit {edits}")
        tmp = path.with_name(f"sync-{edits}.partial")
        tmp.write_bytes(store.serialize(loaded.network))
        os.replace(tmp, path)  # a sync client: rename over, no lock
    print(json.dumps({"edits": edits}), flush=True)
    """
)


def race(
    tmp_path: Path, seconds: float, *, naive: bool = False, seed: int = 7, pause: float = 0.02
) -> dict[str, int]:
    """Run devnet and the outside editor against one file for `seconds`. Returns the
    counts: devnet saves and refusals, outside edits, and outside edits lost."""
    path = tmp_path / "net.toml"
    store.create(path, network(people={"maria-chen": person("Maria Chen")}))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    mode = "naive" if naive else "store"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _DEVNET, str(path), str(seconds), mode],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        ),
        subprocess.Popen(
            [sys.executable, "-c", _EDITOR, str(path), str(seconds), str(seed), str(pause)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        ),
    ]
    talks = [p.communicate(timeout=seconds + 120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err[-2000:] for _, err in talks]
    counts = {**json.loads(talks[0][0]), **json.loads(talks[1][0])}
    final = set(store.load(path).network.people)
    counts["lost"] = sum(f"edit-{n}" not in final for n in range(1, counts["edits"] + 1))
    return counts


@posix_only
@pytest.mark.slow  # a timed race in real processes; the quick check is the last test here
def test_no_outside_edit_is_ever_lost(tmp_path: Path) -> None:
    counts = race(tmp_path, seconds=3.0)
    assert counts["lost"] == 0, counts
    # the race was run: edits landed while devnet was saving, and devnet refused them
    assert counts["edits"] >= 10 and counts["refused"] >= 1, counts
    assert counts["saved"] >= 10, counts  # devnet kept saving: nothing hung on the other


@posix_only
@pytest.mark.slow
def test_the_race_harness_catches_the_naive_order(tmp_path: Path) -> None:
    counts = race(tmp_path, seconds=3.0, naive=True)
    assert counts["lost"] > 0, counts


@posix_only
@pytest.mark.slow
def test_no_outside_edit_is_ever_lost_long(tmp_path: Path) -> None:
    counts = race(tmp_path, seconds=60.0)
    assert counts["lost"] == 0, counts


@posix_only
def test_an_edit_landing_between_the_check_and_the_exchange_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window a busy machine opens between the last check and the rename: an
    outside edit renamed over the file right there survives, and the save is refused."""
    from devnet.errors import ConflictError

    path = tmp_path / "net.toml"
    store.create(path, network(people={"maria-chen": person("Maria Chen")}))
    outside = store.serialize(network(people={"outside": person("Outside Edit")}))
    real_exchange = store._exchange
    calls: list[str] = []

    def edit_then_exchange(tmp: str, real: Path) -> bool:
        if not calls:  # the first exchange: the sync client wins the race by a hair
            side = path.with_name("sync.partial")
            side.write_bytes(outside)
            os.replace(side, path)
        calls.append(tmp)
        return real_exchange(tmp, real)

    monkeypatch.setattr(store, "_exchange", edit_then_exchange)
    with pytest.raises(ConflictError), store.transaction(path, "add dev") as loaded:
        loaded.network.people["dev"] = person("Dev")
    assert path.read_bytes() == outside
    assert len(calls) == 2  # swapped, then swapped back
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
