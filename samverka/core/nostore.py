"""Nothing a signed-in user is shown may be kept by the browser or a proxy cache.

Participant pages, searches, exports and the progression pages carry confidential personal data;
so can any other page a signed-in user reaches (names in messages, the access log). Rather than
relying on each view to remember the header, every response to a signed-in user gets
`Cache-Control: no-store` (and `Pragma: no-cache` for old HTTP/1.0 caches). Anonymous responses
(the login page, static files) keep their normal caching.
"""


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response
