/** How the instance picker writes money, hours and sizes, and reads sizes people type. */

import type { CurrentInstance, Recommendation } from '../generated/api-types';
import { namesOf } from '../idle/notice';

const MONTHLY = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2
});

// Hourly prices of small types differ in the third and fourth decimal (0.0464 vs 0.05).
const HOURLY = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4
});

/** "$1,234.50" */
export function formatMoney(usd: number): string {
  return Number.isFinite(usd) ? MONTHLY.format(usd) : '–';
}

/** "$0.0464/h"; a type without a price is not offered for Studio notebooks there. */
export function formatHourly(usd: number | null): string {
  return usd !== null && Number.isFinite(usd) ? `${HOURLY.format(usd)}/h` : 'not offered';
}

/** "$52.30/month" */
export function formatMonthly(usd: number): string {
  return Number.isFinite(usd) ? `${formatMoney(usd)}/month` : '–';
}

function trimmed(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/** "8 h/day", "0.5 h/day" */
export function formatHoursPerDay(hours: number): string {
  return `${trimmed(hours, 2)} h/day`;
}

/** An idle timeout: "45 min", "1 h", "1 h 30 min". */
export function formatMinutes(minutes: number): string {
  const whole = Math.round(minutes);
  if (whole < 60) {
    return `${whole} min`;
  }
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** A size in GB as a person reads it: "50 MB" below 1 GB, "16 GB", "1.5 TB". */
export function formatSize(gb: number): string {
  if (gb < 1) {
    return `${trimmed(gb * MB_PER_GB, 1)} MB`;
  }
  if (gb >= GB_PER_TB) {
    return `${trimmed(gb / GB_PER_TB, 2)} TB`;
  }
  return `${trimmed(gb, 2)} GB`;
}

/** "16 GiB" for an instance's memory. */
export function formatGib(gib: number): string {
  return `${trimmed(gib, 2)} GiB`;
}

// Decimal units, as people and the seed write them ("15 Mb" is fifteen megabytes).
const MB_PER_GB = 1000;
const GB_PER_TB = 1000;

const UNIT_TO_GB: Record<string, number> = {
  kb: 1 / (MB_PER_GB * 1000),
  k: 1 / (MB_PER_GB * 1000),
  mb: 1 / MB_PER_GB,
  m: 1 / MB_PER_GB,
  gb: 1,
  g: 1,
  gib: 1,
  mib: 1 / MB_PER_GB,
  tb: GB_PER_TB,
  t: GB_PER_TB
};

export type SizeParse =
  { ok: true; gb: number | undefined } | { ok: false; message: string };

/**
 * Read a size as typed: "50 Mb", "50MB", "2 GB", "0.5" (GB without a unit). Empty is
 * fine (the server's default). Units are read without regard to case, as the seed
 * writes "Mb" for megabytes.
 */
export function parseSize(text: string): SizeParse {
  const trimmedText = text.trim();
  if (!trimmedText) {
    return { ok: true, gb: undefined };
  }
  const match = /^(\d+(?:[.,]\d+)?|[.,]\d+)\s*([a-z]*)$/i.exec(trimmedText);
  if (!match) {
    return {
      ok: false,
      message: `"${trimmedText}" is not a size: write a number and a unit, e.g. 50 MB or 2 GB.`
    };
  }
  const value = Number(match[1].replace(',', '.'));
  const unit = match[2].toLowerCase() || 'gb';
  const factor = UNIT_TO_GB[unit];
  if (factor === undefined) {
    return {
      ok: false,
      message: `"${match[2]}" is not a unit: use KB, MB, GB or TB.`
    };
  }
  return { ok: true, gb: value * factor };
}

export type NumberParse =
  { ok: true; value: number | undefined } | { ok: false; message: string };

/** Hours per day as typed: empty (the server's default) or a number from 0 to 24. */
export function parseHoursPerDay(text: string): NumberParse {
  const trimmedText = text.trim();
  if (!trimmedText) {
    return { ok: true, value: undefined };
  }
  const value = Number(trimmedText.replace(',', '.'));
  if (!Number.isFinite(value) || value <= 0 || value > 24) {
    return {
      ok: false,
      message: 'Hours per day must be a number above 0 and at most 24.'
    };
  }
  return { ok: true, value };
}

/** "4 vCPU · 16 GiB · 1 × NVIDIA T4 (16 GiB)" */
export function describeSpecs(
  spec: Pick<
    Recommendation,
    'vcpu' | 'memory_gib' | 'gpus' | 'gpu_model' | 'gpu_memory_gib'
  >
): string {
  const parts = [`${spec.vcpu} vCPU`, formatGib(spec.memory_gib)];
  if (spec.gpus > 0) {
    parts.push(
      `${spec.gpus} × ${spec.gpu_model ?? 'GPU'} (${formatGib(spec.gpu_memory_gib)} GPU memory)`
    );
  }
  return parts.join(' · ');
}

/**
 * Who the switch stops the space for, as a sentence: in a shared space everyone there
 * loses their kernels with it. '' when only the person asking is known to be there.
 */
export function stoppedForText(current: CurrentInstance): string {
  const people = current.people ?? [];
  const others = people.filter(p => !p.you);
  if (!others.length) {
    return '';
  }
  const everyone = people.map(p => (p.you ? `${p.display_name} (you)` : p.display_name));
  return (
    `Connected now: ${everyone.join(', ')}. The switch stops the space for all of them: ` +
    `${namesOf(others)} lose${others.length === 1 ? 's' : ''} their running kernels and ` +
    'terminals too, and their open documents are saved first.'
  );
}
