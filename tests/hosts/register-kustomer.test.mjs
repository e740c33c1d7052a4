// `make register-kustomer` against a stand-in for Kustomer's API on loopback: the whole
// definition posted to /v1/apps/available with the admin's token as a bearer token (as
// the vendor's starter configurations post it), the registered name and version printed,
// and a clear refusal when a setting is missing or the API says no.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A stand-in for the org's API: records what it receives and answers `reply(request, body)`. */
async function kustomerApi(reply) {
  const received = [];
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => { text += chunk; });
    request.on("end", () => {
      received.push({ method: request.method, url: request.url, authorization: request.headers.authorization, type: request.headers["content-type"], body: text });
      const [status, body] = reply(request, text);
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Runs the make target with `env` added; resolves to {code, stdout, stderr}. */
function register(env) {
  const clean = { ...process.env };
  for (const name of ["KUSTOMER_API_URL", "KUSTOMER_API_TOKEN", "KUSTOMER_CARD_URL"]) delete clean[name];
  return new Promise((resolve) => {
    execFile("make", ["--no-print-directory", "register-kustomer"], { cwd: root, env: { ...clean, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

test("the definition is posted with the admin's token, and the registered name and version printed", async () => {
  const api = await kustomerApi((request, text) => {
    const app = JSON.parse(text);
    return [200, { data: { type: "app", id: `${app.app}-${app.version}`, attributes: { app: app.app, version: app.version } } }];
  });
  try {
    const result = await register({ KUSTOMER_API_URL: api.url, KUSTOMER_API_TOKEN: "token-1", KUSTOMER_CARD_URL: "https://cards.acme.example/salesforce/" });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /registered kustomer_salesforce_widget \d+\.\d+\.\d+/);
    assert.equal(api.received.length, 1);
    const [sent] = api.received;
    assert.equal(sent.method, "POST");
    assert.equal(sent.url, "/v1/apps/available");
    assert.equal(sent.authorization, "Bearer token-1");
    assert.equal(sent.type, "application/json");
    const app = JSON.parse(sent.body);
    assert.equal(app.app, "kustomer_salesforce_widget", "the definition itself, not wrapped");
    assert.equal(app.iconUrl, "https://cards.acme.example/salesforce/icon.svg");
    assert.equal(app.settings.default.cardUrl.defaultValue, "https://cards.acme.example/salesforce/card.html");
  } finally {
    await api.close();
  }
});

test("a missing setting is named and nothing is sent", async () => {
  const api = await kustomerApi(() => [200, {}]);
  try {
    const result = await register({ KUSTOMER_API_URL: api.url, KUSTOMER_CARD_URL: "https://cards.acme.example/" });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /set KUSTOMER_API_TOKEN/);
    const plain = await register({ KUSTOMER_API_URL: "http://acme.api.kustomerapp.com", KUSTOMER_API_TOKEN: "t", KUSTOMER_CARD_URL: "https://c.example/" });
    assert.match(plain.stderr, /KUSTOMER_API_URL must be an https address/);
    assert.equal(api.received.length, 0);
  } finally {
    await api.close();
  }
});

test("a refusal from the API is said with its status and reason", async () => {
  const api = await kustomerApi(() => [409, { errors: [{ status: 409, title: "App version already exists" }] }]);
  try {
    const result = await register({ KUSTOMER_API_URL: api.url, KUSTOMER_API_TOKEN: "t", KUSTOMER_CARD_URL: "https://cards.acme.example/" });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Kustomer refused the app \(409\): App version already exists \(bump the version/);
  } finally {
    await api.close();
  }
});
