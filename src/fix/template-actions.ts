// Files that are templates for another tool (Go templates, Flux or envsubst substitution) are never fixed: their
// `{{ .x }}` actions parse as YAML flow mappings only by accident (go-yaml and PyYAML reject them), and whatever
// renders them decides what the manifest finally is.
import { isCollection, isMap, visit, type Document, type Node, type Pair } from 'yaml';

export interface TemplateAction {
  /** Offset of the action in the text. */
  offset: number;
  /** The action as written, shortened: `{{ .fluxns }}`, `${CLUSTER_NAME}`. */
  text: string;
  reason: string;
}

// envsubst / Flux post-build substitution: ${VAR}, ${VAR:=default}, ${VAR:-default} (names without dots: CSI's
// `${pvc.name}` StorageClass parameters are Kubernetes' own).
const SUBSTITUTION = /\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:]?[-=+?][^}]*)?\}/;

function excerpt(text: string): string {
  const line = text.split(/\r?\n/)[0];
  return line.length > 40 ? `${line.slice(0, 37)}...` : line;
}

/**
 * The first template action in the documents of a file: a flow collection written `{{...}}` (an unquoted Go template
 * action), a mapping key that is itself a collection (go-yaml cannot load it), or a `${VAR}` substitution slot in a
 * plain or quoted scalar. Block scalars (`|`, `>`) are left out: scripts and config files embedded there use `${}`
 * and `{{ }}` for their own purposes.
 */
export function findTemplateAction(documents: readonly Document[], text: string): TemplateAction | undefined {
  let found: TemplateAction | undefined;
  const at = (node: Node, reason: string) => {
    const offset = node.range?.[0] ?? 0;
    found = { offset, text: excerpt(text.slice(offset, node.range?.[1] ?? offset)), reason };
    return visit.BREAK;
  };
  for (const document of documents) {
    visit(document, {
      Pair(_, pair: Pair<unknown, unknown>) {
        if (isCollection(pair.key) && !(isMap(pair.key) && text.startsWith('{{', (pair.key as Node).range?.[0] ?? -1))) {
          return at(pair.key as Node, 'a mapping key that is itself a mapping or list, which go-yaml rejects');
        }
        return undefined;
      },
      Map(_, map) {
        if (map.flow && map.range && text.startsWith('{{', map.range[0])) return at(map, 'an unquoted template action, which YAML reads as a flow mapping');
        return undefined;
      },
      Scalar(_, scalar) {
        if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED' || typeof scalar.value !== 'string') return undefined;
        // A slot is one token (`app.${domain}`, `${replicas}`); shell commands, which use ${VAR} themselves, have spaces.
        const slot = /\s/.test(scalar.value) ? null : SUBSTITUTION.exec(scalar.value);
        if (slot) {
          found = { offset: scalar.range?.[0] ?? 0, text: slot[0], reason: 'a ${VAR} substitution slot (envsubst, Flux post-build)' };
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (found) return found;
  }
  return undefined;
}

