import { EventEmitter } from 'node:events';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server as IoServer } from 'socket.io';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { parse as parseYaml } from 'yaml';
import { parseDockerfile } from './support/dockerfile';
import { Helm, type KubeObject, type RenderOptions } from './support/helm';
import { CUSTOM_RESOURCES, typeOf, validateAgainstSchema } from './support/kube-schemas';
import { freePort, loopbackUpstreams, NginxPrefix } from './support/nginx';
import { hasCommand, readRepoFile, repoPath, run } from './support/repo';
import { Rendered, selects, selectsWith } from './support/workloads';

/**
 * Deployment checks that need no cluster and no Docker engine: the Helm chart (lint, template, the
 * Kubernetes schemas, properties of the rendered objects), the compose file, the nginx config and the
 * Dockerfile. Helm is unpacked from an npm package; nginx, docker-compose and unzip come from Debian.
 */

/** The services, which hold store connections and secrets. */
const SERVICES = ['auth', 'rooms', 'gateway'] as const;
/** Everything the chart runs by default: the services and the web client's host. */
const COMPONENTS = [...SERVICES, 'web'] as const;

/** Not a key: a marker whose appearance anywhere outside the Secret would be a leak. */
const FAKE_SIGNING_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'bm90LWEta2V5LWp1c3QtYS1tYXJrZXI=',
  '-----END PRIVATE KEY-----',
].join('\n');
const SECRET_VALUES = {
  mongoUrl: 'mongodb://chat:mongo-marker-pw@mongo-0.db:27017/chat?replicaSet=rs0',
  redisUrl: 'redis://:redis-marker-pw@redis.db:6379',
  authSigningKey: FAKE_SIGNING_KEY,
  attachmentLinkSecret: 'link-secret-marker-of-at-least-32-chars',
};
/** MinIO's keys, as an operator would give them to the chart's Secret. */
const S3_KEYS = { accessKeyId: 'chat-minio-marker', secretAccessKey: 'minio-secret-marker-pw' };
/** A VAPID pair from `web-push generate-vapid-keys`, made for these tests and used nowhere else. */
const VAPID = {
  publicKey: 'BE4qKgR659R8ffyRvEtzN7Y7sDJfjw3USnCa3V1HGP2CSSmGP8DZx5FYdIa8VsMFvx6GDGlCXXETXPFgkp1nun4',
  privateKey: 'AWSmgSq482BK9-hVbwtznQK3LO0ybMuaV8O-uoGW64Q',
};
const PUSH_GATEWAY_SECRET = 'push-gateway-secret-marker-pw';
/** Both kinds of push on: Web Push with a narrowed host list, and a Sygnal-compatible gateway. */
const PUSH_VALUES = {
  webPush: {
    vapidPublicKey: VAPID.publicKey,
    subject: 'mailto:ops@example.org',
    endpointHosts: ['fcm.googleapis.com', '*.push.apple.com'],
  },
  gateway: { url: 'https://push.example.org/_matrix/push/v1/notify' },
};
/** The push settings of an environment (a ConfigMap's, a compose service's). */
const pushSettings = (env: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter(([key]) => /^(WEB_PUSH_|PUSH_|NOTIFY_)/.test(key)));
/** The push settings' defaults, as the chart and compose render them. */
const PUSH_TUNING_DEFAULTS = {
  NOTIFY_COALESCE_MS: '3000',
  NOTIFY_POLL_MS: '500',
  NOTIFY_MAX_ATTEMPTS: '8',
  NOTIFY_PREVIEW: 'true',
  PUSH_TTL_SECONDS: '86400',
  PUSH_REQUEST_TIMEOUT_MS: '10000',
};
const PUSH_RENDER = 'push on, its secrets in the chart Secret';

const RENDERS: Record<string, RenderOptions> = {
  'default values': {},
  'values-production.yaml': { valuesFiles: ['k8s/values-production.yaml'] },
  'values-sharded-redis.yaml': { valuesFiles: ['k8s/values-sharded-redis.yaml'] },
  'a Secret rendered from values': { values: { secrets: { create: true, ...SECRET_VALUES } } },
  'S3 on MinIO, keys in the chart Secret': {
    values: {
      secrets: { create: true, ...SECRET_VALUES },
      attachments: {
        s3: {
          endpoint: 'http://minio.storage:9000',
          publicEndpoint: 'https://files.example.com',
          ...S3_KEYS,
        },
      },
    },
  },
  'the fs store on a ReadWriteMany claim': {
    values: { attachments: { store: 'fs', fs: { existingClaim: 'chat-attachments-rwx' } } },
  },
  [PUSH_RENDER]: {
    values: {
      secrets: {
        create: true,
        ...SECRET_VALUES,
        webPushVapidPrivateKey: VAPID.privateKey,
        pushGatewaySecret: PUSH_GATEWAY_SECRET,
      },
      push: PUSH_VALUES,
    },
  },
};

const SECRET_LOOKING = /PRIVATE KEY|password|secret|-marker-pw|link-secret-marker/i;

