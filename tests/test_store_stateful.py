"""A stateful hypothesis test of the store: random sequences of adds, edits, removals,
check-ins, failed saves, external edits and restores. After every step the file on
disk is exactly the model's bytes, no temp file is left and backups stay bounded."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from builders import network, person
from devnet import store
from devnet.errors import ConflictError, SaveError
from devnet.model import Checkin, Network
from strategies import ids, texts

Change = Callable[[Network], None]


def _failing(step: str) -> Any:
    """A patch that makes one step of the next save fail with ENOSPC."""

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if step == "backup":
        return mock.patch.object(store, "_keep_current", side_effect=SaveError("no backup"))
    if step == "mkstemp":
        return mock.patch.object(store.tempfile, "mkstemp", fail)
    return mock.patch.object(os, step, fail)


class StoreMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="devnet-stateful-"))
        self.path = self.dir / "net.toml"
        self.model = network()
        store.create(self.path, self.model)

    def teardown(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def _apply(self, change: Change) -> None:
        with store.transaction(self.path) as loaded:
            change(loaded.network)
        change(self.model)

    @rule(pid=ids, name=texts(min_size=1, max_size=30))
    def add(self, pid: str, name: str) -> None:
        if pid in self.model.people:
            return

        def change(net: Network) -> None:
            net.people[pid] = person(name)

        self._apply(change)

    @precondition(lambda self: bool(self.model.people))
    @rule(data=st.data(), learn=texts())
    def edit(self, data: st.DataObject, learn: str) -> None:
        pid = data.draw(st.sampled_from(sorted(self.model.people)))

        def change(net: Network) -> None:
            net.people[pid] = net.people[pid].model_copy(update={"learn": learn})

        self._apply(change)

    @precondition(lambda self: bool(self.model.people))
    @rule(data=st.data(), note=texts())
    def checkin(self, data: st.DataObject, note: str) -> None:
        pid = data.draw(st.sampled_from(sorted(self.model.people)))
        when = data.draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)))

        def change(net: Network) -> None:
            net.checkins.append(Checkin(date=when, developer=pid, note=note))
            net.checkins.sort(key=lambda c: (c.date, c.developer))

        self._apply(change)

    @precondition(lambda self: bool(self.model.people))
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        pid = data.draw(st.sampled_from(sorted(self.model.people)))

        def change(net: Network) -> None:
            del net.people[pid]
            net.checkins = [c for c in net.checkins if c.developer != pid]

        self._apply(change)

    @rule(
        step=st.sampled_from(["backup", "mkstemp", "fchmod", "write", "fsync", "replace"]),
        pid=ids,
    )
    def failed_save(self, step: str, pid: str) -> None:
        with _failing(step), pytest.raises(SaveError), store.transaction(self.path) as loaded:
            loaded.network.people[pid + "-x"] = person("Never saved")

    @rule(title=texts(min_size=1, max_size=20).filter(lambda s: bool(s.strip())))
    def external_edit(self, title: str) -> None:
        """Someone edits the file while devnet holds it loaded: devnet refuses to save
        and the edit survives."""
        loaded = store.load(self.path)
        edited = self.model.model_copy(deep=True)
        edited.profile = edited.profile.model_copy(update={"name": title})
        raw = store.serialize(edited)
        if raw == self.path.read_bytes():
            return  # the same bytes are no edit: there is nothing to detect
        self.path.write_bytes(raw)
        loaded.network.people["zz-lost"] = person("Lost")
        with pytest.raises(ConflictError):
            store.save(loaded)
        assert self.path.read_bytes() == raw
        self.model = edited

    @precondition(lambda self: bool(store.backups(self.path)))
    @rule(data=st.data())
    def restore(self, data: st.DataObject) -> None:
        chosen = data.draw(st.sampled_from(store.backups(self.path)))
        raw = chosen.path.read_bytes()
        store.restore(self.path, chosen.path.name)
        self.model = store.from_bytes(raw, chosen.path)[0]

    @invariant()
    def disk_equals_model(self) -> None:
        assert self.path.read_bytes() == store.serialize(self.model)
        assert store.load(self.path).network == Network.model_validate(self.model.to_doc())

    @invariant()
    def nothing_left_behind(self) -> None:
        assert store.stale_temps(self.path) == []
        # the last 10 and the first of each day and month (a run stays within a day or two)
        assert len(store.backups(self.path)) <= store.KEEP_BACKUPS + 4
        assert stat.S_IMODE(self.path.stat().st_mode) == 0o600


StoreMachine.TestCase.settings = settings(stateful_step_count=15, deadline=None)
test_store_stateful = StoreMachine.TestCase


class LongStoreMachine(StoreMachine):
    pass


LongStoreMachine.TestCase.settings = settings(
    max_examples=300, stateful_step_count=40, deadline=None
)
test_store_stateful_long = pytest.mark.slow(LongStoreMachine.TestCase)
