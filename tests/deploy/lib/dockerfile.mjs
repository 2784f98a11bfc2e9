// A small Dockerfile reader: instructions with their arguments, line continuations joined,
// comments dropped, grouped into build stages. Enough for checking structure, not for building.
import { readText } from './repo.mjs';

export function parseDockerfile(file) {
  const lines = readText(file).split('\n');
  const instructions = [];
  let pending = null;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (pending === null && (line === '' || line.startsWith('#'))) {
      return;
    }
    if (pending !== null && line.startsWith('#')) {
      return;
    }
    const continues = line.endsWith('\\');
    const text = continues ? line.slice(0, -1).trim() : line;
    if (pending === null) {
      pending = { line: index + 1, text };
    } else {
      pending.text = `${pending.text} ${text}`.trim();
    }
    if (!continues) {
      const [, keyword, args = ''] = /^(\S+)\s*(.*)$/.exec(pending.text);
      instructions.push({ line: pending.line, instruction: keyword.toUpperCase(), args });
      pending = null;
    }
  });
  if (pending !== null) {
    throw new Error(`${file}: the last instruction ends with a line continuation`);
  }

  const stages = [];
  for (const instruction of instructions) {
    if (instruction.instruction === 'FROM') {
      const [, image, name] = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      stages.push({ image, name, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.instruction !== 'ARG') {
        throw new Error(`${file}:${instruction.line}: ${instruction.instruction} before the first FROM`);
      }
    } else {
      stages.at(-1).instructions.push(instruction);
    }
  }
  return { instructions, stages };
}

/** ENV instructions of a stage as a map (the KEY=value form, several per line). */
export function stageEnv(stage) {
  const env = {};
  for (const { instruction, args } of stage.instructions) {
    if (instruction !== 'ENV') {
      continue;
    }
    for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|(\S*))/g)) {
      env[match[1]] = match[3] ?? match[4];
    }
  }
  return env;
}

/** The JSON (exec) form of CMD/ENTRYPOINT/HEALTHCHECK CMD, or null for the shell form. */
export function execForm(text) {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
  } catch {
    return null;
  }
}
