// The Salesforce package's metadata, read as a deploy would read it: well-formed XML, the
// credential's header in the formula form, the access every calling user needs, and the
// cache partition.
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

test("the cache partition ships as metadata", async () => {
  const files = await readdir(new URL("cachePartitions/", base));
  assert.deepEqual(files, ["Kustomer.cachePartition-meta.xml"]);
  const { PlatformCachePartition: partition } = await parse("cachePartitions/Kustomer.cachePartition-meta.xml");
  assert.equal(partition.masterLabel, "Kustomer");
  assert.equal(partition.isDefaultPartition, false);
  assert.deepEqual(partition.platformCachePartitionTypes.map((t) => t.cacheType).sort(), ["Organization", "Session"]);
});
