// The rule list. Each family keeps its own block; add a rule by importing it and listing it in its block.
import type { Rule } from '../engine/types';

// --- Pod Security Standards: baseline and restricted
const podSecurityStandards: Rule<any>[] = [];

// --- Hardening, secrets, image sources
const hardening: Rule<any>[] = [];

// --- RBAC scope, network exposure
const accessAndNetwork: Rule<any>[] = [];

// --- Reliability, governance, AKS
const reliability: Rule<any>[] = [];

export const rules: readonly Rule<any>[] = [...podSecurityStandards, ...hardening, ...accessAndNetwork, ...reliability];

const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));

export function getRule(id: string): Rule<any> | undefined {
  return byId.get(id);
}
