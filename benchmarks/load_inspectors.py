"""The simulated inspectors of ``benchmarks/load.py``: a locustfile, run by locust's own command line
(headless) against a server on loopback. Not run by itself.

Each simulated inspector is one of the inspection's inspectors (their own session and API token)
and works only on their own cases, so no two clients ever save the same case and a 409 would be a
fault. Between actions they wait ``LOAD_WAIT`` seconds (a range); each action is one of: save one
answer (half through the API with the token, half as the case page's script saves), open one of
their cases, read the live results page, or the baseline (GET /health/). Every save changes one
answer from the version the client holds, and the client records each save it got a 200 for:
how many saves per case and the last value of each answer, written to ``LOAD_SAVED`` when the
run stops, for ``inspection_world.py verify`` to compare with the database.

Environment (set by load.py): ``LOAD_WORLD`` (the built inspection), ``LOAD_SAVED``,
``LOAD_WAIT`` ("2,6").
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
import urllib.parse
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, events, task

WORLD = json.loads(Path(os.environ["LOAD_WORLD"]).read_text(encoding="utf-8"))
WAIT = tuple(float(x) for x in os.environ.get("LOAD_WAIT", "2,6").split(","))
FLIP = {"yes": "no", "no": "yes", "n/a": "yes"}
_PEOPLE = iter(WORLD["inspectors"])  # each simulated inspector takes the next one
SAVED: dict[str, dict[str, Any]] = {}  # case id → {"saves": n, "answers": {question: value}}


class Inspector(FastHttpUser):
    wait_time = between(WAIT[0], WAIT[1])

    def on_start(self) -> None:
        person = next(_PEOPLE, None)
        if person is None:
            raise RuntimeError("more simulated inspectors than inspectors in the inspection")
        self.inspection = WORLD["inspection"]
        self.csrf = secrets.token_hex(16)  # 32 characters: Django's CSRF secret length
        self.cookie = f"sessionid={person['session']}; csrftoken={self.csrf}"
        self.token = person["token"]
        self.all_cases = person["cases"]
        self.drafts = [c for c in person["cases"] if c["status"] == "draft"]
        self.turn = itertools.count()
        self.save_turn = itertools.count()

    def _record(self, case: dict[str, Any], qid: str, value: str, version: int) -> None:
        case["version"] = version
        case["answers"][qid] = value
        record = SAVED.setdefault(str(case["id"]), {"saves": 0, "answers": {}})
        record["saves"] += 1
        record["answers"][qid] = value

    @task(4)
    def save_answer(self) -> None:
        if not self.drafts:
            return
        n = next(self.save_turn)
        case = self.drafts[n % len(self.drafts)]
        if n % 2 == 0:
            self._save_api(case)
        else:
            self._save_page(case)

    def _save_api(self, case: dict[str, Any]) -> None:
        qid = case["key_questions"][case["version"] % len(case["key_questions"])]
        value = FLIP[case["answers"][qid]]
        with self.client.patch(
            f"/api/inspections/{self.inspection}/cases/{case['id']}",
            data=json.dumps({"version": case["version"], "answers": {qid: value}}),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            name="save one answer: API PATCH",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                self._record(case, qid, value, response.json()["version"])
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    def _save_page(self, case: dict[str, Any]) -> None:
        questions = case["prompts"] + case["key_questions"]
        qid = questions[case["version"] % len(questions)]
        value = FLIP[case["answers"][qid]]
        form = {
            "csrfmiddlewaretoken": self.csrf,
            "autosave": "1",
            "version": str(case["version"]),
            f"answer-{qid}": value,
        }
        with self.client.post(
            f"/inspections/{self.inspection}/cases/{case['id']}/",
            data=urllib.parse.urlencode(form),
            headers={"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"},
            name="save one answer: page autosave POST",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                self._record(case, qid, value, response.json()["version"])
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    def _get(self, path: str, name: str, headers: dict[str, str]) -> None:
        """A GET that counts only a 200 (a redirect to sign-in is a failure, not followed)."""
        with self.client.get(
            path, headers=headers, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    @task(2)
    def open_case(self) -> None:
        case = self.all_cases[next(self.turn) % len(self.all_cases)]
        path = f"/inspections/{self.inspection}/cases/{case['id']}/"
        self._get(path, "case page (GET)", {"Cookie": self.cookie})

    @task(1)
    def live_results(self) -> None:
        path = f"/inspections/{self.inspection}/results/"
        self._get(path, "live results page", {"Cookie": self.cookie})

    @task(1)
    def baseline(self) -> None:
        self._get("/health/", "baseline: GET /health/", {})


@events.quitting.add_listener
def _write_saved(**_: Any) -> None:
    Path(os.environ["LOAD_SAVED"]).write_text(json.dumps(SAVED), encoding="utf-8")
