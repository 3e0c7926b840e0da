import { readGatewayDefaults, workspaceRoot } from '@bff/app-process/launcher';
import {
  type AppName,
  ConfigError,
  DEFAULT_PORTS,
  type Env,
  GATEWAY_APPS,
  GATEWAY_ENV_VARS,
  type GatewayAppName,
  IDENTITY_APP,
  IDENTITY_ENV_VARS,
  SAMPLE_SERVICE_APPS,
  SERVICE_ENV_VARS,
  loadGatewayConfig as loadConfigOf,
  loadIdentityConfig,
  loadServiceConfig,
} from '@bff/config';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

// No cluster runs on our machines, so this checks deploy/k8s against the apps instead: the ports, probes and
// variables they really have, and the configuration each would start with, run through its own validation.

type PortRef = number | string;
type Labels = Record<string, string>;

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Labels; annotations?: Record<string, string> };
}
interface ConfigMap extends Manifest {
  data?: Record<string, string>;
}
interface Secret extends Manifest {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}
interface KeyRef {
  name: string;
  key: string;
  optional?: boolean;
}
interface Probe {
  httpGet?: { path: string; port: PortRef };
  exec?: { command: string[] };
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[] };
  seccompProfile?: { type: string };
}
interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  env?: { name: string; value?: string; valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef } }[];
  envFrom?: { prefix?: string; configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, PortRef>; limits?: Record<string, PortRef> };
  securityContext?: SecurityContext;
}
interface Deployment extends Manifest {
  spec: {
    replicas?: number;
    strategy?: { type: string };
    selector: { matchLabels: Labels };
    template: {
      metadata: { labels: Labels; annotations?: Record<string, string> };
      spec: { containers: Container[]; securityContext?: SecurityContext; terminationGracePeriodSeconds?: number };
    };
  };
}
interface Service extends Manifest {
  spec: { selector: Labels; ports: { name?: string; port: number; targetPort?: PortRef }[] };
}
interface HorizontalPodAutoscaler extends Manifest {
  spec: {
    scaleTargetRef: { apiVersion: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: { type: string; resource?: { name: string; target: { type: string; averageUtilization?: number } } }[];
  };
}
interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: unknown[];
}
interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: unknown;
}
interface PolicyPort {
  protocol?: string;
  port?: PortRef;
  endPort?: number;
}
interface NetworkPolicy extends Manifest {
  spec: {
    podSelector: LabelSelector;
    policyTypes?: ('Ingress' | 'Egress')[];
    ingress?: { from?: PolicyPeer[]; ports?: PolicyPort[] }[];
    egress?: { to?: PolicyPeer[]; ports?: PolicyPort[] }[];
  };
}
interface Kinds {
  Namespace: Manifest;
  NetworkPolicy: NetworkPolicy;
  ConfigMap: ConfigMap;
  Secret: Secret;
  Deployment: Deployment;
  Service: Service;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
}

const k8sDir = join(workspaceRoot(), 'deploy', 'k8s');
const yamlFilesIn = (dir: string) => readdirSync(dir).filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml');

function manifestsIn(path: string): Manifest[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]?.message}`);
    return document.toJS() as Manifest;
  });
}

/** What `kubectl apply -k deploy/k8s` would create. */
const appliedFiles = yamlFilesIn(k8sDir);
const applied = appliedFiles.flatMap((file) => manifestsIn(join(k8sDir, file)));
/** The Secrets, which a real cluster gets from its secret store, shaped as their template says. */
const secretTemplates = yamlFilesIn(join(k8sDir, 'templates')).flatMap((file) => manifestsIn(join(k8sDir, 'templates', file)));
const everything = [...applied, ...secretTemplates];
const kustomization = parse(readFileSync(join(k8sDir, 'kustomization.yaml'), 'utf8')) as { resources: string[] };

function all<K extends keyof Kinds>(kind: K): Kinds[K][] {
  return everything.filter((manifest) => manifest.kind === kind) as Kinds[K][];
}

function one<K extends keyof Kinds>(kind: K, name: string): Kinds[K] {
  const found = all(kind).filter((manifest) => manifest.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} named ${name} in deploy/k8s, found ${found.length}`);
  return found[0] as Kinds[K];
}

