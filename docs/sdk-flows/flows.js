// Drives Mooring with the official Azure JavaScript SDKs, unchanged: only the endpoint differs.
// Usage: node flows.js <ARM https URL> <local token URL>   (exit code 1 when any step fails)
const { ResourceManagementClient } = require("@azure/arm-resources");
const { ConnectedKubernetesClient } = require("@azure/arm-hybridkubernetes");
const { SourceControlConfigurationClient } = require("@azure/arm-kubernetesconfiguration");
const crypto = require("crypto");

const [arm, tokenUrl] = process.argv.slice(2);
const subscription = "11111111-0000-0000-0000-000000000001";
const group = "sdk-demo";
const cluster = "sdk-cluster";
const poll = { updateIntervalInMs: 500 };

async function localToken() {
  const answer = await fetch(tokenUrl, { method: "POST" });
  return (await answer.json()).access_token;
}

async function main() {
  const token = await localToken();
  const credential = { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 30 * 60 * 1000 }) };
  const options = { endpoint: arm, credentialScopes: [arm + "/.default"] };
  const resources = new ResourceManagementClient(credential, subscription, options);
  const kubernetes = new ConnectedKubernetesClient(credential, subscription, options);
  const configuration = new SourceControlConfigurationClient(credential, subscription, options);
  const onCluster = [group, "Microsoft.Kubernetes", "connectedClusters", cluster];
  let failures = 0;
  async function step(name, call) {
    try {
      await call();
      console.log("ok    " + name);
    } catch (e) {
      failures++;
      console.log("FAIL  " + name + ": " + (e.statusCode || "") + " " + (e.code || "") + " " + e.message);
    }
  }
  async function all(iterator) {
    const items = [];
    for await (const item of iterator) items.push(item);
    return items;
  }

  for (const namespace of ["Microsoft.Kubernetes", "Microsoft.KubernetesConfiguration"]) {
    await step("providers.register " + namespace, async () => {
      await resources.providers.register(namespace);
      while ((await resources.providers.get(namespace)).registrationState !== "Registered") {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    });
  }
  await step("resourceGroups.createOrUpdate", () => resources.resourceGroups.createOrUpdate(group, { location: "eastus" }));
  const { publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const agentPublicKeyCertificate = publicKey.export({ type: "pkcs1", format: "der" }).toString("base64");
  await step("connectedCluster.beginCreateAndWait", () => kubernetes.connectedClusterOperations.beginCreateAndWait(
    group, cluster, { location: "eastus", identity: { type: "SystemAssigned" }, agentPublicKeyCertificate }, poll));
  await step("connectedCluster.update", () => kubernetes.connectedClusterOperations.update(group, cluster, { tags: { env: "dev" } }));
  await step("connectedCluster.listByResourceGroup", async () => {
    const names = (await all(kubernetes.connectedClusterOperations.listByResourceGroup(group))).map((c) => c.name);
    if (!names.includes(cluster)) throw new Error("the cluster is not listed: " + names);
  });
  const clusterId = `/subscriptions/${subscription}/resourceGroups/${group}/providers/Microsoft.Kubernetes/connectedClusters/${cluster}`;
  await step("resources.list with $filter", async () => {
    const ids = (await all(resources.resources.list({ filter: "resourceType eq 'Microsoft.Kubernetes/connectedClusters'" }))).map((r) => r.id);
    if (!ids.some((id) => id.toLowerCase() === clusterId.toLowerCase())) throw new Error("the cluster is not listed");
  });
  await step("resources.getById", () => resources.resources.getById(clusterId, "2021-10-01"));
  await step("tagsOperations.beginUpdateAtScopeAndWait (Merge)", () => resources.tagsOperations.beginUpdateAtScopeAndWait(
    clusterId, { operation: "Merge", properties: { tags: { owner: "sdk" } } }, poll));
  await step("tagsOperations.getAtScope", async () => {
    const tags = (await resources.tagsOperations.getAtScope(clusterId)).properties.tags;
    if (tags.owner !== "sdk" || tags.env !== "dev") throw new Error("tags: " + JSON.stringify(tags));
  });
  // An extension's create completes when the cluster's agent reports it installed; this cluster has no agent, so
  // the flow checks that Mooring accepted it and is waiting for the agent.
  await step("extensions.beginCreate", async () => {
    const poller = await configuration.extensions.beginCreate(...onCluster, "flux",
      { extensionType: "microsoft.flux", autoUpgradeMinorVersion: true, releaseTrain: "Stable" }, poll);
    const state = (await configuration.extensions.get(...onCluster, "flux")).provisioningState;
    if (poller.isDone() || state !== "Creating") throw new Error("expected a running create, the extension reads " + state);
  });
  await step("fluxConfigurations.beginCreateOrUpdateAndWait", () => configuration.fluxConfigurations.beginCreateOrUpdateAndWait(
    ...onCluster, "apps", { scope: "cluster", namespace: "apps", sourceKind: "GitRepository",
      gitRepository: { url: "https://github.com/fluxcd/flux2-kustomize-helm-example", repositoryRef: { branch: "main" } },
      kustomizations: { infra: { path: "./infrastructure" }, apps: { path: "./apps/staging", dependsOn: ["infra"] } } }, poll));
  await step("fluxConfigurations.list", async () => {
    if ((await all(configuration.fluxConfigurations.list(...onCluster))).length !== 1) throw new Error("not one flux configuration");
  });
  await step("sourceControlConfigurations.createOrUpdate", () => configuration.sourceControlConfigurations.createOrUpdate(
    ...onCluster, "legacy", { repositoryUrl: "https://github.com/Azure/arc-k8s-demo", operatorNamespace: "legacy",
      operatorInstanceName: "legacy", operatorScope: "namespace" }));
  // No agent runs for this cluster: every delete completes at once.
  await step("sourceControlConfigurations.beginDeleteAndWait", () => configuration.sourceControlConfigurations.beginDeleteAndWait(
    ...onCluster, "legacy", poll));
  await step("fluxConfigurations.beginDeleteAndWait", () => configuration.fluxConfigurations.beginDeleteAndWait(...onCluster, "apps", poll));
  await step("extensions.beginDeleteAndWait", () => configuration.extensions.beginDeleteAndWait(...onCluster, "flux",
    { ...poll, forceDelete: true }));
  await step("connectedCluster.beginDeleteAndWait", () => kubernetes.connectedClusterOperations.beginDeleteAndWait(group, cluster, poll));
  await step("resourceGroups.beginDeleteAndWait", () => resources.resourceGroups.beginDeleteAndWait(group, poll));
  console.log(failures === 0 ? "All steps passed." : failures + " step(s) failed.");
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(1); });
