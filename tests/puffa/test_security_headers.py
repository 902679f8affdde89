from django.urls import reverse


def test_every_page_carries_a_csp_without_inline_script(client, db):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    # Only our own files, or an inline script carrying the request's nonce (none is needed so far).
    assert directives["script-src"].split(" ")[0] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"


def test_pages_refuse_framing_and_sniffing(client, db):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_loads_anything_from_another_origin(login, staff_a):
    for response in (login(staff_a).get(reverse("home")), login(staff_a).get(reverse("agencies:list"))):
        for marker in ('src="http', 'href="http', "src='http", "href='http", 'src="//', 'href="//'):
            assert marker not in response.text
