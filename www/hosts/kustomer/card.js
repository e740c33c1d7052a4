// The Insight Card in the Kustomer sidebar. A KView (`smartbar-card`) frames this page
// with a DynamicCard; Kustomer's Cards SDK, loaded by card.html, supplies:
//   - the context (the customer and the conversation), at start and whenever it changes;
//   - the agent's own access to Kustomer (`Kustomer.request`), for the Kustomer service;
//   - the app's commands (`Kustomer.command.run`), which Kustomer runs server side with
//     the app's OAuth connection to Salesforce, for the Salesforce service: no Salesforce
//     token ever reaches the browser.
// bridge.js turns what the SDK gives into the widget's answers; settings.js reads the
// app's settings (see there for how they arrive).
import init, { mount } from "./kustomer-salesforce-widget.js";
import {
  callSdk, commandAnswer, commandFailure, isUnknownCommand, kustomerAnswer, kustomerFailure, notInstalled,
} from "./bridge.js";
import { CASE_SYNC_SETTINGS, FETCHED_SETTINGS, OPTIONAL_SETTINGS, mountConfig, orgIdOf, settingsFromQuery, settingValue, widgetContext } from "./settings.js";

/** The app as app.json declares it, and its three commands. */
const APP = "kustomer_salesforce_widget";
const COMMANDS = { query: "salesforce.query", search: "salesforce.search", objectInfo: "salesforce.objectInfo" };

const element = document.getElementById("widget");
const sdk = () => window.Kustomer;

/** Kustomer's API through the agent's own access; the answer as the widget reads it. */
async function kustomerGet(path) {
  try {
    return kustomerAnswer(await callSdk((options, done) => sdk().request(options, done), { url: path, method: "GET" }));
  } catch (failure) {
    return kustomerFailure(failure);
  }
}

/**
 * The org's id: from the context when a record names it, else asked once per page
 * (`GET /v1/orgs/current`, whose record's `id` it is). Undefined when neither tells.
 */
function orgIdFinder() {
  let asked = null;
  return (context) => {
    const known = orgIdOf(context);
    if (known) return Promise.resolve(known);
    asked ??= kustomerGet("/v1/orgs/current").then((answer) => {
      if (answer.status !== 200) return undefined;
      const id = JSON.parse(answer.body)?.data?.id;
      return typeof id === "string" && id !== "" ? id : undefined;
    });
    return asked;
  };
}

/**
 * The app's names to try, in order. A private app's commands run as
 * `<app>_<orgId>.app.<command>`: the platform "namespaces the app id with an underscore
 * (_) followed by your organization ID" (the vendor's private app namespacing page; a
 * published card calls `parcellab_app_<orgId>.app.api.fetchOrderData`). A public app's
 * are not namespaced, so the plain name comes next. `appName` overrides both.
 */
function appNames(settings, orgId) {
  if (settings.appName) return [settings.appName];
  return orgId ? [`${APP}_${orgId}`, APP] : [APP];
}

/** Runs commands under the first app name this org knows, remembered once found. */
function commandRunner(settings, orgId) {
  let found = null;
  return async (command, args) => {
    const names = found ? [found] : appNames(settings, await orgId());
    const tried = [];
    for (const app of names) {
      const name = `${app}.app.${command}`;
      tried.push(name);
      try {
        const result = await callSdk((n, options, done) => sdk().command.run(n, options, done), name, { args });
        found = app;
        return commandAnswer(result);
      } catch (failure) {
        if (!isUnknownCommand(failure)) return commandFailure(failure);
      }
    }
    return notInstalled(tried);
  };
}

/**
 * Salesforce requests become runs of the app's three commands: a query, a search, or the
 * object info of named objects, each a GET at a fixed address on the org, filled with the
 * API version and the encoded statement or the objects' names. Anything else is refused
 * here, before it leaves the page.
 */
