"""The Python client openapi-python-client generates from the spec files an application with a
group holding booleans on the running server, and it is accepted, stored as sent and read
back through the client's own ``getApplication`` (issue 19, "Tests (real peers)")."""

from __future__ import annotations

import copy
import io
from pathlib import Path

from tests.openapi.clients import generate, imported
from tests.openapi.test_openapi_clients import HOUSEHOLD, SETTINGS
from tests.serve.conftest import start, stop


def test_a_generated_client_files_a_group_with_booleans(tmp_path: Path) -> None:
    import yaml

    root = tmp_path / "procedures"
    root.mkdir()
    (root / "procgen.yaml").write_text(SETTINGS, "utf-8")
    (root / "household-declaration.yaml").write_text(HOUSEHOLD, "utf-8")
    out = tmp_path / "generated"
    from procgen.build import build

    assert not build(root, out, targets=["openapi"]).failed
    spec_path = out / "openapi" / "household-declaration.yaml"
    spec = yaml.safe_load(spec_path.read_text("utf-8"))
    body = spec["components"]["requestBodies"]["HouseholdDeclarationApplication"]
    example = body["content"]["multipart/form-data"]["examples"]["complete"]["value"]
    answers = spec["components"]["requestBodies"]["HouseholdDeclarationAnswers"]["content"][
        "application/json"]["example"]
    assert any(isinstance(v, bool) for v in answers.values())
    assert any(isinstance(v, bool) for entry in answers["members"] for v in entry.values())
    pdf = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
    package = generate(spec_path, tmp_path / "client", "household_client")
    live = start(tmp_path / "data", "--api", root=root, probe="/v1/procedures")
    try:
        with imported(package) as client:
            models = __import__(f"{package.name}.models", fromlist=["x"])
            types = __import__(f"{package.name}.types", fromlist=["x"])
            submit = __import__(f"{package.name}.api.household_declaration."
                                "submit_household_declaration_application", fromlist=["x"])
            status = __import__(f"{package.name}.api.applications.get_application",
                                fromlist=["x"])
            application = models.HouseholdDeclarationApplication.from_dict(
                {**copy.deepcopy({k: v for k, v in example.items() if k != "household-book"}),
                 "household-book": pdf})
            application.household_book = types.File(
                payload=io.BytesIO(pdf), file_name="so-ho-khau.pdf", mime_type="application/pdf")
            session = client.AuthenticatedClient(base_url=live.url + "/v1", token="t0ken")
            response = submit.sync_detailed(client=session, body=application)
            assert response.status_code == 201, response.content
            filed = response.parsed
            assert filed.status.value == "received"
            read = status.sync_detailed(application_id=filed.application_id, client=session)
            assert read.status_code == 200 and read.parsed.application_id == (
                filed.application_id)
            stranger = client.AuthenticatedClient(base_url=live.url + "/v1", token="other")
            assert status.sync_detailed(application_id=filed.application_id,
                                        client=stranger).status_code == 403
    finally:
        stop(live)
    from procgen.serve.store import open_store

    store = open_store("serve.sqlite3", tmp_path / "data")
    try:
        stored = store.application(filed.application_id)
    finally:
        store.close()
    assert stored is not None and stored.answers == answers
    [kept] = stored.files
    assert kept.document == "household-book" and kept.media_type == "application/pdf"
    assert (tmp_path / "data" / "uploads" / kept.sha256[:2] / kept.sha256).read_bytes() == pdf
