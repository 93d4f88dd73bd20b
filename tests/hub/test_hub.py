#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors
"""A loopback stand-in for the Hugging Face Hub, for Atrium's tests and benchmarks.

Two HTTP servers on 127.0.0.1: the API/resolver port (what HF_ENDPOINT points at) and a second port that plays
the CDN the resolver redirects LFS files to. Repositories are built from the shared GGUF test models (and any
files given with --add-file). It speaks the endpoints of docs/hub-api.md: /api/models search with filters, sort,
limit and Link cursor paging; model info with siblings, lfs, gguf, cardData and gated; tree listings; refs;
whoami-v2; resolve (GET and HEAD) with 302 to the CDN port and X-Repo-Commit / X-Linked-Etag / X-Linked-Size;
Range / 206 on both ports (http.server itself ignores Range, so ranges are handled here).

Faults are injected through a control endpoint on the API port (or --fault at start):
  POST /_control/faults   body: a JSON list of rules, replacing the current ones; each rule:
      {"port": "api"|"cdn"|"any", "path": "<substring of the request path>", "method": "GET",
       "kind": "drop"     (close the connection after "after" body bytes)
             | "corrupt"  (flip the byte at file offset "offset")
             | "status"   (answer "status", with "retry_after" seconds and "error_code" if given)
             | "slow"     (send at "rate" bytes per second)
             | "stall"    (send "after" bytes, then go quiet for "seconds" and close)
             | "redirect" (resolve answers 302 to "location")
             | "size_lie" (X-Linked-Size and Content-Length off by "delta")
             | "ignore_range" (answer 200 with the whole file, as a proxy that drops Range would),
       "times": N (how many matching requests it hits; -1 = every one; default 1)}
  GET  /_control/requests  the request log (port, method, path, range, authorization, status)
  POST /_control/reset     clears faults and the log (and the page sizes)
  POST /_control/config    {"tree_page_size": N, "search_page_size": N}: smaller pages to exercise Link paging
The server prints "api_port=N cdn_port=M" on stdout once it listens.
"""

import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse

SECRET = os.urandom(16)
FIXED_TIME = "2026-05-01T10:00:00.000Z"
CREATED_TIME = "2025-11-02T08:30:00.000Z"


# --- GGUF metadata (enough for the "gguf" summary of model info) --------------------------------------------------

def read_gguf_summary(path):
    """Returns {"architecture", "context_length", "total", "chat_template", "bos_token", "eos_token"} or {}."""
    try:
        with open(path, "rb") as f:
            data = f.read(min(os.path.getsize(path), 16 * 1024 * 1024))
    except OSError:
        return {}
    if data[:4] != b"GGUF":
        return {}
    pos = 8
    n_tensors, n_kv = struct.unpack_from("<QQ", data, pos)
    pos += 16
    scalar = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}

    def read_str(p):
        (n,) = struct.unpack_from("<Q", data, p)
        return data[p + 8:p + 8 + n].decode("utf-8", "replace"), p + 8 + n

    def read_value(t, p):
        if t in scalar:
            fmt = scalar[t]
            return struct.unpack_from(fmt, data, p)[0], p + struct.calcsize(fmt)
        if t == 8:
            return read_str(p)
        if t == 9:
            et, n = struct.unpack_from("<IQ", data, p)
            p += 12
            out = []
            for _ in range(n):
                v, p = read_value(et, p)
                out.append(v)
            return out, p
        raise ValueError("bad gguf type")

    kv = {}
    for _ in range(n_kv):
        key, pos = read_str(pos)
        (t,) = struct.unpack_from("<I", data, pos)
        value, pos = read_value(t, pos + 4)
        kv[key] = value
    total = 0
    for _ in range(n_tensors):
        _, pos = read_str(pos)
        (n_dims,) = struct.unpack_from("<I", data, pos)
        dims = struct.unpack_from("<%dQ" % n_dims, data, pos + 4)
        pos += 4 + 8 * n_dims + 4 + 8
        count = 1
        for d in dims:
            count *= d
        total += count
    arch = kv.get("general.architecture", "")
    tokens = kv.get("tokenizer.ggml.tokens", [])
    summary = {"total": total, "architecture": arch}
    if arch + ".context_length" in kv:
        summary["context_length"] = kv[arch + ".context_length"]
    if "tokenizer.chat_template" in kv:
        summary["chat_template"] = kv["tokenizer.chat_template"]
    for name in ("bos", "eos"):
        tid = kv.get("tokenizer.ggml.%s_token_id" % name)
        if tid is not None and tid < len(tokens):
            summary[name + "_token"] = tokens[tid]
    return summary


