"""Site-wide request rules: Chinese first, leadership changes nothing, signed-in responses are not cached,
and a year not opened is offered to the bureau to open."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control

from agencies.access import can_manage, is_read_only
from agencies.reads import shared_reads
from agencies.years import YearNotOpen

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# POSTs a read-only user may still make: they change nothing of the district's data (asking for the leader's
# brief writes only the brief).
READ_ONLY_ALLOWED_URL_NAMES = frozenset({"logout", "set_language", "login", "leader_brief"})


class ChineseFirstLocaleMiddleware:
    """Simplified Chinese unless the user chose another language with the switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language; a government intranet's browsers
    often say English while their users read Chinese, so only an explicit choice (the language
    cookie set by ``set_language``) moves away from the default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class ReadOnlyRoleMiddleware:
    """Leadership reads everything and changes nothing: any other POST from them answers 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS and is_read_only(request.user):
            try:
                url_name = resolve(request.path_info).url_name
            except Resolver404:
                url_name = None  # the URL does not exist: let it answer 404
            if url_name is not None and url_name not in READ_ONLY_ALLOWED_URL_NAMES:
                raise PermissionDenied
        return self.get_response(request)


class YearNotOpenMiddleware:
    """A year not opened answers 404 for everyone (``agencies.years``); the bureau administrator, who can open
    it, sees a page saying so with the 开启年度 button instead of the bare 404. Within the request each year's
    cycle is read from the database once, however many panels ask, and on a page that only reads, whatever
    else several parts of the page ask (``agencies.reads``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with shared_reads(only_reading=request.method in SAFE_METHODS):
            return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, YearNotOpen) and exception.can_open and can_manage(request.user):
            context = {"year": exception.year, "next": request.get_full_path()}
            return render(request, "puffa/year_not_open.html", context, status=404)
        return None


class PrivateResponsesMiddleware:
    """What a signed-in user is shown is theirs alone: no browser or proxy keeps a copy (``private, no-store``).

    Government offices share computers and proxies; a page or download cached there would outlive the
    session. A view that sets its own Cache-Control keeps it (an evidence thumbnail, private for an hour);
    anonymous responses (the public pages) stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
