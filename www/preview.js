// The preview page: a host like any other. It mounts the conversation view in a frame
// shaped like a Salesforce Case page and the Insight Card in a Kustomer-sized sidebar,
// both on the embedded demo org.

const ARTICLE_BODY = `{ "Kustomer_Conversation_App_and_Resolution__c": "{{steps.1.custom.appResolutionStr}}", "Kustomer_Conversation_Business_Impact__c": "{{steps.1.custom.businessImpactStr}}", "Kustomer_Conversation_Contact_Reason__c": "{{steps.1.custom.cxContactReasonTree}}", "Kustomer_Conversation_Effort_to_resolve__c": "/#fn:parseInt,steps.1.custom.effortNum", "Kustomer_Conversation_Escalated__c": "{{steps.1.custom.escalatedBool}}", "Kustomer_Conversation_Jira_Issue__c": "{{steps.1.custom.jiraIssueStr}}" }`;
const ARTICLE_URL_ARGS = `{ "version": "v42.0", "sobject": "Case", "externalIdAttribute": "KustomerApp__Conversation_ID__c", "externalId": "/#steps.1.id" }`;

function start(bindings) {
  const scenario = document.getElementById("scenario");
  const picker = document.getElementById("conversation");
  const conversations = new Map();
  for (const conversation of bindings.demoConversations()) {
    conversations.set(conversation.id, conversation);
    picker.add(new Option(`${conversation.subject} (${conversation.channel})`, conversation.id));
  }
  let handles = [];
  // A link to one message opens the preview at it: ?conversation=<id>&message=<id>.
  const linked = new URLSearchParams(location.search);
  if (conversations.has(linked.get("conversation"))) picker.value = linked.get("conversation");
  let messageId = linked.get("message") || undefined;

  function render() {
    handles.forEach((handle) => handle.unmount());
    const transport = { kind: "demo", scenario: scenario.value };
    const conversationId = picker.value;
    document.getElementById("case-conversation-id").textContent = conversationId;
    document.getElementById("case-title").textContent = picker.selectedOptions[0]?.text ?? "";
    const messageLink = `${location.origin}${location.pathname}?conversation=${encodeURIComponent(conversationId)}&message={messageId}`;
    handles = [
      bindings.mount(document.getElementById("conversation-widget"), {
        view: "conversation",
        context: { conversationId, messageId, messageLink },
        transport,
        kustomer: { org: "northwind" },
      }),
      bindings.mount(document.getElementById("insight-widget"), {
        view: "insight",
        context: {
          conversationId,
          customerId: conversations.get(conversationId).customerId,
          customerEmails: conversations.get(conversationId).customerEmails,
        },
        transport,
        salesforce: { subdomain: "northwind.my" },
        kustomer: { org: "northwind" },
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
