// deploy/config-contract.json is the one place that names OrleansChat's settings, ports,
// endpoints and images; these tests keep it well-formed and self-consistent.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, loadContract, settingDefault, timeSpanSeconds, urlPort } from './lib/repo.mjs';

const contract = loadContract();
const components = Object.keys(contract.components);
const setting = (env) => contract.settings.find((s) => s.env === env);

describe('deploy/config-contract.json', () => {
  test('names the silo and the gateway, each with an existing project and Dockerfile', () => {
    assert.deepEqual(components.sort(), ['gateway', 'silo']);
    for (const [name, component] of Object.entries(contract.components)) {
      assert.ok(existsSync(join(ROOT, component.project)), `${name}.project ${component.project} exists`);
      assert.ok(existsSync(join(ROOT, component.dockerfile)), `${name}.dockerfile ${component.dockerfile} exists`);
      assert.equal(component.image, `orleanschat/${name}:latest`);
      assert.match(component.assembly, /^OrleansChat\.\w+\.dll$/);
    }
  });

  test('probe and metrics endpoints are /healthz, /readyz and /metrics', () => {
    for (const component of Object.values(contract.components)) {
      assert.deepEqual(component.endpoints, { liveness: '/healthz', readiness: '/readyz', metrics: '/metrics' });
    }
  });

  test('every setting has a name, environment variable, components and description', () => {
    for (const s of contract.settings) {
      assert.equal(typeof s.name, 'string', JSON.stringify(s));
      assert.equal(typeof s.description, 'string', `${s.name} has a description`);
      assert.ok(s.description.length > 10, `${s.name} has a real description`);
      assert.ok('default' in s, `${s.name} states its default (null if none)`);
      assert.ok(Array.isArray(s.components) && s.components.length > 0, `${s.name} names its components`);
      for (const component of s.components) {
        assert.ok(components.includes(component), `${s.name}: unknown component ${component}`);
      }
      if (s.default !== null && typeof s.default === 'object') {
        assert.deepEqual(Object.keys(s.default).sort(), [...s.components].sort(), `${s.name}: a per-component default covers exactly its components`);
      }
    }
  });

  test('environment variable names are the configuration keys with ":" written as "__"', () => {
    for (const s of contract.settings) {
      assert.equal(s.env, s.name.replaceAll(':', '__'), s.name);
      assert.match(s.env, /^[A-Za-z_][A-Za-z0-9_]*$/, `${s.env} is a portable environment variable name`);
    }
  });

  test('no setting is listed twice', () => {
    const names = contract.settings.map((s) => s.env.toLowerCase());
    assert.deepEqual(names, [...new Set(names)]);
  });

  test('the settings the task names are all there, with their defaults', () => {
    const expected = {
      ConnectionStrings__Postgres: null,
      Cluster__ClusterId: 'orleanschat',
      Cluster__ServiceId: 'orleanschat',
      Silo__Name: null,
      Silo__Port: 11111,
      Silo__ProbePort: 11112,
      Silo__AdvertisedAddress: null,
      POD_IP: null,
      POD_NAME: null,
      Silo__ShutdownTimeout: '00:00:30',
      ASPNETCORE_URLS: { silo: 'http://+:8080', gateway: 'http://+:5000' },
      Gateway__Http__AllowedOrigins__0: '',
      Gateway__Auth__SigningSecret: null,
    };
    for (const [env, value] of Object.entries(expected)) {
      assert.ok(setting(env), `${env} is in the contract`);
      assert.deepEqual(setting(env).default, value, `${env} default`);
    }
  });

  test('secrets are marked secret and have no default', () => {
    for (const env of ['ConnectionStrings__Postgres', 'Gateway__Auth__SigningSecret']) {
      assert.equal(setting(env).secret, true, `${env} is secret`);
      assert.equal(setting(env).default, null, `${env} has no default value`);
    }
    for (const s of contract.settings.filter((s) => s.secret)) {
      assert.equal(s.default, null, `secret ${s.env} has no default`);
    }
  });

  test('port defaults agree with the component ports', () => {
    const silo = contract.components.silo.ports;
    assert.equal(settingDefault(setting('Silo__Port'), 'silo'), silo.silo);
    assert.equal(settingDefault(setting('Silo__ProbePort'), 'silo'), silo.probe);
    for (const component of components) {
      assert.equal(urlPort(settingDefault(setting('ASPNETCORE_URLS'), component)), contract.components[component].ports.http, `${component} HTTP port`);
    }
    const ports = Object.values(silo);
    assert.equal(new Set(ports).size, ports.length, 'silo ports are distinct');
  });

  test('the shutdown timeout default is a TimeSpan of at least a few seconds', () => {
    const seconds = timeSpanSeconds(setting('Silo__ShutdownTimeout').default);
    assert.ok(seconds >= 5 && seconds <= 300, `${seconds} s`);
  });

  test('the container user is the non-root app user of the .NET images', () => {
    assert.equal(contract.containerUser.uid, 1654);
    assert.equal(contract.postgres.image, 'postgres:15');
  });
});
