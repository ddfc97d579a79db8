// Validates every document of a multi-document Kubernetes YAML file against the published
// Kubernetes (and KEDA) OpenAPI schemas, offline. Usage: node validate.mjs rendered.yaml
// Exits 1 and names the document and the violations when anything does not validate.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs <manifests.yaml>");
  process.exit(2);
}

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const candidates = [];
  if (group.endsWith("keda.sh")) {
    candidates.push(`@kubernetes-models/keda/${group}/${version}/${kind}`);
  } else {
    candidates.push(`kubernetes-models/${group ? group + "/" : ""}${version}/${kind}`);
  }
  for (const path of candidates) {
    try {
      return (await import(path))[kind];
    } catch (e) {
      if (e.code !== "ERR_MODULE_NOT_FOUND" && e.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw e;
    }
  }
  return null;
}

const documents = parseAllDocuments(readFileSync(file, "utf8"))
  .map((doc) => doc.toJSON())
  .filter((doc) => doc && typeof doc === "object");
let failures = 0;
for (const doc of documents) {
  const name = `${doc.kind}/${doc.metadata?.name ?? "?"}`;
  const Model = await modelFor(doc.apiVersion ?? "", doc.kind ?? "");
  if (!Model) {
    console.error(`${name}: no schema known for apiVersion ${doc.apiVersion}, kind ${doc.kind}`);
    failures++;
    continue;
  }
  try {
    new Model(doc).validate();
    console.log(`ok   ${name} (${doc.apiVersion})`);
  } catch (e) {
    failures++;
    console.error(`FAIL ${name} (${doc.apiVersion}): ${e.message}`);
    for (const error of e.errors ?? []) {
      console.error(`     ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params ?? {})}`);
    }
  }
}
console.log(`${documents.length} documents, ${failures} invalid`);
process.exit(failures === 0 ? 0 : 1);
