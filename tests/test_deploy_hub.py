"""A real JupyterHub on 127.0.0.1, as a department would run the course (``make test-deploy``).

jupyterhub and nbgitpuller from PyPI (the ``deploy`` extra), configurable-http-proxy from npm
(installed at test set-up into ``.deploy/`` of the course folder, never at a learner's run time),
the DummyAuthenticator and the SimpleLocalProcessSpawner (every user's server runs as this
user, with its own home folder under the test's temporary folder).

1. A new user logs in, follows an nbgitpuller link to a local git repository holding the
   student copy (``kpo-course release``), lands in lesson 00 in JupyterLab and runs it: a widget renders.
2. A class of 20 users each runs lesson 03 at the same time through their own server's kernel
   (REST API + kernel websocket, as JupyterLab does): all finish. Printed: the time of one user
   alone, the times under load, and each user's memory (RSS of server + kernel).
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLASS_SIZE = int(os.environ.get("KPO_DEPLOY_USERS", "20"))
LOAD_LESSON = "lessons/03_why_firms_use_kpo.ipynb"
CHP_FOLDER = ROOT / ".deploy"

pytestmark = [pytest.mark.deploy, pytest.mark.browser]
if os.environ.get("KPO_DEPLOY") != "1":  # minutes of work on 2 cores: `make test-deploy` runs it, not `make test`
    pytest.skip("deployment test: run with make test-deploy (KPO_DEPLOY=1)", allow_module_level=True)


def _require(module: str) -> None:
    import importlib.util
    if importlib.util.find_spec(module) is None:
        message = f"{module} is not installed: pip install -e '.[deploy]' (make test-deploy does it)"
        if os.environ.get("KPO_REQUIRE_DEPLOY") == "1":
            pytest.fail(message)
        pytest.skip(message)


def configurable_http_proxy() -> Path:
    """The proxy from npm, installed once into ``.deploy/`` of the course folder."""
    found = CHP_FOLDER / "node_modules" / ".bin" / "configurable-http-proxy"
    if not found.exists():
        if shutil.which("npm") is None:
            message = "npm is needed to install configurable-http-proxy (apt-get install npm)"
            if os.environ.get("KPO_REQUIRE_DEPLOY") == "1":
                pytest.fail(message)
            pytest.skip(message)
        CHP_FOLDER.mkdir(exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(CHP_FOLDER),
                        "configurable-http-proxy@4"], check=True, timeout=300)
    return found


def free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http(url: str, token: str, method: str = "GET", body: dict | None = None) -> dict | list | None:
    data = json.dumps(body).encode() if body is not None else (b"" if method == "POST" else None)
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read()
    return json.loads(text) if text else None


@pytest.fixture(scope="module")
def student_repo(tmp_path_factory) -> Path:
    """A local git repository holding the student copy, as an instructor would publish it."""
    repo = tmp_path_factory.mktemp("published") / "kpo-course"
    subprocess.run([str(BIN / "kpo-course"), "release", str(repo)], check=True, capture_output=True, timeout=300)
    git = ["git", "-C", str(repo), "-c", "user.name=Instructor", "-c", "user.email=instructor@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "student copy"], check=True)
    return repo


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """JupyterHub on a free loopback port. Yields (url, api token, home folder of all users)."""
    _require("jupyterhub")
    _require("nbgitpuller")
    proxy = configurable_http_proxy()
    work = tmp_path_factory.mktemp("hub")
    homes = work / "home"
    homes.mkdir()
    port, api_port = free_port(), free_port()
    token = uuid.uuid4().hex
    config = work / "jupyterhub_config.py"
    config.write_text(f"""
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{str(proxy)!r}]
c.JupyterHub.db_url = "sqlite:///{work}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/cookie_secret"
c.JupyterHub.pid_file = "{work}/hub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{{username}}"
c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
# 20 kernels starting at once on 2 cores answer their first kernel_info later than the default 60 s,
# after which the server closes the kernel's websocket (seen once in CI): give them 300 s.
c.Spawner.args = ["--allow-root", "--ServerApp.default_url=/lab", "--MappingKernelManager.kernel_info_timeout=300"]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 240
c.Spawner.http_timeout = 240
c.Spawner.environment = {{"KPO_COURSE_CACHE": "{work}/cache", "PATH": {str(BIN)!r} + ":/usr/bin:/bin"}}
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.services = [{{"name": "classroom", "api_token": "{token}"}}]
c.JupyterHub.load_roles = [{{"name": "classroom", "services": ["classroom"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users", "tokens"]}}]
""")
    log = (work / "hub.log").open("w")
    process = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(config)], cwd=work, stdout=log, stderr=subprocess.STDOUT,
                               env=dict(os.environ, PATH=f"{BIN}:{os.environ.get('PATH', '')}"), start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                http(f"{url}/hub/api/", token)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("the hub did not start:\n" + (work / "hub.log").read_text()[-3000:])
                time.sleep(0.5)
        yield url, token, homes
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
        log.close()


def pull_link(hub_url: str, repo: Path, notebook: str) -> str:
    """The nbgitpuller link an instructor puts in the course page (``user-redirect`` finds each user)."""
    query = urllib.parse.urlencode({"repo": str(repo), "branch": "main",
                                    "urlpath": f"lab/tree/{repo.name}/{notebook}"})
    return f"{hub_url}/hub/user-redirect/git-pull?{query}"


def test_a_new_user_follows_the_nbgitpuller_link_and_lesson_00_works(hub, student_repo, browser, tmp_path):
    from lab import WIDGET, problems, run_all, wait_for_kernel_idle

    url, _token, homes = hub
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{url}/hub/login")
        page.fill("input[name=username]", "newstudent")
        page.fill("input[name=password]", "any")
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url("**/user/newstudent/**", timeout=240_000)
        page.goto(pull_link(url, student_repo, "lessons/00_start_here.ipynb"))
        page.wait_for_url("**/lab/tree/kpo-course/lessons/00_start_here.ipynb**", timeout=180_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        wait_for_kernel_idle(page)
        assert (homes / "newstudent" / "kpo-course" / "lessons" / "00_start_here.ipynb").is_file()
        run_all(page)
        page.wait_for_selector(WIDGET, timeout=60_000)
        assert page.locator(WIDGET).count() >= 1
        assert problems(page) == []
        page.screenshot(path=str(tmp_path / "hub_lesson_00.png"))
        print(f"screenshot: {tmp_path}/hub_lesson_00.png")
    finally:
        context.close()


def _code_cells(notebook: Path) -> list[str]:
    import nbformat
    return [c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]


async def _run_notebook(server: str, token: str, path: str, cells: list[str]) -> float:
    """Run ``cells`` in a fresh kernel of one user's server, as JupyterLab would; seconds taken."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Authorization": f"token {token}"}
    client = AsyncHTTPClient()
    start = time.perf_counter()
    response = await client.fetch(HTTPRequest(
        f"{server}/api/sessions", method="POST", headers=headers, request_timeout=600,
        body=json.dumps({"path": path, "type": "notebook", "kernel": {"name": "python3"}})))
    kernel = json.loads(response.body)["kernel"]["id"]
    ws_url = server.replace("http://", "ws://") + f"/api/kernels/{kernel}/channels"
    socket = await websocket_connect(HTTPRequest(ws_url, headers=headers, request_timeout=600))
    session = uuid.uuid4().hex
    try:
        for number, code in enumerate(cells):
            msg_id = uuid.uuid4().hex
            socket.write_message(json.dumps({
                "header": {"msg_id": msg_id, "session": session, "username": "student", "msg_type": "execute_request",
                           "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True}}))
            while True:
                raw = await asyncio.wait_for(socket.read_message(), timeout=600)
                assert raw is not None, f"kernel websocket closed at cell {number}"
                if isinstance(raw, bytes):  # a widget's message with binary buffers: not a reply
                    continue
                message = json.loads(raw)
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if message["msg_type"] == "error":
                    raise AssertionError(f"{path} cell {number}: {message['content']['ename']}: "
                                         f"{message['content']['evalue']}")
                if message["msg_type"] == "execute_reply":
                    assert message["content"]["status"] == "ok", message["content"]
                    break
        return time.perf_counter() - start
    finally:
        socket.close()


def _rss_by_user(users: list[str]) -> dict[str, int]:
    """Resident memory (bytes) of each user's single-user server and its kernels, from /proc."""
    import psutil

    totals = dict.fromkeys(users, 0)
    for process in psutil.process_iter(["pid"]):
        try:
            user = process.environ().get("JUPYTERHUB_USER")
            if user in totals:
                totals[user] += process.memory_info().rss
        except (psutil.Error, OSError):
            continue
    return totals


def test_a_class_of_20_runs_lesson_03_at_once(hub, student_repo):
    url, token, homes = hub
    users = [f"student{n:02d}" for n in range(1, CLASS_SIZE + 1)]
    solo = "solo"  # times one user alone; not counted in the class's memory
    http(f"{url}/hub/api/users", token, "POST", {"usernames": [*users, solo]})
    for user in [*users, solo]:  # what the nbgitpuller link does on first visit: a clone in the user's home
        (homes / user).mkdir(exist_ok=True)
        subprocess.run(["git", "clone", "-q", str(student_repo), str(homes / user / "kpo-course")], check=True)
        http(f"{url}/hub/api/users/{user}/server", token, "POST")
    deadline = time.monotonic() + 300
    servers: dict[str, str] = {}
    while len(servers) < len(users) + 1:
        assert time.monotonic() < deadline, f"servers not ready after 300 s: {sorted(set(users) - set(servers))}"
        for user in [*users, solo]:
            model = http(f"{url}/hub/api/users/{user}", token)
            if model["servers"].get("", {}).get("ready"):
                servers[user] = f"{url}{model['servers']['']['url'].rstrip('/')}"
        time.sleep(1)
    cells = _code_cells(homes / users[0] / "kpo-course" / LOAD_LESSON)
    path = f"kpo-course/{LOAD_LESSON}"

    def run(selected: list[str]) -> list[float]:
        """Every selected user at once; in a thread of its own (Playwright's loop may hold this one)."""
        from concurrent.futures import ThreadPoolExecutor

        async def together() -> list[float]:
            return await asyncio.gather(*(_run_notebook(servers[u], token, path, cells) for u in selected))
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, together()).result()

    alone = run([solo])[0]
    idle_rss = _rss_by_user(users)
    started = time.perf_counter()
    times = run(users)
    wall = time.perf_counter() - started
    rss = _rss_by_user(users)  # kernels stay alive after a run, as in class
    mib = sorted(v / 2**20 for v in rss.values())
    idle_mib = sorted(v / 2**20 for v in idle_rss.values() if v)
    print(f"\nhub: {len(users)} users ran {LOAD_LESSON} ({len(cells)} code cells) at once")
    print(f"  one user alone: {alone:.1f} s")
    print(f"  under load: all finished in {wall:.1f} s; per user median {statistics.median(times):.1f} s, "
          f"max {max(times):.1f} s; slowdown {statistics.median(times) / alone:.1f}x (median), "
          f"{max(times) / alone:.1f}x (max) against one user")
    print(f"  memory per user (server + lesson 03 kernel, RSS): median {statistics.median(mib):.0f} MiB, "
          f"max {max(mib):.0f} MiB; class total {sum(mib) / 1024:.2f} GiB")
    if idle_mib:
        print(f"  memory of a server without a running lesson: median {statistics.median(idle_mib):.0f} MiB")
    assert len(times) == len(users)
    assert all(value > 0 for value in mib), "every user's server and kernel were found"
    for user in [*users, solo]:
        http(f"{url}/hub/api/users/{user}/server", token, "DELETE")
