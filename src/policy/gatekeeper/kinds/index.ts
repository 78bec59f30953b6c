// The constraint kinds kubeguard evaluates natively, by kind.
import { IMAGE_KINDS } from './images';
import { OBJECT_KINDS } from './objects';
import type { ConstraintKind } from './kind';
import { POD_SECURITY_KINDS } from './pod-security';
import { RESOURCE_KINDS } from './resources';

export const CONSTRAINT_KINDS: ReadonlyMap<string, ConstraintKind> = new Map([...POD_SECURITY_KINDS, ...IMAGE_KINDS, ...RESOURCE_KINDS, ...OBJECT_KINDS].map((kind) => [kind.kind, kind]));
