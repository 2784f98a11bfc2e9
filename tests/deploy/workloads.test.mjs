// The silo and gateway Deployments against deploy/config-contract.json and against what a
// graceful silo shutdown needs: probes on the endpoints the code serves, ports and variable
// names of the contract, the downward API, a grace period longer than preStop + shutdown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDockerfile } from './lib/dockerfile.mjs';
import { containersOf, envValue, kustomize } from './lib/k8s.mjs';
import { ROOT, loadContract, settingDefault, timeSpanSeconds, urlPort } from './lib/repo.mjs';

const contract = loadContract();
const rendered = kustomize();
const deployment = (name) => rendered.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
const setting = (env) => contract.settings.find((s) => s.env === env);
// ASP.NET Core's HostOptions.ShutdownTimeout when the code sets none (the gateway).
const HOST_SHUTDOWN_SECONDS = 30;

function preStopSeconds(container) {
  const command = container.lifecycle?.preStop?.exec?.command;
  if (command) {
    assert.equal(command[0], 'sleep', 'preStop waits with sleep');
    return Number(command[1]);
  }
  return container.lifecycle?.preStop?.sleep?.seconds ?? 0;
}

// The value a container gives a variable: a literal, or a ConfigMap/Secret key's rendered value.
function resolvedEnv(container, name) {
  const variable = envValue(container, name);
  if (!variable) {
    return undefined;
  }
  if ('value' in variable) {
    return variable.value;
  }
  const ref = variable.valueFrom?.configMapKeyRef;
  if (ref) {
    return rendered.find((o) => o.kind === 'ConfigMap' && o.metadata.name === ref.name).data[ref.key];
  }
  return undefined;
}

for (const component of ['silo', 'gateway']) {
  const spec = contract.components[component];
  const workload = deployment(component);
  const pod = workload?.spec.template.spec;
  const [container] = containersOf(workload);
  const port = (name) => container.ports.find((p) => p.name === name)?.containerPort;

  describe(`${component} Deployment`, () => {
    test('runs the contract image as its only container', () => {
      assert.ok(workload, `Deployment/${component} exists`);
      assert.equal(containersOf(workload).length, 1);
      assert.equal(container.image, spec.image);
    });

    test('container ports are the contract ports, the HTTP one named http', () => {
      const ports = Object.fromEntries(container.ports.map((p) => [p.name, p.containerPort]));
      assert.deepEqual(ports, spec.ports);
    });

    test('ASPNETCORE_URLS listens on the http container port', () => {
      const urls = resolvedEnv(container, 'ASPNETCORE_URLS');
      assert.equal(urls, settingDefault(setting('ASPNETCORE_URLS'), component));
      assert.equal(urlPort(urls), port('http'));
    });

    test('probes: startup and liveness on /healthz, readiness on /readyz, all on the http port', () => {
      assert.equal(container.livenessProbe?.httpGet?.path, spec.endpoints.liveness);
      assert.equal(container.startupProbe?.httpGet?.path, spec.endpoints.liveness);
      assert.equal(container.readinessProbe?.httpGet?.path, spec.endpoints.readiness);
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        assert.equal(container[probe].httpGet.port, 'http', `${probe} uses the named http port`);
      }
      assert.equal(spec.endpoints.liveness, '/healthz');
      assert.equal(spec.endpoints.readiness, '/readyz');
    });

    test('metrics are announced for scraping on the http port and /metrics', () => {
      const annotations = workload.spec.template.metadata.annotations;
      assert.equal(annotations['prometheus.io/scrape'], 'true');
      assert.equal(Number(annotations['prometheus.io/port']), port('http'));
      assert.equal(annotations['prometheus.io/path'], spec.endpoints.metrics);
    });

    test('every environment variable is a contract setting of this component', () => {
      const allowed = contract.settings.filter((s) => s.components.includes(component)).map((s) => s.env);
      for (const variable of container.env) {
        assert.ok(allowed.includes(variable.name), `${variable.name} is in deploy/config-contract.json for ${component}`);
      }
      const names = container.env.map((v) => v.name);
      assert.equal(new Set(names).size, names.length, 'no variable is set twice');
    });

    test('required and secret settings are set, secrets only from the Secret', () => {
      for (const s of contract.settings.filter((x) => x.components.includes(component))) {
        const variable = envValue(container, s.env);
        if (s.required || s.requiredOutsideDevelopment) {
          assert.ok(variable, `${s.env} is set`);
        }
        if (s.secret && variable) {
          assert.ok(variable.valueFrom?.secretKeyRef, `${s.env} comes from a Secret, not a literal`);
        }
      }
      for (const env of ['Cluster__ClusterId', 'Cluster__ServiceId', 'ConnectionStrings__Postgres']) {
        assert.ok(envValue(container, env), `${env} is set`);
      }
    });

    test('terminationGracePeriodSeconds exceeds preStop plus the shutdown timeout', () => {
      const shutdown = component === 'silo'
        ? timeSpanSeconds(resolvedEnv(container, 'Silo__ShutdownTimeout') ?? setting('Silo__ShutdownTimeout').default)
        : HOST_SHUTDOWN_SECONDS;
      const preStop = preStopSeconds(container);
      assert.ok(preStop > 0, 'a preStop delay lets endpoint removal propagate before SIGTERM');
      assert.ok(pod.terminationGracePeriodSeconds > preStop + shutdown,
        `terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} > preStop ${preStop} + shutdown ${shutdown}`);
    });

    test('resource requests and limits are set for CPU and memory', () => {
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          assert.ok(container.resources?.[kind]?.[resource], `${kind}.${resource}`);
        }
      }
    });

    test('runs as the non-root user of its image, without privilege escalation', () => {
      const { stages } = parseDockerfile(`${ROOT}/${spec.dockerfile}`);
      const user = stages.at(-1).instructions.filter((i) => i.instruction === 'USER').at(-1).args;
      assert.equal(pod.securityContext.runAsNonRoot, true);
      assert.equal(pod.securityContext.runAsUser, Number(user.split(':')[0]), 'the same user as the Dockerfile');
      assert.equal(pod.securityContext.runAsUser, contract.containerUser.uid);
      assert.equal(container.securityContext.allowPrivilegeEscalation, false);
      assert.deepEqual(container.securityContext.capabilities.drop, ['ALL']);
    });

    test('rolls out without losing capacity', () => {
      assert.equal(workload.spec.strategy.rollingUpdate.maxUnavailable, 0);
    });
  });
}

