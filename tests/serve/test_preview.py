"""The authors' preview: the index, the forms as the build writes them (with the server's
session, CSRF token and page language added), the form posted without JavaScript, a broken
file shown as its diagnostics until it is fixed, and the submissions view."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import PROCEDURES, emit_project
from tests.serve.conftest import DAY
from tests.serve.helpers import application

FORM = "/web/vi/birth-registration.html"
URL = "/api/procedures/birth-registration/applications"


def csrf(page: str) -> str:
    found = re.search(r'name="_csrf" value="([^"]+)"', page)
    assert found, "the served form carries its CSRF token"
    return found.group(1)


def test_the_index_lists_every_procedure_in_both_languages(server: Any, site: Any) -> None:
    page = server.get("/", headers={"Accept-Language": "en"}).text
    for p in site.snapshot.portal.procedures:
        assert f'href="/web/vi/{p.id}.html"' in page and f'href="/web/en/{p.id}.html"' in page
    assert "Procedures preview" in page
    assert "Xem trước các thủ tục" in server.get("/").text  # Vietnamese first


def test_a_form_is_the_built_page_with_the_servers_parts_added(server: Any) -> None:
    import procgen

    _, files, _ = emit_project(PROCEDURES, "web", procgen.__version__)
    built = files[FORM.lstrip("/")].decode("utf-8")
    got = server.get(FORM)
    assert got.cookies.get("pg_session")
    served = re.sub(r'<input type="hidden" name="_(csrf|lang)" value="[^"]*">', "", got.text)
    assert served == built
    assert '<input type="hidden" name="_lang" value="vi">' in got.text
    assert server.get("/web/assets/procgen.js").content == files["web/assets/procgen.js"]


def test_a_form_posted_without_javascript_gets_its_receipt(server: Any, site: Any) -> None:
    page = server.get(FORM).text
    _, items = application(site.snapshot.portal.procedure("birth-registration"))
    items += [("_csrf", (None, csrf(page).encode())), ("_lang", (None, b"vi"))]
    browser = {"Accept": "text/html,application/xhtml+xml", "Origin": "http://127.0.0.1:8000",
               "Sec-Fetch-Site": "same-origin"}
    got = server.post(URL, files=items, headers=browser)
    assert got.status_code == 201, got.text
    assert got.headers["content-type"].startswith("text/html")
    assert "Đã nhận hồ sơ" in got.text
    [application_id] = server.store.application_ids()
    assert application_id in got.text
    # the session that filed it may read it; the JSON status is the same as a bearer's
    status = server.get(f"/api/applications/{application_id}")
    assert status.status_code == 200 and status.json()["application_id"] == application_id


@pytest.mark.parametrize("change", ["no token", "wrong token", "cross-site", "other origin",
                                    "null origin, no fetch site"])
def test_a_cookie_post_without_its_csrf_proof_is_refused(server: Any, site: Any,
                                                         change: str) -> None:
    page = server.get(FORM).text
    _, items = application(site.snapshot.portal.procedure("birth-registration"))
    headers = {"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"}
    token = csrf(page)
    if change == "wrong token":
        token = token[::-1]
    if change == "cross-site":
        headers["Sec-Fetch-Site"] = "cross-site"
    if change == "other origin":
        headers["Origin"] = "https://evil.example"
    if change.startswith("null origin"):  # a sandboxed page's post: its origin is opaque
        headers = {"Origin": "null"}
    if change != "no token":
        items.append(("_csrf", (None, token.encode())))
    got = server.post(URL, files=items, headers=headers)
    assert got.status_code == 401
    assert server.store.application_ids() == []


def test_a_refusal_without_javascript_lists_the_problems_in_the_pages_language(
        server: Any) -> None:
    page = server.get("/web/en/birth-registration.html").text
    items = [("_csrf", (None, csrf(page).encode())), ("_lang", (None, b"en")),
             ("child_full_name", (None, b"An"))]
    got = server.post(URL, files=items, headers={"Accept": "text/html"})
    assert got.status_code == 422
    assert "The application was not sent" in got.text
    assert "Full name of the child" in got.text or "child" in got.text.lower()
    shown = server.get("/_preview/submissions", headers={"Accept-Language": "en"}).text
    assert "Refused (422)" in shown and "answer-missing" in shown


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "procedures"
    shutil.copytree(PROCEDURES, copy)
    return copy


def test_a_broken_file_shows_its_diagnostics_until_it_is_fixed(project: Path,
                                                               tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from procgen.serve.app import Options, create_app
    from procgen.serve.site import Site
    from procgen.serve.store import open_store

    site = Site(project)
    store = open_store("s.sqlite3", tmp_path)
    app = create_app(site, store, tmp_path / "uploads", Options(watch=True, today=DAY))
    path = project / "birth-registration.yaml"
    good = path.read_text("utf-8")
    with TestClient(app) as client:
        before = client.get(FORM).text
        path.write_text(good.replace("id: birth-registration", "id: birth-registration\n"
                                     "no_such_key: 1", 1), "utf-8")
        assert site.reload([path]) == {"birth-registration"}
        broken = client.get(FORM)
        assert broken.status_code == 200
        assert "birth-registration.yaml:" in broken.text and "no_such_key" in broken.text
        assert 'data-watch="birth-registration"' in broken.text
        assert "birth-registration.yaml" in client.get("/").text  # the index names it
        # the API no longer offers it either: one compile for both
        assert client.get("/api/procedures/birth-registration").status_code == 404
        path.write_text(good.replace("title: {vi: Đăng ký khai sinh,",
                                     "title: {vi: Đăng ký khai sinh (sửa),", 1), "utf-8")
        site.reload([path])
        again = client.get(FORM).text
        assert "Đăng ký khai sinh (sửa)" in again and again != before
        assert '<script src="/_preview/reload.js" defer' in again
        assert client.get("/api/procedures/birth-registration").status_code == 200
    store.close()


def test_a_shared_file_edit_recompiles_everything(project: Path) -> None:
    from procgen.serve.site import Site

    site = Site(project)
    settings = project / "procgen.yaml"
    changed = site.reload([settings])
    assert changed == {p.id for p in site.snapshot.portal.procedures}


def test_a_localitys_site_is_served_with_its_values(server: Any, site: Any) -> None:
    national = server.get(FORM).text
    local = server.get("/sites/ha-noi/web/vi/birth-registration.html")
    assert local.status_code == 200
    assert local.text != national
    assert server.get("/sites/atlantis/web/vi/birth-registration.html").status_code == 404


def test_watch_recompiles_on_save_and_tells_the_open_page(project: Path,
                                                          tmp_path: Path) -> None:
    import threading

    import httpx
    from tests.serve.conftest import start, stop

    live = start(tmp_path / "data", "--watch", root=project)
    events: list[str] = []
    ready = threading.Event()

    def listen() -> None:
        with httpx.stream("GET", live.url + "/_preview/events", timeout=20) as stream:
            for line in stream.iter_lines():
                ready.set()
                if line.startswith("data: "):
                    events.append(line[6:])
                    return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    try:
        assert ready.wait(10)
        path = project / "birth-registration.yaml"
        path.write_text(path.read_text("utf-8").replace(
            "title: {vi: Đăng ký khai sinh,", "title: {vi: Đăng ký khai sinh mới,", 1), "utf-8")
        listener.join(15)
        assert events == ["birth-registration"]
        page = httpx.get(live.url + FORM).text
        assert "Đăng ký khai sinh mới" in page
        assert '<script src="/_preview/reload.js" defer data-watch="birth-registration">' in page
    finally:
        stop(live)
