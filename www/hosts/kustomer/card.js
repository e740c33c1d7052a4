// The Insight Card in the Kustomer sidebar. A KView (`smartbar-card`) frames this page
// with a DynamicCard; Kustomer's Cards SDK, loaded by card.html, supplies:
//   - the context (the customer and the conversation), at start and whenever it changes;
//   - the agent's own access to Kustomer (`Kustomer.request`), for the Kustomer service;
//   - the app's commands (`Kustomer.command.run`), which Kustomer runs server side with
//     the app's OAuth connection to Salesforce, for the Salesforce service: no Salesforce
//     token ever reaches the browser.
// The app's settings arrive as JSON in the page's `settings` query parameter, which the
// KView writes from the app settings (see app.json).
import init, { mount } from "./kustomer-salesforce-widget.js";
import { mountConfig, widgetContext } from "./settings.js";

/** The app's commands, as app.json declares them (see commandName for private apps). */
const COMMANDS = { query: "salesforce.query", search: "salesforce.search" };

const element = document.getElementById("widget");
const params = new URLSearchParams(location.search);

/** The settings, or throws a sentence saying what is wrong with them. */
function settingsFromPage() {
  let settings;
  try {
    settings = JSON.parse(params.get("settings") ?? "{}");
  } catch (error) {
    throw new Error(`The app's settings are not JSON (${error.message}): check the card's address in the app's KView`);
  }
  if (settings === null || typeof settings !== "object" || Array.isArray(settings)) {
    throw new Error("The app's settings must be an object: check the card's address in the app's KView");
  }
  return settings;
}

/** A private app's commands run as `<app>_<orgId>.app.<command>`; a public app's as `<app>.app.<command>`. */
function commandName(settings, command) {
  return `${settings.appName ?? "kustomer_salesforce_widget"}.app.${command}`;
}

/** A `hostFetch` answer from a thrown or refused call. */
function failure(error, fallbackStatus) {
  const status = Number(error?.status ?? error?.statusCode ?? fallbackStatus);
  const body = error?.body ?? error?.responseBody ?? { errors: [{ title: String(error?.message ?? error) }] };
  return { status, headers: {}, body: typeof body === "string" ? body : JSON.stringify(body) };
}

/**
 * Salesforce requests become runs of the app's two commands: a query or a search, each a
 * GET at a fixed address on the org, filled with the API version and the encoded
 * statement. Anything else is refused here, before it leaves the page.
 */
function salesforceCommand(path) {
  const match = /^\/services\/data\/(v\d+\.0)\/(query|search)\/?\?q=([^&]*)$/.exec(path);
  if (!match) return null;
  const [, version, kind, q] = match;
  return { command: COMMANDS[kind], args: { version, q } };
}

function hostFetchFor(settings) {
  return async ({ service, method, path }) => {
    if (method !== "GET") return failure(`only GET is allowed, not ${method}`, 405);
    if (service === "kustomer") {
      try {
        const data = await window.Kustomer.request({ url: path, method: "GET" });
        return { status: 200, headers: {}, body: JSON.stringify(data ?? {}) };
      } catch (error) {
        return failure(error, 502);
      }
    }
    const run = salesforceCommand(path);
    if (!run) return failure(`the card does not read ${path}`, 403);
    try {
      const result = await window.Kustomer.command.run(commandName(settings, run.command), { args: run.args });
      return { status: 200, headers: {}, body: JSON.stringify(result?.responseBody ?? result ?? {}) };
    } catch (error) {
      return failure(error, 502);
    }
  };
}

function refuse(sentence) {
  element.textContent = sentence;
  element.dataset.state = "error";
}

function start() {
  if (!window.Kustomer) {
    refuse("This page is the Salesforce Insight Card of the Kustomer sidebar; open it in Kustomer.");
    return;
  }
  let settings;
  try {
    settings = settingsFromPage();
  } catch (error) {
    refuse(error.message);
    return;
  }
  let handle = null;
  window.Kustomer.initialize(async (context) => {
    await init();
    handle = mount(element, mountConfig(settings, widgetContext(context)), hostFetchFor(settings));
    // Kustomer sizes the card to the page: tell it whenever the widget grows or shrinks.
    new ResizeObserver(() => window.Kustomer.resize()).observe(element);
  });
  // Another customer or conversation in the same sidebar: the same mount follows it.
  window.Kustomer.on("context", (context) => {
    try {
      handle?.update(widgetContext(context));
    } catch (error) {
      console.error("kustomer-salesforce-widget:", error.message);
    }
  });
}

start();
