"""Web benchmark at national scale: p50/p95 latency and requests per second for a council's dashboard and a
60-action plan page, served by gunicorn with several worker processes, on SQLite and PostgreSQL.

    .venv/bin/python bench/web.py                      # SQLite file, then a throwaway PostgreSQL server
    .venv/bin/python bench/web.py --only sqlite
    DATABASE_URL=postgres://u:p@127.0.0.1/bench .venv/bin/python bench/web.py --only postgres

The dataset (300 councils, 600 plans, 40,000 actions, 500,000 history entries) is written with bulk_create
into its own database: a file under --work-dir for SQLite; for PostgreSQL the DATABASE_URL given (its tables
are created by migrate; use an empty database) or, without one, a temporary server started with initdb from
/usr/lib/postgresql/*/bin and removed afterwards. Load comes from threads on loopback only, bounded in count
and time. Never run as a test: timings belong in the README, not in assertions.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MAX_THREADS = 32
MAX_SECONDS = 120

COUNCILS, PLANS, ACTIONS, HISTORY = 300, 600, 40_000, 500_000
PLAN_ACTIONS = 60  # the plan page measured has exactly this many actions


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------- dataset

def build_dataset(database_url: str, seed: int = 2025) -> dict[str, object]:
    """Migrate and fill the database; return what the load needs (slug, plan id, a session cookie)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import datetime

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from tracker.accounts.models import Council, Membership, Role
    from tracker.plans.models import (
        Action,
        ActionChange,
        ActionLead,
        ActionUpdate,
        Plan,
        Recommendation,
        lead_key,
    )

    rng = random.Random(seed)
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if Council.objects.exists():
        raise SystemExit("the benchmark database is not empty: give an empty one (or a new --work-dir)")

    themes = ["Local priorities and outcomes", "Organisational and place leadership", "Governance and culture",
              "Financial planning and management", "Capacity for improvement"]
    leads = ["CT", "KS", "SF", "DM", "Chief Executive", "Monitoring Officer", "S151 Officer", "CLT", "ALL"]
    states = ["not_started"] * 3 + ["in_progress"] * 4 + ["complete"] * 4 + ["ongoing", "on_hold"]
    rags = ["red", "amber", "amber", "green", "green", "green", "blue", ""]
    today = timezone.localdate()
    now = timezone.now()

    with transaction.atomic():
        councils = Council.objects.bulk_create(
            [Council(name=f"Bench Council {i:03d}", slug=f"bench-{i:03d}") for i in range(COUNCILS)])
        user = User.objects.create_user("bench", "bench@example.gov.uk", "bench-password-not-secret")
        Membership.objects.bulk_create([Membership(user=user, council=c, role=Role.EDITOR) for c in councils])
        plans = Plan.objects.bulk_create([
            Plan(council=councils[i % COUNCILS], title=f"Corporate peer challenge action plan {2021 + i % 4}",
                 kind="cpc", as_of=today - datetime.timedelta(days=30 * (i % 24)), imported_by=user,
                 imported_at=now, source_filename="plan.docx", source_format="docx")
            for i in range(PLANS)])
        # Plan 0 (council 0) has exactly PLAN_ACTIONS actions; the rest share out the remainder.
        per_plan = [PLAN_ACTIONS] + [0] * (PLANS - 1)
        for k in range(ACTIONS - PLAN_ACTIONS):
            per_plan[1 + k % (PLANS - 1)] += 1
        recs: list[Recommendation] = []
        plan_recs: list[list[int]] = []
        for plan in plans:
            first = len(recs)
            recs += [Recommendation(plan=plan, position=r, number=str(r + 1), theme=themes[r % len(themes)],
                                    text=f"Recommendation {r + 1}: strengthen the golden thread from the "
                                         f"council plan to service plans ({plan.pk}).")
                     for r in range(7)]
            plan_recs.append(list(range(first, len(recs))))
        recs = Recommendation.objects.bulk_create(recs, batch_size=2000)
        actions: list[Action] = []
        for p_index, plan in enumerate(plans):
            for a in range(per_plan[p_index]):
                rec = recs[plan_recs[p_index][a % 7]]
                due = today + datetime.timedelta(days=rng.randint(-400, 400))
                who = rng.sample(leads, rng.choice((1, 1, 2)))
                actions.append(Action(
                    plan=plan, recommendation=rec, position=a, leads="\n".join(who),
                    text=f"Action {a + 1}: review the delivery plan targets and set milestones ({plan.pk})",
                    original_due_date=due, original_due_text=f"{due:%B %Y}", due_date=due,
                    due_text=f"{due:%B %Y}", due_precision="month", state=rng.choice(states),
                    rag=rng.choice(rags), commentary="Progress reported to Cabinet in the quarterly update."))
        actions = Action.objects.bulk_create(actions, batch_size=5000)
        ActionLead.objects.bulk_create([ActionLead(action=a, name=n, key=lead_key(n))
                                        for a in actions for n in a.leads.splitlines()], batch_size=5000)
        # History: spread over the last two years, each entry one change of state, RAG or commentary.
        batch = 20_000
        field_values = {"state": states, "rag": rags, "commentary": ["Update to Cabinet", "Slipped a quarter"]}
        for start in range(0, HISTORY, batch):
            updates = []
            picks = []
            for _ in range(min(batch, HISTORY - start)):
                action = actions[rng.randrange(len(actions))]
                updates.append(ActionUpdate(action=action, at=now - datetime.timedelta(minutes=rng.randint(
                    1, 2 * 365 * 24 * 60)), by_user=user, by_label="Bench User", via="web",
                    comment="Quarterly review"))
                field = rng.choice(("state", "rag", "commentary"))
                picks.append((field, rng.choice(field_values[field]), rng.choice(field_values[field])))
            updates = ActionUpdate.objects.bulk_create(updates, batch_size=5000)
            ActionChange.objects.bulk_create([ActionChange(update=u, field=f, old=o, new=n)
                                              for u, (f, o, n) in zip(updates, picks, strict=True)],
                                             batch_size=5000)
    # Fresh statistics, as a database that has been running a while would have.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client()
    client.force_login(user)
    from django.conf import settings

    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    counts = {"councils": Council.objects.count(), "plans": Plan.objects.count(),
              "actions": Action.objects.count(), "history": ActionUpdate.objects.count()}
    plan0 = plans[0]
    assert Action.objects.filter(plan=plan0).count() == PLAN_ACTIONS
    connection.close()
    return {"slug": plan0.council.slug, "plan_id": plan0.pk, "cookie_name": settings.SESSION_COOKIE_NAME,
            "cookie": cookie, "counts": counts, "seconds": time.perf_counter() - started}


