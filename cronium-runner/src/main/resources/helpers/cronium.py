"""Cronium's helpers for Python scripts. ``import cronium``.

They call Cronium's helper API when the run can reach it (CRONIUM_API_URL); otherwise - or once the API stops
answering, which they log - they work from the files next to the script (bundled mode), with the same results.

cronium.input()                 the run's input (parsed JSON; None when there is none)
cronium.output(value)           the run's result, handed to the next step; must be JSON-serialisable
cronium.log(message, level)     a structured log line (debug, info, warn, error; default info), shown apart
cronium.getVariable(key)        the variable's value (a string), or None
cronium.setVariable(key, value) sets the user's variable (a string; other values are stored as JSON)
cronium.event()                 the current event's metadata (a dict)
cronium.sleep(ms)               waits ms milliseconds
cronium.fetch(url, options)     HTTP: options method, headers, body, timeout (s); a Response with status, headers,
                                text() and json(); to Cronium itself with the run's helper token
"""
import hashlib
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

_HELPERS = os.environ.get("CRONIUM_HELPERS")
_STATE = os.environ.get("CRONIUM_HELPER_STATE") or _HELPERS
_NONCE = os.environ.get("CRONIUM_HELPER_NONCE", "")
_LEVELS = ("debug", "info", "warn", "error")
_API = os.environ.get("CRONIUM_API_URL")
_TOKEN = os.environ.get("CRONIUM_HELPER_TOKEN")
_api = bool(_API and _TOKEN)


def _require_run():
    if not _HELPERS:
        raise RuntimeError("cronium: not inside a Cronium run")


def _emit(line):
    # one write of the whole line, flushed at once: the run reads it live, in order with the script's own output
    sys.stderr.write("\x1ecronium:%s:%s\n" % (_NONCE, line))
    sys.stderr.flush()


def _hex(text):
    return text.encode("utf-8").hex()


def _name(key):
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _call(method, path, body=None, content_type="text/plain; charset=utf-8"):
    """(status, body bytes) from the helper API, or None when there is none to reach (bundled mode)."""
    global _api
    if not _api:
        return None
    data = body.encode("utf-8") if isinstance(body, str) else body
    request = urllib.request.Request(_API + "/api/v1/helper/" + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + _TOKEN, "Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, OSError) as e:
        _api = False
        _emit("log warn " + _hex("cronium: the helper API at %s is unreachable (%s): using the bundled helpers"
                                  % (_API, getattr(e, "reason", e))))
        return None


def _detail(body):
    try:
        return json.loads(body).get("detail", "")
    except ValueError:
        return body.decode("utf-8", "replace")


def _checked(answer, what):
    status, body = answer
    if status >= 400:
        raise (ValueError if status == 422 else RuntimeError)("%s: %s" % (what, _detail(body)))
    return body


def _read(name):
    with open(os.path.join(_HELPERS, name), encoding="utf-8") as f:
        return f.read()


def input():  # noqa: A001 - the helper's documented name
    _require_run()
    answer = _call("GET", "input")
    return json.loads(_checked(answer, "cronium.input") if answer else _read("input.json"))


def event():
    _require_run()
    answer = _call("GET", "event")
    return json.loads(_checked(answer, "cronium.event") if answer else _read("event.json"))


def output(value):
    _require_run()
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise TypeError("cronium.output: the value is not JSON-serialisable: %s" % e) from None
    answer = _call("POST", "output", text, "application/json")
    if answer:
        _checked(answer, "cronium.output")
    else:
        _emit("output " + _hex(text))


def log(message, level="info"):
    _require_run()
    if level not in _LEVELS:
        raise ValueError("cronium.log: level must be one of %s, not %r" % (", ".join(_LEVELS), level))
    answer = _call("POST", "log?level=" + level, str(message))
    if answer:
        _checked(answer, "cronium.log")
    else:
        _emit("log %s %s" % (level, _hex(str(message))))


def getVariable(key):  # noqa: N802 - the same name in every language
    _require_run()
    answer = _call("GET", "variables/" + urllib.parse.quote(str(key), safe=""))
    if answer:
        if answer[0] == 404:
            return None
        return _checked(answer, "cronium.getVariable").decode("utf-8")
    name = _name(str(key))
    for directory in (_STATE, _HELPERS):
        path = os.path.join(directory, "vars", name)
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                return f.read()
    return None


def setVariable(key, value):  # noqa: N802
    _require_run()
    key = str(key)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    os.makedirs(os.path.join(_STATE, "vars"), exist_ok=True)
    answer = _call("PUT", "variables/" + urllib.parse.quote(key, safe=""), text)
    if answer:
        _checked(answer, "cronium.setVariable")
    with open(os.path.join(_STATE, "vars", _name(key)), "w", encoding="utf-8") as f:
        f.write(text)
    if not answer:
        _emit("set %s %s" % (_hex(key), _hex(text)))


def sleep(ms):
    time.sleep(ms / 1000.0)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.ok = 200 <= status < 300
        self.headers = headers
        self._body = body

    def text(self):
        return self._body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self._body)


def fetch(url, options=None):
    options = options or {}
    body = options.get("body")
    if body is not None and not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode("utf-8")
    headers = dict(options.get("headers", {}))
    if _API and _TOKEN and url.startswith(_API + "/") and "Authorization" not in headers:
        headers["Authorization"] = "Bearer " + _TOKEN  # Cronium itself: the run's own authority
    request = urllib.request.Request(url, data=body, method=options.get("method", "GET"), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=options.get("timeout", 30)) as answer:
            return Response(answer.status, dict(answer.headers), answer.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, dict(e.headers), e.read())
