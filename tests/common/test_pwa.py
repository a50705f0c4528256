"""The installable app's manifest and service worker are served from the site root."""

import json


def test_manifest_and_worker_at_the_root(client):
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = json.loads(manifest.content)
    assert data["start_url"] == "/scan" and data["scope"] == "/"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    worker = client.get("/sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith(
        "application/javascript")
    assert worker["Cache-Control"] == "no-cache"
    body = worker.content.decode()
    assert '"/static/js/offline.js"' in body and 'var STATIC_URL = "/static/";' in body
    assert "zxing" not in body  # the decoder is cached on demand, not at install
