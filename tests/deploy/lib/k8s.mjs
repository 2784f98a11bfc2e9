// Kubernetes checks without a cluster: schema validation with kubernetes-models, a strict check
// for unknown fields (its schemas accept any extra property, so a misspelt field would pass
// silently), and kustomize rendering through kubectl.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { K8S_DIR, parseYamlDocuments } from './repo.mjs';

const require = createRequire(import.meta.url);

/** Imports the kubernetes-models class for an object's apiVersion and kind. */
export async function modelFor(object) {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    throw new Error(`object ${object?.metadata?.name ?? '(unnamed)'} has no apiVersion/kind`);
  }
  const module = await import(`kubernetes-models/${apiVersion}`);
  const Model = module[kind];
  if (typeof Model !== 'function') {
    throw new Error(`kubernetes-models has no ${kind} in ${apiVersion}`);
  }
  return Model;
}

/** Throws with the schema's messages if the object does not validate. */
export async function validateSchema(object) {
  const Model = await modelFor(object);
  new Model(object).validate();
}

let knownFields;

// Every property name any Kubernetes schema declares, read from the generated validators.
function allKnownFields() {
  if (knownFields) {
    return knownFields;
  }
  knownFields = new Set();
  const schemaDirs = [
    join(dirname(require.resolve('kubernetes-models/package.json')), '_schemas'),
    join(dirname(require.resolve('@kubernetes-models/apimachinery/package.json')), '_schemas'),
  ];
  for (const dir of schemaDirs) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.mjs'))) {
      const code = readFileSync(join(dir, name), 'utf8');
      for (const match of code.matchAll(/data\.([A-Za-z_$][\w$]*)|data\["([^"]+)"\]|missingProperty:"([^"]+)"/g)) {
        knownFields.add(match[1] ?? match[2] ?? match[3]);
      }
    }
  }
  return knownFields;
}

// Maps whose keys are chosen by the author, not by the schema.
const FREE_FORM = new Set(['labels', 'annotations', 'matchLabels', 'nodeSelector', 'limits', 'requests', 'data', 'stringData', 'binaryData']);

/** Paths of fields no Kubernetes schema knows (typos such as "readinesProbe"). */
export function unknownFields(object) {
  const known = allKnownFields();
  const found = [];
  const walk = (value, path) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`));
      return;
    }
    if (value === null || typeof value !== 'object') {
      return;
    }
    const key = path.split('.').at(-1);
    const serviceSelector = object.kind === 'Service' && path === '.spec.selector';
    if (FREE_FORM.has(key) || serviceSelector) {
      return;
    }
    for (const [name, child] of Object.entries(value)) {
      if (!known.has(name)) {
        found.push(`${path}.${name}`);
      }
      walk(child, `${path}.${name}`);
    }
  };
  walk(object, '');
  return found;
}

/** `kubectl kustomize deploy/k8s`, parsed. */
export function kustomize() {
  const output = execFileSync('kubectl', ['kustomize', K8S_DIR], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseYamlDocuments(output, 'kubectl kustomize deploy/k8s');
}

/** The pod template's containers of a workload object. */
export function containersOf(object) {
  return object?.spec?.template?.spec?.containers ?? [];
}

/** Environment variable names a container sets explicitly (env) or imports (envFrom is not allowed here). */
export function envNames(container) {
  return (container.env ?? []).map((variable) => variable.name);
}

export function envValue(container, name) {
  return (container.env ?? []).find((variable) => variable.name === name);
}