describe('Helm chart (k8s/)', () => {
  let helm: Helm;
  const renders = new Map<string, Rendered>();

  beforeAll(() => {
    helm = Helm.unpack();
    for (const [name, options] of Object.entries(RENDERS))
      renders.set(name, new Rendered(helm.template(options)));
  });
  afterAll(() => helm?.dispose());

  /** A container's variables from Secrets, as `<secret>/<key>`. */
  const secretRefs = (rendered: Rendered, component: string): Record<string, string> =>
    Object.fromEntries(
      (rendered.deployment(component).spec.template.spec.containers[0].env ?? []).map((variable: any) => [
        variable.name,
        `${variable.valueFrom.secretKeyRef.name}/${variable.valueFrom.secretKeyRef.key}`,
      ]),
    );

  it.each(Object.entries(RENDERS))('passes helm lint --strict with %s', (_name, options) => {
    expect(helm.lint(options)).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  describe.each(Object.keys(RENDERS))('rendered with %s', (name) => {
    const rendered = () => renders.get(name)!;
    const containers = () =>
      rendered()
        .ofKind('Deployment')
        .flatMap((deployment) =>
          deployment.spec.template.spec.containers.map((container: any) => ({ deployment, container })),
        );

    it('renders auth, rooms, gateway and web as Deployment, Service and ServiceAccount', () => {
      for (const component of COMPONENTS) {
        const deployment = rendered().deployment(component);
        expect(rendered().named('Service', deployment.metadata.name)).toBeDefined();
        expect(
          rendered().named('ServiceAccount', deployment.spec.template.spec.serviceAccountName),
        ).toBeDefined();
      }
    });

    it('validates every object against the Kubernetes schemas', () => {
      const failures: string[] = [];
      for (const object of rendered().objects) {
        if (CUSTOM_RESOURCES.has(typeOf(object))) {
          console.info(
            `${typeOf(object)} is a custom resource: checked structurally, not by kubernetes-models`,
          );
          continue;
        }
        try {
          validateAgainstSchema(object);
        } catch (error) {
          failures.push(`${object.kind} ${object.metadata.name}: ${(error as Error).message}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('gives every container startup and liveness probes on /healthz and a readiness probe on /readyz', () => {
      for (const { container } of containers()) {
        expect(container.startupProbe.httpGet.path).toBe('/healthz');
        expect(container.livenessProbe.httpGet.path).toBe('/healthz');
        expect(container.readinessProbe.httpGet.path).toBe('/readyz');
      }
    });

    it('gives every container CPU and memory requests and limits', () => {
      for (const { container } of containers()) {
        expect(container.resources.requests).toEqual(
          expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }),
        );
        expect(container.resources.limits).toEqual(
          expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }),
        );
      }
    });

    it('runs every container under the restricted securityContext with only /tmp writable', () => {
      for (const { deployment, container } of containers()) {
        const pod = deployment.spec.template.spec;
        expect(pod.securityContext).toEqual(
          expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }),
        );
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(container.securityContext).toEqual(
          expect.objectContaining({
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          }),
        );
        const tmp = container.volumeMounts.find((mount: any) => mount.mountPath === '/tmp');
        expect(pod.volumes.find((volume: any) => volume.name === tmp.name).emptyDir).toBeDefined();
      }
    });

    it('spreads the replicas of each service across nodes and zones', () => {
      for (const deployment of rendered().ofKind('Deployment')) {
        const constraints = deployment.spec.template.spec.topologySpreadConstraints;
        const keys = constraints.map((constraint: any) => constraint.topologyKey);
        expect(keys).toEqual(
          expect.arrayContaining(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']),
        );
        for (const constraint of constraints) {
          expect(
            selects(constraint.labelSelector.matchLabels, deployment.spec.template.metadata.labels),
          ).toBe(true);
        }
      }
    });

    it('lets every service finish its drain: grace period > preStop sleep + SHUTDOWN_GRACE_MS', () => {
      for (const deployment of rendered().ofKind('Deployment')) {
        const pod = deployment.spec.template.spec;
        const preStop = pod.containers[0].lifecycle.preStop.exec.command;
        expect(preStop[0]).toBe('sleep');
        const graceMs = Number(rendered().configEnv(deployment).SHUTDOWN_GRACE_MS);
        expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(preStop[1]) + graceMs / 1000);
      }
    });

    it('keeps readiness false for as long as the readiness probe takes to notice, within the grace', () => {
      for (const deployment of rendered().ofKind('Deployment')) {
        const { readinessProbe } = deployment.spec.template.spec.containers[0];
        const env = rendered().configEnv(deployment);
        const detectionMs = readinessProbe.periodSeconds * readinessProbe.failureThreshold * 1000;
        expect(Number(env.SHUTDOWN_DRAIN_DELAY_MS)).toBeGreaterThanOrEqual(detectionMs);
        expect(Number(env.SHUTDOWN_DRAIN_DELAY_MS)).toBeLessThan(Number(env.SHUTDOWN_GRACE_MS));
      }
    });

    it('puts no key, password or secret in any ConfigMap', () => {
      for (const configMap of rendered().ofKind('ConfigMap')) {
        for (const [key, value] of Object.entries<string>(configMap.data ?? {})) {
          expect(`${configMap.metadata.name}.${key}`).not.toMatch(SECRET_LOOKING);
          expect(`${configMap.metadata.name}.${key}=${value}`).not.toMatch(SECRET_LOOKING);
          expect([
            'MONGO_URL',
            'REDIS_URL',
            'AUTH_SIGNING_KEY',
            'ATTACHMENT_LINK_SECRET',
            'S3_ACCESS_KEY_ID',
            'S3_SECRET_ACCESS_KEY',
          ]).not.toContain(key);
        }
      }
    });

    it('reads the store URLs from the Secret, gives the signing key to auth alone, the push secrets to the gateway alone, and nothing to web', () => {
      const s3Keys =
        name === 'S3 on MinIO, keys in the chart Secret' ? ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] : [];
      const pushKeys = name === PUSH_RENDER ? ['PUSH_GATEWAY_SECRET', 'WEB_PUSH_VAPID_PRIVATE_KEY'] : [];
      const expected: Record<string, string[]> = {
        auth: ['AUTH_SIGNING_KEY', 'MONGO_URL', 'REDIS_URL'],
        // Attachments are rooms' alone: the gateway only claims records in MongoDB.
        rooms: ['ATTACHMENT_LINK_SECRET', 'MONGO_URL', 'REDIS_URL', ...s3Keys],
        // The notification workers run in the gateway: it signs Web Push requests and calls the gateway.
        gateway: ['MONGO_URL', 'REDIS_URL', ...pushKeys].sort(),
        web: [],
      };
      for (const { deployment, container } of containers()) {
        const fromSecret = (container.env ?? [])
          .filter((variable: any) => variable.valueFrom?.secretKeyRef)
          .map((variable: any) => variable.name);
        const component = deployment.metadata.labels['app.kubernetes.io/component'];
        expect({ component, fromSecret: fromSecret.sort() }).toEqual({
          component,
          fromSecret: expected[component],
        });
        for (const variable of container.env ?? []) expect(variable.value).toBeUndefined();
      }
    });

    it('denies all traffic by default and allows only what the services need', () => {
      const policies = rendered().ofKind('NetworkPolicy');
      const pods = rendered().podLabels();
      const covering = (labels: Record<string, string>) =>
        policies.filter((policy) => selectsWith(policy.spec.podSelector, labels));
      const denyAll = policies.filter(
        (policy) =>
          policy.spec.policyTypes.includes('Ingress') &&
          policy.spec.policyTypes.includes('Egress') &&
          !policy.spec.ingress &&
          !policy.spec.egress,
      );
      expect(denyAll).toHaveLength(1);
      for (const labels of pods) {
        expect(selects(denyAll[0].spec.podSelector.matchLabels, labels)).toBe(true);
        const ingressPorts = covering(labels).flatMap((policy) =>
          (policy.spec.ingress ?? []).flatMap((rule: any) => rule.ports.map((port: any) => port.port)),
        );
        expect(ingressPorts).toContain('http');
        const egressPorts = covering(labels).flatMap((policy) =>
          (policy.spec.egress ?? []).flatMap((rule: any) => rule.ports.map((port: any) => port.port)),
        );
        // The web host serves files and calls nobody: no egress at all.
        if (labels['app.kubernetes.io/component'] === 'web') expect(egressPorts).toEqual([]);
        else expect(egressPorts).toEqual(expect.arrayContaining([53, 27017, 6379]));
      }
      const auth = rendered().deployment('auth').spec.template.metadata.labels;
      const jwksPeers = covering(auth).flatMap((policy) =>
        (policy.spec.ingress ?? []).flatMap((rule: any) =>
          rule.from.filter((peer: any) => !peer.namespaceSelector),
        ),
      );
      for (const component of ['rooms', 'gateway']) {
        const labels = rendered().deployment(component).spec.template.metadata.labels;
        expect(jwksPeers.some((peer: any) => selects(peer.podSelector.matchLabels, labels))).toBe(true);
      }
    });

    it('matches every Deployment, Service and PodDisruptionBudget selector to exactly one pod template', () => {
      for (const deployment of rendered().ofKind('Deployment')) {
        expect(selects(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(
          true,
        );
      }
      const selectorsOf = (kind: string, pick: (object: KubeObject) => Record<string, string>) =>
        rendered()
          .ofKind(kind)
          .map((object) => ({ name: object.metadata.name, selector: pick(object) }));
      const selectors = [
        ...selectorsOf('Service', (service) => service.spec.selector),
        ...selectorsOf('PodDisruptionBudget', (pdb) => pdb.spec.selector.matchLabels),
      ];
      expect(selectors.length).toBeGreaterThanOrEqual(6);
      for (const { name, selector } of selectors) {
        const matched = rendered()
          .podLabels()
          .filter((labels) => selects(selector, labels));
        expect({ name, matched: matched.length }).toEqual({ name, matched: 1 });
      }
    });

    it('points the HPA, the Ingress backends and any ServiceMonitor at objects that exist', () => {
      for (const hpa of rendered().ofKind('HorizontalPodAutoscaler')) {
        const target = rendered().named('Deployment', hpa.spec.scaleTargetRef.name);
        expect(target).toBeDefined();
        expect(target!.spec.replicas).toBeUndefined();
      }
      for (const ingress of rendered().ofKind('Ingress')) {
        for (const path of ingress.spec.rules.flatMap((rule: any) => rule.http.paths)) {
          const service = rendered().named('Service', path.backend.service.name);
          expect(service?.spec.ports.map((port: any) => port.name)).toContain(path.backend.service.port.name);
        }
      }
      for (const monitor of rendered().ofKind('ServiceMonitor')) {
        const services = rendered()
          .ofKind('Service')
          .filter((service) => selects(monitor.spec.selector.matchLabels, service.metadata.labels!));
        expect(services).toHaveLength(COMPONENTS.length);
        for (const endpoint of monitor.spec.endpoints) {
          expect(endpoint.path).toBe('/metrics');
          for (const service of services) {
            expect(service.spec.ports.map((port: any) => port.name)).toContain(endpoint.port);
          }
        }
      }
    });

    it('resolves every ConfigMap a container reads, and reads secrets from one Secret', () => {
      // Without secrets.create the Secret is the operator's, under the name the values give.
      for (const { container } of containers()) {
        for (const source of container.envFrom) {
          expect(rendered().named('ConfigMap', source.configMapRef.name)).toBeDefined();
        }
        for (const variable of container.env ?? [])
          expect(variable.valueFrom.secretKeyRef.name).toBe('chat-secrets');
      }
      for (const secret of rendered().ofKind('Secret')) expect(secret.metadata.name).toBe('chat-secrets');
    });
  });

  it('routes the HTTP prefixes of the contract and /socket.io through the Ingress', () => {
    const ingresses = renders.get('default values')!.ofKind('Ingress');
    const routes = Object.fromEntries(
      ingresses.flatMap((ingress) =>
        ingress.spec.rules[0].http.paths.map((path: any) => [path.path, path.backend.service.name]),
      ),
    );
    expect(routes).toEqual({
      '/api/auth': 'chat-auth',
      '/api/users': 'chat-auth',
      '/api/rooms': 'chat-rooms',
      '/api/dm': 'chat-rooms',
      '/api/announcements': 'chat-rooms',
      '/api/attachments': 'chat-rooms',
      '/api/rooms/[^/]+/attachments$': 'chat-rooms',
      '/socket.io': 'chat-gateway',
      '/': 'chat-web',
    });
  });

  it('runs the web client on the web host by default, and leaves it out when web.enabled is false', () => {
    const rendered = renders.get('default values')!;
    const web = rendered.deployment('web');
    expect(web.spec.template.spec.containers[0].args).toEqual(['web-host']);
    expect(rendered.configEnv(web).AUTH_JWKS_URL).toBeUndefined();
    const without = new Rendered(helm.template({ values: { web: { enabled: false } } }));
    expect(
      without.objects.filter((object) => object.metadata.labels?.['app.kubernetes.io/component'] === 'web'),
    ).toEqual([]);
    const paths = without
      .ofKind('Ingress')
      .flatMap((ingress) => ingress.spec.rules[0].http.paths.map((path: any) => path.path));
    expect(paths).not.toContain('/');
  });

  it('gives /socket.io long timeouts and cookie affinity for polling clients, and can turn affinity off', () => {
    const socketIngress = (rendered: Rendered) =>
      rendered.named('Ingress', 'chat-socket')!.metadata.annotations!;
    const sticky = socketIngress(renders.get('default values')!);
    expect(Number(sticky['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(Number(sticky['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(sticky['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
    const websocketOnly = socketIngress(
      new Rendered(helm.template({ values: { ingress: { stickyPolling: false } } })),
    );
    expect(websocketOnly['nginx.ingress.kubernetes.io/affinity']).toBeUndefined();
  });

  it('renders a Secret only when the operator asks for one, holding exactly the four secrets', () => {
    expect(renders.get('default values')!.ofKind('Secret')).toEqual([]);
    expect(renders.get('values-production.yaml')!.ofKind('Secret')).toEqual([]);
    const [secret] = renders.get('a Secret rendered from values')!.ofKind('Secret');
    expect(secret.stringData).toEqual({
      MONGO_URL: SECRET_VALUES.mongoUrl,
      REDIS_URL: SECRET_VALUES.redisUrl,
      AUTH_SIGNING_KEY: FAKE_SIGNING_KEY,
      ATTACHMENT_LINK_SECRET: SECRET_VALUES.attachmentLinkSecret,
    });
  });

  it('refuses secrets in the non-secret env maps and a Secret without its values', () => {
    expect(helm.templateError({ values: { auth: { env: { MONGO_URL: 'mongodb://x' } } } })).toMatch(
      /auth\.env/,
    );
    expect(helm.templateError({ values: { config: { env: { SMTP_PASSWORD: 'x' } } } })).toMatch(
      /config\.env/,
    );
    expect(helm.templateError({ values: { secrets: { create: true } } })).toMatch(/secrets\.mongoUrl/);
    expect(helm.templateError({ values: { gateway: { socketAdaptr: 'sharded' } } })).toMatch(/socketAdaptr/);
  });

  it('scales the gateway on CPU by default and on connections when asked', () => {
    const [cpuOnly] = renders.get('default values')!.ofKind('HorizontalPodAutoscaler');
    expect(cpuOnly.spec.metrics.map((metric: any) => metric.type)).toEqual(['Resource']);
    const withConnections = new Rendered(
      helm.template({ values: { gateway: { autoscaling: { connections: { enabled: true } } } } }),
    );
    const [hpa] = withConnections.ofKind('HorizontalPodAutoscaler');
    expect(hpa.spec.metrics.map((metric: any) => metric.type)).toEqual(['Resource', 'Pods']);
    expect(() => validateAgainstSchema(hpa)).not.toThrow();
  });

  it('selects the sharded Socket.IO adapter for gateways and rooms with values-sharded-redis.yaml', () => {
    // Rooms must agree with the gateways: in sharded mode it relays live events on the bus.
    const adapters = (name: string) => {
      const rendered = renders.get(name)!;
      return ['gateway', 'rooms'].map(
        (component) => rendered.configEnv(rendered.deployment(component)).SOCKET_ADAPTER,
      );
    };
    expect(adapters('default values')).toEqual(['redis', 'redis']);
    expect(adapters('values-sharded-redis.yaml')).toEqual(['sharded', 'sharded']);
  });

  it('connects every service to the Redis Cluster with values-sharded-redis.yaml, only with the sharded adapter', () => {
    const clusterNodes = (name: string) => {
      const rendered = renders.get(name)!;
      return ['auth', 'rooms', 'gateway'].map(
        (component) => rendered.configEnv(rendered.deployment(component)).REDIS_CLUSTER_NODES,
      );
    };
    expect(clusterNodes('default values')).toEqual([undefined, undefined, undefined]);
    expect(clusterNodes('values-sharded-redis.yaml')).toEqual(Array(3).fill('redis-cluster:6379'));
    expect(helm.templateError({ values: { redisClusterNodes: ['redis-cluster:6379'] } })).toMatch(
      /needs socketAdapter: sharded/,
    );
    expect(
      helm.templateError({ values: { socketAdapter: 'sharded', redisClusterNodes: ['redis-cluster'] } }),
    ).toMatch(/redisClusterNodes/);
  });

  describe('attachments', () => {
    const attachmentEnv = (rendered: Rendered, component: string) =>
      Object.fromEntries(
        Object.entries(rendered.configEnv(rendered.deployment(component))).filter(([key]) =>
          /^(ATTACHMENT_|S3_)/.test(key),
        ),
      );
    const rooms = (rendered: Rendered) => rendered.deployment('rooms').spec.template.spec;

    it('gives rooms alone the settings: by default S3 through the SDK credentials, without keys', () => {
      const rendered = renders.get('default values')!;
      expect(attachmentEnv(rendered, 'rooms')).toEqual({
        ATTACHMENT_STORE: 's3',
        ATTACHMENT_MAX_BYTES: String(25 * 1024 * 1024),
        ATTACHMENT_LINK_TTL_SECONDS: '120',
        S3_REGION: 'us-east-1',
        S3_BUCKET: 'chat-attachments',
      });
      for (const component of ['auth', 'gateway', 'web'])
        expect(attachmentEnv(rendered, component)).toEqual({});
      expect(Object.keys(secretRefs(rendered, 'gateway'))).toEqual(['MONGO_URL', 'REDIS_URL']);
      // Uploads spool in /tmp on their way to the bucket: room for several at once.
      const tmp = rooms(rendered).volumes.find((volume: any) => volume.name === 'tmp');
      expect(tmp.emptyDir.sizeLimit).toBe('1Gi');
    });

    it("lets the web client's CSP load previews from the store's public endpoint", () => {
      const imageOrigins = (name: string) =>
        renders.get(name)!.configEnv(renders.get(name)!.deployment('web')).WEB_IMAGE_ORIGINS;
      expect(imageOrigins('S3 on MinIO, keys in the chart Secret')).toBe('https://files.example.com');
      expect(imageOrigins('default values')).toBe('https://chat-attachments.s3.us-east-1.amazonaws.com');
      expect(imageOrigins('the fs store on a ReadWriteMany claim')).toBeUndefined();
    });

    it('names MinIO and the public endpoint, and reads the keys from the chart Secret or an existing one', () => {
      const minio = renders.get('S3 on MinIO, keys in the chart Secret')!;
      expect(attachmentEnv(minio, 'rooms')).toEqual(
        expect.objectContaining({
          S3_ENDPOINT: 'http://minio.storage:9000',
          S3_PUBLIC_ENDPOINT: 'https://files.example.com',
        }),
      );
      const [secret] = minio.ofKind('Secret');
      expect(secret.stringData).toEqual(
        expect.objectContaining({
          S3_ACCESS_KEY_ID: S3_KEYS.accessKeyId,
          S3_SECRET_ACCESS_KEY: S3_KEYS.secretAccessKey,
        }),
      );
      expect(secretRefs(minio, 'rooms')).toEqual(
        expect.objectContaining({
          ATTACHMENT_LINK_SECRET: 'chat-secrets/ATTACHMENT_LINK_SECRET',
          S3_ACCESS_KEY_ID: 'chat-secrets/S3_ACCESS_KEY_ID',
          S3_SECRET_ACCESS_KEY: 'chat-secrets/S3_SECRET_ACCESS_KEY',
        }),
      );
      const existing = new Rendered(
        helm.template({
          values: { attachments: { s3: { existingSecret: 'minio-keys', forcePathStyle: true } } },
        }),
      );
      expect(secretRefs(existing, 'rooms')).toEqual(
        expect.objectContaining({
          ATTACHMENT_LINK_SECRET: 'chat-secrets/ATTACHMENT_LINK_SECRET',
          S3_ACCESS_KEY_ID: 'minio-keys/S3_ACCESS_KEY_ID',
          S3_SECRET_ACCESS_KEY: 'minio-keys/S3_SECRET_ACCESS_KEY',
        }),
      );
      expect(attachmentEnv(existing, 'rooms').S3_FORCE_PATH_STYLE).toBe('true');
    });

    it('refuses S3 keys outside a Secret, half a key pair, a short link secret and a TTL over 5 minutes', () => {
      expect(helm.templateError({ values: { attachments: { s3: S3_KEYS } } })).toMatch(
        /accessKeyId is rendered into the chart's Secret only/,
      );
      expect(
        helm.templateError({
          values: {
            secrets: { create: true, ...SECRET_VALUES },
            attachments: { s3: { accessKeyId: 'only-the-id' } },
          },
        }),
      ).toMatch(/go together/);
      expect(
        helm.templateError({
          values: { secrets: { create: true, ...SECRET_VALUES, attachmentLinkSecret: 'short' } },
        }),
      ).toMatch(/attachmentLinkSecret/);
      expect(helm.templateError({ values: { attachments: { linkTtlSeconds: 600 } } })).toMatch(
        /linkTtlSeconds/,
      );
      expect(helm.templateError({ values: { rooms: { env: { S3_SECRET_ACCESS_KEY: 'x' } } } })).toMatch(
        /rooms\.env/,
      );
    });

    it('refuses the fs store on several rooms replicas without a claim, and mounts the claim at ATTACHMENT_DIR', () => {
      expect(helm.templateError({ values: { attachments: { store: 'fs' } } })).toMatch(
        /attachments\.store fs with rooms\.replicas > 1 needs attachments\.fs\.existingClaim/,
      );
      const shared = renders.get('the fs store on a ReadWriteMany claim')!;
      const dir = attachmentEnv(shared, 'rooms').ATTACHMENT_DIR;
      const mount = rooms(shared).containers[0].volumeMounts.find((m: any) => m.mountPath === dir);
      const volume = rooms(shared).volumes.find((v: any) => v.name === mount.name);
      expect(volume.persistentVolumeClaim).toEqual({ claimName: 'chat-attachments-rwx' });
      expect(Object.keys(attachmentEnv(shared, 'rooms')).filter((key) => key.startsWith('S3_'))).toEqual([]);
      // One replica may keep its files on an emptyDir.
      const single = new Rendered(
        helm.template({ values: { attachments: { store: 'fs' }, rooms: { replicas: 1 } } }),
      );
      const singleMount = rooms(single).containers[0].volumeMounts.find(
        (m: any) => m.mountPath === attachmentEnv(single, 'rooms').ATTACHMENT_DIR,
      );
      expect(rooms(single).volumes.find((v: any) => v.name === singleMount.name).emptyDir).toBeDefined();
    });

    it('admits attachment-sized bodies, unbuffered, on the upload route of the Ingress only', () => {
      const rendered = renders.get('default values')!;
      const uploads = rendered.named('Ingress', 'chat-uploads')!;
      const annotations = uploads.metadata.annotations!;
      expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-body-size'])).toBe(26 * 1024 * 1024);
      expect(annotations['nginx.ingress.kubernetes.io/proxy-request-buffering']).toBe('off');
      expect(annotations['nginx.ingress.kubernetes.io/use-regex']).toBe('true');
      const paths = uploads.spec.rules[0].http.paths.map((path: any) => path.path);
      expect(paths).toEqual(['/api/rooms/[^/]+/attachments$']);
      const pattern = new RegExp(`^${paths[0]}`);
      expect(pattern.test('/api/rooms/r1/attachments')).toBe(true);
      for (const other of ['/api/rooms/r1/messages', '/api/rooms/r1/attachments/a1', '/api/rooms'])
        expect(pattern.test(other)).toBe(false);
      const api = rendered.named('Ingress', 'chat-api')!.metadata.annotations!;
      expect(api['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('128k');
    });

    it("lets rooms alone reach S3, on the endpoint's port", () => {
      const egressPorts = (rendered: Rendered) => {
        const policy = rendered.named('NetworkPolicy', 'chat-allow-s3');
        if (!policy) return undefined;
        expect(
          selects(
            policy.spec.podSelector.matchLabels,
            rendered.deployment('rooms').spec.template.metadata.labels,
          ),
        ).toBe(true);
        expect(
          selects(
            policy.spec.podSelector.matchLabels,
            rendered.deployment('gateway').spec.template.metadata.labels,
          ),
        ).toBe(false);
        return policy.spec.egress.flatMap((rule: any) => rule.ports.map((port: any) => port.port));
      };
      expect(egressPorts(renders.get('default values')!)).toEqual([443]);
      expect(egressPorts(renders.get('S3 on MinIO, keys in the chart Secret')!)).toEqual([9000]);
      expect(egressPorts(renders.get('the fs store on a ReadWriteMany claim')!)).toBeUndefined();
    });
  });

  describe('push notifications', () => {
    const pushEnv = (rendered: Rendered, component: string) =>
      pushSettings(rendered.configEnv(rendered.deployment(component)));
    const PUSH_SECRET_NAMES = /^(WEB_PUSH_VAPID_PRIVATE_KEY|PUSH_GATEWAY_SECRET)$/;

    it('gives the gateway every push setting, rooms the public key, the host policy and the gateway URL', () => {
      const rendered = renders.get(PUSH_RENDER)!;
      // rooms serves /api/push/*: what a client subscribes with, which endpoints it may name, and
      // whether apps can register devices for a gateway.
      const forRooms = {
        WEB_PUSH_VAPID_PUBLIC_KEY: VAPID.publicKey,
        WEB_PUSH_ENDPOINT_HOSTS: 'fcm.googleapis.com,*.push.apple.com',
        PUSH_GATEWAY_URL: PUSH_VALUES.gateway.url,
      };
      expect(pushEnv(rendered, 'rooms')).toEqual(forRooms);
      expect(pushEnv(rendered, 'gateway')).toEqual({
        ...forRooms,
        WEB_PUSH_SUBJECT: 'mailto:ops@example.org',
        ...PUSH_TUNING_DEFAULTS,
      });
      for (const component of ['auth', 'web']) expect(pushEnv(rendered, component)).toEqual({});
      const tuned = new Rendered(helm.template({ values: { push: { preview: false, coalesceMs: 0 } } }));
      expect(pushEnv(tuned, 'gateway')).toEqual(
        expect.objectContaining({ NOTIFY_PREVIEW: 'false', NOTIFY_COALESCE_MS: '0' }),
      );
    });

    it('leaves Web Push and the push gateway off by default: no key, no URL, no push secret, no egress', () => {
      const rendered = renders.get('default values')!;
      expect(pushEnv(rendered, 'rooms')).toEqual({});
      expect(pushEnv(rendered, 'gateway')).toEqual({
        WEB_PUSH_SUBJECT: 'mailto:admin@localhost',
        ...PUSH_TUNING_DEFAULTS,
      });
      expect(Object.keys(secretRefs(rendered, 'gateway'))).toEqual(['MONGO_URL', 'REDIS_URL']);
      expect(rendered.named('NetworkPolicy', 'chat-allow-push')).toBeUndefined();
    });

    it('reads the VAPID private key and the gateway secret from the Secret, into the gateway pods alone', () => {
      const rendered = renders.get(PUSH_RENDER)!;
      expect(secretRefs(rendered, 'gateway')).toEqual({
        MONGO_URL: 'chat-secrets/MONGO_URL',
        REDIS_URL: 'chat-secrets/REDIS_URL',
        WEB_PUSH_VAPID_PRIVATE_KEY: 'chat-secrets/WEB_PUSH_VAPID_PRIVATE_KEY',
        PUSH_GATEWAY_SECRET: 'chat-secrets/PUSH_GATEWAY_SECRET',
      });
      for (const component of ['auth', 'rooms'])
        expect(
          Object.keys(secretRefs(rendered, component)).filter((key) => PUSH_SECRET_NAMES.test(key)),
        ).toEqual([]);
      const [secret] = rendered.ofKind('Secret');
      expect(secret.stringData).toEqual(
        expect.objectContaining({
          WEB_PUSH_VAPID_PRIVATE_KEY: VAPID.privateKey,
          PUSH_GATEWAY_SECRET,
        }),
      );
      // In the Secret and nowhere else: no ConfigMap, annotation or literal env value holds them.
      const elsewhere = JSON.stringify(rendered.objects.filter((object) => object.kind !== 'Secret'));
      expect(elsewhere).not.toContain(VAPID.privateKey);
      expect(elsewhere).not.toContain(PUSH_GATEWAY_SECRET);
    });

    it("reads them from push.existingSecret under its key names, and sends no bearer when the key is ''", () => {
      const existing = new Rendered(
        helm.template({
          values: {
            push: {
              ...PUSH_VALUES,
              existingSecret: 'chat-push',
              secretKeys: { vapidPrivateKey: 'vapid-private-key', gatewaySecret: 'gateway-token' },
            },
          },
        }),
      );
      expect(existing.ofKind('Secret')).toEqual([]);
      expect(secretRefs(existing, 'gateway')).toEqual({
        MONGO_URL: 'chat-secrets/MONGO_URL',
        REDIS_URL: 'chat-secrets/REDIS_URL',
        WEB_PUSH_VAPID_PRIVATE_KEY: 'chat-push/vapid-private-key',
        PUSH_GATEWAY_SECRET: 'chat-push/gateway-token',
      });
      expect(() => validateAgainstSchema(existing.deployment('gateway'))).not.toThrow();
      const noBearer = new Rendered(
        helm.template({
          values: { push: { gateway: PUSH_VALUES.gateway, secretKeys: { gatewaySecret: '' } } },
        }),
      );
      expect(pushEnv(noBearer, 'gateway').PUSH_GATEWAY_URL).toBe(PUSH_VALUES.gateway.url);
      expect(Object.keys(secretRefs(noBearer, 'gateway'))).toEqual(['MONGO_URL', 'REDIS_URL']);
    });

    it('refuses push secrets outside a Secret, a missing one, and malformed keys, subject or URL', () => {
      expect(
        helm.templateError({
          values: { secrets: { webPushVapidPrivateKey: VAPID.privateKey }, push: PUSH_VALUES },
        }),
      ).toMatch(/secrets\.webPushVapidPrivateKey is rendered into the chart's Secret only/);
      expect(
        helm.templateError({
          values: {
            secrets: { create: true, ...SECRET_VALUES, pushGatewaySecret: PUSH_GATEWAY_SECRET },
            push: { gateway: PUSH_VALUES.gateway, existingSecret: 'chat-push' },
          },
        }),
      ).toMatch(/secrets\.pushGatewaySecret is rendered into the chart's Secret only/);
      expect(
        helm.templateError({
          values: { secrets: { create: true, ...SECRET_VALUES }, push: { webPush: PUSH_VALUES.webPush } },
        }),
      ).toMatch(/secrets\.webPushVapidPrivateKey is required/);
      expect(
        helm.templateError({
          values: { secrets: { create: true, ...SECRET_VALUES }, push: { gateway: PUSH_VALUES.gateway } },
        }),
      ).toMatch(/secrets\.pushGatewaySecret is required/);
      expect(
        helm.templateError({
          values: {
            secrets: { create: true, ...SECRET_VALUES, webPushVapidPrivateKey: VAPID.privateKey },
          },
        }),
      ).toMatch(/needs push\.webPush\.vapidPublicKey/);
      // The private key where the public one goes, a subject that is no URI, a URL without a scheme.
      expect(
        helm.templateError({ values: { push: { webPush: { vapidPublicKey: VAPID.privateKey } } } }),
      ).toMatch(/push\.webPush\.vapidPublicKey/);
      expect(helm.templateError({ values: { push: { webPush: { subject: 'ops@example.org' } } } })).toMatch(
        /push\.webPush\.subject/,
      );
      expect(helm.templateError({ values: { push: { gateway: { url: 'push.example.org' } } } })).toMatch(
        /push\.gateway\.url/,
      );
      expect(
        helm.templateError({ values: { gateway: { env: { PUSH_GATEWAY_SECRET: PUSH_GATEWAY_SECRET } } } }),
      ).toMatch(/gateway\.env/);
      expect(
        helm.templateError({ values: { rooms: { env: { WEB_PUSH_VAPID_PRIVATE_KEY: VAPID.privateKey } } } }),
      ).toMatch(/rooms\.env/);
    });

    it("lets the gateway alone reach push services on 443 and the push gateway on its URL's port", () => {
      const egress = (rendered: Rendered) => {
        const policy = rendered.named('NetworkPolicy', 'chat-allow-push');
        if (!policy) return undefined;
        expect(() => validateAgainstSchema(policy)).not.toThrow();
        for (const component of COMPONENTS) {
          const labels = rendered.deployment(component).spec.template.metadata.labels;
          expect({ component, selected: selects(policy.spec.podSelector.matchLabels, labels) }).toEqual({
            component,
            selected: component === 'gateway',
          });
        }
        return policy.spec.egress.map((rule: any) => ({
          ports: rule.ports.map((port: any) => port.port),
          to: rule.to,
        }));
      };
      expect(egress(renders.get(PUSH_RENDER)!)).toEqual([{ ports: [443] }, { ports: [443] }]);
      // Sygnal in the cluster, over plain HTTP on its own port, reachable in its namespace only.
      const pushNamespace = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'push' } } };
      const inCluster = new Rendered(
        helm.template({
          values: {
            push: {
              gateway: { url: 'http://sygnal.push:5000/_matrix/push/v1/notify' },
              secretKeys: { gatewaySecret: '' },
            },
            networkPolicy: { pushGateway: { to: [pushNamespace] } },
          },
        }),
      );
      expect(egress(inCluster)).toEqual([{ ports: [5000], to: [pushNamespace] }]);
    });
  });

  it('renders the ServiceMonitor only when enabled', () => {
    expect(renders.get('default values')!.ofKind('ServiceMonitor')).toEqual([]);
    const [monitor] = renders.get('values-production.yaml')!.ofKind('ServiceMonitor');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
  });
});

describe('docker-compose.yml', () => {
  const available = hasCommand('docker-compose');
  if (!available)
    console.warn('docker-compose is not installed (apt-get install -y docker-compose): skipping');
  const composeIt = available ? it : it.skip;

  /** `docker-compose config` with the documented .env.example and nothing from this shell. */
  const composeConfig = (extraEnv: Record<string, string>) =>
    run(
      'docker-compose',
      ['--env-file', repoPath('.env.example'), '-f', repoPath('docker-compose.yml'), 'config'],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME ?? tmpdir(), ...extraEnv },
      },
    );
  // The key goes on one line with literal \n, as .env.example tells operators to write it.
  const REQUIRED_ENV: Record<string, string> = {
    AUTH_SIGNING_KEY: FAKE_SIGNING_KEY.replace(/\n/g, '\\n'),
    REDIS_PASSWORD: 'testonly0redis0password',
    MINIO_ROOT_PASSWORD: 'testonly0minio0password',
    ATTACHMENT_LINK_SECRET: 'testonly0link0secret0of0forty0characters',
  };
  /** Every required variable but `missing`. */
  const requiredEnvWithout = (missing: string) =>
    Object.fromEntries(Object.entries(REQUIRED_ENV).filter(([name]) => name !== missing));
  let resolved: any;
  const config = () => {
    if (resolved) return resolved;
    const result = composeConfig(REQUIRED_ENV);
    if (result.status !== 0) throw new Error(`docker-compose config failed:\n${result.stderr}`);
    return (resolved = parseYaml(result.stdout));
  };

  composeIt('validates, with MongoDB, Redis, MinIO, auth x2, rooms x2, gateway x3 and nginx', () => {
    expect(Object.keys(config().services).sort()).toEqual(
      [
        'auth-1',
        'auth-2',
        'gateway-1',
        'gateway-2',
        'gateway-3',
        'minio',
        'minio-init',
        'mongodb',
        'nginx',
        'redis',
        'rooms-1',
        'rooms-2',
      ].sort(),
    );
  });

  composeIt('refuses to start without an AUTH_SIGNING_KEY', () => {
    const result = composeConfig(requiredEnvWithout('AUTH_SIGNING_KEY'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/AUTH_SIGNING_KEY is not set/);
  });

  composeIt('ships no Redis password: refuses to start until one is set', () => {
    const result = composeConfig(requiredEnvWithout('REDIS_PASSWORD'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/REDIS_PASSWORD is not set/);
  });

  composeIt('runs MongoDB as a replica set that the services address as one', () => {
    const { services } = config();
    expect(services.mongodb.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(services.mongodb.healthcheck.test.join(' ')).toMatch(/rs\.initiate/);
    expect(services['auth-1'].environment.MONGO_URL).toMatch(/replicaSet=rs0/);
  });

  composeIt('starts every service after its stores are healthy, and nginx after every service', () => {
    const { services } = config();
    const apps = Object.keys(services).filter((name) => /^(auth|rooms|gateway)-\d$/.test(name));
    for (const app of apps) {
      expect(services[app].depends_on).toEqual({
        mongodb: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        // rooms stores attachments in the bucket minio-init creates.
        ...(app.startsWith('rooms-') && {
          'minio-init': { condition: 'service_completed_successfully' },
        }),
      });
      expect(services[app].healthcheck.test).toEqual(['CMD', 'chat-entrypoint', 'healthcheck']);
      expect(services[app].environment.NODE_ENV).toBe('production');
      expect(services[app].read_only).toBe(true);
    }
    expect(Object.keys(services.nginx.depends_on).sort()).toEqual(apps.sort());
    for (const dependency of Object.values<any>(services.nginx.depends_on)) {
      expect(dependency.condition).toBe('service_healthy');
    }
  });

  composeIt(
    'publishes nginx on 8080 with the shared nginx.conf and the compose upstreams, and MinIO on loopback',
    () => {
      const { services } = config();
      const published = Object.entries<any>(services).filter(([, service]) => service.ports);
      expect(published.map(([name]) => name).sort()).toEqual(['minio', 'nginx']);
      // docker-compose v1 prints a port with a host address as a short string.
      expect(services.minio.ports).toEqual(['127.0.0.1:9000:9000/tcp']);
      expect(services.nginx.ports[0]).toEqual(expect.objectContaining({ published: 8080, target: 8080 }));
      // docker-compose v1 prints bind mounts as short strings, the compose spec as objects.
      const mounts = services.nginx.volumes.map((volume: any) =>
        typeof volume === 'string'
          ? volume.split(':').slice(0, 2).join(':')
          : `${volume.source}:${volume.target}`,
      );
      expect(mounts).toEqual(
        expect.arrayContaining([
          `${repoPath('deploy/nginx/nginx.conf')}:/etc/nginx/nginx.conf`,
          `${repoPath('deploy/nginx/upstreams.compose.conf')}:/etc/nginx/upstreams.conf`,
          `${repoPath('deploy/nginx/web.compose.conf')}:/etc/nginx/web.conf`,
        ]),
      );
    },
  );

  composeIt("serves the web client from the Dockerfile's web stage, at the root web.conf names", () => {
    const { services } = config();
    expect(services.nginx.build).toEqual(expect.objectContaining({ target: 'web' }));
    const web = parseDockerfile(readRepoFile('deploy/Dockerfile')).stages.find(
      (stage) => stage.name === 'web',
    )!;
    const copies = web.instructions
      .filter((instruction) => instruction.keyword === 'COPY')
      .map((i) => i.args);
    expect(copies).toEqual(['--from=build /app/dist/web /usr/share/chat-web']);
    expect(readRepoFile('deploy/nginx/web.conf')).toMatch(/^\s*root \/usr\/share\/chat-web;/m);
  });

  composeIt("mounts web.conf's twin whose only change lets previews load from S3_PUBLIC_ENDPOINT", () => {
    const { services } = config();
    const origin = new URL(services['rooms-1'].environment.S3_PUBLIC_ENDPOINT).origin;
    const withoutComments = (file: string) =>
      readRepoFile(file)
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .join('\n');
    const shared = withoutComments('deploy/nginx/web.conf');
    const twin = withoutComments('deploy/nginx/web.compose.conf');
    expect(twin).toContain(`img-src 'self' data: ${origin};`);
    expect(twin.replaceAll(`img-src 'self' data: ${origin};`, "img-src 'self' data:;")).toBe(shared);
  });

  composeIt('lists in upstreams.compose.conf exactly the compose services and ports', () => {
    const { services } = config();
    const upstreams = readRepoFile('deploy/nginx/upstreams.compose.conf');
    const servers = [...upstreams.matchAll(/server (\S+):(\d+)/g)].map(([, host, port]) => `${host}:${port}`);
    const expected = Object.entries<any>(services)
      .filter(([name]) => /^(auth|rooms|gateway)-\d$/.test(name))
      .map(([name, service]) => `${name}:${service.environment.PORT}`);
    expect(servers.sort()).toEqual(expected.sort());
  });

  composeIt('refuses to start without a MinIO password or a shared attachment link secret', () => {
    for (const missing of ['MINIO_ROOT_PASSWORD', 'ATTACHMENT_LINK_SECRET']) {
      const result = composeConfig(requiredEnvWithout(missing));
      expect({ missing, status: result.status }).toEqual({ missing, status: 1 });
      expect(result.stderr).toContain(`${missing} is not set`);
    }
  });

  composeIt('runs MinIO and a one-shot bucket creation from pinned images, with a healthcheck', () => {
    const { services, volumes } = config();
    const pinned = /^minio\/(minio|mc):RELEASE\.\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/;
    expect(services.minio.image).toMatch(pinned);
    expect(services['minio-init'].image).toMatch(pinned);
    expect(services.minio.command).toEqual(['server', '/data', '--console-address', ':9001']);
    expect(services.minio.volumes.join(' ')).toMatch(/^minio-data:\/data/);
    expect(Object.keys(volumes)).toContain('minio-data');
    expect(services.minio.healthcheck.test).toEqual(['CMD', 'mc', 'ready', 'local']);
    expect(services.minio.environment.MINIO_ROOT_PASSWORD).toBe(REQUIRED_ENV.MINIO_ROOT_PASSWORD);
    const init = services['minio-init'];
    expect(init.depends_on).toEqual({ minio: { condition: 'service_healthy' } });
    expect(init.restart).toBe('no');
    // The bucket comes from the environment the rooms replicas read, and stays private.
    const script = init.command.join(' ');
    expect(script).toMatch(/mc mb --ignore-existing "chat\/\$\$S3_BUCKET"/);
    expect(script).toMatch(/mc anonymous set none/);
    expect(init.environment.S3_BUCKET).toBe(services['rooms-1'].environment.S3_BUCKET);
  });

  composeIt(
    'starts with push off: .env.example lists every push variable empty, the tuning at its defaults',
    () => {
      const { services } = config();
      const gateway = pushSettings(services['gateway-1'].environment);
      expect(gateway).toEqual({
        WEB_PUSH_VAPID_PUBLIC_KEY: '',
        WEB_PUSH_VAPID_PRIVATE_KEY: '',
        WEB_PUSH_SUBJECT: 'mailto:admin@localhost',
        WEB_PUSH_ENDPOINT_HOSTS: '',
        PUSH_GATEWAY_URL: '',
        PUSH_GATEWAY_SECRET: '',
        ...PUSH_TUNING_DEFAULTS,
      });
      const listed = [...readRepoFile('.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)];
      for (const key of Object.keys(gateway)) {
        const entry = listed.find(([, name]) => name === key);
        expect({ key, value: entry?.[2] }).toEqual({ key, value: '' });
      }
    },
  );

  composeIt('gives the gateways every push setting and secret, rooms the public ones, auth none', () => {
    const PUSH_ENV = {
      WEB_PUSH_VAPID_PUBLIC_KEY: VAPID.publicKey,
      WEB_PUSH_VAPID_PRIVATE_KEY: VAPID.privateKey,
      WEB_PUSH_SUBJECT: 'mailto:ops@example.org',
      WEB_PUSH_ENDPOINT_HOSTS: 'fcm.googleapis.com,*.push.apple.com',
      PUSH_GATEWAY_URL: PUSH_VALUES.gateway.url,
      PUSH_GATEWAY_SECRET,
      NOTIFY_PREVIEW: 'false',
    };
    const result = composeConfig({ ...REQUIRED_ENV, ...PUSH_ENV });
    if (result.status !== 0) throw new Error(`docker-compose config failed:\n${result.stderr}`);
    const { services } = parseYaml(result.stdout);
    const pushEnv = (name: string) => pushSettings(services[name].environment);
    expect(pushEnv('gateway-1')).toEqual({ ...PUSH_TUNING_DEFAULTS, ...PUSH_ENV });
    for (const name of ['gateway-2', 'gateway-3']) expect(pushEnv(name)).toEqual(pushEnv('gateway-1'));
    for (const name of ['rooms-1', 'rooms-2']) {
      expect(pushEnv(name)).toEqual({
        WEB_PUSH_VAPID_PUBLIC_KEY: VAPID.publicKey,
        WEB_PUSH_ENDPOINT_HOSTS: PUSH_ENV.WEB_PUSH_ENDPOINT_HOSTS,
        PUSH_GATEWAY_URL: PUSH_VALUES.gateway.url,
      });
    }
    for (const name of ['auth-1', 'auth-2']) expect(pushEnv(name)).toEqual({});
    // The secrets reach the gateways and nothing else.
    const others = Object.entries<any>(services).filter(([name]) => !name.startsWith('gateway-'));
    expect(JSON.stringify(others)).not.toContain(VAPID.privateKey);
    expect(JSON.stringify(others)).not.toContain(PUSH_GATEWAY_SECRET);
  });

  composeIt('gives both rooms replicas the same S3 store and link secret, and the gateway none of it', () => {
    const { services } = config();
    const attachmentEnv = (name: string) =>
      Object.fromEntries(
        Object.entries<string>(services[name].environment).filter(([key]) => /^(ATTACHMENT_|S3_)/.test(key)),
      );
    expect(attachmentEnv('rooms-1')).toEqual({
      ATTACHMENT_STORE: 's3',
      ATTACHMENT_LINK_SECRET: REQUIRED_ENV.ATTACHMENT_LINK_SECRET,
      S3_ENDPOINT: 'http://minio:9000',
      S3_PUBLIC_ENDPOINT: 'http://localhost:9000',
      S3_BUCKET: 'chat-attachments',
      S3_ACCESS_KEY_ID: services.minio.environment.MINIO_ROOT_USER,
      S3_SECRET_ACCESS_KEY: REQUIRED_ENV.MINIO_ROOT_PASSWORD,
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(attachmentEnv('rooms-2')).toEqual(attachmentEnv('rooms-1'));
    for (const name of ['auth-1', 'gateway-1']) expect(attachmentEnv(name)).toEqual({});
    // The browser fetches presigned URLs from the public endpoint: it is the port MinIO publishes.
    const publicPort = new URL(services['rooms-1'].environment.S3_PUBLIC_ENDPOINT).port;
    expect(services.minio.ports[0]).toMatch(new RegExp(`:${publicPort}:9000/tcp$`));
  });
});

describe('deploy/nginx/nginx.conf', () => {
  const available = hasCommand('nginx');
  if (!available) console.warn('nginx is not installed (apt-get install -y nginx): skipping');
  const nginxIt = available ? it : it.skip;

  it('includes upstreams.conf, whose compose version hashes gateway clients by address', () => {
    expect(readRepoFile('deploy/nginx/nginx.conf')).toMatch(/^\s*include upstreams\.conf;/m);
    const upstreams = readRepoFile('deploy/nginx/upstreams.compose.conf');
    for (const name of ['chat_auth', 'chat_rooms', 'chat_gateway'])
      expect(upstreams).toContain(`upstream ${name} {`);
    expect(upstreams).toMatch(/upstream chat_gateway \{\s*hash \$remote_addr consistent;/);
  });

  nginxIt('passes nginx -t with loopback upstreams next to it', async () => {
    const prefix = new NginxPrefix(
      loopbackUpstreams({ chat_auth: 3001, chat_rooms: 3002, chat_gateway: 3003 }),
    );
    try {
      expect(prefix.test()).toEqual(expect.objectContaining({ status: 0 }));
    } finally {
      await prefix.stop();
    }
  });

  describe('in front of stand-in services', () => {
    const servers: Server[] = [];
    const sockets: Socket[] = [];
    let gatewayIo: IoServer;
    let prefix: NginxPrefix;
    let baseUrl: string;
    let port: number;

    /** A JSON body, read loosely: these answers come from nginx or from the stand-ins below. */
    const bodyOf = (response: Response): Promise<any> => response.json();

    /** Emits a request's URL when the first bytes of its body reach a stand-in. */
    const bodyStarted = new EventEmitter();

    /** Answers with what reached it, so the test sees nginx's routing and headers. */
    const echo = (upstream: string) => (request: IncomingMessage, response: ServerResponse) => {
      if (request.url === '/api/auth/crash') return request.socket.destroy();
      let bytes = 0;
      request.once('data', () => bodyStarted.emit('started', request.url));
      request.on('data', (chunk: Buffer) => (bytes += chunk.length));
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ upstream, url: request.url, headers: request.headers, bytes }));
      });
    };

    const listen = async (server: Server) => {
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as { port: number }).port;
    };

    beforeAll(async () => {
      if (!available) return;
      const gatewayHttp = createServer(echo('gateway'));
      gatewayIo = new IoServer(gatewayHttp);
      gatewayIo.on('connection', (socket) => {
        socket.on('whoami', (ack: (value: unknown) => void) => ack({ headers: socket.handshake.headers }));
      });
      const ports = {
        chat_auth: await listen(createServer(echo('auth'))),
        chat_rooms: await listen(createServer(echo('rooms'))),
        chat_gateway: await listen(gatewayHttp),
      };
      port = await freePort();
      // A built web client in miniature: the page and one hashed asset.
      const webRoot = mkdtempSync(join(tmpdir(), 'chat-web-'));
      chmodSync(webRoot, 0o755);
      mkdirSync(join(webRoot, 'assets'), { mode: 0o755 });
      writeFileSync(join(webRoot, 'index.html'), '<!doctype html><div id="app"></div>', { mode: 0o644 });
      writeFileSync(join(webRoot, 'assets/index-abc123.js'), 'console.log(1)', { mode: 0o644 });
      prefix = new NginxPrefix(loopbackUpstreams(ports), port, webRoot);
      await prefix.start(port);
      baseUrl = `http://127.0.0.1:${port}`;
    });

    afterAll(async () => {
      for (const socket of sockets) socket.disconnect();
      if (!available) return;
      await prefix.stop();
      await gatewayIo.close();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    });

    nginxIt(
      'routes each API prefix to its service and answers unknown routes with the envelope',
      async () => {
        const routes: Record<string, string> = {
          '/api/auth/login': 'auth',
          '/api/users?q=al': 'auth',
          '/api/rooms/r1/messages': 'rooms',
          '/api/dm': 'rooms',
          '/api/announcements/current': 'rooms',
          '/api/rooms/r1/attachments': 'rooms',
          '/api/attachments/a1': 'rooms',
          '/api/attachments/a1/link?variant=thumbnail': 'rooms',
        };
        for (const [path, upstream] of Object.entries(routes)) {
          const body = await bodyOf(await fetch(baseUrl + path));
          expect({ path, upstream: body.upstream, url: body.url }).toEqual({ path, upstream, url: path });
        }
        for (const path of ['/api/usersx', '/api/unknown']) {
          const response = await fetch(baseUrl + path);
          expect(response.status).toBe(404);
          expect((await bodyOf(response)).error.code).toBe('NOT_FOUND');
        }
      },
    );

    nginxIt(
      'serves the web client with its CSP: index.html for page paths, immutable hashed assets',
      async () => {
        for (const path of ['/', '/rooms/r1']) {
          const page = await fetch(baseUrl + path);
          expect(page.status).toBe(200);
          expect(page.headers.get('content-type')).toMatch(/^text\/html/);
          expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
          expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
          expect(page.headers.get('cache-control')).toBe('no-cache');
          expect(await page.text()).toContain('<div id="app">');
        }
        const asset = await fetch(`${baseUrl}/assets/index-abc123.js`);
        expect(asset.status).toBe(200);
        expect(asset.headers.get('content-type')).toMatch(/javascript/);
        expect(asset.headers.get('cache-control')).toContain('immutable');
        expect(asset.headers.get('content-security-policy')).toContain("default-src 'self'");
        expect((await fetch(`${baseUrl}/assets/missing.js`)).status).toBe(404);
      },
    );

    nginxIt('forwards Host with its port, X-Forwarded-For and X-Forwarded-Proto', async () => {
      const { headers } = await bodyOf(await fetch(`${baseUrl}/api/auth/me`));
      expect(headers.host).toBe(`127.0.0.1:${port}`);
      expect(headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(headers['x-forwarded-proto']).toBe('http');
    });

    nginxIt('passes 64 KB bodies and refuses larger ones with the PAYLOAD_TOO_LARGE envelope', async () => {
      const post = (bytes: number) =>
        fetch(`${baseUrl}/api/rooms`, {
          method: 'POST',
          body: 'x'.repeat(bytes),
          headers: { 'content-type': 'text/plain' },
        });
      expect((await bodyOf(await post(64 * 1024))).bytes).toBe(64 * 1024);
      const tooLarge = await post(64 * 1024 + 1);
      expect(tooLarge.status).toBe(413);
      expect((await bodyOf(tooLarge)).error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    nginxIt(
      'passes uploads up to 26 MiB on the upload route only, refusing more with the envelope',
      async () => {
        const post = (path: string, bytes: number) =>
          fetch(baseUrl + path, {
            method: 'POST',
            body: Buffer.alloc(bytes),
            headers: { 'content-type': 'application/octet-stream' },
          });
        const limit = 26 * 1024 * 1024;
        const upload = await bodyOf(await post('/api/rooms/r1/attachments', limit));
        expect(upload).toEqual(expect.objectContaining({ upstream: 'rooms', bytes: limit }));
        const tooLarge = await post('/api/rooms/r1/attachments', limit + 1);
        expect(tooLarge.status).toBe(413);
        expect((await bodyOf(tooLarge)).error).toEqual({
          code: 'PAYLOAD_TOO_LARGE',
          message: expect.stringMatching(/attachment/i),
        });
        // Every other rooms path keeps the 64 KB cap, downloads and look-alikes of the upload route included.
        for (const path of [
          '/api/attachments/a1',
          '/api/rooms/r1/attachments/a1',
          '/api/rooms/attachments',
        ]) {
          const refused = await post(path, 64 * 1024 + 1);
          expect({ path, status: refused.status }).toEqual({ path, status: 413 });
          expect((await bodyOf(refused)).error.code).toBe('PAYLOAD_TOO_LARGE');
        }
      },
    );

    nginxIt('streams an upload to rooms before its body is complete', async () => {
      // With request buffering on, nginx would hold the body until its end and rooms would see nothing
      // while the client still sends: the second half is only written once rooms has the first.
      const path = '/api/rooms/r1/attachments';
      const half = Buffer.alloc(256 * 1024, 1);
      const request = httpRequest(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': 2 * half.length },
      });
      const answered = new Promise<IncomingMessage>((resolve, reject) => {
        request.once('response', resolve);
        request.once('error', reject);
      });
      const started = new Promise<void>((resolve) => {
        const onStart = (url: string) => {
          if (url !== path) return;
          bodyStarted.off('started', onStart);
          resolve();
        };
        bodyStarted.on('started', onStart);
      });
      request.write(half);
      await started;
      request.end(half);
      const response = await answered;
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      expect(JSON.parse(Buffer.concat(chunks).toString()).bytes).toBe(2 * half.length);
    });

    nginxIt('answers an upstream failure with the UNAVAILABLE envelope', async () => {
      const response = await fetch(`${baseUrl}/api/auth/crash`);
      expect(response.status).toBe(503);
      expect((await bodyOf(response)).error.code).toBe('UNAVAILABLE');
    });

    nginxIt.each([
      ['websocket only', ['websocket']],
      ['polling upgraded to websocket', ['polling', 'websocket']],
    ])('carries Socket.IO to the gateway: %s', async (_name, transports) => {
      const socket = connectSocket(baseUrl, { transports, reconnection: false, forceNew: true });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', resolve);
        socket.on('connect_error', reject);
      });
      if (socket.io.engine.transport.name !== 'websocket') {
        await new Promise((resolve) => socket.io.engine.once('upgrade', resolve));
      }
      const { headers } = await socket.timeout(2000).emitWithAck('whoami');
      expect(headers.host).toBe(`127.0.0.1:${port}`);
      expect(socket.io.engine.transport.name).toBe('websocket');
    });
  });
});

describe('deploy/Dockerfile', () => {
  const { preamble, stages } = parseDockerfile(readRepoFile('deploy/Dockerfile'));
  const runtime = stages[stages.length - 1];
  const argsOf = (stage: { instructions: { keyword: string; args: string }[] }, keyword: string) =>
    stage.instructions
      .filter((instruction) => instruction.keyword === keyword)
      .map((instruction) => instruction.args);

  it('names every stage and builds deps, build, web and runtime, the runtime last', () => {
    expect(preamble.every((instruction) => instruction.keyword === 'ARG')).toBe(true);
    expect(stages.every((stage) => stage.name)).toBe(true);
    expect(stages.map((stage) => stage.name)).toEqual(
      expect.arrayContaining(['deps', 'build', 'web', 'runtime']),
    );
    expect(runtime.name).toBe('runtime');
  });

  it('runs the final stage as a numeric non-root user', () => {
    const users = argsOf(runtime, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatch(/^[1-9]\d*(:\d+)?$/);
  });

  it('installs no dev dependencies into the runtime stage', () => {
    const installs = argsOf(runtime, 'RUN').filter((command) => /\bnpm (ci|install|i)\b/.test(command));
    expect(installs).toEqual([]);
    const modulesFrom = argsOf(runtime, 'COPY')
      .filter((args) => /node_modules/.test(args))
      .map((args) => /--from=(\S+)/.exec(args)?.[1]);
    expect(modulesFrom).toHaveLength(1);
    const source = stages.find((stage) => stage.name === modulesFrom[0])!;
    expect(argsOf(source, 'RUN').join('\n')).toMatch(/npm ci --omit=dev/);
  });

  it('declares every writable path as a volume and starts through the entrypoint', () => {
    const volumes = argsOf(runtime, 'VOLUME').join(' ');
    expect(volumes).toContain('"/tmp"');
    expect(volumes).toContain('"/data"');
    expect(argsOf(runtime, 'ENV').join(' ')).toContain('DATA_DIR=/data');
    expect(argsOf(runtime, 'ENTRYPOINT')).toEqual(['["/usr/local/bin/chat-entrypoint"]']);
  });

  it('keeps dependencies, builds, data and secrets out of the build context', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.env', '.git']));
  });
});

describe('deploy/entrypoint.sh', () => {
  let cgroup: string;
  beforeAll(() => {
    cgroup = mkdtempSync(join(tmpdir(), 'chat-cgroup-'));
  });
  afterAll(() => rmSync(cgroup, { recursive: true, force: true }));

  /** NODE_OPTIONS as a process started by the entrypoint sees it, under a fake cgroup. */
  const nodeOptionsUnder = (memoryMax: string | undefined, env: Record<string, string> = {}) => {
    rmSync(join(cgroup, 'memory.max'), { force: true });
    if (memoryMax !== undefined) writeFileSync(join(cgroup, 'memory.max'), `${memoryMax}\n`);
    const result = run(
      'sh',
      [repoPath('deploy/entrypoint.sh'), 'node', '-e', 'console.log(process.env.NODE_OPTIONS ?? "")'],
      {
        env: { PATH: process.env.PATH, CGROUP_ROOT: cgroup, ...env },
      },
    );
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout.trim();
  };

  it('caps the V8 heap at 75% of the container memory limit', () => {
    expect(nodeOptionsUnder(String(1024 * 1024 * 1024))).toBe('--max-old-space-size=768');
    expect(nodeOptionsUnder(String(512 * 1024 * 1024), { NODE_HEAP_PERCENT: '50' })).toBe(
      '--max-old-space-size=256',
    );
  });

  it('leaves the heap alone without a limit or with an explicit --max-old-space-size', () => {
    expect(nodeOptionsUnder('max')).toBe('');
    expect(nodeOptionsUnder(undefined)).toBe('');
    expect(nodeOptionsUnder('1073741824', { NODE_OPTIONS: '--max-old-space-size=100' })).toBe(
      '--max-old-space-size=100',
    );
  });
});
