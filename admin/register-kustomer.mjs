// Registers the Kustomer app (package/kustomer/app.json) with the org, as the vendor's
// starter configurations do: the whole definition, as JSON, in a POST to
// /v1/apps/available with an admin's API key (role org.admin.apps) as a bearer token.
//
//   KUSTOMER_API_URL    the org's API address, such as https://acme.api.kustomerapp.com
//   KUSTOMER_API_TOKEN  an API key with the org.admin.apps role
//   KUSTOMER_CARD_URL   where package/kustomer/ is hosted (https), such as
//                       https://cards.acme.example/salesforce/ : the card's address and
//                       the app's icon are set from it
//
// Prints the registered name and version, or says why not and exits 1.
import { readFile } from "node:fs/promises";

/** The definition to send: app.json with the card's address and icon where it is hosted. */
export function definitionFor(app, cardBase) {
  const base = cardBase.endsWith("/") ? cardBase : `${cardBase}/`;
  const definition = structuredClone(app);
  definition.iconUrl = new URL("icon.svg", base).href;
  definition.settings.default.cardUrl.defaultValue = new URL("card.html", base).href;
  return definition;
}

/** What is wrong with the environment, as a sentence, or null. */
export function missingSettings(env) {
  const missing = ["KUSTOMER_API_URL", "KUSTOMER_API_TOKEN", "KUSTOMER_CARD_URL"].filter((name) => !env[name]);
  if (missing.length > 0) return `set ${missing.join(" and ")} (see admin/register-kustomer.mjs)`;
  for (const name of ["KUSTOMER_API_URL", "KUSTOMER_CARD_URL"]) {
    let url;
    try {
      url = new URL(env[name]);
    } catch {
      return `${name} is not an address: ${env[name]}`;
    }
    const local = url.hostname === "127.0.0.1" || url.hostname === "localhost";
    if (url.protocol !== "https:" && !local) return `${name} must be an https address: ${env[name]}`;
  }
  return null;
}

/** Posts the definition; resolves to a line to print, or throws a sentence. */
export async function register(env, app) {
  const problem = missingSettings(env);
  if (problem) throw new Error(problem);
  const definition = definitionFor(app, env.KUSTOMER_CARD_URL);
  const endpoint = new URL("/v1/apps/available", env.KUSTOMER_API_URL);
  let response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { authorization: `Bearer ${env.KUSTOMER_API_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(definition),
    });
  } catch (error) {
    throw new Error(`Kustomer could not be reached at ${endpoint.origin}: ${error.cause?.message ?? error.message}`);
  }
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the status says enough.
  }
  if (!response.ok) {
    const error = body?.errors?.[0] ?? body?.error;
    const reason = error?.title ?? error?.detail ?? error?.message ?? text.slice(0, 200);
    const hint = response.status === 409 ? " (bump the version in app.json: each registration needs a new one)" : "";
    throw new Error(`Kustomer refused the app (${response.status}): ${reason}${hint}`);
  }
  const attributes = body?.data?.attributes ?? {};
  const name = attributes.app ?? attributes.name ?? definition.app;
  const version = attributes.version ?? definition.version;
  return `registered ${name} ${version}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2] ?? "package/kustomer/app.json";
  try {
    const app = JSON.parse(await readFile(path, "utf8"));
    console.log(await register(process.env, app));
  } catch (error) {
    console.error(`register-kustomer: ${error.message}`);
    process.exit(1);
  }
}