# --- Repositories -------------------------------------------------------------------------------------------------

class RepoFile:
    def __init__(self, path, source=None, data=None, lfs=None):
        self.path = path
        self.source = source
        self.data = data
        if data is None:
            self.size = os.path.getsize(source)
            sha = hashlib.sha256()
            git = hashlib.sha1(b"blob %d\0" % self.size)
            with open(source, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    sha.update(chunk)
                    git.update(chunk)
        else:
            self.size = len(data)
            sha = hashlib.sha256(data)
            git = hashlib.sha1(b"blob %d\0" % self.size + data)
        self.sha256 = sha.hexdigest()
        self.git_sha1 = git.hexdigest()
        self.lfs = lfs if lfs is not None else not path.endswith((".md", ".json", ".txt"))

    def open(self):
        if self.data is not None:
            import io
            return io.BytesIO(self.data)
        return open(self.source, "rb")

    def tree_entry(self):
        entry = {"type": "file", "path": self.path, "size": self.size, "oid": self.git_sha1}
        if self.lfs:
            entry["lfs"] = {"oid": self.sha256, "size": self.size, "pointerSize": 134}
        return entry

    def sibling(self, blobs):
        entry = {"rfilename": self.path}
        if blobs:
            entry["size"] = self.size
            entry["blobId"] = self.git_sha1
            if self.lfs:
                entry["lfs"] = {"size": self.size, "sha256": self.sha256, "pointerSize": 134}
        return entry


class Repo:
    def __init__(self, repo_id, **kw):
        self.id = repo_id
        self.author = repo_id.split("/")[0]
        self.files = {}
        self.downloads = kw.get("downloads", 0)
        self.likes = kw.get("likes", 0)
        self.trending = kw.get("trending", 0)
        self.last_modified = kw.get("last_modified", FIXED_TIME)
        self.created_at = kw.get("created_at", CREATED_TIME)
        self.pipeline_tag = kw.get("pipeline_tag", "text-generation")
        self.library_name = kw.get("library_name", "gguf")
        self.tags = kw.get("tags", ["gguf", "llama", "license:mit"])
        self.gated = kw.get("gated", False)
        self.card_data = kw.get("card_data", {"license": "mit"})
        self.gguf = None

    def add(self, repo_file):
        self.files[repo_file.path] = repo_file
        if self.gguf is None and repo_file.path.endswith(".gguf") and repo_file.source:
            self.gguf = read_gguf_summary(repo_file.source) or None

    @property
    def sha(self):
        h = hashlib.sha1(self.id.encode())
        for path in sorted(self.files):
            h.update(path.encode("utf-8", "surrogateescape") + self.files[path].sha256.encode())
        return h.hexdigest()

    def properties(self, blobs):
        return {
            "_id": hashlib.md5(self.id.encode()).hexdigest()[:24], "id": self.id, "modelId": self.id,
            "author": self.author, "sha": self.sha, "lastModified": self.last_modified, "createdAt": self.created_at,
            "private": False, "gated": self.gated, "disabled": False, "downloads": self.downloads,
            "downloadsAllTime": self.downloads * 7, "likes": self.likes, "trendingScore": self.trending,
            "library_name": self.library_name, "pipeline_tag": self.pipeline_tag, "tags": self.tags,
            "cardData": self.card_data, "gguf": self.gguf, "siblings": [f.sibling(blobs) for f in self.files.values()],
            "spaces": [], "usedStorage": sum(f.size for f in self.files.values()),
        }


def readme(title, front_matter):
    lines = ["---"]
    for key, value in front_matter.items():
        if isinstance(value, list):
            lines.append("%s:" % key)
            lines += ["- %s" % v for v in value]
        else:
            lines.append("%s: %s" % (key, value))
    lines += ["---", "", "# " + title, "", "A small test repository for Atrium's hub client.", ""]
    return "\n".join(lines).encode()


def build_repos(models_dir, extra_files):
    repos = {}

    def add_repo(repo):
        repos[repo.id] = repo
        return repo

    stories = add_repo(Repo("atrium-test/stories260K-GGUF", downloads=5000, likes=40, trending=12,
                            tags=["gguf", "llama", "text-generation", "license:mit", "base_model:karpathy/tinyllamas"],
                            card_data={"license": "mit", "base_model": "karpathy/tinyllamas",
                                       "quantized_by": "atrium-test"}))
    stories.add(RepoFile("README.md", data=readme("stories260K GGUF", {
        "license": "mit", "base_model": "karpathy/tinyllamas", "library_name": "gguf",
        "tags": ["gguf", "llama"]})))
    for name in sorted(os.listdir(models_dir)):
        if name.startswith("stories260K") and name.endswith(".gguf"):
            stories.add(RepoFile(name, source=os.path.join(models_dir, name)))

    arch = add_repo(Repo("atrium-test/tiny-arch-GGUF", downloads=800, likes=90, trending=30,
                         last_modified="2026-06-11T09:00:00.000Z", tags=["gguf", "qwen2", "license:apache-2.0"],
                         card_data={"license": "apache-2.0"}))
    arch.add(RepoFile("README.md", data=readme("Tiny architectures", {"license": "apache-2.0"})))
    arch_dir = os.path.join(models_dir, "arch")
    for name in sorted(os.listdir(arch_dir)):
        if name.endswith("-Q8_0.gguf"):
            arch.add(RepoFile("Q8_0/" + name if name.startswith("phi3") else name, source=os.path.join(arch_dir, name)))

    gated = add_repo(Repo("atrium-test/gated-GGUF", downloads=300, likes=5, trending=1, gated="manual",
                          tags=["gguf", "llama", "license:other"],
                          card_data={"license": "other", "license_name": "atrium-test-licence",
                                     "extra_gated_prompt": "You agree to use this model for testing only."}))
    gated.add(RepoFile("README.md", data=readme("Gated", {"license": "other",
                                                          "extra_gated_prompt": "You agree to testing only."})))
    gated.add(RepoFile("stories260K-Q5_0mix.gguf", source=os.path.join(models_dir, "stories260K-Q5_0mix.gguf")))

    hostile = add_repo(Repo("atrium-test/hostile-names", downloads=1, tags=["gguf", "license:mit"]))
    payload = b"GGUF-not-really" * 64
    for name in ["../escape.gguf", "/etc/passwd.gguf", "dir/../../escape.gguf", "a\\b.gguf", "C:evil.gguf",
                 "CON.gguf", "sub/nul", "com1.gguf", "bad\x01name.gguf", "ok.gguf"]:
        hostile.add(RepoFile(name, data=payload, lfs=True))

    for i in range(12):
        pager = add_repo(Repo("atrium-test/pager-%02d" % i, downloads=1000 - i * 10, likes=i, trending=i % 4,
                              library_name="gguf" if i % 2 == 0 else "transformers",
                              pipeline_tag="text-generation" if i % 3 else "image-text-to-text",
                              created_at="2025-%02d-01T00:00:00.000Z" % (i + 1),
                              tags=(["gguf"] if i % 2 == 0 else ["transformers"]) + ["license:mit"]))
        pager.add(RepoFile("README.md", data=readme("pager %d" % i, {"license": "mit"})))

    other = add_repo(Repo("other-org/Other-Model-GGUF", downloads=42, likes=2, tags=["gguf", "license:mit"]))
    other.add(RepoFile("README.md", data=b"No front matter here.\n"))
    other.add(RepoFile("other-Q8_0.gguf", source=os.path.join(models_dir, "stories260K-Q8_0mix.gguf")))

    for spec in extra_files:
        repo_and_path, source = spec.split("=", 1)
        repo_id, path = repo_and_path.split(":", 1)
        repo = repos.get(repo_id) or add_repo(Repo(repo_id))
        repo.add(RepoFile(path, source=source, lfs=True))
    return repos


# --- State shared by both ports ---------------------------------------------------------------------------------

class Hub:
    def __init__(self, repos, tokens):
        self.repos = repos
        self.tokens = set(tokens)
        self.lock = threading.Lock()
        self.faults = []
        self.log = []
        self.api_port = 0
        self.cdn_port = 0
        self.tree_page_size = 1000
        self.search_page_size = 1000
        self.blobs = {}
        for repo in repos.values():
            for f in repo.files.values():
                self.blobs[f.sha256] = f

    def take_fault(self, port, method, path):
        with self.lock:
            for rule in self.faults:
                if rule.get("times", 1) == 0:
                    continue
                if rule.get("port", "any") not in ("any", port):
                    continue
                if rule.get("method") and rule["method"] != method:
                    continue
                if rule.get("path", "") not in urllib.parse.unquote(path):
                    continue
                if rule.get("times", 1) > 0:
                    rule["times"] = rule.get("times", 1) - 1
                return dict(rule)
        return None

    def record(self, entry):
        with self.lock:
            self.log.append(entry)

    def signature(self, sha256):
        return hmac.new(SECRET, sha256.encode(), hashlib.sha256).hexdigest()[:32]


# --- HTTP handlers ------------------------------------------------------------------------------------------------

class BaseHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "AtriumTestHub/1.0"
    port_name = "api"
    hub = None

    def log_message(self, fmt, *args):  # keep test output quiet
        pass

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def begin(self):
        """Parses the request and applies a matching fault; returns the fault (or None)."""
        self.parsed = urllib.parse.urlsplit(self.path)
        self.query = urllib.parse.parse_qs(self.parsed.query, keep_blank_values=True)
        self.status_sent = 0
        self.body_sent = 0
        self.fault = self.hub.take_fault(self.port_name, self.command, self.parsed.path)
        # Logged on arrival (status and byte count are filled in when the answer is done), so a test that saw its
        # transfer end always finds the request in the log.
        self.entry = {"port": self.port_name, "method": self.command, "path": self.path,
                      "range": self.headers.get("Range"), "authorization": self.headers.get("Authorization"),
                      "user_agent": self.headers.get("User-Agent"), "status": 0, "bytes": 0,
                      "fault": (self.fault or {}).get("kind")}
        if not self.parsed.path.startswith("/_control/"):
            self.hub.record(self.entry)
        return self.fault

    def finish_record(self):
        with self.hub.lock:
            self.entry["status"] = self.status_sent
            self.entry["bytes"] = self.body_sent

    def send(self, status, body=b"", headers=None, content_type="application/json"):
        self.status_sent = status
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
            self.body_sent = len(body)

    def send_json(self, value, headers=None, status=200):
        self.send(status, json.dumps(value).encode(), headers)

    def send_error_json(self, status, message, error_code=None, headers=None):
        extra = dict(headers or {})
        if error_code:
            extra["X-Error-Code"] = error_code
            extra["X-Error-Message"] = message
        self.send_json({"error": message}, extra, status)

    def apply_status_fault(self):
        f = self.fault
        if not f or f.get("kind") != "status":
            return False
        headers = {}
        if "retry_after" in f:
            headers["Retry-After"] = str(f["retry_after"])
        if f.get("status") == 429:
            headers["RateLimit"] = '"api";r=0;t=%d' % f.get("retry_after", 1)
            headers["RateLimit-Policy"] = '"fixed window";"api";q=500;w=300'
        self.send_error_json(f.get("status", 500), f.get("message", "injected failure"), f.get("error_code"), headers)
        return True

    def send_file(self, repo_file, headers):
        """Sends a file with Range support and the body faults (drop, corrupt, slow, stall, size_lie)."""
        size = repo_file.size
        start, end = 0, size - 1
        status = 200
        range_header = self.headers.get("Range")
        if (self.fault or {}).get("kind") == "ignore_range":
            range_header = None  # like a proxy that drops Range: the whole file with 200
        if range_header and range_header.startswith("bytes="):
            first, _, last = range_header[6:].split(",")[0].strip().partition("-")
            try:
                if first == "":
                    start, end = max(0, size - int(last)), size - 1
                else:
                    start = int(first)
                    end = min(int(last), size - 1) if last else size - 1
            except ValueError:
                start, end = -1, -1
            if start < 0 or start >= size or end < start:
                self.send(416, b"", {"Content-Range": "bytes */%d" % size}, None)
                return
            status = 206
        f = self.fault or {}
        length = end - start + 1
        headers = dict(headers)
        headers["Accept-Ranges"] = "bytes"
        if status == 206:
            headers["Content-Range"] = "bytes %d-%d/%d" % (start, end, size)
        declared = length + (f.get("delta", 0) if f.get("kind") == "size_lie" else 0)
        self.status_sent = status
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(declared))
        self.end_headers()
        if self.command == "HEAD":
            return
        kind = f.get("kind")
        with repo_file.open() as src:
            src.seek(start)
            if kind in (None, "ignore_range") and repo_file.source:
                self.wfile.flush()
                self.body_sent = self.connection.sendfile(src, start, length)
                return
            self.stream(src, start, length, f)
        if kind == "size_lie":
            self.close_connection = True  # the declared length was wrong: this connection cannot be reused

    def stream(self, src, start, length, f):
        kind = f.get("kind")
        sent = 0
        chunk_size = 16384
        rate = f.get("rate", 0) if kind == "slow" else 0
        began = time.monotonic()
        while sent < length:
            want = min(chunk_size, length - sent)
            if kind in ("drop", "stall"):
                want = min(want, f.get("after", 0) - sent)
                if want <= 0:
                    if kind == "stall":
                        time.sleep(f.get("seconds", 5))
                    self.close_connection = True
                    try:
                        self.connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    return
            data = bytearray(src.read(want))
            if not data:
                break
            if kind == "corrupt":
                offset = f.get("offset", 0) - (start + sent)
                if 0 <= offset < len(data):
                    data[offset] ^= 0xFF
            self.wfile.write(data)
            sent += len(data)
            self.body_sent = sent
            if rate:
                ahead = sent / rate - (time.monotonic() - began)
                if ahead > 0:
                    time.sleep(ahead)


