// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Faithfulness check of the test hub: the Hugging Face JavaScript client (@huggingface/hub) must be able to search
// (with Link paging), read model info, list files and download a file from it exactly as it does from the real Hub.
// Usage: node node_client_test.mjs PYTHON3 MODELS_DIR. Exits 77 (skipped) when node_modules is not installed.

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, "node_modules", "@huggingface", "hub"))) {
  console.log("SKIP: @huggingface/hub is not installed (run: npm ci in tests/hub)");
  process.exit(77);
}
const { listModels, modelInfo, listFiles, downloadFile } = await import("@huggingface/hub");

const [python = "python3", models = join(here, "..", "..", "..", "shared", "models")] = process.argv.slice(2);
const token = "hf_atriumNodeToken0123456789abcdefghijklm";
const storiesSha = "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d";

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const server = spawn(python, [join(here, "test_hub.py"), "--models", models, "--token", token], {
  stdio: ["ignore", "pipe", "inherit"],
});
const ports = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("the test hub did not start")), 15000);
  createInterface({ input: server.stdout }).on("line", (line) => {
    const match = /api_port=(\d+) cdn_port=(\d+)/.exec(line);
    if (match) {
      clearTimeout(timer);
      resolve({ api: Number(match[1]), cdn: Number(match[2]) });
    }
  });
  server.on("exit", (code) => reject(new Error(`the test hub exited (${code})`)));
});
const hubUrl = `http://127.0.0.1:${ports.api}`;

async function control(path, body) {
  const response = await fetch(`${hubUrl}/_control/${path}`, { method: body ? "POST" : "GET", body: body && JSON.stringify(body) });
  return response.json();
}

try {
  // Search: filters and sort as the client sends them, followed across Link pages of 4.
  await control("config", { search_page_size: 4 });
  const names = [];
  for await (const model of listModels({ hubUrl, search: { query: "pager", owner: "atrium-test", tags: ["gguf"] }, sort: "likes" })) {
    names.push(model.name);
  }
  check(names.length === 6, `listModels found ${names.length} models: ${names}`);
  check(names[0] === "atrium-test/pager-10", `listModels sort: ${names}`);
  const searches = (await control("requests")).filter((r) => r.path.startsWith("/api/models?"));
  check(searches.length === 2, `expected 2 search pages, saw ${searches.length}`);

  // Model info.
  const info = await modelInfo({ hubUrl, name: "atrium-test/stories260K-GGUF", additionalFields: ["sha", "cardData", "author"] });
  check(info.name === "atrium-test/stories260K-GGUF", `modelInfo name ${info.name}`);
  check(/^[0-9a-f]{40}$/.test(info.sha), `modelInfo sha ${info.sha}`);
  check(info.gated === false && info.cardData.license === "mit" && info.author === "atrium-test", "modelInfo fields");
  check(info.updatedAt instanceof Date && !isNaN(info.updatedAt), "modelInfo lastModified");
  const gated = await modelInfo({ hubUrl, name: "atrium-test/gated-GGUF" });
  check(gated.gated === "manual", `gated is ${gated.gated}`);

  // File listing, recursive, across tree pages of 2.
  await control("config", { tree_page_size: 2 });
  const files = [];
  for await (const entry of listFiles({ hubUrl, repo: { type: "model", name: "atrium-test/tiny-arch-GGUF" }, recursive: true })) {
    files.push(entry);
  }
  check(files.some((f) => f.type === "directory" && f.path === "Q8_0"), "listFiles directory");
  const phi3 = files.find((f) => f.path === "Q8_0/phi3-tiny-Q8_0.gguf");
  check(phi3 && phi3.lfs && phi3.lfs.size === phi3.size && /^[0-9a-f]{64}$/.test(phi3.lfs.oid), "listFiles lfs entry");
  const stories = [];
  for await (const entry of listFiles({ hubUrl, repo: "atrium-test/stories260K-GGUF" })) stories.push(entry);
  check(stories.find((f) => f.path === "stories260K.gguf")?.lfs?.oid === storiesSha, "listFiles lfs oid");

  // Download through resolve → 302 → CDN port, with Range probes.
  const blob = await downloadFile({ hubUrl, repo: "atrium-test/stories260K-GGUF", path: "stories260K.gguf" });
  check(blob && blob.size === 1185376, `downloadFile size ${blob && blob.size}`);
  const digest = createHash("sha256").update(Buffer.from(await blob.arrayBuffer())).digest("hex");
  check(digest === storiesSha, `downloadFile sha256 ${digest}`);

  // A gated file: refused without a token, served with one.
  let refused = false;
  try {
    await downloadFile({ hubUrl, repo: "atrium-test/gated-GGUF", path: "stories260K-Q5_0mix.gguf" });
  } catch (error) {
    refused = error.statusCode === 401;
  }
  check(refused, "gated download without a token must fail with 401");
  const gatedBlob = await downloadFile({ hubUrl, repo: "atrium-test/gated-GGUF", path: "stories260K-Q5_0mix.gguf", accessToken: token });
  check(gatedBlob.size === 304096, "gated download with a token");
  const missing = await downloadFile({ hubUrl, repo: "atrium-test/stories260K-GGUF", path: "nope.gguf" });
  check(missing === null, "a missing file is null (EntryNotFound)");
  console.log("node client: search, model info, file listing and downloads all work against the test hub");
} catch (error) {
  console.error(`FAIL: ${error.stack || error}`);
  process.exitCode = 1;
} finally {
  server.kill();
}
