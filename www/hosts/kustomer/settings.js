// The Kustomer app's settings (View Options, Data Sync, extra fields) turned into the
// widget's mount config. Kept apart from the page so that it reads as the mapping it is.

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
  for (const key of ["locale", "timeZone", "colorScheme"]) {
    if (settings[key]) config[key] = settings[key];
  }
  return config;
}

/** The customer's id and emails, and the conversation, from a Cards SDK context. */
export function widgetContext(context) {
  const customer = context?.customer ?? (context?.type === "customer" ? context : undefined);
  const emails = (customer?.attributes?.emails ?? []).map((entry) => entry?.email).filter(Boolean);
  const conversationId = context?.conversation?.id ?? (context?.type === "conversation" ? context.id : undefined);
  const result = { customerEmails: emails };
  if (customer?.id) result.customerId = customer.id;
  if (conversationId) result.conversationId = conversationId;
  return result;
}