class CdnHandler(BaseHandler):
    port_name = "cdn"

    def do_GET(self):
        try:
            self.begin()
            self.handle_blob()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            self.finish_record()

    do_HEAD = do_GET

    def handle_blob(self):
        if self.apply_status_fault():
            return
        parts = self.parsed.path.strip("/").split("/")
        if len(parts) != 2 or parts[0] != "blobs" or parts[1] not in self.hub.blobs:
            self.send_error_json(404, "no such object")
            return
        sha256 = parts[1]
        if self.query.get("sig", [""])[0] != self.hub.signature(sha256):
            self.send_error_json(403, "bad signature")
            return
        self.send_file(self.hub.blobs[sha256], {"ETag": '"%s"' % sha256})


SORT_KEYS = {"downloads": lambda r: r.downloads, "likes": lambda r: r.likes, "trendingScore": lambda r: r.trending,
             "lastModified": lambda r: r.last_modified, "createdAt": lambda r: r.created_at, "id": lambda r: r.id}
DEFAULT_LIST_FIELDS = ["_id", "id", "likes", "trendingScore", "private", "downloads", "tags", "pipeline_tag",
                       "library_name", "createdAt", "modelId"]


def encode_cursor(offset):
    return base64.urlsafe_b64encode(json.dumps({"offset": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor):
    try:
        return int(json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))["offset"])
    except (ValueError, KeyError, TypeError):
        return -1