# ---------------------------------------------------------------------------------------------- server

def start_server(database_url: str, workers: int, log: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url, DEBUG="false",
               ALLOWED_HOSTS="127.0.0.1", LOG_LEVEL="ERROR", DJANGO_SETTINGS_MODULE="tracker.settings")
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "tracker.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "sync", "--keep-alive", "5", "--log-level", "error"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, port
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"gunicorn stopped: see {log}") from None
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit(f"gunicorn did not start in 30 s: see {log}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# ---------------------------------------------------------------------------------------------- load

@dataclass
class Result:
    page: str
    latencies: list[float]
    errors: int
    seconds: float

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies, n=20)[18] * 1000 if len(self.latencies) >= 20 else \
            max(self.latencies) * 1000

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds


def load(port: int, path: str, cookie: str, threads: int, seconds: float, max_requests: int) -> Result:
    """``threads`` keep-alive clients GET ``path`` as fast as answered, until ``seconds`` or ``max_requests``."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    headers = {"Cookie": cookie, "Host": "127.0.0.1"}

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.perf_counter() < stop_at:
            with lock:
                if len(latencies) + len(mine) >= max_requests:
                    break
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - t0
            if ok:
                mine.append(elapsed)
            else:
                with lock:
                    errors[0] += 1
            if len(mine) >= 50:
                with lock:
                    latencies.extend(mine)
                mine = []
        with lock:
            latencies.extend(mine)
        conn.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return Result(path, latencies, errors[0], time.perf_counter() - started)


# ---------------------------------------------------------------------------------------------- PostgreSQL

class TemporaryPostgres:
    """A throwaway PostgreSQL server on loopback (as scripts/test-all starts one), removed afterwards."""

    def __init__(self) -> None:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not bins:
            raise SystemExit("PostgreSQL is not installed: give DATABASE_URL or run with --only sqlite")
        self.bin = bins[-1].parent
        self.dir = Path(tempfile.mkdtemp(prefix="actionplans-bench-pg."))
        self.port = free_port()
        self.as_pg: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.as_pg = ["runuser", "-u", "postgres", "--"]

    def __enter__(self) -> str:
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run([*self.as_pg, str(self.bin / "initdb"), "-D", str(self.dir / "data"), "-A", "trust",
                        "-U", "postgres"], check=True, **quiet)
        subprocess.run([*self.as_pg, str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-l",
                        str(self.dir / "log"), "-w", "-o",
                        f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=100",
                        "start"], check=True, **quiet)
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def __exit__(self, *exc: object) -> None:
        subprocess.run([*self.as_pg, str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast",
                        "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------- main

def prepare_in_child(database_url: str) -> dict[str, object]:
    """Build the dataset in a child process so each database gets a fresh Django (settings read once)."""
    out = subprocess.run([sys.executable, __file__, "--prepare-only", database_url], cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"building the dataset failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_one(name: str, database_url: str, args: argparse.Namespace, work: Path) -> list[Result]:
    saved = work / f"dataset-{name}.json"
    if args.reuse and saved.exists():
        print(f"== {name}: reusing the dataset in {work}", flush=True)
        info = json.loads(saved.read_text())
    else:
        print(f"== {name}: building the dataset…", flush=True)
        info = prepare_in_child(database_url)
        saved.write_text(json.dumps(info))
    counts = info["counts"]
    print(f"   {counts['councils']} councils, {counts['plans']} plans, {counts['actions']} actions, "
          f"{counts['history']} history entries in {info['seconds']:.0f} s", flush=True)
    proc, port = start_server(database_url, args.workers, work / f"gunicorn-{name}.log")
    cookie = f"{info['cookie_name']}={info['cookie']}"
    pages = {"dashboard": f"/c/{info['slug']}/", "plan page (60 actions)":
             f"/c/{info['slug']}/plans/{info['plan_id']}/"}
    results = []
    try:
        for label, path in pages.items():
            load(port, path, cookie, threads=2, seconds=3, max_requests=40)  # warm every worker
            result = load(port, path, cookie, args.threads, args.seconds, args.max_requests)
            result.page = label
            if not result.latencies:
                raise SystemExit(f"{label}: no successful response; see {work}/gunicorn-{name}.log")
            print(f"   {label:24} p50 {result.p50:6.1f} ms  p95 {result.p95:6.1f} ms  "
                  f"{result.rps:6.1f} req/s  ({len(result.latencies)} requests, {result.errors} errors)",
                  flush=True)
            results.append(result)
        # Other processes on the machine distort the figures: say how busy it was.
        print(f"   load average after the run: {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        stop_server(proc)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("sqlite", "postgres"), help="run one database only")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1,
                        help="gunicorn worker processes (default 2 × CPUs + 1)")
    parser.add_argument("--threads", type=int, default=8, help=f"concurrent clients (at most {MAX_THREADS})")
    parser.add_argument("--seconds", type=float, default=20, help=f"per page (at most {MAX_SECONDS})")
    parser.add_argument("--max-requests", type=int, default=5000, help="per page")
    parser.add_argument("--work-dir", type=Path, help="where the SQLite file and logs go (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --work-dir: reuse the SQLite dataset built by an earlier run")
    parser.add_argument("--prepare-only", metavar="DATABASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare_only:
        print(json.dumps(build_dataset(args.prepare_only)))
        return
    args.threads = max(1, min(args.threads, MAX_THREADS))
    args.seconds = max(1.0, min(args.seconds, MAX_SECONDS))

    work = args.work_dir or Path(tempfile.mkdtemp(prefix="actionplans-bench."))
    work.mkdir(parents=True, exist_ok=True)
    # The dataset builder signs the session cookie that the server must accept: one key for both.
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 50)
    rows: list[tuple[str, Result]] = []
    try:
        if args.only in (None, "sqlite"):
            db = work / "bench.sqlite3"
            if not (args.reuse and (work / "dataset-sqlite.json").exists()):
                (work / "dataset-sqlite.json").unlink(missing_ok=True)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
            rows += [("SQLite", r) for r in run_one("sqlite", f"sqlite:///{db}", args, work)]
        if args.only in (None, "postgres"):
            given = os.environ.get("DATABASE_URL", "")
            args.reuse = False  # a PostgreSQL dataset is always built afresh
            if given.startswith(("postgres://", "postgresql://")):
                rows += [("PostgreSQL", r) for r in run_one("postgres", given, args, work)]
            else:
                with TemporaryPostgres() as url:
                    rows += [("PostgreSQL", r) for r in run_one("postgres", url, args, work)]
    finally:
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"{COUNCILS} councils, {PLANS} plans, {ACTIONS:,} actions, {HISTORY:,} history entries; gunicorn "
          f"{args.workers} sync workers; {args.threads} concurrent clients on loopback; {os.cpu_count()} CPUs.")
    print()
    print("| Database | Page | p50 (ms) | p95 (ms) | Requests/s | Requests | Errors |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for db, r in rows:
        print(f"| {db} | {r.page} | {r.p50:.0f} | {r.p95:.0f} | {r.rps:.0f} | {len(r.latencies)} | {r.errors} |")


if __name__ == "__main__":
    main()
