// The Kustomer app's settings (View Options, Data Sync, extra fields) turned into the
// widget's mount config. Kept apart from the page so that it reads as the mapping it is.
//
// How settings reach the card. A KView template has no `settings` variable: its scope is
// the record in view (`customer`, `object`, `context`) and lodash, and no documented or
// public template reads one. Kustomer fills `{{{settings.<category>.<name>}}}`
// placeholders in a widget's or DynamicCard's address (the vendor's widgets docs; a
// published card's KView passes its settings this way). So scalar settings arrive in the
// card's query string, and the JSON-valued ones, which do not fit an address, are read
// through the documented "get a setting" endpoint, `GET /v1/settings/<app>/default/<name>`,
// whose record holds the `value`.

/** Settings that arrive as placeholders in the card's address, in the KView's order. */
export const ADDRESS_SETTINGS = [
  "salesforceSubdomain", "salesforceApiVersion", "currency",
  "showCard", "showAccounts", "showContacts", "showOpportunities", "showLeads",
  "accountFields", "contactFields", "opportunityFields", "leadFields",
  "sections", "matchContactField", "matchPhones",
  "caseSync", "syncAttribute", "recordTypeId",
  "locale", "timeZone", "colorScheme", "appName",
];

/** Settings read through the settings endpoint: JSON text, too long for an address. */
export const FETCHED_SETTINGS = ["relatedLists", "customMappingBody", "customMappingUrlArgs"];

/** Fetched settings an org may well not have set: not listed as missing. */
export const OPTIONAL_SETTINGS = ["relatedLists"];

/** The fetched settings only the Case section reads: not asked for while the sync is off. */
export const CASE_SYNC_SETTINGS = ["customMappingBody", "customMappingUrlArgs"];

/**
 * The settings in the card's query string, and the names of those that did not arrive: a
 * placeholder Kustomer left unfilled still reads `{{`. Values are decoded without turning
 * `+` into a space, since Kustomer writes them into the address as they are (a time zone
 * such as Etc/GMT+5 keeps its plus).
 */
export function settingsFromQuery(search) {
  const raw = new Map();
  for (const pair of String(search ?? "").replace(/^\?/, "").split("&")) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    const name = at < 0 ? pair : pair.slice(0, at);
    const value = at < 0 ? "" : pair.slice(at + 1);
    raw.set(decode(name), decode(value));
  }
  const settings = {};
  const missing = [];
  for (const name of ADDRESS_SETTINGS) {
    const value = raw.get(name);
    if (value === undefined || value.includes("{{")) missing.push(name);
    else if (value !== "") settings[name] = value;
  }
  return { settings, missing };
}

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The value of a setting record from the settings endpoint, or undefined. */
export function settingValue(record) {
  const value = record?.attributes?.value ?? record?.value ?? record?.data?.attributes?.value;
  return value === null ? undefined : value;
}

const list = (text) => String(text ?? "").split(",").map((item) => item.trim()).filter(Boolean);
const flag = (value, fallback) => (value === undefined || value === null || value === "" ? fallback : value === true || value === "true");

/**
 * `settings`: the app's settings by name (see app.json). `context`: what the sidebar
 * shows (customer id and emails, and the conversation when there is one).
 */
export function mountConfig(settings, context) {
  const config = {
    view: "insight",
    context,
    transport: { kind: "host", timeoutMs: 30000 },
    theme: "kustomer",
    salesforce: { subdomain: settings.salesforceSubdomain ?? "" },
    visibility: {
      card: flag(settings.showCard, true),
      accounts: flag(settings.showAccounts, true),
      contacts: flag(settings.showContacts, true),
      opportunities: flag(settings.showOpportunities, true),
      leads: flag(settings.showLeads, true),
    },
    fields: {
      account: list(settings.accountFields),
      contact: list(settings.contactFields),
      opportunity: list(settings.opportunityFields),
      lead: list(settings.leadFields),
    },
    caseSync: {
      enabled: flag(settings.caseSync, false),
      syncAttribute: settings.syncAttribute || "syncToSalesforceBool",
    },
  };
  if (settings.salesforceApiVersion) config.salesforce.apiVersion = settings.salesforceApiVersion;
  if (settings.currency) config.salesforce.currency = settings.currency;
  if (settings.recordTypeId) config.caseSync.recordTypeId = settings.recordTypeId;
  if (settings.customMappingBody || settings.customMappingUrlArgs) {
    config.caseSync.customMapping = {};
    if (settings.customMappingBody) config.caseSync.customMapping.body = settings.customMappingBody;
    if (settings.customMappingUrlArgs) config.caseSync.customMapping.urlArgs = settings.customMappingUrlArgs;
  }
  // JSON the admin typed: what does not parse goes to the widget as text, which it refuses
  // by its key (`relatedLists`) rather than the card failing here.
  if (settings.relatedLists) config.relatedLists = parseOrText(settings.relatedLists);
  if (list(settings.sections).length > 0) config.sections = list(settings.sections);
  if (settings.matchContactField || flag(settings.matchPhones, false)) {
    config.match = { phones: flag(settings.matchPhones, false) };
    if (settings.matchContactField) config.match.contactField = settings.matchContactField.trim();
  }
  for (const key of ["locale", "timeZone", "colorScheme"]) {
    if (settings[key]) config[key] = settings[key];
  }
  return config;
}

function parseOrText(text) {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The customer in a Cards SDK context (`{customer, conversation, ...}`), or the record itself. */
function customerOf(context) {
  return context?.customer ?? (context?.type === "customer" ? context : undefined);
}

/** The customer's id, emails and phones, and the conversation, from a Cards SDK context. */
export function widgetContext(context) {
  const customer = customerOf(context);
  const values = (list, key) => (Array.isArray(list) ? list : [])
    .map((entry) => entry?.[key]).filter((value) => typeof value === "string" && value !== "");
  const conversationId = context?.conversation?.id ?? (context?.type === "conversation" ? context.id : undefined);
  const result = { customerEmails: values(customer?.attributes?.emails, "email") };
  const phones = values(customer?.attributes?.phones, "phone");
  if (phones.length > 0) result.customerPhones = phones;
  if (customer?.id) result.customerId = customer.id;
  if (conversationId) result.conversationId = conversationId;
  return result;
}

/** The org's id as a context names it (the records' `relationships.org`), if it does. */
export function orgIdOf(context) {
  const records = [customerOf(context), context?.conversation, context];
  for (const record of records) {
    const id = record?.relationships?.org?.data?.id;
    if (typeof id === "string" && id !== "") return id;
  }
  return undefined;
}
