"""A small browser for the production tests: it keeps cookies, reads a page's forms and posts them back with the
fields a user would change, and sends what a browser (or a TLS proxy in front of gunicorn) sends.

Cookies are kept per site, not per port, as a browser keeps them: the two web servers of one site on two ports
share a login, as they would behind one load balancer. Secure cookies are sent too when the proxy is said to
speak HTTPS to the browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urljoin, urlsplit

import requests

TIMEOUT = 30


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "input" and a.get("name") and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    form.fields.append((a["name"], a.get("value", "on")))
            elif kind == "submit":
                form.buttons.append((a["name"], a.get("value", "")))
            elif kind != "file":
                form.fields.append((a["name"], a.get("value", "")))
        elif tag == "button" and a.get("name"):
            form.buttons.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            form.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.forms[-1].fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None


def forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


class Browser:
    def __init__(self, base_url: str, *, behind_tls_proxy: bool = False, cookies: dict[str, str] | None = None):
        self.base_url = base_url.rstrip("/")
        self.behind_tls_proxy = behind_tls_proxy
        self.cookies = cookies if cookies is not None else {}
        self.session = requests.Session()

    def on(self, base_url: str) -> Browser:
        """The same browser (the same cookies) at another server of the site."""
        return Browser(base_url, behind_tls_proxy=self.behind_tls_proxy, cookies=self.cookies)

    def _headers(self, url: str, referer: str | None) -> dict[str, str]:
        headers = {"Accept-Language": "zh-CN,zh;q=0.9"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        scheme = "https" if self.behind_tls_proxy else "http"
        if self.behind_tls_proxy:
            headers["X-Forwarded-Proto"] = "https"
            headers["X-Forwarded-For"] = "192.0.2.10"  # the browser's address, as the proxy passes it on
        if referer:
            parts = urlsplit(urljoin(self.base_url + "/", referer))
            headers["Referer"] = parts._replace(scheme=scheme).geturl()
            headers["Origin"] = f"{scheme}://{parts.netloc}"
        return headers

    def request(self, method: str, path: str, *, referer: str | None = None, **kwargs) -> requests.Response:
        url = urljoin(self.base_url + "/", path)
        response = self.session.request(
            method, url, headers=self._headers(url, referer), allow_redirects=False, timeout=TIMEOUT, **kwargs
        )
        self.session.cookies.clear()  # ours are in self.cookies, sent whatever their Secure flag says
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":  # the server deletes it
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str, *, follow: bool = True) -> requests.Response:
        response = self.request("GET", path)
        while follow and response.status_code in {301, 302, 303}:
            response = self.request("GET", _local_path(response.headers["Location"]))
        return response

    def submit(
        self,
        path: str,
        *,
        form: str = "",
        data: dict[str, str | list[str]] | None = None,
        files: list[tuple[str, tuple[str, bytes, str]]] | None = None,
        button: str | None = None,
        follow: bool = True,
        page: requests.Response | None = None,
    ) -> requests.Response:
        """Post the first form of the page at ``path`` whose action contains ``form`` (the page's own, with no
        action, by default) with the given fields changed, as a browser would. ``page``: the page already in hand
        (the answer to a form posted to ``path``), instead of getting ``path`` again."""
        page = page if page is not None else self.get(path)
        assert page.status_code == 200, f"GET {path}: {page.status_code}"
        found = _pick(forms(page.text), form, path)
        changed = data or {}
        fields = [(key, value) for key, value in found.fields if key not in changed]
        for key, value in changed.items():
            fields += [(key, item) for item in value] if isinstance(value, list) else [(key, value)]
        if button:  # "name=value" of the button pressed
            fields.append(tuple(button.split("=", 1)))
        action = urljoin(page.url, found.action) if found.action else page.url
        response = self.request("POST", _local_path(action), referer=path, data=fields, files=files or None)
        while follow and response.status_code in {301, 302, 303}:
            response = self.request("GET", _local_path(response.headers["Location"]))
        return response

    def login(self, username: str, password: str) -> None:
        response = self.submit("/login/", form="", data={"username": username, "password": password}, follow=False)
        assert response.status_code == 302, f"login of {username}: {response.status_code}\n{response.text[-2000:]}"


def _local_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _pick(found: list[Form], which: str, path: str) -> Form:
    # The language switch and the logout button on every page are never the form meant.
    posting = [
        form
        for form in found
        if form.method == "post" and which in form.action and not any(x in form.action for x in ("/i18n/", "/logout/"))
    ]
    assert posting, f"no form posting to {which!r} on {path}: {[form.action for form in found]}"
    return posting[0]


def first_link(html: str, pattern: str) -> str:
    match = re.search(rf'href="({pattern})"', html)
    assert match, f"no link like {pattern}"
    return match.group(1)
