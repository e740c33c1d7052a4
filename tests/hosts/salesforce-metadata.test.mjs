// The Salesforce package's metadata, read as a deploy would read it: well-formed XML, the
// credential's header in the formula form, the access every calling user needs, the cache
// partition the component names by default, and a component that deploys in an org
// without Kustomer's managed package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { XMLParser, XMLValidator } from "fast-xml-parser";

const base = new URL("../../www/hosts/salesforce/force-app/main/default/", import.meta.url);
const read = (path) => readFile(new URL(path, base), "utf8");
const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["externalCredentialParameters", "platformCachePartitionTypes", "objectPermissions", "property"].includes(name) });
const parse = async (path) => parser.parse(await read(path));

async function* metadataFiles(folder = base) {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const url = new URL(entry.name + (entry.isDirectory() ? "/" : ""), folder);
    if (entry.isDirectory()) yield* metadataFiles(url);
    else if (entry.name.endsWith("-meta.xml")) yield url;
  }
}

test("every metadata file is well-formed XML", async () => {
  let count = 0;
  for await (const url of metadataFiles()) {
    const verdict = XMLValidator.validate(await readFile(url, "utf8"));
    assert.equal(verdict, true, `${url.pathname}: ${JSON.stringify(verdict.err)}`);
    count++;
  }
  assert.ok(count >= 9, `${count} files`);
  assert.notEqual(XMLValidator.validate("<a><b></a>"), true, "the check finds a broken file");
});

test("the external credential's header is the formula form of Bearer and the ApiKey parameter", async () => {
  const { ExternalCredential: credential } = await parse("externalCredentials/Kustomer_API.externalCredential-meta.xml");
  const header = credential.externalCredentialParameters.find((p) => p.parameterType === "AuthHeader");
  assert.equal(header.parameterName, "Authorization");
  // Shipped External Credential metadata writes {!'token ' & $Credential.<Name>.ApiKey}
  // (reference/salesforce.md §4.6); a plain "Bearer {!...}" is not that form.
  assert.equal(header.parameterValue, "{!'Bearer ' & $Credential.Kustomer_API.ApiKey}");
  const principal = credential.externalCredentialParameters.find((p) => p.parameterType === "NamedPrincipal");
  assert.equal(principal.parameterName, "Kustomer");
});

test("the permission set grants the principal and read access to user external credentials, nothing more", async () => {
  const { PermissionSet: set } = await parse("permissionsets/Kustomer_Conversation_Viewer.permissionset-meta.xml");
  assert.equal(set.externalCredentialPrincipalAccesses.externalCredentialPrincipal, "Kustomer_API-Kustomer");
  // Salesforce Help, nc_user_external_credentials: each user who makes an authenticated
  // callout needs read access to User External Credentials.
  const [access] = set.objectPermissions.filter((p) => p.object === "UserExternalCredential");
  assert.ok(access, "UserExternalCredential access");
  assert.equal(access.allowRead, true);
  for (const key of ["allowCreate", "allowEdit", "allowDelete", "modifyAllRecords", "viewAllRecords"]) {
    assert.equal(access[key], false, key);
  }
});

test("the cache partition ships as metadata, under the name the component uses by default", async () => {
  const files = await readdir(new URL("cachePartitions/", base));
  assert.deepEqual(files, ["Kustomer.cachePartition-meta.xml"]);
  const { PlatformCachePartition: partition } = await parse("cachePartitions/Kustomer.cachePartition-meta.xml");
  assert.equal(partition.masterLabel, "Kustomer");
  assert.equal(partition.isDefaultPartition, false);
  assert.deepEqual(partition.platformCachePartitionTypes.map((t) => t.cacheType).sort(), ["Organization", "Session"]);
  const { LightningComponentBundle: bundle } = await parse("lwc/kustomerConversation/kustomerConversation.js-meta.xml");
  const setting = bundle.targetConfigs.targetConfig.property.find((p) => p["@_name"] === "cachePartition");
  assert.equal(setting["@_default"], "local.Kustomer");
  assert.match(await read("lwc/kustomerConversation/kustomerConversation.js"), /@api cachePartition = "local\.Kustomer";/);
});

test("the component names the conversation field by a setting, and imports no managed package field", async () => {
  const source = await read("lwc/kustomerConversation/kustomerConversation.js");
  // An import of a field from a package the org lacks fails the deploy (trailheadapps/ebikes-lwc#337).
  assert.doesNotMatch(source, /from\s+["']@salesforce\/schema\//);
  const { LightningComponentBundle: bundle } = await parse("lwc/kustomerConversation/kustomerConversation.js-meta.xml");
  const setting = bundle.targetConfigs.targetConfig.property.find((p) => p["@_name"] === "conversationIdField");
  assert.equal(setting["@_type"], "String");
  assert.equal(setting["@_default"], "KustomerApp__Conversation_Id__c");
});

test("the widget waits longer for an answer than Apex waits for Kustomer", async () => {
  const apex = await read("classes/KustomerApiProxy.cls");
  const component = await read("lwc/kustomerConversation/kustomerConversation.js");
  const callout = Number(apex.match(/CALLOUT_TIMEOUT_MS = (\d+);/)?.[1]);
  assert.match(apex, /request\.setTimeout\(CALLOUT_TIMEOUT_MS\);/);
  const widget = Number(component.match(/REQUEST_TIMEOUT_MS = (\d+);/)?.[1]);
  assert.match(component, /timeoutMs: REQUEST_TIMEOUT_MS/);
  assert.ok(callout > 0 && widget > callout, `Apex ${callout} ms, widget ${widget} ms`);
  // The frame keeps no timer of its own: the widget counts config.transport.timeoutMs.
  const frame = await readFile(new URL("../../www/hosts/salesforce/frame/frame.js", import.meta.url), "utf8");
  assert.doesNotMatch(frame, /setTimeout\s*\(/);
});

test("diagnostics are logged unless App Builder turns them off, through a property the compiler accepts", async () => {
  const { LightningComponentBundle: bundle } = await parse("lwc/kustomerConversation/kustomerConversation.js-meta.xml");
  const setting = bundle.targetConfigs.targetConfig.property.find((p) => p["@_name"] === "logDiagnostics");
  assert.equal(setting["@_type"], "Boolean");
  assert.equal(setting["@_default"], "true");
  const source = await read("lwc/kustomerConversation/kustomerConversation.js");
  // The LWC compiler refuses a Boolean public property initialised to true (LWC1099), so the
  // default is the metadata's and the component treats only an explicit false as off.
  assert.match(source, /@api logDiagnostics;/);
  assert.match(source, /this\.logDiagnostics === false/);
});
