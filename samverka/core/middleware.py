"""Swedish by default: the language follows the user's explicit choice, not the browser."""


class IgnoreBrowserLanguageMiddleware:
    """Drop Accept-Language so LocaleMiddleware uses the language cookie or LANGUAGE_CODE (sv).

    Municipal staff often run English-language browsers; the interface stays Swedish until the
    user picks English in the language menu, which sets the language cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
