// Paths and loaders shared by the deployment checks. Everything is read from the repository;
// nothing is installed, built or pulled.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const K8S_DIR = join(ROOT, 'deploy', 'k8s');
export const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
export const CONTRACT_FILE = join(ROOT, 'deploy', 'config-contract.json');

export const rel = (file) => relative(ROOT, file);

export function readText(file) {
  return readFileSync(file, 'utf8');
}

/** The contract (deploy/config-contract.json), parsed. */
export function loadContract() {
  return JSON.parse(readText(CONTRACT_FILE));
}

/**
 * Parses YAML text that may hold several documents. Duplicate keys, syntax errors and warnings
 * are errors: a manifest that only some parsers accept is a broken manifest.
 */
export function parseYamlDocuments(text, source) {
  const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true, merge: true });
  const problems = [];
  for (const document of documents) {
    for (const problem of [...document.errors, ...document.warnings]) {
      problems.push(problem.message);
    }
  }
  if (problems.length > 0) {
    throw new Error(`${source}: ${problems.join('\n')}`);
  }
  return documents.map((document) => document.toJS({ maxAliasCount: 100 })).filter((value) => value !== null);
}

export function readYamlDocuments(file) {
  return parseYamlDocuments(readText(file), rel(file));
}

/** Every YAML file of the kustomize base, kustomization.yaml included. */
export function k8sYamlFiles() {
  return readdirSync(K8S_DIR)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(K8S_DIR, name));
}

/** The Kubernetes objects of the base, read file by file (before kustomize). */
export function k8sSourceObjects() {
  return k8sYamlFiles()
    .filter((file) => !/kustomization\.ya?ml$/.test(file))
    .flatMap((file) => readYamlDocuments(file).map((object) => ({ file: rel(file), object })));
}

/** Seconds in a .NET TimeSpan text: "00:00:30", "1.02:00:00", "00:00:01.500". */
export function timeSpanSeconds(text) {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(String(text));
  if (!match) {
    throw new Error(`'${text}' is not a TimeSpan (d.hh:mm:ss[.fffffff])`);
  }
  const [, days = '0', hours, minutes, seconds, fraction = '0'] = match;
  return Number(days) * 86400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(`0.${fraction}`);
}

/** The port of an ASP.NET Core URL such as "http://+:8080". */
export function urlPort(url) {
  const match = /^https?:\/\/[^/]*:(\d+)\/?$/.exec(url);
  if (!match) {
    throw new Error(`'${url}' is not an http URL with an explicit port`);
  }
  return Number(match[1]);
}

/** The contract's default of a setting for one component. */
export function settingDefault(setting, component) {
  const value = setting.default;
  return value !== null && typeof value === 'object' ? value[component] : value;
}
