// The rendered base (`kubectl kustomize deploy/k8s`): complete, schema-valid, in one namespace,
// and every reference between objects (selectors, Services, ConfigMap and Secret keys, scale
// targets) points at something that exists.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containersOf, kustomize, unknownFields, validateSchema } from './lib/k8s.mjs';
import { loadContract } from './lib/repo.mjs';

const contract = loadContract();
const rendered = kustomize();
const byKind = (kind) => rendered.filter((o) => o.kind === kind);
const named = (kind, name) => rendered.find((o) => o.kind === kind && o.metadata.name === name);
const workloads = rendered.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind));
const matches = (selector, labels) => Object.entries(selector).every(([k, v]) => labels?.[k] === v);

describe('kubectl kustomize deploy/k8s', () => {
  test('renders the whole base', () => {
    const kinds = rendered.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    assert.deepEqual(kinds, [
      'ConfigMap/orleanschat-config',
      'Deployment/gateway',
      'Deployment/silo',
      'HorizontalPodAutoscaler/silo',
      'Ingress/gateway',
      'Namespace/orleanschat',
      'PodDisruptionBudget/gateway',
      'PodDisruptionBudget/silo',
      'Secret/orleanschat-secrets',
      'Service/gateway',
      'Service/postgres',
      'Service/silo',
      'ServiceAccount/orleanschat',
      'StatefulSet/postgres',
    ]);
  });

  test('every rendered object is schema-valid and has only known fields', async () => {
    for (const object of rendered) {
      await assert.doesNotReject(validateSchema(object), `${object.kind}/${object.metadata.name}`);
      assert.deepEqual(unknownFields(object), [], `${object.kind}/${object.metadata.name}`);
    }
  });

  test('everything is in the orleanschat namespace and labelled part-of orleanschat', () => {
    for (const object of rendered) {
      if (object.kind !== 'Namespace') {
        assert.equal(object.metadata.namespace, 'orleanschat', `${object.kind}/${object.metadata.name}`);
      }
      assert.equal(object.metadata.labels?.['app.kubernetes.io/part-of'], 'orleanschat', `${object.kind}/${object.metadata.name}`);
    }
  });

  test('workload selectors match their pod labels and stay immutable-safe', () => {
    for (const workload of workloads) {
      const selector = workload.spec.selector.matchLabels;
      assert.ok(matches(selector, workload.spec.template.metadata.labels), `${workload.kind}/${workload.metadata.name}`);
      assert.equal(selector['app.kubernetes.io/part-of'], undefined, 'common labels stay out of selectors (they are immutable)');
    }
  });

  test('every Service selects the pods of a workload, on a named container port', () => {
    for (const service of byKind('Service')) {
      const workload = workloads.find((w) => matches(service.spec.selector, w.spec.template.metadata.labels));
      assert.ok(workload, `Service/${service.metadata.name} selects a workload`);
      const portNames = containersOf(workload).flatMap((c) => c.ports ?? []).map((p) => p.name);
      for (const port of service.spec.ports) {
        assert.ok(portNames.includes(port.targetPort), `Service/${service.metadata.name} targets port ${port.targetPort} of ${workload.metadata.name}`);
      }
    }
  });

  test('ConfigMap and Secret references name existing keys, under the same name as the variable', () => {
    for (const workload of workloads) {
      for (const container of containersOf(workload)) {
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.configMapKeyRef ?? variable.valueFrom?.secretKeyRef;
          if (!ref) {
            continue;
          }
          const kind = variable.valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret';
          const source = named(kind, ref.name);
          assert.ok(source, `${workload.metadata.name}: ${kind}/${ref.name} exists`);
          const keys = Object.keys({ ...source.data, ...source.stringData });
          assert.ok(keys.includes(ref.key), `${workload.metadata.name}: ${kind}/${ref.name} has key ${ref.key}`);
          assert.equal(ref.key, variable.name, `${workload.metadata.name}: ${variable.name} reads the key of the same name`);
        }
        assert.equal(container.envFrom, undefined, `${workload.metadata.name}: variables are listed one by one, so each can be checked`);
      }
    }
  });

  test('ConfigMap keys are contract settings with their defaults where the contract fixes one', () => {
    const config = named('ConfigMap', 'orleanschat-config');
    for (const [key, value] of Object.entries(config.data)) {
      const setting = contract.settings.find((s) => s.env === key);
      assert.ok(setting, `${key} is in deploy/config-contract.json`);
      if (key.startsWith('Cluster__')) {
        assert.equal(value, setting.default, `${key} keeps the contract default`);
      }
    }
  });

  test('pods run under the service account without an API token', () => {
    for (const workload of workloads) {
      const pod = workload.spec.template.spec;
      assert.equal(pod.serviceAccountName, 'orleanschat', workload.metadata.name);
      assert.ok(named('ServiceAccount', pod.serviceAccountName));
      assert.equal(pod.automountServiceAccountToken, false, workload.metadata.name);
    }
  });

  test('the Ingress routes to the gateway Service by port name', () => {
    const [ingress] = byKind('Ingress');
    const backend = ingress.spec.rules[0].http.paths[0].backend.service;
    const service = named('Service', backend.name);
    assert.ok(service, `Service/${backend.name} exists`);
    assert.ok(service.spec.ports.some((p) => p.name === backend.port.name), `Service/${backend.name} has port ${backend.port.name}`);
  });

  test('the autoscaler and disruption budgets target existing workloads', () => {
    for (const hpa of byKind('HorizontalPodAutoscaler')) {
      assert.ok(named(hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name), `HPA/${hpa.metadata.name} target exists`);
    }
    for (const pdb of byKind('PodDisruptionBudget')) {
      assert.ok(workloads.some((w) => matches(pdb.spec.selector.matchLabels, w.spec.template.metadata.labels)), `PDB/${pdb.metadata.name} selects pods`);
    }
  });

  test('images are the contract images (and PostgreSQL 15)', () => {
    const images = workloads.flatMap((w) => containersOf(w).map((c) => c.image)).sort();
    assert.deepEqual(images, [contract.components.gateway.image, contract.postgres.image, contract.components.silo.image].sort());
  });
});
