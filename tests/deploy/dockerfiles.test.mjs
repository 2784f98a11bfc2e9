// The Dockerfiles cannot be built here (no Docker engine), so their structure is checked:
// official base images, a non-root user, a health check on the liveness endpoint, the ports and
// entry point of the contract, and a restore step that copies every project it needs.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, test } from 'node:test';
import { execForm, parseDockerfile, stageEnv } from './lib/dockerfile.mjs';
import { ROOT, loadContract, readText, settingDefault, urlPort } from './lib/repo.mjs';

const contract = loadContract();
const envNames = (component) => contract.settings.filter((s) => s.components.includes(component)).map((s) => s.env);

// Projects a project references, transitively, as repository-relative paths.
function projectClosure(project) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path)) {
      return;
    }
    seen.add(path);
    const text = readText(join(ROOT, path));
    for (const match of text.matchAll(/<ProjectReference\s+Include="([^"]+)"/g)) {
      visit(normalize(relative(ROOT, join(ROOT, dirname(path), match[1].replaceAll('\\', '/')))));
    }
  };
  visit(project);
  return [...seen].sort();
}

for (const [name, component] of Object.entries(contract.components)) {
  const file = join(ROOT, component.dockerfile);
  const { stages } = parseDockerfile(file);
  const [build, runtime] = stages;
  const find = (stage, instruction) => stage.instructions.filter((i) => i.instruction === instruction);

  describe(`${component.dockerfile}`, () => {
    test('builds with the .NET 10 SDK image and runs on the ASP.NET Core 10 image', () => {
      assert.equal(stages.length, 2, 'two stages: build and runtime');
      assert.equal(build.image, 'mcr.microsoft.com/dotnet/sdk:10.0');
      assert.equal(runtime.image, 'mcr.microsoft.com/dotnet/aspnet:10.0');
      assert.ok(build.name, 'the build stage is named');
      assert.ok(find(runtime, 'COPY').some((c) => c.args.startsWith(`--from=${build.name} `)), 'the runtime stage copies the build output');
    });

    test('publishes the contract project and starts its assembly', () => {
      assert.ok(find(build, 'RUN').some((r) => r.args.includes(`dotnet publish ${component.project}`)), `publishes ${component.project}`);
      const [entrypoint] = find(runtime, 'ENTRYPOINT');
      assert.deepEqual(execForm(entrypoint.args), ['dotnet', component.assembly]);
    });

    test('runs as the numeric non-root user of the contract', () => {
      const users = find(runtime, 'USER');
      assert.ok(users.length > 0, 'the runtime stage sets USER');
      const user = users.at(-1).args;
      assert.match(user, /^\d+(:\d+)?$/, 'numeric, so Kubernetes runAsNonRoot can verify it');
      assert.notEqual(Number(user.split(':')[0]), 0, 'not root');
      assert.equal(Number(user.split(':')[0]), contract.containerUser.uid);
    });

    test('listens on the contract HTTP port and exposes every contract port', () => {
      const env = stageEnv(runtime);
      assert.equal(env.ASPNETCORE_URLS, settingDefault(contract.settings.find((s) => s.env === 'ASPNETCORE_URLS'), name));
      assert.equal(urlPort(env.ASPNETCORE_URLS), component.ports.http);
      const exposed = find(runtime, 'EXPOSE').flatMap((e) => e.args.split(/\s+/)).map((p) => Number(p.split('/')[0]));
      assert.deepEqual(exposed.sort(), Object.values(component.ports).sort());
    });

    test('sets only environment variables of the contract (or the base image)', () => {
      const allowed = new Set([...envNames(name), 'ASPNETCORE_HTTP_PORTS']);
      for (const [key, value] of Object.entries(stageEnv(runtime))) {
        assert.ok(allowed.has(key), `${key} is in deploy/config-contract.json for ${name}`);
        const s = contract.settings.find((x) => x.env === key);
        if (s && settingDefault(s, name) !== null && typeof settingDefault(s, name) !== 'object') {
          assert.equal(String(value), String(settingDefault(s, name)), `${key} equals the contract default`);
        }
      }
    });

    test('HEALTHCHECK probes the liveness endpoint on the HTTP port', () => {
      const checks = find(runtime, 'HEALTHCHECK');
      assert.equal(checks.length, 1);
      const [, options, command] = /^((?:--\S+\s+)*)CMD\s+(.*)$/.exec(checks[0].args) ?? [];
      assert.ok(command, 'HEALTHCHECK ... CMD [...]');
      for (const option of ['interval', 'timeout', 'start-period', 'retries']) {
        assert.match(options, new RegExp(`--${option}=\\d+s?\\b`), `--${option} is set`);
      }
      const argv = execForm(command);
      assert.ok(argv, 'exec form, so no shell is needed');
      assert.equal(argv[0], 'curl');
      assert.ok(argv.includes('--fail'), 'curl --fail turns HTTP errors into a failed check');
      assert.equal(argv.at(-1), `http://localhost:${component.ports.http}${component.endpoints.liveness}`);
      assert.ok(find(runtime, 'RUN').some((r) => /apt-get install .*\bcurl\b/.test(r.args)), 'curl is installed');
    });

    test('copies every project the restore needs before restoring', () => {
      const restoreIndex = build.instructions.findIndex((i) => i.instruction === 'RUN' && i.args.includes('dotnet restore'));
      assert.ok(restoreIndex > 0, 'the build stage runs dotnet restore');
      const copied = build.instructions.slice(0, restoreIndex)
        .filter((i) => i.instruction === 'COPY')
        .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
      for (const project of projectClosure(component.project)) {
        assert.ok(copied.includes(project), `${project} is copied before dotnet restore (it is referenced by ${component.project})`);
      }
      for (const props of ['Directory.Build.props', 'Directory.Packages.props']) {
        assert.ok(copied.includes(props), `${props} is copied before dotnet restore`);
      }
      for (const source of copied.filter((s) => !s.startsWith('--'))) {
        assert.ok(existsSync(join(ROOT, source)), `${source} exists in the repository`);
      }
    });
  });
}

describe('.dockerignore', () => {
  test('keeps build output and local data out of the build context', () => {
    const lines = readText(join(ROOT, '.dockerignore')).split('\n').map((l) => l.trim());
    for (const pattern of ['**/bin/', '**/obj/', '.data/', '**/node_modules/', '.git']) {
      assert.ok(lines.includes(pattern), `${pattern} is ignored`);
    }
    assert.ok(!lines.includes('src/') && !lines.includes('src'), 'src/ is part of the context');
  });
});