function salesforceCommand(path) {
  const match = /^\/services\/data\/(v\d+\.0)\/(query|search)\/?\?q=([^&]*)$/.exec(path);
  if (match) {
    const [, version, kind, q] = match;
    return { command: COMMANDS[kind], args: { version, q } };
  }
  // The labels and relationships of the objects the card shows: API names only.
  const info = /^\/services\/data\/(v\d+\.0)\/ui-api\/object-info\/batch\/([A-Za-z0-9_,]+)$/.exec(path);
  if (info) return { command: COMMANDS.objectInfo, args: { version: info[1], objects: info[2] } };
  return null;
}

function hostFetchFor(runCommand) {
  return async ({ service, method, path }) => {
    if (method !== "GET") return kustomerFailure({ status: 405, title: `only GET is allowed, not ${method}` });
    if (service === "kustomer") return kustomerGet(path);
    const run = salesforceCommand(path);
    if (!run) return kustomerFailure({ status: 403, title: `the card does not read ${path}` });
    return runCommand(run.command, run.args);
  };
}

/**
 * The JSON-valued settings, read through the settings endpoint under the app's name;
 * each one that does not arrive is named in `missing` and takes its default.
 */
async function fetchedSettings(settings, orgId, missing) {
  const found = {};
  // The Case section's templates are read only while the sync is on.
  const wanted = FETCHED_SETTINGS.filter((name) => String(settings.caseSync) === "true" || !CASE_SYNC_SETTINGS.includes(name));
  const names = appNames(settings, await orgId());
  for (const name of wanted) {
    let value;
    for (const app of names) {
      const answer = await kustomerGet(`/v1/settings/${app}/default/${name}`);
      if (answer.status === 200) {
        value = settingValue(JSON.parse(answer.body)?.data);
        break;
      }
    }
    if (value === undefined) {
      // Related lists are optional: an org without them has nothing to say missing.
      if (!OPTIONAL_SETTINGS.includes(name)) missing.push(name);
    } else if (value !== "") {
      found[name] = value;
    }
  }
  return found;
}

/** Lists, under the card, the settings that did not arrive and took their defaults. */
function showMissing(missing) {
  document.getElementById("settings-missing")?.remove();
  if (missing.length === 0) return;
  const details = document.createElement("details");
  details.id = "settings-missing";
  const summary = document.createElement("summary");
  summary.textContent = "Some of the app's settings did not arrive; their defaults are used";
  const list = document.createElement("p");
  list.textContent = missing.join(", ");
  details.append(summary, list);
  element.after(details);
}

/**
 * Writes each of the widget's diagnostic records to the browser console under a fixed
 * prefix, which an admin can filter on and copy into a support ticket. A record holds no
 * customer data.
 */
function logDiagnostics() {
  element.addEventListener("ksw-diagnostic", (event) => {
    console.warn("kustomer-salesforce-widget diagnostic:", JSON.stringify(event.detail));
  });
}

function refuse(sentence) {
  element.textContent = sentence;
  element.dataset.state = "error";
}

function start() {
  if (!sdk()) {
    refuse("This page is the Salesforce Insight Card of the Kustomer sidebar; open it in Kustomer.");
    return;
  }
  logDiagnostics();
  const { settings, missing } = settingsFromQuery(location.search);
  const findOrgId = orgIdFinder();
  let context = null;
  const orgId = () => findOrgId(context);
  const runCommand = commandRunner(settings, orgId);
  let handle = null;
  sdk().initialize(async (first) => {
    context = first;
    const [, fetched] = await Promise.all([init(), fetchedSettings(settings, orgId, missing)]);
    showMissing(missing);
    handle = mount(element, mountConfig({ ...settings, ...fetched }, widgetContext(first)), hostFetchFor(runCommand));
    // Kustomer sizes the card to what it is told (a published card passes `{height}`).
    new ResizeObserver(() => sdk().resize({ height: `${Math.ceil(document.body.scrollHeight)}px` })).observe(document.body);
  });
  // Another customer or conversation in the same sidebar: the same mount follows it.
  sdk().on("context", (next) => {
    context = next;
    try {
      handle?.update(widgetContext(next));
    } catch (error) {
      console.error("kustomer-salesforce-widget:", error.message);
    }
  });
}

start();
