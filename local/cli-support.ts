/**
 * What the CLI's API commands share: the target options (`--api-url`, `--api-key`, `--local`),
 * output (readable tables by default, JSON with `--json`), and argument parsing helpers.
 */
import type { Command } from 'commander';
import { createApiClient, resolveTarget, type ApiClient } from './api-client';

/** Options every API command accepts. */
export interface TargetOptions {
  apiUrl?: string;
  apiKey?: string;
  local?: boolean;
}

/** Adds `--api-url`, `--api-key` and `--local` to a command. */
export const withTargetOptions = (command: Command): Command =>
  command
    .option('--api-url <url>', 'API to talk to (default: DEMARCHE_API_URL, cdk-outputs.json, else the local archive)')
    .option('--api-key <key>', 'API key (default: DEMARCHE_API_KEY, else the local archive’s)')
    .option('--local', 'talk to the local archive even if DEMARCHE_API_URL or cdk-outputs.json say otherwise');

/** The client for the target the options (and environment) name. */
export const clientFor = (options: TargetOptions): ApiClient =>
  createApiClient(resolveTarget({ apiUrl: options.apiUrl, apiKey: options.apiKey, local: options.local }));

/** Where command output goes (replaceable in tests). */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** The process's stdout and stderr. */
export const processOutput: Output = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/** Parses a positive integer option. */
export const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got ${value}`);
  return n;
};

/** Collects a repeatable option's values (also comma separated). */
export const collect = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const truncate = (text: string, width: number): string => (text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`);

/** A column of a table: its heading and how to read a cell from a row. */
export interface Column<T> {
  readonly heading: string;
  readonly value: (row: T) => string;
  /** Share of the leftover width this column may take (the widest text column, usually 1). */
  readonly flex?: number;
}

/** Renders rows as an aligned text table fitting `width` characters. */
export const renderTable = <T>(rows: readonly T[], columns: readonly Column<T>[], width: number = process.stdout.columns || 120): string[] => {
  const cells = rows.map((row) => columns.map((c) => oneLine(c.value(row))));
  const natural = columns.map((c, i) => Math.max(c.heading.length, ...cells.map((r) => r[i]!.length)));
  const gap = 2;
  const fixed = columns.reduce((sum, c, i) => sum + (c.flex ? 0 : natural[i]!), 0) + gap * (columns.length - 1);
  const flexTotal = columns.reduce((sum, c) => sum + (c.flex ?? 0), 0);
  const room = Math.max(20, width - fixed);
  const widths = columns.map((c, i) => (c.flex ? Math.min(natural[i]!, Math.max(10, Math.floor((room * c.flex) / flexTotal))) : natural[i]!));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? truncate(v, widths[i]!) : truncate(v, widths[i]!).padEnd(widths[i]!)))
      .join(' '.repeat(gap))
      .trimEnd();
  return [line(columns.map((c) => c.heading)), ...cells.map(line)];
};

/** Reads a string field from an unknown object, trying several names. */
export const field = (row: unknown, ...names: string[]): string => {
  if (typeof row !== 'object' || row === null) return '';
  for (const name of names) {
    const value = (row as Record<string, unknown>)[name];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? field(v, 'topic', 'name', 'id') : String(v))).join(', ');
    if (typeof value === 'object') return field(value, 'date', 'at', 'name', 'id');
  }
  return '';
};
