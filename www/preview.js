// The preview page: a host like any other. It mounts the conversation view in a frame
// shaped like a Salesforce Case page and the Insight Card in a Kustomer-sized sidebar,
// both on the embedded demo org. Below them, the diagnostic records the two widgets send,
// as a host would log them.

const ARTICLE_BODY = `{ "Kustomer_Conversation_App_and_Resolution__c": "{{steps.1.custom.appResolutionStr}}", "Kustomer_Conversation_Business_Impact__c": "{{steps.1.custom.businessImpactStr}}", "Kustomer_Conversation_Contact_Reason__c": "{{steps.1.custom.cxContactReasonTree}}", "Kustomer_Conversation_Effort_to_resolve__c": "/#fn:parseInt,steps.1.custom.effortNum", "Kustomer_Conversation_Escalated__c": "{{steps.1.custom.escalatedBool}}", "Kustomer_Conversation_Jira_Issue__c": "{{steps.1.custom.jiraIssueStr}}" }`;
const ARTICLE_URL_ARGS = `{ "version": "v42.0", "sobject": "Case", "externalIdAttribute": "KustomerApp__Conversation_ID__c", "externalId": "/#steps.1.id" }`;

/** One diagnostic record on one line: what failed, where, and how often. */
function diagnosticLine(record) {
  const parts = [record.kind, record.view, record.service, record.status, record.errorCode, record.path, record.configKey];
  return [...parts.filter((part) => part !== undefined && part !== null && part !== ""), `×${record.count}`].join(" ");
}

/**
 * The Diagnostics panel: the records the mounts under `slots` send (their `ksw-diagnostic`
 * events), newest first. Returns a function that empties it, for when the widgets go.
 */
function diagnosticsPanel(slots) {
  const list = document.getElementById("diagnostics");
  const none = document.getElementById("diagnostics-none");
  for (const slot of slots) {
    slot.addEventListener("ksw-diagnostic", (event) => {
      const item = document.createElement("li");
      item.textContent = diagnosticLine(event.detail);
      list.prepend(item);
      none.hidden = true;
    });
  }
  return () => {
    list.replaceChildren();
    none.hidden = false;
  };
}

function start(bindings) {
  const scenario = document.getElementById("scenario");
  const picker = document.getElementById("conversation");
  const conversations = new Map();
  for (const conversation of bindings.demoConversations()) {
    conversations.set(conversation.id, conversation);
    picker.add(new Option(`${conversation.subject} (${conversation.channel})`, conversation.id));
  }
  let handles = [];
  const conversationSlot = document.getElementById("conversation-widget");
  const insightSlot = document.getElementById("insight-widget");
  const clearDiagnostics = diagnosticsPanel([conversationSlot, insightSlot]);
  // A link to one message opens the preview at it: ?conversation=<id>&message=<id>.
  const linked = new URLSearchParams(location.search);
  if (conversations.has(linked.get("conversation"))) picker.value = linked.get("conversation");
  let messageId = linked.get("message") || undefined;

  function render() {
    handles.forEach((handle) => handle.unmount());
    // The records were of the widgets just unmounted.
    clearDiagnostics();
    const transport = { kind: "demo", scenario: scenario.value };
    const conversationId = picker.value;
    document.getElementById("case-conversation-id").textContent = conversationId;
    document.getElementById("case-title").textContent = picker.selectedOptions[0]?.text ?? "";
    const messageLink = `${location.origin}${location.pathname}?conversation=${encodeURIComponent(conversationId)}&message={messageId}`;
    handles = [
      bindings.mount(conversationSlot, {
        view: "conversation",
        context: { conversationId, messageId, messageLink },
        transport,
        kustomer: { org: "northwind" },
      }),
      bindings.mount(insightSlot, {
        view: "insight",
        context: {
          conversationId,
          customerId: conversations.get(conversationId).customerId,
          customerEmails: conversations.get(conversationId).customerEmails,
          customerPhones: conversations.get(conversationId).customerPhones,
        },
        transport,
        salesforce: { subdomain: "northwind.my" },
        kustomer: { org: "northwind" },
        fields: { account: ["NumberOfEmployees"] },
        // A custom object under Accounts and a standard one under Contacts, in the admin's
        // order; people found by phone and by the Kustomer id on their Contact too.
        relatedLists: [
          {
            object: "Subscription__c",
            parent: "Account",
            fields: ["Name", "Status__c", "Renewal_Date__c", "Product__r.Name"],
            where: "Status__c != 'Cancelled'",
            orderBy: "Renewal_Date__c DESC NULLS LAST",
          },
          { object: "Case", parent: "Contact", fields: ["CaseNumber", "Subject", "Status"], limit: 3 },
        ],
        sections: ["contacts", "Subscription__c", "Case"],
        match: { contactField: "Kustomer_Customer_Id__c", phones: true },
        caseSync: {
          enabled: true,
          recordTypeId: "012Dn000000KusAAA",
          // The help article's custom attribute matching example, as an admin pastes it.
          customMapping: { body: ARTICLE_BODY, urlArgs: ARTICLE_URL_ARGS },
        },
        theme: "kustomer",
      }),
    ];
  }

  scenario.addEventListener("change", render);
  picker.addEventListener("change", () => {
    messageId = undefined; // the link named a message of the conversation it opened
    render();
  });
  render();
}

// Trunk's loader sets window.wasmBindings and then fires TrunkApplicationStarted.
if (window.wasmBindings) {
  start(window.wasmBindings);
} else {
  addEventListener("TrunkApplicationStarted", () => start(window.wasmBindings), { once: true });
}
