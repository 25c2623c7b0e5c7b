import { html } from '../../lib/lit-html/lit-html.js';
import { ApiError, call, clusterPath, enc, followOperation, get, page, save, VERSIONS } from '../api.js';
import { badge, errorBox } from '../format.js';
import { onboardingKeyPair } from '../keys.js';

const PROVIDER = 'Microsoft.Kubernetes';
const DISTRIBUTIONS = ['generic', 'k3s', 'kind', 'minikube', 'microk8s', 'rancher_rke', 'openshift', 'aks', 'eks', 'gke'];
const INFRASTRUCTURES = ['generic', 'azure_stack_hci', 'aws', 'gcp', 'vsphere', 'baremetal'];
const NAME = /^[a-zA-Z0-9][-_a-zA-Z0-9]{0,62}$/;
const WATCH_MS = 3000;

/**
 * Connects a cluster the way `az connectedk8s connect` does: registers the provider, creates the resource group
 * if it is new, makes the onboarding key pair (here, in the browser), PUTs the cluster with the public key, then
 * shows the private key once with the agent install command and waits until the agent has connected.
 */
export default function connect(view, query) {
  const s = {
    subscriptions: [], subscriptionId: query.get('subscription') || '', groups: [], regions: [], tenantId: null,
    group: query.get('resourceGroup') || '', name: '', region: '', distribution: 'generic', infrastructure: 'generic',
    steps: [], error: null, created: null, key: null, status: null,
  };

  async function chooseSubscription(id) {
    s.subscriptionId = id;
    s.groups = [];
    s.regions = [];
    s.error = null;
    view.update();
    if (!id) return;
    try {
      const base = `/subscriptions/${enc(id)}`;
      const [subscription, groups, provider, locations] = await Promise.all([
        get(base, { apiVersion: VERSIONS.subscriptions }),
        page(base + '/resourcegroups', { apiVersion: VERSIONS.resources }),
        get(`${base}/providers/${PROVIDER}`, { apiVersion: VERSIONS.resources }),
        get(base + '/locations', { apiVersion: VERSIONS.subscriptions }),
      ]);
      s.tenantId = subscription.tenantId;
      s.groups = groups.items;
      const served = provider.resourceTypes.find(t => t.resourceType.toLowerCase() === 'connectedclusters')?.locations || [];
      const byDisplay = new Map(locations.value.map(l => [l.displayName.toLowerCase(), l]));
      s.regions = served.map(d => byDisplay.get(d.toLowerCase()) || { name: d.toLowerCase().replace(/\s+/g, ''), displayName: d });
      s.region = s.region || s.regions[0]?.name || '';
    } catch (error) {
      s.error = error;
    }
    view.update();
  }

  function step(text) {
    s.steps.push({ text, done: false });
    view.update();
    return () => { s.steps[s.steps.length - 1].done = true; view.update(); };
  }

  async function registerProvider(base) {
    const providerPath = `${base}/providers/${PROVIDER}`;
    let provider = await get(providerPath, { apiVersion: VERSIONS.resources });
    if (provider.registrationState === 'Registered') return;
    await call('POST', providerPath + '/register', { apiVersion: VERSIONS.resources });
    while (view.alive()) {
      provider = await get(providerPath, { apiVersion: VERSIONS.resources });
      if (provider.registrationState === 'Registered') return;
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  }

  async function submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    Object.assign(s, { group: form.get('group').trim(), name: form.get('name').trim(), region: form.get('region'),
      distribution: form.get('distribution'), infrastructure: form.get('infrastructure') });
    s.error = null;
    s.steps = [];
    if (!NAME.test(s.name)) {
      s.error = new ApiError(0, 'InvalidName', 'A cluster name is 1 to 63 letters, digits, "-" or "_", starting with a letter or digit.');
      view.update();
      return;
    }
    const base = `/subscriptions/${enc(s.subscriptionId)}`;
    try {
      let done = step(`Registering the ${PROVIDER} provider`);
      await registerProvider(base);
      done();
      if (!s.groups.some(g => g.name.toLowerCase() === s.group.toLowerCase())) {
        done = step(`Creating resource group ${s.group}`);
        await call('PUT', `${base}/resourcegroups/${enc(s.group)}`, { apiVersion: VERSIONS.resources, body: { location: s.region } });
        done();
      }
      done = step('Generating the onboarding key pair in this browser');
      s.key = await onboardingKeyPair();
      done();
      done = step(`Creating connected cluster ${s.name}`);
      const path = clusterPath(s.subscriptionId, s.group, s.name);
      const response = await call('PUT', path, { apiVersion: VERSIONS.clusters, body: {
        location: s.region, identity: { type: 'SystemAssigned' },
        properties: { agentPublicKeyCertificate: s.key.agentPublicKeyCertificate, distribution: s.distribution,
          infrastructure: s.infrastructure },
      } });
      await followOperation(response, () => {});
      done();
      s.created = { path, subscriptionId: s.subscriptionId, group: s.group, name: s.name, region: s.region };
      watch();
    } catch (error) {
      s.error = error;
    }
    view.update();
  }

  function watch() {
    view.every(WATCH_MS, async () => {
      if (s.status === 'Connected') return;
      try {
        const cluster = await get(s.created.path, { apiVersion: VERSIONS.clusters });
        const status = cluster.properties.connectivityStatus;
        if (status !== s.status) view.announce(`Cluster ${s.created.name} is ${status}.`);
        s.status = status;
      } catch (error) {
        s.error = error;
      }
      view.update();
    });
  }

  function installCommand(c) {
    const dataPlane = view.config.dataPlaneUrls?.[c.region] || `${location.origin}/dataplane/${c.region}`;
    return `helm install mooring-agent deploy/agent-chart -n mooring-agent --create-namespace \\
  --set global.subscriptionId=${c.subscriptionId} --set global.resourceGroupName=${c.group} \\
  --set global.resourceName=${c.name} --set global.location=${c.region} --set global.tenantId=${s.tenantId} \\
  --set-file global.onboardingPrivateKey=onboarding.pem \\
  --set mooring.dataPlaneUrl=${dataPlane}`;
  }

  const result = c => html`
    <section class="panel" aria-labelledby="next-steps">
      <h2 id="next-steps">Install the agent</h2>
      <p><strong>The onboarding private key is shown only now.</strong> Save it as <code>onboarding.pem</code>; Mooring
        keeps only the public key. The agent needs it once, for its first connection.</p>
      <label for="private-key">Onboarding private key</label>
      <textarea id="private-key" class="code" readonly data-test="private-key">${s.key.privateKeyPem}</textarea>
      <p><button class="secondary" @click=${() => save(s.key.privateKeyPem, 'onboarding.pem', 'application/x-pem-file')}>
        Download onboarding.pem</button></p>
      <p>Then, from the Mooring repository, on a machine whose kubectl points at the cluster:</p>
      <pre data-test="install-command">${installCommand(c)}</pre>
      <p class="muted">Add <code>--set image.repository=…</code> where your registry holds the agent image, and the
        proxy values if the cluster reaches Mooring through one (Mooring's operations guide lists them).</p>
      <p>To try Mooring without a real cluster, the simulated agent connects a pretend cluster with one command: see
        ${view.config.documentationUrl
          ? html`<a href="${view.config.documentationUrl}#connect-a-cluster">“Connect a cluster” in Mooring's README</a>`
          : html`the section “Connect a cluster” of Mooring's README`}.</p>
      <p role="status" data-test="connect-status">Cluster <a href="#/subscriptions/${enc(c.subscriptionId)}/resourceGroups/${enc(c.group)}/clusters/${enc(c.name)}">${c.name}</a>:
        ${s.status ? badge(s.status) : 'checking…'}
        ${s.status === 'Connected' ? ' The agent has connected.' : html` <progress aria-label="Waiting for the agent"></progress> waiting for the agent to connect…`}</p>
    </section>`;

  view.render(() => html`
    <h1>Connect a cluster</h1>
    <form class="form" @submit=${submit} aria-describedby="connect-help">
      <p id="connect-help" class="wide muted">Creates the connected-cluster resource the way <code>az connectedk8s connect</code>
        does, then shows how to install the agent.</p>
      <label>Subscription <select name="subscription" required @change=${e => chooseSubscription(e.target.value)}>
        <option value="">Choose…</option>
        ${s.subscriptions.map(x => html`<option value=${x.subscriptionId} ?selected=${x.subscriptionId === s.subscriptionId}>${x.displayName}</option>`)}
      </select></label>
      <label>Resource group (existing or new) <input name="group" required list="groups" .value=${s.group} autocomplete="off"></label>
      <datalist id="groups">${s.groups.map(g => html`<option value=${g.name}></option>`)}</datalist>
      <label>Cluster name <input name="name" required maxlength="63" .value=${s.name} autocomplete="off"></label>
      <label>Region <select name="region" required>
        ${s.regions.map(r => html`<option value=${r.name} ?selected=${r.name === s.region}>${r.displayName}</option>`)}
      </select></label>
      <label>Distribution <select name="distribution">
        ${DISTRIBUTIONS.map(d => html`<option ?selected=${d === s.distribution}>${d}</option>`)}</select></label>
      <label>Infrastructure <select name="infrastructure">
        ${INFRASTRUCTURES.map(d => html`<option ?selected=${d === s.infrastructure}>${d}</option>`)}</select></label>
      <p class="wide"><button type="submit" ?disabled=${!s.subscriptionId || s.regions.length === 0 || (s.steps.length > 0 && !s.error && !s.created)}>Connect</button></p>
    </form>
    ${s.steps.length ? html`<ol aria-label="Progress" data-test="steps">${s.steps.map(x => html`<li>${x.text}${x.done ? ' — done' : '…'}</li>`)}</ol>` : ''}
    ${errorBox(s.error)}
    ${s.created ? result(s.created) : ''}`);

  page('/subscriptions', { apiVersion: VERSIONS.subscriptions }).then(result => {
    s.subscriptions = result.items;
    if (!s.subscriptionId && s.subscriptions.length === 1) s.subscriptionId = s.subscriptions[0].subscriptionId;
    return chooseSubscription(s.subscriptionId);
  }, error => { s.error = error; view.update(); });
}