/** A gateway's configuration from the environment given, with the defaults its app states (its gateway.defaults.json). */
const loadGatewayConfig = (app: GatewayAppName, env: Env) => loadConfigOf(readGatewayDefaults(app), env);

const isGateway = (app: string): app is GatewayAppName => (GATEWAY_APPS as readonly string[]).includes(app);
const readsOf = (app: AppName): readonly string[] => (app === IDENTITY_APP ? IDENTITY_ENV_VARS : isGateway(app) ? GATEWAY_ENV_VARS : SERVICE_ENV_VARS);
const SECRET_VARIABLES = ['JWT_SECRET', 'SESSION_SECRET', 'IDENTITY_ADMIN_SECRET'];

function containerOf(app: string): Container {
  const container = one('Deployment', app).spec.template.spec.containers.find((c) => c.name === app);
  if (!container) throw new Error(`the ${app} Deployment has no container named ${app}`);
  return container;
}

function portNumber(container: Container, ref: PortRef | undefined): number | undefined {
  return typeof ref === 'number' ? ref : container.ports?.find((port) => port.name === ref)?.containerPort;
}

const selects = (selector: Labels, labels: Labels) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

/** The Deployments whose pods a Service sends traffic to. */
const backendsOf = (service: Service) => all('Deployment').filter((d) => selects(service.spec.selector, d.spec.template.metadata.labels));

interface EnvSource {
  from: 'Deployment' | 'ConfigMap' | 'Secret';
  name: string;
  /** Undefined: an optional reference to a key that is not there, so the variable stays unset. */
  value: string | undefined;
}

function secretValue(secret: Secret, key: string): string | undefined {
  const encoded = secret.data?.[key];
  return secret.stringData?.[key] ?? (encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8'));
}

/** Where each variable of the app's container comes from: a list, so that one set twice shows. */
function sourcesOf(app: string): Map<string, EnvSource[]> {
  const sources = new Map<string, EnvSource[]>();
  const add = (variable: string, source: EnvSource) => sources.set(variable, [...(sources.get(variable) ?? []), source]);
  const container = containerOf(app);
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const configMap = one('ConfigMap', from.configMapRef.name);
      for (const [key, value] of Object.entries(configMap.data ?? {})) add(prefix + key, { from: 'ConfigMap', name: configMap.metadata.name, value });
    }
    if (from.secretRef) {
      const secret = one('Secret', from.secretRef.name);
      const keys = [...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})];
      for (const key of keys) add(prefix + key, { from: 'Secret', name: secret.metadata.name, value: secretValue(secret, key) });
    }
  }
  for (const variable of container.env ?? []) {
    const configMapRef = variable.valueFrom?.configMapKeyRef;
    const secretRef = variable.valueFrom?.secretKeyRef;
    const ref = configMapRef ?? secretRef;
    if (!ref) {
      add(variable.name, { from: 'Deployment', name: app, value: variable.value ?? '' });
      continue;
    }
    const value = configMapRef ? one('ConfigMap', ref.name).data?.[ref.key] : secretValue(one('Secret', ref.name), ref.key);
    if (value === undefined && !ref.optional) throw new Error(`${app}'s ${variable.name} refers to ${ref.name}'s ${ref.key}, which it lacks`);
    add(variable.name, { from: configMapRef ? 'ConfigMap' : 'Secret', name: ref.name, value });
  }
  return sources;
}

/** A secret of the strength a real secret store would hold, the same on every run. */
const realSecret = (name: string) => createHash('sha256').update(`k8s-spec:${name}`).digest('hex');

/**
 * The environment the app's container would start with. Secrets hold real-looking values unless
 * `asTemplated`, when they hold the template's placeholders.
 */