class ApiHandler(BaseHandler):
    port_name = "api"

    def do_GET(self):
        try:
            self.begin()
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            self.finish_record()

    do_HEAD = do_GET

    def do_POST(self):
        self.parsed = urllib.parse.urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        with self.hub.lock:
            if self.parsed.path == "/_control/faults":
                self.hub.faults = json.loads(body or b"[]")
            elif self.parsed.path == "/_control/reset":
                self.hub.faults = []
                self.hub.log = []
                self.hub.tree_page_size = 1000
                self.hub.search_page_size = 1000
            elif self.parsed.path == "/_control/config":
                config = json.loads(body or b"{}")
                self.hub.tree_page_size = int(config.get("tree_page_size", self.hub.tree_page_size))
                self.hub.search_page_size = int(config.get("search_page_size", self.hub.search_page_size))
            else:
                self.send_error_json(404, "unknown control endpoint")
                return
        self.send_json({"ok": True})

    def token(self):
        auth = self.headers.get("Authorization", "")
        return auth[7:].strip() if auth.startswith("Bearer ") else None

    def link_next(self, cursor):
        pairs = [(k, v) for k, v in urllib.parse.parse_qsl(self.parsed.query, keep_blank_values=True) if k != "cursor"]
        pairs.append(("cursor", cursor))
        url = "http://127.0.0.1:%d%s?%s" % (self.hub.api_port, self.parsed.path, urllib.parse.urlencode(pairs))
        return {"Link": '<%s>; rel="next"' % url}

    def route(self):
        path = self.parsed.path
        if path == "/_control/requests":
            with self.hub.lock:
                log = list(self.hub.log)
            self.send_json(log)
            return
        if self.apply_status_fault():
            return
        parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/")]
        if path == "/api/models":
            self.handle_search()
        elif path == "/api/whoami-v2":
            if self.token() in self.hub.tokens:
                self.send_json({"type": "user", "name": "atrium-tester", "auth": {"accessToken": {"role": "read"}}})
            else:
                self.send_error_json(401, "Invalid credentials in Authorization header")
        elif len(parts) >= 3 and parts[0] == "api" and parts[1] == "models":
            self.handle_repo_api(parts[2:])
        elif len(parts) >= 5 and parts[2] == "resolve":
            self.handle_resolve("/".join(parts[:2]), parts[3], "/".join(parts[4:]))
        else:
            self.send_error_json(404, "Not found")

    def find_repo(self, repo_id):
        repo = self.hub.repos.get(repo_id)
        if repo is None:
            message = "Repository Not Found for url: %s." % self.path
            self.send_error_json(404 if self.token() else 401, message, "RepoNotFound")
        return repo

    def check_revision(self, repo, revision):
        if revision in ("main", "HEAD", repo.sha):
            return True
        self.send_error_json(404, "Invalid rev id: %s" % revision, "RevisionNotFound")
        return False

    def handle_search(self):
        q = self.query
        items = list(self.hub.repos.values())
        for term in q.get("search", []):
            items = [r for r in items if term.lower() in r.id.lower()]
        for author in q.get("author", []):
            items = [r for r in items if r.author == author]
        for tag in q.get("filter", []) + q.get("library", []):
            items = [r for r in items if tag in r.tags or tag == r.library_name]
        for task in q.get("pipeline_tag", []):
            items = [r for r in items if r.pipeline_tag == task]
        for gated in q.get("gated", []):
            items = [r for r in items if (r.gated is not False) == (gated == "true")]
        sort = q.get("sort", [""])[0]
        if sort:
            if sort not in SORT_KEYS:
                self.send_error_json(400, "Invalid sort parameter")
                return
            items.sort(key=lambda r: r.id)
            items.sort(key=SORT_KEYS[sort], reverse=True)
        limit = min(int(q.get("limit", ["50"])[0] or 50), self.hub.search_page_size)
        offset = decode_cursor(q["cursor"][0]) if "cursor" in q else 0
        if offset < 0 or limit <= 0:
            self.send_error_json(400, "Invalid cursor or limit")
            return
        page = items[offset:offset + limit]
        expand = q.get("expand[]", []) + q.get("expand", [])
        out = []
        for repo in page:
            props = repo.properties(blobs=False)
            if expand:
                item = {k: props[k] for k in expand if k in props}
                item["id"], item["_id"] = props["id"], props["_id"]
            else:
                fields = DEFAULT_LIST_FIELDS + (["lastModified", "sha", "siblings", "gated", "author"]
                                                if "full" in q else [])
                fields += ["cardData"] if "cardData" in q else []
                item = {k: props[k] for k in fields}
            out.append(item)
        headers = self.link_next(encode_cursor(offset + limit)) if offset + limit < len(items) else {}
        self.send_json(out, headers)

    def handle_repo_api(self, rest):
        if len(rest) < 2:
            self.send_error_json(404, "Not found")
            return
        repo = self.find_repo(rest[0] + "/" + rest[1])
        if repo is None:
            return
        tail = rest[2:]
        if not tail or tail[0] == "revision":
            if tail and (len(tail) < 2 or not self.check_revision(repo, tail[1])):
                if len(tail) < 2:
                    self.send_error_json(404, "Not found")
                return
            props = repo.properties(blobs=self.query.get("blobs", [""])[0] == "true")
            expand = self.query.get("expand[]", []) + self.query.get("expand", [])
            if expand:
                props = dict({k: props[k] for k in expand if k in props}, id=props["id"], _id=props["_id"])
            self.send_json(props)
        elif tail[0] == "tree" and len(tail) >= 2:
            if self.check_revision(repo, tail[1]):
                self.handle_tree(repo, "/".join(tail[2:]))
        elif tail[0] == "refs":
            self.send_json({"branches": [{"name": "main", "ref": "refs/heads/main", "targetCommit": repo.sha}],
                            "tags": [], "converts": []})
        else:
            self.send_error_json(404, "Not found")

    def handle_tree(self, repo, base):
        recursive = self.query.get("recursive", ["false"])[0] in ("true", "1", "True")
        prefix = base + "/" if base else ""
        entries, dirs = [], set()
        for path in sorted(repo.files):
            if not path.startswith(prefix):
                continue
            rest = path[len(prefix):]
            segments = rest.split("/")
            for depth in range(1, len(segments)):
                if recursive or depth == 1:
                    dirs.add(prefix + "/".join(segments[:depth]))
            if recursive or len(segments) == 1:
                entries.append(repo.files[path].tree_entry())
        if base and not entries and not dirs:
            self.send_error_json(404, "Entry not found", "EntryNotFound")
            return
        oid = lambda d: hashlib.sha1(d.encode()).hexdigest()
        listing = [{"type": "directory", "path": d, "oid": oid(d)} for d in sorted(dirs)] + entries
        offset = decode_cursor(self.query["cursor"][0]) if "cursor" in self.query else 0
        size = self.hub.tree_page_size
        headers = self.link_next(encode_cursor(offset + size)) if offset + size < len(listing) else {}
        self.send_json(listing[offset:offset + size], headers)

    def handle_resolve(self, repo_id, revision, path):
        repo = self.find_repo(repo_id)
        if repo is None or not self.check_revision(repo, revision):
            return
        if repo.gated is not False and self.token() not in self.hub.tokens:
            message = ("Access to model %s is restricted. You must have access to it and be authenticated to access "
                       "it. Please log in." % repo.id if self.token() is None
                       else "Access to model %s is restricted and you are not in the authorized list. Visit "
                            "https://huggingface.co/%s to ask for access." % (repo.id, repo.id))
            self.send_error_json(401 if self.token() is None else 403, message, "GatedRepo")
            return
        repo_file = repo.files.get(path)
        if repo_file is None:
            self.send_error_json(404, "Entry not found", "EntryNotFound")
            return
        f = self.fault or {}
        headers = {"X-Repo-Commit": repo.sha, "ETag": '"%s"' % repo_file.git_sha1}
        if f.get("kind") == "redirect":
            self.send(302, b"", dict(headers, Location=f["location"]), None)
            return
        if not repo_file.lfs:
            self.send_file(repo_file, headers)
            return
        linked_size = repo_file.size + (f.get("delta", 0) if f.get("kind") == "size_lie" else 0)
        location = "http://127.0.0.1:%d/blobs/%s?sig=%s" % (self.hub.cdn_port, repo_file.sha256,
                                                               self.hub.signature(repo_file.sha256))
        headers.update({"X-Linked-Etag": '"%s"' % repo_file.sha256, "X-Linked-Size": str(linked_size),
                        "Location": location})
        self.send(302, b"", headers, None)


def serve(handler, hub):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type(handler.__name__, (handler,), {"hub": hub}))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=os.path.join(here, "..", "..", "..", "shared", "models"),
                        help="folder with the shared GGUF test models")
    parser.add_argument("--add-file", action="append", default=[], metavar="REPO:PATH=FILE",
                        help="serve FILE as PATH in REPO (created if needed)")
    parser.add_argument("--token", action="append", default=[], help="an access token that unlocks gated repos")
    parser.add_argument("--fault", default="[]", help="initial fault rules (JSON list)")
    args = parser.parse_args()

    hub = Hub(build_repos(os.path.abspath(args.models), args.add_file), args.token)
    hub.faults = json.loads(args.fault)
    api = serve(ApiHandler, hub)
    cdn = serve(CdnHandler, hub)
    hub.api_port = api.server_address[1]
    hub.cdn_port = cdn.server_address[1]
    print("api_port=%d cdn_port=%d" % (hub.api_port, hub.cdn_port), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