describe('silo cluster settings', () => {
  const workload = deployment('silo');
  const [container] = containersOf(workload);

  test('at least three silos', () => {
    assert.ok(workload.spec.replicas >= 3, `replicas ${workload.spec.replicas}`);
  });

  test('POD_IP and POD_NAME come from the downward API and feed the silo address and name', () => {
    assert.deepEqual(envValue(container, 'POD_IP').valueFrom, { fieldRef: { fieldPath: 'status.podIP' } });
    assert.deepEqual(envValue(container, 'POD_NAME').valueFrom, { fieldRef: { fieldPath: 'metadata.name' } });
    assert.equal(envValue(container, 'Silo__AdvertisedAddress').value, '$(POD_IP)');
    assert.equal(envValue(container, 'Silo__Name').value, '$(POD_NAME)');
    // $(VAR) only expands for variables defined earlier in the list.
    const names = container.env.map((v) => v.name);
    assert.ok(names.indexOf('POD_IP') < names.indexOf('Silo__AdvertisedAddress'));
    assert.ok(names.indexOf('POD_NAME') < names.indexOf('Silo__Name'));
  });

  test('Silo__Port and Silo__ProbePort are the container ports and the contract defaults', () => {
    const ports = Object.fromEntries(container.ports.map((p) => [p.name, p.containerPort]));
    assert.equal(Number(envValue(container, 'Silo__Port').value), ports.silo);
    assert.equal(Number(envValue(container, 'Silo__ProbePort').value), ports.probe);
    assert.equal(ports.silo, setting('Silo__Port').default);
    assert.equal(ports.probe, setting('Silo__ProbePort').default);
  });

  test('the autoscaler keeps at least three silos and scales in one at a time', () => {
    const hpa = rendered.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.name === 'silo');
    assert.ok(hpa.spec.minReplicas >= 3);
    assert.ok(hpa.spec.maxReplicas > hpa.spec.minReplicas);
    assert.deepEqual(hpa.spec.behavior.scaleDown.policies.map((p) => [p.type, p.value]), [['Pods', 1]]);
  });

  test('the disruption budget lets only one silo go at a time', () => {
    const pdb = rendered.find((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === 'silo');
    assert.equal(pdb.spec.maxUnavailable, 1);
    assert.deepEqual(pdb.spec.selector.matchLabels, workload.spec.selector.matchLabels);
  });
});

describe('gateway Ingress', () => {
  const ingress = rendered.find((o) => o.kind === 'Ingress');
  const annotations = ingress.metadata.annotations;

  test('is served by ingress-nginx', () => {
    assert.equal(ingress.spec.ingressClassName, 'nginx');
  });

  test('keeps WebSocket connections open for an hour', () => {
    for (const key of ['proxy-read-timeout', 'proxy-send-timeout']) {
      assert.ok(Number(annotations[`nginx.ingress.kubernetes.io/${key}`]) >= 3600, key);
    }
  });

  test('pins each client to one gateway with an affinity cookie', () => {
    assert.equal(annotations['nginx.ingress.kubernetes.io/affinity'], 'cookie');
    assert.equal(annotations['nginx.ingress.kubernetes.io/affinity-mode'], 'persistent');
    assert.ok(annotations['nginx.ingress.kubernetes.io/session-cookie-name']);
  });
});

describe('development PostgreSQL', () => {
  const statefulSet = rendered.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'postgres');
  const [container] = containersOf(statefulSet);

  test('keeps its data on a volume claim and takes its password from the Secret', () => {
    assert.equal(container.image, contract.postgres.image);
    assert.ok(statefulSet.spec.volumeClaimTemplates.some((t) => t.metadata.name === 'data'));
    assert.ok(container.volumeMounts.some((m) => m.name === 'data' && m.mountPath === '/var/lib/postgresql/data'));
    assert.ok(envValue(container, 'POSTGRES_PASSWORD').valueFrom.secretKeyRef);
    assert.equal(envValue(container, 'POSTGRES_DB').value, contract.postgres.database);
  });

  test('the connection string template points at its Service, port and database', () => {
    const secret = rendered.find((o) => o.kind === 'Secret');
    const connection = secret.stringData.ConnectionStrings__Postgres;
    const service = rendered.find((o) => o.kind === 'Service' && o.metadata.name === 'postgres');
    assert.match(connection, new RegExp(`(^|;)Host=${service.metadata.name}(;|$)`));
    assert.match(connection, new RegExp(`(^|;)Port=${service.spec.ports[0].port}(;|$)`));
    assert.match(connection, new RegExp(`(^|;)Database=${contract.postgres.database}(;|$)`));
    assert.match(connection, new RegExp(`(^|;)Username=${envValue(container, 'POSTGRES_USER').value}(;|$)`));
  });

  test('is probed with pg_isready and has resource requests and limits', () => {
    assert.equal(container.readinessProbe.exec.command[0], 'pg_isready');
    assert.equal(container.livenessProbe.exec.command[0], 'pg_isready');
    assert.ok(container.resources.requests.memory && container.resources.limits.memory);
  });
});