function environmentOf(app: string, secrets: 'real' | 'asTemplated' = 'real'): Env {
  const env: Record<string, string | undefined> = {};
  for (const [variable, sources] of sourcesOf(app)) {
    const source = sources[sources.length - 1];
    if (source?.value === undefined) continue;
    env[variable] = source.from === 'Secret' && secrets === 'real' ? realSecret(`${source.name}/${variable}`) : source.value;
  }
  return env;
}

/** Where a URL the app is configured with lands: the Deployment behind the Service it names, and the container port. */
function reach(url: string | undefined): { deployment: string; containerPort: number | undefined; path: string } {
  if (!url) throw new Error('no URL configured');
  const parsed = new URL(url);
  const [serviceName, namespace, ...rest] = parsed.hostname.split('.');
  // Names of the Service in this namespace: short, or qualified by the namespace up to the cluster domain.
  const suffix = [namespace, ...rest].filter(Boolean).join('.');
  if (suffix && !['bff', 'bff.svc', 'bff.svc.cluster.local'].includes(suffix)) throw new Error(`${url} names no Service of the bff namespace`);
  const service = one('Service', serviceName ?? '');
  const defaultPort = { 'http:': 80, 'https:': 443, 'redis:': 6379, 'rediss:': 6379 }[parsed.protocol];
  const port = service.spec.ports.find((p) => p.port === Number(parsed.port || defaultPort));
  const backends = backendsOf(service);
  if (!port || backends.length !== 1) throw new Error(`${url}: ${service.metadata.name} has no such port or not exactly one backend`);
  const backend = backends[0] as Deployment;
  const container = backend.spec.template.spec.containers[0] as Container;
  return { deployment: backend.metadata.name, containerPort: portNumber(container, port.targetPort ?? port.port), path: parsed.pathname };
}

function refusal(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
  return 'nothing: the app started';
}

const QUANTITY_UNITS: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 };

function quantity(value: PortRef | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(m|k|M|G|Ki|Mi|Gi)?$/.exec(String(value));
  if (!match) throw new Error(`unreadable resource quantity ${String(value)}`);
  return Number(match[1]) * (QUANTITY_UNITS[match[2] ?? ''] ?? Number.NaN);
}

function preStopSeconds(container: Container): number {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const command = preStop?.exec?.command.join(' ') ?? '';
  const match = /^(?:\/bin\/)?sleep (\d+(?:\.\d+)?)$/.exec(command);
  if (!match) throw new Error(`${container.name} has no preStop sleep`);
  return Number(match[1]);
}

/** A pod as NetworkPolicies see it: where it runs, its labels and its container ports. */
interface Pod {
  name: string;
  namespace: string;
  labels: Labels;
  ports: { name?: string; containerPort: number; protocol: string }[];
}

const NAMESPACE_LABELS = (namespace: string): Labels => ({ 'kubernetes.io/metadata.name': namespace });

/** The pods the manifests run. */
const podsOfDeployments = (): Pod[] =>
  all('Deployment').map((d) => ({
    name: d.metadata.name,
    namespace: 'bff',
    labels: d.spec.template.metadata.labels,
    ports: d.spec.template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' }))),
  }));

