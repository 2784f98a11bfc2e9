// docker-compose.yml, read as YAML with the invariants `docker-compose config` cannot know:
// images, ports, settings and health checks agree with deploy/config-contract.json.
// (deploy/validate.sh also runs `docker-compose config -q` where docker-compose is installed.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMPOSE_FILE, loadContract, readYamlDocuments, settingDefault, timeSpanSeconds, urlPort } from './lib/repo.mjs';

const contract = loadContract();
const [compose] = readYamlDocuments(COMPOSE_FILE);
const services = compose.services ?? {};
const componentOf = (service) => Object.keys(contract.components).find((c) => contract.components[c].image === service.image);
const appServices = Object.entries(services).filter(([, s]) => componentOf(s));
const silos = appServices.filter(([, s]) => componentOf(s) === 'silo');
const gateways = appServices.filter(([, s]) => componentOf(s) === 'gateway');
const envOf = (service) => service.environment ?? {};

// Compose durations: "45s", "1m30s", "500ms".
function durationSeconds(text) {
  let total = 0;
  const units = { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6 };
  const rest = String(text).replace(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g, (_, value, unit) => {
    total += Number(value) * units[unit];
    return '';
  });
  assert.equal(rest, '', `'${text}' is a compose duration`);
  return total;
}

describe('docker-compose.yml', () => {
  test('has PostgreSQL, two silos and one gateway', () => {
    assert.ok(services.postgres, 'a postgres service');
    assert.equal(silos.length, 2, `two silo services (found ${silos.map(([n]) => n)})`);
    assert.equal(gateways.length, 1, 'one gateway service');
    assert.deepEqual(Object.keys(services).sort(), ['gateway', 'postgres', 'silo1', 'silo2']);
  });

  test('environment is a map, so every variable name can be checked', () => {
    for (const [name, service] of Object.entries(services)) {
      assert.ok(!Array.isArray(service.environment), `${name}.environment is a map, not a list`);
    }
  });

  test('PostgreSQL keeps its data in a named volume and reports health with pg_isready', () => {
    const postgres = services.postgres;
    assert.equal(postgres.image, contract.postgres.image);
    const mount = (postgres.volumes ?? []).find((v) => String(v).endsWith(':/var/lib/postgresql/data'));
    assert.ok(mount, 'a volume at /var/lib/postgresql/data');
    assert.ok(compose.volumes && mount.split(':')[0] in compose.volumes, 'the volume is a declared named volume');
    assert.match(JSON.stringify(postgres.healthcheck?.test), /pg_isready/);
    assert.equal(postgres.environment.POSTGRES_DB, contract.postgres.database);
  });

  test('silos and gateway use the contract images and Dockerfiles', () => {
    for (const [name, service] of appServices) {
      const component = contract.components[componentOf(service)];
      assert.equal(service.image, component.image, name);
      assert.equal(service.build?.context, '.', `${name} builds from the repository root`);
      assert.equal(service.build?.dockerfile, component.dockerfile, name);
    }
  });

  test('every environment variable is in the contract for that component', () => {
    for (const [name, service] of appServices) {
      const component = componentOf(service);
      const allowed = contract.settings.filter((s) => s.components.includes(component)).map((s) => s.env);
      for (const key of Object.keys(envOf(service))) {
        assert.ok(allowed.includes(key), `${name}: ${key} is in deploy/config-contract.json for ${component}`);
      }
      for (const required of contract.settings.filter((s) => s.components.includes(component) && (s.required || s.requiredOutsideDevelopment))) {
        assert.ok(required.env in envOf(service), `${name} sets required ${required.env}`);
      }
    }
  });

  test('ports and cluster ids in the environment agree with the contract', () => {
    for (const [name, service] of appServices) {
      const component = componentOf(service);
      const env = envOf(service);
      assert.equal(urlPort(env.ASPNETCORE_URLS), contract.components[component].ports.http, `${name} ASPNETCORE_URLS`);
      for (const key of ['Cluster__ClusterId', 'Cluster__ServiceId']) {
        assert.equal(env[key], settingDefault(contract.settings.find((s) => s.env === key), component), `${name} ${key}`);
      }
      const connection = env.ConnectionStrings__Postgres;
      assert.match(connection, /(^|;)Host=postgres(;|$)/, `${name} reaches the postgres service`);
      assert.match(connection, new RegExp(`(^|;)Port=${contract.postgres.port}(;|$)`), `${name} uses the PostgreSQL port`);
      assert.match(connection, new RegExp(`(^|;)Database=${contract.postgres.database}(;|$)`), `${name} uses the contract database`);
    }
    for (const [name, service] of silos) {
      assert.equal(Number(envOf(service).Silo__Port), contract.components.silo.ports.silo, `${name} Silo__Port`);
      assert.equal(Number(envOf(service).Silo__ProbePort), contract.components.silo.ports.probe, `${name} Silo__ProbePort`);
    }
  });

  test('silo names are distinct', () => {
    const names = silos.map(([, s]) => envOf(s).Silo__Name);
    assert.ok(names.every(Boolean), 'each silo sets Silo__Name');
    assert.equal(new Set(names).size, names.length);
  });

  test('the gateway publishes its HTTP port 5000', () => {
    const [[, gateway]] = gateways;
    const port = contract.components.gateway.ports.http;
    assert.equal(port, 5000);
    assert.ok((gateway.ports ?? []).map(String).includes(`${port}:${port}`), `ports include "${port}:${port}"`);
  });

  test('health checks hit the probe endpoints on the HTTP port', () => {
    for (const [name, service] of appServices) {
      const component = contract.components[componentOf(service)];
      const argv = service.healthcheck?.test;
      assert.ok(Array.isArray(argv) && argv[0] === 'CMD', `${name} has an exec-form health check`);
      const url = argv.at(-1);
      const allowed = [component.endpoints.readiness, component.endpoints.liveness].map((path) => `http://localhost:${component.ports.http}${path}`);
      assert.ok(allowed.includes(url), `${name} checks ${url}, one of ${allowed}`);
      assert.ok(argv.includes('--fail'), `${name}: curl --fail`);
    }
  });

  test('start order waits on health: silos on PostgreSQL, the gateway on PostgreSQL and every silo', () => {
    for (const [name, service] of silos) {
      assert.deepEqual(service.depends_on, { postgres: { condition: 'service_healthy' } }, name);
    }
    const [[, gateway]] = gateways;
    const expected = Object.fromEntries(['postgres', ...silos.map(([n]) => n)].map((n) => [n, { condition: 'service_healthy' }]));
    assert.deepEqual(gateway.depends_on, expected);
  });

  test('stop grace period is longer than the silo shutdown timeout', () => {
    for (const [name, service] of silos) {
      const timeout = timeSpanSeconds(envOf(service).Silo__ShutdownTimeout ?? settingDefault(contract.settings.find((s) => s.env === 'Silo__ShutdownTimeout'), 'silo'));
      assert.ok(service.stop_grace_period, `${name} sets stop_grace_period (compose's default is 10 s)`);
      assert.ok(durationSeconds(service.stop_grace_period) > timeout, `${name}: ${service.stop_grace_period} > ${timeout} s`);
    }
  });
});
