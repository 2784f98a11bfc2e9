// Each file of deploy/k8s on its own: valid YAML, valid Kubernetes objects (schema and field
// names), listed in kustomization.yaml, and no real secret in the Secret template.
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { describe, test } from 'node:test';
import { unknownFields, validateSchema } from './lib/k8s.mjs';
import { K8S_DIR, k8sSourceObjects, k8sYamlFiles, readYamlDocuments, rel } from './lib/repo.mjs';

const objects = k8sSourceObjects();
const [kustomization] = readYamlDocuments(`${K8S_DIR}/kustomization.yaml`);

describe('deploy/k8s manifests', () => {
  test('every YAML file parses without duplicate keys or errors', () => {
    const files = k8sYamlFiles();
    assert.ok(files.length >= 10, `found ${files.length} files`);
    for (const file of files) {
      assert.doesNotThrow(() => readYamlDocuments(file), rel(file));
    }
  });

  test('every object validates against the Kubernetes schema', async () => {
    assert.ok(objects.length > 0);
    for (const { file, object } of objects) {
      await assert.doesNotReject(validateSchema(object), `${file}: ${object.kind}/${object.metadata?.name}`);
    }
  });

  test('no object has a field unknown to Kubernetes', () => {
    for (const { file, object } of objects) {
      assert.deepEqual(unknownFields(object), [], `${file}: ${object.kind}/${object.metadata?.name}`);
    }
  });

  test('the unknown-field check catches a misspelt field', () => {
    const misspelt = structuredClone(objects.find(({ object }) => object.kind === 'Deployment').object);
    misspelt.spec.template.spec.containers[0].readinesProbe = misspelt.spec.template.spec.containers[0].readinessProbe;
    assert.deepEqual(unknownFields(misspelt), ['.spec.template.spec.containers[0].readinesProbe']);
  });

  test('objects are named and leave the namespace to kustomize', () => {
    for (const { file, object } of objects) {
      assert.ok(object.metadata?.name, `${file}: ${object.kind} has a name`);
      assert.equal(object.metadata.namespace, undefined, `${file}: ${object.kind}/${object.metadata.name} sets no namespace`);
    }
  });

  test('kustomization.yaml lists exactly the manifest files', () => {
    const manifests = k8sYamlFiles().map((file) => basename(file)).filter((name) => name !== 'kustomization.yaml');
    assert.deepEqual([...kustomization.resources].sort(), manifests.sort());
    assert.equal(kustomization.namespace, 'orleanschat');
  });

  test('the Secret is a template: every value is a placeholder', () => {
    const secrets = objects.filter(({ object }) => object.kind === 'Secret');
    assert.equal(secrets.length, 1);
    const [{ object: secret }] = secrets;
    assert.equal(secret.data, undefined, 'no base64 data that could hide a real value');
    const values = Object.entries(secret.stringData ?? {});
    assert.ok(values.length > 0);
    for (const [key, value] of values) {
      assert.match(value, /REPLACE_ME/, `${key} is a placeholder`);
      assert.doesNotMatch(value, /Password=(?!REPLACE_ME)[^;]+/i, `${key} has no real password`);
    }
  });
});