/** Pods of the cluster that are not ours, as the policies' comments name them, and strangers. */
const OUTSIDERS: Pod[] = [
  { name: 'ingress-controller', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, ports: [] },
  { name: 'prometheus', namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' }, ports: [] },
  { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }] },
  // A pod of another team, and one started in our namespace by hand (a debug shell, a forgotten job).
  { name: 'other-namespace-pod', namespace: 'other', labels: { app: 'other' }, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
  { name: 'stray-pod-in-bff', namespace: 'bff', labels: { app: 'debug' }, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
];

function matchesSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (selector?.matchExpressions?.length) throw new Error('matchExpressions are not modelled by this test');
  return Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

const policiesIn = (namespace: string) => all('NetworkPolicy').filter((p) => (p.metadata.namespace ?? 'bff') === namespace);
const policyTypesOf = (policy: NetworkPolicy) => policy.spec.policyTypes ?? ['Ingress', ...(policy.spec.egress ? ['Egress' as const] : [])];
/** The policies of the pod's namespace that select it for a direction; none means that direction is not isolated. */
const isolating = (pod: Pod, direction: 'Ingress' | 'Egress') =>
  policiesIn(pod.namespace).filter((p) => policyTypesOf(p).includes(direction) && matchesSelector(p.spec.podSelector, pod.labels));

/** Whether a policy's peer (in `policyNamespace`) names this pod. */
function peerMatches(peer: PolicyPeer, policyNamespace: string, pod: Pod): boolean {
  if (peer.ipBlock) throw new Error('ipBlock peers are not modelled by this test');
  const namespaceOk = peer.namespaceSelector ? matchesSelector(peer.namespaceSelector, NAMESPACE_LABELS(pod.namespace)) : pod.namespace === policyNamespace;
  return namespaceOk && (peer.podSelector ? matchesSelector(peer.podSelector, pod.labels) : true);
}

/** Whether a rule's ports admit the destination's container port (named ports resolve on the destination). */
function portMatches(ports: PolicyPort[] | undefined, destination: Pod, port: Pod['ports'][number]): boolean {
  if (!ports?.length) return true;
  return ports.some((rule) => {
    if ((rule.protocol ?? 'TCP') !== port.protocol) return false;
    if (rule.port === undefined) return true;
    if (typeof rule.port === 'string') return destination.ports.some((p) => p.name === rule.port && p.containerPort === port.containerPort);
    return port.containerPort >= rule.port && port.containerPort <= (rule.endPort ?? rule.port);
  });
}

type Side = 'egress' | 'ingress';

/**
 * NetworkPolicy semantics: a flow needs the source's egress and the destination's ingress to allow it.
 * `sides` narrows the check to one of them (the other taken as open), to see that each holds on its own.
 */
function allowed(source: Pod, destination: Pod, port: Pod['ports'][number], sides: readonly Side[] = ['egress', 'ingress']): boolean {
  const egress = isolating(source, 'Egress');
  const egressOk =
    egress.length === 0 ||
    egress.some((p) => (p.spec.egress ?? []).some((rule) => (rule.to === undefined || rule.to.some((peer) => peerMatches(peer, source.namespace, destination))) && portMatches(rule.ports, destination, port)));
  const ingress = isolating(destination, 'Ingress');
  const ingressOk =
    ingress.length === 0 ||
    ingress.some((p) => (p.spec.ingress ?? []).some((rule) => (rule.from === undefined || rule.from.some((peer) => peerMatches(peer, destination.namespace, source))) && portMatches(rule.ports, destination, port)));
  return (!sides.includes('egress') || egressOk) && (!sides.includes('ingress') || ingressOk);
}

const flowName = (source: Pod, destination: Pod, port: Pod['ports'][number]) => `${source.name} -> ${destination.name}:${port.name ?? port.containerPort}/${port.protocol}`;

/** Every flow the policies allow between the pods, ours and the outsiders', except those among outsiders (not ours to rule). */
function allowedFlows(sides?: readonly Side[]): string[] {
  const pods = [...podsOfDeployments(), ...OUTSIDERS];
  const ours = (pod: Pod) => pod.namespace === 'bff';
  return pods
    .flatMap((source) => pods.filter((destination) => destination !== source && (ours(source) || ours(destination))).flatMap((destination) => destination.ports.filter((port) => allowed(source, destination, port, sides)).map((port) => flowName(source, destination, port))))
    .sort();
}

describe('deploy/k8s', () => {
  it('puts every object in the bff namespace it creates, which refuses pods below the restricted Pod Security Standard', () => {
    const namespace = one('Namespace', 'bff');
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const elsewhere = everything.filter((m) => m.kind !== 'Namespace' && m.metadata.namespace !== 'bff').map((m) => `${m.kind}/${m.metadata.name}`);
    expect(elsewhere).toEqual([]);
  });

  it('applies every manifest through kustomization.yaml, and never a Secret, so real ones are not overwritten', () => {
    expect([...kustomization.resources].sort()).toEqual([...appliedFiles].sort());
    expect(applied.filter((m) => m.kind === 'Secret').map((m) => m.metadata.name)).toEqual([]);
  });

  it.each(Object.entries(DEFAULT_PORTS))('runs %s from its image on port %i, behind a Service of its name that reaches only it', (app, port) => {
    const deployment = one('Deployment', app);
    const container = containerOf(app);
    expect(container.image).toBe(`bff/${app}:latest`);
    expect(portNumber(container, 'http')).toBe(port);
    expect(sourcesOf(app).get('PORT')?.map((s) => s.value)).toEqual([String(port)]);
    expect(selects(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);

    const service = one('Service', app);
    const http = service.spec.ports.find((p) => p.name === 'http');
    expect(http?.port).toBe(port);
    expect(portNumber(container, http?.targetPort ?? http?.port)).toBe(port);
    expect(backendsOf(service).map((d) => d.metadata.name)).toEqual([app]);
  });

  it.each(GATEWAY_APPS)('serves %s’s metrics on a port of their own, announced to Prometheus and not on the public Service', (app) => {
    const publicPort = DEFAULT_PORTS[app];
    const metricsPort = readGatewayDefaults(app).metricsPort;
    const container = containerOf(app);
    expect(container.ports?.find((p) => p.containerPort === metricsPort)?.name).toBe('metrics');
    expect(loadGatewayConfig(app, environmentOf(app)).operations.metricsPort).toBe(metricsPort);
    expect(one('Deployment', app).spec.template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(metricsPort),
      'prometheus.io/path': '/metrics',
    });

    const exposingMetrics = all('Service')
      .filter((service) => backendsOf(service).some((d) => d.metadata.name === app))
      .flatMap((service) => service.spec.ports.filter((p) => portNumber(container, p.targetPort ?? p.port) === metricsPort))
      .filter((p) => p.name === 'http' || p.port === publicPort);
    expect(exposingMetrics).toEqual([]);
  });

  it.each(GATEWAY_APPS)('probes %s on the public port: alive on /health/live, ready on /health/ready', (app) => {
    const container = containerOf(app);
    const probe = (p: Probe | undefined) => ({ path: p?.httpGet?.path, port: portNumber(container, p?.httpGet?.port) });
    const port = DEFAULT_PORTS[app];
    expect({ startup: probe(container.startupProbe), liveness: probe(container.livenessProbe), readiness: probe(container.readinessProbe) }).toEqual({
      // Starting and staying alive never depend on the services behind the gateway: only readiness does.
      startup: { path: '/health/live', port },
      liveness: { path: '/health/live', port },
      readiness: { path: '/health/ready', port },
    });
  });

  it.each([IDENTITY_APP, ...SAMPLE_SERVICE_APPS])('probes %s on /health on its port', (app) => {
    const container = containerOf(app);
    const probe = (p: Probe | undefined) => ({ path: p?.httpGet?.path, port: portNumber(container, p?.httpGet?.port) });
    expect([probe(container.livenessProbe), probe(container.readinessProbe)]).toEqual([
      { path: '/health', port: DEFAULT_PORTS[app] },
      { path: '/health', port: DEFAULT_PORTS[app] },
    ]);
  });

  it('runs one Redis on 6379 that is probed with redis-cli ping', () => {
    const redis = containerOf('redis');
    expect(one('Deployment', 'redis').spec.replicas).toBe(1);
    expect(portNumber(redis, 'redis')).toBe(6379);
    expect([redis.livenessProbe?.exec?.command, redis.readinessProbe?.exec?.command]).toEqual([
      ['redis-cli', 'ping'],
      ['redis-cli', 'ping'],
    ]);
  });

  it.each(Object.keys(DEFAULT_PORTS) as AppName[])('gives %s every variable it reads, each from exactly one place', (app) => {
    const sources = sourcesOf(app);
    expect(readsOf(app).filter((variable) => !sources.has(variable))).toEqual([]);
    expect([...sources].filter(([, from]) => from.length > 1).map(([variable]) => variable)).toEqual([]);
  });

  it('keeps every secret in a Secret of the app’s own, never in a ConfigMap or a Deployment', () => {
    const misplaced = (Object.keys(DEFAULT_PORTS) as AppName[]).flatMap((app) =>
      [...sourcesOf(app)]
        .filter(([variable]) => SECRET_VARIABLES.includes(variable) || /SECRET|PASSWORD|PRIVATE_KEY/.test(variable))
        .flatMap(([variable, sources]) => sources.filter((s) => s.from !== 'Secret' || s.name !== `${app}-secrets`).map((s) => `${app} ${variable} from ${s.from}/${s.name}`)),
    );
    expect(misplaced).toEqual([]);
    const secretishKeys = all('ConfigMap').flatMap((m) => Object.keys(m.data ?? {}).filter((key) => /SECRET|PASSWORD|PRIVATE_KEY/.test(key)));
    expect(secretishKeys).toEqual([]);
  });

  it('ships a Secret template that no app starts with unedited: the placeholders are refused by name', () => {
    expect(GATEWAY_APPS.map((app) => refusal(() => loadGatewayConfig(app, environmentOf(app, 'asTemplated'))))).toEqual(['SESSION_SECRET', 'SESSION_SECRET']);
    expect(refusal(() => loadIdentityConfig(environmentOf(IDENTITY_APP, 'asTemplated')))).toBe('IDENTITY_ADMIN_SECRET');
  });

  it.each(GATEWAY_APPS)('starts %s in production from the manifests’ configuration, calling the Services they define', (app) => {
    const config = loadGatewayConfig(app, environmentOf(app));
    expect(config).toMatchObject({
      environment: 'production',
      host: '0.0.0.0',
      port: DEFAULT_PORTS[app],
      jwt: { audience: readGatewayDefaults(app).audience, secret: undefined },
      corsOrigins: [],
    });
    expect({
      user: reach(config.services.user),
      order: reach(config.services.order),
      catalog: reach(config.services.catalog),
      recommendation: reach(config.services.recommendation),
      identity: reach(config.services.identity),
      jwks: reach(config.jwt.jwksUri),
      redis: reach(config.redis?.url),
    }).toEqual({
      user: { deployment: 'user-service', containerPort: DEFAULT_PORTS['user-service'], path: '/' },
      order: { deployment: 'order-service', containerPort: DEFAULT_PORTS['order-service'], path: '/' },
      catalog: { deployment: 'catalog-service', containerPort: DEFAULT_PORTS['catalog-service'], path: '/' },
      recommendation: { deployment: 'recommendation-service', containerPort: DEFAULT_PORTS['recommendation-service'], path: '/' },
      identity: { deployment: IDENTITY_APP, containerPort: DEFAULT_PORTS[IDENTITY_APP], path: '/' },
      jwks: { deployment: IDENTITY_APP, containerPort: DEFAULT_PORTS[IDENTITY_APP], path: '/.well-known/jwks.json' },
      redis: { deployment: 'redis', containerPort: 6379, path: '' },
    });
  });

  it('has the gateways accept the tokens identity-service issues: the same issuer on both sides', () => {
    const identity = loadIdentityConfig(environmentOf(IDENTITY_APP));
    expect(identity).toMatchObject({ environment: 'production', host: '0.0.0.0', port: DEFAULT_PORTS[IDENTITY_APP] });
    expect(GATEWAY_APPS.map((app) => loadGatewayConfig(app, environmentOf(app)).jwt.issuer)).toEqual([identity.issuer, identity.issuer]);
  });

  it('keeps web-bff’s and mobile-bff’s rate-limit counters apart in the one Redis, since their limits differ', () => {
    const [web = '', mobile = ''] = GATEWAY_APPS.map((app) => loadGatewayConfig(app, environmentOf(app)).redis?.keyPrefix ?? '');
    // Neither may be the other's prefix, or one gateway's keys would fall inside the other's.
    expect({ web, mobile, overlapping: web.startsWith(mobile) || mobile.startsWith(web) }).toEqual({
      web: expect.stringMatching(/.+/),
      mobile: expect.stringMatching(/.+/),
      overlapping: false,
    });
  });

  it('runs one identity-service, replaced rather than rolled, since its signing keys live in its memory', () => {
    const { spec } = one('Deployment', IDENTITY_APP);
    expect({ replicas: spec.replicas, strategy: spec.strategy?.type }).toEqual({ replicas: 1, strategy: 'Recreate' });
  });

  it.each(SAMPLE_SERVICE_APPS)('starts %s in production with fault injection off and no added delay', (app) => {
    expect(loadServiceConfig(app, environmentOf(app))).toEqual({
      app,
      environment: 'production',
      host: '0.0.0.0',
      port: DEFAULT_PORTS[app],
      faultInjection: false,
      responseDelayMs: 0,
    });
  });

  it.each(GATEWAY_APPS)('scales %s on CPU from 2 replicas up, with an autoscaling/v2 HPA on its Deployment', (app) => {
    const autoscalers = all('HorizontalPodAutoscaler').filter((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === app);
    expect(autoscalers).toHaveLength(1);
    const [hpa] = autoscalers as [HorizontalPodAutoscaler];
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef.apiVersion).toBe('apps/v1');
    expect(one('Deployment', app).spec.replicas).toBe(2);
    expect(hpa.spec.minReplicas).toBe(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(2);
    const cpu = hpa.spec.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu')?.resource?.target;
    expect(cpu?.type).toBe('Utilization');
    expect(cpu?.averageUtilization).toBeGreaterThanOrEqual(30);
    expect(cpu?.averageUtilization).toBeLessThanOrEqual(90);
  });

  it.each(all('Deployment').map((d) => d.metadata.name))('gives %s CPU and memory requests, and limits no lower', (name) => {
    for (const container of one('Deployment', name).spec.template.spec.containers) {
      const { requests = {}, limits = {} } = container.resources ?? {};
      for (const resource of ['cpu', 'memory']) {
        expect(quantity(requests[resource])).toBeGreaterThan(0);
        expect(quantity(limits[resource])).toBeGreaterThanOrEqual(quantity(requests[resource]));
      }
    }
  });

  it.each(GATEWAY_APPS)('gives %s time to drain on shutdown: preStop, then SHUTDOWN_GRACE_MS, well inside the grace period', (app) => {
    const container = containerOf(app);
    const preStop = preStopSeconds(container);
    const shutdownGraceS = loadGatewayConfig(app, environmentOf(app)).operations.shutdownGraceMs / 1000;
    // Kubernetes' default when the field is unset.
    const terminationGraceS = one('Deployment', app).spec.template.spec.terminationGracePeriodSeconds ?? 30;
    // Long enough for the endpoints controller and kube-proxy to stop sending traffic before SIGTERM.
    expect(preStop).toBeGreaterThanOrEqual(3);
    expect(terminationGraceS).toBeGreaterThan(preStop + shutdownGraceS);
  });

  it.each(all('Deployment').map((d) => d.metadata.name))('runs %s as a numeric non-root user, read-only, unprivileged', (name) => {
    const pod = one('Deployment', name).spec.template.spec;
    for (const container of pod.containers) {
      const context = { ...pod.securityContext, ...container.securityContext };
      expect({
        runAsNonRoot: context.runAsNonRoot,
        // The Node image's user is "node" by name: without a numeric id the kubelet cannot tell it is not root.
        numericNonRootUser: typeof context.runAsUser === 'number' && context.runAsUser > 0,
        readOnlyRootFilesystem: context.readOnlyRootFilesystem,
        allowPrivilegeEscalation: context.allowPrivilegeEscalation,
        dropsAllCapabilities: context.capabilities?.drop?.includes('ALL'),
        seccomp: context.seccompProfile?.type,
      }).toEqual({
        runAsNonRoot: true,
        numericNonRootUser: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        dropsAllCapabilities: true,
        seccomp: 'RuntimeDefault',
      });
    }
  });

  describe('NetworkPolicies', () => {
    const GATEWAYS = ['web-bff', 'mobile-bff'];
    const SERVICES = ['user-service', 'order-service', 'catalog-service', 'recommendation-service'];

    it('isolates every pod of the namespace both ways, including one no manifest defines', () => {
      const pods = [...podsOfDeployments(), ...OUTSIDERS.filter((pod) => pod.namespace === 'bff')];
      expect(pods.map((pod) => pod.name)).toContain('stray-pod-in-bff');
      const open = pods.filter((pod) => isolating(pod, 'Ingress').length === 0 || isolating(pod, 'Egress').length === 0).map((pod) => pod.name);
      expect(open).toEqual([]);
      const defaultDeny = all('NetworkPolicy').filter((p) => Object.keys(p.spec.podSelector.matchLabels ?? {}).length === 0 && !p.spec.ingress && !p.spec.egress);
      expect(defaultDeny.map((p) => policyTypesOf(p).sort())).toEqual([['Egress', 'Ingress']]);
    });

    it('allows exactly the flows the system needs, and no other', () => {
      const dns = (pod: string) => [`${pod} -> kube-dns:dns-tcp/TCP`, `${pod} -> kube-dns:dns/UDP`];
      const expected = [
        ...GATEWAYS.flatMap((gateway) => [`ingress-controller -> ${gateway}:http/TCP`, `prometheus -> ${gateway}:metrics/TCP`]),
        'ingress-controller -> identity-service:http/TCP',
        ...GATEWAYS.flatMap((gateway) => [...SERVICES, 'identity-service'].map((to) => `${gateway} -> ${to}:http/TCP`)),
        ...GATEWAYS.map((gateway) => `${gateway} -> redis:redis/TCP`),
        'identity-service -> web-bff:http/TCP',
        ...[...GATEWAYS, 'identity-service', ...SERVICES, 'redis', 'stray-pod-in-bff'].flatMap(dns),
      ].sort();
      expect(allowedFlows()).toEqual(expected);
      // Each side holds on its own: a pod's ingress admits only these flows whatever the caller's egress
      // allows, and its egress sends only these whatever the callee's ingress admits.
      const into = (flow: string) => /-> (web-bff|mobile-bff|identity-service|user-service|order-service|catalog-service|recommendation-service|redis|stray-pod-in-bff):/.test(flow);
      const fromOurs = (flow: string) => /^(web-bff|mobile-bff|identity-service|user-service|order-service|catalog-service|recommendation-service|redis|stray-pod-in-bff) ->/.test(flow);
      expect(allowedFlows(['ingress']).filter(into)).toEqual(expected.filter(into));
      expect(allowedFlows(['egress']).filter(fromOurs)).toEqual(expected.filter(fromOurs));
    });

    it.each(GATEWAY_APPS)('lets %s reach everything its production configuration calls', (app) => {
      const config = loadGatewayConfig(app, environmentOf(app));
      const pods = podsOfDeployments();
      const gateway = pods.find((pod) => pod.name === app) as Pod;
      const urls = [...Object.values(config.services), config.jwt.jwksUri, config.redis?.url];
      const blocked = urls.filter((url) => {
        const { deployment, containerPort } = reach(url);
        const destination = pods.find((pod) => pod.name === deployment) as Pod;
        const port = destination.ports.find((p) => p.containerPort === containerPort);
        return !port || !allowed(gateway, destination, port);
      });
      expect(blocked).toEqual([]);
    });

    it('keeps Redis and the services out of reach of the ingress, Prometheus, each other and other namespaces, by their own policies', () => {
      const flows = allowedFlows(['ingress']);
      const intoBackends = flows.filter((flow) => / -> (redis|user-service|order-service|catalog-service|recommendation-service):/.test(flow));
      expect(intoBackends.filter((flow) => !/^(web-bff|mobile-bff) -> /.test(flow))).toEqual([]);
    });
  });
});
