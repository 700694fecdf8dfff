import type { ProcedureStep } from '@oscc/contract';

/** A procedure version's steps, as stored (one JSON document; PGlite and pg may hand it back parsed or as text). */
export function parseSteps(raw: unknown): ProcedureStep[] {
  if (raw === null || raw === undefined) return [];
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as ProcedureStep[];
}
